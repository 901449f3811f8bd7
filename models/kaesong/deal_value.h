// The value of a deal to each side: the payoff flows (payoffs.h) adjusted for the risk that the
// complex is shut again (durability.h). V_i(x) is in flow units (US$ million/yr, the annuity
// equivalent of the operating complex), so accepting x is worth V_i(x) at once. Without any
// temptation to shut, V_i(x) = u_i(x) exactly and the values are affine in x ("linear").
// The blame term A_i * beta is allocated once in the signed text and is sunk: it enters V_i(x) in
// full and is left out of the shutdown decision, so a side cannot escape blame by shutting.
#pragma once

#include "models/kaesong/deal.h"
#include "models/kaesong/durability.h"
#include "models/kaesong/parameters.h"
#include "models/kaesong/payoffs.h"
#include "sim/solver/solve_result.h"

#include <Eigen/Dense>

namespace kaesong::model {

struct DealValue {
  double seoul = 0.0;      // V_S(x)
  double pyongyang = 0.0;  // V_P(x)
  double hazard = 0.0;     // h(x), per durability period
  SolveStatus status = SolveStatus::kSuccess;

  double Of(Proposer side) const { return side == Proposer::kSeoul ? seoul : pyongyang; }
};

class DealValuation {
 public:
  explicit DealValuation(const Parameters& params);

  // True when V = u (no side may shut): the proposer's problem is then a linear program.
  bool linear() const { return !durability_.active(); }
  const FlowPayoffs& flows() const { return flows_; }
  DealValue Evaluate(const Deal& x) const;
  // Number of Evaluate calls so far (work counter for reports and benchmarks), and how many of
  // them returned a status other than kSuccess (a shutdown fixed point that did not converge).
  long long evaluations() const { return evaluations_; }
  long long failures() const { return failures_; }

 private:
  FlowPayoffs flows_;
  DurabilityModel durability_;
  mutable long long evaluations_ = 0;
  mutable long long failures_ = 0;
};

// V_S, V_P and h over the deal grid (flat index of DealGrid), computed once per solve: one
// valuation per (m, g), as blame enters the values only through its sunk terms A_i * beta.
struct DealTable {
  DealGrid grid;
  Eigen::ArrayXd seoul;
  Eigen::ArrayXd pyongyang;
  Eigen::ArrayXd hazard;

  const Eigen::ArrayXd& Of(Proposer side) const {
    return side == Proposer::kSeoul ? seoul : pyongyang;
  }
};

DealTable TabulateDeals(const DealValuation& valuation, const DealGrid& grid);

}  // namespace kaesong::model
