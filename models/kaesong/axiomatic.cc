#include "models/kaesong/axiomatic.h"

#include "models/kaesong/proposer_problem.h"
#include "sim/solver/scalar_search.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kaesong::model {
namespace {

constexpr int kFrontierScan = 16;             // frontier points scanned before golden section
constexpr int kMaxEvaluations = 200;          // golden section and bisection, each
constexpr double kGoldenTolerance = 1e-7;     // of the frontier's range in R; the polish does
                                              // the rest
constexpr double kRelativeTolerance = 1e-10;  // of the frontier's range in R (KS bisection)

AxiomaticPoint PointAt(const ProposerProblem& problem, double reservation) {
  const ProposerChoice choice = problem.Solve(Proposer::kSeoul, reservation);
  AxiomaticPoint point;
  point.exists = choice.feasible;
  point.deal = choice.deal;
  point.value = choice.value;
  return point;
}

}  // namespace

AxiomaticSolutions ComputeAxiomaticSolutions(const Parameters& params) {
  AxiomaticSolutions out;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  out.nash.deal = out.kalai_smorodinsky.deal = Deal{nan, nan, nan};
  const DealValuation valuation(params);
  DealTable table;
  if (!valuation.linear()) table = TabulateDeals(valuation, DealGrid(params.deal));
  const ProposerProblem problem(valuation, params.deal, &table, 0.1 * params.solution.tolerance);
  const double b_s = params.seoul.breakdown_payoff, b_p = params.pyongyang.breakdown_payoff;

  // The individually rational part of the frontier: R in [b_P, R_max].
  const ProposerChoice top_p = problem.Solve(Proposer::kPyongyang, b_s);
  const ProposerChoice top_s = problem.Solve(Proposer::kSeoul, b_p);
  if (!top_p.feasible || !top_s.feasible || top_p.value.pyongyang < b_p ||
      top_s.value.seoul < b_s) {
    return out;
  }
  const double r_lo = b_p, r_hi = top_p.value.pyongyang;
  const double range = r_hi - r_lo, seoul_range = top_s.value.seoul - b_s;
  if (!(range > 0.0) || !(seoul_range > 0.0)) {  // a single rational point: both solutions
    out.nash = out.kalai_smorodinsky = PointAt(problem, r_lo);
    return out;
  }
  const auto frontier = [&](double r) {
    const ProposerChoice c = problem.Solve(Proposer::kSeoul, r);
    return c.feasible ? c.value.seoul : -HUGE_VAL;
  };

  // Nash: scan, then golden section between the neighbours of the best scanned point.
  const double alpha = params.solution.nash_weight;
  const auto nash_product = [&](double r) {
    const double gain_s = frontier(r) - b_s, gain_p = r - b_p;
    if (!(gain_s > 0.0) || !(gain_p > 0.0)) return -HUGE_VAL;
    return alpha * std::log(gain_s) + (1.0 - alpha) * std::log(gain_p);
  };
  int best = 0;
  double best_value = -HUGE_VAL;
  const auto scan_point = [&](int k) { return r_lo + range * (k + 0.5) / kFrontierScan; };
  for (int k = 0; k < kFrontierScan; ++k) {
    const double v = nash_product(scan_point(k));
    if (v > best_value) {
      best_value = v;
      best = k;
    }
  }
  const double a = best == 0 ? r_lo : scan_point(best - 1);
  const double b = best == kFrontierScan - 1 ? r_hi : scan_point(best + 1);
  const solver::MaximumResult nash =
      solver::GoldenMaximize(nash_product, a, b, kGoldenTolerance * range, kMaxEvaluations);
  // Golden section resolves a smooth maximum only to about sqrt(machine precision); polish with
  // the first-order condition on the local tangent F(R) ~ c - s R, exact on a linear piece:
  // (1 - alpha)(c - s R - b_S) = alpha s (R - b_P).
  double r_best = nash.x, n_best = nash.fx;
  for (int k = 0; k < 3; ++k) {
    const double h = 1e-6 * range;
    const double lo_r = std::max(r_lo, r_best - h), hi_r = std::min(r_hi, r_best + h);
    const double slope = (frontier(lo_r) - frontier(hi_r)) / (hi_r - lo_r);
    if (!(slope > 0.0) || !std::isfinite(slope)) break;
    const double c = frontier(r_best) + slope * r_best;
    const double r =
        std::clamp(((1.0 - alpha) * (c - b_s) + alpha * slope * b_p) / slope, r_lo, r_hi);
    const double n = nash_product(r);
    if (!(n >= n_best) || r == r_best) break;
    r_best = r;
    n_best = n;
  }
  out.nash = PointAt(problem, r_best);

  // Kalai-Smorodinsky: equal shares of each side's ideal gain.
  const auto ks_gap = [&](double r) {
    return (frontier(r) - b_s) / seoul_range - (r - b_p) / range;
  };
  double lo = r_lo, hi = r_hi;
  for (int k = 0; k < kMaxEvaluations && hi - lo > kRelativeTolerance * range; ++k) {
    const double mid = 0.5 * (lo + hi);
    (ks_gap(mid) >= 0.0 ? lo : hi) = mid;
  }
  out.kalai_smorodinsky = PointAt(problem, lo);
  return out;
}

}  // namespace kaesong::model
