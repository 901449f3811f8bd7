// Logit Markov QRE: closed-form limits (a unique mixed equilibrium, Rubinstein's split), the logit
// fixed-point equations checked independently, scale invariance of lambda, and the statuses of
// runs that stop early (they must still return an answer).
#include "sim/solver/markov_policy.h"
#include "sim/solver/markov_qre.h"
#include "tests/solver/stochastic_test_games.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>

namespace kaesong {
namespace {

// Largest violation of the logit equations log(sigma_i(s, a) / sigma_i(s, 0)) =
// lambda / R * (Q_i(s, a) - Q_i(s, 0)), with Q built from the given values (R = PayoffScale).
double LogitEquationGap(const StochasticGame& game, const MarkovStrategies& strategies,
                        const std::array<Eigen::VectorXd, 2>& values, double lambda) {
  const double scale = PayoffScale(game);
  std::array<Eigen::MatrixXd, 2> w;
  double worst = 0.0;
  for (Eigen::Index s = 0; s < game.num_states(); ++s) {
    ContinuationPayoffs(game, s, values, w);
    const MixedProfile& p = strategies[static_cast<std::size_t>(s)];
    const Eigen::VectorXd q1 = w[0] * p.col, q2 = w[1].transpose() * p.row;
    for (Eigen::Index a = 1; a < q1.size(); ++a) {
      worst = std::max(
          worst, std::abs(std::log(p.row(a) / p.row(0)) - lambda / scale * (q1(a) - q1(0))));
    }
    for (Eigen::Index b = 1; b < q2.size(); ++b) {
      worst = std::max(
          worst, std::abs(std::log(p.col(b) / p.col(0)) - lambda / scale * (q2(b) - q2(0))));
    }
  }
  return worst;
}

TEST_CASE("Markov QRE of a one-shot game with a unique mixed equilibrium", "[stochastic][qre]") {
  // Row: 2 on (top, left), 1 on (bottom, right); column: 1 on a mismatch. Closed form: the column
  // plays left with q where 2q = 1 - q (q = 1/3); the row mixes evenly (column indifferent).
  Eigen::MatrixXd a(2, 2), b(2, 2);
  a << 2, 0, 0, 1;
  b << 0, 1, 1, 0;
  const StochasticGame game = testing::OneShot(a, b);
  const MarkovQreResult r = SolveMarkovQre(game);
  INFO(r.result.Report());
  REQUIRE(r.result.ok());
  CHECK(r.polished);
  CHECK(r.result.certificate.Max() <= r.result.tolerance);
  CHECK(r.result.strategies[0].row(0) == Approx(0.5).margin(1e-12));
  CHECK(r.result.strategies[0].col(0) == Approx(1.0 / 3.0).margin(1e-12));
  CHECK(r.result.values[0](0) == Approx(2.0 / 3.0).margin(1e-12));
  CHECK(r.result.values[1](0) == Approx(0.5).margin(1e-12));
  CHECK(r.result.lambda == 1e6);
}

TEST_CASE("Markov QRE limit reproduces Rubinstein's split", "[stochastic][qre][rubinstein]") {
  const auto [d1, d2, greedier] = GENERATE(
      table<double, double, int>({{0.9, 0.8, 3}, {0.95, 0.6, 3}, {0.5, 0.5, 1}, {0.99, 0.9, 4}}));
  CAPTURE(d1, d2, greedier);
  const StochasticGame game = testing::AlternatingOffers(d1, d2, greedier);
  const double x = testing::RubinsteinShare(d1, d2);  // A's share when A proposes
  const double y = testing::RubinsteinShare(d2, d1);  // B's share when B proposes
  const MarkovQreResult r = SolveMarkovQre(game);
  INFO(r.result.Report());
  REQUIRE(r.result.ok());
  CHECK(r.result.certificate.Max() <= 1e-8);
  CHECK(std::abs(r.result.values[0](0) - x) <= 1e-8);
  CHECK(std::abs(r.result.values[1](0) - (1 - x)) <= 1e-8);
  CHECK(std::abs(r.result.values[1](1) - y) <= 1e-8);
  CHECK(std::abs(r.result.values[0](1) - (1 - y)) <= 1e-8);
  // The proposer offers the Rubinstein split (action 0 of its menu) for sure.
  CHECK(r.result.strategies[0].row(0) == Approx(1.0));
  CHECK(r.result.strategies[1].col(0) == Approx(1.0));
}

TEST_CASE("Traced points solve the logit equations with their own values", "[stochastic][qre]") {
  // Independent check of the fixed point: evaluate the returned strategies exactly, rebuild the
  // continuation payoffs Q and compare log-probability differences with lambda / R * dQ.
  const StochasticGame game = GenerateStochasticGame(testing::RandomSpec(5));
  const double scale = PayoffScale(game);
  for (double lambda : {0.5, 7.0, 40.0}) {
    CAPTURE(lambda);
    const MarkovQreResult r = MarkovQreAt(game, lambda);
    INFO(r.result.Report());
    REQUIRE(r.result.lambda == Approx(lambda).epsilon(1e-12));
    CHECK(r.result.ok());  // a QRE at finite lambda is the answer asked for, not a failure
    const PolicyEvaluation eval = EvaluatePolicy(game, r.qre.strategies);
    REQUIRE(eval.ok());
    CHECK(LogitEquationGap(game, r.qre.strategies, eval.values, lambda) <= 1e-8);
    CHECK((eval.values[0] - r.qre.values[0]).lpNorm<Eigen::Infinity>() <= 1e-9 * scale);
  }
}

TEST_CASE("The QRE at a given lambda is at that lambda, not past it", "[stochastic][qre]") {
  // On these games an arc-length corrector step lands beyond the requested precision (7.77 on the
  // first, 1.3 on the second) unless the trace stops exactly there. Checked independently: the
  // logit equations with the profile's own values hold at the requested lambda.
  const auto [seed, lambda] = GENERATE(table<std::uint64_t, double>({{1, 7.77}, {5, 1.3}}));
  CAPTURE(seed, lambda);
  StochasticGameSpec spec;
  spec.states = 3;
  spec.max_actions = 3;
  spec.seed = seed;
  const StochasticGame game = GenerateStochasticGame(spec);
  const MarkovQreResult r = MarkovQreAt(game, lambda);
  INFO(r.result.Report());
  CHECK(r.result.ok());
  CHECK(r.result.lambda == Approx(lambda).epsilon(1e-12));
  CHECK(r.qre.lambda == Approx(lambda).epsilon(1e-12));
  const PolicyEvaluation eval = EvaluatePolicy(game, r.qre.strategies);
  REQUIRE(eval.ok());
  CHECK(LogitEquationGap(game, r.qre.strategies, eval.values, lambda) <= 1e-8);
}

TEST_CASE("Lambda is measured against the payoff range", "[stochastic][qre]") {
  const StochasticGame game = GenerateStochasticGame(testing::RandomSpec(11));
  StochasticGame scaled = game;
  for (StochasticState& state : scaled.states) {
    for (Eigen::MatrixXd& u : state.payoffs) u = 250.0 * u.array() - 3.0;
  }
  const MarkovQreResult r = MarkovQreAt(game, 12.0);
  const MarkovQreResult q = MarkovQreAt(scaled, 12.0);
  for (std::size_t s = 0; s < game.states.size(); ++s) {
    CHECK((r.qre.strategies[s].row - q.qre.strategies[s].row).lpNorm<Eigen::Infinity>() <= 1e-8);
    CHECK((r.qre.strategies[s].col - q.qre.strategies[s].col).lpNorm<Eigen::Infinity>() <= 1e-8);
  }
}

TEST_CASE("Markov QRE path starts at uniform play and can be recorded", "[stochastic][qre]") {
  MarkovQreOptions options;
  options.record_path = true;
  options.max_lambda = 100.0;
  const StochasticGame game = testing::AlternatingOffers(0.9, 0.8, 2);
  const MarkovQreResult r = SolveMarkovQre(game, options);
  REQUIRE(r.path.size() == static_cast<std::size_t>(r.result.iterations) + 1);
  CHECK(r.path.front().lambda == 0.0);
  CHECK(r.path.front().strategies[0].row.isApproxToConstant(1.0 / 3.0, 1e-12));
  CHECK(r.path.back().lambda == Approx(100.0));
}

TEST_CASE("Markov QRE stopped early still returns its profile", "[stochastic][qre]") {
  const StochasticGame game = GenerateStochasticGame(testing::RandomSpec(2));
  MarkovQreOptions options;
  options.polish = false;  // polishing a profile far from the limit might still succeed
  options.max_steps = 3;
  const MarkovQreResult steps = SolveMarkovQre(game, options);
  CHECK(steps.result.status == MarkovStatus::kIterationLimit);
  CHECK_THAT(steps.result.message, Catch::StartsWith("path step limit 3 reached at lambda"));
  CHECK(steps.result.iterations == 3);
  REQUIRE(steps.result.strategies.size() == game.states.size());
  CHECK(std::isfinite(steps.result.certificate.Max()));
  CHECK(steps.result.certificate.Max() == steps.qre_certificate.Max());

  options.max_steps = 20000;
  options.max_seconds = 1e-9;
  const MarkovQreResult timed = SolveMarkovQre(game, options);
  CHECK(timed.result.status == MarkovStatus::kTimeLimit);
  CHECK(timed.result.strategies.size() == game.states.size());

  // Without polishing a large-lambda QRE is close to, but not exactly, an equilibrium.
  options.max_seconds = 60;
  options.max_lambda = 1e3;
  const MarkovQreResult raw = SolveMarkovQre(game, options);
  CHECK(raw.result.status == MarkovStatus::kNotCertified);
  CHECK(raw.result.certificate.Max() > raw.result.tolerance);
  CHECK(raw.result.certificate.Max() < 0.05 * PayoffScale(game));
}

TEST_CASE("The time limit covers polishing too", "[stochastic][qre]") {
  // Tracing stops at once; polishing the uniform profile of 60 states with 4..6 actions cannot
  // succeed (it is far from any equilibrium) and would run its Newton iterations for seconds.
  StochasticGameSpec spec;
  spec.states = 60;
  spec.min_actions = 4;
  spec.max_actions = 6;
  spec.seed = 1;
  const StochasticGame game = GenerateStochasticGame(spec);
  MarkovQreOptions options;
  options.max_seconds = 1e-9;
  const MarkovQreResult r = SolveMarkovQre(game, options);
  INFO(r.result.Report());
  CHECK(r.result.status == MarkovStatus::kTimeLimit);
  CHECK_FALSE(r.polished);
  CHECK(r.result.iterations == 0);  // no path step after the limit
  REQUIRE(r.result.strategies.size() == game.states.size());
  CHECK(r.result.certificate.Max() == r.qre_certificate.Max());

  // Polishing on its own honours the limit as well, and returns its input.
  const MarkovStrategies uniform = UniformStrategies(game);
  const PolicyEvaluation eval = EvaluatePolicy(game, uniform);
  REQUIRE(eval.ok());
  const MarkovResult p = PolishMarkovPerfect(game, uniform, eval.values, 1e-3, options);
  INFO(p.Report());
  // Without the limit this runs Newton steps and ends kNotCertified; with it, no step is taken.
  CHECK(p.status == MarkovStatus::kTimeLimit);
  CHECK(p.iterations == 0);
  REQUIRE(p.strategies.size() == game.states.size());
  CHECK(p.strategies[0].row == uniform[0].row);
}

TEST_CASE("Markov QRE input checks", "[stochastic][qre]") {
  StochasticGame game = testing::AlternatingOffers(0.9, 0.8, 1);
  MarkovQreOptions options;
  options.min_step = 0.0;
  CHECK(SolveMarkovQre(game, options).result.status == MarkovStatus::kInvalidInput);
  CHECK(SolveMarkovQre(game, options).result.message == "min_step must be in (0, first_step]");
  game.horizon = 3;
  const MarkovQreResult finite = SolveMarkovQre(game);
  CHECK(finite.result.status == MarkovStatus::kInvalidInput);
  CHECK_THAT(finite.result.message, Catch::Contains("infinite-horizon"));
  game.horizon = 0;
  game.discount[0] = 1.5;
  CHECK(SolveMarkovQre(game).result.message == "discount factor of A must be in [0, 1], got 1.5");
}

TEST_CASE("Polishing an approximate profile", "[stochastic][qre]") {
  const StochasticGame game = testing::AlternatingOffers(0.9, 0.8, 2);
  MarkovQreOptions options;
  options.max_lambda = 300;
  const MarkovQreResult near = MarkovQreAt(game, 300);
  const MarkovResult polished =
      PolishMarkovPerfect(game, near.qre.strategies, near.qre.values, 1e-3, options);
  INFO(polished.Report());
  REQUIRE(polished.ok());
  CHECK(std::abs(polished.values[0](0) - testing::RubinsteinShare(0.9, 0.8)) <= 1e-8);
  // A wrong support cannot be polished into an equilibrium.
  MarkovStrategies wrong = near.qre.strategies;
  wrong[0].row = Eigen::VectorXd::Unit(wrong[0].row.size(), 2);  // A keeps a greedier share
  const MarkovResult failed = PolishMarkovPerfect(game, wrong, near.qre.values, 1e-3, options);
  CHECK_FALSE(failed.ok());
  CHECK(failed.strategies[0].row == wrong[0].row);
}

TEST_CASE("A profile that cannot be polished keeps its own certificate", "[stochastic][qre]") {
  // Top dominates for the row, so no equilibrium mixes both rows and columns: Newton on the full
  // supports has no solution. The uniform profile comes back unchanged, and with it its own
  // one-shot deviation gains (discount 0, so they are stage-game gains): the row's payoffs
  // against (1/2, 1/2) are (2, 1), gain 2 - 1.5; the column's against (1/2, 1/2) are (1/2, 1),
  // gain 1 - 3/4.
  Eigen::MatrixXd a(2, 2), b(2, 2);
  a << 3, 1, 2, 0;
  b << 1, 0, 0, 2;
  const StochasticGame game = testing::OneShot(a, b);
  const MarkovStrategies uniform = UniformStrategies(game);
  const std::array<Eigen::VectorXd, 2> values{Eigen::VectorXd::Constant(1, 1.5),
                                              Eigen::VectorXd::Constant(1, 0.75)};
  const MarkovResult r = PolishMarkovPerfect(game, uniform, values, 1e-3);
  INFO(r.Report());
  CHECK(r.status == MarkovStatus::kNotCertified);
  REQUIRE(r.strategies.size() == 1);
  CHECK(r.strategies[0].row == uniform[0].row);
  CHECK(r.strategies[0].col == uniform[0].col);
  CHECK(r.certificate.max_gain[0] == Approx(0.5).epsilon(1e-12));
  CHECK(r.certificate.max_gain[1] == Approx(0.25).epsilon(1e-12));
  CHECK(r.certificate.worst_state[0] == 0);
  CHECK(r.certificate.worst_state[1] == 0);
  CHECK(r.certificate.Max() > r.tolerance);
}

}  // namespace
}  // namespace kaesong
