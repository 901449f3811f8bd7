#include "models/kaesong/simultaneous.h"

#include "sim/solver/markov_perfect.h"
#include "sim/solver/markov_qre.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace kaesong::model {
namespace {

constexpr double kHoldOutSlack = 1e-5;  // see BuildDraftGame

SolveStatus ToSolveStatus(MarkovStatus status) {
  switch (status) {
    case MarkovStatus::kSuccess: return SolveStatus::kSuccess;
    case MarkovStatus::kIterationLimit:
    case MarkovStatus::kTimeLimit: return SolveStatus::kIterationLimit;
    case MarkovStatus::kInvalidInput: return SolveStatus::kInvalidInput;
    case MarkovStatus::kNotSolved: return SolveStatus::kNotSolved;
    default: return SolveStatus::kNumericalIssue;
  }
}

// The round's draft choices from the stationary profile of its state.
DraftPlay MakeDraftPlay(const DraftMenu& menu, const RoundState& state, const MixedProfile& mix) {
  DraftPlay play;
  play.seoul = mix.row.array();
  play.pyongyang = mix.col.array();
  play.seoul_may_walk = state.option_active[0];
  play.pyongyang_may_walk = state.option_active[1];
  for (int b = 0; b < menu.size(); ++b) {
    for (int a = 0; a < menu.size(); ++a) {
      if (menu.compatible[static_cast<std::size_t>(menu.Pair(a, b))]) {
        play.agree_prob += play.seoul[a] * play.pyongyang[b];
      }
    }
  }
  const double seoul_walks = play.seoul_may_walk ? play.seoul[play.seoul.size() - 1] : 0.0;
  const double pyongyang_walks =
      play.pyongyang_may_walk ? play.pyongyang[play.pyongyang.size() - 1] : 0.0;
  play.opt_out_prob = 1.0 - (1.0 - seoul_walks) * (1.0 - pyongyang_walks);
  return play;
}

}  // namespace

int DraftGamePeriodDays(const std::vector<RoundState>& rounds) {
  int period = 0;
  for (const RoundState& round : rounds) {
    if (!round.last) period = std::gcd(period, round.gap_days);
  }
  return std::max(period, 1);
}

StochasticGame BuildDraftGame(const Parameters& params, const DraftMenu& menu,
                              const std::vector<RoundState>& rounds, bool tail) {
  StochasticGame game;
  game.title = params.name.empty() ? "simultaneous drafts" : params.name + ", simultaneous drafts";
  game.player_names = {"Seoul", "Pyongyang"};
  const int period = DraftGamePeriodDays(rounds);
  game.discount = {DiscountOver(params.seoul.discount, period),
                   DiscountOver(params.pyongyang.discount, period)};
  game.horizon = 0;  // dated rounds are transient states; the horizon's end is their structure
  const Side* sides[2] = {&params.seoul, &params.pyongyang};
  const Eigen::Index states = static_cast<Eigen::Index>(rounds.size());
  // Waiting states (one per `period` days of suspension after a round, beyond the first) follow
  // the round states, chain by chain in round order.
  std::vector<Eigen::Index> chain_start(rounds.size()), chain_length(rounds.size());
  Eigen::Index total = states;
  for (std::size_t k = 0; k < rounds.size(); ++k) {
    chain_start[k] = total;
    chain_length[k] = rounds[k].last ? 0 : rounds[k].gap_days / period - 1;
    total += chain_length[k];
  }
  const double flow[2] = {(1.0 - game.discount[0]) * sides[0]->impasse,
                          (1.0 - game.discount[1]) * sides[1]->impasse};
  // The menu's drafts, then "hold out": a demand no draft of the other side meets, so that either
  // side can always keep the talks going without signing (a draft menu alone would let the other
  // side force a deal by tabling the text most generous to it).
  const int drafts = menu.size() + 1;
  for (Eigen::Index k = 0; k < states; ++k) {
    const RoundState& round = rounds[static_cast<std::size_t>(k)];
    const Eigen::Index actions[2] = {drafts + (round.option_active[0] ? 1 : 0),
                                     drafts + (round.option_active[1] ? 1 : 0)};
    const double go_on = round.last ? 0.0 : 1.0 - round.breakdown_prob;
    double impasse[2];
    for (int i = 0; i < 2; ++i) {
      const Side& s = *sides[i];
      impasse[i] = round.last ? s.breakdown_payoff
                              : round.breakdown_prob * s.breakdown_payoff + go_on * flow[i];
    }
    const Eigen::Index after = tail && k == states - 1 ? k : k + 1;  // the next round's state
    const std::size_t kk = static_cast<std::size_t>(k);
    const Eigen::Index next = chain_length[kk] > 0 ? chain_start[kk] : after;
    Eigen::MatrixXd u[2] = {Eigen::MatrixXd(actions[0], actions[1]),
                            Eigen::MatrixXd(actions[0], actions[1])};
    std::vector<TransitionEntry> moves;
    for (Eigen::Index b = 0; b < actions[1]; ++b) {
      for (Eigen::Index a = 0; a < actions[0]; ++a) {
        const bool walks[2] = {a >= drafts, b >= drafts};
        if (walks[0] || walks[1]) {
          for (int i = 0; i < 2; ++i) {
            u[i](a, b) = walks[i] ? *sides[i]->outside_option : sides[i]->breakdown_payoff;
          }
          continue;
        }
        const std::size_t pair = static_cast<std::size_t>(
            menu.Pair(static_cast<int>(a), static_cast<int>(b)));
        if (a < menu.size() && b < menu.size() && menu.compatible[pair]) {
          u[0](a, b) = menu.signed_value[pair].seoul;
          u[1](a, b) = menu.signed_value[pair].pyongyang;
          continue;
        }
        u[0](a, b) = impasse[0];
        u[1](a, b) = impasse[1];
        if (go_on > 0.0 && next < total) moves.push_back({a, b, next, go_on});
      }
    }
    // Tie convention: holding out costs kHoldOutSlack of the round's payoff range, so
    // that a side indifferent (or nearly so) between signing and holding out signs, as the
    // alternating protocol's responder accepts when indifferent.
    // The range is over both sides' payoffs of drafts and hold-outs (not walking away): the logit
    // homotopy measures precision against the game's payoff scale, so a side with small stakes
    // still has its ties broken at a resolvable margin.
    double range = 1.0;
    for (int i = 0; i < 2; ++i) {
      const auto block = u[i].topLeftCorner(drafts, drafts);
      range = std::max(range, block.maxCoeff() - block.minCoeff());
    }
    u[0].row(menu.size()).head(drafts).array() -= kHoldOutSlack * range;
    u[1].col(menu.size()).head(drafts).array() -= kHoldOutSlack * range;
    const std::string name = tail && k == states - 1
                                 ? fmt::format("round {} on", round.round)
                                 : fmt::format("round {}", round.round);
    StochasticState state = MakeState(name, std::move(u[0]), std::move(u[1]), total);
    for (int i = 0; i < 2; ++i) {
      std::vector<std::string>& labels = state.action_labels[static_cast<std::size_t>(i)];
      for (int a = 0; a < menu.size(); ++a) labels[static_cast<std::size_t>(a)] = menu.Label(a);
      labels[static_cast<std::size_t>(menu.size())] = "hold out";
      if (round.option_active[i]) labels.back() = "walk away";
    }
    SetTransitions(state, total, moves);
    game.states.push_back(std::move(state));
  }
  for (Eigen::Index k = 0; k < states; ++k) {
    const std::size_t kk = static_cast<std::size_t>(k);
    const Eigen::Index after = tail && k == states - 1 ? k : k + 1;
    for (Eigen::Index w = 0; w < chain_length[kk]; ++w) {
      StochasticState state = MakeState(
          fmt::format("waiting after round {}, day {}", rounds[kk].round, (w + 1) * period),
          Eigen::MatrixXd::Constant(1, 1, flow[0]), Eigen::MatrixXd::Constant(1, 1, flow[1]),
          total);
      state.action_labels[0][0] = state.action_labels[1][0] = "wait";
      const Eigen::Index to = w + 1 < chain_length[kk] ? chain_start[kk] + w + 1 : after;
      SetTransitions(state, total, {{0, 0, to, 1.0}});
      game.states.push_back(std::move(state));
    }
  }
  return game;
}

DraftGame MakeDraftGame(const Parameters& params, const DealValuation& valuation) {
  DraftGame out;
  out.calendar = RoundCalendar(params.calendar, params.seoul, params.pyongyang);
  out.table = TabulateDeals(valuation, DealGrid(params.deal));
  out.menu = BuildDraftMenu(params, out.table, valuation, params.protocol.drafts);
  out.tail = !params.protocol.rounds.has_value();
  const int count = out.tail ? out.calendar.TailStart() : *params.protocol.rounds;
  for (int t = 1; t <= count; ++t) out.rounds.push_back(MakeRoundState(params, out.calendar, t));
  out.game = BuildDraftGame(params, out.menu, out.rounds, out.tail);
  return out;
}

NegotiationSolution SolveSimultaneous(const Parameters& params) {
  NegotiationSolution solution;
  solution.solution_concept = params.solution.solution_concept;
  solution.protocol = ProtocolKind::kSimultaneous;
  solution.rounds = params.protocol.rounds;
  const DealValuation valuation(params);
  DraftGame draft = MakeDraftGame(params, valuation);
  solution.calendar = draft.calendar;
  solution.table = std::move(draft.table);
  solution.menu = std::move(draft.menu);
  const bool tail = draft.tail;
  const std::vector<RoundState>& rounds = draft.rounds;
  const int count = static_cast<int>(rounds.size());
  const StochasticGame& game = draft.game;

  MarkovQreOptions options;
  options.max_steps = params.solution.max_iterations;
  MarkovResult result;
  if (params.solution.solution_concept == SolutionConcept::kQre) {
    result = MarkovQreAt(game, params.solution.lambda * PayoffScale(game), options).result;
  } else {
    result = SolveMarkovQre(game, options).result;
    if (!result.ok()) {
      // Degenerate stage games (signing and holding out nearly tied) can leave the homotopy's
      // limit unpolishable; value iteration with each stage game's logit-limit equilibrium, the
      // same selection one stage at a time, is then tried and kept when it is certified.
      MarkovPerfectOptions vi;
      vi.selection = StageSelection::kLogitLimit;
      vi.max_iterations = params.solution.max_iterations;
      MarkovResult fallback = SolveMarkovPerfect(game, vi);
      if (fallback.ok()) {
        fallback.message = "the logit homotopy's limit was not certified (" + result.message +
                           "); value iteration over logit-limit stage equilibria";
        result = std::move(fallback);
      }
    }
  }
  solution.status = ToSolveStatus(result.status);
  solution.message = result.message;
  solution.iterations = result.iterations;
  solution.residual = result.residual;
  if (result.strategies.size() != game.states.size() ||
      result.values[0].size() != static_cast<Eigen::Index>(game.states.size())) {
    solution.status = SolveStatus::kNumericalIssue;
    if (solution.message.empty()) solution.message = "the stochastic-game solver returned no profile";
    return solution;
  }

  const Side* sides[2] = {&params.seoul, &params.pyongyang};
  std::vector<RoundPlan> plans(rounds.size());
  for (int k = 0; k < count; ++k) {
    RoundPlan& plan = plans[static_cast<std::size_t>(k)];
    plan.state = rounds[static_cast<std::size_t>(k)];
    const int next = tail && k == count - 1 ? k : k + 1;
    for (int i = 0; i < 2; ++i) {
      const double next_value = next < count ? result.values[i][next] : sides[i]->breakdown_payoff;
      const double reject = RejectValue(*sides[i], i == 0 ? Proposer::kSeoul : Proposer::kPyongyang,
                                        plan.state, next_value);
      (i == 0 ? plan.reject_value_seoul : plan.reject_value_pyongyang) = reject;
    }
    plan.drafts = MakeDraftPlay(solution.menu, plan.state,
                                result.strategies[static_cast<std::size_t>(k)]);
    plan.value_seoul = result.values[0][k];
    plan.value_pyongyang = result.values[1][k];
  }
  if (tail) {
    solution.tail.push_back(std::move(plans.back()));
    plans.pop_back();
  }
  solution.dated = std::move(plans);
  ReportValuation(valuation, &solution);
  return solution;
}

}  // namespace kaesong::model
