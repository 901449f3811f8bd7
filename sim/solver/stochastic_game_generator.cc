#include "sim/solver/stochastic_game_generator.h"

#include "sim/solver/portable_random.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace kaesong {

namespace {

// Uniform on {0, ..., n - 1}, n >= 1, as an index.
Eigen::Index Below(PortableRandom& rng, Eigen::Index n) {
  return static_cast<Eigen::Index>(rng.Below(static_cast<std::uint64_t>(n)));
}

}  // namespace

bool StochasticGameSpec::IsValid(std::string* why) const {
  std::string problem;
  if (states < 1) {
    problem = "states must be >= 1";
  } else if (min_actions < 1 || max_actions < min_actions) {
    problem = "actions must satisfy 1 <= min_actions <= max_actions";
  } else if (!(density > 0.0 && density <= 1.0)) {
    problem = "density must be in (0, 1]";
  } else if (!(continuation >= 0.0 && continuation <= 1.0)) {
    problem = "continuation must be in [0, 1]";
  } else if (!(discount[0] >= 0.0 && discount[0] < 1.0 && discount[1] >= 0.0 &&
               discount[1] < 1.0)) {
    problem = "discount factors must be in [0, 1)";
  }
  if (problem.empty()) return true;
  if (why != nullptr) *why = problem;
  return false;
}

StochasticGame GenerateStochasticGame(const StochasticGameSpec& spec) {
  std::string why;
  if (!spec.IsValid(&why)) throw std::invalid_argument(why);
  PortableRandom rng(spec.seed);
  StochasticGame game;
  game.title =
      fmt::format("random stochastic game (states {}, actions {}..{}, density {}, seed {})",
                  spec.states, spec.min_actions, spec.max_actions, spec.density, spec.seed);
  game.discount = spec.discount;
  const Eigen::Index n = spec.states;
  const Eigen::Index k = std::max<Eigen::Index>(
      1, std::min<Eigen::Index>(n, std::llround(spec.density * static_cast<double>(n))));
  const Eigen::Index span = spec.max_actions - spec.min_actions + 1;
  std::vector<Eigen::Index> pool(static_cast<std::size_t>(n));
  std::vector<Eigen::Index> neighbours(static_cast<std::size_t>(k));
  std::vector<TransitionEntry> entries;
  std::vector<double> weights;
  game.states.reserve(static_cast<std::size_t>(n));
  for (Eigen::Index s = 0; s < n; ++s) {
    const Eigen::Index n1 = spec.min_actions + Below(rng, span);
    const Eigen::Index n2 = spec.min_actions + Below(rng, span);
    Eigen::MatrixXd u1(n1, n2), u2(n1, n2);
    // Column-major draw order, player 1's payoff before player 2's in each cell.
    for (Eigen::Index j = 0; j < n2; ++j) {
      for (Eigen::Index i = 0; i < n1; ++i) {
        u1(i, j) = rng.Uniform();
        u2(i, j) = rng.Uniform();
      }
    }
    StochasticState state = MakeState(fmt::format("s{}", s + 1), std::move(u1), std::move(u2), n);
    // Neighbourhood: the first k entries of a partial Fisher–Yates shuffle of all states.
    for (Eigen::Index j = 0; j < n; ++j) pool[static_cast<std::size_t>(j)] = j;
    for (Eigen::Index j = 0; j < k; ++j) {
      const Eigen::Index pick = j + Below(rng, n - j);
      std::swap(pool[static_cast<std::size_t>(j)], pool[static_cast<std::size_t>(pick)]);
      neighbours[static_cast<std::size_t>(j)] = pool[static_cast<std::size_t>(j)];
    }
    entries.clear();
    for (Eigen::Index a2 = 0; a2 < n2; ++a2) {
      for (Eigen::Index a1 = 0; a1 < n1; ++a1) {
        const Eigen::Index m = 1 + Below(rng, k);  // successors of this action pair
        for (Eigen::Index j = 0; j < m; ++j) {
          const Eigen::Index pick = j + Below(rng, k - j);
          std::swap(neighbours[static_cast<std::size_t>(j)],
                    neighbours[static_cast<std::size_t>(pick)]);
        }
        weights.resize(static_cast<std::size_t>(m));
        double total = 0.0;
        for (double& w : weights) total += (w = rng.UniformPositive());
        for (Eigen::Index j = 0; j < m; ++j) {
          entries.push_back({a1, a2, neighbours[static_cast<std::size_t>(j)],
                             spec.continuation * weights[static_cast<std::size_t>(j)] / total});
        }
      }
    }
    SetTransitions(state, n, entries);
    game.states.push_back(std::move(state));
  }
  return game;
}

}  // namespace kaesong
