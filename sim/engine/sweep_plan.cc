#include "sim/engine/sweep_plan.h"

#include "sim/engine/rng.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <vector>

namespace kaesong::engine {

namespace {

std::string Trim(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t");
  if (begin == std::string::npos) return {};
  const auto end = s.find_last_not_of(" \t");
  return s.substr(begin, end - begin + 1);
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t pos = s.find(sep, start);
    parts.push_back(Trim(s.substr(start, pos == std::string::npos ? std::string::npos : pos - start)));
    if (pos == std::string::npos) break;
    start = pos + 1;
  }
  return parts;
}

bool ParseDouble(const std::string& text, double* out) {
  if (text.empty()) return false;
  const char* first = text.data();
  if (*first == '+') ++first;
  const auto [ptr, ec] = std::from_chars(first, text.data() + text.size(), *out);
  return ec == std::errc() && ptr == text.data() + text.size() && std::isfinite(*out);
}

bool ParseCount(const std::string& text, long long* out) {
  if (text.empty()) return false;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

// A uniform draw in [0, 1) that depends only on (seed, point, axis).
double PointUniform(std::uint64_t seed, long long point, std::size_t axis) {
  return CounterRng(seed, static_cast<std::uint64_t>(point)).Uniform(0x5eed0000ULL + axis);
}

double RangeValue(const SweepAxis& axis, double fraction) {
  if (axis.log) {
    return std::exp(std::log(axis.lo) + fraction * (std::log(axis.hi) - std::log(axis.lo)));
  }
  return axis.lo + fraction * (axis.hi - axis.lo);
}

std::string FormatNumber(double value) { return fmt::format("{:.17g}", value); }

}  // namespace

std::string SweepAxis::GridValue(long long k) const {
  if (!is_range) return values.at(static_cast<std::size_t>(k));
  if (n == 1 || k == 0) return FormatNumber(lo);
  if (k == n - 1) return FormatNumber(hi);
  return FormatNumber(RangeValue(*this, static_cast<double>(k) / static_cast<double>(n - 1)));
}

SweepAxis ParseVarySpec(const std::string& text) {
  const auto fail = [&](const std::string& why) {
    return SweepSpecError("--vary " + text, why);
  };
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos) throw fail("expected key=lo:hi:n, key=lo:hi:n:log or key=v1,v2,...");
  SweepAxis axis;
  axis.key = Trim(text.substr(0, eq));
  axis.spec = text;
  const std::string rhs = Trim(text.substr(eq + 1));
  if (axis.key.empty()) throw fail("missing parameter key before '='");
  if (rhs.empty()) throw fail("missing values after '='");

  if (rhs.find(':') != std::string::npos) {
    const std::vector<std::string> parts = Split(rhs, ':');
    if (parts.size() != 3 && parts.size() != 4) {
      throw fail("a range is lo:hi:n or lo:hi:n:log");
    }
    axis.is_range = true;
    if (!ParseDouble(parts[0], &axis.lo)) throw fail(fmt::format("lo '{}' is not a number", parts[0]));
    if (!ParseDouble(parts[1], &axis.hi)) throw fail(fmt::format("hi '{}' is not a number", parts[1]));
    if (!ParseCount(parts[2], &axis.n)) {
      throw fail(fmt::format("n '{}' is not a whole number", parts[2]));
    }
    if (parts.size() == 4) {
      if (parts[3] != "log") throw fail(fmt::format("unknown spacing '{}' (only 'log')", parts[3]));
      axis.log = true;
    }
    if (axis.n < 1) throw fail(fmt::format("n must be at least 1, got {}", axis.n));
    if (axis.lo > axis.hi) {
      throw fail(fmt::format("lo ({}) must not exceed hi ({})", parts[0], parts[1]));
    }
    if (axis.n == 1 && axis.lo != axis.hi) throw fail("n = 1 needs lo = hi (a single value)");
    if (axis.log && !(axis.lo > 0.0)) throw fail("log spacing needs lo > 0");
    return axis;
  }
  axis.values = Split(rhs, ',');
  std::set<std::string> seen;
  for (const std::string& v : axis.values) {
    if (v.empty()) throw fail("empty value in list");
    if (!seen.insert(v).second) throw fail(fmt::format("value '{}' listed twice", v));
  }
  return axis;
}

std::pair<SampleKind, long long> ParseSampleSpec(const std::string& text) {
  const auto fail = [&](const std::string& why) {
    return SweepSpecError("--sample " + text, why);
  };
  const std::size_t colon = text.find(':');
  if (colon == std::string::npos) throw fail("expected random:N or lhs:N");
  const std::string kind = text.substr(0, colon);
  long long n = 0;
  if (!ParseCount(text.substr(colon + 1), &n)) throw fail("N is not a whole number");
  if (n < 1) throw fail(fmt::format("N must be at least 1, got {}", n));
  if (kind == "random") return {SampleKind::kRandom, n};
  if (kind == "lhs") return {SampleKind::kLatinHypercube, n};
  throw fail(fmt::format("unknown sampling '{}' (random or lhs)", kind));
}

SweepPlan::SweepPlan(std::vector<SweepAxis> axes, SampleKind sample, long long sample_count,
                     std::uint64_t seed)
    : axes_(std::move(axes)), sample_(sample), seed_(seed) {
  if (axes_.empty()) throw SweepSpecError("--vary", "give at least one parameter to vary");
  std::set<std::string> keys;
  for (const SweepAxis& axis : axes_) {
    if (!keys.insert(axis.key).second) {
      throw SweepSpecError("--vary " + axis.spec, fmt::format("{} is varied twice", axis.key));
    }
  }
  if (sample_ == SampleKind::kGrid) {
    long long count = 1;
    bool over = false;  // the exact product does not fit in a long long
    std::vector<std::string> sizes;
    for (const SweepAxis& axis : axes_) {
      const long long size = static_cast<long long>(axis.size());
      sizes.push_back(std::to_string(size));
      if (over || count > std::numeric_limits<long long>::max() / size) {
        over = true;
      } else {
        count *= size;
      }
    }
    if (over || count > kMaxSweepPoints) {
      throw SweepSpecError("--vary", fmt::format(
          "the grid has {} points{}, above the limit of {}; use --sample or fewer values",
          fmt::join(sizes, " x "), over ? " (more than the limit)" : fmt::format(" = {}", count),
          kMaxSweepPoints));
    }
    point_count_ = count;
    return;
  }
  const long long limit =
      sample_ == SampleKind::kLatinHypercube ? kMaxLatinHypercubePoints : kMaxSweepPoints;
  if (sample_count < 1 || sample_count > limit) {
    throw SweepSpecError("--sample",
                         fmt::format("N must be in 1..{}, got {}", limit, sample_count));
  }
  point_count_ = sample_count;
  if (sample_ == SampleKind::kLatinHypercube) {
    // One random permutation of the strata per axis (Fisher–Yates on counter-based draws).
    strata_.resize(axes_.size());
    for (std::size_t a = 0; a < axes_.size(); ++a) {
      std::vector<std::uint32_t>& perm = strata_[a];
      perm.resize(static_cast<std::size_t>(point_count_));
      for (std::size_t k = 0; k < perm.size(); ++k) perm[k] = static_cast<std::uint32_t>(k);
      for (std::size_t k = perm.size(); k > 1; --k) {
        const double u = CounterRng(seed_, k).Uniform(0x1a7e0000ULL + a);
        const auto j = static_cast<std::size_t>(u * static_cast<double>(k));
        std::swap(perm[k - 1], perm[j < k ? j : k - 1]);
      }
    }
  }
}

std::vector<std::string> SweepPlan::PointValues(long long p) const {
  std::vector<std::string> values(axes_.size());
  if (sample_ == SampleKind::kGrid) {
    long long rest = p;
    for (std::size_t a = axes_.size(); a-- > 0;) {
      const long long n = axes_[a].size();
      values[a] = axes_[a].GridValue(rest % n);
      rest /= n;
    }
    return values;
  }
  for (std::size_t a = 0; a < axes_.size(); ++a) {
    const SweepAxis& axis = axes_[a];
    double fraction = PointUniform(seed_, p, a);
    if (sample_ == SampleKind::kLatinHypercube) {
      fraction = (strata_[a][static_cast<std::size_t>(p)] + fraction) /
                 static_cast<double>(point_count_);
    }
    if (axis.is_range) {
      values[a] = FormatNumber(RangeValue(axis, fraction));
    } else {
      const auto k = static_cast<std::size_t>(fraction * static_cast<double>(axis.values.size()));
      values[a] = axis.values[k < axis.values.size() ? k : axis.values.size() - 1];
    }
  }
  return values;
}

std::string SweepPlan::Fingerprint() const {
  std::string text;
  for (const SweepAxis& axis : axes_) text += axis.spec + ";";
  const char* kind = sample_ == SampleKind::kGrid     ? "grid"
                     : sample_ == SampleKind::kRandom ? "random"
                                                      : "lhs";
  text += fmt::format("sample={}:{};seed={}", kind, point_count_, seed_);
  return text;
}

}  // namespace kaesong::engine
