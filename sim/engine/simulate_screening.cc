#include "sim/engine/simulate_screening.h"

#include "models/kaesong/information.h"
#include "models/kaesong/negotiation.h"
#include "sim/engine/rng.h"

#include <algorithm>

namespace kaesong::engine {

ScreeningSimulator::ScreeningSimulator(const model::Parameters& params,
                                       const model::ScreeningSolution& solution)
    : params_(params),
      solution_(solution),
      max_rounds_(solution.rounds ? *solution.rounds : std::max(1, params.simulation.max_rounds)) {
  for (double value : solution.types.values) {
    types_.push_back(model::WithType(params, value).pyongyang);
  }
}

int ScreeningSimulator::DrawType(unsigned long long seed, int replication) const {
  const CounterRng rng(seed, static_cast<std::uint64_t>(replication));
  const double u = rng.Uniform(kTypeDraw);
  const std::vector<double>& cum = solution_.types.cumulative;
  const int n = solution_.types.size();
  for (int k = 0; k + 1 < n; ++k) {
    if (u < cum[k + 1]) return k;
  }
  return n - 1;
}

ReplicationOutcome ScreeningSimulator::Run(unsigned long long seed, int replication,
                                           std::vector<RoundRecord>* records) const {
  const CounterRng rng(seed, static_cast<std::uint64_t>(replication));
  const int k = DrawType(seed, replication);
  const model::Side& seoul = params_.seoul;
  const model::Side& pyongyang = types_[static_cast<std::size_t>(k)];
  const int n = solution_.points();
  const int top = n - 1;
  const std::size_t row = static_cast<std::size_t>(k) * n;
  const int dated = static_cast<int>(solution_.dated.size());
  double discount[2] = {1.0, 1.0};
  double value[2] = {0.0, 0.0};
  ReplicationOutcome out;
  int j = 0;
  for (int t = 1; t <= max_rounds_; ++t) {
    const model::ScreeningRound& round = solution_.Round(t);
    const std::uint64_t base = 4 * static_cast<std::uint64_t>(t - 1);
    const bool walk = round.walk[j] != 0;
    const int target = round.target[j];
    const bool aimed = !walk && (j == top ? round.top_agree : target > j);
    const model::Deal offer = aimed ? round.offer[target] : solution_.ideal;
    const model::DealValue& offer_value =
        aimed ? round.offer_value[row + target] : solution_.ideal_value[k];
    const double q = solution_.AcceptProb(round, k, j);
    const bool accepted = q >= 1.0 || (q > 0.0 && rng.Uniform(base + 2) < q);
    const double gap_discount[2] = {round.state.discount[0],
                                    model::DiscountOver(pyongyang.discount, round.state.gap_days)};
    bool breakdown = false;
    out.rounds = t;
    out.end_day = t <= dated ? round.state.date : solution_.calendar.Date(t);
    if (walk) {
      value[0] += discount[0] * *seoul.outside_option;
      value[1] += discount[1] * pyongyang.breakdown_payoff;
      out.ending = Ending::kOptOut;
    } else if (accepted) {
      value[0] += discount[0] * offer_value.seoul;
      value[1] += discount[1] * offer_value.pyongyang;
      out.ending = Ending::kAgreement;
      out.deal = offer;
      out.hazard = offer_value.hazard;
    } else if (round.state.last || (round.state.breakdown_prob > 0.0 &&
                                    rng.Uniform(base + 3) < round.state.breakdown_prob)) {
      breakdown = true;
      value[0] += discount[0] * seoul.breakdown_payoff;
      value[1] += discount[1] * pyongyang.breakdown_payoff;
      out.ending = Ending::kBreakdown;
    } else {
      value[0] += discount[0] * (1.0 - gap_discount[0]) * seoul.impasse;
      value[1] += discount[1] * (1.0 - gap_discount[1]) * pyongyang.impasse;
      discount[0] *= gap_discount[0];
      discount[1] *= gap_discount[1];
    }
    if (records != nullptr) {
      RoundRecord& rec = records->emplace_back();
      rec.replication = replication;
      rec.round = t;
      rec.date = out.end_day;
      rec.proposer = model::Proposer::kSeoul;
      rec.offer_m = offer.m;
      rec.offer_g = offer.g;
      rec.offer_beta = offer.beta;
      rec.accepted = accepted && !walk;
      rec.opted_out = walk;
      rec.breakdown = breakdown;
      rec.drill = round.state.drill;
      rec.seoul_option_active = round.state.option_active[0];
      rec.pyongyang_option_active = round.state.option_active[1];
      rec.value_seoul = round.value_seoul[j];
      rec.value_pyongyang = round.value_type[row + j];
      rec.type = solution_.types.listed[static_cast<std::size_t>(k)] + 1;
      rec.belief_state = j;
    }
    if (out.ending != Ending::kUnresolved) break;
    if (j < top && !walk) j = target;
    if (t == max_rounds_) {  // infinite horizon cut at the cap: add the value of continuing
      const model::ScreeningRound& next = solution_.Round(t + 1);
      value[0] += discount[0] * next.value_seoul[j];
      value[1] += discount[1] * next.value_type[row + j];
    }
  }
  out.value_seoul = value[0];
  out.value_pyongyang = value[1];
  return out;
}

}  // namespace kaesong::engine
