// Principal-branch tracing of the logit QRE correspondence of a bimatrix game (McKelvey & Palfrey
// 1995; Turocy 2005) by predictor-corrector continuation (Allgower & Georg 1990, ch. 2 and 6),
// and identification of the limiting Nash equilibrium at the end of the branch.
#include "sim/solver/logit_qre.h"

#include <fmt/format.h>

#include <Eigen/Dense>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace kaesong {

namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

// Step-length targets (Allgower & Georg 1990, sec. 6.1): the first corrector update (distance of
// the predictor from the curve, in the max norm of log-probabilities and lambda), the contraction
// rate of the chord-Newton corrector and the angle (radians) between consecutive tangents. The
// deceleration factor of a step is the largest ratio observed/target, with square roots for the
// distance and the contraction rate, which are second order in the step length (the corrector's
// matrix is taken at the predictor point, so its contraction rate is proportional to the
// distance); the angle is first order. Smaller targets make the tracer less likely to hop to
// another branch where two branches nearly touch, at the price of more steps.
constexpr double kTargetDistance = 0.05;
constexpr double kTargetContraction = 0.3;
constexpr double kTargetAngle = 0.15;
// The next step aims at a deceleration factor of kStepSafety rather than 1, since a factor of
// max_decel already rejects the step: fewer rejected steps for slightly shorter ones.
constexpr double kStepSafety = 0.8;
// A rejected step shrinks by its deceleration factor, but by no more than this.
constexpr double kMaxShrink = 4.0;
constexpr int kMaxCorrectorIterations = 40;
constexpr int kMaxLandingIterations = 30;
// Probability thresholds tried, in order, for the support of the limit equilibrium.
constexpr std::array<double, 4> kSupportThresholds{1e-6, 1e-3, 1e-9, 1e-12};
// An exact equilibrium on a candidate support is the limit of the branch only if it is this close
// (max norm of probabilities) to the last traced point.
constexpr double kLimitDistance = 1e-2;

// Max norm of a vector or vector expression, without copying it; 0 when empty.
template <typename Derived>
double MaxAbs(const Eigen::MatrixBase<Derived>& v) {
  return v.size() == 0 ? 0.0 : v.cwiseAbs().maxCoeff();
}

// The logit QRE equations in z = (x, y, lambda), x = log p (m rows), y = log q (n columns), with
// payoffs shifted to [0, 1] and divided by PayoffScale (a per-player shift leaves the QRE
// unchanged). Strategy 0 is each player's reference:
//   x_k - x_0 - lambda (u_k - u_0) = 0,  k = 1..m-1,   u = A' q;   sum exp(x) - 1 = 0;
//   y_l - y_0 - lambda (v_l - v_0) = 0,  l = 1..n-1,   v = B'^T p; sum exp(y) - 1 = 0.
// Rows of the (m+n) x (m+n+1) Jacobian are laid out in that order: rows 0..m-2 row differences,
// m-1 row sum, m..m+n-2 column differences, m+n-1 column sum; columns x, y, lambda. Internally
// the player with more strategies comes first (the game is transposed when the column player
// has more), because Factorize eliminates the first player's unknowns; Profile() undoes it.
// The Jacobian is never formed: in blocks, with the bordering row b appended,
//   [ Dx  Cx  gx ]   Dx: rows e_k - e_0 and p^T;  Cx = [-lambda DA diag(q); 0];  gx = [-du; 0]
//   [ Cy  Dy  gy ]   the same for the second player with DBt, p and q exchanged
//   [ bx  by  bl ]
class LogitSystem {
 public:
  explicit LogitSystem(const Bimatrix& game)
      : swapped_(game.cols() > game.rows()),
        m_(swapped_ ? game.cols() : game.rows()),
        n_(swapped_ ? game.rows() : game.cols()),
        p_(m_),
        q_(n_),
        du_row_(m_ - 1),
        du_col_(n_ - 1),
        weighted_x_(m_),
        weighted_y_(n_),
        factor_p_(m_),
        elim_(m_, n_ + 1),
        scaled_dbt_(n_ - 1, m_),
        schur_(n_ + 1, n_ + 1),
        schur_lu_(n_ + 1),
        reduced_(n_ + 1),
        solution_(n_ + 1),
        s_x_(m_),
        border_x_(m_) {
    const double scale = PayoffScale(game);
    // Swapping the players transposes the game: (A, B) -> (B^T, A^T).
    const MatrixXd a = ((swapped_ ? MatrixXd(game.b.transpose()) : game.a).array() -
                        (swapped_ ? game.b : game.a).minCoeff()) /
                       scale;
    const MatrixXd b = ((swapped_ ? MatrixXd(game.a.transpose()) : game.b).array() -
                        (swapped_ ? game.a : game.b).minCoeff()) /
                       scale;
    da_ = a.bottomRows(m_ - 1).rowwise() - a.row(0);
    dbt_ = (b.rightCols(n_ - 1).colwise() - b.col(0)).transpose();
  }

  Index rows() const { return m_; }
  Index cols() const { return n_; }
  Index dim() const { return m_ + n_; }  // number of equations; unknowns are dim() + 1

  // Evaluates probabilities and payoff differences at z; must precede Residual and Jacobian.
  // False when they are not finite (a predictor that left the domain of exp).
  bool Evaluate(const VectorXd& z) {
    p_ = z.head(m_).array().exp();
    q_ = z.segment(m_, n_).array().exp();
    if (!p_.allFinite() || !q_.allFinite()) return false;
    du_row_.noalias() = da_ * q_;
    du_col_.noalias() = dbt_ * p_;
    return true;
  }

  // H(z) into the first dim() entries of *h.
  void Residual(const VectorXd& z, VectorXd* h) const {
    const double lambda = z(dim());
    h->segment(0, m_ - 1).array() = z.segment(1, m_ - 1).array() - z(0) - lambda * du_row_.array();
    (*h)(m_ - 1) = p_.sum() - 1.0;
    h->segment(m_, n_ - 1).array() =
        z.segment(m_ + 1, n_ - 1).array() - z(m_) - lambda * du_col_.array();
    (*h)(dim() - 1) = q_.sum() - 1.0;
  }

  // J(z) v at the evaluated point z, for v with dim() + 1 entries, into the first dim() entries
  // of *out (two matrix-vector products; the Jacobian is not formed).
  void JacobianTimes(double lambda, const VectorXd& v, VectorXd* out) {
    const double v_lambda = v(dim());
    weighted_y_ = q_.cwiseProduct(v.segment(m_, n_));
    out->segment(0, m_ - 1).noalias() = -lambda * (da_ * weighted_y_);
    out->segment(0, m_ - 1).array() +=
        v.segment(1, m_ - 1).array() - v(0) - v_lambda * du_row_.array();
    (*out)(m_ - 1) = p_.dot(v.head(m_));
    weighted_x_ = p_.cwiseProduct(v.head(m_));
    out->segment(m_, n_ - 1).noalias() = -lambda * (dbt_ * weighted_x_);
    out->segment(m_, n_ - 1).array() +=
        v.segment(m_ + 1, n_ - 1).array() - v(m_) - v_lambda * du_col_.array();
    (*out)(dim() - 1) = q_.dot(v.segment(m_, n_));
  }

  // The game's profile at z: (rows, columns), undoing the internal order of the players.
  MixedProfile Profile(const VectorXd& z) const {
    VectorXd first = z.head(m_).array().exp();
    VectorXd second = z.segment(m_, n_).array().exp();
    if (swapped_) return MixedProfile{std::move(second), std::move(first)};
    return MixedProfile{std::move(first), std::move(second)};
  }

  // Factorises the bordered Jacobian [J(z); border^T] at the evaluated point by block
  // elimination of the first player's unknowns. Dx is inverted in O(m) per column and is well
  // conditioned (|Dx^{-1}| <= 3 in the max norm while the probabilities sum to about 1), leaving
  // a dense (n+1)-square Schur complement for an LU with partial pivoting: O(m n^2) work with
  // n <= m instead of O((m+n)^3).
  void Factorize(double lambda, const VectorXd& border) {
    factor_p_ = p_;
    // elim_ = Dx^{-1} [Cx | gx]: rows 0..m-2 of [Cx | gx] are G = [-lambda DA diag(q) | -du];
    // row m-1 is zero. With s the column, Dx^{-1} s has entry 0 equal to -p_tail^T s_top / sum(p)
    // and entry k equal to entry 0 plus s_top(k-1).
    const double p_total = factor_p_.sum();
    auto top = elim_.bottomRows(m_ - 1);
    for (Index l = 0; l < n_; ++l) top.col(l).noalias() = (-lambda * q_(l)) * da_.col(l);
    top.col(n_) = -du_row_;
    elim_.row(0).noalias() = (-1.0 / p_total) * (factor_p_.tail(m_ - 1).transpose() * top);
    top.rowwise() += elim_.row(0);
    // schur_ = [Dy gy; by^T bl] - [Cy; bx^T] elim_, with Cy = [-lambda DBt diag(p); 0].
    for (Index i = 0; i < m_; ++i) scaled_dbt_.col(i).noalias() = (lambda * p_(i)) * dbt_.col(i);
    schur_.topRows(n_ - 1).noalias() = scaled_dbt_ * elim_;
    for (Index l = 1; l < n_; ++l) {
      schur_(l - 1, l) += 1.0;
      schur_(l - 1, 0) -= 1.0;
    }
    schur_.col(n_).head(n_ - 1) -= du_col_;
    schur_.row(n_ - 1).head(n_) = q_.transpose();
    schur_(n_ - 1, n_) = 0.0;
    schur_.row(n_) = border.segment(m_, n_ + 1).transpose();
    schur_.row(n_).noalias() -= border.head(m_).transpose() * elim_;
    border_x_ = border.head(m_);
    schur_lu_.compute(schur_);
  }

  // Solves [J; border^T] u = r with the last factorisation (r, u: dim() + 1 entries); later
  // evaluations at other points do not change it.
  void Solve(const VectorXd& r, VectorXd* u) {
    // s_x = Dx^{-1} r_x, with Dx as factorised.
    const double p_total = factor_p_.sum();
    const double first = (r(m_ - 1) - factor_p_.tail(m_ - 1).dot(r.head(m_ - 1))) / p_total;
    s_x_(0) = first;
    s_x_.tail(m_ - 1) = r.head(m_ - 1).array() + first;
    // reduced = [r_y; r_b] - [Cy; bx^T] s_x, bx being the border used in Factorize.
    reduced_.head(n_ - 1).noalias() = r.segment(m_, n_ - 1) + scaled_dbt_ * s_x_;
    reduced_(n_ - 1) = r(m_ + n_ - 1);
    reduced_(n_) = r(m_ + n_) - border_x_.dot(s_x_);
    solution_.noalias() = schur_lu_.solve(reduced_);
    u->segment(m_, n_ + 1) = solution_;
    u->head(m_).noalias() = s_x_ - elim_ * solution_;
  }

 private:
  bool swapped_;  // the column player is eliminated first (more columns than rows)
  Index m_;
  Index n_;
  MatrixXd da_;   // (m-1) x n: A'(k, .) - A'(0, .) for k = 1..m-1
  MatrixXd dbt_;  // (n-1) x m: (B'(., l) - B'(., 0))^T for l = 1..n-1
  VectorXd p_;
  VectorXd q_;
  VectorXd du_row_;      // A'(k, .) q - A'(0, .) q
  VectorXd du_col_;      // B'(., l)^T p - B'(., 0)^T p
  VectorXd weighted_x_;  // scratch for JacobianTimes
  VectorXd weighted_y_;
  // Factorize / Solve workspace.
  VectorXd factor_p_;    // p at the factorised point
  MatrixXd elim_;        // m x (n+1): Dx^{-1} [Cx | gx]
  MatrixXd scaled_dbt_;  // (n-1) x m: lambda DBt diag(p) = -Cy without its zero last row
  MatrixXd schur_;       // (n+1) x (n+1) Schur complement of Dx
  Eigen::PartialPivLU<MatrixXd> schur_lu_;
  VectorXd reduced_;
  VectorXd solution_;
  VectorXd s_x_;
  VectorXd border_x_;
};

struct TraceOutcome {
  SolveStatus status = SolveStatus::kNotSolved;  // kSuccess once the target lambda is reached
  std::string message = "not solved";
  VectorXd z;  // last accepted point
  long long steps = 0;
  long long rejected = 0;
};

// Follows the zero set of H from the centroid at lambda = 0 until lambda = target (landing on it
// exactly), by arc length (Allgower & Georg 1990, ch. 2). One LU per attempted step: at the
// predictor point w = z + h t the augmented Jacobian [J(w); t^T] is factorised once and serves
// both the corrector (chord Newton, corrections in the hyperplane through w orthogonal to t) and
// the next direction (the tangent at w: solve with the last unit vector; t^T t_new > 0 keeps the
// orientation, so turning points in lambda are passed).
class BranchTracer {
 public:
  BranchTracer(const Bimatrix& game, const LogitQreOptions& options)
      : options_(options),
        system_(game),
        n_unknowns_(system_.dim() + 1),
        z_(n_unknowns_),
        w_(n_unknowns_),
        t_(n_unknowns_),
        t_new_(n_unknowns_),
        rhs_(n_unknowns_),
        delta_(n_unknowns_),
        unit_last_(VectorXd::Unit(n_unknowns_, n_unknowns_ - 1)) {}

  TraceOutcome Trace(double target, std::vector<QrePoint>* branch) {
    TraceOutcome out;
    const Index m = system_.rows();
    const Index n = system_.cols();
    const Index lam = n_unknowns_ - 1;
    z_.head(m).setConstant(-std::log(static_cast<double>(m)));
    z_.segment(m, n).setConstant(-std::log(static_cast<double>(n)));
    z_(lam) = 0.0;
    Record(z_, branch);
    if (target <= 0.0) {
      out.z = z_;
      return Reached(&out);
    }
    // At lambda = 0 the border e_lambda orients the tangent towards increasing lambda.
    if (!FactorizeAt(z_, unit_last_) || !TangentFrom(&t_)) {
      return Fail(SolveStatus::kNumericalIssue, "singular Jacobian at the centroid", &out);
    }
    bool tangent_exact = true;
    double h = options_.first_step;
    while (true) {
      if (out.steps >= options_.max_steps) {
        return Fail(SolveStatus::kIterationLimit,
                    fmt::format("stopped after {} steps at lambda = {:.6g}", out.steps, z_(lam)),
                    &out);
      }
      if (h < options_.min_step) {
        return Fail(SolveStatus::kNumericalIssue,
                    fmt::format("step size fell below min_step {:.3g} at lambda = {:.6g}",
                                options_.min_step, z_(lam)),
                    &out);
      }
      h = std::min(h, options_.max_step * (1.0 + std::abs(z_(lam))));

      // Last step: shortened so that the predictor lands on lambda = target, then corrected at
      // fixed lambda.
      if (t_(lam) > 0.0 && z_(lam) + h * t_(lam) >= target) {
        const double h_land = (target - z_(lam)) / t_(lam);
        w_ = z_ + h_land * t_;
        w_(lam) = target;
        if (LandAt()) {
          z_ = w_;
          ++out.steps;
          Record(z_, branch);
          out.z = z_;
          return Reached(&out);
        }
        ++out.rejected;
        h = h_land / 2.0;
        if (!RefreshTangent(&tangent_exact)) return FailSingular(&out);
        continue;
      }

      w_ = z_ + h * t_;
      if (!FactorizeAt(w_, t_) || !TangentFrom(&t_new_)) {
        ++out.rejected;
        h /= 2.0;
        if (!RefreshTangent(&tangent_exact)) return FailSingular(&out);
        continue;
      }
      const double cos_angle = std::clamp(t_.dot(t_new_), -1.0, 1.0);
      const double angle_ratio = std::acos(cos_angle) / kTargetAngle;
      if (angle_ratio >= options_.max_decel) {
        ++out.rejected;
        // With a direction taken at the previous predictor point, the angle may come from that
        // direction's error rather than from the step: retry along the exact tangent first.
        if (tangent_exact) h /= std::min(angle_ratio, kMaxShrink);
        if (!RefreshTangent(&tangent_exact)) return FailSingular(&out);
        continue;
      }
      double decel = 0.0;
      if (!Correct(&decel) || decel >= options_.max_decel) {
        ++out.rejected;
        h /= std::clamp(decel, options_.max_decel, kMaxShrink);
        if (!RefreshTangent(&tangent_exact)) return FailSingular(&out);
        continue;
      }
      decel = std::max(decel, angle_ratio);
      z_.swap(w_);
      t_.swap(t_new_);
      // t_ is the tangent at the predictor point; one chord step moves it to z_.
      tangent_exact = RefineTangent();
      ++out.steps;
      Record(z_, branch);
      h /= std::max(decel / kStepSafety, 1.0 / options_.max_accel);
    }
  }

  const LogitSystem& system() const { return system_; }

 private:
  static TraceOutcome& Reached(TraceOutcome* out) {
    out->status = SolveStatus::kSuccess;
    out->message.clear();
    return *out;
  }
  TraceOutcome& Fail(SolveStatus status, std::string message, TraceOutcome* out) {
    out->status = status;
    out->message = std::move(message);
    out->z = z_;
    return *out;
  }

  void Record(const VectorXd& z, std::vector<QrePoint>* branch) const {
    if (branch != nullptr) branch->push_back(QrePoint{z(n_unknowns_ - 1), system_.Profile(z)});
  }

  TraceOutcome& FailSingular(TraceOutcome* out) {
    return Fail(SolveStatus::kNumericalIssue,
                fmt::format("singular Jacobian at lambda = {:.6g}", z_(n_unknowns_ - 1)), out);
  }

  // Replaces t_ by the tangent at z_ itself unless it already is (*exact). False when the
  // Jacobian at z_ is singular.
  bool RefreshTangent(bool* exact) {
    if (*exact) return true;
    if (!FactorizeAt(z_, t_) || !TangentFrom(&t_new_)) return false;
    t_.swap(t_new_);
    *exact = true;
    return true;
  }

  // One chord-Newton step for the tangent equations J(z_) t = 0, b^T t = b^T t_ (b the border
  // row of the current factorisation, taken at a nearby point), from t_; then normalises. The
  // tangent's error drops from first to second order in the distance between the two points.
  bool RefineTangent() {
    const Index dim = system_.dim();
    if (!system_.Evaluate(z_)) return false;
    system_.JacobianTimes(z_(dim), t_, &rhs_);
    rhs_(dim) = 0.0;
    system_.Solve(rhs_, &delta_);
    if (!delta_.allFinite()) return false;
    t_ -= delta_;
    const double norm = t_.norm();
    if (!std::isfinite(norm) || norm == 0.0) return false;
    t_ /= norm;
    return true;
  }

  // Factorises [J(z); border^T]. False when J(z) is not finite.
  bool FactorizeAt(const VectorXd& z, const VectorXd& border) {
    if (!system_.Evaluate(z)) return false;
    system_.Factorize(z(n_unknowns_ - 1), border);
    return true;
  }

  // Unit tangent from the current factorisation: solves [J; b^T] t = e_last, so J t = 0 and
  // b^T t = 1 > 0 before normalisation.
  bool TangentFrom(VectorXd* t) {
    system_.Solve(unit_last_, t);
    const double norm = t->norm();
    if (!std::isfinite(norm) || norm == 0.0) return false;
    *t /= norm;
    return true;
  }

  // A Newton-type iterate w_ has converged when its update is at most the requested tolerance or
  // the rounding level of the residuals, which grows with |w| (lambda and the log-probabilities of
  // unused strategies grow without bound along the branch), or when the residual itself is at
  // that rounding level.
  double Magnitude() const { return 1.0 + MaxAbs(w_) + static_cast<double>(system_.dim()); }
  double RoundingLevel() const {
    return 1e2 * std::numeric_limits<double>::epsilon() * Magnitude();
  }
  double UpdateFloor() const { return std::max(options_.corrector_tolerance, RoundingLevel()); }
  bool ResidualAtRounding() const { return MaxAbs(rhs_) <= RoundingLevel(); }

  // Backward-error acceptance for points along the path: w_ is an exact QRE of a game whose
  // payoffs (in units of the range) differ by at most corrector_tolerance, with probabilities
  // summing to 1 within corrector_tolerance. Near degenerate games (duplicated strategies, ties)
  // the Jacobian is so ill-conditioned at large lambda that the update never falls below the
  // tolerance although the residual does.
  bool ResidualSmall() const {
    const Index m = system_.rows();
    const Index dim = system_.dim();
    const double lambda = std::abs(w_(dim));
    const double floor = RoundingLevel();
    const double difference_bound = std::max(floor, options_.corrector_tolerance * lambda);
    const double sum_bound = std::max(floor, options_.corrector_tolerance);
    return MaxAbs(rhs_.segment(0, m - 1)) <= difference_bound &&
           MaxAbs(rhs_.segment(m, dim - m - 1)) <= difference_bound &&
           std::abs(rhs_(m - 1)) <= sum_bound && std::abs(rhs_(dim - 1)) <= sum_bound;
  }

  // Chord-Newton corrector from w_ with the current factorisation. On success w_ is on the
  // curve and *decel holds the step's deceleration factor from distance and contraction; on
  // failure *decel holds the factor that caused it (at least 2 when the corrector diverged).
  bool Correct(double* decel) {
    const bool ok = CorrectImpl(decel);
    if (!ok && *decel < options_.max_decel) *decel = std::max(*decel, 2.0);
    return ok;
  }

  bool CorrectImpl(double* decel) {
    *decel = 0.0;
    const Index dim = system_.dim();
    rhs_(dim) = 0.0;
    double first = 0.0;
    double previous = 0.0;
    for (int iter = 0; iter < kMaxCorrectorIterations; ++iter) {
      if (!system_.Evaluate(w_)) return false;
      system_.Residual(w_, &rhs_);
      if (ResidualSmall()) return true;
      system_.Solve(rhs_, &delta_);
      if (!delta_.allFinite()) return false;
      w_ -= delta_;
      const double update = MaxAbs(delta_);
      const bool converged = update <= UpdateFloor();
      if (iter == 0) {
        first = update;
        *decel = std::sqrt(first / kTargetDistance);
        if (*decel >= options_.max_decel) return false;
      } else if (!converged) {
        // The contraction rate is meaningful only above the rounding level.
        if (iter == 1) {
          *decel = std::max(*decel, std::sqrt(update / first / kTargetContraction));
          if (*decel >= options_.max_decel) return false;
        }
        if (update > previous) return false;
      }
      if (converged) return true;
      previous = update;
    }
    return false;
  }

  // Newton's method at fixed lambda from w_ (refactorising each iteration). Refuses
  // a first update larger than the distance target, so that it cannot jump to another branch.
  bool LandAt() {
    const Index dim = system_.dim();
    VectorXd& border = t_new_;  // scratch: t_new_ is recomputed before its next use
    border = unit_last_;
    rhs_(dim) = 0.0;
    double previous = 0.0;
    for (int iter = 0; iter < kMaxLandingIterations; ++iter) {
      if (!FactorizeAt(w_, border)) return false;
      system_.Residual(w_, &rhs_);
      if (ResidualAtRounding()) return true;
      system_.Solve(rhs_, &delta_);
      if (!delta_.allFinite()) return false;
      w_ -= delta_;
      const double update = MaxAbs(delta_);
      if (iter == 0 && update > kTargetDistance * options_.max_decel * options_.max_decel) {
        return false;
      }
      if (update <= UpdateFloor()) return true;
      if (iter > 0 && update > previous) return false;
      previous = update;
    }
    return false;
  }

  const LogitQreOptions& options_;
  LogitSystem system_;
  Index n_unknowns_;
  VectorXd z_;      // current point on the curve
  VectorXd w_;      // predictor / corrector iterate
  VectorXd t_;      // unit direction at z_: the tangent there or at the last predictor point
  VectorXd t_new_;  // unit tangent at the predictor point being tried
  VectorXd rhs_;
  VectorXd delta_;
  VectorXd unit_last_;  // e_{m+n+1}: right-hand side for tangents; border row at lambda = 0
};

// Indices of the k largest entries of v, in increasing index order.
std::vector<Index> TopIndices(const VectorXd& v, Index k) {
  std::vector<Index> order(static_cast<std::size_t>(v.size()));
  std::iota(order.begin(), order.end(), Index{0});
  std::stable_sort(order.begin(), order.end(), [&v](Index i, Index j) { return v(i) > v(j); });
  order.resize(static_cast<std::size_t>(k));
  std::sort(order.begin(), order.end());
  return order;
}

// The opponent's mix on `their` support that makes every strategy of `own` support indifferent,
// for the indifferent player's payoffs `payoff` (own strategies x opponent strategies, already
// restricted): payoff * s = v 1, 1^T s = 1. Exact (LU) when the system is square and regular;
// otherwise the solution nearest to `guess` (least squares via a complete orthogonal
// decomposition). Returns nothing when the mix is not a probability vector.
std::optional<VectorXd> IndifferentMix(const MatrixXd& payoff, const VectorXd& guess) {
  const Index k_own = payoff.rows();
  const Index k_their = payoff.cols();
  MatrixXd system = MatrixXd::Zero(k_own + 1, k_their + 1);
  system.topLeftCorner(k_own, k_their) = payoff;
  system.col(k_their).head(k_own).setConstant(-1.0);
  system.row(k_own).head(k_their).setOnes();
  VectorXd rhs = VectorXd::Unit(k_own + 1, k_own);
  VectorXd solution;
  bool solved = false;
  if (k_own == k_their) {
    const Eigen::FullPivLU<MatrixXd> lu(system);
    if (lu.isInvertible()) {
      solution = lu.solve(rhs);
      solved = true;
    }
  }
  if (!solved) {
    VectorXd start(k_their + 1);
    const double guess_total = guess.sum();
    start.head(k_their) = guess_total > 0.0
                              ? VectorXd(guess / guess_total)
                              : VectorXd::Constant(k_their, 1.0 / static_cast<double>(k_their));
    start(k_their) = (payoff * start.head(k_their)).mean();
    const Eigen::CompleteOrthogonalDecomposition<MatrixXd> cod(system);
    solution = start + cod.solve(rhs - system * start);
  }
  VectorXd mix = solution.head(k_their);
  if (!mix.allFinite() || mix.minCoeff() < -1e-9) return std::nullopt;
  mix = mix.cwiseMax(0.0);
  const double total = mix.sum();
  if (!(total > 0.0)) return std::nullopt;
  return VectorXd(mix / total);
}

// An exact equilibrium with the given supports (sorted strategy indices), or nothing.
std::optional<MixedProfile> EquilibriumOnSupports(const Bimatrix& game, const MixedProfile& traced,
                                                  const std::vector<Index>& rows,
                                                  const std::vector<Index>& cols) {
  const MatrixXd a = game.a(rows, cols);
  const MatrixXd bt = game.b(rows, cols).transpose();
  const std::optional<VectorXd> col_mix = IndifferentMix(a, traced.col(cols));
  const std::optional<VectorXd> row_mix = IndifferentMix(bt, traced.row(rows));
  if (!col_mix || !row_mix) return std::nullopt;
  MixedProfile profile{VectorXd::Zero(game.rows()), VectorXd::Zero(game.cols())};
  profile.row(rows) = *row_mix;
  profile.col(cols) = *col_mix;
  return profile;
}

// Limit identification: candidate supports are the strategies above each threshold in
// kSupportThresholds, then that first pair with equal sizes and with the smallest strategy of
// either or both supports dropped. The first candidate whose exact equilibrium is certified and
// close to the traced point is returned.
std::optional<Equilibrium> IdentifyLimit(const Bimatrix& game, const MixedProfile& traced,
                                         double regret_bound, long long* supports_tried) {
  std::vector<std::pair<Index, Index>> sizes;
  auto add = [&sizes, &game](Index kr, Index kc) {
    if (kr < 1 || kc < 1 || kr > game.rows() || kc > game.cols()) return;
    const std::pair<Index, Index> size{kr, kc};
    if (std::find(sizes.begin(), sizes.end(), size) == sizes.end()) sizes.push_back(size);
  };
  auto count_above = [](const VectorXd& v, double threshold) {
    return std::max<Index>(1, (v.array() > threshold).count());
  };
  for (const double threshold : kSupportThresholds) {
    add(count_above(traced.row, threshold), count_above(traced.col, threshold));
  }
  const auto [kr, kc] = sizes.front();
  add(std::min(kr, kc), std::min(kr, kc));
  add(kr - 1, kc);
  add(kr, kc - 1);
  add(kr - 1, kc - 1);

  for (const auto& [size_row, size_col] : sizes) {
    ++*supports_tried;
    const std::optional<MixedProfile> profile = EquilibriumOnSupports(
        game, traced, TopIndices(traced.row, size_row), TopIndices(traced.col, size_col));
    if (!profile) continue;
    const double distance =
        std::max(MaxAbs(profile->row - traced.row), MaxAbs(profile->col - traced.col));
    if (distance > kLimitDistance) continue;
    Equilibrium eq = Certify(game, *profile);
    if (eq.max_regret <= regret_bound) return eq;
  }
  return std::nullopt;
}

// Shared input checks; fills `out` and returns false when the input is unusable.
bool CheckInput(const Bimatrix& game, const LogitQreOptions& options, LogitQreResult* out) {
  return CheckSolverInput(game, options, &out->result, "invalid logit options: ",
                          "invalid game: ");
}

}  // namespace

bool LogitQreOptions::IsValid(std::string* why) const {
  auto fail = [why](std::string message) {
    if (why != nullptr) *why = std::move(message);
    return false;
  };
  if (!(max_lambda > 0.0) || !std::isfinite(max_lambda)) {
    return fail(fmt::format("max_lambda must be positive and finite, got {}", max_lambda));
  }
  if (!(min_step > 0.0)) return fail(fmt::format("min_step must be positive, got {}", min_step));
  if (!(first_step >= min_step) || !std::isfinite(first_step)) {
    return fail(fmt::format("first_step must be finite and at least min_step ({}), got {}",
                            min_step, first_step));
  }
  if (!(max_step >= first_step)) {
    return fail(
        fmt::format("max_step must be at least first_step ({}), got {}", first_step, max_step));
  }
  if (!(max_decel > 1.0) || !std::isfinite(max_decel)) {
    return fail(fmt::format("max_decel must be finite and greater than 1, got {}", max_decel));
  }
  if (!(max_accel >= 1.0) || !std::isfinite(max_accel)) {
    return fail(fmt::format("max_accel must be finite and at least 1, got {}", max_accel));
  }
  if (!(corrector_tolerance > 0.0)) {
    return fail(fmt::format("corrector_tolerance must be positive, got {}", corrector_tolerance));
  }
  if (max_steps < 1) return fail(fmt::format("max_steps must be at least 1, got {}", max_steps));
  if (!(tolerance > 0.0)) return fail(fmt::format("tolerance must be positive, got {}", tolerance));
  return true;
}

LogitQreResult SolveLogitQre(const Bimatrix& game, const LogitQreOptions& options,
                             const OnEquilibrium& on_equilibrium) {
  LogitQreResult out;
  if (!CheckInput(game, options, &out)) return out;
  BranchTracer tracer(game, options);
  TraceOutcome trace =
      tracer.Trace(options.max_lambda, options.record_branch ? &out.branch : nullptr);
  SolveResult& result = out.result;
  result.iterations = trace.steps;
  out.rejected_steps = trace.rejected;
  out.final_lambda = trace.z(trace.z.size() - 1);

  const MixedProfile traced = tracer.system().Profile(trace.z);
  const double regret_bound = options.tolerance * PayoffScale(game);
  long long supports_tried = 0;
  std::optional<Equilibrium> limit = IdentifyLimit(game, traced, regret_bound, &supports_tried);
  result.status = trace.status;
  result.message = trace.message;
  if (limit) {
    result.equilibria.push_back(std::move(*limit));
    if (on_equilibrium) on_equilibrium(result.equilibria.back());
  } else {
    result.equilibria.push_back(Certify(game, traced));
    const double regret = result.equilibria.back().max_regret;
    const std::string why = fmt::format(
        "limit equilibrium not certified: traced profile at lambda = {:.6g} has max regret {:.3g} "
        "(tolerance {:.3g}); no certified equilibrium close to it on {} candidate supports",
        out.final_lambda, regret, regret_bound, supports_tried);
    if (result.status == SolveStatus::kSuccess) {
      result.status = SolveStatus::kNumericalIssue;
      result.message = why;
    } else {
      result.message += "; " + why;
    }
  }
  result.max_regret = result.equilibria.back().max_regret;
  return out;
}

LogitQreResult LogitQreAt(const Bimatrix& game, double lambda, const LogitQreOptions& options) {
  LogitQreResult out;
  if (!CheckInput(game, options, &out)) return out;
  if (!(lambda >= 0.0) || !std::isfinite(lambda)) {
    out.result.status = SolveStatus::kInvalidInput;
    out.result.message = fmt::format("lambda must be finite and non-negative, got {}", lambda);
    return out;
  }
  BranchTracer tracer(game, options);
  TraceOutcome trace = tracer.Trace(lambda, options.record_branch ? &out.branch : nullptr);
  SolveResult& result = out.result;
  result.iterations = trace.steps;
  result.status = trace.status;
  result.message = trace.message;
  out.rejected_steps = trace.rejected;
  out.final_lambda = trace.z(trace.z.size() - 1);
  if (trace.status == SolveStatus::kSuccess) {
    result.equilibria.push_back(Certify(game, tracer.system().Profile(trace.z)));
    result.max_regret = result.equilibria.back().max_regret;
  }
  return out;
}

}  // namespace kaesong
