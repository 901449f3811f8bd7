// The likelihood of observed negotiation histories under the complete-information logit QRE
// (qre.h), with exactly the probabilities by which a replication is simulated
// (sim/engine/simulate.h). Round t of a history contributes
//   P(proposer) x P(the proposer's choice) x P(the response | choice) x P(breakdown or not),
// where P(proposer) is the round's seoul_proposes_prob or its complement; the choice is an offer
// (its terms binned to the quadrature cell they lie in: on each dimension the nearest point of the
// solution's grid), "no acceptable draft" or walking away; the response accept / reject / opt out
// by the responder (a proposer who tabled nothing is rejected, one who walked away ends the talks);
// breakdown follows a rejection with the round's p_t, and with certainty in a finite horizon's
// last round. An offer's term is a density: the cell's probability P_k divided by the cell's
// share w_k of the deal box (the trapezoid weight of offer_quadrature.h), so that the likelihood
// does not jump with the quadrature's subdivision, which grows with lambda; the choices "no
// draft" and "walk away" are probability masses. A history that ends still negotiating
// (simulation.max_rounds, or a record cut short) contributes its rounds and nothing past them.
//
// Unknown terms: a round where the proposer moved but what it chose is not known (an offer was
// tabled whose terms are unknown, or it is not known whether a draft or nothing acceptable was
// tabled) contributes the sum over all of the proposer's choices c of P(c) x P(the observed
// response | c), i.e. the probability of what was seen of the round.
#pragma once

#include "models/kaesong/deal.h"
#include "models/kaesong/negotiation.h"
#include "models/kaesong/parameters.h"

#include <vector>

namespace kaesong::model {

enum class ObservedChoice {
  kOffer,     // terms known (ObservedRound::offer)
  kNoDraft,   // no acceptable draft tabled
  kWalkAway,  // the proposer took its outside option
  kUnknown,   // the proposer moved; its choice is not known
};

struct ObservedRound {
  int round = 1;  // 1-based, consecutive within a history
  Proposer proposer = Proposer::kSeoul;
  ObservedChoice choice = ObservedChoice::kOffer;
  Deal offer;              // kOffer only
  bool accepted = false;   // a deal
  bool opted_out = false;  // a side took its outside option (the proposer with kWalkAway)
  bool breakdown = false;  // talks broke down after this round's rejection
};

using ObservedHistory = std::vector<ObservedRound>;

// The log-likelihood of one history (-infinity when it is impossible under the solution, e.g. an
// offer outside the deal box or a proposer the protocol does not allow). `solution` must be the
// QRE of `params` (SolveQre), alternating protocol, with status success. Every term is computed
// in log space (QreLogProbabilities), so a possible history never has log-likelihood -infinity.
double HistoryLogLikelihood(const Parameters& params, const NegotiationSolution& solution,
                            const ObservedHistory& history);

// The sum over histories, in order.
double HistoriesLogLikelihood(const Parameters& params, const NegotiationSolution& solution,
                              const std::vector<ObservedHistory>& histories);

// The flat index of the quadrature cell holding `offer` in `grid` (nearest point per dimension;
// -1 when a term lies outside the grid's range by more than half a step, or is not finite).
int OfferCell(const DealGrid& grid, const Deal& offer);

}  // namespace kaesong::model
