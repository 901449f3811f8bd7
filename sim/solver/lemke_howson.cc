// Lemke–Howson on the two best-response polytopes in tableau form (von Stengel 2002, sections 2-3;
// Nisan et al. 2007, ch. 3), with payoffs shifted to be positive:
//
//   P = {x >= 0 : B'x <= 1}   tableau rows: s = 1 - B'x   (variables x_i label i, s_j label m+j)
//   Q = {y >= 0 : A y <= 1}   tableau rows: r = 1 - A y   (variables y_j label m+j, r_i label i)
//
// Starting from the artificial equilibrium (0, 0), the variable with the dropped label enters;
// the variable that leaves by the minimum-ratio test has a label now present twice, so its
// complement enters in the other tableau; the path ends when the dropped label leaves. Ties in
// the ratio test are broken lexicographically by the rows of the current basis inverse (the
// tableau's slack columns), which simulates the perturbation 1 + (eps, eps^2, ...) of the
// right-hand side and keeps every path finite on degenerate games (von Stengel 2002, sec. 3.4).
#include "sim/solver/lemke_howson.h"

#include "sim/solver/equilibrium_set.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace kaesong {

bool LemkeHowsonOptions::IsValid(std::string* why) const {
  if (all_labels && race_labels) {
    if (why) *why = "all_labels and race_labels cannot both be set";
    return false;
  }
  if (!all_labels && !race_labels && label < 1) {
    if (why) *why = fmt::format("label must be >= 1 (labels are 1..rows+cols), got {}", label);
    return false;
  }
  if (max_pivots != -1 && max_pivots < 1) {
    if (why) *why = fmt::format("max_pivots must be -1 (no limit) or >= 1, got {}", max_pivots);
    return false;
  }
  if (!(std::isfinite(tolerance) && tolerance > 0.0)) {
    if (why) *why = fmt::format("tolerance must be a finite number > 0, got {}", tolerance);
    return false;
  }
  return true;
}

namespace {

using Eigen::Index;

// Column entries at or below this are not pivot candidates (payoffs are scaled into [1, 2]).
constexpr double kPivotTolerance = 1e-12;
// Ratios within this relative distance of the minimum count as tied.
constexpr double kTieTolerance = 1e-11;

// One tableau: rows are the constraints, columns the variables (structural first, then slacks)
// and the right-hand side last. The slack columns hold the current basis inverse.
struct Tableau {
  Eigen::MatrixXd t;
  std::vector<Index> basis;   // variable basic in each row
  std::vector<Index> row_of;  // row in which each variable is basic, or -1
  Index structural = 0;       // number of structural variables (x or y)
  Index rows() const { return t.rows(); }
  Index rhs() const { return t.cols() - 1; }
};

enum class PathEnd { kEquilibrium, kPivotLimit, kNoPivot };

class LemkeHowson {
 public:
  explicit LemkeHowson(const Bimatrix& game) : m_(game.rows()), n_(game.cols()) {
    const double scale = PayoffScale(game);
    // Positive payoffs in [1, 2]; equilibria are unchanged by a shift and a positive scaling.
    a_ = ((game.a.array() - game.a.minCoeff()) / scale + 1.0).matrix();
    b_ = ((game.b.array() - game.b.minCoeff()) / scale + 1.0).matrix();
    Init(p_, n_, m_);
    Init(q_, m_, n_);
    const Index longest = std::max(m_, n_);
    col_buf_.resize(longest);
    row_buf_.resize(m_ + n_ + 1);
    candidates_.reserve(static_cast<std::size_t>(longest));
  }

  bool degenerate() const { return degenerate_; }

  // Follows the path that drops `label` (1..m+n) from the artificial equilibrium. Pivots are
  // added to `pivots`; at most `max_pivots` on this path (-1: no limit).
  PathEnd Run(int label, long long max_pivots, long long& pivots) {
    Reset(p_, b_.transpose());
    Reset(q_, a_);
    bool in_p = label <= m_;
    Index enter = in_p ? label - 1 : label - m_ - 1;
    long long steps = 0;
    while (true) {
      if (max_pivots >= 0 && steps >= max_pivots) return PathEnd::kPivotLimit;
      Tableau& tb = in_p ? p_ : q_;
      const Index row = RatioTest(tb, enter);
      if (row < 0) return PathEnd::kNoPivot;
      const Index leave = tb.basis[static_cast<std::size_t>(row)];
      Pivot(tb, row, enter);
      ++steps;
      ++pivots;
      if (Label(in_p, leave) == label) return PathEnd::kEquilibrium;
      enter = Complement(in_p, leave);
      in_p = !in_p;
    }
  }

  // The basic solution after a completed path, normalised to mixed strategies.
  MixedProfile Profile() const {
    MixedProfile profile{Read(p_, m_), Read(q_, n_)};
    CleanDistribution(profile.row);
    CleanDistribution(profile.col);
    return profile;
  }

 private:
  static void Init(Tableau& tb, Index rows, Index structural) {
    tb.t.resize(rows, structural + rows + 1);
    tb.structural = structural;
    tb.basis.resize(static_cast<std::size_t>(rows));
    tb.row_of.resize(static_cast<std::size_t>(structural + rows));
  }

  // Slack basis: [M | I | 1].
  template <typename Derived>
  static void Reset(Tableau& tb, const Eigen::MatrixBase<Derived>& m) {
    const Index rows = tb.rows();
    tb.t.leftCols(tb.structural) = m;
    tb.t.middleCols(tb.structural, rows).setIdentity();
    tb.t.col(tb.rhs()).setOnes();
    std::fill(tb.row_of.begin(), tb.row_of.end(), Index{-1});
    for (Index r = 0; r < rows; ++r) {
      tb.basis[static_cast<std::size_t>(r)] = tb.structural + r;
      tb.row_of[static_cast<std::size_t>(tb.structural + r)] = r;
    }
  }

  // Labels 1..m for the row player's strategies (x_i in P, r_i in Q), m+1..m+n for the column
  // player's (s_j in P, y_j in Q).
  int Label(bool in_p, Index var) const {
    if (in_p) return static_cast<int>(var + 1);
    return static_cast<int>(var < n_ ? m_ + var + 1 : var - n_ + 1);
  }

  // The variable with the same label in the other tableau.
  Index Complement(bool in_p, Index var) const {
    if (in_p) return var < m_ ? n_ + var : var - m_;
    return var < n_ ? m_ + var : var - n_;
  }

  // Keeps the candidate rows whose ratio key(r) / t(r, e) is minimal (within kTieTolerance).
  template <typename Key>
  void KeepMinimal(const Tableau& tb, Index e, Key key) {
    double best = std::numeric_limits<double>::infinity();
    for (Index r : candidates_) best = std::min(best, key(r) / tb.t(r, e));
    const double limit = best + kTieTolerance * std::max(1.0, std::abs(best));
    std::size_t kept = 0;
    for (Index r : candidates_) {
      if (key(r) / tb.t(r, e) <= limit) candidates_[kept++] = r;
    }
    candidates_.resize(kept);
  }

  // Lexicographic minimum-ratio test for entering column e; -1 when no row limits it.
  Index RatioTest(const Tableau& tb, Index e) {
    candidates_.clear();
    for (Index r = 0; r < tb.rows(); ++r) {
      if (tb.t(r, e) > kPivotTolerance) candidates_.push_back(r);
    }
    if (candidates_.empty()) return -1;
    const Index rhs = tb.rhs();
    KeepMinimal(tb, e, [&](Index r) { return tb.t(r, rhs); });
    if (candidates_.size() > 1) degenerate_ = true;  // a degenerate vertex of P or Q
    for (Index c = 0; c < tb.rows() && candidates_.size() > 1; ++c) {
      const Index col = tb.structural + c;
      KeepMinimal(tb, e, [&](Index r) { return tb.t(r, col); });
    }
    return candidates_.front();
  }

  // Pivot on (p, e) in place: scale the pivot row, then the rank-one update
  // t -= (column e without row p) * (pivot row), from preallocated copies of both. The pivot row
  // is exactly zero in the columns of the other basic variables (exact unit columns, which the
  // update never touches), so only the columns where it is nonzero are updated: about half.
  void Pivot(Tableau& tb, Index p, Index e) {
    Eigen::MatrixXd& t = tb.t;
    const Index rows = t.rows();
    const Index cols = t.cols();
    t.row(p) /= t(p, e);
    row_buf_.head(cols) = t.row(p);
    col_buf_.head(rows) = t.col(e);
    col_buf_(p) = 0.0;
    const auto pivot_col = col_buf_.head(rows);
    for (Index j = 0; j < cols; ++j) {
      const double f = row_buf_(j);
      if (f != 0.0) t.col(j).noalias() -= f * pivot_col;
    }
    t.col(e).setZero();
    t(p, e) = 1.0;
    const Index leave = tb.basis[static_cast<std::size_t>(p)];
    tb.row_of[static_cast<std::size_t>(leave)] = -1;
    tb.row_of[static_cast<std::size_t>(e)] = p;
    tb.basis[static_cast<std::size_t>(p)] = e;
  }

  static Eigen::VectorXd Read(const Tableau& tb, Index structural) {
    Eigen::VectorXd v = Eigen::VectorXd::Zero(structural);
    for (Index k = 0; k < structural; ++k) {
      const Index r = tb.row_of[static_cast<std::size_t>(k)];
      if (r >= 0) v(k) = tb.t(r, tb.rhs());
    }
    return v;
  }

  Index m_;
  Index n_;
  Eigen::MatrixXd a_;
  Eigen::MatrixXd b_;
  Tableau p_;  // n rows: s = 1 - B'x
  Tableau q_;  // m rows: r = 1 - A y
  Eigen::VectorXd col_buf_;
  Eigen::RowVectorXd row_buf_;
  std::vector<Index> candidates_;
  bool degenerate_ = false;
};

// Re-solves the indifference equations on the supports of `profile` with an Eigen LU when they
// are square (nondegenerate end point); returns the re-solved profile when its regret is lower.
// This removes the rounding the pivots accumulate, so paths that end at the same equilibrium
// give the same numbers.
Equilibrium Polish(const Bimatrix& game, Equilibrium eq) {
  std::vector<Index> rows;
  std::vector<Index> cols;
  for (Index i = 0; i < game.rows(); ++i) {
    if (eq.profile.row(i) > 1e-14) rows.push_back(i);
  }
  for (Index j = 0; j < game.cols(); ++j) {
    if (eq.profile.col(j) > 1e-14) cols.push_back(j);
  }
  const Index k = static_cast<Index>(rows.size());
  if (k != static_cast<Index>(cols.size())) return eq;
  // Rows in `rows` indifferent against y on `cols`, y sums to 1; likewise for x.
  Eigen::MatrixXd sys_y(k + 1, k + 1);
  Eigen::MatrixXd sys_x(k + 1, k + 1);
  for (Index e = 0; e < k; ++e) {
    for (Index c = 0; c < k; ++c) {
      sys_y(e, c) = game.a(rows[static_cast<std::size_t>(e)], cols[static_cast<std::size_t>(c)]);
      sys_x(e, c) = game.b(rows[static_cast<std::size_t>(c)], cols[static_cast<std::size_t>(e)]);
    }
  }
  sys_y.col(k).head(k).setConstant(-1.0);
  sys_x.col(k).head(k).setConstant(-1.0);
  sys_y.row(k).setOnes();
  sys_x.row(k).setOnes();
  sys_y(k, k) = 0.0;
  sys_x(k, k) = 0.0;
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(k + 1);
  rhs(k) = 1.0;
  const Eigen::FullPivLU<Eigen::MatrixXd> lu_y(sys_y);
  const Eigen::FullPivLU<Eigen::MatrixXd> lu_x(sys_x);
  if (!lu_y.isInvertible() || !lu_x.isInvertible()) return eq;
  const Eigen::VectorXd y = lu_y.solve(rhs);
  const Eigen::VectorXd x = lu_x.solve(rhs);
  if (!x.allFinite() || !y.allFinite()) return eq;
  MixedProfile polished{Eigen::VectorXd::Zero(game.rows()), Eigen::VectorXd::Zero(game.cols())};
  for (Index e = 0; e < k; ++e) {
    polished.row(rows[static_cast<std::size_t>(e)]) = x(e);
    polished.col(cols[static_cast<std::size_t>(e)]) = y(e);
  }
  if (polished.row.minCoeff() < -1e-9 || polished.col.minCoeff() < -1e-9) return eq;
  CleanDistribution(polished.row);
  CleanDistribution(polished.col);
  Equilibrium candidate = Certify(game, std::move(polished));
  return candidate.max_regret <= eq.max_regret ? candidate : eq;
}

}  // namespace

SolveResult SolveLemkeHowson(const Bimatrix& game, const LemkeHowsonOptions& options,
                             const OnEquilibrium& on_equilibrium) {
  SolveResult result;
  if (!CheckSolverInput(game, options, &result)) return result;
  const int labels = static_cast<int>(game.rows() + game.cols());
  if (!options.all_labels && !options.race_labels && options.label > labels) {
    result.status = SolveStatus::kInvalidInput;
    result.message = fmt::format("label {} is out of range: a {}x{} game has labels 1..{}",
                                 options.label, game.rows(), game.cols(), labels);
    return result;
  }

  const double bound = options.tolerance * PayoffScale(game);
  LemkeHowson lh(game);
  EquilibriumSet found(ProfileTolerance(options.tolerance));
  std::vector<int> limited;      // labels whose path hit max_pivots
  std::vector<int> uncertified;  // labels whose end point failed the certificate
  std::vector<int> stuck;        // labels whose path found no pivot row
  auto finish_path = [&](int label) {
    Equilibrium eq = Polish(game, Certify(game, lh.Profile()));
    const bool certified = eq.max_regret <= bound;
    if (!certified) uncertified.push_back(label);
    if (found.Insert(eq) && certified && on_equilibrium) on_equilibrium(eq);
  };

  if (options.race_labels) {
    std::vector<bool> dead(static_cast<std::size_t>(labels) + 1, false);
    bool done = false;
    for (long long budget = 4; !done; budget *= 2) {
      const bool last_round = options.max_pivots >= 0 && budget >= options.max_pivots;
      if (last_round) budget = options.max_pivots;
      bool any_alive = false;
      for (int label = 1; label <= labels && !done; ++label) {
        if (dead[static_cast<std::size_t>(label)]) continue;
        switch (lh.Run(label, budget, result.iterations)) {
          case PathEnd::kEquilibrium:
            finish_path(label);
            done = true;
            break;
          case PathEnd::kNoPivot:
            stuck.push_back(label);
            dead[static_cast<std::size_t>(label)] = true;
            break;
          case PathEnd::kPivotLimit:
            any_alive = true;
            break;
        }
      }
      if (!done && (last_round || !any_alive)) {
        if (any_alive) limited.push_back(0);  // reported below as a race that ran out
        break;
      }
    }
  } else {
    const int first = options.all_labels ? 1 : options.label;
    const int last = options.all_labels ? labels : options.label;
    for (int label = first; label <= last; ++label) {
      switch (lh.Run(label, options.max_pivots, result.iterations)) {
        case PathEnd::kPivotLimit:
          limited.push_back(label);
          continue;
        case PathEnd::kNoPivot:
          stuck.push_back(label);
          continue;
        case PathEnd::kEquilibrium:
          finish_path(label);
          break;
      }
    }
  }
  result.degenerate = lh.degenerate();
  result.equilibria = found.items();
  result.max_regret = found.MaxRegret();

  auto list = [](const std::vector<int>& v) { return fmt::format("{}", fmt::join(v, ", ")); };
  std::vector<std::string> notes;
  if (!stuck.empty()) {
    result.status = SolveStatus::kNumericalIssue;
    notes.push_back(
        fmt::format("no pivot row (lost feasibility) on the path of label(s) {}", list(stuck)));
  }
  if (!uncertified.empty()) {
    result.status = SolveStatus::kNumericalIssue;
    notes.push_back(fmt::format(
        "end point of label(s) {} has max regret above {:.3g} (tolerance {:g} x payoff scale)",
        list(uncertified), bound, options.tolerance));
  }
  if (!limited.empty()) {
    if (result.status == SolveStatus::kNotSolved) result.status = SolveStatus::kIterationLimit;
    if (options.race_labels) {
      notes.push_back(
          fmt::format("no label's path ended within max_pivots = {}", options.max_pivots));
    } else {
      notes.push_back(fmt::format("path of label(s) {} stopped at max_pivots = {}", list(limited),
                                  options.max_pivots));
    }
  }
  result.message = fmt::format("{}", fmt::join(notes, "; "));
  result.Finish();
  return result;
}

}  // namespace kaesong
