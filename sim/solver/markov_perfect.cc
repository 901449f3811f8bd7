#include "sim/solver/markov_perfect.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <unordered_map>

namespace kaesong {

std::string_view ToString(StageSelection selection) {
  switch (selection) {
    case StageSelection::kLemkeHowson:
      return "lemke_howson";
    case StageSelection::kFirstSupportEnumeration:
      return "first_support_enumeration";
    case StageSelection::kPayoffDominant:
      return "payoff_dominant";
    case StageSelection::kLogitLimit:
      return "logit_limit";
  }
  return "unknown";
}

bool MarkovPerfectOptions::IsValid(std::string* why) const {
  std::string problem;
  if (lemke_howson_label < 1) {
    problem = "lemke_howson_label must be >= 1";
  } else if (max_iterations < 1) {
    problem = "max_iterations must be >= 1";
  } else if (!(tolerance > 0.0)) {
    problem = "tolerance must be > 0";
  } else if (!evaluation.IsValid(&problem)) {
    problem = "evaluation: " + problem;
  } else if (!support_enumeration.IsValid(&problem)) {
    problem = "support_enumeration: " + problem;
  } else if (!logit.IsValid(&problem)) {
    problem = "logit: " + problem;
  }
  if (problem.empty()) return true;
  if (why != nullptr) *why = problem;
  return false;
}

namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// One Bimatrix per state with the state's labels, refilled in place each round.
std::vector<Bimatrix> StageGames(const StochasticGame& game) {
  std::vector<Bimatrix> stages(game.states.size());
  for (std::size_t s = 0; s < game.states.size(); ++s) {
    const StochasticState& state = game.states[s];
    stages[s].title = state.name;
    stages[s].player_names = game.player_names;
    stages[s].row_labels = state.action_labels[0];
    stages[s].col_labels = state.action_labels[1];
  }
  return stages;
}

// Largest one-shot deviation gains of sigma in a stage game with payoffs (w1, w2).
void StageGains(const Eigen::MatrixXd& w1, const Eigen::MatrixXd& w2, const MixedProfile& sigma,
                std::array<double, 2>& gains) {
  const Eigen::VectorXd q1 = w1 * sigma.col;
  const Eigen::VectorXd q2 = w2.transpose() * sigma.row;
  gains[0] = std::max(0.0, q1.maxCoeff() - sigma.row.dot(q1));
  gains[1] = std::max(0.0, q2.maxCoeff() - sigma.col.dot(q2));
}

// Hash of a profile with probabilities rounded to 1e-9, for cycle detection.
std::uint64_t ProfileHash(const MarkovStrategies& strategies) {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL;
  auto mix = [&h](std::int64_t v) {
    std::uint64_t z = h + 0x9e3779b97f4a7c15ULL + static_cast<std::uint64_t>(v);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    h = z ^ (z >> 31);
  };
  for (const MixedProfile& p : strategies) {
    for (Eigen::Index a = 0; a < p.row.size(); ++a) mix(std::llround(p.row(a) * 1e9));
    mix(-1);
    for (Eigen::Index b = 0; b < p.col.size(); ++b) mix(std::llround(p.col(b) * 1e9));
    mix(-2);
  }
  return h;
}

// A run that ended without a profile to certify.
void NoCertificate(MarkovResult& result) {
  const double inf = std::numeric_limits<double>::infinity();
  result.certificate = MarkovCertificate{};
  result.certificate.max_gain = {inf, inf};
}

bool CheckInput(const StochasticGame& game, const MarkovPerfectOptions& options,
                MarkovResult& result) {
  std::string why;
  if (!options.IsValid(&why) || !Validate(game, &why)) {
    result.status = MarkovStatus::kInvalidInput;
    result.message = why;
    return false;
  }
  for (const Eigen::VectorXd& v : options.initial_values) {
    if (v.size() != 0 && (v.size() != game.num_states() || !v.allFinite())) {
      result.status = MarkovStatus::kInvalidInput;
      result.message =
          fmt::format("initial_values must be empty or hold {} finite numbers", game.num_states());
      return false;
    }
  }
  return true;
}

}  // namespace

StageSolution SolveStageGame(const Bimatrix& stage, const MarkovPerfectOptions& options) {
  StageSolution out;
  const double scale = PayoffScale(stage);
  switch (options.selection) {
    case StageSelection::kLemkeHowson: {
      LemkeHowsonOptions lh;
      const long long labels = static_cast<long long>(stage.rows() + stage.cols());
      lh.label = static_cast<int>((options.lemke_howson_label - 1) % labels + 1);
      const SolveResult r = SolveLemkeHowson(stage, lh);
      if (r.ok() && !r.equilibria.empty()) {
        out.ok = true;
        out.profile = r.equilibria.front().profile;
      } else {
        out.message = "Lemke–Howson: " + r.Report();
      }
      break;
    }
    case StageSelection::kFirstSupportEnumeration:
    case StageSelection::kPayoffDominant: {
      const SolveResult r = SolveSupportEnumeration(stage, options.support_enumeration);
      if (r.equilibria.empty() || r.status == SolveStatus::kInvalidInput) {
        out.message = "support enumeration: " + r.Report();
        break;
      }
      std::size_t pick = 0;
      if (options.selection == StageSelection::kPayoffDominant) {
        double best = r.equilibria[0].row_payoff + r.equilibria[0].col_payoff;
        for (std::size_t k = 1; k < r.equilibria.size(); ++k) {
          const double sum = r.equilibria[k].row_payoff + r.equilibria[k].col_payoff;
          if (sum > best + 1e-12 * scale) {
            best = sum;
            pick = k;
          }
        }
      }
      out.ok = true;
      out.profile = r.equilibria[pick].profile;
      break;
    }
    case StageSelection::kLogitLimit: {
      LogitQreOptions logit = options.logit;
      logit.record_branch = false;
      const LogitQreResult r = SolveLogitQre(stage, logit);
      if (r.result.ok() && !r.result.equilibria.empty()) {
        out.ok = true;
        out.profile = r.result.equilibria.front().profile;
      } else {
        out.message = "logit QRE: " + r.result.Report();
      }
      break;
    }
  }
  return out;
}

MarkovResult SolveMarkovPerfect(const StochasticGame& game, const MarkovPerfectOptions& options) {
  if (game.horizon > 0) return SolveBackwardInduction(game, options);
  const Clock::time_point start = Clock::now();
  MarkovResult result;
  if (!CheckInput(game, options, result)) return result;
  const Eigen::Index n = game.num_states();
  const double scale = PayoffScale(game);
  result.tolerance = options.tolerance * scale;

  std::array<Eigen::VectorXd, 2> values;
  for (std::size_t i = 0; i < 2; ++i) {
    values[i] = options.initial_values[i].size() == n ? options.initial_values[i]
                                                      : Eigen::VectorXd::Zero(n);
  }
  std::array<Eigen::VectorXd, 2> next_values;
  std::vector<Bimatrix> stages = StageGames(game);
  std::array<Eigen::MatrixXd, 2> w;
  MarkovStrategies strategies(static_cast<std::size_t>(n)), previous;
  PolicyEvaluator evaluator(game, options.evaluation);
  // Profiles seen: hash -> (round, residual when it was produced).
  std::unordered_map<std::uint64_t, std::pair<long long, double>> seen;
  bool finished = false;
  for (long long round = 1; round <= options.max_iterations; ++round) {
    if (options.max_seconds > 0.0 && SecondsSince(start) > options.max_seconds) {
      result.status = MarkovStatus::kTimeLimit;
      result.message =
          fmt::format("time limit {} s reached after {} rounds", options.max_seconds, round - 1);
      finished = true;
      break;
    }
    for (Eigen::Index s = 0; s < n; ++s) {
      ContinuationPayoffs(game, s, values, w);
      Bimatrix& stage = stages[static_cast<std::size_t>(s)];
      stage.a = w[0];
      stage.b = w[1];
      StageSolution solved = SolveStageGame(stage, options);
      if (!solved.ok) {
        result.status = MarkovStatus::kStageSolverFailure;
        result.message = fmt::format("round {}, state '{}': {}", round,
                                     game.states[static_cast<std::size_t>(s)].name, solved.message);
        result.iterations = round;
        result.strategies = previous;
        result.values = values;
        NoCertificate(result);
        result.seconds = SecondsSince(start);
        return result;
      }
      strategies[static_cast<std::size_t>(s)] = std::move(solved.profile);
    }
    std::string message;
    if (evaluator.Evaluate(strategies, next_values, &message) != MarkovStatus::kSuccess) {
      result.status = MarkovStatus::kSingularSystem;
      result.message = fmt::format("round {}: {}", round, message);
      result.iterations = round;
      result.strategies = strategies;
      result.values = values;
      NoCertificate(result);
      result.seconds = SecondsSince(start);
      return result;
    }
    double residual = 0.0;
    for (std::size_t i = 0; i < 2; ++i) {
      residual = std::max(residual, (next_values[i] - values[i]).lpNorm<Eigen::Infinity>() / scale);
    }
    if (previous.size() == strategies.size()) {
      for (std::size_t s = 0; s < strategies.size(); ++s) {
        residual =
            std::max({residual, (strategies[s].row - previous[s].row).lpNorm<Eigen::Infinity>(),
                      (strategies[s].col - previous[s].col).lpNorm<Eigen::Infinity>()});
      }
    } else {
      residual = std::max(residual, 1.0);  // first round: no previous strategies
    }
    values = next_values;
    previous = strategies;
    result.iterations = round;
    result.residual = residual;
    if (residual <= options.tolerance) {
      finished = true;
      break;
    }
    const std::uint64_t key = ProfileHash(strategies);
    const auto [it, inserted] = seen.try_emplace(key, round, residual);
    if (!inserted) {
      if (residual >= it->second.second) {
        result.status = MarkovStatus::kCycle;
        result.message = fmt::format(
            "the strategies of round {} were already selected in round {} (cycle of length {})",
            round, it->second.first, round - it->second.first);
        finished = true;
        break;
      }
      it->second = {round, residual};
    }
  }
  if (!finished) {
    result.status = MarkovStatus::kIterationLimit;
    result.message = fmt::format("no convergence in {} rounds (residual {:.3g})",
                                 options.max_iterations, result.residual);
  }
  result.Finish();
  result.strategies = previous;
  result.values = values;
  if (result.strategies.empty()) {  // stopped before the first round
    NoCertificate(result);
  } else {
    result.certificate = DeviationGains(game, result.strategies, result.values);
  }
  const bool stopped = result.status == MarkovStatus::kCycle ||
                       result.status == MarkovStatus::kIterationLimit ||
                       result.status == MarkovStatus::kTimeLimit;
  if (stopped && !result.strategies.empty() && result.certificate.Max() <= result.tolerance) {
    // The values are those of the last profile itself, so a passing certificate makes it a
    // Markov perfect equilibrium however the iteration ended.
    result.message = fmt::format("value iteration stopped ({}: {}), but its last profile is an "
                                 "equilibrium",
                                 ToString(result.status), result.message);
    result.status = MarkovStatus::kSuccess;
  }
  if (result.status == MarkovStatus::kSuccess && result.certificate.Max() > result.tolerance) {
    result.status = MarkovStatus::kNotCertified;
    const std::size_t worst =
        result.certificate.max_gain[0] >= result.certificate.max_gain[1] ? 0 : 1;
    const auto state = static_cast<std::size_t>(result.certificate.worst_state[worst]);
    result.message =
        fmt::format("converged, but {} gains {:.3g} by deviating in state '{}'",
                    game.player_names[worst], result.certificate.Max(), game.states[state].name);
  }
  result.seconds = SecondsSince(start);
  return result;
}

MarkovResult SolveBackwardInduction(const StochasticGame& game,
                                    const MarkovPerfectOptions& options) {
  const Clock::time_point start = Clock::now();
  MarkovResult result;
  if (!CheckInput(game, options, result)) return result;
  if (game.horizon <= 0) {
    result.status = MarkovStatus::kInvalidInput;
    result.message = "backward induction needs a finite horizon (horizon > 0)";
    return result;
  }
  const Eigen::Index n = game.num_states();
  const double scale = PayoffScale(game);
  result.tolerance = options.tolerance * scale;
  // Continuation after the last period is zero.
  std::array<Eigen::VectorXd, 2> next = {Eigen::VectorXd::Zero(n), Eigen::VectorXd::Zero(n)};
  std::array<Eigen::VectorXd, 2> current = next;
  std::vector<Bimatrix> stages = StageGames(game);
  std::array<Eigen::MatrixXd, 2> w;
  std::array<double, 2> gains{};
  result.period_strategies.assign(static_cast<std::size_t>(game.horizon),
                                  MarkovStrategies(static_cast<std::size_t>(n)));
  for (int period = game.horizon; period >= 1; --period) {
    if (options.max_seconds > 0.0 && SecondsSince(start) > options.max_seconds) {
      result.status = MarkovStatus::kTimeLimit;
      result.message =
          fmt::format("time limit {} s reached at period {}", options.max_seconds, period);
      result.period_strategies.clear();
      NoCertificate(result);
      result.seconds = SecondsSince(start);
      return result;
    }
    MarkovStrategies& sigma = result.period_strategies[static_cast<std::size_t>(period - 1)];
    for (Eigen::Index s = 0; s < n; ++s) {
      ContinuationPayoffs(game, s, next, w);
      Bimatrix& stage = stages[static_cast<std::size_t>(s)];
      stage.a = w[0];
      stage.b = w[1];
      StageSolution solved = SolveStageGame(stage, options);
      if (!solved.ok) {
        result.status = MarkovStatus::kStageSolverFailure;
        result.message = fmt::format("period {}, state '{}': {}", period,
                                     game.states[static_cast<std::size_t>(s)].name, solved.message);
        result.period_strategies.clear();
        NoCertificate(result);
        result.seconds = SecondsSince(start);
        return result;
      }
      MixedProfile& p = sigma[static_cast<std::size_t>(s)];
      p = std::move(solved.profile);
      current[0](s) = p.row.dot(w[0] * p.col);
      current[1](s) = p.row.dot(w[1] * p.col);
      StageGains(w[0], w[1], p, gains);
      for (std::size_t i = 0; i < 2; ++i) {
        if (result.certificate.worst_state[i] < 0 || gains[i] > result.certificate.max_gain[i]) {
          result.certificate.max_gain[i] = gains[i];
          result.certificate.worst_state[i] = s;
          result.certificate.worst_period[i] = period;
        }
      }
    }
    std::swap(next, current);
    ++result.iterations;
  }
  result.values = next;  // period 1
  result.strategies = result.period_strategies.front();
  result.Finish();
  if (result.certificate.Max() > result.tolerance) {
    result.status = MarkovStatus::kNotCertified;
    result.message =
        fmt::format("a stage equilibrium has deviation gain {:.3g}", result.certificate.Max());
  }
  result.seconds = SecondsSince(start);
  return result;
}

}  // namespace kaesong
