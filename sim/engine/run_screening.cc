#include "sim/engine/run_screening.h"

#include "models/kaesong/pbe.h"
#include "sim/engine/run_common.h"
#include "sim/engine/simulate_screening.h"
#include "sim/solver/solve_result.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace kaesong::engine {
namespace {

BeliefColumns MakeBeliefColumns(const model::ScreeningSolution& solution) {
  BeliefColumns b;
  const model::TypeSpace& types = solution.types;
  b.types = types.size();
  b.posterior.assign(static_cast<std::size_t>(solution.points()) * b.types, 0.0);
  for (int j = 0; j < solution.points(); ++j) {
    const double s = solution.belief[static_cast<std::size_t>(j)];
    b.mean.push_back(types.PosteriorMean(s));
    for (int k = 0; k < b.types; ++k) {
      const std::size_t column = static_cast<std::size_t>(types.listed[static_cast<std::size_t>(k)]);
      b.posterior[static_cast<std::size_t>(j) * b.types + column] = types.Posterior(k, s);
    }
  }
  return b;
}

}  // namespace

RunResult RunScreeningScenario(const model::Parameters& params, const RunOptions& options) {
  RequireValidRun(params, options);
  const model::ScreeningSolution solution = model::SolveScreening(params);
  if (solution.status == SolveStatus::kInvalidInput) throw std::invalid_argument(solution.message);

  RunResult result;
  RunSummary& s = result.summary;
  const ScreeningSimulator simulator(params, solution);
  const int max_rounds = std::max(1, params.simulation.max_rounds);
  const model::ScreeningOutcomes outcomes = model::ComputeScreeningOutcomes(solution, max_rounds);
  const RowBudget budget = PlanRows(params, options, outcomes.total.expected_rounds, &result);
  SimulateReplications(simulator, options, budget, &result);
  s.record_prob = outcomes.total.record_prob;
  const model::TypeSpace& types = solution.types;
  const bool hidden = params.information.hidden != model::HiddenParameter::kNone;
  if (hidden) s.agree_prob_by_type.assign(static_cast<std::size_t>(types.size()), 0.0);
  for (int k = 0; hidden && k < types.size(); ++k) {
    s.agree_prob_by_type[static_cast<std::size_t>(types.listed[static_cast<std::size_t>(k)])] =
        outcomes.by_type[static_cast<std::size_t>(k)].agree;
  }

  // Round 1 at the prior (belief state 0).
  const model::ScreeningRound& first = solution.Round(1);
  const int n = solution.points();
  const bool aimed = !first.walk[0] && (n == 1 ? first.top_agree : first.target[0] > 0);
  const model::Deal offer = aimed ? first.offer[first.target[0]] : solution.ideal;
  s.first_offer_m = offer.m;
  s.first_offer_g = offer.g;
  s.first_offer_beta = offer.beta;
  s.equilibrium_value_seoul = first.value_seoul[0];
  for (int k = 0; k < types.size(); ++k) {
    const double p = types.prior[static_cast<std::size_t>(k)];
    s.first_offer_accept_prob += p * solution.AcceptProb(first, k, 0);
    s.equilibrium_value_pyongyang += p * first.value_type[static_cast<std::size_t>(k) * n];
  }
  FinishHiddenInformationSummary(params, solution, &result);
  if (hidden) result.beliefs = MakeBeliefColumns(solution);
  result.belief_path = outcomes.path;
  result.belief_path_reach = outcomes.reach;
  return result;
}

}  // namespace kaesong::engine
