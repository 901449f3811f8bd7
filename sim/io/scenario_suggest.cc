#include "sim/io/scenario_suggest.h"

#include <algorithm>
#include <numeric>

namespace kaesong::io {
namespace {

std::string_view LastComponent(std::string_view key) {
  const std::size_t dot = key.rfind('.');
  return dot == std::string_view::npos ? key : key.substr(dot + 1);
}

}  // namespace

int EditDistance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  // Three rolling rows: i-2, i-1, i.
  std::vector<int> before(m + 1), previous(m + 1), current(m + 1);
  std::iota(previous.begin(), previous.end(), 0);
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[m];
}

std::optional<std::string> SuggestKey(std::string_view unknown,
                                      const std::vector<std::string>& candidates) {
  const int limit = unknown.size() <= 4 ? 1 : 2;
  int best = limit + 1;
  const std::string* best_key = nullptr;
  for (const std::string& candidate : candidates) {
    // Every edit changes the length by at most one, so a candidate whose length differs by
    // best or more cannot improve on best: skipped without the O(|a| |b|) table.
    const std::size_t gap = unknown.size() > candidate.size() ? unknown.size() - candidate.size()
                                                              : candidate.size() - unknown.size();
    if (gap >= static_cast<std::size_t>(best)) continue;
    const int d = EditDistance(unknown, candidate);
    if (d < best) {
      best = d;
      best_key = &candidate;
    }
  }
  if (best_key != nullptr) return *best_key;
  const std::string_view last = LastComponent(unknown);
  for (const std::string& candidate : candidates) {
    if (LastComponent(candidate) == last) return candidate;
  }
  return std::nullopt;
}

}  // namespace kaesong::io
