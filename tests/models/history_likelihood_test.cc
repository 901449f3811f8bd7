#include "models/kaesong/history_likelihood.h"
#include "models/kaesong/negotiation.h"
#include "sim/engine/run.h"
#include "sim/io/history_csv.h"
#include "sim/io/scenario.h"
#include "sim/io/scenario_fit.h"

#include <catch2/catch.hpp>

#include <cmath>

namespace kaesong {
namespace {

const std::string kSmall = std::string(KAESONG_TEST_DATA) + "/fit/small.toml";

// The histories of the engine's replications, as the reader would give them.
std::vector<model::ObservedHistory> Histories(const std::vector<engine::RoundRecord>& rounds) {
  std::vector<model::ObservedHistory> out;
  for (const engine::RoundRecord& r : rounds) {
    if (r.round == 1) out.emplace_back();
    model::ObservedRound o;
    o.round = r.round;
    o.proposer = r.proposer;
    o.offer = {r.offer_m, r.offer_g, r.offer_beta};
    o.choice = !std::isnan(r.offer_m) ? model::ObservedChoice::kOffer
               : r.opted_out          ? model::ObservedChoice::kWalkAway
                                      : model::ObservedChoice::kNoDraft;
    o.accepted = r.accepted;
    o.opted_out = r.opted_out;
    o.breakdown = r.breakdown;
    out.back().push_back(o);
  }
  return out;
}

TEST_CASE("history log-likelihood equals a direct sum of the simulator's log probabilities") {
  io::Scenario s = io::LoadScenario(kSmall, {{"simulation.replications", "300", "test"}});
  const model::NegotiationSolution solution = model::SolveNegotiation(s.parameters);
  REQUIRE(solution.ok());
  engine::RunOptions options;
  options.replications = 300;
  options.seed = 11;
  const engine::RunResult run = engine::RunScenario(s.parameters, options);
  double direct = 0.0;
  const model::DealGrid& grid = solution.table.grid;
  for (const engine::RoundRecord& r : run.rounds) {
    const model::RoundPlan& plan = solution.Round(r.round);
    const int i = r.proposer == model::Proposer::kSeoul ? 0 : 1;
    const double q = plan.state.seoul_proposes_prob;
    direct += std::log(i == 0 ? q : 1.0 - q);
    const model::Proposal& p = plan.proposal[i];
    int k = grid.size();  // no draft
    if (!std::isnan(r.offer_m)) {
      for (int c = 0; c < grid.size(); ++c) {
        if (grid.At(c).m == r.offer_m) k = c;
      }
    }
    const double pk = p.offer_cdf[k] - (k == 0 ? 0.0 : p.offer_cdf[k - 1]);
    // The offer's term is a density against the box: divide by the cell's trapezoid weight.
    const double w =
        k < grid.size() ? ((k == 0 || k == grid.size() - 1) ? 0.5 : 1.0) / (grid.size() - 1) : 1.0;
    direct += std::log(pk / w);
    const double acc = p.accept_by_offer[k], opt = p.opt_out_by_offer[k];
    if (r.accepted) {
      direct += std::log(acc);
      continue;
    }
    if (r.opted_out) {
      direct += std::log(opt);
      continue;
    }
    direct += std::log(1.0 - acc - opt);
    const double pb = plan.state.last ? 1.0 : plan.state.breakdown_prob;
    direct += std::log(r.breakdown ? pb : 1.0 - pb);
  }
  const double computed = model::HistoriesLogLikelihood(s.parameters, solution, Histories(run.rounds));
  CHECK(computed == Approx(direct).epsilon(1e-12).margin(1e-9));
}

TEST_CASE("fit recovers lambda and a payoff key from 2000 simulated histories") {
  io::Scenario s = io::LoadScenario(kSmall);
  engine::RunOptions options;
  options.replications = 2000;
  options.seed = 5;
  const engine::RunResult run = engine::RunScenario(s.parameters, options);
  const std::vector<model::ObservedHistory> histories = Histories(run.rounds);
  const std::vector<io::FreeKey> keys = {io::ParseFreeKey(s, "solution.lambda=2:20"),
                                         io::ParseFreeKey(s, "pyongyang.breakdown_payoff=0:0.5")};
  io::FitOptions fit_options;
  fit_options.starts = 2;
  const io::FitResult fit = io::FitScenario(s, keys, histories, fit_options);
  const double truth[] = {8.0, 0.1};
  for (std::size_t i = 0; i < 2; ++i) {
    const io::ParameterEstimate& p = fit.parameters[i];
    INFO(keys[i].key << " = " << p.estimate << " (se " << p.std_error << ")");
    REQUIRE(std::isfinite(p.std_error));
    CHECK(std::abs(p.estimate - truth[i]) < 3.0 * p.std_error);
    CHECK(p.profile_lower < p.estimate);
    CHECK(p.profile_upper > p.estimate);
  }
}

}  // namespace
}  // namespace kaesong
