// After a deal: the commitment problem. Each durability period (discount r) the complex pays the
// flows u_S, u_P; then each side allowed to shut it (Pyongyang when its temptation kind is not
// `none`; Seoul only with durability.seoul_may_shut) draws a temptation G (mean `temptation_mean`,
// or `temptation_drill_mean` in a drill period, a share `durability.drill_share` of periods, drawn
// independently) and shuts iff G exceeds its threshold
//   tau_i = C(g) + r (1 - h_j) / (1 - r) * (v_i - b_i),   C(g) = g * durability.penalty_max,
// v_i its normalised value of an open complex, b_i its breakdown payoff (flow units), h_j the other
// side's shutting probability (h_j = 0 when only one side may shut). The side that shuts gets G,
// pays C(g) to the other side (compensation) and both get b from the next period on -- for good,
// or, with durability.reopen_prob = q > 0, until the complex reopens on the same terms, which it
// does each period with probability q (the 2013 pattern: shut in April, reopened in September). The
// closed state is then worth P_i = (b_i + r q V_i) / (1 - r + r q) (present values), and in the
// thresholds below v_i - b_i becomes (1 - r)(v_i - b_i) / (1 - r + r q) when one side alone may
// shut; with both, the closed value enters as a fixed point (durability.cc). Values v are
// normalised (flow units): a deal never shut is worth v_i = u_i.
//
// Solution. Given h_j, side i's problem is a one-side optimal-stopping (Bellman) problem; its
// threshold solves the scalar equation
//   phi(tau) = (tau - C)(1 - rho) - rho (a + E[(G - tau)^+]) = 0,  rho = r (1 - h_j),
//   a = u_i - b_i + C h_j,
// strictly increasing and concave in tau (phi' = 1 - rho + rho P(G > tau) >= 1 - r), solved by
// safeguarded Newton inside a bracket to solution.tolerance. Then
//   h_i = P(G > tau),  v_i = b_i + (1 - r)(a + E[(G - tau)^+]) / (1 - rho)
// (for a side that cannot shut, E[...] = 0, h_i = 0). The fixed point is solved in the threshold
// rather than in h itself because with fixed temptations (the grim-trigger anchor) h(tau) is a step
// function while phi stays continuous, so the root always exists and is unique. When both sides
// may shut, the remaining scalar fixed point h_S = H_S(h_P(h_S)) is bracketed on [0, 1] (scan at
// 1/16, then Illinois on the first sign change: the lowest Seoul hazard found is selected).
//
// Grim-trigger anchor (Friedman 1971): with a fixed temptation G, penalty C, open value V and
// closed value P, cooperation (h = 0) holds iff r >= (G - C) / (G - C + V - P).
#pragma once

#include "models/kaesong/parameters.h"
#include "sim/solver/solve_result.h"

#include <limits>
#include <string>

namespace kaesong::model {

// The distribution of one side's per-period temptation: a mixture of the normal-period law
// (weight 1 - drill_share) and the drill-period law (weight drill_share).
struct TemptationLaw {
  TemptationKind kind = TemptationKind::kNone;
  double mean = 0.0;
  double drill_mean = 0.0;
  double drill_share = 0.0;

  bool CanShut() const { return kind != TemptationKind::kNone; }
  // P(G > tau) and E[(G - tau)^+] at once (G >= 0; Exponential(0) and Fixed(0) mean G = 0).
  void Tail(double tau, double* survival, double* excess) const;
};

struct DurabilityOutcome {
  double value_seoul = 0.0;      // v_S, flow units
  double value_pyongyang = 0.0;  // v_P, flow units
  double hazard = 0.0;           // P(the complex is shut in a period) = 1 - (1 - h_S)(1 - h_P)
  double hazard_seoul = 0.0;
  double hazard_pyongyang = 0.0;
  double threshold_seoul = std::numeric_limits<double>::infinity();  // +inf: never shuts
  double threshold_pyongyang = std::numeric_limits<double>::infinity();
  SolveStatus status = SolveStatus::kNotSolved;
  int iterations = 0;     // Newton steps, over all inner solves
  double residual = 0.0;  // |h_S - H_S(h_P(h_S))| of the two-sided fixed point, else 0
  std::string message;
};

class DurabilityModel {
 public:
  explicit DurabilityModel(const Parameters& params);

  // True when some side may shut: deal values then differ from the flows.
  bool active() const { return pyongyang_.CanShut() || seoul_.CanShut(); }

  // Values and hazard of an operating complex with flows (u_S, u_P) (US$ million/yr) and guarantee
  // g in [0, 1]. Exactly (u_S, u_P) with hazard 0 when no side may shut.
  DurabilityOutcome Evaluate(double u_seoul, double u_pyongyang, double g) const;

 private:
  struct SideSolution {
    double tau = std::numeric_limits<double>::infinity();
    double hazard = 0.0;
    double value = 0.0;
    int iterations = 0;
    bool converged = true;
  };
  SideSolution SolveSide(const TemptationLaw& law, double u, double b, double penalty,
                         double other_hazard) const;
  // The threshold tau solving (tau - C) denom = rho (a + X(tau)); sets s->tau, s->hazard,
  // s->iterations, s->converged and returns X(tau) = E[(G - tau)^+].
  double SolveThreshold(const TemptationLaw& law, double penalty, double a, double denom,
                        double rho, SideSolution* s) const;

  TemptationLaw seoul_;  // kind none unless durability.seoul_may_shut
  TemptationLaw pyongyang_;
  double discount_ = 0.9;
  double penalty_max_ = 0.0;
  double breakdown_seoul_ = 0.0;
  double breakdown_pyongyang_ = 0.0;
  double reopen_ = 0.0;
  double tolerance_ = 1e-10;
};

// The smallest per-period discount r at which a side with fixed temptation G, penalty C, open
// value V and closed value P never shuts: (G - C) / (G - C + V - P); 0 when G <= C (cooperation
// at any r); +infinity when G > C and V <= P (never). Cooperation holds iff r >= the threshold.
double GrimTriggerThreshold(double temptation, double penalty, double open_value,
                            double closed_value);

}  // namespace kaesong::model
