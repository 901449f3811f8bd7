#include "models/kaesong/durability.h"

#include "sim/solver/scalar_search.h"

#include <algorithm>
#include <cmath>

namespace kaesong::model {
namespace {

constexpr int kMaxNewtonIterations = 200;
constexpr int kHazardScanPoints = 16;
constexpr int kMaxIllinoisEvaluations = 200;

// Tail of one component: P(G > tau) and E[(G - tau)^+] for G ~ kind(mean).
void ComponentTail(TemptationKind kind, double mean, double tau, double* survival, double* excess) {
  if (kind == TemptationKind::kFixed || mean <= 0.0) {
    const double g = std::max(mean, 0.0);
    *survival = g > tau ? 1.0 : 0.0;
    *excess = std::max(g - tau, 0.0);
    return;
  }
  if (tau < 0.0) {  // G >= 0 always exceeds a negative threshold
    *survival = 1.0;
    *excess = mean - tau;
    return;
  }
  const double s = std::exp(-tau / mean);
  *survival = s;
  *excess = mean * s;
}

}  // namespace

void TemptationLaw::Tail(double tau, double* survival, double* excess) const {
  if (kind == TemptationKind::kNone) {
    *survival = 0.0;
    *excess = 0.0;
    return;
  }
  ComponentTail(kind, mean, tau, survival, excess);
  if (drill_share > 0.0) {
    double s_drill, x_drill;
    ComponentTail(kind, drill_mean, tau, &s_drill, &x_drill);
    *survival = (1.0 - drill_share) * *survival + drill_share * s_drill;
    *excess = (1.0 - drill_share) * *excess + drill_share * x_drill;
  }
}

DurabilityModel::DurabilityModel(const Parameters& params)
    : discount_(params.durability.discount),
      penalty_max_(params.durability.penalty_max),
      breakdown_seoul_(params.seoul.breakdown_payoff),
      breakdown_pyongyang_(params.pyongyang.breakdown_payoff),
      reopen_(params.durability.reopen_prob),
      tolerance_(params.solution.tolerance) {
  const auto law = [&](const Temptation& t) {
    return TemptationLaw{t.kind, t.mean, t.drill_mean, params.durability.drill_share};
  };
  pyongyang_ = law(params.pyongyang.temptation);
  if (params.durability.seoul_may_shut) seoul_ = law(params.seoul.temptation);
}

double DurabilityModel::SolveThreshold(const TemptationLaw& law, double penalty, double a,
                                       double denom, double rho, SideSolution* s) const {
  // phi(tau) = (tau - C) denom - rho (a + X(tau)); phi(tau0) = -rho X(tau0) <= 0 and, as
  // phi' >= denom - rho >= 0 with phi' >= denom when X' = 0, phi(tau0 + rho X(tau0) / denom)
  // >= 0. Safeguarded Newton in that bracket (phi is concave, so Newton steps from the left stay
  // left of the root and increase).
  double tau = penalty + rho / denom * a;
  double survival, excess;
  law.Tail(tau, &survival, &excess);
  if (rho > 0.0 && excess > 0.0) {
    double lo = tau, hi = tau + rho * excess / denom;
    s->converged = false;
    while (s->iterations < kMaxNewtonIterations) {
      ++s->iterations;
      const double phi = (tau - penalty) * denom - rho * (a + excess);
      if (phi == 0.0) {
        s->converged = true;
        break;
      }
      (phi < 0.0 ? lo : hi) = tau;
      double next = tau - phi / (denom + rho * survival);
      if (!(next >= lo && next <= hi)) next = 0.5 * (lo + hi);
      const bool done = std::abs(next - tau) <= tolerance_ * (1.0 + std::abs(tau));
      tau = next;
      law.Tail(tau, &survival, &excess);
      if (done) {
        s->converged = true;
        break;
      }
    }
  }
  s->tau = tau;
  s->hazard = survival;
  return excess;
}

DurabilityModel::SideSolution DurabilityModel::SolveSide(const TemptationLaw& law, double u,
                                                         double b, double penalty,
                                                         double other_hazard) const {
  SideSolution s;
  const double r = discount_;
  const double q = reopen_;
  const double d = 1.0 - r + r * q;  // closed PV = (b + r q V) / d (reopening on the same terms)
  if (!law.CanShut()) {
    // V = u + h_j (C + r P) + (1 - h_j) r V with P the closed PV; v = (1 - r) V.
    const double h = other_hazard;
    s.value = (1.0 - r) * (u + h * penalty + h * r * b / d) / (1.0 - r + r * h - h * r * r * q / d);
    return s;
  }
  if (other_hazard == 0.0) {
    // tau = C + r (V - P) with V - P = (v - b) / d and v = u + X(tau).
    const double excess = SolveThreshold(law, penalty, u - b, d, r, &s);
    s.value = u + excess;
    return s;
  }
  // Both may shut: the closed state's normalised value p = ((1 - r) b + r q v) / d depends on the
  // open value v; solve the q = 0 problem with breakdown payoff p at its fixed point (a
  // contraction of modulus below r q / d), accelerated by Aitken's delta-squared.
  const double rho = r * (1.0 - other_hazard);
  const auto solve_at = [&](double closed, SideSolution* out) {
    *out = SideSolution{};
    const double a = u - closed + penalty * other_hazard;
    const double excess = SolveThreshold(law, penalty, a, 1.0 - rho, rho, out);
    out->value = closed + (1.0 - r) * (a + excess) / (1.0 - rho);
    return ((1.0 - r) * b + r * q * out->value) / d;
  };
  double closed = b;
  int iterations = 0;
  bool converged = q == 0.0;
  for (int k = 0; k < kMaxNewtonIterations; ++k) {
    const double x1 = solve_at(closed, &s);
    iterations += s.iterations;
    if (q == 0.0) break;
    const double x2 = solve_at(x1, &s);
    iterations += s.iterations;
    const double denom = x2 - 2.0 * x1 + closed;
    double next = denom != 0.0 ? closed - (x1 - closed) * (x1 - closed) / denom : x2;
    if (!std::isfinite(next)) next = x2;
    const bool done = std::abs(next - closed) <= tolerance_ * (1.0 + std::abs(closed));
    closed = next;
    if (done) {
      solve_at(closed, &s);
      converged = true;
      break;
    }
  }
  s.iterations = iterations;
  s.converged = s.converged && converged;
  return s;
}

DurabilityOutcome DurabilityModel::Evaluate(double u_seoul, double u_pyongyang, double g) const {
  DurabilityOutcome out;
  out.status = SolveStatus::kSuccess;  // until an inner solve fails
  out.value_seoul = u_seoul;
  out.value_pyongyang = u_pyongyang;
  if (!active()) return out;
  const double penalty = g * penalty_max_;

  auto fill = [&](const SideSolution& s_side, const SideSolution& p_side) {
    out.threshold_seoul = s_side.tau;
    out.threshold_pyongyang = p_side.tau;
    out.hazard_seoul = s_side.hazard;
    out.hazard_pyongyang = p_side.hazard;
    out.hazard = s_side.hazard + p_side.hazard - s_side.hazard * p_side.hazard;  // no cancellation
    // A deal that is never shut is worth its flow exactly.
    out.value_seoul = out.hazard == 0.0 ? u_seoul : s_side.value;
    out.value_pyongyang = out.hazard == 0.0 ? u_pyongyang : p_side.value;
    if (!s_side.converged || !p_side.converged) {
      out.status = SolveStatus::kIterationLimit;
      out.message = "shutdown threshold did not converge";
    }
  };

  if (!seoul_.CanShut()) {  // one-sided: Pyongyang alone may shut
    const SideSolution p_side =
        SolveSide(pyongyang_, u_pyongyang, breakdown_pyongyang_, penalty, 0.0);
    const SideSolution s_side =
        SolveSide(seoul_, u_seoul, breakdown_seoul_, penalty, p_side.hazard);
    out.iterations = p_side.iterations;
    fill(s_side, p_side);
    return out;
  }
  if (!pyongyang_.CanShut()) {  // Seoul alone may shut
    const SideSolution s_side = SolveSide(seoul_, u_seoul, breakdown_seoul_, penalty, 0.0);
    const SideSolution p_side =
        SolveSide(pyongyang_, u_pyongyang, breakdown_pyongyang_, penalty, s_side.hazard);
    out.iterations = s_side.iterations;
    fill(s_side, p_side);
    return out;
  }

  // Both may shut: Phi(h_S) = H_S(h_P(h_S)) - h_S, Phi(0) >= 0 >= Phi(1).
  SideSolution s_last, p_last;
  int iterations = 0;
  const auto phi = [&](double h_seoul) {
    p_last = SolveSide(pyongyang_, u_pyongyang, breakdown_pyongyang_, penalty, h_seoul);
    s_last = SolveSide(seoul_, u_seoul, breakdown_seoul_, penalty, p_last.hazard);
    iterations += p_last.iterations + s_last.iterations;
    return s_last.hazard - h_seoul;
  };
  double h_prev = 0.0, phi_prev = phi(0.0);
  double h_root = 0.0;
  if (phi_prev > tolerance_) {
    for (int k = 1; k <= kHazardScanPoints; ++k) {
      const double h = static_cast<double>(k) / kHazardScanPoints;
      const double value = phi(h);
      if (value <= 0.0) {
        const solver::BoundaryResult b = solver::FindBoundary(
            phi, h_prev, phi_prev, h, value, tolerance_, tolerance_, kMaxIllinoisEvaluations);
        h_root = value == 0.0 ? h : b.x_in;
        break;
      }
      h_prev = h;
      phi_prev = value;
    }
  }
  out.residual = std::abs(phi(h_root));  // leaves s_last, p_last at the root
  out.iterations = iterations;
  fill(s_last, p_last);
  if (out.status == SolveStatus::kSuccess && out.residual > 1e3 * tolerance_) {
    out.status = SolveStatus::kNumericalIssue;
    out.message =
        "two-sided shutdown hazard has no continuous fixed point (a side with a fixed temptation "
        "is "
        "indifferent and mixes); hazard approximate";
  }
  return out;
}

double GrimTriggerThreshold(double temptation, double penalty, double open_value,
                            double closed_value) {
  const double net = temptation - penalty;
  if (net <= 0.0) return 0.0;
  if (open_value <= closed_value) return std::numeric_limits<double>::infinity();
  return net / (net + open_value - closed_value);
}

}  // namespace kaesong::model
