// Counter-based random numbers: a draw is a pure function of (seed, stream, counter), so any
// replication, sweep point or thread reproduces its numbers without shared generator state
// (the idea of Salmon et al. 2011, "Parallel random numbers: as easy as 1, 2, 3"). The mixing
// function is SplitMix64's finaliser (Steele, Lea & Flood 2014) applied in a keyed chain.
#pragma once

#include <cstdint>

namespace kaesong::engine {

// SplitMix64 finaliser: a bijective 64-bit mix with full avalanche.
constexpr std::uint64_t Mix64(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// 64 random bits for (seed, stream, counter).
constexpr std::uint64_t BitsFromCounter(std::uint64_t seed, std::uint64_t stream,
                                        std::uint64_t counter) {
  return Mix64(Mix64(Mix64(seed) ^ stream) ^ counter);
}

// Uniform double in [0, 1) from the top 53 bits.
constexpr double UniformFromCounter(std::uint64_t seed, std::uint64_t stream,
                                    std::uint64_t counter) {
  return static_cast<double>(BitsFromCounter(seed, stream, counter) >> 11) * 0x1.0p-53;
}

}  // namespace kaesong::engine
