// The offer quadrature of the logit QRE (qre.h): a proposer's logit choice over the continuous deal
// box, discretised so that results converge as the grid is refined. An offer density
// proportional to exp(lambda E(x)) against the uniform probability measure on the box is
// approximated by a product trapezoid rule: grid point k stands for its cell and carries weight
// w_k (the cell's share of the box; a fixed dimension is one point of weight 1), so that
// sum_k w_k f(x_k) -> the box average of f as the grid is refined (a Riemann sum of the continuous
// logit density; cf. McFadden 1976 on logit over continuous alternatives).
//
// Precision. The scenario's grid (deal.*.grid) sets the base step; each dimension is then
// subdivided until lambda times the largest change of V_S plus V_P over one step is at most
// kQuadratureResolution, so that exp(lambda E) is resolved within a cell whatever lambda is (the
// trapezoid error per cell is O((lambda dV)^2)). Large lambda therefore means fine cells; the
// total size is capped (kMaxQuadratureOffers, and the stored choice probabilities by
// kMaxStoredChoices): when the cap binds the subdivision is coarser than the resolution rule and
// `warning` says so.
#pragma once

#include "models/kaesong/deal.h"
#include "models/kaesong/deal_value.h"
#include "models/kaesong/parameters.h"

#include <Eigen/Dense>

#include <array>
#include <string>

namespace kaesong::model {

inline constexpr double kQuadratureResolution = 2.0;        // lambda * dV per step, at most
inline constexpr long long kMaxQuadratureOffers = 1 << 20;  // grid points of the quadrature
inline constexpr long long kMaxStoredChoices = 1LL << 24;   // offers x stored round plans

struct OfferQuadrature {
  DealTable table;                 // values over the quadrature grid (table.grid)
  Eigen::ArrayXd log_weight;       // log w_k, same flat index; sum_k w_k = 1
  int subdivision[3] = {1, 1, 1};  // steps per base-grid step in m, g, beta
  std::string warning;             // non-empty when a cap made the cells coarser than the rule
};

// The quadrature for `params` at precision params.solution.lambda, with `stored_rounds` round
// plans to keep (a bound on memory). `base` is the table over DealGrid(params.deal).
OfferQuadrature MakeOfferQuadrature(const Parameters& params, const DealValuation& valuation,
                                    DealTable base, long long stored_rounds);

// The subdivision the resolution rule asks for at params.solution.lambda (before the caps), from
// the table over DealGrid(params.deal): steps per base-grid step in m, g, beta.
std::array<int, 3> WantedSubdivision(const Parameters& params);

// Trapezoid weights of one dimension's points, normalised to sum to 1 ({1} for one point).
Eigen::ArrayXd TrapezoidWeights(int points);

// log w_k of cell k of `grid`: the sum of its dimensions' log trapezoid weights, as in
// OfferQuadrature::log_weight (which holds it for every cell).
double LogCellWeight(const DealGrid& grid, int k);

}  // namespace kaesong::model
