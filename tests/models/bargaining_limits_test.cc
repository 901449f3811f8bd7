// The closed-form limit cases over tables of parameters: Rubinstein (1982), Stahl
// (1972) finite horizon, Binmore-Rubinstein-Wolinsky (1986) breakdown risk and its Nash limit, the
// outside option principle (Binmore, Shaked & Sutton 1989), and a random proposer. Pie 1 =
// seoul.pi, only m live: Pyongyang's share is m, Seoul's 1 - m. Expected values come from the
// closed forms written out here.
#include "models/kaesong/negotiation.h"
#include "models/kaesong/spe.h"
#include "tests/models/kaesong_fixtures.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <tuple>

namespace kaesong::model {
namespace {

using testing::LimitCase;
constexpr double kExact = 1e-9;

const Proposal& FirstProposal(const NegotiationSolution& s) {
  const RoundPlan& r = s.Round(1);
  return r.proposal[0].probability > 0.0 ? r.proposal[0] : r.proposal[1];
}

TEST_CASE("Rubinstein: the first proposer keeps (1 - d_j) / (1 - d_i d_j)", "[limits][spe]") {
  const auto [d_s, d_p] = GENERATE(table<double, double>(
      {{0.9, 0.8}, {0.8, 0.9}, {0.5, 0.5}, {0.95, 0.6}, {0.99, 0.99}, {0.3, 0.97}, {0.0, 0.7}}));
  const Proposer first = GENERATE(Proposer::kSeoul, Proposer::kPyongyang);
  CAPTURE(d_s, d_p, first == Proposer::kSeoul);
  const NegotiationSolution s = SolveSpe(LimitCase(d_s, d_p, first, std::nullopt));
  REQUIRE(s.ok());
  const double seoul_first_share = (1 - d_p) / (1 - d_s * d_p);
  const double pyongyang_first_share = (1 - d_s) / (1 - d_s * d_p);
  const double m = first == Proposer::kSeoul ? 1 - seoul_first_share : pyongyang_first_share;
  CHECK(FirstProposal(s).accept_prob == 1.0);
  CHECK(FirstProposal(s).offer.m == Approx(m).margin(kExact));
  CHECK(s.value_pyongyang() == Approx(m).margin(kExact));
  CHECK(s.value_seoul() == Approx(1 - m).margin(kExact));
  CHECK(s.residual <= 1e-9);
}

TEST_CASE("Rubinstein worked example: d = 0.9, 0.8 gives 0.7143", "[limits][spe]") {
  const NegotiationSolution s = SolveSpe(LimitCase(0.9, 0.8, Proposer::kSeoul, std::nullopt));
  CHECK(s.value_seoul() == Approx(0.2 / 0.28).margin(kExact));
  CHECK(std::round(s.value_seoul() * 1e4) / 1e4 == 0.7143);
}

TEST_CASE("Stahl: finite horizon x_T = 1 - d_j x_{T-1}, x_1 = 1", "[limits][spe]") {
  const int rounds = GENERATE(range(1, 11));
  const auto [d_s, d_p] = GENERATE(table<double, double>({{0.9, 0.8}, {0.6, 0.95}, {1.0, 1.0}}));
  const Proposer first = GENERATE(Proposer::kSeoul, Proposer::kPyongyang);
  CAPTURE(rounds, d_s, d_p, first == Proposer::kSeoul);
  const NegotiationSolution s = SolveSpe(LimitCase(d_s, d_p, first, rounds));
  REQUIRE(s.ok());
  // share[k]: the proposer's share with k rounds left; its responder is the other side.
  double share = 1.0;  // k = 1
  for (int k = 2; k <= rounds; ++k) {
    const int t = rounds - k + 1;  // the round with k rounds left
    const bool seoul_proposes = (t % 2 == 1) == (first == Proposer::kSeoul);
    const double responder_discount = seoul_proposes ? d_p : d_s;
    share = 1 - responder_discount * share;
  }
  const double seoul = first == Proposer::kSeoul ? share : 1 - share;
  CHECK(s.value_seoul() == Approx(seoul).margin(kExact));
  CHECK(s.value_pyongyang() == Approx(1 - seoul).margin(kExact));
  CHECK(FirstProposal(s).offer.m == Approx(1 - seoul).margin(kExact));
}

// x: the first proposer's (player 1's) share, q_i = (1 - p) d_i.
double BrwShare(double p, double d1, double d2, double b1, double b2) {
  const double q1 = (1 - p) * d1, q2 = (1 - p) * d2;
  return (1 - p * b2 - q2 + q2 * p * b1) / (1 - q1 * q2);
}

TEST_CASE("Binmore-Rubinstein-Wolinsky: breakdown risk p with breakdown payoffs b",
          "[limits][spe]") {
  const auto [p, d_s, d_p, b_s, b_p] = GENERATE(table<double, double, double, double, double>({
      {0.1, 0.9, 0.8, 0.2, 0.1},
      {0.3, 0.95, 0.95, 0.0, 0.4},
      {0.05, 1.0, 1.0, 0.3, 0.2},
      {0.5, 0.7, 0.9, 0.1, 0.1},
      {1.0, 0.9, 0.9, 0.25, 0.35},
  }));
  const Proposer first = GENERATE(Proposer::kSeoul, Proposer::kPyongyang);
  CAPTURE(p, d_s, d_p, b_s, b_p, first == Proposer::kSeoul);
  Parameters params = LimitCase(d_s, d_p, first, std::nullopt);
  params.protocol.breakdown = p;
  params.seoul.breakdown_payoff = b_s;
  params.pyongyang.breakdown_payoff = b_p;
  const NegotiationSolution s = SolveSpe(params);
  REQUIRE(s.ok());
  const double seoul = first == Proposer::kSeoul ? BrwShare(p, d_s, d_p, b_s, b_p)
                                                 : 1 - BrwShare(p, d_p, d_s, b_p, b_s);
  CHECK(s.value_seoul() == Approx(seoul).margin(kExact));
  CHECK(s.value_pyongyang() == Approx(1 - seoul).margin(kExact));
}

TEST_CASE("BRW with d = 1 converges to the Nash bargaining solution as p -> 0", "[limits][spe]") {
  const auto [b_s, b_p] = GENERATE(table<double, double>({{0.0, 0.0}, {0.3, 0.1}, {0.1, 0.5}}));
  const double nash_seoul = (1 + b_s - b_p) / 2;
  double previous_gap = HUGE_VAL;
  for (const double p : {0.5, 0.1, 1e-2, 1e-3, 1e-4, 1e-5}) {
    CAPTURE(b_s, b_p, p);
    Parameters params = LimitCase(1.0, 1.0, Proposer::kSeoul, std::nullopt);
    params.protocol.breakdown = p;
    params.seoul.breakdown_payoff = b_s;
    params.pyongyang.breakdown_payoff = b_p;
    const NegotiationSolution s = SolveSpe(params);
    REQUIRE(s.ok());
    CHECK(s.value_seoul() == Approx(BrwShare(p, 1, 1, b_s, b_p)).margin(kExact));
    const double gap = std::abs(s.value_seoul() - nash_seoul);
    CHECK(gap < previous_gap);
    CHECK(gap <= p);  // |x(p) - NBS| = p |1 - b1 - b2| / (2 (2 - p)) <= p
    previous_gap = gap;
  }
  CHECK(previous_gap <= 1e-5);
}

TEST_CASE("Outside option principle: the responder gets max(w, its Rubinstein share)",
          "[limits][spe]") {
  const auto [d_s, d_p] = GENERATE(table<double, double>({{0.9, 0.8}, {0.7, 0.95}, {0.9, 0.9}}));
  const Proposer first = GENERATE(Proposer::kSeoul, Proposer::kPyongyang);
  const double factor = GENERATE(0.0, 0.5, 0.99, 1.01, 1.5);
  const bool seoul_first = first == Proposer::kSeoul;
  const double d_i = seoul_first ? d_s : d_p, d_j = seoul_first ? d_p : d_s;
  const double responder_share = d_j * (1 - d_i) / (1 - d_i * d_j);
  const double w = factor * responder_share;
  CAPTURE(d_s, d_p, seoul_first, w, responder_share);
  Parameters params = LimitCase(d_s, d_p, first, std::nullopt);
  (seoul_first ? params.pyongyang : params.seoul).outside_option = w;
  const NegotiationSolution s = SolveSpe(params);
  REQUIRE(s.ok());
  const double expected = std::max(w, responder_share);
  const double got = seoul_first ? s.value_pyongyang() : s.value_seoul();
  CHECK(got == Approx(expected).margin(kExact));
  // Agreement at once while w fits in the pie; beyond it the responder takes its option.
  CHECK(FirstProposal(s).accept_prob == (w <= 1.0 ? 1.0 : 0.0));
  CHECK(FirstProposal(s).opt_out_prob == (w <= 1.0 ? 0.0 : 1.0));
}

TEST_CASE("Random proposer: stationary values solve the two-state linear system", "[limits][spe]") {
  // Seoul proposes with probability q. Seoul proposing leaves Pyongyang its value of waiting
  // R_P = p b_P + (1 - p) d_P U_P; Pyongyang proposing leaves Seoul R_S. Hence
  //   U_S = q (1 - R_P) + (1 - q) R_S,   U_P = q R_P + (1 - q) (1 - R_S),
  // and without breakdown U_P = (1 - q)(1 - d_S) / (1 - q d_P - (1 - q) d_S).
  const auto [q, d_s, d_p, p, b_s, b_p] =
      GENERATE(table<double, double, double, double, double, double>({
          {0.5, 0.9, 0.9, 0.0, 0.0, 0.0},
          {0.3, 0.9, 0.8, 0.0, 0.0, 0.0},
          {0.8, 0.6, 0.95, 0.0, 0.0, 0.0},
          {0.5, 0.9, 0.8, 0.2, 0.3, 0.1},
          {0.25, 1.0, 0.9, 0.1, 0.0, 0.4},
      }));
  CAPTURE(q, d_s, d_p, p, b_s, b_p);
  Parameters params = LimitCase(d_s, d_p, Proposer::kSeoul, std::nullopt);
  params.protocol.order = ProposerOrder::kRandom;
  params.protocol.seoul_proposes_prob = q;
  params.protocol.breakdown = p;
  params.seoul.breakdown_payoff = b_s;
  params.pyongyang.breakdown_payoff = b_p;
  const NegotiationSolution s = SolveSpe(params);
  REQUIRE(s.ok());
  // Linear system in (U_S, U_P), with c_i = (1 - p) d_i:
  //   U_S + q c_P U_P - (1 - q) c_S U_S = q (1 - p b_P) + (1 - q) p b_S
  //   U_P - q c_P U_P + (1 - q) c_S U_S = q p b_P + (1 - q)(1 - p b_S)
  const double c_s = (1 - p) * d_s, c_p = (1 - p) * d_p;
  const double a11 = 1 - (1 - q) * c_s, a12 = q * c_p, r1 = q * (1 - p * b_p) + (1 - q) * p * b_s;
  const double a21 = (1 - q) * c_s, a22 = 1 - q * c_p, r2 = q * p * b_p + (1 - q) * (1 - p * b_s);
  const double det = a11 * a22 - a12 * a21;
  const double u_s = (r1 * a22 - a12 * r2) / det, u_p = (a11 * r2 - a21 * r1) / det;
  CHECK(s.value_seoul() == Approx(u_s).margin(kExact));
  CHECK(s.value_pyongyang() == Approx(u_p).margin(kExact));
  if (p == 0.0) {
    CHECK(u_p == Approx((1 - q) * (1 - d_s) / (1 - q * d_p - (1 - q) * d_s)).margin(1e-12));
  }
  const RoundPlan& r1_plan = s.Round(1);
  CHECK(r1_plan.proposal[0].offer.m == Approx(p * b_p + c_p * u_p).margin(kExact));
  CHECK(r1_plan.proposal[1].offer.m == Approx(1 - p * b_s - c_s * u_s).margin(kExact));
}

}  // namespace
}  // namespace kaesong::model
