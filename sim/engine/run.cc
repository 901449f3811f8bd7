#include "sim/engine/run.h"

#include "models/kaesong/axiomatic.h"
#include "models/kaesong/critical_face_cost.h"
#include "models/kaesong/negotiation.h"
#include "models/kaesong/validate.h"
#include "sim/engine/simulate.h"
#include "sim/solver/solve_result.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace kaesong::engine {
namespace {

// Simultaneous drafts: the mean of the two sides' expected round-1 drafts, each over the drafts
// it tables (walking away excluded); nan when the menu is empty or a side surely walks.
model::Deal MeanFirstDrafts(const model::NegotiationSolution& solution) {
  const model::DraftMenu& menu = solution.menu;
  const model::DraftPlay& play = solution.Round(1).drafts;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  model::Deal mean{0.0, 0.0, 0.0};
  for (const Eigen::ArrayXd* mix : {&play.seoul, &play.pyongyang}) {
    const double tabled = menu.size() > 0 ? mix->head(menu.size()).sum() : 0.0;
    if (!(tabled > 0.0)) return model::Deal{nan, nan, nan};
    for (int a = 0; a < menu.size(); ++a) {
      const double weight = 0.5 * (*mix)[a] / tabled;
      mean.m += weight * menu.drafts[static_cast<std::size_t>(a)].m;
      mean.g += weight * menu.drafts[static_cast<std::size_t>(a)].g;
      mean.beta += weight * menu.drafts[static_cast<std::size_t>(a)].beta;
    }
  }
  return mean;
}

}  // namespace

RunResult RunScenario(const model::Parameters& params, const RunOptions& options) {
  const std::vector<model::ParameterIssue> issues = model::ValidateParameters(params);
  if (!issues.empty()) {
    std::string what;
    for (const model::ParameterIssue& issue : issues) {
      if (!what.empty()) what += "; ";
      what += issue.message;
    }
    throw std::invalid_argument(what);
  }
  if (options.replications < 0) {
    throw std::invalid_argument("replications must not be negative, got " +
                                std::to_string(options.replications));
  }
  const model::NegotiationSolution solution = model::SolveNegotiation(params);
  if (solution.status == SolveStatus::kInvalidInput) throw std::invalid_argument(solution.message);

  RunResult result;
  RunSummary& s = result.summary;
  const Simulator simulator(params, solution);
  if (options.record_rounds) {
    const double per_replication =
        model::ComputeOutcomes(solution, std::max(1, params.simulation.max_rounds)).expected_rounds;
    result.rounds.reserve(static_cast<std::size_t>(options.replications * (per_replication + 0.5)) + 16);
  }
  long long agreements = 0, breakdowns = 0, opt_outs = 0;
  double sum_round = 0.0, sum_day = 0.0, sum_m = 0.0, sum_g = 0.0, sum_beta = 0.0, sum_hazard = 0.0;
  double sum_value_seoul = 0.0, sum_value_pyongyang = 0.0;
  constexpr int kStopCheckInterval = 1024;  // replications between checks of options.stop
  for (int r = 0; r < options.replications; ++r) {
    if (options.stop != nullptr && r % kStopCheckInterval == 0 &&
        options.stop->load(std::memory_order_relaxed)) {
      throw RunInterrupted();
    }
    const ReplicationOutcome out =
        simulator.Run(options.seed, r, options.record_rounds ? &result.rounds : nullptr);
    sum_value_seoul += out.value_seoul;
    sum_value_pyongyang += out.value_pyongyang;
    switch (out.ending) {
      case Ending::kAgreement:
        ++agreements;
        sum_round += out.rounds;
        sum_day += out.end_day;
        sum_m += out.deal.m;
        sum_g += out.deal.g;
        sum_beta += out.deal.beta;
        sum_hazard += out.hazard;
        break;
      case Ending::kBreakdown: ++breakdowns; break;
      case Ending::kOptOut: ++opt_outs; break;
      case Ending::kUnresolved: break;
    }
  }

  const double n = options.replications;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto share = [&](long long count) { return n > 0 ? count / n : nan; };
  const auto per_deal = [&](double sum) { return agreements > 0 ? sum / agreements : nan; };
  s.replications = options.replications;
  s.agree_prob = share(agreements);
  s.breakdown_prob = share(breakdowns);
  s.opt_out_prob = share(opt_outs);
  s.mean_agreement_round = per_deal(sum_round);
  s.mean_agreement_day = per_deal(sum_day);
  s.mean_m = per_deal(sum_m);
  s.mean_g = per_deal(sum_g);
  s.mean_beta = per_deal(sum_beta);
  s.shutdown_hazard = per_deal(sum_hazard);
  s.mean_value_seoul = n > 0 ? sum_value_seoul / n : nan;
  s.mean_value_pyongyang = n > 0 ? sum_value_pyongyang / n : nan;

  const model::RoundPlan& first = solution.Round(1);
  if (solution.protocol == model::ProtocolKind::kSimultaneous) {
    const model::Deal drafts = MeanFirstDrafts(solution);
    s.first_offer_m = drafts.m;
    s.first_offer_g = drafts.g;
    s.first_offer_beta = drafts.beta;
    s.first_offer_accept_prob = first.drafts.agree_prob;
  }
  for (const model::Proposal& p : first.proposal) {
    s.first_offer_m += p.probability * p.offer.m;
    s.first_offer_g += p.probability * p.offer.g;
    s.first_offer_beta += p.probability * p.offer.beta;
    s.first_offer_accept_prob += p.probability * p.accept_prob;
  }
  s.equilibrium_value_seoul = first.value_seoul;
  s.equilibrium_value_pyongyang = first.value_pyongyang;
  s.critical_face_cost = nan;
  if (params.deal.beta.fixed && *params.deal.beta.fixed == 1.0) {
    const model::CriticalFaceCost critical = model::ComputeCriticalFaceCost(params);
    if (critical.status == SolveStatus::kSuccess) {
      s.critical_face_cost = critical.value;
      if (!critical.message.empty()) {
        result.warnings.push_back(fmt::format("the critical face cost A_P* = {:.6g} is known only "
                                              "to the bracket [{:.6g}, {:.6g}]: {}",
                                              critical.value, critical.lower, critical.upper,
                                              critical.message));
      }
    } else {
      result.warnings.push_back("the critical face cost A_P* was not found: " + critical.message);
    }
    if (critical.at_cap) {
      result.warnings.push_back(fmt::format(
          "the critical face cost A_P* = {:.6g} is set by the cap deal.m.max = {:.6g}: at A_P* the "
          "last deal pays the most hard currency allowed; raise deal.m.max",
          critical.value, params.deal.m.max));
    }
  }
  const model::AxiomaticSolutions axiomatic = model::ComputeAxiomaticSolutions(params);
  s.nash = axiomatic.nash.deal;
  s.kalai_smorodinsky = axiomatic.kalai_smorodinsky.deal;
  for (const std::string& w : solution.warnings) result.warnings.push_back(w);
  const bool qre = solution.solution_concept == model::SolutionConcept::kQre;
  const auto check_cap = [&](const char* what, double m) {
    if (model::AtUpperBound(params.deal.m, m)) {
      result.warnings.push_back(fmt::format(
          "{} (m = {:.6g}) sits on the cap deal.m.max = {:.6g}: the bound, not the model, sets it; "
          "raise deal.m.max",
          what, m, params.deal.m.max));
    }
  };
  if (!qre) check_cap("the equilibrium's round-1 hard currency", s.first_offer_m);
  const model::DealDimension& dm = params.deal.m;
  if (qre && !dm.fixed && dm.grid > 1 &&
      s.first_offer_m >= dm.max - (dm.max - dm.min) / (dm.grid - 1)) {
    result.warnings.push_back(fmt::format(
        "the QRE's mean round-1 offer (m = {:.6g}) is within a grid step of the cap deal.m.max = "
        "{:.6g}: the bound shapes the offer distribution; raise deal.m.max",
        s.first_offer_m, dm.max));
  }
  check_cap("the Nash bargaining solution's hard currency", s.nash.m);
  check_cap("the Kalai-Smorodinsky solution's hard currency", s.kalai_smorodinsky.m);
  s.solver_status = std::string(ToString(solution.status));
  s.solver_iterations = solution.iterations;
  s.solver_residual = solution.residual;
  return result;
}

}  // namespace kaesong::engine
