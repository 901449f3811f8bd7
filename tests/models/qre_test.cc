// Agent logit QRE (McKelvey & Palfrey 1998): a one-round game against its closed form, uniform
// play at lambda = 0, convergence to the SPE as lambda grows (finite and infinite horizon), delay
// with positive probability, and a larger face cost A_P lowering the chance of a deal when Seoul
// insists on beta = 1.
#include "models/kaesong/negotiation.h"
#include "models/kaesong/qre.h"
#include "models/kaesong/spe.h"
#include "tests/models/kaesong_fixtures.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

namespace kaesong::model {
namespace {

using testing::LimitCase;

TEST_CASE("QRE of a one-round ultimatum game matches its closed form", "[qre]") {
  const double lambda = GENERATE(0.5, 3.0, 20.0, 150.0);
  const double b_s = 0.1, b_p = 0.2;
  Parameters p = LimitCase(0.9, 0.9, Proposer::kSeoul, 1, 5);  // m in {0, .25, .5, .75, 1}
  p.solution.solution_concept = SolutionConcept::kQre;
  p.solution.lambda = lambda;
  p.seoul.breakdown_payoff = b_s;
  p.pyongyang.breakdown_payoff = b_p;
  const NegotiationSolution s = SolveQre(p);
  REQUIRE(s.ok());
  // Pyongyang accepts m with probability 1 / (1 + exp(lambda (b_P - m))); Seoul's expected
  // value of offering m is a (1 - m) + (1 - a) b_S, and it offers m with logit probabilities.
  // A sixth choice, tabling no acceptable draft, is a sure rejection: values (b_S, b_P).
  double z = 0.0, u_s = 0.0, u_p = 0.0, accept = 0.0;
  std::vector<double> weight, e_s, e_p, a;
  for (int k = 0; k < 5; ++k) {
    const double m = 0.25 * k;
    a.push_back(1.0 / (1.0 + std::exp(lambda * (b_p - m))));
    e_s.push_back(a[k] * (1 - m) + (1 - a[k]) * b_s);
    e_p.push_back(a[k] * m + (1 - a[k]) * b_p);
    weight.push_back(std::exp(lambda * e_s[k]));
    z += weight[k];
  }
  a.push_back(0.0);
  e_s.push_back(b_s);
  e_p.push_back(b_p);
  weight.push_back(std::exp(lambda * b_s));
  z += weight[5];
  for (int k = 0; k < 6; ++k) {
    u_s += weight[k] / z * e_s[k];
    u_p += weight[k] / z * e_p[k];
    accept += weight[k] / z * a[k];
  }
  CAPTURE(lambda);
  CHECK(s.value_seoul() == Approx(u_s).margin(1e-12));
  CHECK(s.value_pyongyang() == Approx(u_p).margin(1e-12));
  CHECK(s.Round(1).proposal[0].accept_prob == Approx(accept).margin(1e-12));
  CHECK(s.Round(1).proposal[0].offer_cdf[5] == 1.0);
  CHECK(s.Round(1).proposal[0].no_draft_prob == Approx(weight[5] / z).margin(1e-12));
}

TEST_CASE("QRE at lambda = 0 plays uniformly", "[qre]") {
  Parameters p = LimitCase(0.9, 0.9, Proposer::kPyongyang, 3, 11);
  p.solution.solution_concept = SolutionConcept::kQre;
  p.solution.lambda = 0.0;
  const NegotiationSolution s = SolveQre(p);
  REQUIRE(s.ok());
  const Proposal& first = s.Round(1).proposal[1];
  // Twelve choices (eleven drafts and no acceptable draft), each with probability 1/12; each
  // draft is accepted with probability 1/2 (accept or reject), the non-draft never.
  for (int k = 0; k < 12; ++k) CHECK(first.offer_cdf[k] == Approx((k + 1) / 12.0));
  CHECK(first.accept_prob == Approx(0.5 * 11.0 / 12.0));
  CHECK(first.no_draft_prob == Approx(1.0 / 12.0));
  CHECK(first.offer.m == Approx(0.5));
}

// max over rounds and sides of |QRE value - SPE value|.
double ValueGap(const NegotiationSolution& qre, const NegotiationSolution& spe, int rounds) {
  double gap = 0.0;
  for (int t = 1; t <= rounds; ++t) {
    gap = std::max(gap, std::abs(qre.Round(t).value_seoul - spe.Round(t).value_seoul));
    gap = std::max(gap, std::abs(qre.Round(t).value_pyongyang - spe.Round(t).value_pyongyang));
  }
  return gap;
}

TEST_CASE("QRE converges to the SPE as lambda grows", "[qre][spe]") {
  const int grid = 101;
  const double spacing = 1.0 / (grid - 1);
  const auto [d_s, d_p, rounds] = GENERATE(table<double, double, int>({
      {0.9, 0.8, 4}, {0.6, 0.95, 7}, {0.9, 0.8, -1}, {0.7, 0.7, -1}}));
  const std::optional<int> horizon = rounds > 0 ? std::optional<int>(rounds) : std::nullopt;
  const int checked_rounds = rounds > 0 ? rounds : 4;
  CAPTURE(d_s, d_p, rounds);
  Parameters p = LimitCase(d_s, d_p, Proposer::kSeoul, horizon, grid);
  const NegotiationSolution spe = SolveSpe(p);
  REQUIRE(spe.ok());
  p.solution.solution_concept = SolutionConcept::kQre;
  std::vector<double> gaps;
  double gap = HUGE_VAL, offer_gap = HUGE_VAL;
  for (const double lambda : {10.0, 100.0, 1e3, 1e4, 1e5, 1e6}) {
    p.solution.lambda = lambda;
    const NegotiationSolution qre = SolveQre(p);
    REQUIRE(qre.ok());
    gap = ValueGap(qre, spe, checked_rounds);
    offer_gap = std::abs(qre.Round(1).proposal[0].offer.m - spe.Round(1).proposal[0].offer.m);
    CAPTURE(lambda, gap, offer_gap);
    // The gap shrinks until the QRE sits on the grid game's SPE, then stays there.
    if (!gaps.empty()) CHECK(gap <= gaps.back() + 1e-12);
    gaps.push_back(gap);
  }
  CHECK(gaps[2] < 0.5 * gaps[0]);
  // At large lambda the QRE is the SPE of the grid game: within a grid step of the continuous SPE
  // in each of the remaining rounds (a step lost per round at most).
  CHECK(gap <= checked_rounds * spacing);
  CHECK(offer_gap <= 1.0 * spacing + 1e-9);
}

TEST_CASE("QRE produces delay with positive probability", "[qre]") {
  Parameters p = testing::Kaesong2013Like(true);
  p.solution.solution_concept = SolutionConcept::kQre;
  const NegotiationSolution s = SolveQre(p);
  REQUIRE(s.ok());
  const OutcomeDistribution d = ComputeOutcomes(s, 10000);
  CHECK(s.Round(1).proposal[0].accept_prob < 1.0);
  CHECK(s.Round(1).proposal[0].accept_prob > 0.0);
  CHECK(d.mean_agreement_round > 1.0);
  CHECK(d.agree + d.breakdown + d.opt_out + d.unresolved == Approx(1.0).margin(1e-12));
}

TEST_CASE("A larger face cost A_P lowers the chance of a deal when beta is fixed at 1",
          "[qre][monotonicity]") {
  const bool durability = GENERATE(false, true);
  const bool infinite = GENERATE(false, true);
  CAPTURE(durability, infinite);
  Parameters p = testing::Kaesong2013Like(durability);
  p.solution.solution_concept = SolutionConcept::kQre;
  p.deal.beta.fixed = 1.0;
  if (infinite) p.protocol.rounds.reset();
  double previous = 2.0;
  for (const double face_cost : {0.0, 40.0, 80.0, 120.0, 160.0, 200.0, 240.0}) {
    p.pyongyang.blame_weight = face_cost;
    const NegotiationSolution s = SolveQre(p);
    REQUIRE(s.ok());
    const double agree = ComputeOutcomes(s, 10000).agree;
    CAPTURE(face_cost, agree);
    CHECK(agree < previous);
    previous = agree;
  }
}

}  // namespace
}  // namespace kaesong::model
