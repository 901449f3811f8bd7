#include "models/kaesong/offer_quadrature.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace kaesong::model {
namespace {

DealDimension& Dimension(DealSpace& space, int d) {
  return d == 0 ? space.m : d == 1 ? space.g : space.beta;
}

// The largest |dV_S| + |dV_P| between neighbours along dimension d of the base table.
double LargestStepChange(const DealTable& base, int d) {
  const DealGrid& grid = base.grid;
  const int n[3] = {grid.n_m(), grid.n_g(), grid.n_beta()};
  if (n[d] < 2) return 0.0;
  double largest = 0.0;
  for (int b = 0; b < n[2]; ++b) {
    for (int g = 0; g < n[1]; ++g) {
      for (int m = 0; m < n[0]; ++m) {
        int next[3] = {m, g, b};
        if (++next[d] >= n[d]) continue;
        const int k = grid.Index(m, g, b), l = grid.Index(next[0], next[1], next[2]);
        largest = std::max(largest, std::abs(base.seoul[l] - base.seoul[k]) +
                                        std::abs(base.pyongyang[l] - base.pyongyang[k]));
      }
    }
  }
  return largest;
}

}  // namespace

Eigen::ArrayXd TrapezoidWeights(int points) {
  if (points <= 1) return Eigen::ArrayXd::Ones(1);
  Eigen::ArrayXd w = Eigen::ArrayXd::Constant(points, 1.0 / (points - 1));
  w[0] *= 0.5;
  w[points - 1] *= 0.5;
  return w;
}

OfferQuadrature MakeOfferQuadrature(const Parameters& params, const DealValuation& valuation,
                                    DealTable base, long long stored_rounds) {
  OfferQuadrature q;
  const double lambda = params.solution.lambda;
  const int n_base[3] = {base.grid.n_m(), base.grid.n_g(), base.grid.n_beta()};
  double wanted[3];
  for (int d = 0; d < 3; ++d) {
    const double steps = std::ceil(lambda * LargestStepChange(base, d) / kQuadratureResolution);
    wanted[d] = std::isfinite(steps) ? std::max(1.0, steps) : 1.0;
  }
  // Largest subdivision within both caps: shrink all wanted factors by a common ratio.
  const long long budget =
      std::min(kMaxQuadratureOffers, kMaxStoredChoices / std::max(1LL, stored_rounds));
  const auto points = [&](const double* s) {
    long long total = 1;
    for (int d = 0; d < 3; ++d) {
      total *= static_cast<long long>((n_base[d] - 1) * std::floor(s[d]) + 1);
      if (total > (1LL << 40)) return total;
    }
    return total;
  };
  double ratio = 1.0;
  double trial[3] = {wanted[0], wanted[1], wanted[2]};
  while (points(trial) > budget && ratio > 1e-9) {
    ratio *= 0.9;
    for (int d = 0; d < 3; ++d) trial[d] = std::max(1.0, wanted[d] * ratio);
  }
  for (int d = 0; d < 3; ++d) q.subdivision[d] = static_cast<int>(std::floor(trial[d]));
  if (ratio < 1.0) {
    q.warning = fmt::format(
        "QRE offer quadrature capped at {} offers (subdivision {}x{}x{} of the deal grid, {}x{}x{} "
        "wanted at lambda {}): the logit density is under-resolved; lower solution.lambda or "
        "coarsen deal.*.grid",
        points(trial), q.subdivision[0], q.subdivision[1], q.subdivision[2],
        static_cast<long long>(wanted[0]), static_cast<long long>(wanted[1]),
        static_cast<long long>(wanted[2]), lambda);
  }

  if (q.subdivision[0] == 1 && q.subdivision[1] == 1 && q.subdivision[2] == 1) {
    q.table = std::move(base);
  } else {
    DealSpace refined = params.deal;
    for (int d = 0; d < 3; ++d) {
      DealDimension& dim = Dimension(refined, d);
      if (!dim.fixed && n_base[d] >= 2) dim.grid = (n_base[d] - 1) * q.subdivision[d] + 1;
    }
    q.table = TabulateDeals(valuation, DealGrid(refined));
  }
  const DealGrid& grid = q.table.grid;
  const Eigen::ArrayXd w_m = TrapezoidWeights(grid.n_m()).log();
  const Eigen::ArrayXd w_g = TrapezoidWeights(grid.n_g()).log();
  const Eigen::ArrayXd w_beta = TrapezoidWeights(grid.n_beta()).log();
  q.log_weight.resize(grid.size());
  for (int b = 0; b < grid.n_beta(); ++b) {
    for (int g = 0; g < grid.n_g(); ++g) {
      const int k0 = grid.Index(0, g, b);
      q.log_weight.segment(k0, grid.n_m()) = w_m + (w_g[g] + w_beta[b]);
    }
  }
  return q;
}

}  // namespace kaesong::model
