// Stochastic games shared by the stochastic-game tests, built from their definitions (closed-form
// values are computed in the tests themselves, never by the solvers).
#pragma once

#include "sim/solver/stochastic_game.h"
#include "sim/solver/stochastic_game_generator.h"

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <vector>

namespace kaesong::testing {

// Rubinstein's first-proposer share (1 - d_responder) / (1 - d_proposer d_responder).
inline double RubinsteinShare(double d_proposer, double d_responder) {
  return (1.0 - d_responder) / (1.0 - d_proposer * d_responder);
}

// Alternating offers as a two-state game (tests/data/stochastic/rubinstein.toml explains the
// construction): in state 0 player 1 proposes to keep x from {x*, greedier shares}, player 2
// picks a rule "accept if the proposer keeps <= c" over the same menu; state 1 mirrors it with
// player 2 proposing. Accepted offers pay once and end the game; rejected ones pass the proposal.
// `greedier` shares are spread evenly between the Rubinstein share and 1 (1 included).
inline StochasticGame AlternatingOffers(double d1, double d2, int greedier) {
  StochasticGame game;
  game.title = fmt::format("alternating offers, d = ({}, {})", d1, d2);
  game.player_names = {"A", "B"};
  game.discount = {d1, d2};
  for (int proposer = 0; proposer < 2; ++proposer) {
    const double star = proposer == 0 ? RubinsteinShare(d1, d2) : RubinsteinShare(d2, d1);
    std::vector<double> menu{star};
    for (int k = 1; k <= greedier; ++k) menu.push_back(star + (1.0 - star) * k / greedier);
    const Eigen::Index m = static_cast<Eigen::Index>(menu.size());
    // Proposer's offers index `o`, responder's rules index `r`: accepted iff menu[o] <= menu[r].
    Eigen::MatrixXd u1 = Eigen::MatrixXd::Zero(m, m), u2 = Eigen::MatrixXd::Zero(m, m);
    std::vector<TransitionEntry> entries;
    for (Eigen::Index o = 0; o < m; ++o) {
      for (Eigen::Index r = 0; r < m; ++r) {
        const double keep = menu[static_cast<std::size_t>(o)];
        // Player 1 is the row player in both states.
        const Eigen::Index a1 = proposer == 0 ? o : r;
        const Eigen::Index a2 = proposer == 0 ? r : o;
        if (o <= r) {
          u1(a1, a2) = proposer == 0 ? keep : 1.0 - keep;
          u2(a1, a2) = proposer == 0 ? 1.0 - keep : keep;
        } else {
          entries.push_back({a1, a2, 1 - proposer, 1.0});
        }
      }
    }
    StochasticState state = MakeState(proposer == 0 ? "A proposes" : "B proposes", u1, u2, 2);
    SetTransitions(state, 2, entries);
    game.states.push_back(std::move(state));
  }
  return game;
}

// A one-state game with discount 0 and the given payoffs (the bimatrix game itself).
inline StochasticGame OneShot(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  StochasticGame game;
  game.title = "one-shot";
  game.discount = {0.0, 0.0};
  game.states.push_back(MakeState("only", a, b, 1));
  return game;
}

// The spec of random game number `index` in the 200-game property tests: 2..20 states, 2..10
// actions per player and state, transition density 0.1..0.5, discounts from {0.5, 0.7, 0.9,
// 0.95} per player, seed 1000 + index.
inline StochasticGameSpec RandomSpec(int index) {
  StochasticGameSpec spec;
  spec.seed = 1000 + static_cast<std::uint64_t>(index);
  spec.states = 2 + (index * 7919) % 19;
  spec.min_actions = 2;
  spec.max_actions = 2 + (index * 31) % 9;
  spec.density = 0.1 + 0.4 * ((index * 13) % 10) / 10.0;
  const double discounts[] = {0.5, 0.7, 0.9, 0.95};
  spec.discount = {discounts[index % 4], discounts[(index / 4) % 4]};
  return spec;
}

}  // namespace kaesong::testing
