// Agent logit QRE (McKelvey & Palfrey 1998): a one-round game against its closed form, uniform
// play at lambda = 0, convergence to the SPE as lambda grows (finite and infinite horizon), delay
// with positive probability, and a larger face cost A_P lowering the chance of a deal when Seoul
// insists on beta = 1.
#include "models/kaesong/negotiation.h"
#include "models/kaesong/qre.h"
#include "models/kaesong/spe.h"
#include "tests/models/kaesong_fixtures.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace kaesong::model {
namespace {

using testing::LimitCase;

// The one-round ultimatum game with continuous offers, from the definition of the QRE: Pyongyang
// accepts m with probability a(m) = 1 / (1 + exp(lambda (b_P - m))); Seoul's expected value of
// offering m is E(m) = a (1 - m) + (1 - a) b_S; its offers have density proportional to
// exp(lambda E(m)) on [0, 1] (the uniform reference measure), and tabling no acceptable draft
// (values (b_S, b_P)) has weight exp(lambda b_S). Integrated here by composite Simpson on
// 200,000 intervals, independently of the model's offer quadrature.
struct UltimatumQre {
  double value_seoul = 0.0, value_pyongyang = 0.0, accept = 0.0, no_draft = 0.0, mean_m = 0.0;
};
UltimatumQre UltimatumByQuadrature(double lambda, double b_s, double b_p) {
  const int n = 200000;
  double z = 0.0, s_sum = 0.0, p_sum = 0.0, a_sum = 0.0, m_sum = 0.0;
  const double top = 1.0;  // exp(lambda (E - top)) stays finite: E <= 1
  for (int k = 0; k <= n; ++k) {
    const double m = static_cast<double>(k) / n;
    const double w = (k == 0 || k == n ? 1.0 : k % 2 == 1 ? 4.0 : 2.0) / (3.0 * n);
    const double a = 1.0 / (1.0 + std::exp(lambda * (b_p - m)));
    const double e_s = a * (1 - m) + (1 - a) * b_s, e_p = a * m + (1 - a) * b_p;
    const double d = w * std::exp(lambda * (e_s - top));
    z += d;
    s_sum += d * e_s;
    p_sum += d * e_p;
    a_sum += d * a;
    m_sum += d * m;
  }
  const double offers = z;
  const double none = std::exp(lambda * (b_s - top));
  z += none;
  UltimatumQre q;
  q.value_seoul = (s_sum + none * b_s) / z;
  q.value_pyongyang = (p_sum + none * b_p) / z;
  q.accept = a_sum / z;
  q.no_draft = none / z;
  q.mean_m = m_sum / offers;
  return q;
}

TEST_CASE("QRE of a one-round ultimatum game converges to its continuous-offer form", "[qre]") {
  const double lambda = GENERATE(0.5, 3.0, 20.0, 150.0);
  const double b_s = 0.1, b_p = 0.2;
  const UltimatumQre exact = UltimatumByQuadrature(lambda, b_s, b_p);
  double coarsest_error = HUGE_VAL;
  for (const int grid : {5, 21, 101, 401}) {
    Parameters p = LimitCase(0.9, 0.9, Proposer::kSeoul, 1, grid);
    p.solution.solution_concept = SolutionConcept::kQre;
    p.solution.lambda = lambda;
    p.seoul.breakdown_payoff = b_s;
    p.pyongyang.breakdown_payoff = b_p;
    const NegotiationSolution s = SolveQre(p);
    REQUIRE(s.ok());
    REQUIRE(s.warnings.empty());
    const Proposal& first = s.Round(1).proposal[0];
    const double error = std::max({std::abs(s.value_seoul() - exact.value_seoul),
                                   std::abs(s.value_pyongyang() - exact.value_pyongyang),
                                   std::abs(first.accept_prob - exact.accept),
                                   std::abs(first.no_draft_prob - exact.no_draft),
                                   std::abs(first.offer.m - exact.mean_m)});
    CAPTURE(lambda, grid, error);
    // The offer quadrature's trapezoid error (offer_quadrature.h), measured: up to 6e-3 on five
    // grid points, below 1e-5 from 101 on; where lambda forces subdivision it stays small on
    // every grid.
    CHECK(error <= 0.01);
    if (grid >= 101) CHECK(error <= 2e-5);
    if (grid == 5) coarsest_error = error;
    CHECK(error <= coarsest_error * 1.5);
    CHECK(first.offer_cdf[first.offer_cdf.size() - 1] == 1.0);
    CHECK(first.proposer_opt_out_prob == 0.0);
  }
}

TEST_CASE("QRE at lambda = 0 plays uniformly over the deal box", "[qre]") {
  Parameters p = LimitCase(0.9, 0.9, Proposer::kPyongyang, 3, 11);
  p.solution.solution_concept = SolutionConcept::kQre;
  p.solution.lambda = 0.0;
  const NegotiationSolution s = SolveQre(p);
  REQUIRE(s.ok());
  const Proposal& first = s.Round(1).proposal[1];
  // Tabling a draft and tabling none are equally likely (1/2 each); the draft is uniform on
  // [0, 1], so the eleven grid points carry the trapezoid weights 1/20, 1/10, ..., 1/10, 1/20.
  // Each draft is accepted with probability 1/2 (accept or reject); no draft never.
  double cumulative = 0.0;
  for (int k = 0; k < 11; ++k) {
    cumulative += 0.5 * (k == 0 || k == 10 ? 0.05 : 0.1);
    CHECK(first.offer_cdf[k] == Approx(cumulative));
  }
  CHECK(first.offer_cdf[11] == Approx(1.0));
  CHECK(first.accept_prob == Approx(0.25));
  CHECK(first.no_draft_prob == Approx(0.5));
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
