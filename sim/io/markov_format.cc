#include "sim/io/markov_format.h"

#include "sim/io/csv.h"
#include "sim/io/equilibrium_format.h"
#include "sim/solver/markov_policy.h"

#include <fmt/format.h>

#include <algorithm>

namespace kaesong {

namespace {

// Payoff of each action of each player against the other's mix in stage payoffs w.
std::array<Eigen::VectorXd, 2> ActionValues(const std::array<Eigen::MatrixXd, 2>& w,
                                            const MixedProfile& sigma) {
  return {w[0] * sigma.col, w[1].transpose() * sigma.row};
}

bool Complete(const StochasticGame& game, const MarkovStrategies& strategies) {
  if (strategies.size() != game.states.size()) return false;
  for (std::size_t s = 0; s < strategies.size(); ++s) {
    if (strategies[s].row.size() != game.states[s].actions(0) ||
        strategies[s].col.size() != game.states[s].actions(1)) {
      return false;
    }
  }
  return true;
}

const Eigen::VectorXd& Mix(const MixedProfile& sigma, int player) {
  return player == 0 ? sigma.row : sigma.col;
}

// Double quotes around `text`, with quotes and backslashes escaped.
std::string Quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

bool PrintsAsZero(const std::string& number) {
  return number.find_first_not_of("0.") == std::string::npos;
}

}  // namespace

std::vector<MarkovPeriod> MarkovPeriods(const StochasticGame& game, const MarkovResult& result,
                                        bool all_periods) {
  std::vector<MarkovPeriod> periods;
  const Eigen::Index n = game.num_states();
  std::array<Eigen::MatrixXd, 2> w;
  if (game.horizon == 0) {
    if (!Complete(game, result.strategies) || result.values[0].size() != n ||
        result.values[1].size() != n) {
      return periods;
    }
    MarkovPeriod& stationary = periods.emplace_back();
    stationary.strategies = result.strategies;
    stationary.values = result.values;
    for (Eigen::Index s = 0; s < n; ++s) {
      ContinuationPayoffs(game, s, result.values, w);
      stationary.action_values.push_back(
          ActionValues(w, result.strategies[static_cast<std::size_t>(s)]));
    }
    return periods;
  }
  if (result.period_strategies.size() != static_cast<std::size_t>(game.horizon)) return periods;
  for (const MarkovStrategies& sigma : result.period_strategies) {
    if (!Complete(game, sigma)) return periods;
  }
  // Backward from period T, continuing with zero after it.
  periods.resize(static_cast<std::size_t>(game.horizon));
  std::array<Eigen::VectorXd, 2> next = {Eigen::VectorXd::Zero(n), Eigen::VectorXd::Zero(n)};
  for (int period = game.horizon; period >= 1; --period) {
    MarkovPeriod& out = periods[static_cast<std::size_t>(period - 1)];
    out.period = period;
    out.strategies = result.period_strategies[static_cast<std::size_t>(period - 1)];
    out.values = {Eigen::VectorXd(n), Eigen::VectorXd(n)};
    for (Eigen::Index s = 0; s < n; ++s) {
      const MixedProfile& sigma = out.strategies[static_cast<std::size_t>(s)];
      ContinuationPayoffs(game, s, next, w);
      out.action_values.push_back(ActionValues(w, sigma));
      out.values[0](s) = sigma.row.dot(out.action_values.back()[0]);
      out.values[1](s) = sigma.col.dot(out.action_values.back()[1]);
    }
    next = out.values;
  }
  if (!all_periods) periods.resize(1);
  return periods;
}

std::string FormatMarkovText(const StochasticGame& game, const std::vector<MarkovPeriod>& periods,
                             int decimals) {
  const std::size_t width =
      std::max(game.player_names[0].size(), game.player_names[1].size());
  std::string out;
  for (const MarkovPeriod& period : periods) {
    for (std::size_t s = 0; s < game.states.size(); ++s) {
      const StochasticState& state = game.states[s];
      if (period.period > 0) out += fmt::format("period {}, ", period.period);
      out += fmt::format("state {}\n", Quoted(state.name));
      for (int i = 0; i < 2; ++i) {
        const Eigen::VectorXd& mix = Mix(period.strategies[s], i);
        out += fmt::format("  {:<{}}  value {} ", game.player_names[static_cast<std::size_t>(i)],
                           width, FormatFixed(period.values[static_cast<std::size_t>(i)](
                                                  static_cast<Eigen::Index>(s)),
                                              decimals));
        // Actions whose probability prints as nonzero; if rounding hides all, every one played.
        bool any = false;
        for (Eigen::Index a = 0; a < mix.size(); ++a) any |= !PrintsAsZero(FormatFixed(mix(a), decimals));
        std::string sep = " ";
        for (Eigen::Index a = 0; a < mix.size(); ++a) {
          const std::string p = FormatFixed(mix(a), decimals);
          if (any ? PrintsAsZero(p) : !(mix(a) > 0.0)) continue;
          out += fmt::format("{}{} {}", sep,
                             Quoted(state.action_labels[static_cast<std::size_t>(i)]
                                                       [static_cast<std::size_t>(a)]),
                             p);
          sep = ", ";
        }
        out += '\n';
      }
    }
  }
  return out;
}

std::string FormatMarkovCsv(const StochasticGame& game, const std::vector<MarkovPeriod>& periods,
                            int decimals) {
  std::string out = "period,state,player,action,probability,value,action_value\n";
  for (const MarkovPeriod& period : periods) {
    for (std::size_t s = 0; s < game.states.size(); ++s) {
      const StochasticState& state = game.states[s];
      const std::string state_field = io::CsvField(state.name);
      for (std::size_t i = 0; i < 2; ++i) {
        const Eigen::VectorXd& mix = Mix(period.strategies[s], static_cast<int>(i));
        const std::string value =
            FormatFixed(period.values[i](static_cast<Eigen::Index>(s)), decimals);
        const std::string player = io::CsvField(game.player_names[i]);
        for (Eigen::Index a = 0; a < mix.size(); ++a) {
          out += fmt::format("{},{},{},{},{},{},{}\n", period.period, state_field, player,
                             io::CsvField(state.action_labels[i][static_cast<std::size_t>(a)]),
                             FormatFixed(mix(a), decimals), value,
                             FormatFixed(period.action_values[s][i](a), decimals));
        }
      }
    }
  }
  return out;
}

}  // namespace kaesong
