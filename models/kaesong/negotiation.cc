#include "models/kaesong/negotiation.h"

#include "models/kaesong/qre.h"
#include "models/kaesong/simultaneous.h"
#include "models/kaesong/spe.h"
#include "sim/solver/stationary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace kaesong::model {

RoundState MakeRoundState(const Parameters& params, const RoundCalendar& calendar, int round) {
  RoundState s;
  s.round = round;
  s.date = calendar.Date(round);
  s.drill = calendar.Drill(round);
  s.gap_days = calendar.Date(round + 1) - s.date;
  s.breakdown_prob = std::min(1.0, RiskOver(params.protocol.breakdown, s.gap_days) +
                                       (s.drill ? params.protocol.drill_breakdown : 0.0));
  s.discount[0] = DiscountOver(params.seoul.discount, s.gap_days);
  s.discount[1] = DiscountOver(params.pyongyang.discount, s.gap_days);
  s.last = params.protocol.rounds.has_value() && round == *params.protocol.rounds;
  s.option_active[0] = calendar.OptionActive(Proposer::kSeoul, round);
  s.option_active[1] = calendar.OptionActive(Proposer::kPyongyang, round);
  const bool seoul_first = params.protocol.first == Proposer::kSeoul;
  if (params.protocol.order == ProposerOrder::kRandom) {
    s.seoul_proposes_prob = params.protocol.seoul_proposes_prob;
  } else if (params.protocol.order == ProposerOrder::kFixed) {
    s.seoul_proposes_prob = seoul_first ? 1.0 : 0.0;
  } else {
    const bool first_proposes = round % 2 == 1;
    s.seoul_proposes_prob = first_proposes == seoul_first ? 1.0 : 0.0;
  }
  return s;
}

double DiscountOver(double weekly_discount, int days) {
  return days == 7 ? weekly_discount : std::pow(weekly_discount, days / 7.0);
}

double RiskOver(double weekly_risk, int days) {
  if (days == 7 || weekly_risk <= 0.0 || weekly_risk >= 1.0) return weekly_risk;
  return -std::expm1(days / 7.0 * std::log1p(-weekly_risk));
}

double RejectValue(const Side& side, Proposer who, const RoundState& state, double next_value) {
  if (state.last) return side.breakdown_payoff;
  const double p = state.breakdown_prob;
  const double delta = state.discount[who == Proposer::kSeoul ? 0 : 1];
  const double go_on = (1.0 - delta) * side.impasse + delta * next_value;
  return p == 0.0 ? go_on : p * side.breakdown_payoff + (1.0 - p) * go_on;
}

const RoundPlan& NegotiationSolution::Round(int t) const {
  const int n = static_cast<int>(dated.size());
  if (t <= n || tail.empty()) return dated[std::min(t, n) - 1];
  return tail[(t - n - 1) % static_cast<int>(tail.size())];
}

void SolveRounds(const Parameters& params, const RoundSolver& solve_round,
                 NegotiationSolution* solution) {
  const RoundCalendar& calendar = solution->calendar;
  Eigen::Vector2d next(params.seoul.breakdown_payoff, params.pyongyang.breakdown_payoff);
  int dated_rounds = 0;
  if (params.protocol.rounds) {
    dated_rounds = *params.protocol.rounds;
  } else {
    const int start = calendar.TailStart();
    const int period = params.protocol.order == ProposerOrder::kAlternate ? 2 : 1;
    std::vector<RoundState> states;
    states.reserve(period);
    for (int j = 0; j < period; ++j) states.push_back(MakeRoundState(params, calendar, start + j));
    std::vector<RoundPlan> plans(period);
    // T: values at the start of tail round `start + period` -> values at the start of `start`.
    bool values_only = true;
    const solver::ValueMap one_period = [&](const Eigen::Vector2d& z) {
      Eigen::Vector2d v = z;
      for (int j = period - 1; j >= 0; --j) {
        plans[j] = solve_round(states[j], v, values_only);
        v = Eigen::Vector2d(plans[j].value_seoul, plans[j].value_pyongyang);
      }
      return v;
    };
    const solver::StationaryReport report = solver::SolveStationary(
        one_period, &next, params.solution.tolerance, params.solution.max_iterations);
    values_only = !params.solution.choice_tables;
    one_period(next);  // the plans at the returned fixed point
    solution->tail = std::move(plans);
    solution->iterations = report.iterations;
    solution->residual = report.residual;
    if (report.status != SolveStatus::kSuccess) {
      solution->status = report.status;
      solution->message = report.message;
    }
    next = Eigen::Vector2d(solution->tail[0].value_seoul, solution->tail[0].value_pyongyang);
    dated_rounds = start - 1;
  }
  solution->dated.resize(dated_rounds);
  for (int t = dated_rounds; t >= 1; --t) {
    RoundPlan& plan = solution->dated[t - 1];
    plan = solve_round(MakeRoundState(params, calendar, t), next, !params.solution.choice_tables);
    next = Eigen::Vector2d(plan.value_seoul, plan.value_pyongyang);
  }
  if (solution->status == SolveStatus::kNotSolved) {  // no failure on the way
    solution->status = SolveStatus::kSuccess;
    solution->message.clear();
  }
}

NegotiationSolution SolveNegotiation(const Parameters& params) {
  const auto refuse = [&](std::string message) {
    NegotiationSolution s;
    s.solution_concept = params.solution.solution_concept;
    s.status = SolveStatus::kInvalidInput;
    s.message = std::move(message);
    return s;
  };
  if (params.protocol.rounds && *params.protocol.rounds < 1) {
    return refuse(
        fmt::format("protocol.rounds must be at least 1, got {}", *params.protocol.rounds));
  }
  const RoundCalendar calendar(params.calendar, params.seoul, params.pyongyang);
  const long long dated =
      params.protocol.rounds ? *params.protocol.rounds : calendar.TailStart() - 1;
  if (dated > kMaxDatedRounds) {
    return refuse(
        fmt::format("{} dated rounds exceed the solver's limit of {}", dated, kMaxDatedRounds));
  }
  const double r = params.durability.discount;
  if (!(r >= 0.0 && r < 1.0)) {
    return refuse(fmt::format("durability.discount must be in [0, 1), got {}", r));
  }
  if (params.solution.solution_concept == SolutionConcept::kPbe) {
    return refuse("solution.concept = \"pbe\" is solved by SolveScreening (pbe.h), not here");
  }
  if (params.protocol.kind == ProtocolKind::kSimultaneous) return SolveSimultaneous(params);
  return params.solution.solution_concept == SolutionConcept::kQre ? SolveQre(params)
                                                                   : SolveSpe(params);
}

OutcomeDistribution ComputeOutcomes(const NegotiationSolution& solution, int max_rounds) {
  OutcomeDistribution d;
  double reach = 1.0, round_sum = 0.0;
  const int horizon = solution.rounds ? std::min(*solution.rounds, max_rounds) : max_rounds;
  for (int t = 1; t <= horizon && reach > 0.0; ++t) {
    const RoundPlan& plan = solution.Round(t);
    d.expected_rounds += reach;
    double agree = plan.drafts.agree_prob, opt = plan.drafts.opt_out_prob;
    for (const Proposal& p : plan.proposal) {
      agree += p.probability * p.accept_prob;
      opt += p.probability * (p.opt_out_prob + p.proposer_opt_out_prob);
    }
    const double reject = std::max(0.0, 1.0 - agree - opt);
    d.agree += reach * agree;
    if (t == 7) d.record_prob = reach * agree;
    round_sum += reach * agree * t;
    d.opt_out += reach * opt;
    if (plan.state.last) {
      d.breakdown += reach * reject;
      reach = 0.0;
      break;
    }
    d.breakdown += reach * reject * plan.state.breakdown_prob;
    reach *= reject * (1.0 - plan.state.breakdown_prob);
    if (reach < 1e-300) reach = 0.0;
  }
  d.unresolved = reach;
  d.mean_agreement_round =
      d.agree > 0.0 ? round_sum / d.agree : std::numeric_limits<double>::quiet_NaN();
  return d;
}

void SetExAnteValues(RoundPlan* plan) {
  const Proposal& s = plan->proposal[0];
  const Proposal& p = plan->proposal[1];
  plan->value_seoul = s.probability * s.value_seoul + p.probability * p.value_seoul;
  plan->value_pyongyang = s.probability * s.value_pyongyang + p.probability * p.value_pyongyang;
}

void ReportValuation(const DealValuation& valuation, NegotiationSolution* solution) {
  solution->deal_evaluations = valuation.evaluations();
  if (solution->ok() && valuation.failures() > 0) {
    solution->status = SolveStatus::kNumericalIssue;
    solution->message =
        fmt::format("{} of {} deal valuations: shutdown hazard fixed point not solved",
                    valuation.failures(), valuation.evaluations());
  }
}

}  // namespace kaesong::model
