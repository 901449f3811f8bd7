#include "sim/engine/run.h"

#include "models/kaesong/axiomatic.h"
#include "models/kaesong/critical_face_cost.h"
#include "models/kaesong/negotiation.h"
#include "models/kaesong/validate.h"
#include "sim/engine/run_belief_qre.h"
#include "sim/engine/run_common.h"
#include "sim/engine/run_screening.h"
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

void RequireValidRun(const model::Parameters& params, const RunOptions& options) {
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
  RequireWithinMemory(EstimateSolveMemory(params, SolveThreads()), options.max_memory,
                      "the equilibrium");
}

RowBudget PlanRows(const model::Parameters& params, const RunOptions& options,
                   double rounds_per_replication, RunResult* result) {
  RowBudget budget;
  budget.fixed_bytes = EstimateSolveMemory(params, SolveThreads()).bytes;
  budget.row_bytes = RowBytes(params);
  if (!options.record_rounds) return budget;
  budget.rows = &result->rounds;
  if (std::isfinite(rounds_per_replication)) {
    // The rows reserved: the expectation and half a row per replication of slack.
    const double rows = options.replications * (rounds_per_replication + 0.5) + 16;
    MemoryEstimate e;
    e.bytes = budget.fixed_bytes + rows * budget.row_bytes;
    e.what = fmt::format(
        "the equilibrium's tables and {} replications x {:.3g} rounds of "
        "rounds.csv rows, {:.0f} bytes each",
        options.replications, rounds_per_replication, budget.row_bytes);
    RequireWithinMemory(e, options.max_memory, "the run");
    result->rounds.reserve(static_cast<std::size_t>(rows));
  }
  return budget;
}

void AddCapWarnings(const model::Parameters& params, RunResult* result) {
  const RunSummary& s = result->summary;
  const auto check_cap = [&](const char* what, double m) {
    if (model::AtUpperBound(params.deal.m, m)) {
      result->warnings.push_back(fmt::format(
          "{} (m = {:.6g}) sits on the cap deal.m.max = {:.6g}: the bound, not the model, sets it; "
          "raise deal.m.max",
          what, m, params.deal.m.max));
    }
  };
  if (params.solution.solution_concept != model::SolutionConcept::kQre) {
    check_cap("the equilibrium's round-1 hard currency", s.first_offer_m);
  }
  check_cap("the Nash bargaining solution's hard currency", s.nash.m);
  check_cap("the Kalai-Smorodinsky solution's hard currency", s.kalai_smorodinsky.m);
}

void SetAxiomaticBenchmarks(const model::Parameters& params, RunSummary* s) {
  const model::AxiomaticSolutions axiomatic = model::ComputeAxiomaticSolutions(params);
  s->nash = axiomatic.nash.deal;
  s->kalai_smorodinsky = axiomatic.kalai_smorodinsky.deal;
}

RunResult RunScenario(const model::Parameters& params, const RunOptions& options) {
  RequireValidRun(params, options);
  if (params.solution.solution_concept == model::SolutionConcept::kPbe) {
    return RunScreeningScenario(params, options);
  }
  if (params.information.hidden != model::HiddenParameter::kNone) {
    return RunBeliefQreScenario(params, options);  // "qre" with beliefs (validated)
  }
  const model::NegotiationSolution solution = model::SolveNegotiation(params);
  if (solution.status == SolveStatus::kInvalidInput) throw std::invalid_argument(solution.message);

  RunResult result;
  RunSummary& s = result.summary;
  const Simulator simulator(params, solution);
  // The exact outcome distribution: the expected rounds size the rows kept, and record_prob.
  const model::OutcomeDistribution outcomes =
      model::ComputeOutcomes(solution, std::max(1, params.simulation.max_rounds));
  const RowBudget budget = PlanRows(params, options, outcomes.expected_rounds, &result);
  SimulateReplications(simulator, options, budget, &result);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  s.record_prob = outcomes.record_prob;

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
        result.warnings.push_back(
            fmt::format("the critical face cost A_P* = {:.6g} is known only "
                        "to the bracket [{:.6g}, {:.6g}]: {}",
                        critical.value, critical.lower, critical.upper, critical.message));
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
  SetAxiomaticBenchmarks(params, &s);
  for (const std::string& w : solution.warnings) result.warnings.push_back(w);
  const bool qre = solution.solution_concept == model::SolutionConcept::kQre;
  AddCapWarnings(params, &result);
  const model::DealDimension& dm = params.deal.m;
  if (qre && !dm.fixed && dm.grid > 1 &&
      s.first_offer_m >= dm.max - (dm.max - dm.min) / (dm.grid - 1)) {
    result.warnings.push_back(fmt::format(
        "the QRE's mean round-1 offer (m = {:.6g}) is within a grid step of the cap deal.m.max = "
        "{:.6g}: the bound shapes the offer distribution; raise deal.m.max",
        s.first_offer_m, dm.max));
  }
  s.solver_status = std::string(ToString(solution.status));
  s.solver_iterations = solution.iterations;
  s.solver_residual = solution.residual;
  return result;
}

}  // namespace kaesong::engine
