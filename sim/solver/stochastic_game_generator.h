// Seeded random two-player stochastic games for tests and benchmarks. The same spec gives the
// same game on every platform: std::mt19937_64 bits turned into uniforms and integers by hand
// (no implementation-defined std:: distributions). In each state every player gets a number of
// actions uniform in [min_actions, max_actions] and payoffs uniform on [0, 1). Each state has a
// neighbourhood of k = max(1, round(density * states)) distinct next states drawn uniformly; every
// action pair moves to a uniformly sized random subset of that neighbourhood with uniform(0, 1]
// weights scaled to sum to `continuation` (1: the game never ends; below 1 it ends with
// probability 1 - continuation each period). Defaults: 10 states, 2..5 actions, density 0.3,
// continuation 1, discount 0.9 for both players, seed 0.
#pragma once

#include "sim/solver/stochastic_game.h"

#include <cstdint>
#include <string>

namespace kaesong {

struct StochasticGameSpec {
  Eigen::Index states = 10;
  Eigen::Index min_actions = 2;
  Eigen::Index max_actions = 5;
  double density = 0.3;       // in (0, 1]
  double continuation = 1.0;  // in [0, 1]
  std::array<double, 2> discount{0.9, 0.9};
  std::uint64_t seed = 0;
  bool IsValid(std::string* why) const;
};

// Throws std::invalid_argument when !spec.IsValid(). States are named "s1".."sN".
StochasticGame GenerateStochasticGame(const StochasticGameSpec& spec);

}  // namespace kaesong
