// Sets of pure strategies (supports, best-response sets, polytope labels) as 64-bit masks, the
// representation the enumeration solvers share; bit k stands for strategy k.
#pragma once

#include <Eigen/Core>

#include <bit>
#include <cstdint>
#include <functional>
#include <utility>

namespace kaesong {

using StrategyMask = std::uint64_t;

// The largest strategy count a mask holds.
inline constexpr Eigen::Index kMaxMaskStrategies = 64;

inline StrategyMask Bit(Eigen::Index k) { return StrategyMask{1} << k; }
inline bool IsSubset(StrategyMask a, StrategyMask b) { return (a & ~b) == 0; }
inline int Count(StrategyMask m) { return std::popcount(m); }

struct MaskPairHash {
  std::size_t operator()(const std::pair<StrategyMask, StrategyMask>& p) const {
    return std::hash<StrategyMask>()(p.first * 0x9E3779B97F4A7C15ULL ^ p.second);
  }
};

}  // namespace kaesong
