// Axiomatic benchmarks (axiomatic.h): the Nash (1950) solution, its asymmetric form (Kalai 1977)
// and Kalai & Smorodinsky (1975) on a linear frontier, a kinked one and a curved one (durability
// on), each against answers derived here; and Binmore, Rubinstein & Wolinsky (1986): as the
// breakdown risk goes to 0 the alternating-offers equilibrium tends to the Nash solution.
#include "models/kaesong/axiomatic.h"
#include "models/kaesong/deal_value.h"
#include "models/kaesong/spe.h"
#include "tests/models/kaesong_fixtures.h"

#include <catch2/catch.hpp>

#include <cmath>

namespace kaesong::model {
namespace {

using testing::LimitCase;

TEST_CASE("Nash and Kalai-Smorodinsky on a linear frontier (one pie)", "[axiomatic]") {
  const auto [b_s, b_p, alpha] = GENERATE(table<double, double, double>({
      {0.0, 0.0, 0.5}, {0.2, 0.1, 0.5}, {0.2, 0.1, 0.3}, {0.0, 0.4, 0.8}}));
  Parameters p = LimitCase(0.9, 0.9, Proposer::kSeoul, std::nullopt);
  p.seoul.breakdown_payoff = b_s;
  p.pyongyang.breakdown_payoff = b_p;
  p.solution.nash_weight = alpha;
  const AxiomaticSolutions a = ComputeAxiomaticSolutions(p);
  REQUIRE(a.nash.exists);
  REQUIRE(a.kalai_smorodinsky.exists);
  const double surplus = 1 - b_s - b_p;
  CAPTURE(b_s, b_p, alpha);
  // Pyongyang's share m: its breakdown payoff plus its weight's share of the surplus; KS splits
  // the gains in proportion to the ideal gains, which are equal here.
  CHECK(a.nash.deal.m == Approx(b_p + (1 - alpha) * surplus).margin(1e-9));
  CHECK(a.kalai_smorodinsky.deal.m == Approx(b_p + 0.5 * surplus).margin(1e-9));
}

TEST_CASE("Nash and Kalai-Smorodinsky on a kinked frontier", "[axiomatic]") {
  // u_S = 1 - m + 0.5 g, u_P = m - 0.1 g, m in [0, 0.5], g in [0, 1], b = (0, 0). The frontier
  // is u_S = 1.4 - u_P (g = 1) for u_P <= 0.4 and u_S = 3 - 5 u_P (m = 0.5, g falling) for u_P
  // in [0.4, 0.5]. Nash: both pieces' unconstrained optima (u_P = 0.7 and 0.3) lie across the
  // kink, so the solution is the kink, m = 0.5, g = 1. KS: ideals 1.4 and 0.5, the line
  // u_S = 2.8 u_P meets the first piece at u_P = 1.4 / 3.8, so m = u_P + 0.1, g = 1.
  Parameters p = LimitCase(0.9, 0.9, Proposer::kSeoul, std::nullopt);
  p.deal.m = DealDimension{0.0, 0.5, 11, std::nullopt};
  p.deal.g = DealDimension{0.0, 1.0, 11, std::nullopt};
  p.seoul.guarantee_weight = 0.5;
  p.pyongyang.guarantee_weight = 0.1;
  const AxiomaticSolutions a = ComputeAxiomaticSolutions(p);
  REQUIRE(a.nash.exists);
  CHECK(a.nash.deal.m == Approx(0.5).margin(1e-7));
  CHECK(a.nash.deal.g == Approx(1.0).margin(1e-7));
  CHECK(a.kalai_smorodinsky.deal.m == Approx(1.4 / 3.8 + 0.1).margin(1e-8));
  CHECK(a.kalai_smorodinsky.deal.g == Approx(1.0).margin(1e-8));
}

TEST_CASE("Nash on a curved frontier (durability on) against a brute-force search", "[axiomatic]") {
  Parameters p = testing::Kaesong2013Like(true);
  p.deal.beta.fixed = 0.0;
  const double alpha = GENERATE(0.5, 0.3);
  p.solution.nash_weight = alpha;
  const AxiomaticSolutions a = ComputeAxiomaticSolutions(p);
  REQUIRE(a.nash.exists);
  const double b_s = p.seoul.breakdown_payoff, b_p = p.pyongyang.breakdown_payoff;
  const auto product = [&](const DealValue& v) {
    if (v.seoul <= b_s || v.pyongyang <= b_p) return -HUGE_VAL;
    return alpha * std::log(v.seoul - b_s) + (1 - alpha) * std::log(v.pyongyang - b_p);
  };
  // Every deal of a fine grid, valued directly.
  const DealValuation valuation(p);
  double best = -HUGE_VAL;
  for (int i = 0; i <= 400; ++i) {
    for (int j = 0; j <= 40; ++j) {
      const Deal x{p.deal.m.max * i / 400.0, j / 40.0, 0.0};
      best = std::max(best, product(valuation.Evaluate(x)));
    }
  }
  const double found = product(a.nash.value);
  CAPTURE(alpha, found, best, a.nash.deal.m, a.nash.deal.g);
  CHECK(found >= best - 1e-9);        // at least as good as every grid deal
  CHECK(found <= best + 1e-3);        // and no better than the grid's resolution allows
  CHECK(a.kalai_smorodinsky.exists);
}

TEST_CASE("BRW: as the breakdown risk vanishes the SPE tends to the Nash solution",
          "[axiomatic][limits]") {
  const auto [b_s, b_p] = GENERATE(table<double, double>({{0.2, 0.1}, {0.0, 0.3}}));
  double previous_gap = HUGE_VAL;
  for (const double risk : {0.1, 0.01, 1e-3, 1e-4}) {
    Parameters p = LimitCase(1.0, 1.0, Proposer::kSeoul, std::nullopt);
    p.protocol.breakdown = risk;
    p.seoul.breakdown_payoff = b_s;
    p.pyongyang.breakdown_payoff = b_p;
    const NegotiationSolution s = SolveSpe(p);
    REQUIRE(s.ok());
    const AxiomaticSolutions a = ComputeAxiomaticSolutions(p);
    const double gap = std::abs(s.Round(1).proposal[0].offer.m - a.nash.deal.m);
    CAPTURE(b_s, b_p, risk, gap);
    CHECK(gap < previous_gap);
    previous_gap = gap;
  }
  CHECK(previous_gap < 1e-4);
}

}  // namespace
}  // namespace kaesong::model
