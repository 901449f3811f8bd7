// A parameter sweep's plan: the varied axes (`--vary key=lo:hi:n[:log]` or `key=v1,v2,...`), and
// either their full Cartesian grid or N sampled points (uniform random or Latin hypercube; McKay,
// Beckman & Conover 1979). Point p's values are a pure function of (plan, p), so any thread or
// shard computes any point without coordination, and output order is point order.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace kaesong::engine {

// A bad --vary, --sample or --shard specification, or a sweep that cannot be run as asked.
// source() is the flag as the user gave it ("--vary seoul.discount=0.9:0.8:3", or "--vary" for
// the axes together), empty when no one flag is at fault; message() says what is wrong
// ("lo (0.9) must not exceed hi (0.8)"). what() is "SOURCE: MESSAGE", or MESSAGE.
class SweepSpecError : public std::runtime_error {
 public:
  explicit SweepSpecError(const std::string& message) : SweepSpecError("", message) {}
  SweepSpecError(std::string source, std::string message)
      : std::runtime_error(source.empty() ? message : source + ": " + message),
        source_(std::move(source)),
        message_(std::move(message)) {}
  const std::string& source() const { return source_; }
  const std::string& message() const { return message_; }

 private:
  std::string source_;
  std::string message_;
};

struct SweepAxis {
  std::string key;                  // scenario key, e.g. "pyongyang.blame_weight"
  std::string spec;                 // the flag value as given, for messages
  bool is_range = false;            // lo:hi:n[:log]; otherwise an explicit list
  double lo = 0.0, hi = 0.0;
  long long n = 0;
  bool log = false;                 // log-spaced (lo, hi > 0)
  std::vector<std::string> values;  // explicit list, as text (numbers or words)

  long long size() const { return is_range ? n : static_cast<long long>(values.size()); }
  // Value k of the grid as --set text: numbers with {:.17g} (round-trip), words as given.
  std::string GridValue(long long k) const;
};

// Parses "key=lo:hi:n", "key=lo:hi:n:log", "key=v1,v2,..." or "key=v".
SweepAxis ParseVarySpec(const std::string& text);

enum class SampleKind { kGrid, kRandom, kLatinHypercube };

// Largest number of points a sweep may have (grid or sample): 10^8. Past it a sweep is not a
// computation one can wait for: at a millisecond a point (the cheapest solves) 10^8 points are
// more than a day on 2 cores, and their CSV rows, about 400 bytes each, some 40 GB.
inline constexpr long long kMaxSweepPoints = 100'000'000LL;
// Largest Latin hypercube sample (its strata permutations are held in memory): 10^8.
inline constexpr long long kMaxLatinHypercubePoints = 100'000'000LL;

class SweepPlan {
 public:
  // Throws SweepSpecError: no axes, a key varied twice, a grid above kMaxSweepPoints (or one whose
  // size overflows), sampling an axis given as a list of words, a bad sample count.
  SweepPlan(std::vector<SweepAxis> axes, SampleKind sample = SampleKind::kGrid,
            long long sample_count = 0, std::uint64_t seed = 1);

  const std::vector<SweepAxis>& axes() const { return axes_; }
  long long PointCount() const { return point_count_; }
  // The --set values of point p in axis order. Grid: first axis varies slowest.
  std::vector<std::string> PointValues(long long p) const;
  // A fingerprint of everything that defines the points (axes, sampling, seed), for checking that
  // shards and resumed runs belong to the same sweep.
  std::string Fingerprint() const;

 private:
  std::vector<SweepAxis> axes_;
  SampleKind sample_;
  long long point_count_ = 0;
  std::uint64_t seed_;
  std::vector<std::vector<std::uint32_t>> strata_;  // Latin hypercube: per axis, point -> stratum
};

// "random:N" or "lhs:N" -> (kind, N); throws SweepSpecError naming --sample.
std::pair<SampleKind, long long> ParseSampleSpec(const std::string& text);

}  // namespace kaesong::engine
