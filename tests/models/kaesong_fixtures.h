// Parameter sets built in code for the Kaesong model tests: the one-issue limit cases of
// scenarios/limits/ (pie 1 = seoul.pi, only m live, m is Pyongyang's share) and the 2013-like
// calibration of kaesong_2013_like.h.
#pragma once

#include "models/kaesong/negotiation.h"
#include "models/kaesong/parameters.h"
#include "tests/models/kaesong_2013_like.h"

#include <algorithm>
#include <optional>

namespace kaesong::model::testing {

// One issue: u_S = 1 - m, u_P = m on m in [0, 1]; g and beta fixed at 0; no durability.
inline Parameters LimitCase(double seoul_discount, double pyongyang_discount, Proposer first,
                            std::optional<int> rounds, int m_grid = 101) {
  Parameters p;
  p.name = "limit";
  p.deal.m = DealDimension{0.0, 1.0, m_grid, std::nullopt};
  p.deal.g = DealDimension{0.0, 1.0, 2, 0.0};
  p.deal.beta = DealDimension{0.0, 1.0, 2, 0.0};
  p.seoul.pi = 1.0;
  p.seoul.discount = seoul_discount;
  p.pyongyang.discount = pyongyang_discount;
  p.seoul.breakdown_payoff = p.pyongyang.breakdown_payoff = 0.0;
  p.seoul.impasse = p.pyongyang.impasse = 0.0;
  p.protocol.first = first;
  p.protocol.rounds = rounds;
  p.solution.solution_concept = SolutionConcept::kSpe;
  p.solution.tolerance = 1e-12;
  return p;
}

// The exact mean terms of the deal reached, conditional on agreement, and the probability of
// agreement, under an alternating-offers solution's strategies (QRE: over its offer table; SPE:
// the offers accepted), following rounds 1..max_rounds. Independent of the simulator.
struct ExpectedDeal {
  double agree = 0.0;
  Deal terms;
};
inline ExpectedDeal ExpectedAgreement(const NegotiationSolution& s, int max_rounds) {
  ExpectedDeal out;
  double reach = 1.0, m = 0.0, g = 0.0, beta = 0.0;
  const int horizon = s.rounds ? std::min(*s.rounds, max_rounds) : max_rounds;
  for (int t = 1; t <= horizon && reach > 1e-300; ++t) {
    const RoundPlan& plan = s.Round(t);
    double ends = 0.0;
    for (const Proposal& prop : plan.proposal) {
      if (prop.probability <= 0.0) continue;
      const double w = reach * prop.probability;
      ends +=
          prop.probability * (prop.accept_prob + prop.opt_out_prob + prop.proposer_opt_out_prob);
      if (prop.offer_cdf.size() == 0) {  // SPE
        if (prop.accept_prob > 0.0) {
          out.agree += w * prop.accept_prob;
          m += w * prop.accept_prob * prop.offer.m;
          g += w * prop.accept_prob * prop.offer.g;
          beta += w * prop.accept_prob * prop.offer.beta;
        }
        continue;
      }
      double previous = 0.0;
      for (int k = 0; k < s.table.grid.size(); ++k) {
        const double pick = prop.offer_cdf[k] - previous;
        previous = prop.offer_cdf[k];
        const double a = w * pick * prop.accept_by_offer[k];
        const Deal x = s.table.grid.At(k);
        out.agree += a;
        m += a * x.m;
        g += a * x.g;
        beta += a * x.beta;
      }
    }
    if (plan.state.last) break;
    reach *= (1.0 - ends) * (1.0 - plan.state.breakdown_prob);
  }
  out.terms = Deal{m / out.agree, g / out.agree, beta / out.agree};
  return out;
}

}  // namespace kaesong::model::testing
