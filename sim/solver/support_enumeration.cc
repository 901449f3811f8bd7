// Support enumeration, organised as a search over the vertices of the two best-response
// polyhedra (Avis, Rosenberg, Savani & von Stengel 2010, sections 2-3):
//
//   Qbar = {(y, v) : y in simplex, A y <= v 1}   (column player's mixed strategies y)
//   Pbar = {(x, u) : x in simplex, B'x <= u 1}   (row player's mixed strategies x)
//
// A pair of supports (I, J) with |I| = |J| = k is a basis: the k + 1 equations "rows in I are
// indifferent against y on J, and y sums to 1". Its solution, if y >= 0 and no row outside I
// does better, is a vertex of Qbar. Every extreme equilibrium is a pair of such vertices (x, y)
// with supp(x) within the best responses to y and supp(y) within the best responses to x.
//
// Phase 1 enumerates, for each column support J, the row sets I by a depth-first search that
// adds the equations one row at a time, keeping a solution and a null-space basis of the
// equations so far (the work for a prefix of I is shared by all its extensions). After k - 1 rows
// the solutions form a line and the k-th row fixes the point on it, so each support pair costs
// two dot products instead of a fresh factorisation. The sign test y >= 0 and the best-response
// test are intervals on that line; only rows binding at an end of both get the exact Eigen LU
// re-solve and the check against every row. For a vertex y with exactly |J| best responses the
// only candidate partner x solves the square system on (best responses of y, J), checked alike.
//
// Degenerate games: a vertex y with more best responses than its support size (or whose partner
// system is singular) is kept aside; phase 2 then enumerates the vertices x of Pbar whose support
// lies within those best-response sets and pairs them with the set-aside y by the label test.
// Every vertex has a nonsingular square basis, so skipping singular square systems loses none.
//
// Pruning: iterated elimination of strictly dominated strategies, and conditional dominance
// (Porter, Nudelman & Shoham 2008): given support J, a row beaten on every column of J by another
// row can never be a best response to y on J.
#include "sim/solver/support_enumeration.h"

#include "sim/solver/equilibrium_set.h"
#include "sim/solver/strategy_mask.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <set>
#include <stdexcept>
#include <unordered_set>
#include <utility>
#include <vector>

namespace kaesong {

bool SupportEnumerationOptions::IsValid(std::string* why) const {
  return IsValidTolerance(tolerance, why) && IsValidLimit("max_supports", max_supports, why);
}

namespace {

using Eigen::Index;
using Mask = StrategyMask;
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

constexpr Index kMaxStrategies = kMaxMaskStrategies;
// A reduced row (or the solution direction) below this fraction of its original size makes the
// equations dependent: the support pair's system is singular.
constexpr double kDependent = 1e-11;
// LU pivots below this fraction of the largest pivot mark a singular square system.
constexpr double kSingularPivot = 1e-12;

// Dot product of two short contiguous vectors (plain loop: no expression overhead).
double Dot(const double* u, const double* v, Index n) {
  double sum = 0.0;
  for (Index e = 0; e < n; ++e) sum += u[e] * v[e];
  return sum;
}

// Tolerances on payoffs normalised to the range [0, 1] and on probabilities.
struct Tolerances {
  double dominance = 0.0;      // strict dominance needs a margin above this everywhere
  double best_response = 0.0;  // payoffs within this of the best count as best responses
  double negative = 0.0;       // probabilities down to -negative count as zero
};

// Iterated elimination of strictly dominated pure strategies. Removing one strategy at a time is
// safe because strict dominance is transitive. Returns kept indices, ascending.
void EliminateDominated(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, double margin,
                        std::vector<Index>& rows, std::vector<Index>& cols) {
  rows.resize(static_cast<std::size_t>(a.rows()));
  cols.resize(static_cast<std::size_t>(a.cols()));
  std::iota(rows.begin(), rows.end(), Index{0});
  std::iota(cols.begin(), cols.end(), Index{0});
  bool changed = true;
  while (changed) {
    changed = false;
    for (std::size_t p = 0; p < rows.size() && rows.size() > 1;) {
      bool dominated = false;
      for (std::size_t q = 0; q < rows.size() && !dominated; ++q) {
        if (q == p) continue;
        dominated = std::all_of(cols.begin(), cols.end(),
                                [&](Index j) { return a(rows[q], j) > a(rows[p], j) + margin; });
      }
      if (dominated) {
        rows.erase(rows.begin() + static_cast<std::ptrdiff_t>(p));
        changed = true;
      } else {
        ++p;
      }
    }
    for (std::size_t p = 0; p < cols.size() && cols.size() > 1;) {
      bool dominated = false;
      for (std::size_t q = 0; q < cols.size() && !dominated; ++q) {
        if (q == p) continue;
        dominated = std::all_of(rows.begin(), rows.end(),
                                [&](Index i) { return b(i, cols[q]) > b(i, cols[p]) + margin; });
      }
      if (dominated) {
        cols.erase(cols.begin() + static_cast<std::ptrdiff_t>(p));
        changed = true;
      } else {
        ++p;
      }
    }
  }
}

// A vertex of a best-response polyhedron {(z, v) : z in simplex, M z <= v 1}: the mixed strategy
// z over the columns of M, the best-response value v, its support (columns with z > 0) and its
// best responses (rows of M attaining v).
struct Vertex {
  Eigen::VectorXd z;
  double value = 0.0;
  Mask support = 0;
  Mask best = 0;
};

enum class SquareSolve { kVertex, kInfeasible, kSingular };

// Vertex search on one best-response polyhedron. M's rows are the responder's pure strategies,
// its columns those of the player who mixes; its entries must lie in [0, 1] (payoffs normalised
// by the payoff range), which fixes the scale of the singularity tests. All working storage is
// allocated here, once.
class VertexSearch {
 public:
  VertexSearch(const Eigen::MatrixXd& m, const Tolerances& tol, long long& leaves,
               long long leaf_limit)
      : m_(m), tol_(tol), leaves_(leaves), leaf_limit_(leaf_limit) {
    rows_ = m.rows();
    cols_ = m.cols();
    max_k_ = std::min(rows_, cols_);
    const Index w = max_k_ + 1;
    // beats_[r] lists the column sets on which some other row beats r by more than the margin;
    // only the inclusion-maximal sets are kept (r is dominated given J iff J is inside one).
    beats_.resize(static_cast<std::size_t>(rows_));
    for (Index r = 0; r < rows_; ++r) {
      std::vector<Mask> sets;
      for (Index r2 = 0; r2 < rows_; ++r2) {
        if (r2 == r) continue;
        Mask s = 0;
        for (Index c = 0; c < cols_; ++c) {
          if (m(r2, c) > m(r, c) + tol_.dominance) s |= Bit(c);
        }
        if (s != 0) sets.push_back(s);
      }
      auto& kept = beats_[static_cast<std::size_t>(r)];
      for (std::size_t p = 0; p < sets.size(); ++p) {
        bool inside_other = false;
        for (std::size_t q = 0; q < sets.size() && !inside_other; ++q) {
          inside_other = q != p && IsSubset(sets[p], sets[q]) && (sets[p] != sets[q] || q < p);
        }
        if (!inside_other) kept.push_back(sets[p]);
      }
    }
    g_.resize(rows_, w);
    for (Index level = 0; level < std::max<Index>(max_k_, 1); ++level) {
      point_.emplace_back(w);
      null_.emplace_back(w, max_k_);
    }
    dots_.resize(max_k_);
    alpha_.resize(rows_);
    beta_.resize(rows_);
    values_.resize(rows_);
    support_cols_.resize(static_cast<std::size_t>(max_k_));
    chosen_.resize(static_cast<std::size_t>(max_k_));
    candidates_.reserve(static_cast<std::size_t>(rows_));
    for (Index s = 1; s <= w; ++s) {
      systems_.emplace_back(s, s);
      system_rhs_.emplace_back(Eigen::VectorXd::Zero(s));
      solutions_.emplace_back(s);
      lus_.emplace_back(s);
    }
    vertex_.z.resize(cols_);
  }

  bool stopped() const { return stopped_; }

  // True when row r is strictly dominated on the column set `support` by another row.
  bool DominatedGiven(Index r, Mask support) const {
    for (Mask s : beats_[static_cast<std::size_t>(r)]) {
      if (IsSubset(support, s)) return true;
    }
    return false;
  }

  // Calls visit(const Vertex&) for the vertices found from the support pairs (I, support) with
  // |I| = |support|, I among the rows not dominated given `support`. A vertex whose solution has
  // zeros on `support` is reported with its actual (smaller) support. The Vertex passed is
  // reused: copy what you keep.
  template <typename Visit>
  void Search(Mask support, Visit& visit) {
    // A basis needs as many rows as columns.
    if (Count(support) > max_k_) return;
    k_ = 0;
    for (Index c = 0; c < cols_; ++c) {
      if (support & Bit(c)) support_cols_[static_cast<std::size_t>(k_++)] = c;
    }
    support_ = support;
    candidates_.clear();
    for (Index r = 0; r < rows_; ++r) {
      if (!DominatedGiven(r, support)) candidates_.push_back(r);
    }
    if (static_cast<Index>(candidates_.size()) < k_) return;
    const Index w = k_ + 1;
    for (Index r : candidates_) {
      for (Index c = 0; c < k_; ++c) g_(r, c) = m_(r, support_cols_[static_cast<std::size_t>(c)]);
      g_(r, k_) = -1.0;
    }
    // Level 0: the solutions of "z sums to 1" are the point e_0 plus the span of
    // e_c - e_0 (c = 1..k-1) and e_k (the value v).
    point_[0].head(w).setZero();
    point_[0](0) = 1.0;
    Eigen::MatrixXd& basis = null_[0];
    basis.topLeftCorner(w, k_).setZero();
    for (Index c = 1; c < k_; ++c) {
      basis(0, c - 1) = -1.0;
      basis(c, c - 1) = 1.0;
    }
    basis(k_, k_ - 1) = 1.0;
    Descend(0, 0, visit);
  }

  // Solves the square system "rows `tied` indifferent against a mix on columns `support`, mix
  // sums to 1" (|tied| = |support|) with an Eigen LU and checks the solution against every row.
  // On kVertex the result is in vertex().
  SquareSolve SolveSquare(Mask support, Mask tied) {
    k_ = 0;
    for (Index c = 0; c < cols_; ++c) {
      if (support & Bit(c)) support_cols_[static_cast<std::size_t>(k_++)] = c;
    }
    support_ = support;
    Index n = 0;
    for (Index r = 0; r < rows_; ++r) {
      if (tied & Bit(r)) chosen_[static_cast<std::size_t>(n++)] = r;
    }
    if (n != k_) throw std::logic_error("SolveSquare needs |tied| == |support|");
    return SolveChosen(/*gathered=*/false);
  }

  const Vertex& vertex() const { return vertex_; }

 private:
  // The solutions of the equations of level `level` form point_[level] + span of the first
  // k - level columns of null_[level] (each of max-norm 1). Adding the equation g_(r, :) z = 0
  // moves the point along, and eliminates, the basis direction it depends on most. False when it
  // depends on none (the equations are dependent: every support pair extending this prefix is
  // singular).
  bool AddRow(Index level, Index r) {
    // Plain loops: the vectors are short (k + 1 <= 65) and this is the innermost hot path.
    const Index w = k_ + 1;
    const Index dim = k_ - level;
    const double* a = &g_(r, 0);
    const Eigen::MatrixXd& basis = null_[static_cast<std::size_t>(level)];
    const Index ld = basis.rows();
    Index q = -1;
    double q_abs = 0.0;
    for (Index i = 0; i < dim; ++i) {
      const double dot = Dot(a, basis.data() + i * ld, w);
      dots_(i) = dot;
      if (std::abs(dot) > q_abs) {
        q_abs = std::abs(dot);
        q = i;
      }
    }
    if (q < 0 || q_abs <= kDependent) return false;  // rows of g_ and basis columns: max-norm 1
    const double* dir = basis.data() + q * ld;
    const double inv = 1.0 / dots_(q);
    const double* point = point_[static_cast<std::size_t>(level)].data();
    double* next_point = point_[static_cast<std::size_t>(level + 1)].data();
    const double step = Dot(a, point, w) * inv;
    for (Index e = 0; e < w; ++e) next_point[e] = point[e] - step * dir[e];
    double* next = null_[static_cast<std::size_t>(level + 1)].data();
    for (Index i = 0; i < dim; ++i) {
      if (i == q) continue;
      const double* col = basis.data() + i * ld;
      const double f = dots_(i) * inv;
      double norm = 0.0;
      for (Index e = 0; e < w; ++e) {
        next[e] = col[e] - f * dir[e];
        norm = std::max(norm, std::abs(next[e]));
      }
      if (norm > 0.0) {
        const double scale = 1.0 / norm;
        for (Index e = 0; e < w; ++e) next[e] *= scale;
      }
      next += ld;
    }
    return true;
  }

  template <typename Visit>
  void Descend(Index level, std::size_t start, Visit& visit) {
    // `level` rows of I are in place.
    if (level == k_ - 1) {
      Leaves(level, start, visit);
      return;
    }
    const std::size_t needed = static_cast<std::size_t>(k_ - level);  // rows still to choose
    for (std::size_t idx = start; idx + needed <= candidates_.size() && !stopped_; ++idx) {
      const Index r = candidates_[idx];
      if (!AddRow(level, r)) continue;
      chosen_[static_cast<std::size_t>(level)] = r;
      Descend(level + 1, idx + 1, visit);
    }
  }

  // Keeps t within [lo, hi] for the constraint c0 + t c1 <= 0; false when it cannot hold.
  static bool Restrict(double c0, double c1, double& lo, double& hi) {
    if (c1 > 0.0) {
      hi = std::min(hi, -c0 / c1);
    } else if (c1 < 0.0) {
      lo = std::max(lo, -c0 / c1);
    } else if (c0 > 0.0) {
      return false;
    }
    return lo <= hi;
  }

  // k - 1 rows chosen: the solutions form the line z0 + t d. Each remaining candidate row fixes t.
  // A point is a vertex only if z(t) >= 0 on the support and no candidate row does better; both
  // are intervals of t, and the row fixing t must be binding at an end of their intersection.
  // Only such rows get the exact LU re-solve.
  template <typename Visit>
  void Leaves(Index level, std::size_t start, Visit& visit) {
    const Index w = k_ + 1;
    const double* z0 = point_[static_cast<std::size_t>(level)].data();
    const double* d = null_[static_cast<std::size_t>(level)].data();  // first column
    double lo = -std::numeric_limits<double>::infinity();
    double hi = std::numeric_limits<double>::infinity();
    for (Index c = 0; c < k_; ++c) {  // -z_c(t) - negative <= 0
      if (!Restrict(-z0[c] - tol_.negative, -d[c], lo, hi)) return;
    }
    bool best_response_interval = false;  // [lo, hi] also holds the best-response constraints
    for (std::size_t idx = start; idx < candidates_.size(); ++idx) {
      if (leaf_limit_ >= 0 && leaves_ >= leaf_limit_) {
        stopped_ = true;
        return;
      }
      ++leaves_;
      const Index r = candidates_[idx];
      const double* g_row = &g_(r, 0);
      const double alpha = best_response_interval ? alpha_(r) : Dot(g_row, z0, w);
      const double beta = best_response_interval ? beta_(r) : Dot(g_row, d, w);
      if (std::abs(beta) <= kDependent) continue;  // singular pair; rows and d have max-norm 1
      const double t = -alpha / beta;
      if (t < lo || t > hi) continue;
      if (!best_response_interval) {
        // Every candidate row's value at z(t) must stay within tolerance of v(t).
        for (Index other : candidates_) {
          alpha_(other) = Dot(&g_(other, 0), z0, w);
          beta_(other) = Dot(&g_(other, 0), d, w);
          if (!Restrict(alpha_(other) - tol_.best_response, beta_(other), lo, hi)) return;
        }
        best_response_interval = true;
        if (t < lo || t > hi) continue;
      }
      chosen_[static_cast<std::size_t>(k_ - 1)] = r;
      if (SolveChosen(/*gathered=*/true) == SquareSolve::kVertex) visit(vertex_);
    }
  }

  // Solves the square system for the rows chosen_[0..k_) against support_cols_[0..k_) with an
  // Eigen LU, then checks signs and best responses over all rows.
  SquareSolve SolveChosen(bool gathered) {
    const Index w = k_ + 1;
    const std::size_t slot = static_cast<std::size_t>(k_);
    Eigen::MatrixXd& system = systems_[slot];
    for (Index e = 0; e < k_; ++e) {
      const Index r = chosen_[static_cast<std::size_t>(e)];
      if (gathered) {
        system.row(e) = g_.row(r).head(w);
      } else {
        for (Index c = 0; c < k_; ++c) {
          system(e, c) = m_(r, support_cols_[static_cast<std::size_t>(c)]);
        }
        system(e, k_) = -1.0;
      }
    }
    system.row(k_).setOnes();
    system(k_, k_) = 0.0;
    Eigen::VectorXd& rhs = system_rhs_[slot];
    rhs.setZero();
    rhs(k_) = 1.0;
    Eigen::PartialPivLU<Eigen::MatrixXd>& lu = lus_[slot];
    lu.compute(system);
    const auto pivots = lu.matrixLU().diagonal().cwiseAbs();
    if (!(pivots.minCoeff() > kSingularPivot * pivots.maxCoeff())) return SquareSolve::kSingular;
    Eigen::VectorXd& solution = solutions_[slot];
    solution = lu.solve(rhs);
    if (!solution.allFinite()) return SquareSolve::kSingular;
    const double value = solution(k_);
    Mask support = 0;
    for (Index c = 0; c < k_; ++c) {
      if (solution(c) < -tol_.negative) return SquareSolve::kInfeasible;
      if (solution(c) > tol_.negative) support |= Bit(support_cols_[static_cast<std::size_t>(c)]);
    }
    values_.setZero();
    for (Index c = 0; c < k_; ++c) {
      values_.noalias() += solution(c) * m_.col(support_cols_[static_cast<std::size_t>(c)]);
    }
    if (values_.maxCoeff() > value + tol_.best_response) return SquareSolve::kInfeasible;
    Mask best = 0;
    for (Index r = 0; r < rows_; ++r) {
      if (values_(r) >= value - tol_.best_response) best |= Bit(r);
    }
    vertex_.z.setZero();
    for (Index c = 0; c < k_; ++c) {
      vertex_.z(support_cols_[static_cast<std::size_t>(c)]) = solution(c);
    }
    vertex_.value = value;
    vertex_.support = support;
    vertex_.best = best;
    return SquareSolve::kVertex;
  }

  const Eigen::MatrixXd& m_;
  Tolerances tol_;
  long long& leaves_;
  long long leaf_limit_;
  bool stopped_ = false;
  Index rows_ = 0;
  Index cols_ = 0;
  Index max_k_ = 0;
  std::vector<std::vector<Mask>> beats_;

  // Current support pair.
  Index k_ = 0;
  Mask support_ = 0;
  std::vector<Index> support_cols_;
  std::vector<Index> candidates_;
  std::vector<Index> chosen_;

  // Depth-first elimination: g_ holds [M(r, J), -1] for candidate rows r (max-norm 1, as M is
  // normalised to [0, 1]); level l keeps a solution point_[l] of the equations chosen so far and
  // a basis null_[l] (first k - l columns) of their null space. dots_, alpha_, beta_: scratch.
  RowMatrix g_;
  std::vector<Eigen::VectorXd> point_;
  std::vector<Eigen::MatrixXd> null_;
  Eigen::VectorXd dots_;
  Eigen::VectorXd alpha_;
  Eigen::VectorXd beta_;

  // Square re-solve, one set per system size k + 1.
  std::vector<Eigen::MatrixXd> systems_;
  std::vector<Eigen::VectorXd> system_rhs_;
  std::vector<Eigen::VectorXd> solutions_;
  std::vector<Eigen::PartialPivLU<Eigen::MatrixXd>> lus_;
  Eigen::VectorXd values_;
  Vertex vertex_;
};

// Calls f(mask) for every k-subset of {0, ..., n-1}, in lexicographic order of index lists;
// stops early when f returns false.
template <typename F>
void ForEachSubset(Index n, Index k, std::vector<Index>& idx, F&& f) {
  idx.resize(static_cast<std::size_t>(k));
  std::iota(idx.begin(), idx.end(), Index{0});
  while (true) {
    Mask mask = 0;
    for (Index i : idx) mask |= Bit(i);
    if (!f(mask)) return;
    Index p = k - 1;
    while (p >= 0 && idx[static_cast<std::size_t>(p)] == n - k + p) --p;
    if (p < 0) return;
    ++idx[static_cast<std::size_t>(p)];
    for (Index q = p + 1; q < k; ++q) {
      idx[static_cast<std::size_t>(q)] = idx[static_cast<std::size_t>(q - 1)] + 1;
    }
  }
}

class Enumerator {
 public:
  Enumerator(const Bimatrix& game, const SupportEnumerationOptions& options,
             const OnEquilibrium& on_equilibrium)
      : game_(game),
        options_(options),
        on_equilibrium_(on_equilibrium),
        scale_(PayoffScale(game)),
        found_(ProfileTolerance(options.tolerance)) {
    const double t = 0.01 * options.tolerance;
    tol_ = Tolerances{t, t, t};
  }

  SolveResult Run() {
    SolveResult result;
    const Eigen::MatrixXd a = (game_.a.array() - game_.a.minCoeff()) / scale_;
    const Eigen::MatrixXd b = (game_.b.array() - game_.b.minCoeff()) / scale_;
    EliminateDominated(a, b, tol_.dominance, rows_, cols_);
    const Index m = static_cast<Index>(rows_.size());
    const Index n = static_cast<Index>(cols_.size());
    if (m > kMaxStrategies || n > kMaxStrategies) {
      result.status = SolveStatus::kInvalidInput;
      result.message = fmt::format(
          "support enumeration handles at most {} strategies per player after removing strictly "
          "dominated ones; this game has {}x{}",
          kMaxStrategies, m, n);
      return result;
    }
    // Row player's payoffs: rows respond to the column player's mix y (vertices of Qbar).
    const Eigen::MatrixXd a_reduced = a(rows_, cols_);
    // Column player's payoffs transposed: columns respond to the row player's mix x (Pbar).
    const Eigen::MatrixXd bt_reduced = b(rows_, cols_).transpose();
    const long long limit = options_.max_supports;
    VertexSearch y_search(a_reduced, tol_, leaves_, limit);
    VertexSearch x_search(bt_reduced, tol_, leaves_, limit);

    // Phase 1.
    auto on_y = [&](const Vertex& y) { OnVertexY(y, x_search); };
    std::vector<Index> idx;
    for (Index k = 1; k <= std::min(m, n) && !y_search.stopped(); ++k) {
      ForEachSubset(n, k, idx, [&](Mask support) {
        y_search.Search(support, on_y);
        return !y_search.stopped();
      });
    }

    // Phase 2: vertices x whose support lies within the best responses to a set-aside y.
    bool stopped = y_search.stopped();
    if (!set_aside_.empty() && !stopped) {
      auto on_x = [&](const Vertex& x) {
        NoteWitness(x);
        for (const Vertex& y : set_aside_) {
          if (IsSubset(x.support, y.best) && IsSubset(y.support, x.best)) Emit(x, y);
        }
      };
      std::unordered_set<Mask> searched;
      std::set<Mask> best_sets;
      for (const Vertex& y : set_aside_) best_sets.insert(y.best);
      for (Mask t : best_sets) {
        for (Mask s = t; s != 0 && !x_search.stopped(); s = (s - 1) & t) {
          if (searched.insert(s).second) x_search.Search(s, on_x);
        }
      }
      stopped = x_search.stopped();
    }

    result.iterations = leaves_;
    result.degenerate = degenerate_;
    if (stopped) {
      result.status = SolveStatus::kIterationLimit;
      result.message = fmt::format("stopped after {} support pairs (max_supports)", leaves_);
    }
    if (rejected_ > 0) NoteRejected(&result, rejected_, options_.tolerance, scale_);
    result.max_regret = found_.MaxRegret();
    result.equilibria = found_.TakeSorted();
    result.Finish();
    return result;
  }

 private:
  // A vertex with more best responses than its support size, or with zeros on the support it
  // was solved for, proves the game degenerate.
  void NoteWitness(const Vertex& v) {
    if (Count(v.best) > Count(v.support)) degenerate_ = true;
  }

  void OnVertexY(const Vertex& y, VertexSearch& x_search) {
    NoteWitness(y);
    if (Count(y.best) != Count(y.support)) {
      SetAside(y);
      return;
    }
    // Nondegenerate vertex: the partner x has support within y.best and makes every column of
    // y.support a best response, so it solves the square system (y.best, y.support).
    for (Index j = 0; j < static_cast<Index>(cols_.size()); ++j) {
      if ((y.support & Bit(j)) && x_search.DominatedGiven(j, y.best)) return;
    }
    switch (x_search.SolveSquare(/*support=*/y.best, /*tied=*/y.support)) {
      case SquareSolve::kSingular:
        SetAside(y);
        return;
      case SquareSolve::kInfeasible:
        return;
      case SquareSolve::kVertex:
        break;
    }
    const Vertex& x = x_search.vertex();
    NoteWitness(x);
    if (IsSubset(y.support, x.best)) Emit(x, y);
  }

  void SetAside(const Vertex& y) {
    if (set_aside_keys_.insert({y.support, y.best}).second) set_aside_.push_back(y);
  }

  // Maps the reduced-game vertices back to the game, certifies and records the profile.
  void Emit(const Vertex& x, const Vertex& y) {
    MixedProfile profile{Eigen::VectorXd::Zero(game_.rows()), Eigen::VectorXd::Zero(game_.cols())};
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      profile.row(rows_[i]) = x.z(static_cast<Index>(i));
    }
    for (std::size_t j = 0; j < cols_.size(); ++j) {
      profile.col(cols_[j]) = y.z(static_cast<Index>(j));
    }
    CleanDistribution(profile.row);
    CleanDistribution(profile.col);
    if (found_.Contains(profile)) return;
    Equilibrium eq = Certify(game_, std::move(profile));
    if (!(eq.max_regret <= options_.tolerance * scale_)) {
      ++rejected_;
      return;
    }
    found_.Insert(eq);
    if (on_equilibrium_) on_equilibrium_(eq);
  }

  const Bimatrix& game_;
  const SupportEnumerationOptions& options_;
  const OnEquilibrium& on_equilibrium_;
  double scale_;
  Tolerances tol_;
  std::vector<Index> rows_;  // kept (undominated) rows, original indices
  std::vector<Index> cols_;
  long long leaves_ = 0;
  bool degenerate_ = false;
  long long rejected_ = 0;
  std::vector<Vertex> set_aside_;
  std::unordered_set<std::pair<Mask, Mask>, MaskPairHash> set_aside_keys_;
  EquilibriumSet found_;
};

}  // namespace

SolveResult SolveSupportEnumeration(const Bimatrix& game, const SupportEnumerationOptions& options,
                                    const OnEquilibrium& on_equilibrium) {
  if (SolveResult invalid; !CheckSolverInput(game, options, &invalid)) return invalid;
  return Enumerator(game, options, on_equilibrium).Run();
}

}  // namespace kaesong
