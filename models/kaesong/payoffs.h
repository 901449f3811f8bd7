// Per-period payoff flows of an operating complex, in US$ million per year:
//   Seoul:     u_S(x) = pi_S - m + k_S g + A_S beta
//   Pyongyang: u_P(x) = m - k_P g - A_P beta
// (pi_S firms' operating value, k guarantee weights, A blame weights; seoul.pi, *.guarantee_weight,
// *.blame_weight). Both flows are affine in x; the coefficients are exposed for the exact (linear)
// solution of the proposer's problem.
#pragma once

#include "models/kaesong/deal.h"
#include "models/kaesong/parameters.h"

#include <Eigen/Dense>

namespace kaesong::model {

// u(x) = constant + slope . (m, g, beta) for one side.
struct AffinePayoff {
  double constant = 0.0;
  Eigen::Vector3d slope = Eigen::Vector3d::Zero();
  double operator()(const Deal& x) const {
    return constant + slope[0] * x.m + slope[1] * x.g + slope[2] * x.beta;
  }
};

struct FlowPayoffs {
  AffinePayoff seoul;
  AffinePayoff pyongyang;
};

// The two flows for the parameters' weights. Pyongyang's `pi` is not part of the model (ignored).
FlowPayoffs MakeFlowPayoffs(const Parameters& params);

}  // namespace kaesong::model
