// Printed forms of Markov strategies of a stochastic game (sim/solver/stochastic_game.h), as
// `kaesong solve GAME.toml` writes them. Text form: one block per state (per period and state with
// a finite horizon) naming each player's value and the actions it plays with their probabilities;
// actions whose probability prints as zero are left out:
//   state "A proposes"
//     A  value 0.714286  "keep 5/7" 1.000000
//     B  value 0.285714  "accept <= 5/7" 0.600000, "accept <= 0.8" 0.400000
// CSV form: one row per period, state, player and action (every action, in the game's order):
//   period,state,player,action,probability,value,action_value
// period is 0 for stationary strategies (infinite horizon), else 1-based; value is the player's
// value V_i(s) in that period; action_value is the expected payoff of playing that action once
// against the other player's mix and continuing with the values of the next period (of the same
// period when stationary). At an equilibrium every action played has action_value = value and no
// action has more; the largest excess is the certificate. Numbers are fixed with D decimals.
#pragma once

#include "sim/solver/markov_result.h"

#include <array>
#include <string>
#include <vector>

namespace kaesong {

// Strategies and values of one period (or the stationary profile) in printable form.
struct MarkovPeriod {
  int period = 0;  // 1-based with a finite horizon, 0 for stationary strategies
  MarkovStrategies strategies;
  std::array<Eigen::VectorXd, 2> values;  // V_i(s) in this period
  // [state][player](action): payoff of the action against the other's mix, with continuation.
  std::vector<std::array<Eigen::VectorXd, 2>> action_values;
};

// The periods to print from a solver result. Infinite horizon: the stationary profile with the
// result's values. Finite horizon: period 1, or every period (1..T) with `all_periods`; values are
// recomputed backward from the period strategies (zero after period T). Empty when the result
// holds no complete strategies (a solver that stopped before producing any).
std::vector<MarkovPeriod> MarkovPeriods(const StochasticGame& game, const MarkovResult& result,
                                        bool all_periods);

// Text form above; finite-horizon blocks are headed `period P, state "NAME"`.
std::string FormatMarkovText(const StochasticGame& game, const std::vector<MarkovPeriod>& periods,
                             int decimals);

// CSV form above, header row included. Names and labels are quoted as RFC 4180 requires.
std::string FormatMarkovCsv(const StochasticGame& game, const std::vector<MarkovPeriod>& periods,
                            int decimals);

}  // namespace kaesong
