// Seeded draws that are the same on every platform: std::mt19937_64 (its output sequence is fixed
// by the C++ standard) turned into uniforms, integers and normals by hand, since the std::
// distributions are implementation-defined. Used by the game generators, whose reproducibility
// contracts (game_generator.h, stochastic_game_generator.h) rest on these recipes.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <utility>

namespace kaesong {

class PortableRandom {
 public:
  explicit PortableRandom(std::uint64_t seed) : engine_(seed) {}

  // Uniform on [0, 1): the top 53 bits of one engine output x, (x >> 11) * 2^-53 (exact).
  double Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  // Uniform on (0, 1]: 1 - Uniform().
  double UniformPositive() { return 1.0 - Uniform(); }

  // Uniform on {0, ..., n - 1}, n >= 1: x % n for one engine output x, redrawing the x in the
  // final partial block (x >= 2^64 - 2^64 mod n) so that every residue is equally likely; no
  // redraw when n divides 2^64.
  std::uint64_t Below(std::uint64_t n) {
    const std::uint64_t excess = (std::uint64_t{0} - n) % n;  // 2^64 mod n, as (2^64 - n) mod n
    const std::uint64_t limit = std::uint64_t{0} - excess;    // 2^64 - excess (0: no redraw)
    while (true) {
      const std::uint64_t x = engine_();
      if (excess == 0 || x < limit) return x % n;
    }
  }

  // Two independent standard normals from one accepted Marsaglia & Bray (1964) polar draw:
  // u = 2U - 1, v = 2V - 1, redrawn until s = u^2 + v^2 is in (0, 1); (u, v) * sqrt(-2 ln s / s).
  std::pair<double, double> NormalPair() {
    while (true) {
      const double u = 2.0 * Uniform() - 1.0;
      const double v = 2.0 * Uniform() - 1.0;
      const double s = u * u + v * v;
      if (s > 0.0 && s < 1.0) {
        const double factor = std::sqrt(-2.0 * std::log(s) / s);
        return {u * factor, v * factor};
      }
    }
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace kaesong
