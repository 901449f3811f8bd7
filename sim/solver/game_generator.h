// Seeded random bimatrix games for tests and benchmarks. The same (kind, shape, seed, rho) gives
// the same game on every platform (std::mt19937_64 with hand-written distributions, not the
// implementation-defined std:: distributions).
//   kUniform     payoffs uniform on [0, 1)
//   kInteger     integer payoffs uniform on {0, ..., 99}
//   kCovariance  each cell's payoff pair (a, b) standard normal with correlation rho in [-1, 1]
//                (QuantEcon's covariance_game; Rinott & Scarsini 2000)
#pragma once

#include "sim/solver/normal_form.h"

#include <cstdint>

namespace kaesong {

enum class GameKind { kUniform, kInteger, kCovariance };

struct GameSpec {
  Eigen::Index rows = 2;
  Eigen::Index cols = 2;
  std::uint64_t seed = 0;
  GameKind kind = GameKind::kInteger;
  double rho = 0.0;  // covariance games only
  bool IsValid(std::string* why) const;
};

// Throws std::invalid_argument when !spec.IsValid().
Bimatrix GenerateGame(const GameSpec& spec);

}  // namespace kaesong
