// Linear solves inside the Newton iterations of the stochastic-game solvers (markov_qre_trace.cc,
// markov_qre_polish.cc): a square system assembled entry by entry (repeated entries add up), rows
// scaled to unit max norm, then factorised in one of three ways:
//  - dense partially pivoted LU (n <= dense_threshold, no block layout);
//  - Eigen::SparseLU with COLAMD ordering (larger, no block layout);
//  - block elimination when a block layout is given: the unknowns and rows are split into
//    diagonal blocks k (one per state) followed by a global part, rows of block k touching only
//    block k's unknowns and global unknowns. Each diagonal block is LU-factorised on its own and
//    the global unknowns are found from the Schur complement D - sum_k C_k A_k^-1 B_k (dense LU
//    or SparseLU by the same threshold), so the cost grows with the number of states rather than
//    with the cube of the system size. A singular diagonal block falls back to the whole-system
//    factorisation.
// Singular or badly conditioned systems are reported, never thrown.
#pragma once

#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <Eigen/SparseLU>

#include <vector>

namespace kaesong {

class MarkovNewtonSystem {
 public:
  // Starts a new n x n system. `block_offsets`, when given, are the first rows of the diagonal
  // blocks in increasing order followed by the first global row (so block k is
  // [offsets[k], offsets[k+1])); the caller guarantees the sparsity described above.
  void Reset(Eigen::Index n, Eigen::Index dense_threshold,
             const std::vector<Eigen::Index>* block_offsets = nullptr);
  void Add(Eigen::Index row, Eigen::Index col, double value) {
    entries_.emplace_back(row, col, value);
  }
  // Factorises the assembled matrix; false when it is singular (a zero row, a non-finite entry,
  // or a reciprocal condition estimate below min_rcond on a dense factor). Once per assembly.
  bool Factor(double min_rcond = 1e-15);
  // Solves with the last factorisation; false when the solution is not finite.
  bool Solve(const Eigen::VectorXd& rhs, Eigen::VectorXd& x);
  // The minimum-norm least-squares solution (complete orthogonal decomposition of the dense
  // matrix), for singular systems with a manifold of solutions such as degenerate equilibria.
  // Call after Factor (whatever it returned); false when n > max_size or x is not finite.
  bool SolveMinimumNorm(const Eigen::VectorXd& rhs, Eigen::VectorXd& x, Eigen::Index max_size);
  Eigen::Index size() const { return n_; }
  // Sign (+1 or -1, 0 if singular) of the determinant of the last factorised matrix. Used to
  // orient tangents of solution paths (the sign of det [J; t'] is constant along a regular path).
  int DeterminantSign();

 private:
  enum class Method { kDense, kSparse, kBlock };
  bool FactorWhole(double min_rcond);
  bool FactorBlocks(double min_rcond);

  Eigen::Index n_ = 0;
  Eigen::Index dense_threshold_ = 0;
  Method method_ = Method::kDense;
  std::vector<Eigen::Index> offsets_;  // block layout (empty: none)
  std::vector<Eigen::Triplet<double>> entries_;
  Eigen::VectorXd row_scale_;

  // Whole-system factorisations.
  Eigen::MatrixXd matrix_;
  Eigen::PartialPivLU<Eigen::MatrixXd> dense_lu_;
  Eigen::SparseMatrix<double> sparse_;
  Eigen::SparseLU<Eigen::SparseMatrix<double>> sparse_lu_;

  // Block elimination. Per block k: A_k (dense), the global columns its rows touch with
  // X_k = A_k^-1 B_k, and the global rows touching its unknowns with C_k.
  struct Block {
    Eigen::MatrixXd a;
    Eigen::PartialPivLU<Eigen::MatrixXd> lu;
    std::vector<Eigen::Index> global_cols;
    Eigen::MatrixXd x;  // size x global_cols.size()
    std::vector<Eigen::Index> global_rows;
    Eigen::MatrixXd c;  // global_rows.size() x size
  };
  std::vector<Block> blocks_;
  std::vector<Eigen::Index> block_of_row_;  // block index, or -1 for global rows
  Eigen::MatrixXd schur_;                   // dense Schur complement
  Eigen::PartialPivLU<Eigen::MatrixXd> schur_lu_;
  std::vector<Eigen::Triplet<double>> schur_entries_;
  Eigen::SparseMatrix<double> schur_sparse_;
  Eigen::SparseLU<Eigen::SparseMatrix<double>> schur_sparse_lu_;
  bool schur_dense_ = true;
  Eigen::VectorXd scaled_rhs_, global_rhs_, global_x_, local_;
};

}  // namespace kaesong
