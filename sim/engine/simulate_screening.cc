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

int DrawPriorType(const model::TypeSpace& types, unsigned long long seed, int replication) {
  const CounterRng rng(seed, static_cast<std::uint64_t>(replication));
  const double u = rng.Uniform(kTypeDraw);
  const int n = types.size();
  for (int k = 0; k + 1 < n; ++k) {
    if (u < types.cumulative[k + 1]) return k;
  }
  return n - 1;
}

int ScreeningSimulator::DrawType(unsigned long long seed, int replication) const {
  return DrawPriorType(solution_.types, seed, replication);
}

bool EndScreeningRound(const model::Side& seoul, const model::Side& pyongyang,
                       const model::RoundState& state, model::Day date, int t,
                       const ScreeningMove& move, const CounterRng& rng, int replication,
                       ScreeningPath* path, ReplicationOutcome* out,
                       std::vector<RoundRecord>* records) {
  double* value = path->value;
  double* discount = path->discount;
  const std::uint64_t base = 4 * static_cast<std::uint64_t>(t - 1);
  const double gap_discount[2] = {state.discount[0],
                                  model::DiscountOver(pyongyang.discount, state.gap_days)};
  bool breakdown = false;
  out->rounds = t;
  out->end_day = date;
  if (move.walk) {
    value[0] += discount[0] * *seoul.outside_option;
    value[1] += discount[1] * pyongyang.breakdown_payoff;
    out->ending = Ending::kOptOut;
  } else if (move.accepted) {
    value[0] += discount[0] * move.offer_value.seoul;
    value[1] += discount[1] * move.offer_value.pyongyang;
    out->ending = Ending::kAgreement;
    out->deal = move.offer;
    out->hazard = move.offer_value.hazard;
  } else if (state.last ||
             (state.breakdown_prob > 0.0 && rng.Uniform(base + 3) < state.breakdown_prob)) {
    breakdown = true;
    value[0] += discount[0] * seoul.breakdown_payoff;
    value[1] += discount[1] * pyongyang.breakdown_payoff;
    out->ending = Ending::kBreakdown;
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
    rec.date = date;
    rec.proposer = model::Proposer::kSeoul;
    rec.offer_m = move.offer.m;
    rec.offer_g = move.offer.g;
    rec.offer_beta = move.offer.beta;
    rec.accepted = move.accepted && !move.walk;
    rec.opted_out = move.walk;
    rec.breakdown = breakdown;
    rec.drill = state.drill;
    rec.seoul_option_active = state.option_active[0];
    rec.pyongyang_option_active = state.option_active[1];
  }
  return out->ending != Ending::kUnresolved;
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
  ScreeningPath path;
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
    const ScreeningMove move{walk, !walk && (q >= 1.0 || (q > 0.0 && rng.Uniform(base + 2) < q)),
                             offer, offer_value};
    const model::Day date = t <= dated ? round.state.date : solution_.calendar.Date(t);
    const bool over = EndScreeningRound(seoul, pyongyang, round.state, date, t, move, rng,
                                        replication, &path, &out, records);
    if (records != nullptr) {
      RoundRecord& rec = records->back();
      rec.value_seoul = round.value_seoul[j];
      rec.value_pyongyang = round.value_type[row + j];
      rec.type = solution_.types.listed[static_cast<std::size_t>(k)] + 1;
      rec.belief_state = j;
    }
    if (over) break;
    if (j < top && !walk) j = target;
    if (t == max_rounds_) {  // infinite horizon cut at the cap: add the value of continuing
      const model::ScreeningRound& next = solution_.Round(t + 1);
      path.value[0] += path.discount[0] * next.value_seoul[j];
      path.value[1] += path.discount[1] * next.value_type[row + j];
    }
  }
  out.value_seoul = path.value[0];
  out.value_pyongyang = path.value[1];
  return out;
}

}  // namespace kaesong::engine
