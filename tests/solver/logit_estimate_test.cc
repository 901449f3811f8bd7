#include "sim/solver/logit_estimate.h"

#include "sim/solver/logit_qre.h"
#include "tests/solver/test_games.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

namespace kaesong {
namespace {

using Eigen::VectorXd;
using testing::Mat;

// 2x2 with an interior limit (asymmetric matching pennies, McKelvey & Palfrey 1995): the QRE moves
// with lambda for both players.
Bimatrix Asymmetric2x2() {
  return MakeBimatrix(Mat(2, 2, {9, 0, 0, 1}), Mat(2, 2, {0, 1, 1, 0}));
}

// 3x3 with distinct payoffs and a unique pure equilibrium (row 3, column 1).
Bimatrix Generic3x3() {
  return MakeBimatrix(Mat(3, 3, {3, 1, 0, 0, 2, 4, 5, 0, 1}),
                      Mat(3, 3, {1, 3, 2, 4, 0, 1, 3, 2, 0}));
}

// The logit response to `other`, computed here from its definition: sigma(s) proportional to
// exp(lambda u(s, other) / PayoffScale).
VectorXd LogitResponse(const Eigen::MatrixXd& payoff, const VectorXd& other, double lambda,
                       double scale) {
  VectorXd u = payoff * other * (lambda / scale);
  u.array() -= u.maxCoeff();
  VectorXd e = u.array().exp();
  return e / e.sum();
}

double LogitEquationsError(const Bimatrix& game, const MixedProfile& p, double lambda) {
  const double scale = PayoffScale(game);
  const VectorXd row = LogitResponse(game.a, p.col, lambda, scale);
  const VectorXd col = LogitResponse(game.b.transpose(), p.row, lambda, scale);
  return std::max((row - p.row).cwiseAbs().maxCoeff(), (col - p.col).cwiseAbs().maxCoeff());
}

MixedProfile QreAt(const Bimatrix& game, double lambda) {
  const LogitQreResult at = LogitQreAt(game, lambda);
  REQUIRE(at.result.ok());
  // The truth is checked against the definition too, so it does not rest on the tracer alone.
  REQUIRE(LogitEquationsError(game, at.result.equilibria[0].profile, lambda) < 1e-12);
  return at.result.equilibria[0].profile;
}

StrategyCounts Expected(const MixedProfile& p, double n, bool round) {
  StrategyCounts counts{n * p.row, n * p.col};
  if (round) {
    counts.row = counts.row.array().round();
    counts.col = counts.col.array().round();
  }
  return counts;
}

StrategyCounts Draws(const MixedProfile& p, int n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto draw = [&](const VectorXd& probabilities) {
    std::discrete_distribution<int> pick(probabilities.data(),
                                         probabilities.data() + probabilities.size());
    VectorXd counts = VectorXd::Zero(probabilities.size());
    for (int k = 0; k < n; ++k) counts(pick(rng)) += 1.0;
    return counts;
  };
  StrategyCounts counts;
  counts.row = draw(p.row);
  counts.col = draw(p.col);
  return counts;
}

TEST_CASE("logit estimate recovers lambda from expected counts", "[logit_estimate]") {
  const Bimatrix game = GENERATE(Asymmetric2x2(), Generic3x3());
  const double truth = GENERATE(0.7, 3.0, 8.0);
  const MixedProfile p = QreAt(game, truth);
  const LogitEstimate est = EstimateLogitLambda(game, Expected(p, 1000.0, false));
  REQUIRE(est.result.ok());
  CHECK(est.bound == EstimateBound::kInterior);
  CHECK(est.refined);
  CHECK(est.lambda == Approx(truth).epsilon(1e-6));
  CHECK(LogitEquationsError(game, est.result.equilibria[0].profile, est.lambda) < 1e-9);
  CHECK(est.log_likelihood == Approx(LogitLogLikelihood(Expected(p, 1000.0, false),
                                                        est.result.equilibria[0].profile)));
  CHECK(std::isfinite(est.std_error));
  CHECK(est.std_error > 0.0);
}

TEST_CASE("logit estimate from rounded counts and from draws is near the truth",
          "[logit_estimate]") {
  const Bimatrix game = GENERATE(Asymmetric2x2(), Generic3x3());
  const double truth = 2.5;
  const MixedProfile p = QreAt(game, truth);
  const LogitEstimate rounded = EstimateLogitLambda(game, Expected(p, 10000.0, true));
  REQUIRE(rounded.result.ok());
  CHECK(std::abs(rounded.lambda - truth) < rounded.std_error);
  const LogitEstimate drawn = EstimateLogitLambda(game, Draws(p, 200000, 20261207));
  REQUIRE(drawn.result.ok());
  CHECK(drawn.bound == EstimateBound::kInterior);
  CHECK(std::abs(drawn.lambda - truth) < 3.0 * drawn.std_error);
  CHECK(LogitEquationsError(game, drawn.result.equilibria[0].profile, drawn.lambda) < 1e-9);
}

TEST_CASE("logit estimate's standard error is the observed information's", "[logit_estimate]") {
  // log L is a function of lambda alone, so its curvature can be taken here from QREs at
  // lambda +- h independently of the estimator's own step.
  const Bimatrix game = Asymmetric2x2();
  const StrategyCounts counts = Expected(QreAt(game, 2.0), 5000.0, false);
  const LogitEstimate est = EstimateLogitLambda(game, counts);
  REQUIRE(est.result.ok());
  const double h = 1e-2;
  const double curvature = (LogitLogLikelihood(counts, QreAt(game, est.lambda + h)) -
                            2.0 * LogitLogLikelihood(counts, QreAt(game, est.lambda)) +
                            LogitLogLikelihood(counts, QreAt(game, est.lambda - h))) /
                           (h * h);
  REQUIRE(curvature < 0.0);
  CHECK(est.std_error == Approx(1.0 / std::sqrt(-curvature)).epsilon(1e-3));
  // Counts scale the information: 4 times the data halve the standard error.
  StrategyCounts more{4.0 * counts.row, 4.0 * counts.col};
  CHECK(EstimateLogitLambda(game, more).std_error == Approx(est.std_error / 2.0).epsilon(1e-4));
}

TEST_CASE("logit estimate of pure Nash play is at the upper bound", "[logit_estimate]") {
  // Prisoner's dilemma: everyone defects, the unique (strict) equilibrium.
  const Bimatrix game = MakeBimatrix(Mat(2, 2, {3, 0, 5, 1}), Mat(2, 2, {3, 5, 0, 1}));
  StrategyCounts counts{testing::Vec({0, 40}), testing::Vec({0, 25})};
  const LogitEstimate est = EstimateLogitLambda(game, counts);
  REQUIRE(est.result.ok());
  CHECK(est.bound == EstimateBound::kUpper);
  CHECK(est.lambda == LogitQreOptions{}.max_lambda);
  CHECK(std::isnan(est.std_error));
  CHECK(est.result.equilibria[0].profile.row(1) == Approx(1.0));
}

TEST_CASE("logit estimate of play against the equilibrium is at lambda = 0", "[logit_estimate]") {
  const Bimatrix game = MakeBimatrix(Mat(2, 2, {3, 0, 5, 1}), Mat(2, 2, {3, 5, 0, 1}));
  StrategyCounts counts{testing::Vec({40, 0}), testing::Vec({25, 0})};
  const LogitEstimate est = EstimateLogitLambda(game, counts);
  REQUIRE(est.result.ok());
  CHECK(est.bound == EstimateBound::kLower);
  CHECK(est.lambda == 0.0);
  CHECK(est.result.equilibria[0].profile.row(0) == Approx(0.5));
}

TEST_CASE("logit estimate refuses counts that do not fit", "[logit_estimate]") {
  const Bimatrix game = Asymmetric2x2();
  CHECK(EstimateLogitLambda(game, {testing::Vec({1, 2, 3}), testing::Vec({1, 1})}).result.status ==
        SolveStatus::kInvalidInput);
  CHECK(EstimateLogitLambda(game, {testing::Vec({-1, 2}), testing::Vec({1, 1})}).result.status ==
        SolveStatus::kInvalidInput);
  const LogitEstimate zero = EstimateLogitLambda(game, {VectorXd::Zero(2), VectorXd::Zero(2)});
  CHECK(zero.result.status == SolveStatus::kInvalidInput);
  CHECK(zero.result.equilibria.empty());
}

}  // namespace
}  // namespace kaesong
