// The QRE with beliefs (models/kaesong/belief_qre.h): with a degenerate prior it is the
// complete-information QRE with a fixed proposer; as lambda grows it approaches the perfect
// Bayesian equilibrium of pbe.h, which screening_test.cc checks against the closed forms of the
// two-type gap case; the beliefs the simulation records are Bayes' rule, checked against a direct
// count of the types among the replications that reach them.
#include "models/kaesong/belief_qre.h"
#include "models/kaesong/pbe.h"
#include "models/kaesong/qre.h"
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

// The set-up of scenarios/limits/screening.toml (screening_test.cc): Seoul gets the price beta,
// a type of face cost A gets 1 - A beta.
Parameters ScreeningQre(double a_low, double a_high, double mu, double lambda, int belief_points,
                        int beta_grid = 101) {
  Parameters p;
  p.name = "screening_qre";
  p.deal.m = DealDimension{0.0, 1.0, 2, 1.0};
  p.deal.g = DealDimension{0.0, 1.0, 2, 0.0};
  p.deal.beta = DealDimension{0.0, 1.0, beta_grid, std::nullopt};
  p.seoul.pi = 1.0;
  p.seoul.blame_weight = 1.0;
  p.seoul.discount = 0.9;
  p.pyongyang.discount = 0.9;
  p.protocol.order = ProposerOrder::kFixed;
  p.protocol.first = Proposer::kSeoul;
  p.solution.solution_concept = SolutionConcept::kQre;
  p.solution.lambda = lambda;
  p.solution.tolerance = 1e-11;
  p.information.hidden = HiddenParameter::kBlameWeight;
  p.information.values = {a_low, a_high};
  p.information.prior = {mu, 1.0 - mu};
  p.information.belief_points = belief_points;
  return p;
}

struct FirstRound {
  double mean_offer = 0.0;          // beta, over the offers tabled
  std::vector<double> accept;       // by type
};

FirstRound FirstRoundOf(const BeliefQreSolution& s) {
  BeliefStage stage(s);
  const BeliefChoice& c = stage.Evaluate(1, s.types.prior.data());
  FirstRound f;
  f.accept.assign(static_cast<std::size_t>(s.type_count()), 0.0);
  double tabled = 0.0;
  for (int x = 0; x < s.offer_count(); ++x) {
    tabled += c.choice[x];
    f.mean_offer += c.choice[x] * s.grid.At(x).beta;
    for (int k = 0; k < s.type_count(); ++k) {
      f.accept[static_cast<std::size_t>(k)] +=
          c.choice[x] * c.accept[static_cast<std::size_t>(x) * s.type_count() + k];
    }
  }
  f.mean_offer /= tabled;
  return f;
}

TEST_CASE("QRE with beliefs: a degenerate prior reproduces the complete-information QRE",
          "[qre][beliefs]") {
  const bool infinite = GENERATE(true, false);
  const bool two_types = GENERATE(true, false);
  Parameters p = testing::Kaesong2013Like();
  p.deal.m.grid = 21;
  p.deal.g.grid = 6;
  p.deal.beta.grid = 6;
  p.protocol.order = ProposerOrder::kFixed;
  p.protocol.rounds = infinite ? std::nullopt : std::optional<int>(9);
  p.solution.solution_concept = SolutionConcept::kQre;
  p.solution.tolerance = 1e-13;
  Parameters complete = p;
  complete.pyongyang.blame_weight = 90.0;
  p.information.hidden = HiddenParameter::kBlameWeight;
  p.information.values = two_types ? std::vector<double>{40.0, 90.0} : std::vector<double>{90.0};
  p.information.prior = two_types ? std::vector<double>{0.0, 1.0} : std::vector<double>{1.0};
  p.information.belief_points = 3;
  CAPTURE(infinite, two_types);
  REQUIRE(ValidateParameters(p).empty());
  const BeliefQreSolution s = SolveBeliefQre(p);
  const NegotiationSolution reference = SolveQre(complete);
  REQUIRE(s.ok());
  REQUIRE(reference.ok());
  REQUIRE(s.offer_count() == static_cast<int>(reference.table.grid.size()));
  const int k = two_types ? 1 : 0;
  BeliefStage stage(s);
  for (int t = 1; t <= 9; ++t) {
    CAPTURE(t);
    const BeliefChoice& c = stage.Evaluate(t, s.types.prior.data());
    const RoundPlan& plan = reference.Round(t);
    CHECK(c.value_seoul == Approx(plan.value_seoul).margin(1e-9));
    CHECK(c.value_type[static_cast<std::size_t>(k)] == Approx(plan.value_pyongyang).margin(1e-9));
    const Proposal& prop = plan.proposal[0];
    double cdf = 0.0, worst = 0.0;
    for (int x = 0; x < s.offer_count() + 2; ++x) {
      cdf += c.choice[x];
      worst = std::max(worst, std::abs(cdf - prop.offer_cdf[x]));
      if (x < s.offer_count()) {
        worst = std::max(worst, std::abs(c.accept[static_cast<std::size_t>(x) * s.type_count() + k] -
                                         prop.accept_by_offer[x]));
      }
    }
    CHECK(worst < 1e-9);
  }
}

TEST_CASE("QRE with beliefs: converges to the perfect Bayesian equilibrium as lambda grows",
          "[qre][beliefs][pbe]") {
  // Two-type gap cases on both sides of the threshold mu = v_L / v_H (screening_test.cc): below
  // it Seoul offers v_L and both types accept; above it the first offer is p_2, taken by A_L only.
  struct Case {
    double a_low, a_high, mu;
  };
  const Case c = GENERATE(Case{1.0, 2.0, 0.3}, Case{1.0, 2.0, 0.6}, Case{1.0, 1.6, 0.8});
  CAPTURE(c.a_low, c.a_high, c.mu);
  Parameters pbe = ScreeningQre(c.a_low, c.a_high, c.mu, 1.0, 1001);
  pbe.solution.solution_concept = SolutionConcept::kPbe;
  const ScreeningSolution exact = SolveScreening(pbe);
  REQUIRE(exact.ok());
  const ScreeningRound& r = exact.Round(1);
  const double exact_offer = r.target[0] > 0 ? r.offer[r.target[0]].beta : exact.ideal.beta;
  std::vector<double> errors;
  for (double lambda : {300.0, 3000.0}) {
    const BeliefQreSolution s = SolveBeliefQre(ScreeningQre(c.a_low, c.a_high, c.mu, lambda, 21));
    REQUIRE(s.ok());
    const FirstRound f = FirstRoundOf(s);
    double error = std::abs(f.mean_offer - exact_offer);
    for (int k = 0; k < 2; ++k) {
      error = std::max(error, std::abs(f.accept[static_cast<std::size_t>(k)] -
                                       exact.AcceptProb(r, k, 0)));
    }
    CAPTURE(lambda, f.mean_offer, exact_offer, f.accept[0], f.accept[1]);
    errors.push_back(error);
  }
  CAPTURE(errors[0], errors[1]);
  CHECK(errors[1] < 0.6 * errors[0]);
  CHECK(errors[1] < 0.04);
}

TEST_CASE("QRE with beliefs: the recorded beliefs are Bayes' rule on the simulated play",
          "[qre][beliefs]") {
  // Round-1 offers come from a grid of five prices; all replications that reject the same offer
  // share one posterior, which must match the share of each type among them (four binomial
  // standard errors).
  Parameters p = ScreeningQre(1.0, 2.0, 0.6, 8.0, 21, 5);
  p.information.values = {1.0, 1.5, 2.0};
  p.information.prior = {0.5, 0.3, 0.2};
  p.protocol.rounds = 4;
  REQUIRE(ValidateParameters(p).empty());
  const engine::RunResult result = engine::RunScenario(p, {20000, 11, true, nullptr});
  std::map<double, double> first_offer;  // replication -> round-1 beta
  std::map<double, std::vector<int>> counts;
  std::map<double, std::vector<double>> belief;
  std::map<int, double> offer_of;
  for (const engine::RoundRecord& rec : result.rounds) {
    if (rec.round == 1) offer_of[rec.replication] = rec.offer_beta;
    if (rec.round != 2) continue;
    const double x = offer_of[rec.replication];
    if (std::isnan(x)) continue;  // a delay in round 1
    std::vector<int>& c = counts[x];
    c.resize(3, 0);
    ++c[static_cast<std::size_t>(rec.type - 1)];
    const std::size_t j = static_cast<std::size_t>(rec.belief_state);
    belief[x].assign(result.beliefs.posterior.begin() + static_cast<std::ptrdiff_t>(j * 3),
                     result.beliefs.posterior.begin() + static_cast<std::ptrdiff_t>(j * 3 + 3));
  }
  REQUIRE(counts.size() >= 3);
  int checked = 0;
  for (const auto& [x, c] : counts) {
    const double n = c[0] + c[1] + c[2];
    if (n < 200) continue;
    ++checked;
    for (int k = 0; k < 3; ++k) {
      const double b = belief[x][static_cast<std::size_t>(k)];
      const double share = c[static_cast<std::size_t>(k)] / n;
      CAPTURE(x, k, n, b, share);
      CHECK(std::abs(share - b) <= 4.0 * std::sqrt(b * (1 - b) / n) + 1e-12);
    }
  }
  CHECK(checked >= 3);
}

TEST_CASE("QRE with beliefs: three types solve without fixed-point failures, and refining the "
          "belief lattice changes values less and less",
          "[qre][beliefs]") {
  std::vector<double> values;
  for (int points : {6, 11, 21}) {
    Parameters p = ScreeningQre(1.0, 2.0, 0.5, 30.0, points, 41);
    p.information.values = {1.0, 1.4, 2.0};
    p.information.prior = {0.4, 0.3, 0.3};
    REQUIRE(ValidateParameters(p).empty());
    const BeliefQreSolution s = SolveBeliefQre(p);
    CAPTURE(points, s.message);
    REQUIRE(s.ok());
    CHECK(s.fixed_point_failures == 0);
    BeliefStage stage(s);
    values.push_back(stage.Evaluate(1, s.types.prior.data()).value_seoul);
  }
  CAPTURE(values[0], values[1], values[2]);
  CHECK(std::abs(values[2] - values[1]) < std::abs(values[1] - values[0]));
  CHECK(std::abs(values[2] - values[1]) < 1e-3);
}

TEST_CASE("QRE with beliefs: lattices past the limit are refused before any work",
          "[qre][beliefs]") {
  Parameters p = ScreeningQre(1.0, 2.0, 0.5, 30.0, 10001);
  p.information.values.clear();
  p.information.prior.clear();
  for (int k = 0; k < 64; ++k) p.information.values.push_back(1.0 + k);
  const BeliefQreSolution s = SolveBeliefQre(p);
  CHECK(s.status == SolveStatus::kInvalidInput);
  CHECK(s.message ==
        "the QRE with beliefs over 64 types with information.belief_points = 10001 needs a "
        "belief lattice of more than 100001 points; lower information.belief_points or the "
        "number of types");
}

}  // namespace
}  // namespace kaesong::model
