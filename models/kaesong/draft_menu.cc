#include "models/kaesong/draft_menu.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace kaesong::model {
namespace {

// Relative slack of value comparisons: equal demands count as met.
bool AtLeast(double value, double demand) {
  return value >= demand - 1e-12 * (1.0 + std::abs(demand));
}

// Grid indices of the Pareto-relevant deals, ordered by V_S decreasing (V_P increasing).
std::vector<int> ParetoRelevant(const Parameters& params, const DealTable& table) {
  const int n = table.grid.size();
  std::vector<int> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    if (table.seoul[a] != table.seoul[b]) return table.seoul[a] > table.seoul[b];
    return table.pyongyang[a] > table.pyongyang[b];
  });
  std::vector<int> frontier;
  double best_pyongyang = -HUGE_VAL;
  for (const int k : order) {
    if (!(table.pyongyang[k] > best_pyongyang)) continue;  // dominated (or equal) in V_P
    best_pyongyang = table.pyongyang[k];
    if (AtLeast(table.seoul[k], params.seoul.breakdown_payoff) &&
        AtLeast(table.pyongyang[k], params.pyongyang.breakdown_payoff)) {
      frontier.push_back(k);
    }
  }
  return frontier;
}

}  // namespace

std::string DraftMenu::Label(int a) const {
  const Deal& x = drafts[static_cast<std::size_t>(a)];
  return fmt::format("m={:g} g={:g} beta={:g}", x.m, x.g, x.beta);
}

DraftMenu BuildDraftMenu(const Parameters& params, const DealTable& table,
                         const DealValuation& valuation, int drafts) {
  DraftMenu menu;
  const std::vector<int> frontier = ParetoRelevant(params, table);
  menu.frontier_size = static_cast<long long>(frontier.size());
  if (frontier.empty() || drafts < 1) return menu;

  // The frontier deal nearest each target value of V_S (ties: the earlier, Seoul-favoured one).
  const double hi = table.seoul[frontier.front()];
  const double lo = table.seoul[frontier.back()];
  std::vector<int> chosen;
  for (int k = 0; k < drafts; ++k) {
    const double target = drafts == 1 ? 0.5 * (hi + lo) : hi - (hi - lo) * k / (drafts - 1);
    int best = frontier.front();
    double best_gap = HUGE_VAL;
    for (const int f : frontier) {
      const double gap = std::abs(table.seoul[f] - target);
      if (gap < best_gap) {
        best_gap = gap;
        best = f;
      }
    }
    if (chosen.empty() || chosen.back() != best) chosen.push_back(best);
  }

  for (const int k : chosen) {
    menu.drafts.push_back(table.grid.At(k));
    DealValue v;
    v.seoul = table.seoul[k];
    v.pyongyang = table.pyongyang[k];
    v.hazard = table.hazard.size() > 0 ? table.hazard[k] : 0.0;
    menu.values.push_back(v);
  }
  const int size = menu.size();
  menu.compatible.assign(static_cast<std::size_t>(size * size), 0);
  menu.signed_deal.resize(static_cast<std::size_t>(size * size));
  menu.signed_value.resize(static_cast<std::size_t>(size * size));
  for (int b = 0; b < size; ++b) {
    for (int a = 0; a < size; ++a) {
      const DealValue& seoul_draft = menu.values[static_cast<std::size_t>(a)];
      const DealValue& pyongyang_draft = menu.values[static_cast<std::size_t>(b)];
      if (!AtLeast(pyongyang_draft.seoul, seoul_draft.seoul) ||
          !AtLeast(seoul_draft.pyongyang, pyongyang_draft.pyongyang)) {
        continue;
      }
      const std::size_t pair = static_cast<std::size_t>(menu.Pair(a, b));
      const Deal& x = menu.drafts[static_cast<std::size_t>(a)];
      const Deal& y = menu.drafts[static_cast<std::size_t>(b)];
      const Deal mid{0.5 * (x.m + y.m), 0.5 * (x.g + y.g), 0.5 * (x.beta + y.beta)};
      menu.compatible[pair] = 1;
      menu.signed_deal[pair] = mid;
      menu.signed_value[pair] = a == b ? seoul_draft : valuation.Evaluate(mid);
    }
  }
  return menu;
}

}  // namespace kaesong::model
