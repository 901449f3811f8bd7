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

// The resolution rule's steps per base-grid step on dimension d (at least 1).
double RuleSteps(const DealTable& base, double lambda, int d) {
  const double steps = std::ceil(lambda * LargestStepChange(base, d) / kQuadratureResolution);
  return std::isfinite(steps) ? std::max(1.0, steps) : 1.0;
}

}  // namespace

Eigen::ArrayXd TrapezoidWeights(int points) {
  if (points <= 1) return Eigen::ArrayXd::Ones(1);
  Eigen::ArrayXd w = Eigen::ArrayXd::Constant(points, 1.0 / (points - 1));
  w[0] *= 0.5;
  w[points - 1] *= 0.5;
  return w;
}

double LogCellWeight(const DealGrid& grid, int k) {
  const int i_m = k % grid.n_m();
  const int rest = k / grid.n_m();
  const int i_g = rest % grid.n_g();
  const int i_beta = rest / grid.n_g();
  // log TrapezoidWeights(n)[i], without building the array.
  const auto log_weight = [](int n, int i) {
    if (n <= 1) return 0.0;
    return std::log((i == 0 || i == n - 1 ? 0.5 : 1.0) / (n - 1));
  };
  return log_weight(grid.n_m(), i_m) + log_weight(grid.n_g(), i_g) +
         log_weight(grid.n_beta(), i_beta);
}

std::array<int, 3> WantedSubdivision(const Parameters& params) {
  const DealValuation valuation(params);
  const DealTable base = TabulateDeals(valuation, DealGrid(params.deal));
  std::array<int, 3> out{};
  for (int d = 0; d < 3; ++d) {
    out[static_cast<std::size_t>(d)] =
        static_cast<int>(std::min(RuleSteps(base, params.solution.lambda, d), 1e6));
  }
  return out;
}

OfferQuadrature MakeOfferQuadrature(const Parameters& params, const DealValuation& valuation,
                                    DealTable base, long long stored_rounds) {
  OfferQuadrature q;
  const double lambda = params.solution.lambda;
  const int n_base[3] = {base.grid.n_m(), base.grid.n_g(), base.grid.n_beta()};
  double wanted[3];
  const std::array<int, 3>& fixed = params.solution.quadrature_subdivision;
  const bool held = fixed[0] > 0 && fixed[1] > 0 && fixed[2] > 0;
  for (int d = 0; d < 3; ++d) {
    wanted[d] =
        held ? static_cast<double>(fixed[static_cast<std::size_t>(d)]) : RuleSteps(base, lambda, d);
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
