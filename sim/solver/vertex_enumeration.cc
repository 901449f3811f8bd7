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
// single solution of A_IT y_T = 1 (if feasible); otherwise x is set aside, and after the first
// search the vertices of Q are enumerated the same way and matched against the set-aside x by
// their labels.
//
// Tolerances on the scaled polytopes (coordinates and slacks at most 1): values within 1e-9 of
// zero are zero, pivot elements must exceed 1e-9, and reduced costs within 1e-10 of zero are not
// improving. Each profile is certified by its max regret against the original payoffs; a failed
// certificate sends the candidate to the exact re-derivation on its labels.
#include "sim/solver/vertex_enumeration.h"

#include "sim/solver/equilibrium_set.h"
#include "sim/solver/exact_profile.h"

#include <fmt/format.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <memory>
#include <unordered_set>
#include <utility>
#include <vector>

namespace kaesong {

bool VertexEnumerationOptions::IsValid(std::string* why) const {
  if (!(std::isfinite(tolerance) && tolerance > 0.0)) {
    if (why) *why = fmt::format("tolerance must be a finite number > 0, got {}", tolerance);
    return false;
  }
  if (max_bases != -1 && max_bases < 1) {
    if (why) *why = fmt::format("max_bases must be -1 (no limit) or >= 1, got {}", max_bases);
    return false;
  }
  return true;
}

namespace {

using Eigen::Index;
using Mask = std::uint64_t;
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

constexpr Index kMaxStrategies = 64;  // label sets are bit masks
constexpr double kZero = 1e-9;        // coordinates, slacks and ratio ties
constexpr double kPivot = 1e-9;       // smallest usable pivot element
constexpr double kReducedCost = 1e-10;

Mask Bit(Index k) { return Mask{1} << k; }
bool IsSubset(Mask a, Mask b) { return (a & ~b) == 0; }
int Count(Mask m) { return std::popcount(m); }

struct MaskPairHash {
  std::size_t operator()(const std::pair<Mask, Mask>& p) const {
    return std::hash<Mask>()(p.first * 0x9E3779B97F4A7C15ULL ^ p.second);
  }
};

// A vertex of {z >= 0 : M z <= 1}: coordinates, support (z_c > 0) and tight rows ((M z)_r = 1).
struct PolytopeVertex {
  Eigen::VectorXd z;
  Mask support = 0;
  Mask tight = 0;
};

// Reverse search over the lex-feasible bases of {z >= 0 : M z <= 1}, M (k x d) positive.
// Variables 0..d-1 are z, d..d+k-1 the slacks of the rows of M.
class ReverseSearch {
 public:
  explicit ReverseSearch(const Eigen::MatrixXd& m)
      : m_(m), k_(m.rows()), d_(m.cols()), vars_(d_ + k_), rhs_(d_ + k_) {
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
      root.t(r, d_ + r) = 1.0;
      root.t(r, rhs_) = 1.0;
      root.basic[static_cast<std::size_t>(r)] = d_ + r;
    }
    root.t.row(k_).head(d_).setOnes();  // reduced costs of "minimise sum z"
    root.next = 0;
    ++bases;
    seen_.clear();
    std::size_t depth = 0;
    while (true) {
      Level& level = LevelAt(depth);
      bool descended = false;
      for (Index e = level.next; e < vars_; ++e) {
        const Index r = ChildPivotRow(level, e);
        if (r < 0) continue;
        level.next = e + 1;
        if (limit >= 0 && bases >= limit) return false;
        Level& child = LevelAt(depth + 1);
        Level& parent = LevelAt(depth);  // LevelAt may have reallocated
        child.t = parent.t;
        child.basic = parent.basic;
        child.next = 0;
        Pivot(child, r, e);
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
    RowMatrix t;                   // k + 1 rows (the last: reduced costs), d + k + 1 columns
    std::vector<Index> basic;      // basic variable of each row
    Index next = 0;                // next candidate entering variable
  };

  Level& LevelAt(std::size_t depth) {
    while (levels_.size() <= depth) {
      auto level = std::make_unique<Level>();
      level->t.resize(k_ + 1, vars_ + 1);
      level->basic.resize(static_cast<std::size_t>(k_));
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

  // Lexicographic minimum ratio row for entering variable e, or -1 when the column has no
  // positive entry.
  Index LexMinRatio(const Level& level, Index e) const {
    const RowMatrix& t = level.t;
    Index best = -1;
    for (Index i = 0; i < k_; ++i) {
      const double te = t(i, e);
      if (te <= kPivot) continue;
      if (best < 0) {
        best = i;
        continue;
      }
      const double tb = t(best, e);
      int c = Compare(t(i, rhs_) / te, t(best, rhs_) / tb);
      for (Index j = 0; c == 0 && j < k_; ++j) {
        c = Compare(t(i, d_ + j) / te, t(best, d_ + j) / tb);
      }
      if (c < 0) best = i;
    }
    return best;
  }

  // The pivot row when pivoting e into the basis leads to a child in the reverse-search tree,
  // else -1.
  Index ChildPivotRow(const Level& level, Index e) const {
    const RowMatrix& t = level.t;
    const double rc = t(k_, e);
    if (rc <= kReducedCost) return -1;  // basic, or improving, or dual degenerate
    const Index r = LexMinRatio(level, e);
    if (r < 0) return -1;
    const Index leaving = level.basic[static_cast<std::size_t>(r)];
    // After the pivot `leaving` is improving (reduced cost -rc / t(r, e) < 0); Bland's rule picks
    // it unless a smaller-index variable is improving too.
    const double f = rc / t(r, e);
    for (Index v = 0; v < leaving; ++v) {
      if (v == e) continue;
      if (t(k_, v) - f * t(r, v) < -kReducedCost) return -1;
    }
    return r;
  }

  void Pivot(Level& level, Index r, Index e) {
    RowMatrix& t = level.t;
    t.row(r) /= t(r, e);
    t(r, e) = 1.0;
    for (Index i = 0; i <= k_; ++i) {
      if (i == r) continue;
      const double f = t(i, e);
      if (f == 0.0) continue;
      t.row(i) -= f * t.row(r);
      t(i, e) = 0.0;
    }
    level.basic[static_cast<std::size_t>(r)] = e;
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
      const double value = level.t(i, rhs_);
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
  Index vars_;
  Index rhs_;  // column of the right-hand side
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
    const Eigen::MatrixXd a = Scaled(game_.a);
    const Eigen::MatrixXd b = Scaled(game_.b);
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
    for (Index s = 0; s <= d_; ++s) {
      systems_.emplace_back(s, s);
      lus_.emplace_back(s);
    }
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
      result.status = SolveStatus::kNumericalIssue;
      result.message = fmt::format(
          "{} candidate profile{} failed the regret certificate (tolerance {:g} x payoff scale "
          "{:g}) and the exact re-derivation, and {} not reported",
          rejected_, rejected_ == 1 ? "" : "s", options_.tolerance, scale_,
          rejected_ == 1 ? "was" : "were");
    }
    result.max_regret = found_.MaxRegret();
    result.equilibria = found_.TakeSorted();
    return result;
  }

 private:
  // Payoffs mapped affinely onto [1, 2] (all ones when constant).
  static Eigen::MatrixXd Scaled(const Eigen::MatrixXd& p) {
    const double lo = p.minCoeff();
    const double range = p.maxCoeff() - lo;
    if (!(range > 0.0)) return Eigen::MatrixXd::Ones(p.rows(), p.cols());
    return ((p.array() - lo) / range + 1.0).matrix();
  }

  void OnFirstVertex(const PolytopeVertex& x) {
    const int s = Count(x.support);
    if (Count(x.tight) > s) {
      degenerate_ = true;
      set_aside_.push_back(x);
      return;
    }
    // Nondegenerate x: the only candidate partner solves mq_(I, T) y_T = 1.
    Eigen::MatrixXd& system = systems_[static_cast<std::size_t>(s)];
    rows_.clear();
    cols_.clear();
    for (Index i = 0; i < d_; ++i) {
      if (x.support & Bit(i)) rows_.push_back(i);
    }
    for (Index j = 0; j < k_; ++j) {
      if (x.tight & Bit(j)) cols_.push_back(j);
    }
    for (int p = 0; p < s; ++p) {
      for (int q = 0; q < s; ++q) {
        system(p, q) = mq_(rows_[static_cast<std::size_t>(p)], cols_[static_cast<std::size_t>(q)]);
      }
    }
    Eigen::PartialPivLU<Eigen::MatrixXd>& lu = lus_[static_cast<std::size_t>(s)];
    lu.compute(system);
    const auto pivots = lu.matrixLU().diagonal().cwiseAbs();
    if (!(pivots.minCoeff() > 1e-12 * pivots.maxCoeff())) {
      // A_IT singular: the face of Q may be a segment or more; match it by labels later.
      degenerate_ = true;
      set_aside_.push_back(x);
      return;
    }
    const Eigen::VectorXd solution = lu.solve(Eigen::VectorXd::Ones(s));
    if (solution.minCoeff() < -kZero) return;
    y_.z.setZero();
    y_.support = 0;
    for (int q = 0; q < s; ++q) {
      const Index j = cols_[static_cast<std::size_t>(q)];
      if (solution(q) > kZero) {
        y_.z(j) = solution(q);
        y_.support |= Bit(j);
      }
    }
    if (y_.support == 0) return;
    values_.noalias() = mq_ * y_.z;
    if (values_.maxCoeff() > 1.0 + kZero) return;
    y_.tight = 0;
    for (Index i = 0; i < d_; ++i) {
      if (values_(i) >= 1.0 - kZero) y_.tight |= Bit(i);
    }
    if (Count(y_.tight) > Count(y_.support)) degenerate_ = true;
    Emit(x, y_);
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
  std::vector<Eigen::MatrixXd> systems_;
  std::vector<Eigen::PartialPivLU<Eigen::MatrixXd>> lus_;
  std::vector<Index> rows_;
  std::vector<Index> cols_;
  Eigen::VectorXd values_;
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
