// The screening equilibrium (models/kaesong/pbe.h) against closed forms of bargaining with
// one-sided incomplete information, over tables of parameters.
//
// Set-up (scenarios/limits/screening.toml): one issue, the price beta in [0, 1], with M = deal.m
// fixed, seoul.pi = M and seoul.blame_weight = 1, so Seoul gets beta and a type with face cost A
// gets M - A beta: in its own units a buyer of valuation v = M / A facing price beta. Types
// A_L < A_H have valuations v_H = M / A_L <= 1 and v_L = M / A_H; mu is the prior of A_L (the
// eager, high-valuation type). Discounts d_S (Seoul) and d_P (Pyongyang) per round.
//
// The gap case (Fudenberg & Tirole 1991, ch. 10; Sobel & Takahashi 1983), derived here. The
// offer v_L is accepted by both types, so once Seoul's posterior of A_L is low it ends the game.
// An offer accepted by A_L now, when the next offer will be q, must leave A_L indifferent:
// v_H - p = d_P (v_H - q), so counting back from the last offer p_1 = v_L,
//   p_k = v_H - d_P^(k-1) (v_H - v_L).
// Region k >= 1 of the prior, (b_{k-1}, b_k], is where Seoul uses k screening offers
// p_{k+1}, p_k, ..., p_2 before v_L. In region k the A_L mass accepting the first offer, s, is as
// large as it can be while the posterior after a refusal, (mu - s) / (1 - s), stays in region
// k - 1, i.e. at its lower end b_{k-2} (b_{-1} = 0): Seoul's payoff is increasing in s because
// p_{k+1} exceeds what it gets by waiting. So, with V_0 = v_L,
//   s_k(mu) = (mu - b_{k-2}) / (1 - b_{k-2}),
//   V_k(mu) = s_k p_{k+1} + d_S (1 - s_k) V_{k-1}(b_{k-2}),
// and the boundary b_{k-1} is where one more screening step starts to pay: V_{k-1} = V_k there
// (both are affine in mu, so b_{k-1} is one division). For k = 1: V_1 = mu p_2 + (1 - mu) d_S v_L
// equals v_L at b_0 = v_L (1 - d_S) / (p_2 - d_S v_L), which is v_L / v_H when d_S = d_P.
#include "models/kaesong/information.h"
#include "models/kaesong/pbe.h"
#include "models/kaesong/spe.h"
#include "models/kaesong/validate.h"
#include "sim/engine/run.h"
#include "tests/models/kaesong_fixtures.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <optional>
#include <vector>

namespace kaesong::model {
namespace {

Parameters ScreeningCase(double a_low, double a_high, double mu, double d_s, double d_p,
                         std::optional<int> rounds = std::nullopt, int belief_points = 1001) {
  Parameters p;
  p.name = "screening";
  p.deal.m = DealDimension{0.0, 1.0, 2, 1.0};
  p.deal.g = DealDimension{0.0, 1.0, 2, 0.0};
  p.deal.beta = DealDimension{0.0, 1.0, 101, std::nullopt};
  p.seoul.pi = 1.0;
  p.seoul.blame_weight = 1.0;
  p.seoul.discount = d_s;
  p.pyongyang.discount = d_p;
  p.protocol.order = ProposerOrder::kFixed;
  p.protocol.first = Proposer::kSeoul;
  p.protocol.rounds = rounds;
  p.solution.solution_concept = SolutionConcept::kPbe;
  p.solution.tolerance = 1e-12;
  p.information.hidden = HiddenParameter::kBlameWeight;
  p.information.values = {a_low, a_high};
  p.information.prior = {mu, 1.0 - mu};
  p.information.belief_points = belief_points;
  return p;
}

double FirstOffer(const ScreeningSolution& s) {
  const ScreeningRound& r = s.Round(1);
  return r.target[0] > 0 ? r.offer[r.target[0]].beta : s.ideal.beta;
}

double FirstAcceptance(const ScreeningSolution& s) {
  double p = 0.0;
  for (int k = 0; k < s.types.size(); ++k) p += s.types.prior[k] * s.AcceptProb(s.Round(1), k, 0);
  return p;
}

// The gap case's closed forms: offers p_k, boundaries b_k, values V_k (header comment).
struct GapCase {
  double v_high, v_low, d_s, d_p;
  std::vector<double> boundary;  // b_0, b_1, ...
  std::vector<double> slope, intercept;  // V_k(mu) = slope[k] mu + intercept[k]

  GapCase(double vh, double vl, double ds, double dp, int regions)
      : v_high(vh), v_low(vl), d_s(ds), d_p(dp) {
    slope.push_back(0.0);
    intercept.push_back(v_low);
    for (int k = 1; k <= regions; ++k) {
      const double b = k >= 2 ? boundary[k - 2] : 0.0;  // b_{k-2}
      const double cont = slope[k - 1] * b + intercept[k - 1];  // V_{k-1}(b_{k-2})
      // V_k = s p_{k+1} + d_S (1 - s) cont with s = (mu - b) / (1 - b): affine in mu.
      const double a = (Offer(k + 1) - d_s * cont) / (1.0 - b);
      slope.push_back(a);
      intercept.push_back(d_s * cont - a * b);
      boundary.push_back((intercept[k - 1] - intercept[k]) / (slope[k] - slope[k - 1]));
    }
  }
  double Offer(int k) const { return v_high - std::pow(d_p, k - 1) * (v_high - v_low); }
  double Value(int k, double mu) const { return slope[k] * mu + intercept[k]; }
};

TEST_CASE("Screening, gap case: a prior of A_L at most v_L / v_H gets v_L at once",
          "[pbe][limits]") {
  const auto [a_low, a_high, d] = GENERATE(table<double, double, double>(
      {{1.0, 2.0, 0.9}, {1.25, 2.0, 0.8}, {1.0, 4.0, 0.95}, {2.0, 3.0, 0.5}, {1.0, 1.5, 0.99}}));
  const double v_high = 1.0 / a_low, v_low = 1.0 / a_high;
  const double mu = GENERATE_COPY(0.0, 0.3 * v_low / v_high, 0.9 * v_low / v_high);
  CAPTURE(a_low, a_high, d, mu);
  const ScreeningSolution s = SolveScreening(ScreeningCase(a_low, a_high, mu, d, d));
  REQUIRE(s.ok());
  CHECK(FirstOffer(s) == Approx(v_low).margin(1e-9));
  CHECK(FirstAcceptance(s) == Approx(1.0).margin(1e-12));
  CHECK(s.Round(1).value_seoul[0] == Approx(v_low).margin(1e-9));
}

TEST_CASE("Screening, gap case: offers p_k, region boundaries and Seoul's value",
          "[pbe][limits]") {
  const auto [a_low, a_high, d_s, d_p] = GENERATE(table<double, double, double, double>(
      {{1.0, 2.0, 0.9, 0.9}, {1.0, 2.0, 0.8, 0.9}, {1.25, 2.5, 0.9, 0.7}, {1.0, 3.0, 0.95, 0.95},
       {1.0, 1.6, 0.85, 0.9}}));
  const double v_high = 1.0 / a_low, v_low = 1.0 / a_high;
  const GapCase gap(v_high, v_low, d_s, d_p, 4);
  // The boundaries increase: each further screening step needs a more optimistic prior.
  for (std::size_t k = 1; k < gap.boundary.size(); ++k) {
    CHECK(gap.boundary[k] > gap.boundary[k - 1]);
  }
  if (d_s == d_p) CHECK(gap.boundary[0] == Approx(v_low / v_high).margin(1e-12));
  for (int region = 1; region <= 3; ++region) {
    if (!(gap.boundary[region] < 1.0)) break;
    const double lo = gap.boundary[region - 1], hi = gap.boundary[region];
    const double mu = lo + 0.5 * (hi - lo);
    CAPTURE(a_low, a_high, d_s, d_p, region, mu, lo, hi);
    const ScreeningSolution s = SolveScreening(ScreeningCase(a_low, a_high, mu, d_s, d_p));
    REQUIRE(s.ok());
    CHECK(FirstOffer(s) == Approx(gap.Offer(region + 1)).margin(1e-9));
    // Seoul's value and the accepted mass to the belief grid's precision: its targets lie on a
    // grid of step 1e-3, one rounding per screening step.
    const double grid = 2e-3 * region;
    CHECK(s.Round(1).value_seoul[0] == Approx(gap.Value(region, mu)).margin(grid));
    const double b = region >= 2 ? gap.boundary[region - 2] : 0.0;
    CHECK(FirstAcceptance(s) == Approx((mu - b) / (1.0 - b)).margin(grid));
    // Only the eager type accepts the first offer; the other refuses it.
    CHECK(s.AcceptProb(s.Round(1), 1, 0) == 0.0);
    CHECK(s.AcceptProb(s.Round(1), 0, 0) > 0.0);
    // The talks end with v_L accepted by all after `region` screening offers.
    const ScreeningOutcomes out = ComputeScreeningOutcomes(s, 100);
    REQUIRE(out.path.size() == static_cast<std::size_t>(region + 1));
    CHECK(out.by_type[1].mean_agreement_round == Approx(region + 1.0).margin(1e-12));
    CHECK(out.total.agree == Approx(1.0).margin(1e-12));
  }
}

TEST_CASE("Screening: the worked example of scenarios/limits/screening.toml", "[pbe][limits]") {
  // A_L = 1, A_H = 2, d = 0.9: b_0 = 0.5, b_1 = 0.145 / 0.19.
  const GapCase gap(1.0, 0.5, 0.9, 0.9, 2);
  CHECK(gap.boundary[0] == Approx(0.5).margin(1e-12));
  CHECK(gap.boundary[1] == Approx(0.145 / 0.19).margin(1e-12));
  const ScreeningSolution s = SolveScreening(ScreeningCase(1.0, 2.0, 0.6, 0.9, 0.9));
  REQUIRE(s.ok());
  CHECK(FirstOffer(s) == Approx(0.55).margin(1e-12));
  CHECK(FirstAcceptance(s) == Approx(0.6).margin(1e-12));
  CHECK(s.Round(1).value_seoul[0] == Approx(0.6 * 0.55 + 0.4 * 0.9 * 0.5).margin(1e-12));
}

TEST_CASE("Screening: the mixing type is indifferent and Bayes' rule moves the belief",
          "[pbe]") {
  // Region 2 (mu = 0.8): A_L mixes in round 1 so that the posterior lands at b_0 = 0.5.
  const ScreeningSolution s = SolveScreening(ScreeningCase(1.0, 2.0, 0.8, 0.9, 0.9));
  REQUIRE(s.ok());
  const ScreeningRound& r1 = s.Round(1);
  const int target = r1.target[0];
  const double q = s.AcceptProb(r1, 0, 0);
  CHECK(q > 0.0);
  CHECK(q < 1.0);
  const double accept = r1.offer_value[static_cast<std::size_t>(target)].pyongyang;
  const double reject = 0.9 * s.Round(2).value_type[static_cast<std::size_t>(target)];
  CHECK(accept == Approx(reject).margin(1e-12));
  // The posterior at the target is the prior conditioned on refusing: mu (1 - q) / (1 - mu q).
  const double posterior = s.types.Posterior(0, s.belief[static_cast<std::size_t>(target)]);
  CHECK(posterior == Approx(0.8 * (1 - q) / (1 - 0.8 * q)).margin(1e-12));
  CHECK(posterior >= 0.5);
  CHECK(posterior <= 0.5 + 2e-3);
}

TEST_CASE("Screening: the Coase conjecture, first offer to v_L as discounts go to 1", "[pbe]") {
  const double mu = GENERATE(0.6, 0.9);
  double last_gap = 1.0;
  for (double d : {0.9, 0.99, 0.999}) {
    CAPTURE(mu, d);
    const ScreeningSolution s = SolveScreening(ScreeningCase(1.0, 2.0, mu, d, d));
    REQUIRE(s.ok());
    const double gap = FirstOffer(s) - 0.5;
    CHECK(gap >= 0.0);
    CHECK(gap < last_gap);
    last_gap = gap;
  }
  CHECK(last_gap < 5e-3);
}

// Sobel & Takahashi (1983): valuations uniform on [0, 1], approximated by K equally likely types
// v_i = (i + 1/2) / K. T = 1: the monopoly price 1/2. T = 2, common discount d: the types above
// c accept p_1, the rest get p_2 = c / 2 in round 2; the cutoff type is indifferent,
// c - p_1 = d c / 2, and Seoul maximises (1 - c) c (1 - d / 2) + d c^2 / 4:
// c = (1 - d / 2) / (2 - 3 d / 2), p_1 = c (1 - d / 2).
Parameters UniformTypes(int types, int rounds, double d) {
  Parameters p = ScreeningCase(1.0, 2.0, 0.5, d, d, rounds);
  p.information.values.clear();
  p.information.prior.clear();
  for (int i = types - 1; i >= 0; --i) {
    p.information.values.push_back(1.0 / ((i + 0.5) / types));  // A = M / v
    p.information.prior.push_back(1.0 / types);
  }
  return p;
}

TEST_CASE("Screening: Sobel-Takahashi, many types approach the continuum's first offer",
          "[pbe][limits]") {
  const double d = GENERATE(0.5, 0.9);
  const double c = (1 - d / 2) / (2 - 1.5 * d);
  const std::map<int, double> continuum = {{1, 0.5}, {2, c * (1 - d / 2)}};
  for (const auto& [rounds, price] : continuum) {
    double previous_error = 1.0;
    for (int types : {4, 16, 64}) {
      CAPTURE(d, rounds, types);
      const ScreeningSolution s = SolveScreening(UniformTypes(types, rounds, d));
      REQUIRE(s.ok());
      const double error = std::abs(FirstOffer(s) - price);
      CHECK(error <= 1.0 / types);
      CHECK(error <= previous_error + 1e-12);
      previous_error = error;
    }
  }
}

TEST_CASE("Screening: a degenerate prior reproduces the complete-information SPE",
          "[pbe][spe]") {
  const bool infinite = GENERATE(true, false);
  const bool two_types = GENERATE(true, false);
  Parameters p = testing::Kaesong2013Like();
  p.protocol.order = ProposerOrder::kFixed;
  p.protocol.rounds = infinite ? std::nullopt : std::optional<int>(9);
  Parameters spe = p;
  spe.pyongyang.blame_weight = 90.0;
  p.solution.solution_concept = SolutionConcept::kPbe;
  p.information.hidden = HiddenParameter::kBlameWeight;
  p.information.values = two_types ? std::vector<double>{40.0, 90.0} : std::vector<double>{90.0};
  p.information.prior = two_types ? std::vector<double>{0.0, 1.0} : std::vector<double>{1.0};
  CAPTURE(infinite, two_types);
  REQUIRE(ValidateParameters(p).empty());
  const ScreeningSolution s = SolveScreening(p);
  const NegotiationSolution reference = SolveSpe(spe);
  REQUIRE(s.ok());
  REQUIRE(reference.ok());
  const int k = two_types ? 1 : 0;
  for (int t = 1; t <= 9; ++t) {
    CAPTURE(t);
    const ScreeningRound& r = s.Round(t);
    const RoundPlan& plan = reference.Round(t);
    CHECK(r.value_seoul[0] == Approx(plan.value_seoul).margin(1e-9));
    CHECK(r.value_type[static_cast<std::size_t>(k) * s.points()] ==
          Approx(plan.value_pyongyang).margin(1e-9));
    const bool agree = r.target[0] + 1 == s.points();
    CHECK(agree == (plan.proposal[0].accept_prob == 1.0));
    if (agree) {
      const Deal& x = r.offer[static_cast<std::size_t>(r.target[0])];
      CHECK(x.m == Approx(plan.proposal[0].offer.m).margin(1e-9));
      CHECK(x.g == Approx(plan.proposal[0].offer.g).margin(1e-9));
      CHECK(x.beta == Approx(plan.proposal[0].offer.beta).margin(1e-9));
    }
  }
}

TEST_CASE("Screening: the simulated type frequencies follow Seoul's posterior", "[pbe]") {
  // Bayes' rule against a direct count: among replications still negotiating at round t, the
  // share of each type matches Seoul's belief there (binomial error, four standard errors).
  Parameters p = ScreeningCase(1.0, 2.0, 0.95, 0.9, 0.9);
  p.information.values = {1.0, 1.5, 2.0};
  p.information.prior = {0.8, 0.15, 0.05};  // four rounds on the path, two with mixing
  const engine::RunResult result = engine::RunScenario(p, {20000, 7, true, nullptr});
  std::map<int, std::vector<int>> counts;  // round -> count per type
  std::map<int, int> state;                // round -> belief state
  for (const engine::RoundRecord& r : result.rounds) {
    std::vector<int>& c = counts[r.round];
    c.resize(3, 0);
    ++c[static_cast<std::size_t>(r.type - 1)];
    state[r.round] = r.belief_state;
  }
  REQUIRE(counts.size() == 4);
  for (const auto& [round, c] : counts) {
    const double n = c[0] + c[1] + c[2];
    for (int k = 0; k < 3; ++k) {
      const double belief = result.beliefs.posterior[static_cast<std::size_t>(state[round]) * 3 + k];
      const double share = c[static_cast<std::size_t>(k)] / n;
      CAPTURE(round, k, n, belief, share);
      CHECK(std::abs(share - belief) <= 4.0 * std::sqrt(belief * (1 - belief) / n) + 1e-12);
    }
  }
}

TEST_CASE("Screening: types listed in any order give the same equilibrium", "[pbe]") {
  Parameters a = ScreeningCase(1.0, 2.0, 0.8, 0.9, 0.9);
  Parameters b = a;
  b.information.values = {2.0, 1.0};
  b.information.prior = {0.2, 0.8};
  const ScreeningSolution sa = SolveScreening(a), sb = SolveScreening(b);
  CHECK(FirstOffer(sa) == FirstOffer(sb));
  CHECK(sa.Round(1).value_seoul[0] == sb.Round(1).value_seoul[0]);
  CHECK(sb.types.listed == std::vector<int>{1, 0});
}

TEST_CASE("Screening: sizes past the memory limit are refused before any work", "[pbe]") {
  // Four equally likely types: their cumulative masses lie on the grid of step 1e-5.
  Parameters p = ScreeningCase(1.0, 2.0, 0.8, 0.9, 0.9, 10000, kMaxBeliefPoints);
  p.information.values = {1.0, 2.0, 3.0, 4.0};
  p.information.prior = {0.25, 0.25, 0.25, 0.25};
  const ScreeningSolution s = SolveScreening(p);
  CHECK(s.status == SolveStatus::kInvalidInput);
  CHECK(s.message ==
        "the screening equilibrium needs 10000 rounds x 100001 belief points x 4 types = "
        "4000040000 stored values, above the limit of 200000000; lower "
        "information.belief_points or the number of rounds");
}

}  // namespace
}  // namespace kaesong::model
