#include "sim/engine/simulate.h"

#include "sim/engine/rng.h"

#include <algorithm>
#include <limits>

namespace kaesong::engine {

using model::Proposer;

namespace {

// The action whose cumulative probability first exceeds u (the last one if rounding leaves u
// above the total).
int Draw(const Eigen::ArrayXd& probabilities, double u) {
  const int n = static_cast<int>(probabilities.size());
  double cumulative = 0.0;
  for (int a = 0; a + 1 < n; ++a) {
    cumulative += probabilities[a];
    if (u < cumulative) return a;
  }
  return n - 1;
}

}  // namespace

Simulator::Simulator(const model::Parameters& params, const model::NegotiationSolution& solution)
    : params_(params),
      solution_(solution),
      max_rounds_(solution.rounds ? *solution.rounds : std::max(1, params.simulation.max_rounds)) {}

ReplicationOutcome Simulator::Run(unsigned long long seed, int replication,
                                  std::vector<RoundRecord>* records) const {
  const CounterRng rng(seed, static_cast<std::uint64_t>(replication));
  const bool qre = solution_.solution_concept == model::SolutionConcept::kQre;
  const bool simultaneous = solution_.protocol == model::ProtocolKind::kSimultaneous;
  const model::Side* sides[2] = {&params_.seoul, &params_.pyongyang};
  const int dated = static_cast<int>(solution_.dated.size());
  double discount[2] = {1.0, 1.0};
  double value[2] = {0.0, 0.0};
  ReplicationOutcome out;

  for (int t = 1; t <= max_rounds_; ++t) {
    const model::RoundPlan& plan = solution_.Round(t);
    const std::uint64_t base = 4 * static_cast<std::uint64_t>(t - 1);
    const double q = plan.state.seoul_proposes_prob;
    const int i = simultaneous ? 0 : q >= 1.0 ? 0 : q <= 0.0 ? 1 : (rng.Uniform(base) < q ? 0 : 1);
    const int j = 1 - i;
    const model::Proposal& prop = plan.proposal[i];

    model::Deal offer;
    bool accepted, opted_out;
    bool walked[2] = {false, false};  // who took its outside option (both only when simultaneous)
    double deal_value[2], hazard;
    if (simultaneous) {
      const model::DraftPlay& play = plan.drafts;
      const int a = Draw(play.seoul, rng.Uniform(base));
      const int b = Draw(play.pyongyang, rng.Uniform(base + 1));
      walked[0] = play.seoul_may_walk && a == play.seoul.size() - 1;
      walked[1] = play.pyongyang_may_walk && b == play.pyongyang.size() - 1;
      const model::DraftMenu& menu = solution_.menu;
      const std::size_t pair = static_cast<std::size_t>(menu.Pair(a, b));
      opted_out = walked[0] || walked[1];
      accepted = !opted_out && a < menu.size() && b < menu.size() && menu.compatible[pair];
      if (accepted) {
        offer = menu.signed_deal[pair];
        deal_value[0] = menu.signed_value[pair].seoul;
        deal_value[1] = menu.signed_value[pair].pyongyang;
        hazard = menu.signed_value[pair].hazard;
      } else {  // no deal signed: the offer columns read nan
        const double nan = std::numeric_limits<double>::quiet_NaN();
        offer = model::Deal{nan, nan, nan};
        deal_value[0] = deal_value[1] = hazard = nan;
      }
    } else if (qre) {
      const double u = rng.Uniform(base + 1);
      const double* cdf = prop.offer_cdf.data();
      const int n = static_cast<int>(prop.offer_cdf.size());
      const int k = static_cast<int>(std::upper_bound(cdf, cdf + n, u) - cdf);
      const int index = std::min(k, n - 1);
      const double r = rng.Uniform(base + 2);
      const double p_accept = prop.accept_by_offer[index];
      accepted = r < p_accept;
      walked[j] = !accepted && r < p_accept + prop.opt_out_by_offer[index];
      walked[i] = index == solution_.table.grid.size() + 1;  // the proposer walks away
      opted_out = walked[i] || walked[j];
      if (index < solution_.table.grid.size()) {
        offer = solution_.table.grid.At(index);
        deal_value[0] = solution_.table.seoul[index];
        deal_value[1] = solution_.table.pyongyang[index];
        hazard = solution_.table.hazard[index];
      } else {  // no acceptable draft tabled: the offer columns read nan
        const double nan = std::numeric_limits<double>::quiet_NaN();
        offer = model::Deal{nan, nan, nan};
        deal_value[0] = deal_value[1] = hazard = nan;
      }
    } else {
      offer = prop.offer;
      accepted = prop.accept_prob >= 1.0;
      walked[i] = !accepted && prop.proposer_opt_out_prob >= 1.0;
      walked[j] = !accepted && !walked[i] && prop.opt_out_prob >= 1.0;
      opted_out = walked[i] || walked[j];
      deal_value[0] = prop.offer_value.seoul;
      deal_value[1] = prop.offer_value.pyongyang;
      hazard = prop.offer_value.hazard;
    }

    bool breakdown = false;
    out.rounds = t;
    out.end_day = t <= dated ? plan.state.date : solution_.calendar.Date(t);
    if (accepted) {
      for (int s = 0; s < 2; ++s) value[s] += discount[s] * deal_value[s];
      out.ending = Ending::kAgreement;
      out.deal = offer;
      out.hazard = hazard;
    } else if (opted_out) {
      for (int s = 0; s < 2; ++s) {
        value[s] += discount[s] * (walked[s] ? *sides[s]->outside_option : sides[s]->breakdown_payoff);
      }
      out.ending = Ending::kOptOut;
    } else if (plan.state.last || (plan.state.breakdown_prob > 0.0 &&
                                   rng.Uniform(base + 3) < plan.state.breakdown_prob)) {
      breakdown = true;
      for (int s = 0; s < 2; ++s) value[s] += discount[s] * sides[s]->breakdown_payoff;
      out.ending = Ending::kBreakdown;
    } else {
      for (int s = 0; s < 2; ++s) {  // suspended over the days until the next round
        value[s] += discount[s] * (1.0 - plan.state.discount[s]) * sides[s]->impasse;
        discount[s] *= plan.state.discount[s];
      }
    }

    if (records != nullptr) {
      RoundRecord& rec = records->emplace_back();
      rec.replication = replication;
      rec.round = t;
      rec.date = out.end_day;
      rec.proposer = i == 0 ? Proposer::kSeoul : Proposer::kPyongyang;
      rec.simultaneous = simultaneous;
      rec.offer_m = offer.m;
      rec.offer_g = offer.g;
      rec.offer_beta = offer.beta;
      rec.accepted = accepted;
      rec.opted_out = opted_out;
      rec.breakdown = breakdown;
      rec.drill = plan.state.drill;
      rec.seoul_option_active = plan.state.option_active[0];
      rec.pyongyang_option_active = plan.state.option_active[1];
      rec.value_seoul = plan.value_seoul;
      rec.value_pyongyang = plan.value_pyongyang;
    }
    if (out.ending != Ending::kUnresolved) break;
    if (t == max_rounds_) {  // infinite horizon cut at the cap: add the value of continuing
      const model::RoundPlan& next = solution_.Round(t + 1);
      value[0] += discount[0] * next.value_seoul;
      value[1] += discount[1] * next.value_pyongyang;
    }
  }
  out.value_seoul = value[0];
  out.value_pyongyang = value[1];
  return out;
}

}  // namespace kaesong::engine
