// The drafts of the simultaneous-drafts protocol and what each pair of drafts leads to.
//
// Menu. Both sides choose from the same menu of protocol.drafts deals: the Pareto-relevant deals
// of the deal grid, i.e. grid deals that no other grid deal improves for one side without harming
// the other (values V_S, V_P of deal_value.h) and that both sides value at least at their
// breakdown payoffs (b_S, b_P; no side tables or accepts a text worse than ending the talks for
// good). From that frontier the menu takes the deals nearest to protocol.drafts targets evenly
// spaced in V_S between the frontier's two ends, so a menu of K drafts runs from Seoul's best
// text to Pyongyang's best in K steps of equal value to Seoul (fewer when the frontier has fewer
// deals). Drafts are ordered from Seoul's favourite to Pyongyang's favourite. When no grid deal is
// acceptable to both over breakdown the menu is empty: no deal can be signed.
//
// Compatibility and the split rule. A draft states its author's demand: Seoul's draft d_S demands
// V_S(d_S), Pyongyang's d_P demands V_P(d_P), as in Nash's (1953) demand game. The drafts are
// compatible when each meets the other side's demand, V_S(d_P) >= V_S(d_S) and
// V_P(d_S) >= V_P(d_P) (on the menu: Pyongyang's draft is at or before Seoul's in menu order).
// Compatible drafts close the deal that splits the difference clause by clause, the midpoint
// (d_S + d_P) / 2 of (m, g, beta) -- with values linear in the deal it gives each side the mean of
// its values at the two drafts, so at least its demand (Chatterjee & Samuelson 1983 use the same
// split-the-difference rule in bilateral trading). With durability the midpoint is valued exactly
// (the values are not linear then). Incompatible drafts are a round of impasse.
#pragma once

#include "models/kaesong/deal.h"
#include "models/kaesong/deal_value.h"
#include "models/kaesong/parameters.h"

#include <string>
#include <vector>

namespace kaesong::model {

struct DraftMenu {
  std::vector<Deal> drafts;       // menu order: Seoul's favourite first
  std::vector<DealValue> values;  // V_S, V_P, h of each draft
  // Pair (a, b) = (Seoul tables drafts[a], Pyongyang tables drafts[b]) at index a + size() * b.
  std::vector<char> compatible;   // 1 when the drafts close a deal
  std::vector<Deal> signed_deal;  // the midpoint when compatible
  std::vector<DealValue> signed_value;
  long long frontier_size = 0;  // Pareto-relevant grid deals the menu was drawn from

  int size() const { return static_cast<int>(drafts.size()); }
  int Pair(int seoul_draft, int pyongyang_draft) const {
    return seoul_draft + size() * pyongyang_draft;
  }
  // "m=120 g=0.5 beta=0.3": a short label of draft a for tables and reports.
  std::string Label(int a) const;
};

// The menu of at most `drafts` (>= 1) drafts from the deal table (TabulateDeals over the deal
// grid), with compatible pairs valued by `valuation`.
DraftMenu BuildDraftMenu(const Parameters& params, const DealTable& table,
                         const DealValuation& valuation, int drafts);

}  // namespace kaesong::model
