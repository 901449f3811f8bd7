#include "models/kaesong/deal_value.h"

namespace kaesong::model {

DealValuation::DealValuation(const Parameters& params)
    : flows_(MakeFlowPayoffs(params)), durability_(params) {}

DealValue DealValuation::Evaluate(const Deal& x) const {
  ++evaluations_;
  const double u_seoul = flows_.seoul(x);
  const double u_pyongyang = flows_.pyongyang(x);
  if (linear()) return DealValue{u_seoul, u_pyongyang, 0.0, SolveStatus::kSuccess};
  // Blame is allocated once, in the signed text: its term A * beta is counted whether or not the
  // complex is shut later, so only the operating flows enter the shutdown decision.
  const double blame_seoul = flows_.seoul.slope[2] * x.beta;
  const double blame_pyongyang = flows_.pyongyang.slope[2] * x.beta;
  const DurabilityOutcome d =
      durability_.Evaluate(u_seoul - blame_seoul, u_pyongyang - blame_pyongyang, x.g);
  if (d.status != SolveStatus::kSuccess) ++failures_;
  return DealValue{d.value_seoul + blame_seoul, d.value_pyongyang + blame_pyongyang, d.hazard,
                   d.status};
}

DealTable TabulateDeals(const DealValuation& valuation, const DealGrid& grid) {
  DealTable table;
  table.grid = grid;
  const int n = grid.size();
  table.seoul.resize(n);
  table.pyongyang.resize(n);
  table.hazard.resize(n);
  // Blame is sunk (it never enters the shutdown decision), so a deal's values move with beta only
  // through the blame terms A_i * beta: value the first beta layer, shift it for the others.
  const int layer = grid.n_m() * grid.n_g();
  const double slope_s = valuation.flows().seoul.slope[2];
  const double slope_p = valuation.flows().pyongyang.slope[2];
  for (int k = 0; k < layer; ++k) {
    const DealValue v = valuation.Evaluate(grid.At(k));
    table.seoul[k] = v.seoul;
    table.pyongyang[k] = v.pyongyang;
    table.hazard[k] = v.hazard;
  }
  for (int b = 1; b < grid.n_beta(); ++b) {
    const double shift = grid.beta()[b] - grid.beta()[0];
    table.seoul.segment(b * layer, layer) = table.seoul.head(layer) + slope_s * shift;
    table.pyongyang.segment(b * layer, layer) = table.pyongyang.head(layer) + slope_p * shift;
    table.hazard.segment(b * layer, layer) = table.hazard.head(layer);
  }
  return table;
}

}  // namespace kaesong::model
