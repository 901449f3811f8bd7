// The critical face cost A_P* at beta = 1: the bisection on the SPE's existence test against the
// closed form for linear values, and the existence test on either side of A_P* with durability on.
#include "models/kaesong/critical_face_cost.h"
#include "models/kaesong/spe.h"
#include "tests/models/kaesong_fixtures.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace kaesong::model {
namespace {

// Closed form for linear values, beta = 1, no outside options, constant breakdown probability p.
// Without any deal each side's value of waiting follows a_i(T) = b_i (finite horizon) or is
// stationary, a_i = [p b_i + (1 - p)(1 - delta_i) d_i] / (1 - (1 - p) delta_i), and
// a_i(t) = p b_i + (1 - p)[(1 - delta_i) d_i + delta_i a_i(t + 1)]. In round t a deal exists iff
// some (m, g) in the box has V_S = pi - m + k_S g + A_S >= a_S and V_P = m - k_P g - A_P >= a_P,
// i.e. (when pi + k_S g + A_S - a_S >= m_lo)
//   A_P <= min(pi + A_S + (k_S - k_P) g - a_S - a_P,  m_hi - k_P g - a_P).
// The right side is concave in g: its maximum over [g_lo, g_hi] is at an end or the crossing.
// By backward induction the SPE reaches a deal iff some round does, so A_P* = max over rounds.
double ClosedFormCriticalFaceCost(const Parameters& p) {
  const Side& s = p.seoul;
  const Side& y = p.pyongyang;
  const double pb = p.protocol.breakdown;
  std::vector<std::pair<double, double>> waiting;  // (a_S, a_P) per round
  if (p.protocol.rounds) {
    double a_s = s.breakdown_payoff, a_p = y.breakdown_payoff;
    waiting.emplace_back(a_s, a_p);
    for (int t = *p.protocol.rounds - 1; t >= 1; --t) {
      a_s = pb * s.breakdown_payoff + (1 - pb) * ((1 - s.discount) * s.impasse + s.discount * a_s);
      a_p = pb * y.breakdown_payoff + (1 - pb) * ((1 - y.discount) * y.impasse + y.discount * a_p);
      waiting.emplace_back(a_s, a_p);
    }
  } else {
    const auto stationary = [&](const Side& side) {
      return (pb * side.breakdown_payoff + (1 - pb) * (1 - side.discount) * side.impasse) /
             (1 - (1 - pb) * side.discount);
    };
    waiting.emplace_back(stationary(s), stationary(y));
  }
  const double g_lo = p.deal.g.Lo(), g_hi = p.deal.g.Hi(), m_lo = p.deal.m.Lo(), m_hi = p.deal.m.Hi();
  const double k_s = s.guarantee_weight, k_p = y.guarantee_weight, a_seoul = s.blame_weight;
  double best = -HUGE_VAL;
  for (const auto& [a_s, a_p] : waiting) {
    const auto line1 = [&](double g) { return s.pi + a_seoul + (k_s - k_p) * g - a_s - a_p; };
    const auto line2 = [&](double g) { return m_hi - k_p * g - a_p; };
    std::vector<double> candidates = {g_lo, g_hi};
    // line1 = line2 where (k_s - k_p) g + k_p g = m_hi - pi - A_S + a_s, i.e. k_s g = ...
    if (k_s != 0.0) {
      const double g_cross = (m_hi - s.pi - a_seoul + a_s) / k_s;
      if (g_cross > g_lo && g_cross < g_hi) candidates.push_back(g_cross);
    }
    for (const double g : candidates) {
      if (s.pi + k_s * g + a_seoul - a_s < m_lo) continue;  // Seoul would refuse any m
      best = std::max(best, std::min(line1(g), line2(g)));
    }
  }
  return best;
}

TEST_CASE("Critical face cost matches the closed form for linear values", "[critical_face_cost]") {
  const auto [rounds, breakdown, m_hi, k_s, k_p, a_s, impasse_s] =
      GENERATE(table<int, double, double, double, double, double, double>({
          {12, 0.05, 200, 60, 30, 40, -100},
          {3, 0.2, 200, 60, 30, 40, -100},
          {12, 0.05, 120, 60, 30, 40, -100},
          {-1, 0.1, 200, 60, 30, 40, -100},
          {-1, 0.02, 150, 10, 50, 0, -20},
          {6, 0.0, 300, 0, 0, 40, 0},
      }));
  CAPTURE(rounds, breakdown, m_hi, k_s, k_p, a_s, impasse_s);
  Parameters p = testing::Kaesong2013Like(false);
  p.calendar.drills.clear();
  p.protocol.rounds = rounds > 0 ? std::optional<int>(rounds) : std::nullopt;
  p.protocol.breakdown = breakdown;
  p.deal.m.max = m_hi;
  p.seoul.guarantee_weight = k_s;
  p.pyongyang.guarantee_weight = k_p;
  p.seoul.blame_weight = a_s;
  p.seoul.impasse = impasse_s;
  p.solution.tolerance = 1e-12;
  const CriticalFaceCost c = ComputeCriticalFaceCost(p);
  REQUIRE(c.status == SolveStatus::kSuccess);
  const double expected = ClosedFormCriticalFaceCost(p);
  CHECK(c.value == Approx(expected).margin(1e-6));
  CHECK(c.lower <= c.upper);
  CHECK(c.upper - c.lower <= 1e-9 * (1 + std::abs(expected)));
}

TEST_CASE("With durability, a deal exists just below A_P* and not just above",
          "[critical_face_cost][durability]") {
  Parameters p = testing::Kaesong2013Like(true);
  p.solution.tolerance = 1e-9;
  const CriticalFaceCost c = ComputeCriticalFaceCost(p);
  REQUIRE(c.status == SolveStatus::kSuccess);
  p.deal.beta.fixed = 1.0;
  p.pyongyang.blame_weight = c.lower - 1e-3;
  CHECK(DealExists(SolveSpe(p), 10000));
  p.pyongyang.blame_weight = c.upper + 1e-3;
  CHECK_FALSE(DealExists(SolveSpe(p), 10000));
}

TEST_CASE("Simultaneous drafts: A_P* is where the last draft acceptable to both disappears",
          "[critical_face_cost][simultaneous]") {
  // With beta = 1 and linear values the menu holds the grid deals both value above breakdown;
  // near A_P* only one is left, both sides table it and it is signed. So A_P* is the largest
  // A_P at which some grid deal (m, g) has pi - m + k_S g + A_S >= b_S and m - k_P g - A_P >= b_P
  // -- up to the hold-out tie convention (simultaneous.h), which has Pyongyang sign while its
  // gain is above -1e-5 of the round's payoff range (at most 470 + 60 + 40 = 570 here), so A_P*
  // may exceed it by 5.7e-3.
  Parameters p = testing::Kaesong2013Like(false);
  p.protocol.kind = ProtocolKind::kSimultaneous;
  p.seoul.breakdown_payoff = 330.0;  // binds: Seoul needs m - 60 g <= 180
  double expected = -HUGE_VAL;
  for (int i = 0; i < p.deal.m.grid; ++i) {
    for (int j = 0; j < p.deal.g.grid; ++j) {
      const double m = 200.0 * i / (p.deal.m.grid - 1), g = 1.0 * j / (p.deal.g.grid - 1);
      if (p.seoul.pi - m + p.seoul.guarantee_weight * g + p.seoul.blame_weight >=
          p.seoul.breakdown_payoff) {
        expected = std::max(expected, m - p.pyongyang.guarantee_weight * g -
                                          p.pyongyang.breakdown_payoff);
      }
    }
  }
  REQUIRE(expected == Approx(200.0 - 30.0 * 0.4));  // m = 200 needs g >= 1/3 on the grid
  const CriticalFaceCost c = ComputeCriticalFaceCost(p);
  INFO(c.message);
  REQUIRE(c.status == SolveStatus::kSuccess);
  CHECK(c.value >= expected - 1e-6);
  CHECK(c.value <= expected + 5.7e-3);
  p.deal.beta.fixed = 1.0;
  p.pyongyang.blame_weight = expected - 1.0;
  CHECK(DealExists(SolveNegotiation(p), 100));
  p.pyongyang.blame_weight = expected + 1.0;
  CHECK_FALSE(DealExists(SolveNegotiation(p), 100));
}

TEST_CASE("Critical face cost reports when no deal exists at any face cost",
          "[critical_face_cost]") {
  Parameters p = testing::Kaesong2013Like(false);
  p.seoul.pi = -1000.0;  // Seoul loses from any operating complex
  const CriticalFaceCost c = ComputeCriticalFaceCost(p);
  CHECK(c.status == SolveStatus::kInvalidInput);
  CHECK(c.message == "no deal exists at any face cost tried (A_P down to -1e12)");
}

}  // namespace
}  // namespace kaesong::model
