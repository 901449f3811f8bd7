// One Monte Carlo replication of the dated negotiation under a solved equilibrium
// (models/kaesong/negotiation.h): draws the proposer (random order), the offer (QRE: from the logit
// distribution over the deal grid by binary search in its cumulative table; SPE: the equilibrium
// offer), the response (QRE: logit draw; SPE: the equilibrium response) and breakdown after a
// rejection, until agreement, breakdown, opt-out, the finite horizon's end (breakdown payoffs,
// counted as breakdown) or, for an infinite horizon, simulation.max_rounds rounds (counted as
// unresolved). Draw k of round t is uniform number 4 (t - 1) + k of the replication's stream
// (k = 0 proposer, 1 offer, 2 response, 3 breakdown), whether used or not. Simultaneous drafts
// (models/kaesong/simultaneous.h): k = 0 Seoul's action, 1 Pyongyang's action, 3 breakdown; a
// walk-away pays the walker w_i and the other side b_j.
//
// Realised value of side i, matching the equilibrium values: sum over rounds of the product of its
// per-round discounts so far times the round's payoff -- V_i(x) on agreement, w_i / b_i on opt-out
// (responder / proposer), b_i on breakdown, (1 - delta_i) d_i for a round of impasse; at the round
// cap the discounted equilibrium value of continuing is added.
#pragma once

#include "models/kaesong/negotiation.h"
#include "models/kaesong/parameters.h"
#include "sim/engine/run.h"

#include <vector>

namespace kaesong::engine {

enum class Ending { kAgreement, kBreakdown, kOptOut, kUnresolved };

struct ReplicationOutcome {
  Ending ending = Ending::kUnresolved;
  int rounds = 0;              // rounds played
  model::Day end_day = 0;      // date of the last round played
  model::Deal deal;            // agreed deal (agreement only)
  double hazard = 0.0;         // its shutdown hazard h(x) (agreement only)
  double value_seoul = 0.0;    // realised values, flow units
  double value_pyongyang = 0.0;
};

class Simulator {
 public:
  // Both arguments must outlive the simulator; `solution` must not have status kInvalidInput.
  Simulator(const model::Parameters& params, const model::NegotiationSolution& solution);

  // Replication `replication` of the stream `seed`; appends one RoundRecord per round played to
  // *records when records != nullptr. Allocates nothing itself.
  ReplicationOutcome Run(unsigned long long seed, int replication,
                         std::vector<RoundRecord>* records) const;

 private:
  const model::Parameters& params_;
  const model::NegotiationSolution& solution_;
  int max_rounds_;
};

}  // namespace kaesong::engine
