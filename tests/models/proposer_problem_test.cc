// The proposer's problem against brute force over fine grids: exact (linear values) it is at
// least as good as every acceptable grid deal and acceptable itself; with durability on it is
// within the stated tolerance of (or better than) the best acceptable deal on a grid 5x finer
// than the model's, the responder's constraint holds exactly, and no acceptable deal nearby is better.
#include "models/kaesong/deal_value.h"
#include "models/kaesong/proposer_problem.h"
#include "tests/models/kaesong_fixtures.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

namespace kaesong::model {
namespace {

struct BruteForce {
  bool feasible = false;
  double best = -HUGE_VAL;
};

BruteForce Search(const DealValuation& valuation, const DealSpace& space, Proposer proposer,
                  double reservation, int n_m, int n_g, int n_beta) {
  BruteForce out;
  const auto points = [](const DealDimension& d, int n) {
    DealDimension fine = d;
    fine.grid = n;
    return DimensionPoints(fine);
  };
  const Eigen::ArrayXd ms = points(space.m, n_m), gs = points(space.g, n_g),
                       bs = points(space.beta, n_beta);
  const Proposer responder = proposer == Proposer::kSeoul ? Proposer::kPyongyang : Proposer::kSeoul;
  for (double m : ms) {
    for (double g : gs) {
      for (double b : bs) {
        const DealValue v = valuation.Evaluate(Deal{m, g, b});
        if (v.Of(responder) < reservation) continue;
        out.feasible = true;
        out.best = std::max(out.best, v.Of(proposer));
      }
    }
  }
  return out;
}

TEST_CASE("Linear proposer's problem is exact: no acceptable grid deal beats it",
          "[proposer]") {
  std::mt19937_64 engine(20130814);
  std::uniform_real_distribution<double> weight(-80.0, 80.0), reservation_draw(-150.0, 350.0);
  for (int trial = 0; trial < 40; ++trial) {
    Parameters p = testing::Kaesong2013Like(false);
    p.seoul.guarantee_weight = weight(engine);
    p.seoul.blame_weight = weight(engine);
    p.pyongyang.guarantee_weight = weight(engine);
    p.pyongyang.blame_weight = weight(engine);
    if (trial % 4 == 1) p.deal.beta.fixed = 1.0;
    if (trial % 4 == 2) p.deal.g.fixed = 0.5;
    const DealValuation valuation(p);
    const ProposerProblem problem(valuation, p.deal, nullptr, 1e-12);
    for (const Proposer proposer : {Proposer::kSeoul, Proposer::kPyongyang}) {
      const double r = reservation_draw(engine);
      CAPTURE(trial, r, proposer == Proposer::kSeoul);
      const ProposerChoice c = problem.Solve(proposer, r);
      const BruteForce bf = Search(valuation, p.deal, proposer, r, 81, 21, 21);
      if (bf.feasible) REQUIRE(c.feasible);
      if (!c.feasible) continue;
      const Proposer responder =
          proposer == Proposer::kSeoul ? Proposer::kPyongyang : Proposer::kSeoul;
      CHECK(c.value.Of(responder) >= r - 1e-9);
      CHECK(c.value.Of(proposer) >= bf.best - 1e-9);
      CHECK(c.deal.m >= p.deal.m.Lo());
      CHECK(c.deal.m <= p.deal.m.Hi());
    }
  }
}

TEST_CASE("Proposer's problem with durability is at least as good as a 5x finer grid",
          "[proposer][durability]") {
  const Parameters p = testing::Kaesong2013Like(true);
  const DealValuation valuation(p);
  const DealTable deal_table = TabulateDeals(valuation, DealGrid(p.deal));
  const ProposerProblem problem(valuation, p.deal, &deal_table, 1e-11);
  const auto [proposer, reservation] = GENERATE(table<Proposer, double>({
      {Proposer::kSeoul, 20.0},
      {Proposer::kSeoul, 80.0},
      {Proposer::kSeoul, 140.0},
      {Proposer::kPyongyang, 150.0},
      {Proposer::kPyongyang, 300.0},
      {Proposer::kPyongyang, 420.0},
  }));
  CAPTURE(proposer == Proposer::kSeoul, reservation);
  const ProposerChoice c = problem.Solve(proposer, reservation);
  const BruteForce bf = Search(valuation, p.deal, proposer, reservation, 201, 51, 51);
  REQUIRE(bf.feasible);
  REQUIRE(c.feasible);
  const Proposer responder = proposer == Proposer::kSeoul ? Proposer::kPyongyang : Proposer::kSeoul;
  CHECK(c.value.Of(responder) >= reservation);
  CHECK(c.value.Of(proposer) >= bf.best - 1e-9);
  // Local optimality: no acceptable deal a small step away in any coordinate is better.
  for (int dim = 0; dim < 3; ++dim) {
    for (const double step : {-1e-4, 1e-4}) {
      Deal x = c.deal;
      double& coordinate = dim == 0 ? x.m : dim == 1 ? x.g : x.beta;
      const DealDimension& d = dim == 0 ? p.deal.m : dim == 1 ? p.deal.g : p.deal.beta;
      coordinate += step * (d.Hi() - d.Lo());
      if (coordinate < d.Lo() || coordinate > d.Hi()) continue;
      const DealValue v = valuation.Evaluate(x);
      if (v.Of(responder) < reservation) continue;
      CAPTURE(dim, step);
      CHECK(v.Of(proposer) <= c.value.Of(proposer) + 1e-9);
    }
  }
}

TEST_CASE("No acceptable deal: infeasible, with the proposer's ideal deal", "[proposer]") {
  const Parameters p = testing::Kaesong2013Like(false);
  const DealValuation valuation(p);
  const ProposerProblem problem(valuation, p.deal, nullptr, 1e-12);
  // Pyongyang's value is at most 200 - 0 - 0 = 200.
  const ProposerChoice c = problem.Solve(Proposer::kSeoul, 200.5);
  CHECK_FALSE(c.feasible);
  CHECK(c.deal.m == 0.0);     // Seoul's ideal: pay nothing,
  CHECK(c.deal.g == 1.0);     // full guarantee,
  CHECK(c.deal.beta == 1.0);  // all the blame on Pyongyang
  const ProposerChoice edge = problem.Solve(Proposer::kSeoul, 200.0);
  CHECK(edge.feasible);  // indifference: the responder accepts
  CHECK(edge.value.pyongyang == 200.0);
}

}  // namespace
}  // namespace kaesong::model
