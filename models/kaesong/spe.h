// Subgame-perfect equilibrium of the Kaesong negotiation (Rubinstein 1982; Stahl 1972 for the
// finite horizon; Binmore, Rubinstein & Wolinsky 1986 for breakdown risk; Binmore, Shaked & Sutton
// 1989 for outside options). Each round the proposer i solves the proposer's problem
// (proposer_problem.h) against the responder j's reservation R_j = max(W_j, w_j) (w_j when its
// outside option is active and beats waiting, and then j opts out rather than reject); it makes the
// acceptable offer when that gives it at least its value of failure F_i (W_i, or b_i when j would
// opt out), else it makes no acceptable offer and demands its ideal deal (recorded, refused);
// a proposer whose own outside option is active and beats both walks away instead (recorded with
// its ideal deal as the offer, proposer_opt_out_prob = 1).
// Ties: the responder accepts when indifferent, the proposer prefers agreement. Finite horizon:
// backward induction; infinite horizon: stationary tail by fixed-point iteration (stationary.h),
// then backward induction through the dated rounds. Exact for linear values; see
// proposer_problem.h for the tolerance with durability on.
#pragma once

#include "models/kaesong/negotiation.h"
#include "models/kaesong/parameters.h"

namespace kaesong::model {

NegotiationSolution SolveSpe(const Parameters& params);

}  // namespace kaesong::model
