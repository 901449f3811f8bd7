// Two-player discounted stochastic games with finitely many states (Shapley 1953; Fink 1964).
// In state s player 1 picks a row a1 and player 2 a column a2 at the same time; each receives
// u_i(s, a1, a2) and play moves to s' with probability P(s' | s, a1, a2). The transition rows may
// sum to less than one: the missing mass is the probability that the game ends after this period
// (all later payoffs zero), so absorbing outcomes such as "deal signed, lump sum paid" need no
// extra state. Player i discounts the next period by delta_i. With a finite horizon T the game
// stops after period T in any case; with T = 0 it runs until the end probability stops it.
// Solvers: markov_perfect.h (value iteration over stage games, backward induction) and
// markov_qre.h (logit Markov QRE homotopy); certificate and policy evaluation: markov_policy.h.
#pragma once

#include "sim/solver/normal_form.h"

#include <Eigen/Dense>
#include <Eigen/SparseCore>

#include <array>
#include <string>
#include <vector>

namespace kaesong {

// Transition probabilities of one state: row a1 + n1 * a2 (player 1's action varies fastest, as
// in Gambit and in Eigen's column-major n1 x n2 matrices), column s' (the next state).
using TransitionMatrix = Eigen::SparseMatrix<double, Eigen::RowMajor>;

struct StochasticState {
  std::string name;
  std::array<std::vector<std::string>, 2> action_labels;  // one label per action, per player
  std::array<Eigen::MatrixXd, 2> payoffs;                 // u_1, u_2: n1 x n2 (rows = player 1)
  TransitionMatrix transitions;                           // (n1 * n2) x num_states, see above

  // Number of actions of player 0 (rows) or player 1 (columns).
  Eigen::Index actions(int player) const {
    return player == 0 ? payoffs[0].rows() : payoffs[0].cols();
  }
  Eigen::Index cells() const { return payoffs[0].size(); }
  // Row of `transitions` for the action pair (a1, a2), both 0-based.
  Eigen::Index Cell(Eigen::Index a1, Eigen::Index a2) const { return a1 + payoffs[0].rows() * a2; }
};

struct StochasticGame {
  std::string title;
  std::array<std::string, 2> player_names{"Player 1", "Player 2"};
  std::array<double, 2> discount{0.9, 0.9};  // delta_i in [0, 1]; 1 only where play ends a.s.
  int horizon = 0;                           // number of periods; 0 = infinite horizon
  std::vector<StochasticState> states;

  Eigen::Index num_states() const { return static_cast<Eigen::Index>(states.size()); }
};

// One transition entry (0-based indices). Entries for the same (a1, a2, to) add up.
struct TransitionEntry {
  Eigen::Index a1 = 0;
  Eigen::Index a2 = 0;
  Eigen::Index to = 0;
  double prob = 0.0;
};

// A state with the given payoffs (equal shapes), labels "1".."n" and no transitions (every
// action pair ends the game) for a game of `num_states` states.
StochasticState MakeState(std::string name, Eigen::MatrixXd u1, Eigen::MatrixXd u2,
                          Eigen::Index num_states);

// Replaces the state's transitions by `entries` (indices must be in range; checked by Validate).
void SetTransitions(StochasticState& state, Eigen::Index num_states,
                    const std::vector<TransitionEntry>& entries);

// Every violated invariant, one message each, in order: discount factors outside [0, 1], negative
// horizon, no states, empty action sets, payoff shapes and finiteness, label counts, transition
// shape, negative or non-finite probabilities, and action pairs whose probabilities sum above
// 1 + 1e-12. Messages name the state ("state 'A proposes': ..."). Empty means valid.
std::vector<std::string> ValidationErrors(const StochasticGame& game);

// True when ValidationErrors is empty; otherwise `why` (if given) gets the messages joined by "; ".
bool Validate(const StochasticGame& game, std::string* why = nullptr);

// The scale against which tolerances and logit precisions are measured: the largest range
// (max - min over all states and action pairs) of one player's per-period payoffs, or 1 when
// every payoff is constant.
double PayoffScale(const StochasticGame& game);

// Strategies: one mixed profile per state (stationary), player 1's mix over rows in `row`.
using MarkovStrategies = std::vector<MixedProfile>;

// Uniform mixing in every state.
MarkovStrategies UniformStrategies(const StochasticGame& game);

}  // namespace kaesong
