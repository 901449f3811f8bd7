// StrategicGame invariants and the conversions between StrategicGame and Bimatrix.
#include "sim/io/nfg.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace kaesong {

void ValidateStrategicGame(const StrategicGame& game) {
  const std::size_t n = game.player_names.size();
  if (n == 0) throw std::invalid_argument("game has no players");
  if (game.strategy_labels.size() != n) {
    throw std::invalid_argument(fmt::format("game has {} players but strategy labels for {}", n,
                                            game.strategy_labels.size()));
  }
  if (game.payoffs.size() != n) {
    throw std::invalid_argument(
        fmt::format("game has {} players but payoffs for {}", n, game.payoffs.size()));
  }
  std::int64_t profiles = 1;
  for (std::size_t p = 0; p < n; ++p) {
    const auto count = static_cast<std::int64_t>(game.strategy_labels[p].size());
    if (count == 0) throw std::invalid_argument(fmt::format("player {} has no strategies", p + 1));
    if (count > kMaxNfgProfiles / profiles) {
      throw std::invalid_argument(
          fmt::format("game has more than {} strategy profiles", kMaxNfgProfiles));
    }
    profiles *= count;
  }
  for (std::size_t p = 0; p < n; ++p) {
    const auto& payoffs = game.payoffs[p];
    if (static_cast<std::int64_t>(payoffs.size()) != profiles) {
      throw std::invalid_argument(
          fmt::format("player {} has {} payoffs; the game has {} strategy "
                      "profiles",
                      p + 1, payoffs.size(), profiles));
    }
    for (const double x : payoffs) {
      if (!std::isfinite(x)) {
        throw std::invalid_argument(
            fmt::format("player {} has a payoff that is not a finite number", p + 1));
      }
    }
  }
}

Bimatrix ToBimatrix(const StrategicGame& game) {
  if (game.player_names.size() != 2) {
    const std::size_t n = game.player_names.size();
    throw std::invalid_argument(
        fmt::format("the game has {} player{}; the solvers handle two-player games only", n,
                    n == 1 ? "" : "s"));
  }
  ValidateStrategicGame(game);
  const auto rows = static_cast<Eigen::Index>(game.strategy_labels[0].size());
  const auto cols = static_cast<Eigen::Index>(game.strategy_labels[1].size());
  Bimatrix out;
  // Profile (i, j) has index i + rows * j: exactly Eigen's column-major layout.
  out.a = Eigen::Map<const Eigen::MatrixXd>(game.payoffs[0].data(), rows, cols);
  out.b = Eigen::Map<const Eigen::MatrixXd>(game.payoffs[1].data(), rows, cols);
  out.title = game.title;
  out.player_names = {game.player_names[0], game.player_names[1]};
  out.row_labels = game.strategy_labels[0];
  out.col_labels = game.strategy_labels[1];
  return out;
}

StrategicGame FromBimatrix(const Bimatrix& game) {
  ValidateBimatrix(game);
  StrategicGame out;
  out.title = game.title;
  out.player_names = {game.player_names[0], game.player_names[1]};
  out.strategy_labels = {game.row_labels, game.col_labels};
  const auto size = static_cast<std::size_t>(game.a.size());
  out.payoffs.resize(2);
  out.payoffs[0].resize(size);
  out.payoffs[1].resize(size);
  Eigen::Map<Eigen::MatrixXd>(out.payoffs[0].data(), game.rows(), game.cols()) = game.a;
  Eigen::Map<Eigen::MatrixXd>(out.payoffs[1].data(), game.rows(), game.cols()) = game.b;
  return out;
}

}  // namespace kaesong
