// The after-deal commitment problem (durability.h): values equal flows without temptation, the
// grim-trigger threshold against the full fixed point, the one-sided solution against an
// independent value iteration of the shutting side's Bellman equation, two-sided consistency, and
// a larger penalty C(g) lowering the hazard.
#include "models/kaesong/durability.h"
#include "models/kaesong/deal_value.h"
#include "tests/models/kaesong_fixtures.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

namespace kaesong::model {
namespace {

Parameters DurabilityCase(TemptationKind kind, double mean, double drill_mean, double drill_share,
                          double penalty_max, double r) {
  Parameters p;
  p.pyongyang.temptation = Temptation{kind, mean, drill_mean};
  p.durability = Durability{penalty_max, r, drill_share, false};
  p.seoul.breakdown_payoff = -50.0;
  p.pyongyang.breakdown_payoff = 5.0;
  p.solution.tolerance = 1e-12;
  return p;
}

TEST_CASE("Without temptation a deal is worth its flows exactly", "[durability]") {
  Parameters p = testing::Kaesong2013Like(false);
  const DealValuation valuation(p);
  REQUIRE(valuation.linear());
  for (const Deal x : {Deal{90, 0.5, 0.5}, Deal{0, 0, 0}, Deal{200, 1, 1}, Deal{155, 0.3, 0.9}}) {
    const DealValue v = valuation.Evaluate(x);
    CHECK(v.seoul == 470 - x.m + 60 * x.g + 40 * x.beta);
    CHECK(v.pyongyang == x.m - 30 * x.g - 60 * x.beta);
    CHECK(v.hazard == 0.0);
  }
  // Seoul's temptation is ignored unless Seoul may shut.
  p.seoul.temptation = Temptation{TemptationKind::kExponential, 50, 50};
  CHECK(DealValuation(p).linear());
}

TEST_CASE("Grim trigger: cooperation iff r >= (G - C) / (G - C + V - P)", "[durability]") {
  const auto [temptation, penalty, open, closed] = GENERATE(table<double, double, double, double>({
      {100, 0, 50, 0},
      {100, 40, 50, 0},
      {30, 10, 80, 20},
      {500, 100, 155, -10},
      {12, 11.5, 1, 0.5},
  }));
  const double threshold = GrimTriggerThreshold(temptation, penalty, open, closed);
  REQUIRE(threshold == Approx((temptation - penalty) / (temptation - penalty + open - closed)));
  for (const double r : {threshold * (1 - 1e-6), threshold * (1 + 1e-6), threshold * 0.5,
                         threshold + 0.5 * (1 - threshold)}) {
    CAPTURE(temptation, penalty, open, closed, threshold, r);
    Parameters p = DurabilityCase(TemptationKind::kFixed, temptation, temptation, 0.0, penalty, r);
    p.pyongyang.breakdown_payoff = closed;
    const DurabilityOutcome d = DurabilityModel(p).Evaluate(100.0, open, 1.0);
    REQUIRE(d.status == SolveStatus::kSuccess);
    CHECK(d.hazard_pyongyang == (r >= threshold ? 0.0 : 1.0));
    CHECK(d.hazard == d.hazard_pyongyang);
    if (r >= threshold) {
      CHECK(d.value_pyongyang == open);
    } else {  // shuts at once: the flow, then G - C, then closed: (1 - r)(V + G - C) + r P
      CHECK(d.value_pyongyang ==
            Approx((1 - r) * (open + temptation - penalty) + r * closed).epsilon(1e-12));
    }
  }
}

TEST_CASE("Grim-trigger threshold edge cases", "[durability]") {
  CHECK(GrimTriggerThreshold(10, 10, 5, 0) == 0.0);  // penalty covers the temptation
  CHECK(GrimTriggerThreshold(10, 20, 5, 0) == 0.0);
  CHECK(std::isinf(GrimTriggerThreshold(10, 0, 5, 5)));  // nothing to lose by shutting
}

// E[(G - tau)^+] for a mixture of exponentials (G >= 0), by the trapezoid rule.
double ExcessByQuadrature(double tau, double mean, double drill_mean, double share) {
  double total = 0.0;
  for (const auto& [mu, w] : {std::pair{mean, 1 - share}, std::pair{drill_mean, share}}) {
    if (w == 0.0) continue;
    const int n = 100000;
    const double hi = std::max(tau, 0.0) + 60 * mu, lo = std::max(tau, 0.0), h = (hi - lo) / n;
    double s = 0.0;
    for (int k = 0; k <= n; ++k) {
      const double g = lo + k * h;
      const double f = (g - tau) * std::exp(-g / mu) / mu * (k == 0 || k == n ? 0.5 : 1.0);
      s += f;
    }
    total += w * s * h;
  }
  return total;
}

TEST_CASE("One-sided durability matches value iteration of Pyongyang's Bellman equation",
          "[durability]") {
  const auto [mean, drill_mean, share, penalty_max, r, u_p, g] =
      GENERATE(table<double, double, double, double, double, double, double>({
          {40, 120, 0.15, 300, 0.9, 80, 0.5},
          {40, 40, 0.0, 0, 0.9, 80, 0.0},
          {10, 50, 0.3, 100, 0.8, 20, 1.0},
          {100, 100, 0.0, 50, 0.95, 150, 0.2},
      }));
  CAPTURE(mean, drill_mean, share, penalty_max, r, u_p, g);
  const Parameters p =
      DurabilityCase(TemptationKind::kExponential, mean, drill_mean, share, penalty_max, r);
  const double u_s = 300.0, b_s = p.seoul.breakdown_payoff, b_p = p.pyongyang.breakdown_payoff;
  const DurabilityOutcome d = DurabilityModel(p).Evaluate(u_s, u_p, g);
  REQUIRE(d.status == SolveStatus::kSuccess);
  const double c = g * penalty_max;

  // Value iteration on the present value W of an open complex:
  //   W = u + E max(G - C + r B, r W),  B = b / (1 - r),
  // with the expectation by quadrature; then v = (1 - r) W.
  const double big_b = b_p / (1 - r);
  double w = u_p / (1 - r);
  for (int it = 0; it < 2000; ++it) {
    const double tau = c + r * (w - big_b);  // shut iff G > tau
    const double next = u_p + r * w + ExcessByQuadrature(tau, mean, drill_mean, share);
    if (std::abs(next - w) < 1e-11) {
      w = next;
      break;
    }
    w = next;
  }
  const double v_p = (1 - r) * w;
  const double tau = c + r / (1 - r) * (v_p - b_p);
  const double h = (1 - share) * std::exp(-tau / mean) + share * std::exp(-tau / drill_mean);
  CHECK(d.value_pyongyang == Approx(v_p).epsilon(1e-7));
  CHECK(d.threshold_pyongyang == Approx(tau).epsilon(1e-7));
  CHECK(d.hazard == Approx(h).epsilon(1e-6));
  // Seoul receives C when Pyongyang shuts and b_S once closed.
  const double v_s = ((1 - r) * (u_s + c * h) + r * h * b_s) / (1 - r * (1 - h));
  CHECK(d.value_seoul == Approx(v_s).epsilon(1e-7));
}

TEST_CASE("A shut complex that may reopen: one-sided durability against value iteration",
          "[durability][reopen]") {
  // Reopening on the same terms with probability q a period (durability.reopen_prob). Present
  // values of the open complex W and of the closed one P:
  //   W = u + E max(G - C + r P, r W),   P = b + r (q W + (1 - q) P),
  // iterated jointly with the expectation by quadrature; Seoul likewise, receiving C when
  // Pyongyang shuts: W_S = u_S + h (C + r P_S) + (1 - h) r W_S, P_S = b_S + r (q W_S + (1 - q)
  // P_S).
  const auto [mean, drill_mean, share, penalty_max, r, q] =
      GENERATE(table<double, double, double, double, double, double>({
          {40, 120, 0.15, 300, 0.9, 0.1},
          {100, 500, 0.2, 300, 0.9, 0.5},
          {10, 50, 0.3, 100, 0.8, 1.0},
          {40, 40, 0.0, 0, 0.9, 0.0},
      }));
  CAPTURE(mean, drill_mean, share, penalty_max, r, q);
  Parameters p =
      DurabilityCase(TemptationKind::kExponential, mean, drill_mean, share, penalty_max, r);
  p.durability.reopen_prob = q;
  const double u_s = 120.0, u_p = 70.0, g = 0.6, c = g * penalty_max;
  const double b_s = p.seoul.breakdown_payoff, b_p = p.pyongyang.breakdown_payoff;
  const DurabilityOutcome d = DurabilityModel(p).Evaluate(u_s, u_p, g);
  REQUIRE(d.status == SolveStatus::kSuccess);
  double w = u_p / (1 - r), closed = b_p / (1 - r);
  for (int it = 0; it < 20000; ++it) {
    const double tau = c + r * (w - closed);
    const double next_w = u_p + r * w + ExcessByQuadrature(tau, mean, drill_mean, share);
    const double next_closed = b_p + r * (q * w + (1 - q) * closed);
    const bool done = std::abs(next_w - w) + std::abs(next_closed - closed) < 1e-11;
    w = next_w;
    closed = next_closed;
    if (done) break;
  }
  const double tau = c + r * (w - closed);
  const double h = (1 - share) * std::exp(-tau / mean) + share * std::exp(-tau / drill_mean);
  CHECK(d.value_pyongyang == Approx((1 - r) * w).epsilon(1e-7));
  CHECK(d.threshold_pyongyang == Approx(tau).epsilon(1e-7));
  CHECK(d.hazard == Approx(h).epsilon(1e-6));
  double w_s = u_s / (1 - r), closed_s = b_s / (1 - r);
  for (int it = 0; it < 20000; ++it) {
    const double next_w = u_s + h * (c + r * closed_s) + (1 - h) * r * w_s;
    const double next_closed = b_s + r * (q * w_s + (1 - q) * closed_s);
    const bool done = std::abs(next_w - w_s) + std::abs(next_closed - closed_s) < 1e-11;
    w_s = next_w;
    closed_s = next_closed;
    if (done) break;
  }
  CHECK(d.value_seoul == Approx((1 - r) * w_s).epsilon(1e-7));
}

TEST_CASE("Reopening makes a shutdown cheaper: the hazard rises with the reopening probability",
          "[durability][reopen][monotonicity]") {
  const bool seoul_too = GENERATE(false, true);
  Parameters p = DurabilityCase(TemptationKind::kExponential, 100, 500, 0.2, 300, 0.9);
  if (seoul_too) {
    p.durability.seoul_may_shut = true;
    p.seoul.temptation = Temptation{TemptationKind::kExponential, 60, 200};
  }
  double previous = -1.0;
  for (const double q : {0.0, 0.05, 0.1, 0.3, 0.6, 1.0}) {
    p.durability.reopen_prob = q;
    const DurabilityOutcome d = DurabilityModel(p).Evaluate(150.0, 80.0, 0.5);
    CAPTURE(seoul_too, q);
    REQUIRE(d.status == SolveStatus::kSuccess);
    CHECK(d.hazard > previous);
    previous = d.hazard;
  }
}

TEST_CASE("Two-sided durability with reopening is a consistent fixed point",
          "[durability][reopen]") {
  // As without reopening, with the closed state's normalised value p_i = ((1 - r) b_i +
  // r q v_i) / (1 - r + r q) in place of b_i (durability.h).
  const auto [mean_s, mean_p, q] =
      GENERATE(table<double, double, double>({{30, 40, 0.1}, {80, 20, 0.5}, {50, 50, 1.0}}));
  const double penalty_max = 100, r = 0.9;
  Parameters p = DurabilityCase(TemptationKind::kExponential, mean_p, mean_p, 0.0, penalty_max, r);
  p.durability.seoul_may_shut = true;
  p.durability.reopen_prob = q;
  p.seoul.temptation = Temptation{TemptationKind::kExponential, mean_s, mean_s};
  const double g = 0.4, c = g * penalty_max;
  const DurabilityOutcome d = DurabilityModel(p).Evaluate(120, 60, g);
  CAPTURE(mean_s, mean_p, q, d.hazard_seoul, d.hazard_pyongyang);
  REQUIRE(d.status == SolveStatus::kSuccess);
  const double den = 1 - r + r * q;
  const double p_s = ((1 - r) * p.seoul.breakdown_payoff + r * q * d.value_seoul) / den;
  const double p_p = ((1 - r) * p.pyongyang.breakdown_payoff + r * q * d.value_pyongyang) / den;
  CHECK(d.threshold_seoul ==
        Approx(c + r * (1 - d.hazard_pyongyang) / (1 - r) * (d.value_seoul - p_s)).epsilon(1e-7));
  CHECK(d.threshold_pyongyang ==
        Approx(c + r * (1 - d.hazard_seoul) / (1 - r) * (d.value_pyongyang - p_p)).epsilon(1e-7));
  CHECK(d.hazard_seoul == Approx(std::exp(-d.threshold_seoul / mean_s)).epsilon(1e-7));
  CHECK(d.hazard_pyongyang == Approx(std::exp(-d.threshold_pyongyang / mean_p)).epsilon(1e-7));
}

TEST_CASE("Two-sided durability is a consistent fixed point", "[durability]") {
  const auto [mean_s, mean_p, penalty_max, r] = GENERATE(table<double, double, double, double>(
      {{30, 40, 100, 0.9}, {80, 20, 0, 0.85}, {50, 50, 300, 0.95}}));
  Parameters p = DurabilityCase(TemptationKind::kExponential, mean_p, mean_p, 0.0, penalty_max, r);
  p.durability.seoul_may_shut = true;
  p.seoul.temptation = Temptation{TemptationKind::kExponential, mean_s, mean_s};
  const double g = 0.4, c = g * penalty_max, u_s = 120, u_p = 60;
  const DurabilityOutcome d = DurabilityModel(p).Evaluate(u_s, u_p, g);
  CAPTURE(mean_s, mean_p, penalty_max, r, d.hazard_seoul, d.hazard_pyongyang, d.residual);
  REQUIRE(d.status == SolveStatus::kSuccess);
  // Each side's threshold against the other's hazard, and its hazard from its threshold.
  const double b_s = p.seoul.breakdown_payoff, b_p = p.pyongyang.breakdown_payoff;
  CHECK(d.threshold_seoul ==
        Approx(c + r * (1 - d.hazard_pyongyang) / (1 - r) * (d.value_seoul - b_s)).epsilon(1e-8));
  CHECK(d.threshold_pyongyang ==
        Approx(c + r * (1 - d.hazard_seoul) / (1 - r) * (d.value_pyongyang - b_p)).epsilon(1e-8));
  CHECK(d.hazard_seoul == Approx(std::exp(-d.threshold_seoul / mean_s)).epsilon(1e-8));
  CHECK(d.hazard_pyongyang == Approx(std::exp(-d.threshold_pyongyang / mean_p)).epsilon(1e-8));
  CHECK(d.hazard == Approx(1 - (1 - d.hazard_seoul) * (1 - d.hazard_pyongyang)));
}

TEST_CASE("Two-sided fixed temptations: the cooperative equilibrium when it exists, else both shut",
          "[durability]") {
  // Each side's no-shut threshold when the other never shuts is C + r/(1 - r)(u - b); when the
  // other shuts for sure it is C. Between the two, (0, 0) and (1, 1) are both equilibria and the
  // solver selects the lowest Seoul hazard.
  const double r = 0.8, penalty = 20.0, u = 60.0;
  const double cooperative_limit = penalty + r / (1 - r) * (u - 0.0);  // b = 0 for both
  const double temptation = GENERATE(10.0, 100.0, 250.0, 400.0);
  CAPTURE(temptation, cooperative_limit);
  Parameters p = DurabilityCase(TemptationKind::kFixed, temptation, temptation, 0.0, penalty, r);
  p.durability.seoul_may_shut = true;
  p.seoul.temptation = Temptation{TemptationKind::kFixed, temptation, temptation};
  p.seoul.breakdown_payoff = p.pyongyang.breakdown_payoff = 0.0;
  const DurabilityOutcome d = DurabilityModel(p).Evaluate(u, u, 1.0);
  REQUIRE(d.status == SolveStatus::kSuccess);
  const double expected = temptation <= cooperative_limit ? 0.0 : 1.0;
  CHECK(d.hazard_seoul == expected);
  CHECK(d.hazard_pyongyang == expected);
}

TEST_CASE("A larger penalty C(g) lowers the shutdown hazard", "[durability][monotonicity]") {
  const auto [mean, drill_mean, share, r] = GENERATE(table<double, double, double, double>(
      {{40, 120, 0.15, 0.9}, {10, 10, 0.0, 0.5}, {200, 400, 0.5, 0.97}}));
  const bool seoul_too = GENERATE(false, true);
  CAPTURE(mean, drill_mean, share, r, seoul_too);
  Parameters p = DurabilityCase(TemptationKind::kExponential, mean, drill_mean, share, 300, r);
  if (seoul_too) {
    p.durability.seoul_may_shut = true;
    p.seoul.temptation = Temptation{TemptationKind::kExponential, mean, drill_mean};
  }
  const DurabilityModel model(p);
  double previous = 2.0;
  for (int k = 0; k <= 10; ++k) {
    const DurabilityOutcome d = model.Evaluate(150.0, 80.0, 0.1 * k);
    REQUIRE(d.status == SolveStatus::kSuccess);
    CHECK(d.hazard < previous);
    previous = d.hazard;
  }
}

}  // namespace
}  // namespace kaesong::model
