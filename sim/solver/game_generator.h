// Seeded random bimatrix games for tests and benchmarks. The same (kind, shape, seed, rho) gives
// the same game on every platform (std::mt19937_64 with hand-written distributions, not the
// implementation-defined std:: distributions).
//   kUniform     payoffs uniform on [0, 1)
//   kInteger     integer payoffs uniform on {0, ..., 99}
//   kCovariance  each cell's payoff pair (a, b) standard normal with correlation rho in [-1, 1]
//                (QuantEcon's covariance_game; Rinott & Scarsini 2000)
// Draw order (part of the reproducibility contract): std::mt19937_64 seeded with `seed`; cells
// row by row ((0,0), (0,1), ...), and in each cell a(i,j) before b(i,j). A uniform is
// (x >> 11) * 2^-53 for one engine output x; an integer is x % 100, redrawing the (about 1 in
// 10^18) x >= 2^64 - 2^64 % 100; a covariance cell takes (z1, z2) from one accepted Marsaglia
// polar draw (u = 2U - 1, v = 2V - 1 from two uniforms, s = u^2 + v^2 in (0, 1),
// (z1, z2) = (u, v) * sqrt(-2 ln s / s)) and sets a = z1, b = rho z1 + sqrt(1 - rho^2) z2.
// std::log is the only operation the C++ standard does not require to be correctly rounded, so
// covariance games may differ in the last bits between C libraries; uniform and integer games
// are identical everywhere.
// The game gets labels "1".."n", default player names and a title naming kind, shape and seed,
// e.g. "Random integer 3x4 game, seed 7" ("Random covariance 3x4 game, rho 0.5, seed 7").
#pragma once

#include "sim/solver/normal_form.h"

#include <cstdint>

namespace kaesong {

enum class GameKind { kUniform, kInteger, kCovariance };

// Largest rows * cols GenerateGame accepts (two dense double matrices of this many cells).
inline constexpr Eigen::Index kMaxGeneratedCells = 100'000'000;

struct GameSpec {
  Eigen::Index rows = 2;  // >= 1
  Eigen::Index cols = 2;  // >= 1, rows * cols <= kMaxGeneratedCells
  std::uint64_t seed = 0;
  GameKind kind = GameKind::kInteger;
  double rho = 0.0;  // covariance games only (ignored otherwise); in [-1, 1]
  // True when GenerateGame can build the game; otherwise false with the reason in *why (when
  // why is not null), e.g. "rows must be at least 1, got 0", "rho must be in [-1, 1], got 1.5".
  bool IsValid(std::string* why) const;
};

// Throws std::invalid_argument when !spec.IsValid().
Bimatrix GenerateGame(const GameSpec& spec);

}  // namespace kaesong
