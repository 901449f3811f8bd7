#include "models/kaesong/history_likelihood.h"
#include "models/kaesong/negotiation.h"
#include "models/kaesong/offer_quadrature.h"
#include "models/kaesong/qre.h"
#include "sim/engine/run.h"
#include "sim/io/history_csv.h"
#include "sim/io/scenario.h"
#include "sim/io/scenario_fit.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

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
  const double computed =
      model::HistoriesLogLikelihood(s.parameters, solution, Histories(run.rounds));
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

// log(sum_k exp(x_k)) of a few terms, for the checks below.
double LogSumExp(const std::vector<double>& x) {
  double top = -std::numeric_limits<double>::infinity();
  for (const double v : x) top = std::max(top, v);
  double sum = 0.0;
  for (const double v : x) sum += std::exp(v - top);
  return top + std::log(sum);
}

TEST_CASE("QRE log-probabilities normalise and agree with the stored probabilities") {
  const io::Scenario s = io::LoadScenario(kSmall);
  const model::NegotiationSolution solution = model::SolveNegotiation(s.parameters);
  REQUIRE(solution.ok());
  const int n = solution.table.grid.size();
  for (const model::RoundPlan& plan : solution.dated) {
    for (int i = 0; i < 2; ++i) {
      const model::Proposal& p = plan.proposal[i];
      if (p.probability <= 0.0) continue;
      std::vector<double> choices;
      for (int k = 0; k < n + 2; ++k) {
        const model::QreMoveLogProbability m =
            model::QreLogProbabilities(s.parameters, solution, plan, i, k);
        choices.push_back(m.choice);
        const double stored = p.offer_cdf[k] - (k == 0 ? 0.0 : p.offer_cdf[k - 1]);
        CHECK(std::exp(m.choice) == Approx(stored).epsilon(1e-9).margin(1e-15));
        if (k < n) {
          CHECK(std::exp(m.accept) == Approx(p.accept_by_offer[k]).epsilon(1e-12));
          CHECK(std::exp(m.reject) == Approx(1.0 - p.accept_by_offer[k]).epsilon(1e-12));
          CHECK(m.opt_out == -std::numeric_limits<double>::infinity());  // no outside option
        }
      }
      // Walking away is impossible without an outside option; the rest sums to one.
      CHECK(choices.back() == -std::numeric_limits<double>::infinity());
      CHECK(LogSumExp(choices) == Approx(0.0).margin(1e-12));
    }
  }
}

TEST_CASE("stored QRE responses agree with the log-space logit when an outside option is active") {
  // Seoul's outside option is active: as responder it accepts, rejects or opts out, as proposer
  // it may walk away. At lambda 8 the solver's responses come from factors precomputed once per
  // solve (reach 4 on a pie of 1); at lambda 2000 (reach 1000) from the logit evaluated directly.
  for (const char* lambda : {"8", "2000"}) {
    INFO("lambda " << lambda);
    io::Scenario s = io::LoadScenario(
        kSmall, {{"seoul.outside_option", "0.3", "test"}, {"solution.lambda", lambda, "test"}});
    s.parameters.solution.quadrature_subdivision = {1, 1, 1};
    const model::NegotiationSolution solution = model::SolveNegotiation(s.parameters);
    REQUIRE(solution.ok());
    const int n = solution.table.grid.size();
    for (const model::RoundPlan& plan : solution.dated) {
      REQUIRE(plan.state.option_active[0]);
      for (int i = 0; i < 2; ++i) {
        const model::Proposal& p = plan.proposal[i];
        std::vector<double> choices;
        for (int k = 0; k < n + 2; ++k) {
          const model::QreMoveLogProbability m =
              model::QreLogProbabilities(s.parameters, solution, plan, i, k);
          choices.push_back(m.choice);
          if (k >= n) continue;
          CHECK(std::exp(m.accept) == Approx(p.accept_by_offer[k]).epsilon(1e-12).margin(1e-300));
          const double opt_out = i == 1 ? p.opt_out_by_offer[k] : 0.0;
          CHECK(std::exp(m.opt_out) == Approx(opt_out).epsilon(1e-12).margin(1e-300));
          CHECK(std::exp(m.accept) + std::exp(m.reject) + std::exp(m.opt_out) ==
                Approx(1.0).epsilon(1e-14));
        }
        // Seoul may walk away; Pyongyang may not. The choices sum to one either way.
        CHECK(std::isfinite(choices.back()) == (i == 0));
        CHECK(LogSumExp(choices) == Approx(0.0).margin(1e-12));
        if (i == 0 && choices.back() > -700.0) {  // the stored probability does not underflow
          CHECK(std::log(p.proposer_opt_out_prob) == Approx(choices.back()).epsilon(1e-12));
        }
      }
    }
  }
}

TEST_CASE("an offer whose probability underflows still has a finite log-likelihood") {
  // lambda 10000 on a pie of 1: Seoul's offer m = 0, accepted, is less likely than the smallest
  // double; the quadrature is held at the base grid.
  io::Scenario s = io::LoadScenario(kSmall, {{"solution.lambda", "10000", "test"}});
  s.parameters.solution.quadrature_subdivision = {1, 1, 1};
  const model::NegotiationSolution solution = model::SolveNegotiation(s.parameters);
  REQUIRE(solution.ok());
  const model::RoundPlan& plan = solution.Round(1);
  const model::Proposal& p = plan.proposal[0];
  REQUIRE(p.offer_cdf[0] * p.accept_by_offer[0] == 0.0);  // the stored probabilities underflow
  model::ObservedRound round;
  round.round = 1;
  round.proposer = model::Proposer::kSeoul;
  round.offer = {0.0, 0.0, 0.0};
  round.accepted = true;
  const double log_l = model::HistoryLogLikelihood(s.parameters, solution, {round});
  const model::QreMoveLogProbability m =
      model::QreLogProbabilities(s.parameters, solution, plan, 0, 0);
  const double log_proposer = std::log(plan.state.seoul_proposes_prob);
  REQUIRE(std::isfinite(log_l));
  CHECK(m.choice < -700.0);
  CHECK(log_l ==
        Approx(log_proposer + m.choice + m.accept - model::LogCellWeight(solution.table.grid, 0))
            .epsilon(1e-12));
}

TEST_CASE("a round with unknown terms contributes the probability of what was seen") {
  const io::Scenario s = io::LoadScenario(kSmall);
  const model::NegotiationSolution solution = model::SolveNegotiation(s.parameters);
  REQUIRE(solution.ok());
  const model::RoundPlan& plan = solution.Round(1);
  const model::Proposal& p = plan.proposal[1];
  const int n = solution.table.grid.size();
  // Pyongyang proposed in round 1, something was rejected, the talks went on: every offer that
  // was rejected, or no draft at all.
  double seen = p.offer_cdf[n] - p.offer_cdf[n - 1];  // no acceptable draft
  for (int k = 0; k < n; ++k) {
    const double pk = p.offer_cdf[k] - (k == 0 ? 0.0 : p.offer_cdf[k - 1]);
    seen += pk * (1.0 - p.accept_by_offer[k]);
  }
  model::ObservedRound round;
  round.round = 1;
  round.proposer = model::Proposer::kPyongyang;
  round.choice = model::ObservedChoice::kUnknown;
  const double expected = std::log(1.0 - plan.state.seoul_proposes_prob) + std::log(seen) +
                          std::log(1.0 - plan.state.breakdown_prob);
  CHECK(model::HistoryLogLikelihood(s.parameters, solution, {round}) ==
        Approx(expected).epsilon(1e-12));
  // Accepted with unknown terms: the acceptance probability of the whole proposal.
  round.accepted = true;
  CHECK(model::HistoryLogLikelihood(s.parameters, solution, {round}) ==
        Approx(std::log(1.0 - plan.state.seoul_proposes_prob) + std::log(p.accept_prob))
            .epsilon(1e-12));
}

TEST_CASE(
    "with the quadrature held, the fit likelihood is continuous where the rule's grid jumps") {
  const io::Scenario s = io::LoadScenario(kSmall);
  engine::RunOptions options;
  options.replications = 500;
  options.seed = 3;
  const std::vector<model::ObservedHistory> histories =
      Histories(engine::RunScenario(s.parameters, options).rounds);
  const std::vector<io::FreeKey> keys = {io::ParseFreeKey(s, "solution.lambda=2:40")};
  const auto rule = [&](double lambda) {
    return model::WantedSubdivision(
        io::ScenarioAt(s, keys, Eigen::VectorXd::Constant(1, lambda)).parameters)[0];
  };
  // A lambda where the resolution rule's subdivision of m steps up (bisection).
  double lo = 2.0, hi = 40.0;
  REQUIRE(rule(lo) < rule(hi));
  while (hi - lo > 1e-9) {
    const double mid = 0.5 * (lo + hi);
    (rule(mid) == rule(lo) ? lo : hi) = mid;
  }
  REQUIRE(rule(lo) != rule(hi));
  const std::array<int, 3> held = io::HeldSubdivision(s, keys);
  CHECK(held[0] == rule(40.0));
  const double below =
      io::FitLogLikelihood(s, keys, histories, held, Eigen::VectorXd::Constant(1, lo));
  const double above =
      io::FitLogLikelihood(s, keys, histories, held, Eigen::VectorXd::Constant(1, hi));
  REQUIRE(std::isfinite(below));
  CHECK(std::abs(above - below) < 1e-5);
}

}  // namespace
}  // namespace kaesong
