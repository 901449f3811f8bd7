#include "models/kaesong/spe.h"

#include "models/kaesong/deal_value.h"
#include "models/kaesong/proposer_problem.h"

#include <fmt/format.h>

#include <cmath>

namespace kaesong::model {
namespace {

constexpr double kAgreementSlack = 1e-12;  // relative: the proposer prefers agreement on ties
constexpr double kInnerTolerance = 0.1;    // proposer's problem solved 10x tighter than the tail

}  // namespace

NegotiationSolution SolveSpe(const Parameters& params) {
  NegotiationSolution solution;
  solution.solution_concept = SolutionConcept::kSpe;
  solution.rounds = params.protocol.rounds;
  solution.calendar = RoundCalendar(params.calendar, params.seoul, params.pyongyang);
  const DealValuation valuation(params);
  if (!valuation.linear()) solution.table = TabulateDeals(valuation, DealGrid(params.deal));
  const ProposerProblem problem(valuation, params.deal, &solution.table,
                                kInnerTolerance * params.solution.tolerance);
  const Side* sides[2] = {&params.seoul, &params.pyongyang};

  const RoundSolver solve_round = [&](const RoundState& state, const Eigen::Vector2d& next,
                                      bool /*values_only*/) {
    RoundPlan plan;
    plan.state = state;
    const double reject[2] = {RejectValue(params.seoul, Proposer::kSeoul, state, next[0]),
                              RejectValue(params.pyongyang, Proposer::kPyongyang, state, next[1])};
    plan.reject_value_seoul = reject[0];
    plan.reject_value_pyongyang = reject[1];
    for (int i = 0; i < 2; ++i) {
      Proposal& prop = plan.proposal[i];
      prop.probability = i == 0 ? state.seoul_proposes_prob : 1.0 - state.seoul_proposes_prob;
      if (prop.probability <= 0.0) continue;
      const int j = 1 - i;
      const Proposer proposer = i == 0 ? Proposer::kSeoul : Proposer::kPyongyang;
      const bool opt_out = state.option_active[j] && *sides[j]->outside_option > reject[j];
      const double reservation = opt_out ? *sides[j]->outside_option : reject[j];
      const double failure = opt_out ? sides[i]->breakdown_payoff : reject[i];
      const ProposerChoice choice = problem.Solve(proposer, reservation);
      // The proposer's best move: the acceptable offer, no acceptable offer (failure), or walking
      // away itself when its option is active. Ties favour agreement, then staying at the table.
      const double slack = kAgreementSlack * (1.0 + std::abs(failure));
      const bool agree = choice.feasible && choice.value.Of(proposer) >= failure - slack;
      const double best_at_table = agree ? choice.value.Of(proposer) : failure;
      const bool walk = state.option_active[i] &&
                        *sides[i]->outside_option >
                            best_at_table + kAgreementSlack * (1.0 + std::abs(best_at_table));
      double values[2];
      if (walk) {
        const ProposerChoice demand = problem.Ideal(proposer);
        prop.offer = demand.deal;
        prop.offer_value = demand.value;
        prop.proposer_opt_out_prob = 1.0;
        values[i] = *sides[i]->outside_option;
        values[j] = sides[j]->breakdown_payoff;
      } else if (agree) {
        prop.offer = choice.deal;
        prop.offer_value = choice.value;
        prop.accept_prob = 1.0;
        values[0] = choice.value.seoul;
        values[1] = choice.value.pyongyang;
      } else {
        const ProposerChoice demand = problem.Ideal(proposer);
        prop.offer = demand.deal;
        prop.offer_value = demand.value;
        prop.opt_out_prob = opt_out ? 1.0 : 0.0;
        values[i] = failure;
        values[j] = reservation;
      }
      prop.value_seoul = values[0];
      prop.value_pyongyang = values[1];
    }
    SetExAnteValues(&plan);
    return plan;
  };
  SolveRounds(params, solve_round, &solution);
  ReportValuation(valuation, &solution);
  return solution;
}

}  // namespace kaesong::model
