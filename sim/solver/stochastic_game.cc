#include "sim/solver/stochastic_game.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace kaesong {

namespace {

// Probability mass above 1 tolerated in a transition row.
constexpr double kMassSlack = 1e-12;

}  // namespace

StochasticState MakeState(std::string name, Eigen::MatrixXd u1, Eigen::MatrixXd u2,
                          Eigen::Index num_states) {
  StochasticState state;
  state.name = std::move(name);
  state.action_labels[0] = NumberedLabels(u1.rows());
  state.action_labels[1] = NumberedLabels(u1.cols());
  state.transitions.resize(u1.size(), num_states);
  state.payoffs[0] = std::move(u1);
  state.payoffs[1] = std::move(u2);
  return state;
}

void SetTransitions(StochasticState& state, Eigen::Index num_states,
                    const std::vector<TransitionEntry>& entries) {
  std::vector<Eigen::Triplet<double>> triplets;
  triplets.reserve(entries.size());
  const Eigen::Index n1 = state.actions(0);
  for (const TransitionEntry& e : entries) {
    triplets.emplace_back(e.a1 + n1 * e.a2, e.to, e.prob);
  }
  state.transitions.resize(state.cells(), num_states);
  state.transitions.setFromTriplets(triplets.begin(), triplets.end());  // duplicates add up
  state.transitions.makeCompressed();
}

std::vector<std::string> ValidationErrors(const StochasticGame& game) {
  std::vector<std::string> errors;
  for (int i = 0; i < 2; ++i) {
    const double d = game.discount[static_cast<std::size_t>(i)];
    if (!(d >= 0.0 && d <= 1.0)) {
      errors.push_back(fmt::format("discount factor of {} must be in [0, 1], got {}",
                                   game.player_names[static_cast<std::size_t>(i)], d));
    }
  }
  if (game.horizon < 0) {
    errors.push_back(fmt::format("horizon must be >= 0 (0 = infinite), got {}", game.horizon));
  }
  if (game.states.empty()) errors.emplace_back("game has no states");
  const Eigen::Index num_states = game.num_states();
  for (const StochasticState& state : game.states) {
    const std::string where = fmt::format("state '{}'", state.name);
    const Eigen::MatrixXd& u1 = state.payoffs[0];
    const Eigen::MatrixXd& u2 = state.payoffs[1];
    if (u1.rows() == 0 || u1.cols() == 0) {
      errors.push_back(where + ": a player has no actions");
      continue;
    }
    if (u1.rows() != u2.rows() || u1.cols() != u2.cols()) {
      errors.push_back(fmt::format("{}: payoff matrices differ in shape: {}x{} and {}x{}", where,
                                   u1.rows(), u1.cols(), u2.rows(), u2.cols()));
      continue;
    }
    if (!u1.allFinite() || !u2.allFinite()) {
      errors.push_back(where + ": a payoff is not a finite number");
    }
    for (int i = 0; i < 2; ++i) {
      const auto& labels = state.action_labels[static_cast<std::size_t>(i)];
      if (static_cast<Eigen::Index>(labels.size()) != state.actions(i)) {
        errors.push_back(fmt::format("{}: {} action labels for {} of player {}", where,
                                     labels.size(), state.actions(i), i + 1));
      }
    }
    const TransitionMatrix& t = state.transitions;
    if (t.rows() != state.cells() || t.cols() != num_states) {
      errors.push_back(fmt::format("{}: transition matrix is {}x{}, expected {}x{}", where,
                                   t.rows(), t.cols(), state.cells(), num_states));
      continue;
    }
    for (Eigen::Index r = 0; r < t.outerSize(); ++r) {
      double mass = 0.0;
      bool bad_entry = false;
      for (TransitionMatrix::InnerIterator it(t, r); it; ++it) {
        if (!std::isfinite(it.value()) || it.value() < 0.0) bad_entry = true;
        mass += it.value();
      }
      const Eigen::Index a1 = r % state.actions(0);
      const Eigen::Index a2 = r / state.actions(0);
      if (bad_entry) {
        errors.push_back(
            fmt::format("{}: actions ({}, {}) have a negative or non-finite "
                        "transition probability",
                        where, a1 + 1, a2 + 1));
      } else if (mass > 1.0 + kMassSlack) {
        errors.push_back(
            fmt::format("{}: transition probabilities of actions ({}, {}) sum to "
                        "{} > 1",
                        where, a1 + 1, a2 + 1, mass));
      }
    }
  }
  return errors;
}

bool Validate(const StochasticGame& game, std::string* why) {
  const std::vector<std::string> errors = ValidationErrors(game);
  if (errors.empty()) return true;
  if (why != nullptr) {
    why->clear();
    for (const std::string& e : errors) {
      if (!why->empty()) *why += "; ";
      *why += e;
    }
  }
  return false;
}

double PayoffScale(const StochasticGame& game) {
  double range = 0.0;
  for (int i = 0; i < 2; ++i) {
    double lo = 0.0, hi = 0.0;
    bool first = true;
    for (const StochasticState& state : game.states) {
      const Eigen::MatrixXd& u = state.payoffs[static_cast<std::size_t>(i)];
      if (u.size() == 0) continue;
      lo = first ? u.minCoeff() : std::min(lo, u.minCoeff());
      hi = first ? u.maxCoeff() : std::max(hi, u.maxCoeff());
      first = false;
    }
    range = std::max(range, hi - lo);
  }
  return range > 0.0 && std::isfinite(range) ? range : 1.0;
}

MarkovStrategies UniformStrategies(const StochasticGame& game) {
  MarkovStrategies strategies;
  strategies.reserve(game.states.size());
  for (const StochasticState& state : game.states) {
    const Eigen::Index n1 = state.actions(0), n2 = state.actions(1);
    strategies.push_back({Eigen::VectorXd::Constant(n1, 1.0 / static_cast<double>(n1)),
                          Eigen::VectorXd::Constant(n2, 1.0 / static_cast<double>(n2))});
  }
  return strategies;
}

}  // namespace kaesong
