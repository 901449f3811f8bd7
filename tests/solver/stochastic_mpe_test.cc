// Markov perfect equilibrium by value iteration over stage games and by backward induction:
// closed forms (Rubinstein's split, the Nash demand game's MPE conditions, finite-horizon
// sums), reduction to the bimatrix solvers on a one-state game with discount 0, and the statuses
// for cycles, iteration and time limits and singular policy evaluation.
#include "sim/io/stochastic_game_file.h"
#include "sim/solver/lemke_howson.h"
#include "sim/solver/logit_qre.h"
#include "sim/solver/markov_perfect.h"
#include "sim/solver/markov_qre.h"
#include "sim/solver/support_enumeration.h"
#include "tests/solver/stochastic_test_games.h"

#include <catch2/catch.hpp>

#include <cmath>

namespace kaesong {
namespace {

const std::string kDataDir = std::string(KAESONG_TEST_DATA) + "/stochastic";

bool SameProfile(const MixedProfile& p, const MixedProfile& q, double tol) {
  return p.row.size() == q.row.size() && p.col.size() == q.col.size() &&
         (p.row - q.row).lpNorm<Eigen::Infinity>() <= tol &&
         (p.col - q.col).lpNorm<Eigen::Infinity>() <= tol;
}

TEST_CASE("Value iteration reproduces Rubinstein's split from the example file",
          "[stochastic][mpe][rubinstein]") {
  const StochasticGame game = ReadStochasticGameFile(kDataDir + "/rubinstein.toml");
  // Computed from the discount factors, not read from the payoffs.
  const double x = testing::RubinsteinShare(game.discount[0], game.discount[1]);
  const double y = testing::RubinsteinShare(game.discount[1], game.discount[0]);
  CHECK(x == Approx(5.0 / 7.0).epsilon(1e-15));
  const auto selection =
      GENERATE(StageSelection::kLemkeHowson, StageSelection::kFirstSupportEnumeration,
               StageSelection::kPayoffDominant);
  CAPTURE(ToString(selection));
  MarkovPerfectOptions options;
  options.selection = selection;
  const MarkovResult r = SolveMarkovPerfect(game, options);
  INFO(r.Report());
  REQUIRE(r.ok());
  CHECK(r.certificate.Max() <= 1e-8);
  CHECK(std::abs(r.values[0](0) - x) <= 1e-8);  // V_A(A proposes)
  CHECK(std::abs(r.values[1](0) - (1 - x)) <= 1e-8);
  CHECK(std::abs(r.values[1](1) - y) <= 1e-8);   // V_B(B proposes)
  CHECK(r.strategies[0].row(0) == Approx(1.0));  // A keeps exactly 5/7
}

TEST_CASE("Value iteration reproduces Rubinstein's split for other discounts",
          "[stochastic][mpe][rubinstein]") {
  const auto [d1, d2, greedier] = GENERATE(
      table<double, double, int>({{0.95, 0.6, 3}, {0.5, 0.5, 2}, {0.99, 0.9, 5}, {0.3, 0.8, 1}}));
  CAPTURE(d1, d2, greedier);
  const StochasticGame game = testing::AlternatingOffers(d1, d2, greedier);
  const MarkovResult r = SolveMarkovPerfect(game);
  INFO(r.Report());
  REQUIRE(r.ok());
  CHECK(std::abs(r.values[0](0) - testing::RubinsteinShare(d1, d2)) <= 1e-8);
  CHECK(std::abs(r.values[1](1) - testing::RubinsteinShare(d2, d1)) <= 1e-8);
}

TEST_CASE("A one-state game with discount 0 reduces to its bimatrix game",
          "[stochastic][mpe][bimatrix]") {
  const StochasticGame game = ReadStochasticGameFile(kDataDir + "/one_state_bimatrix.toml");
  const StochasticState& only = game.states[0];
  Bimatrix bimatrix = MakeBimatrix(only.payoffs[0], only.payoffs[1]);
  // Closed form (see the file): the 7 equilibria of diag(3, 2, 1) vs diag(1, 2, 4).
  std::vector<MixedProfile> closed_form;
  const Eigen::Vector3d a(3, 2, 1), b(1, 2, 4);
  for (int mask = 1; mask < 8; ++mask) {
    Eigen::Vector3d row = Eigen::Vector3d::Zero(), col = Eigen::Vector3d::Zero();
    for (int k = 0; k < 3; ++k) {
      if (mask & (1 << k)) {
        row(k) = 1.0 / b(k);
        col(k) = 1.0 / a(k);
      }
    }
    closed_form.push_back({row / row.sum(), col / col.sum()});
  }
  auto is_equilibrium = [&](const MixedProfile& p) {
    for (const MixedProfile& q : closed_form) {
      if (SameProfile(p, q, 1e-9)) return true;
    }
    return false;
  };

  MarkovPerfectOptions options;
  SECTION("Lemke-Howson from label 1, and from label 4") {
    for (int label : {1, 4}) {
      CAPTURE(label);
      options.lemke_howson_label = label;
      LemkeHowsonOptions lh;
      lh.label = label;
      const SolveResult direct = SolveLemkeHowson(bimatrix, lh);
      REQUIRE(direct.ok());
      const MarkovResult r = SolveMarkovPerfect(game, options);
      REQUIRE(r.ok());
      CHECK(SameProfile(r.strategies[0], direct.equilibria[0].profile, 1e-12));
      CHECK(is_equilibrium(r.strategies[0]));
      CHECK(r.values[0](0) == Approx(direct.equilibria[0].row_payoff).epsilon(1e-12));
    }
  }
  SECTION("first of support enumeration") {
    options.selection = StageSelection::kFirstSupportEnumeration;
    const SolveResult direct = SolveSupportEnumeration(bimatrix);
    REQUIRE(direct.equilibria.size() == 7);
    const MarkovResult r = SolveMarkovPerfect(game, options);
    REQUIRE(r.ok());
    CHECK(SameProfile(r.strategies[0], direct.equilibria[0].profile, 1e-12));
    CHECK(is_equilibrium(r.strategies[0]));
  }
  SECTION("payoff dominant: (bottom, right) with payoffs (1, 4)") {
    options.selection = StageSelection::kPayoffDominant;
    const MarkovResult r = SolveMarkovPerfect(game, options);
    REQUIRE(r.ok());
    CHECK(SameProfile(r.strategies[0], closed_form[3], 1e-12));  // mask 4: support {bottom}
    CHECK(r.values[0](0) == Approx(1.0));
    CHECK(r.values[1](0) == Approx(4.0));
  }
  SECTION("logit limit, and the Markov QRE's limit") {
    options.selection = StageSelection::kLogitLimit;
    const LogitQreResult direct = SolveLogitQre(bimatrix);
    REQUIRE(direct.result.ok());
    const MarkovResult r = SolveMarkovPerfect(game, options);
    REQUIRE(r.ok());
    CHECK(SameProfile(r.strategies[0], direct.result.equilibria[0].profile, 1e-9));
    // Both trace the principal logit branch of the same game.
    const MarkovQreResult q = SolveMarkovQre(game);
    REQUIRE(q.result.ok());
    CHECK(SameProfile(q.result.strategies[0], direct.result.equilibria[0].profile, 1e-9));
    CHECK(is_equilibrium(q.result.strategies[0]));
  }
}

TEST_CASE("Nash demand game: the certificate agrees with the closed-form MPE conditions",
          "[stochastic][mpe][demand]") {
  const StochasticGame game = ReadStochasticGameFile(kDataDir + "/nash_demand.toml");
  const std::vector<double> demand{0.2, 0.4, 0.5, 0.6, 0.8};
  const double d = 0.9, p = 0.2;
  const std::array<double, 2> breakdown{0.02 / (1 - d), 0.01 / (1 - d)};  // absorbing values
  // Value of an impasse repeated forever: V = d (p B + (1 - p) V).
  const std::array<double, 2> impasse{d * p * breakdown[0] / (1 - d * (1 - p)),
                                      d * p * breakdown[1] / (1 - d * (1 - p))};
  int equilibria = 0;
  for (int i = 0; i < 5; ++i) {
    for (int j = 0; j < 5; ++j) {
      CAPTURE(demand[i], demand[j]);
      const bool deal = demand[i] + demand[j] <= 1 + 1e-12;
      const std::array<double, 2> v = deal ? std::array<double, 2>{demand[i], demand[j]} : impasse;
      // Best one-shot deviations: the largest compatible demand, or an incompatible one.
      double best1 = d * (p * breakdown[0] + (1 - p) * v[0]);
      double best2 = d * (p * breakdown[1] + (1 - p) * v[1]);
      for (int k = 0; k < 5; ++k) {
        if (demand[k] + demand[j] <= 1 + 1e-12) best1 = std::max(best1, demand[k]);
        if (demand[i] + demand[k] <= 1 + 1e-12) best2 = std::max(best2, demand[k]);
      }
      const double gain = std::max(best1 - v[0], best2 - v[1]);
      MarkovStrategies sigma{{Eigen::VectorXd::Unit(5, i), Eigen::VectorXd::Unit(5, j)},
                             {Eigen::VectorXd::Ones(1), Eigen::VectorXd::Ones(1)}};
      const CertifiedPolicy certified = CertifyStrategies(game, sigma);
      REQUIRE(certified.evaluation.ok());
      CHECK(certified.evaluation.values[0](0) == Approx(v[0]).epsilon(1e-12));
      CHECK(certified.evaluation.values[1](0) == Approx(v[1]).epsilon(1e-12));
      CHECK(certified.evaluation.values[0](1) == Approx(breakdown[0]).epsilon(1e-12));
      CHECK(certified.certificate.Max() == Approx(std::max(0.0, gain)).margin(1e-12));
      if (gain <= 1e-12) ++equilibria;
    }
  }
  // Exactly the efficient splits (0.2, 0.8), (0.4, 0.6), (0.5, 0.5), (0.6, 0.4), (0.8, 0.2): no
  // impasse survives, since conceding to 0.2 beats both impasse values (0.129 and 0.064).
  CHECK(equilibria == 5);

  for (StageSelection selection : {StageSelection::kLemkeHowson, StageSelection::kPayoffDominant}) {
    CAPTURE(ToString(selection));
    MarkovPerfectOptions options;
    options.selection = selection;
    const MarkovResult r = SolveMarkovPerfect(game, options);
    INFO(r.Report());
    REQUIRE(r.ok());
    CHECK(r.values[0](0) + r.values[1](0) == Approx(1.0));  // an immediate efficient deal
  }
  const MarkovQreResult q = SolveMarkovQre(game);
  INFO(q.result.Report());
  REQUIRE(q.result.ok());
  CHECK(q.result.certificate.Max() <= 1e-8);
}

// One state where player 1 stops (1 for itself, the game ends) or continues (0.3 and 0.1 now,
// same state next period); player 2 has no choice.
StochasticGame StoppingGame(int horizon) {
  Eigen::MatrixXd u1(2, 1), u2(2, 1);
  u1 << 1.0, 0.3;
  u2 << 0.0, 0.1;
  StochasticGame game;
  game.discount = {0.9, 0.9};
  game.horizon = horizon;
  game.states.push_back(MakeState("wait", u1, u2, 1));
  SetTransitions(game.states[0], 1, {{1, 0, 0, 1.0}});
  return game;
}

TEST_CASE("Backward induction: finite-horizon stopping problem", "[stochastic][mpe][finite]") {
  // Continuing is optimal while 0.3 + 0.9 V >= 1, i.e. V >= 7/9, which holds from the last period
  // (V_T = 1) backwards: continue until T, stop at T. V_1 = 0.3 (1 - 0.9^(T-1)) / 0.1 + 0.9^(T-1)
  // for player 1 and 1 - 0.9^(T-1) for player 2.
  for (int horizon : {1, 2, 5, 30}) {
    CAPTURE(horizon);
    const MarkovResult r = SolveMarkovPerfect(StoppingGame(horizon));
    INFO(r.Report());
    REQUIRE(r.ok());
    const double q = std::pow(0.9, horizon - 1);
    CHECK(r.values[0](0) == Approx(3.0 * (1 - q) + q).epsilon(1e-13));
    CHECK(r.values[1](0) == Approx(1 - q).margin(1e-13));
    REQUIRE(r.period_strategies.size() == static_cast<std::size_t>(horizon));
    CHECK(r.period_strategies.back()[0].row(0) == 1.0);  // stop in the last period
    if (horizon > 1) CHECK(r.period_strategies.front()[0].row(1) == 1.0);
    CHECK(r.iterations == horizon);
  }
  // Infinite horizon: continuing forever is worth 0.3 / 0.1 = 3 > 1.
  const MarkovResult infinite = SolveMarkovPerfect(StoppingGame(0));
  REQUIRE(infinite.ok());
  CHECK(infinite.values[0](0) == Approx(3.0));
}

TEST_CASE("Backward induction: finitely repeated prisoner's dilemma", "[stochastic][mpe][finite]") {
  Eigen::MatrixXd u1(2, 2);
  u1 << 3, 0, 5, 1;  // rows: cooperate, defect
  StochasticGame game;
  game.discount = {0.8, 0.6};
  game.horizon = 6;
  game.states.push_back(MakeState("play", u1, u1.transpose(), 1));
  SetTransitions(game.states[0], 1, {{0, 0, 0, 1}, {0, 1, 0, 1}, {1, 0, 0, 1}, {1, 1, 0, 1}});
  const MarkovResult r = SolveBackwardInduction(game);
  REQUIRE(r.ok());
  // Defection in every period: sum_{t<6} d^t * 1.
  CHECK(r.values[0](0) == Approx((1 - std::pow(0.8, 6)) / 0.2).epsilon(1e-13));
  CHECK(r.values[1](0) == Approx((1 - std::pow(0.6, 6)) / 0.4).epsilon(1e-13));
  for (const MarkovStrategies& period : r.period_strategies) {
    CHECK(period[0].row(1) == 1.0);
    CHECK(period[0].col(1) == 1.0);
  }
  game.horizon = 0;
  CHECK(SolveBackwardInduction(game).status == MarkovStatus::kInvalidInput);
  // A time limit already passed: no period is solved, nothing is claimed.
  game.horizon = 6;
  MarkovPerfectOptions hurried;
  hurried.max_seconds = 1e-12;
  const MarkovResult stopped = SolveBackwardInduction(game, hurried);
  CHECK(stopped.status == MarkovStatus::kTimeLimit);
  CHECK(stopped.period_strategies.empty());
  CHECK(std::isinf(stopped.certificate.Max()));
}

TEST_CASE("Value iteration reports a cycle while the logit Markov QRE still answers",
          "[stochastic][mpe][status]") {
  // A two-state random game on which Lemke-Howson selection alternates between two profiles.
  StochasticGameSpec spec;
  spec.states = 2;
  spec.min_actions = spec.max_actions = 2;
  spec.density = 1.0;
  spec.seed = 12;
  const StochasticGame game = GenerateStochasticGame(spec);
  const MarkovResult r = SolveMarkovPerfect(game);
  CHECK(r.status == MarkovStatus::kCycle);
  CHECK_THAT(r.message, Catch::Contains("were already selected in round") &&
                            Catch::Contains("cycle of length 2"));
  CHECK(r.iterations < 10);
  CHECK(r.strategies.size() == 2);
  const MarkovQreResult q = SolveMarkovQre(game);
  INFO(q.result.Report());
  CHECK(q.result.ok());
  CHECK(q.result.certificate.Max() <= q.result.tolerance);
}

TEST_CASE("A cycle whose last profile is an equilibrium is reported as a success",
          "[stochastic][mpe][status]") {
  StochasticGameSpec spec;
  spec.states = 3;
  spec.min_actions = spec.max_actions = 2;
  spec.density = 0.5;
  spec.seed = 2;
  const StochasticGame game = GenerateStochasticGame(spec);
  const MarkovResult r = SolveMarkovPerfect(game);
  INFO(r.Report());
  REQUIRE(r.ok());
  CHECK_THAT(r.message, Catch::StartsWith("value iteration stopped (cycle: the strategies of round"));
  // Certified independently of the solver's own values.
  const CertifiedPolicy check = CertifyStrategies(game, r.strategies);
  REQUIRE(check.evaluation.ok());
  CHECK(check.certificate.Max() <= 1e-8 * PayoffScale(game));
}

TEST_CASE("Value iteration limits and failures are statuses", "[stochastic][mpe][status]") {
  const StochasticGame rubinstein = testing::AlternatingOffers(0.9, 0.8, 2);
  MarkovPerfectOptions options;
  options.max_iterations = 1;
  const MarkovResult limited = SolveMarkovPerfect(rubinstein, options);
  CHECK(limited.status == MarkovStatus::kIterationLimit);
  CHECK(limited.message == "no convergence in 1 rounds (residual 1)");
  CHECK(limited.iterations == 1);
  CHECK(limited.strategies.size() == 2);

  options.max_iterations = 1000;
  options.max_seconds = 1e-12;
  CHECK(SolveMarkovPerfect(rubinstein, options).status == MarkovStatus::kTimeLimit);

  // Undiscounted, and the two states hand play to each other forever: no finite values.
  StochasticGame loop;
  loop.discount = {1.0, 1.0};
  for (int s = 0; s < 2; ++s) {
    loop.states.push_back(MakeState(s == 0 ? "ping" : "pong", Eigen::MatrixXd::Ones(1, 1),
                                    Eigen::MatrixXd::Ones(1, 1), 2));
    SetTransitions(loop.states.back(), 2, {{0, 0, 1 - s, 1.0}});
  }
  const MarkovResult singular = SolveMarkovPerfect(loop);
  CHECK(singular.status == MarkovStatus::kSingularSystem);
  CHECK_THAT(singular.message, Catch::StartsWith("round 1: policy evaluation for Player 1"));
  CHECK(SolveMarkovQre(loop).result.status == MarkovStatus::kSingularSystem);

  options = {};
  options.max_iterations = 0;
  CHECK(SolveMarkovPerfect(rubinstein, options).message == "max_iterations must be >= 1");
  options = {};
  options.initial_values[0] = Eigen::VectorXd::Zero(3);
  CHECK(SolveMarkovPerfect(rubinstein, options).status == MarkovStatus::kInvalidInput);
}

TEST_CASE("Value iteration from the equilibrium values stops at once", "[stochastic][mpe]") {
  const StochasticGame game = testing::AlternatingOffers(0.9, 0.8, 2);
  const double x = testing::RubinsteinShare(0.9, 0.8), y = testing::RubinsteinShare(0.8, 0.9);
  MarkovPerfectOptions options;
  options.selection = StageSelection::kFirstSupportEnumeration;
  options.initial_values = {Eigen::Vector2d(x, 1 - y), Eigen::Vector2d(1 - x, y)};
  const MarkovResult r = SolveMarkovPerfect(game, options);
  REQUIRE(r.ok());
  CHECK(r.iterations == 2);  // one round to select, one to see nothing change
}

}  // namespace
}  // namespace kaesong
