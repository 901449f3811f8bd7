// The counter-based generator: a pure function of (seed, stream, counter), uniform on [0, 1) in
// multiples of 2^-53, with no visible structure across counters, streams or seeds.
#include "sim/engine/rng.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <vector>

namespace kaesong::engine {
namespace {

TEST_CASE("Counter-based draws are pure functions of (seed, stream, counter)", "[rng]") {
  const CounterRng a(42, 7), b(42, 7);
  for (std::uint64_t k = 0; k < 100; ++k) CHECK(a.Bits(k) == b.Bits(k));
  CHECK(CounterRng(42, 7).Bits(3) != CounterRng(43, 7).Bits(3));
  CHECK(CounterRng(42, 7).Bits(3) != CounterRng(42, 8).Bits(3));
  CHECK(CounterRng(42, 7).Bits(3) != CounterRng(42, 7).Bits(4));
  CHECK(Mix64(0) == 0);  // the finaliser is a bijection fixing 0: inputs are offset before mixing
  CHECK(CounterRng(0, 0).Bits(0) != 0);
}

TEST_CASE("Uniforms: range, resolution and moments", "[rng]") {
  const int n = 200000;
  const int bins = 20;
  std::vector<int> count(bins, 0);
  double sum = 0.0, sum_sq = 0.0, lag = 0.0, previous = 0.5;
  int out_of_range = 0, off_lattice = 0;
  for (int i = 0; i < n; ++i) {
    // Consecutive replications' first draws and one stream's consecutive draws interleaved.
    const double u = i % 2 ? CounterRng(2013, i).Uniform(0) : CounterRng(2013, 0).Uniform(i);
    out_of_range += !(u >= 0.0 && u < 1.0);
    off_lattice += std::ldexp(u, 53) != std::floor(std::ldexp(u, 53));
    sum += u;
    sum_sq += u * u;
    lag += (u - 0.5) * (previous - 0.5);
    previous = u;
    ++count[static_cast<int>(u * bins)];
  }
  CHECK(out_of_range == 0);
  CHECK(off_lattice == 0);
  const double mean = sum / n;
  CHECK(std::abs(mean - 0.5) < 4.0 * std::sqrt(1.0 / 12.0 / n));
  CHECK(sum_sq / n - mean * mean == Approx(1.0 / 12.0).epsilon(0.01));
  CHECK(std::abs(lag / n) < 4.0 / 12.0 / std::sqrt(n));  // lag-1 correlation ~ 0
  double chi2 = 0.0;
  const double expected = static_cast<double>(n) / bins;
  for (const int c : count) chi2 += (c - expected) * (c - expected) / expected;
  CHECK(chi2 < 43.8);  // chi-square, 19 degrees of freedom, 0.999 quantile
}

TEST_CASE("Streams of nearby seeds and replications do not collide", "[rng]") {
  std::set<std::uint64_t> seen;
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    for (std::uint64_t stream = 0; stream < 50; ++stream) {
      for (std::uint64_t k = 0; k < 20; ++k) seen.insert(CounterRng(seed, stream).Bits(k));
    }
  }
  CHECK(seen.size() == 20u * 50u * 20u);
}

}  // namespace
}  // namespace kaesong::engine
