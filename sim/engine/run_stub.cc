// TEMPORARY stand-in for RunScenario until the model branch lands; delete this file at the merge
// (the real engine defines RunScenario in sim/engine/). It solves nothing: every number it
// produces is a deterministic placeholder (solver_status "stub"), good only for exercising the
// scenario loader, the CSV writer and `kaesong run` end to end.
#include "sim/engine/run.h"

#include "models/kaesong/validate.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace kaesong::engine {

RunResult RunScenario(const model::Parameters& params, const RunOptions& options) {
  const auto issues = model::ValidateParameters(params);
  if (!issues.empty()) throw std::invalid_argument(issues.front().message);
  RunResult result;
  const int horizon = params.protocol.rounds.value_or(3);
  const auto date_of = [&](int round) {
    const auto& dates = params.calendar.round_dates;
    if (round <= static_cast<int>(dates.size())) return dates[round - 1];
    const model::Day last = dates.empty() ? 0 : dates.back();
    return last + params.calendar.spacing_days * (round - static_cast<int>(dates.size()));
  };
  const auto mid = [](const model::DealDimension& d) { return 0.5 * (d.Lo() + d.Hi()); };
  int deals = 0;
  double agreement_rounds = 0.0;
  double agreement_days = 0.0;
  for (int r = 0; r < options.replications; ++r) {
    const int length = std::min(horizon, 1 + r % 3);
    for (int round = 1; round <= length; ++round) {
      RoundRecord rec;
      rec.replication = r;
      rec.round = round;
      rec.date = date_of(round);
      rec.proposer = (round % 2 == 1) == (params.protocol.first == model::Proposer::kSeoul)
                         ? model::Proposer::kSeoul
                         : model::Proposer::kPyongyang;
      rec.offer_m = mid(params.deal.m);
      rec.offer_g = mid(params.deal.g);
      rec.offer_beta = mid(params.deal.beta);
      rec.accepted = round == length;
      if (options.record_rounds) result.rounds.push_back(rec);
    }
    ++deals;
    agreement_rounds += length;
    agreement_days += date_of(length);
  }
  RunSummary& s = result.summary;
  s.replications = options.replications;
  s.agree_prob = options.replications > 0 ? 1.0 : 0.0;
  s.mean_agreement_round = deals > 0 ? agreement_rounds / deals : std::nan("");
  s.mean_agreement_day = deals > 0 ? agreement_days / deals : std::nan("");
  s.mean_m = mid(params.deal.m);
  s.mean_g = mid(params.deal.g);
  s.mean_beta = mid(params.deal.beta);
  s.first_offer_m = s.mean_m;
  s.first_offer_g = s.mean_g;
  s.first_offer_beta = s.mean_beta;
  s.first_offer_accept_prob = 1.0 / 3.0;
  s.solver_status = "stub";
  return result;
}

}  // namespace kaesong::engine
