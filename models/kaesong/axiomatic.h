// Axiomatic bargaining benchmarks over the deal frontier: the Nash (1950) bargaining solution, its
// asymmetric form with Seoul's weight alpha = solution.nash_weight (Kalai 1977; Roth 1979), and the
// Kalai & Smorodinsky (1975) solution. The feasible set is the image of the deal box under the deal
// values (V_S(x), V_P(x)) (deal_value.h, durability included), the disagreement point the breakdown
// payoffs (b_S, b_P). The frontier is traced as F(R) = max V_S(x) s.t. V_P(x) >= R (the proposer's
// problem, proposer_problem.h), R from b_P to R_max = max V_P(x) s.t. V_S(x) >= b_S:
//   Nash  maximises alpha log(F(R) - b_S) + (1 - alpha) log(R - b_P) (a scan of the frontier,
//         golden section around the best point, then the first-order condition on the local
//         tangent of F: exact to rounding on a linear piece of the frontier, a Newton polish on a
//         curved one; a non-concave frontier may leave a local maximum);
//   KS    the frontier point where (F(R) - b_S) / (F(b_P) - b_S) = (R - b_P) / (R_max - b_P), by
//         bisection (the left side falls and the right side rises in R).
// Binmore, Rubinstein & Wolinsky (1986): as the breakdown risk goes to 0 the alternating-offers
// equilibrium tends to the (symmetric) Nash solution with this disagreement point.
#pragma once

#include "models/kaesong/deal.h"
#include "models/kaesong/deal_value.h"
#include "models/kaesong/parameters.h"

namespace kaesong::model {

struct AxiomaticPoint {
  bool exists = false;  // some deal gives both sides at least their breakdown payoff
  Deal deal;            // NaN terms when none exists
  DealValue value;
};

struct AxiomaticSolutions {
  AxiomaticPoint nash;  // with Seoul's weight solution.nash_weight (0.5: the symmetric solution)
  AxiomaticPoint kalai_smorodinsky;
};

AxiomaticSolutions ComputeAxiomaticSolutions(const Parameters& params);

}  // namespace kaesong::model
