#include "sim/solver/markov_newton.h"

#include <Eigen/QR>

#include <algorithm>
#include <cmath>

namespace kaesong {

void MarkovNewtonSystem::Reset(Eigen::Index n, Eigen::Index dense_threshold,
                               const std::vector<Eigen::Index>* block_offsets) {
  n_ = n;
  dense_threshold_ = dense_threshold;
  entries_.clear();
  if (block_offsets == nullptr) {
    offsets_.clear();
    return;
  }
  if (*block_offsets == offsets_ && static_cast<Eigen::Index>(block_of_row_.size()) == n) return;
  offsets_ = *block_offsets;
  const std::size_t num_blocks = offsets_.empty() ? 0 : offsets_.size() - 1;
  blocks_.resize(num_blocks);
  block_of_row_.assign(static_cast<std::size_t>(n), -1);
  for (std::size_t k = 0; k < num_blocks; ++k) {
    for (Eigen::Index r = offsets_[k]; r < offsets_[k + 1]; ++r) {
      block_of_row_[static_cast<std::size_t>(r)] = static_cast<Eigen::Index>(k);
    }
  }
}

bool MarkovNewtonSystem::Factor(double min_rcond) {
  // Row equilibration: rows of the Newton systems differ in scale by many orders of magnitude
  // (logit rows grow with lambda), which would make pivoting and condition estimates meaningless.
  row_scale_.setZero(n_);
  bool finite = true;
  for (const auto& e : entries_) {
    finite = finite && std::isfinite(e.value());
    row_scale_(e.row()) = std::max(row_scale_(e.row()), std::abs(e.value()));
  }
  const bool zero_row = n_ > 0 && !(row_scale_.minCoeff() > 0.0);
  row_scale_ = (row_scale_.array() > 0.0).select(row_scale_.cwiseInverse(), 1.0);
  for (auto& e : entries_) {
    e = Eigen::Triplet<double>(e.row(), e.col(), e.value() * row_scale_(e.row()));
  }
  if (zero_row || !finite) return false;
  if (!offsets_.empty() && FactorBlocks(min_rcond)) {
    method_ = Method::kBlock;
    return true;
  }
  return FactorWhole(min_rcond);
}

bool MarkovNewtonSystem::FactorWhole(double min_rcond) {
  if (n_ <= dense_threshold_) {
    method_ = Method::kDense;
    matrix_.setZero(n_, n_);
    for (const auto& e : entries_) matrix_(e.row(), e.col()) += e.value();
    dense_lu_.compute(matrix_);
    return dense_lu_.rcond() >= min_rcond;  // false for NaN as well
  }
  method_ = Method::kSparse;
  sparse_.resize(n_, n_);
  sparse_.setFromTriplets(entries_.begin(), entries_.end());
  sparse_lu_.analyzePattern(sparse_);
  sparse_lu_.factorize(sparse_);
  return sparse_lu_.info() == Eigen::Success;
}

bool MarkovNewtonSystem::FactorBlocks(double min_rcond) {
  const Eigen::Index global_begin = offsets_.back();
  const Eigen::Index g = n_ - global_begin;
  const std::size_t num_blocks = blocks_.size();
  for (std::size_t k = 0; k < num_blocks; ++k) {
    Block& b = blocks_[k];
    const Eigen::Index m = offsets_[k + 1] - offsets_[k];
    b.a.setZero(m, m);
    b.global_cols.clear();
    b.global_rows.clear();
  }
  schur_dense_ = g <= dense_threshold_;
  if (schur_dense_) {
    schur_.setZero(g, g);
  } else {
    schur_entries_.clear();
  }
  // Pass 1: diagonal blocks, the global-column and global-row lists, and D.
  for (const auto& e : entries_) {
    const Eigen::Index kr = block_of_row_[static_cast<std::size_t>(e.row())];
    const Eigen::Index kc =
        e.col() < global_begin ? block_of_row_[static_cast<std::size_t>(e.col())] : -1;
    if (kr >= 0) {
      if (kc >= 0) {
        if (kc != kr) return false;  // not block structured: use the whole system
        Block& b = blocks_[static_cast<std::size_t>(kr)];
        b.a(e.row() - offsets_[static_cast<std::size_t>(kr)],
            e.col() - offsets_[static_cast<std::size_t>(kr)]) += e.value();
      } else {
        blocks_[static_cast<std::size_t>(kr)].global_cols.push_back(e.col());
      }
    } else if (kc >= 0) {
      blocks_[static_cast<std::size_t>(kc)].global_rows.push_back(e.row());
    } else if (schur_dense_) {
      schur_(e.row() - global_begin, e.col() - global_begin) += e.value();
    } else {
      schur_entries_.emplace_back(e.row() - global_begin, e.col() - global_begin, e.value());
    }
  }
  // Distinct lists, and the diagonal factorisations.
  for (Block& b : blocks_) {
    std::sort(b.global_cols.begin(), b.global_cols.end());
    b.global_cols.erase(std::unique(b.global_cols.begin(), b.global_cols.end()),
                        b.global_cols.end());
    std::sort(b.global_rows.begin(), b.global_rows.end());
    b.global_rows.erase(std::unique(b.global_rows.begin(), b.global_rows.end()),
                        b.global_rows.end());
    b.lu.compute(b.a);
    if (!(b.lu.rcond() >= 1e-13)) return false;
    b.x.setZero(b.a.rows(), static_cast<Eigen::Index>(b.global_cols.size()));
    b.c.setZero(static_cast<Eigen::Index>(b.global_rows.size()), b.a.rows());
  }
  // Pass 2: B_k (into x) and C_k.
  for (const auto& e : entries_) {
    const Eigen::Index kr = block_of_row_[static_cast<std::size_t>(e.row())];
    const Eigen::Index kc =
        e.col() < global_begin ? block_of_row_[static_cast<std::size_t>(e.col())] : -1;
    if (kr >= 0 && kc < 0) {
      Block& b = blocks_[static_cast<std::size_t>(kr)];
      const auto it = std::lower_bound(b.global_cols.begin(), b.global_cols.end(), e.col());
      b.x(e.row() - offsets_[static_cast<std::size_t>(kr)], it - b.global_cols.begin()) +=
          e.value();
    } else if (kr < 0 && kc >= 0) {
      Block& b = blocks_[static_cast<std::size_t>(kc)];
      const auto it = std::lower_bound(b.global_rows.begin(), b.global_rows.end(), e.row());
      b.c(it - b.global_rows.begin(), e.col() - offsets_[static_cast<std::size_t>(kc)]) +=
          e.value();
    }
  }
  // X_k = A_k^-1 B_k and the Schur complement D - sum_k C_k X_k.
  Eigen::MatrixXd update;
  for (Block& b : blocks_) {
    if (b.x.cols() > 0) b.x = b.lu.solve(b.x);
    if (b.c.rows() == 0 || b.x.cols() == 0) continue;
    update.noalias() = b.c * b.x;
    for (Eigen::Index i = 0; i < update.rows(); ++i) {
      const Eigen::Index row = b.global_rows[static_cast<std::size_t>(i)] - global_begin;
      for (Eigen::Index j = 0; j < update.cols(); ++j) {
        const Eigen::Index col = b.global_cols[static_cast<std::size_t>(j)] - global_begin;
        if (schur_dense_) {
          schur_(row, col) -= update(i, j);
        } else {
          schur_entries_.emplace_back(row, col, -update(i, j));
        }
      }
    }
  }
  if (schur_dense_) {
    schur_lu_.compute(schur_);
    return schur_lu_.rcond() >= min_rcond;
  }
  schur_sparse_.resize(g, g);
  schur_sparse_.setFromTriplets(schur_entries_.begin(), schur_entries_.end());
  schur_sparse_lu_.analyzePattern(schur_sparse_);
  schur_sparse_lu_.factorize(schur_sparse_);
  return schur_sparse_lu_.info() == Eigen::Success;
}

namespace {

int DenseSign(const Eigen::PartialPivLU<Eigen::MatrixXd>& lu) {
  int sign = static_cast<int>(lu.permutationP().determinant());
  const auto diagonal = lu.matrixLU().diagonal();
  for (Eigen::Index i = 0; i < diagonal.size(); ++i) {
    if (diagonal(i) < 0.0) sign = -sign;
    if (diagonal(i) == 0.0) return 0;
  }
  return sign;
}

}  // namespace

int MarkovNewtonSystem::DeterminantSign() {
  // Row scaling is by positive factors and does not change the sign.
  switch (method_) {
    case Method::kDense:
      return DenseSign(dense_lu_);
    case Method::kSparse:
      return static_cast<int>(sparse_lu_.signDeterminant());
    case Method::kBlock: {
      // det M = prod_k det A_k * det(Schur complement).
      int sign = schur_dense_ ? DenseSign(schur_lu_)
                              : static_cast<int>(schur_sparse_lu_.signDeterminant());
      for (const Block& b : blocks_) sign *= DenseSign(b.lu);
      return sign;
    }
  }
  return 0;
}

bool MarkovNewtonSystem::SolveMinimumNorm(const Eigen::VectorXd& rhs, Eigen::VectorXd& x,
                                          Eigen::Index max_size) {
  if (n_ > max_size) return false;
  matrix_.setZero(n_, n_);
  for (const auto& e : entries_) matrix_(e.row(), e.col()) += e.value();  // rows already scaled
  if (!matrix_.allFinite()) return false;
  const Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> cod(matrix_);
  x = cod.solve(row_scale_.cwiseProduct(rhs));
  return x.allFinite();
}

bool MarkovNewtonSystem::Solve(const Eigen::VectorXd& rhs, Eigen::VectorXd& x) {
  scaled_rhs_ = row_scale_.cwiseProduct(rhs);
  switch (method_) {
    case Method::kDense:
      x = dense_lu_.solve(scaled_rhs_);
      break;
    case Method::kSparse:
      x = sparse_lu_.solve(scaled_rhs_);
      break;
    case Method::kBlock: {
      const Eigen::Index global_begin = offsets_.back();
      const Eigen::Index g = n_ - global_begin;
      x.resize(n_);
      global_rhs_ = scaled_rhs_.tail(g);
      for (std::size_t k = 0; k < blocks_.size(); ++k) {
        const Block& b = blocks_[k];
        auto y = x.segment(offsets_[k], b.a.rows());
        y = b.lu.solve(scaled_rhs_.segment(offsets_[k], b.a.rows()));
        if (b.c.rows() == 0) continue;
        local_.noalias() = b.c * y;
        for (Eigen::Index i = 0; i < local_.size(); ++i) {
          global_rhs_(b.global_rows[static_cast<std::size_t>(i)] - global_begin) -= local_(i);
        }
      }
      if (schur_dense_) {
        global_x_ = schur_lu_.solve(global_rhs_);
      } else {
        global_x_ = schur_sparse_lu_.solve(global_rhs_);
      }
      for (std::size_t k = 0; k < blocks_.size(); ++k) {
        const Block& b = blocks_[k];
        if (b.x.cols() == 0) continue;
        local_.resize(static_cast<Eigen::Index>(b.global_cols.size()));
        for (Eigen::Index j = 0; j < local_.size(); ++j) {
          local_(j) = global_x_(b.global_cols[static_cast<std::size_t>(j)] - global_begin);
        }
        x.segment(offsets_[k], b.a.rows()).noalias() -= b.x * local_;
      }
      x.tail(g) = global_x_;
      break;
    }
  }
  return x.allFinite();
}

}  // namespace kaesong
