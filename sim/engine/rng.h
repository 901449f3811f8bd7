// Counter-based random numbers for Monte Carlo replications: the k-th uniform of replication r
// under seed s is a pure function of (s, r, k), so a replication's draws depend neither on how many
// replications run nor on their order or thread. Built from the SplitMix64 output function
// (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number generators"): a stream key is
// hashed from (seed, replication), and draw k is Mix64 of the key advanced k + 1 Weyl steps, mixed
// once more with the key so that streams whose keys differ by a multiple of the Weyl constant
// remain unrelated. Uniforms take the top 53 bits: values in [0, 1), multiples of 2^-53.
#pragma once

#include <cstdint>

namespace kaesong::engine {

// The SplitMix64 finaliser: a bijection of 64-bit words with full avalanche.
constexpr std::uint64_t Mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class CounterRng {
 public:
  CounterRng(std::uint64_t seed, std::uint64_t stream)
      : key_(Mix64(Mix64(seed ^ 0x243f6a8885a308d3ULL) + (stream + 1) * kWeyl)) {}

  std::uint64_t Bits(std::uint64_t counter) const {
    return Mix64(Mix64(key_ + (counter + 1) * kWeyl) ^ key_);
  }
  double Uniform(std::uint64_t counter) const {
    return static_cast<double>(Bits(counter) >> 11) * 0x1.0p-53;
  }

 private:
  static constexpr std::uint64_t kWeyl = 0x9e3779b97f4a7c15ULL;
  std::uint64_t key_;
};

}  // namespace kaesong::engine
