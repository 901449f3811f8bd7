// Vertex enumeration for bimatrix games (Avis, Rosenberg, Savani & von Stengel 2010, sect. 3).
//
// With payoffs scaled to [1, 2] (a positive affine change per player, which keeps the
// equilibria) the best-response polytopes P = {x >= 0 : B'x <= 1} and Q = {y >= 0 : Ay <= 1} are
// bounded, and the extreme equilibria are the completely labelled vertex pairs (x, y) != (0, 0),
// rescaled to probabilities. The polytope of the player with fewer strategies (dimension d, with
// k constraints B'x <= 1) is enumerated by reverse search (Avis & Fukuda 1992):
//
//   * a dictionary (simplex tableau) with the slack basis at the origin as the root, the
//     objective "minimise sum x", whose unique optimum is the origin;
//   * the parent of a basis is the basis reached by one simplex pivot with Bland's rule (the
//     smallest-index improving variable enters) and the lexicographic ratio test (the leaving
//     row is the lexicographically smallest of the rows [rhs, B^-1] divided by the pivot
//     column), which is the ratio test of the polytope with right-hand side perturbed by
//     (eps, eps^2, ...); the perturbed polytope is simple, so every vertex of P is reached from at
//     least one lex-feasible basis and the parent relation is a tree over them;
//   * the children of a basis are found without pivoting: a pivot (e enters, l leaves) leads to
//     a child exactly when e has positive reduced cost and, after the pivot, no variable with a
//     smaller index than l would be improving (each test reads two rows of the tableau).
//
// The search keeps one tableau per tree level (the depth stays near d), so going back up restores
// a saved tableau instead of pivoting back, and rounding error grows only with the depth. A
// degenerate vertex (a basic variable at zero) has several lex-feasible bases; it is handled once,
// keyed by its label sets.
//
// For a vertex x with support I and tight columns T (|T| >= |I| at any vertex), the partners y lie
// on the face of Q with supp(y) in T and (Ay)_i = 1 for i in I. When |T| = |I| the face is the
// single solution of A_IT y_T = 1 (if feasible); otherwise the face's vertices are found by
// trying its candidate bases (SearchFace), and only when that would take too many systems is x set
// aside: after the first search the vertices of Q are then enumerated the same way and matched
// against the set-aside x by their labels.
//
// Tolerances on the scaled polytopes (coordinates and slacks at most 1): values within 1e-9 of
// zero are zero, pivot elements must exceed 1e-9, and reduced costs within 1e-10 of zero are not
// improving. Each profile is certified by its max regret against the original payoffs; a failed
// certificate sends the candidate to the exact re-derivation on its labels.
#include "sim/solver/vertex_enumeration.h"

#include "sim/solver/equilibrium_set.h"
#include "sim/solver/exact_profile.h"
#include "sim/solver/strategy_mask.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <memory>
#include <unordered_set>
#include <utility>
#include <vector>

namespace kaesong {

bool VertexEnumerationOptions::IsValid(std::string* why) const {
  return IsValidTolerance(tolerance, why) && IsValidLimit("max_bases", max_bases, why);
}

namespace {

using Eigen::Index;
using Mask = StrategyMask;
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

constexpr Index kMaxStrategies = kMaxMaskStrategies;  // label sets are bit masks
constexpr double kZero = 1e-9;        // coordinates, slacks and ratio ties
constexpr double kPivot = 1e-9;       // smallest usable pivot element
constexpr double kReducedCost = 1e-10;

// A vertex of {z >= 0 : M z <= 1}: coordinates, support (z_c > 0) and tight rows ((M z)_r = 1).
struct PolytopeVertex {
  Eigen::VectorXd z;
  Mask support = 0;
  Mask tight = 0;
};

// Reverse search over the lex-feasible bases of {z >= 0 : M z <= 1}, M (k x d) positive.
// Variables 0..d-1 are z, d..d+k-1 the slacks of the rows of M. The dictionary keeps only the d
// nonbasic columns: row i reads x_basic(i) + sum_c t(i, c) x_nonbasic(c) = t(i, d), and the last
// row holds the reduced costs of "minimise sum z" (its entry for a basic variable is zero).
class ReverseSearch {
 public:
  explicit ReverseSearch(const Eigen::MatrixXd& m)
      : m_(m), k_(m.rows()), d_(m.cols()), width_(d_ + 1) {
    vertex_.z.resize(d_);
  }

  // Calls visit(const PolytopeVertex&) once for every vertex other than the origin (the vertex
  // passed is reused). Counts visited bases in `bases`; returns false when `limit` (>= 0)
  // stopped the search.
  template <typename Visit>
  bool Run(Visit& visit, long long& bases, long long limit) {
    Level& root = LevelAt(0);
    root.t.setZero();
    for (Index r = 0; r < k_; ++r) {
      root.t.row(r).head(d_) = m_.row(r);
      root.t(r, d_) = 1.0;
      root.basic[static_cast<std::size_t>(r)] = d_ + r;
    }
    for (Index c = 0; c < d_; ++c) root.nonbasic[static_cast<std::size_t>(c)] = c;
    root.t.row(k_).head(d_).setOnes();  // reduced costs of "minimise sum z"
    root.next = 0;
    ++bases;
    seen_.clear();
    std::size_t depth = 0;
    while (true) {
      Level& level = LevelAt(depth);
      bool descended = false;
      for (Index c = level.next; c < d_; ++c) {
        const Index r = ChildPivotRow(level, c);
        if (r < 0) continue;
        level.next = c + 1;
        if (limit >= 0 && bases >= limit) return false;
        Level& child = LevelAt(depth + 1);
        const Level& parent = LevelAt(depth);  // LevelAt may have reallocated
        PivotInto(parent, child, r, c);
        ++bases;
        ++depth;
        if (ReadVertex(child)) visit(vertex_);
        descended = true;
        break;
      }
      if (!descended) {
        if (depth == 0) return true;
        --depth;
      }
    }
  }

  bool degenerate() const { return degenerate_; }

 private:
  struct Level {
    RowMatrix t;                  // k + 1 rows (the last: reduced costs), d + 1 columns
    std::vector<Index> basic;     // basic variable of each row
    std::vector<Index> nonbasic;  // nonbasic variable of each column
    Index next = 0;               // next candidate entering column
  };

  Level& LevelAt(std::size_t depth) {
    while (levels_.size() <= depth) {
      auto level = std::make_unique<Level>();
      level->t.resize(k_ + 1, width_);
      level->basic.resize(static_cast<std::size_t>(k_));
      level->nonbasic.resize(static_cast<std::size_t>(d_));
      levels_.push_back(std::move(level));
    }
    return *levels_[depth];
  }

  // -1, 0, +1 as a < b, a ~ b, a > b (relative tie tolerance kZero).
  static int Compare(double a, double b) {
    const double tol = kZero * (1.0 + std::max(std::abs(a), std::abs(b)));
    if (a < b - tol) return -1;
    if (a > b + tol) return 1;
    return 0;
  }

  // Entry (i, j) of B^-1, the column of slack j in the full tableau: its dictionary column when
  // nonbasic, a unit vector when basic.
  double InverseEntry(const Level& level, Index i, Index j) const {
    const Index var = d_ + j;
    for (Index c = 0; c < d_; ++c) {
      if (level.nonbasic[static_cast<std::size_t>(c)] == var) return level.t(i, c);
    }
    return level.basic[static_cast<std::size_t>(i)] == var ? 1.0 : 0.0;
  }

  // Lexicographic minimum ratio row for entering column c, or -1 when the column has no
  // positive entry.
  Index LexMinRatio(const Level& level, Index c) const {
    const RowMatrix& t = level.t;
    Index best = -1;
    double best_rhs = 0.0, best_te = 0.0;
    for (Index i = 0; i < k_; ++i) {
      const double te = t(i, c);
      if (te <= kPivot) continue;
      const double rhs_i = t(i, d_);
      if (best < 0) {
        best = i;
        best_rhs = rhs_i;
        best_te = te;
        continue;
      }
      // First key without division: rhs_i / te vs rhs_best / tb.
      const double lhs = rhs_i * best_te;
      const double rhs = best_rhs * te;
      // kZero * te * tb * (1 + max of the two ratios), multiplied out to avoid divisions.
      const double tol = kZero * (te * best_te + std::max(lhs, rhs));
      int order = lhs < rhs - tol ? -1 : (lhs > rhs + tol ? 1 : 0);
      for (Index j = 0; order == 0 && j < k_; ++j) {
        order = Compare(InverseEntry(level, i, j) / te, InverseEntry(level, best, j) / best_te);
      }
      if (order < 0) {
        best = i;
        best_rhs = rhs_i;
        best_te = te;
      }
    }
    return best;
  }

  // The pivot row when pivoting column c into the basis leads to a child in the reverse-search
  // tree, else -1.
  Index ChildPivotRow(const Level& level, Index c) const {
    const RowMatrix& t = level.t;
    const double rc = t(k_, c);
    if (rc <= kReducedCost) return -1;  // improving, or dual degenerate
    const Index r = LexMinRatio(level, c);
    if (r < 0) return -1;
    const Index leaving = level.basic[static_cast<std::size_t>(r)];
    // After the pivot `leaving` is improving (reduced cost -rc / t(r, c) < 0); Bland's rule picks
    // it unless a smaller-index nonbasic variable is improving too.
    const double f = rc / t(r, c);
    const double* costs = &t(k_, 0);
    const double* pivot_row = &t(r, 0);
    for (Index q = 0; q < d_; ++q) {
      if (q == c || level.nonbasic[static_cast<std::size_t>(q)] >= leaving) continue;
      if (costs[q] - f * pivot_row[q] < -kReducedCost) return -1;
    }
    return r;
  }

  // child = parent after the pivot on (r, c): the variable of column c enters in row r, the
  // leaving one takes column c.
  void PivotInto(const Level& parent, Level& child, Index r, Index c) const {
    const Index w = width_;
    const double* src = parent.t.data();
    double* dst = child.t.data();
    const double* src_pivot = src + r * w;
    double* pivot = dst + r * w;
    const double inv = 1.0 / src_pivot[c];
    for (Index q = 0; q < w; ++q) pivot[q] = src_pivot[q] * inv;
    pivot[c] = inv;
    for (Index i = 0; i <= k_; ++i) {
      if (i == r) continue;
      const double* from = src + i * w;
      double* to = dst + i * w;
      const double f = from[c];
      if (f == 0.0) {
        std::copy(from, from + w, to);
        continue;
      }
      for (Index q = 0; q < w; ++q) to[q] = from[q] - f * pivot[q];
      to[c] = -f * inv;
    }
    child.basic = parent.basic;
    child.nonbasic = parent.nonbasic;
    child.nonbasic[static_cast<std::size_t>(c)] = parent.basic[static_cast<std::size_t>(r)];
    child.basic[static_cast<std::size_t>(r)] = parent.nonbasic[static_cast<std::size_t>(c)];
    child.next = 0;
  }

  // Fills vertex_ from the basis; false when the vertex was already reported (a degenerate
  // vertex reached again through another basis).
  bool ReadVertex(const Level& level) {
    vertex_.z.setZero();
    Mask support = 0;
    Mask tight = k_ == 64 ? ~Mask{0} : Bit(k_) - 1;
    bool degenerate = false;
    for (Index i = 0; i < k_; ++i) {
      const Index var = level.basic[static_cast<std::size_t>(i)];
      const double value = level.t(i, d_);
      if (var < d_) {
        if (value > kZero) {
          vertex_.z(var) = value;
          support |= Bit(var);
        } else {
          degenerate = true;
        }
      } else if (value > kZero) {
        tight &= ~Bit(var - d_);
      } else {
        degenerate = true;
      }
    }
    vertex_.support = support;
    vertex_.tight = tight;
    if (degenerate) {
      degenerate_ = true;
      if (!seen_.insert({support, tight}).second) return false;
    }
    return support != 0;
  }

  const Eigen::MatrixXd& m_;
  Index k_;
  Index d_;
  Index width_;  // d nonbasic columns and the right-hand side
  std::vector<std::unique_ptr<Level>> levels_;
  PolytopeVertex vertex_;
  bool degenerate_ = false;
  std::unordered_set<std::pair<Mask, Mask>, MaskPairHash> seen_;
};

class Solver {
 public:
  Solver(const Bimatrix& game, const VertexEnumerationOptions& options,
         const OnEquilibrium& on_equilibrium)
      : game_(game),
        options_(options),
        on_equilibrium_(on_equilibrium),
        scale_(PayoffScale(game)),
        found_(ProfileTolerance(options.tolerance)) {}

  SolveResult Run() {
    SolveResult result;
    const Index m = game_.rows();
    const Index n = game_.cols();
    if (m > kMaxStrategies || n > kMaxStrategies) {
      result.status = SolveStatus::kInvalidInput;
      result.message = fmt::format(
          "vertex enumeration handles at most {} strategies per player; this game has {}x{}",
          kMaxStrategies, m, n);
      return result;
    }
    const Eigen::MatrixXd a = PositivePayoffs(game_.a);
    const Eigen::MatrixXd b = PositivePayoffs(game_.b);
    // The first player's polytope is enumerated: the player with fewer strategies.
    swapped_ = m > n;
    // mp_ (k x d): the other player's payoffs against the first player's strategies;
    // mq_ (d x k): the first player's payoffs against the other's strategies.
    if (swapped_) {
      mp_ = a;
      mq_ = b.transpose();
    } else {
      mp_ = b.transpose();
      mq_ = a;
    }
    d_ = mq_.rows();
    k_ = mq_.cols();
    work_.resize(static_cast<std::size_t>((d_ + 1) * (d_ + 2)));
    solution_.resize(d_ + 1);
    values_.resize(d_);
    y_.z.resize(k_);

    bool finished = true;
    {
      ReverseSearch p_search(mp_);
      auto on_x = [&](const PolytopeVertex& x) { OnFirstVertex(x); };
      finished = p_search.Run(on_x, bases_, options_.max_bases);
      degenerate_ = degenerate_ || p_search.degenerate();
    }
    if (finished && !set_aside_.empty()) {
      ReverseSearch q_search(mq_);
      auto on_y = [&](const PolytopeVertex& y) {
        for (const PolytopeVertex& x : set_aside_) {
          if (IsSubset(y.support, x.tight) && IsSubset(x.support, y.tight)) Emit(x, y);
        }
      };
      finished = q_search.Run(on_y, bases_, options_.max_bases);
      degenerate_ = degenerate_ || q_search.degenerate();
    }

    result.iterations = bases_;
    result.degenerate = degenerate_;
    result.rederived = rederived_;
    if (!finished) {
      result.status = SolveStatus::kIterationLimit;
      result.message = fmt::format("stopped after {} bases (max_bases)", bases_);
    }
    if (rejected_ > 0) {
      NoteRejected(&result, rejected_, options_.tolerance, scale_,
                   " and the exact re-derivation,");
    }
    result.max_regret = found_.MaxRegret();
    result.equilibria = found_.TakeSorted();
    result.Finish();
    return result;
  }

 private:
  void OnFirstVertex(const PolytopeVertex& x) {
    rows_.clear();
    cols_.clear();
    for (Index i = 0; i < d_; ++i) {
      if (x.support & Bit(i)) rows_.push_back(i);
    }
    for (Index j = 0; j < k_; ++j) {
      if (x.tight & Bit(j)) cols_.push_back(j);
    }
    if (cols_.size() == rows_.size()) {
      // Nondegenerate x: the only candidate partner solves mq_(I, T) y_T = 1.
      switch (SolvePartner(x, rows_, cols_)) {
        case Partner::kSingular:
          break;  // the face of Q may be a segment or more
        case Partner::kNone:
        case Partner::kFound:
          return;
      }
    }
    degenerate_ = true;
    if (!SearchFace(x)) set_aside_.push_back(x);
  }

  enum class Partner { kFound, kNone, kSingular };

  // Gaussian elimination with partial pivoting of mq_(tied, support) y = 1 into solution_ (a
  // plain loop on a reused buffer: these systems are small and solved once per vertex). False
  // when a pivot falls below 1e-12 of the largest entry (singular).
  bool SolveSquare(const std::vector<Index>& tied, const std::vector<Index>& support) {
    const Index s = static_cast<Index>(support.size());
    const Index w = s + 1;
    double* g = work_.data();
    double largest = 0.0;
    for (Index p = 0; p < s; ++p) {
      for (Index q = 0; q < s; ++q) {
        const double v = mq_(tied[static_cast<std::size_t>(p)], support[static_cast<std::size_t>(q)]);
        g[p * w + q] = v;
        largest = std::max(largest, std::abs(v));
      }
      g[p * w + s] = 1.0;
    }
    for (Index col = 0; col < s; ++col) {
      Index pivot = col;
      for (Index p = col + 1; p < s; ++p) {
        if (std::abs(g[p * w + col]) > std::abs(g[pivot * w + col])) pivot = p;
      }
      if (!(std::abs(g[pivot * w + col]) > 1e-12 * largest)) return false;
      if (pivot != col) {
        for (Index q = col; q < w; ++q) std::swap(g[pivot * w + q], g[col * w + q]);
      }
      const double inv = 1.0 / g[col * w + col];
      for (Index p = col + 1; p < s; ++p) {
        const double f = g[p * w + col] * inv;
        if (f == 0.0) continue;
        for (Index q = col + 1; q < w; ++q) g[p * w + q] -= f * g[col * w + q];
      }
    }
    for (Index p = s - 1; p >= 0; --p) {
      double v = g[p * w + s];
      for (Index q = p + 1; q < s; ++q) v -= g[p * w + q] * solution_(q);
      solution_(p) = v / g[p * w + p];
    }
    return true;
  }

  // Solves mq_(tied, support) y = 1 and, when y is a nonnegative point of Q on which every row of
  // x's support is tight, emits (x, y).
  Partner SolvePartner(const PolytopeVertex& x, const std::vector<Index>& tied,
                       const std::vector<Index>& support) {
    const std::size_t s = support.size();
    if (!SolveSquare(tied, support)) return Partner::kSingular;
    for (std::size_t q = 0; q < s; ++q) {
      if (solution_(static_cast<Index>(q)) < -kZero) return Partner::kNone;
    }
    y_.z.setZero();
    y_.support = 0;
    for (std::size_t q = 0; q < s; ++q) {
      if (solution_(static_cast<Index>(q)) > kZero) {
        y_.z(support[q]) = solution_(static_cast<Index>(q));
        y_.support |= Bit(support[q]);
      }
    }
    if (y_.support == 0) return Partner::kNone;
    values_.noalias() = mq_ * y_.z;
    if (values_.maxCoeff() > 1.0 + kZero) return Partner::kNone;
    y_.tight = 0;
    for (Index i = 0; i < d_; ++i) {
      if (values_(i) >= 1.0 - kZero) y_.tight |= Bit(i);
    }
    if (!IsSubset(x.support, y_.tight)) return Partner::kNone;
    if (Count(y_.tight) > Count(y_.support)) degenerate_ = true;
    Emit(x, y_);
    return Partner::kFound;
  }

  // The vertices of the face {y in Q : supp(y) in T, (mq_ y)_I = 1} of a degenerate x (|T| > |I|,
  // or mq_(I, T) singular), by trying every support J in T with every basis of tight rows that
  // can define a vertex with that support: with r = rank mq_(I, J), r-subsets of I when r = |J|,
  // else r independent rows of I and |J| - r rows outside I (any basis of the tight rows of a
  // vertex extends independent rows of I so). False, leaving the face to the search of Q, when
  // the face has more than 20 tight columns or needs more than 4096 systems.
  bool SearchFace(const PolytopeVertex& x) {
    long long budget = 4096;
    const std::vector<Index> support_rows = rows_;
    const std::vector<Index> tight_cols = cols_;
    const std::size_t nt = tight_cols.size();
    if (nt > 20) return false;
    std::vector<Index> others;
    for (Index i = 0; i < d_; ++i) {
      if (!(x.support & Bit(i))) others.push_back(i);
    }
    std::vector<Index> support, base, tied;
    for (Mask pick = 1; pick < Bit(static_cast<Index>(nt)); ++pick) {
      support.clear();
      for (std::size_t q = 0; q < nt; ++q) {
        if (pick & Bit(static_cast<Index>(q))) support.push_back(tight_cols[q]);
      }
      const std::size_t size = support.size();
      // Greedily independent rows of mq_(I, J).
      base.clear();
      Eigen::MatrixXd block(0, static_cast<Index>(size));
      for (Index i : support_rows) {
        Eigen::MatrixXd grown(block.rows() + 1, block.cols());
        grown.topRows(block.rows()) = block;
        for (std::size_t q = 0; q < size; ++q) {
          grown(block.rows(), static_cast<Index>(q)) = mq_(i, support[q]);
        }
        Eigen::FullPivLU<Eigen::MatrixXd> lu(grown);
        lu.setThreshold(1e-10);
        if (lu.rank() == grown.rows()) {
          block = std::move(grown);
          base.push_back(i);
        }
        if (base.size() == size) break;
      }
      const bool within = base.size() == size;
      const std::vector<Index>& pool = within ? support_rows : others;
      const std::size_t extra = within ? size : size - base.size();
      if (extra > pool.size()) continue;
      std::vector<std::size_t> idx(extra);
      for (std::size_t t = 0; t < extra; ++t) idx[t] = t;
      while (true) {
        if (--budget < 0) return false;
        tied.clear();
        if (!within) tied = base;
        for (std::size_t t : idx) tied.push_back(pool[t]);
        SolvePartner(x, tied, support);
        // Next combination of `extra` out of pool.size().
        std::size_t t = extra;
        while (t > 0 && idx[t - 1] == pool.size() - extra + t - 1) --t;
        if (t == 0) break;
        ++idx[t - 1];
        for (std::size_t u = t; u < extra; ++u) idx[u] = idx[u - 1] + 1;
      }
    }
    return true;
  }

  // Rescales the pair to probabilities in the game's orientation, certifies and records it.
  void Emit(const PolytopeVertex& x, const PolytopeVertex& y) {
    MixedProfile profile;
    Eigen::VectorXd first = x.z / x.z.sum();
    Eigen::VectorXd second = y.z / y.z.sum();
    CleanDistribution(first);
    CleanDistribution(second);
    if (swapped_) {
      profile.row = std::move(second);
      profile.col = std::move(first);
    } else {
      profile.row = std::move(first);
      profile.col = std::move(second);
    }
    if (found_.Contains(profile)) return;
    const double limit = options_.tolerance * scale_;
    Equilibrium eq = Certify(game_, std::move(profile));
    if (!(eq.max_regret <= limit)) {
      ++rederived_;
      std::optional<ExactProfile> exact = ExactEquilibrium(game_, Labels(x, y));
      if (!exact) {
        ++rejected_;
        return;
      }
      eq = Certify(game_, std::move(exact->profile));
      if (!(eq.max_regret <= limit) || found_.Contains(eq.profile)) {
        if (!(eq.max_regret <= limit)) ++rejected_;
        return;
      }
    }
    found_.Insert(eq);
    if (on_equilibrium_) on_equilibrium_(eq);
  }

  // The label sets of the vertex pair in the game's orientation.
  ProfileLabels Labels(const PolytopeVertex& x, const PolytopeVertex& y) const {
    auto bits = [](Mask mask, Index size) {
      std::vector<bool> out(static_cast<std::size_t>(size));
      for (Index k = 0; k < size; ++k) out[static_cast<std::size_t>(k)] = (mask & Bit(k)) != 0;
      return out;
    };
    // x: first player's support, best responses of the other (x.tight); y: the other's support,
    // best responses of the first player (y.tight).
    ProfileLabels labels;
    if (swapped_) {
      labels.row_support = bits(y.support, k_);
      labels.col_support = bits(x.support, d_);
      labels.row_best = bits(x.tight, k_);
      labels.col_best = bits(y.tight, d_);
    } else {
      labels.row_support = bits(x.support, d_);
      labels.col_support = bits(y.support, k_);
      labels.row_best = bits(y.tight, d_);
      labels.col_best = bits(x.tight, k_);
    }
    return labels;
  }

  const Bimatrix& game_;
  const VertexEnumerationOptions& options_;
  const OnEquilibrium& on_equilibrium_;
  double scale_;
  bool swapped_ = false;
  Eigen::MatrixXd mp_;
  Eigen::MatrixXd mq_;
  Index d_ = 0;
  Index k_ = 0;
  std::vector<double> work_;  // SolveSquare's augmented matrix
  std::vector<Index> rows_;
  std::vector<Index> cols_;
  Eigen::VectorXd values_;
  Eigen::VectorXd solution_;
  PolytopeVertex y_;
  std::vector<PolytopeVertex> set_aside_;
  long long bases_ = 0;
  long long rederived_ = 0;
  long long rejected_ = 0;
  bool degenerate_ = false;
  EquilibriumSet found_;
};

}  // namespace

SolveResult SolveVertexEnumeration(const Bimatrix& game, const VertexEnumerationOptions& options,
                                   const OnEquilibrium& on_equilibrium) {
  if (SolveResult invalid; !CheckSolverInput(game, options, &invalid)) return invalid;
  return Solver(game, options, on_equilibrium).Run();
}

}  // namespace kaesong
