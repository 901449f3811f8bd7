// Agent logit quantal response equilibrium of the Kaesong negotiation (McKelvey & Palfrey 1995,
// 1998: agent QRE of an extensive-form game). Every move is a logit choice with precision
// lambda = solution.lambda, per US$ million/yr (payoffs are in US$ million/yr, so lambda is scale-
// dependent: lambda * (value difference) is what matters; limit cases with a pie of 1 need large
// lambda). In round t the responder j chooses accept / reject / opt out (when its option is
// active) with probabilities proportional to exp(lambda * {V_j(x), W_j(t), w_j}). The proposer i
// chooses an offer from the continuous deal box with density proportional to exp(lambda E_i(x))
// against the uniform probability measure on the box, E_i(x) = P_acc V_i(x) + P_rej W_i(t) +
// P_opt b_i; beside the offers it may table nothing acceptable (weight exp(lambda W_i)) or, with
// an active outside option, walk away (weight exp(lambda w_i)). The density is integrated by the
// offer quadrature of offer_quadrature.h (cell-weighted grid, subdivided as lambda grows), so
// choice probabilities and outcomes converge as deal.*.grid is refined. Continuation values are
// the exact expected values under these strategies, by backward recursion (finite horizon) or
// stationary fixed point (infinite, stationary.h). As lambda grows the QRE converges to the SPE
// with continuous offers (spe.h).
#pragma once

#include "models/kaesong/negotiation.h"
#include "models/kaesong/parameters.h"

namespace kaesong::model {

NegotiationSolution SolveQre(const Parameters& params);

// The log-probabilities of one move of the QRE `solution` of `params` in the round of `plan`:
// proposer i's (0 Seoul, 1 Pyongyang) choice k (indexed as Proposal's arrays: an offer of
// solution.table, then n = no acceptable draft, n + 1 = walk away) and the responder's accept,
// reject and opt out given it; -infinity where impossible (no draft and walking away are never
// accepted). Computed in log space from the same utilities as the solver, so they stay finite
// where the probabilities themselves underflow (an unlikely offer at large lambda), and agree with
// the stored ones (Proposal::offer_cdf, accept_by_offer, opt_out_by_offer) where those do not.
struct QreMoveLogProbability {
  double choice = 0.0;
  double accept = 0.0, reject = 0.0, opt_out = 0.0;
};
QreMoveLogProbability QreLogProbabilities(const Parameters& params,
                                          const NegotiationSolution& solution,
                                          const RoundPlan& plan, int i, int k);

}  // namespace kaesong::model
