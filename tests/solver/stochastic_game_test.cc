// The stochastic game type, its generator, policy evaluation and the certificate, against values
// worked out by hand from the definitions.
#include "sim/solver/markov_policy.h"
#include "sim/solver/stochastic_game.h"
#include "sim/solver/stochastic_game_generator.h"
#include "tests/solver/stochastic_test_games.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

namespace kaesong {
namespace {

Eigen::MatrixXd Scalar(double v) { return Eigen::MatrixXd::Constant(1, 1, v); }

// Two states, one action each. State 0 pays (1, 2), stays with 0.3, moves to 1 with 0.5 and ends
// with 0.2; state 1 pays (0, 1) and moves to 0 for sure.
StochasticGame Chain(double d1, double d2) {
  StochasticGame game;
  game.discount = {d1, d2};
  game.states.push_back(MakeState("first", Scalar(1), Scalar(2), 2));
  game.states.push_back(MakeState("second", Scalar(0), Scalar(1), 2));
  SetTransitions(game.states[0], 2, {{0, 0, 0, 0.3}, {0, 0, 1, 0.5}});
  SetTransitions(game.states[1], 2, {{0, 0, 0, 1.0}});
  return game;
}

MarkovStrategies Pure(const StochasticGame& game, std::vector<std::array<Eigen::Index, 2>> cells) {
  MarkovStrategies sigma;
  for (std::size_t s = 0; s < game.states.size(); ++s) {
    MixedProfile p{Eigen::VectorXd::Zero(game.states[s].actions(0)),
                   Eigen::VectorXd::Zero(game.states[s].actions(1))};
    p.row(cells[s][0]) = 1.0;
    p.col(cells[s][1]) = 1.0;
    sigma.push_back(p);
  }
  return sigma;
}

TEST_CASE("Validation lists every problem with the state named", "[stochastic]") {
  StochasticGame game = Chain(0.9, 1.2);
  game.horizon = -1;
  game.states[0].payoffs[1] = Eigen::MatrixXd::Zero(2, 1);
  game.states[1].action_labels[0].push_back("extra");
  SetTransitions(game.states[1], 2, {{0, 0, 0, 0.7}, {0, 0, 1, 0.4}});
  const std::vector<std::string> errors = ValidationErrors(game);
  REQUIRE(errors.size() == 5);
  CHECK(errors[0] == "discount factor of Player 2 must be in [0, 1], got 1.2");
  CHECK(errors[1] == "horizon must be >= 0 (0 = infinite), got -1");
  CHECK(errors[2] == "state 'first': payoff matrices differ in shape: 1x1 and 2x1");
  CHECK(errors[3] == "state 'second': 2 action labels for 1 of player 1");
  CHECK(errors[4] == "state 'second': transition probabilities of actions (1, 1) sum to 1.1 > 1");
  std::string why;
  CHECK_FALSE(Validate(game, &why));
  CHECK(why.find("; horizon must be") != std::string::npos);

  StochasticGame negative = Chain(0.9, 0.9);
  SetTransitions(negative.states[0], 2, {{0, 0, 1, -0.1}});
  REQUIRE(ValidationErrors(negative).size() == 1);
  CHECK(ValidationErrors(negative)[0] ==
        "state 'first': actions (1, 1) have a negative or non-finite transition probability");
  CHECK(Validate(Chain(0.9, 0.9)));
  CHECK(ValidationErrors(StochasticGame{}) == std::vector<std::string>{"game has no states"});
}

TEST_CASE("Payoff scale is the largest per-player payoff range over all states", "[stochastic]") {
  StochasticGame game = Chain(0.5, 0.5);
  CHECK(PayoffScale(game) == 1.0);  // ranges: player 1 [0, 1], player 2 [1, 2]
  game.states[1].payoffs[1](0, 0) = -3.0;
  CHECK(PayoffScale(game) == 5.0);
}

TEST_CASE("Policy evaluation matches the hand-solved linear system", "[stochastic]") {
  const StochasticGame game = Chain(0.9, 0.5);
  // V1(0) = 1 + 0.9 (0.3 V1(0) + 0.5 V1(1)), V1(1) = 0.9 V1(0)  =>  V1(0) = 1 / 0.325.
  // V2(0) = 2 + 0.5 (0.3 V2(0) + 0.5 V2(1)), V2(1) = 1 + 0.5 V2(0)  =>  V2(0) = 2.25 / 0.725.
  const double v10 = 1.0 / 0.325, v20 = 2.25 / 0.725;
  for (Eigen::Index dense_threshold : {Eigen::Index{256}, Eigen::Index{0}}) {
    CAPTURE(dense_threshold);
    PolicyEvaluationOptions options;
    options.dense_threshold = dense_threshold;
    const PolicyEvaluation eval = EvaluatePolicy(game, Pure(game, {{0, 0}, {0, 0}}), options);
    REQUIRE(eval.ok());
    CHECK(eval.values[0](0) == Approx(v10).epsilon(1e-14));
    CHECK(eval.values[0](1) == Approx(0.9 * v10).epsilon(1e-14));
    CHECK(eval.values[1](0) == Approx(v20).epsilon(1e-14));
    CHECK(eval.values[1](1) == Approx(1.0 + 0.5 * v20).epsilon(1e-14));
  }
}

TEST_CASE("Dense LU and sparse LU and BiCGSTAB evaluations agree", "[stochastic]") {
  StochasticGameSpec spec;
  spec.states = 60;
  spec.max_actions = 4;
  spec.density = 0.1;
  spec.discount = {0.95, 0.6};
  spec.seed = 3;
  const StochasticGame game = GenerateStochasticGame(spec);
  const MarkovStrategies sigma = UniformStrategies(game);
  const PolicyEvaluation dense = EvaluatePolicy(game, sigma);
  PolicyEvaluationOptions sparse_options;
  sparse_options.dense_threshold = 0;
  sparse_options.iterative_threshold = 1000;
  const PolicyEvaluation sparse = EvaluatePolicy(game, sigma, sparse_options);
  PolicyEvaluationOptions iterative_options;
  iterative_options.dense_threshold = 0;
  iterative_options.iterative_threshold = 0;
  const PolicyEvaluation iterative = EvaluatePolicy(game, sigma, iterative_options);
  REQUIRE(dense.ok());
  REQUIRE(sparse.ok());
  REQUIRE(iterative.ok());
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK((dense.values[i] - sparse.values[i]).lpNorm<Eigen::Infinity>() <= 1e-12);
    CHECK((dense.values[i] - iterative.values[i]).lpNorm<Eigen::Infinity>() <= 1e-11);
  }
}

TEST_CASE("Policy evaluation of mixed strategies", "[stochastic]") {
  // One state; row 0 continues with probability 0.5, row 1 with 1; the column only moves payoffs.
  Eigen::MatrixXd u1(2, 2), u2(2, 2);
  u1 << 1, 3, 0, 2;
  u2 << 2, 0, 1, 1;
  StochasticGame game;
  game.discount = {0.8, 0.6};
  game.states.push_back(MakeState("s", u1, u2, 1));
  SetTransitions(game.states[0], 1, {{0, 0, 0, 0.5}, {0, 1, 0, 0.5}, {1, 0, 0, 1}, {1, 1, 0, 1}});
  const MarkovStrategies sigma{{Eigen::Vector2d(0.25, 0.75), Eigen::Vector2d(0.4, 0.6)}};
  // Expected stage payoffs and continuation probability under sigma.
  const double r1 = 0.25 * (0.4 * 1 + 0.6 * 3) + 0.75 * (0.4 * 0 + 0.6 * 2);
  const double r2 = 0.25 * (0.4 * 2 + 0.6 * 0) + 0.75 * (0.4 * 1 + 0.6 * 1);
  const double p = 0.25 * 0.5 + 0.75 * 1.0;
  const PolicyEvaluation eval = EvaluatePolicy(game, sigma);
  REQUIRE(eval.ok());
  CHECK(eval.values[0](0) == Approx(r1 / (1 - 0.8 * p)).epsilon(1e-14));
  CHECK(eval.values[1](0) == Approx(r2 / (1 - 0.6 * p)).epsilon(1e-14));
}

TEST_CASE("Undiscounted play that never ends is a singular system", "[stochastic]") {
  // Discount 1 and a two-state cycle with no way out: the values would be infinite.
  StochasticGame game = Chain(1.0, 1.0);
  SetTransitions(game.states[0], 2, {{0, 0, 1, 1.0}});
  for (Eigen::Index dense_threshold : {Eigen::Index{256}, Eigen::Index{0}}) {
    CAPTURE(dense_threshold);
    PolicyEvaluationOptions options;
    options.dense_threshold = dense_threshold;
    const PolicyEvaluation eval = EvaluatePolicy(game, Pure(game, {{0, 0}, {0, 0}}), options);
    CHECK(eval.status == MarkovStatus::kSingularSystem);
    CHECK_THAT(eval.message,
               Catch::Contains("singular") && Catch::Contains("never left and never end"));
  }
  // With an exit the undiscounted total is finite: V1(0) = 1 + 0.3 V1(0) + 0.5 V1(1), V1(1) =
  // V1(0).
  const PolicyEvaluation finite = EvaluatePolicy(Chain(1.0, 1.0), Pure(game, {{0, 0}, {0, 0}}));
  REQUIRE(finite.ok());
  CHECK(finite.values[0](0) == Approx(1.0 / 0.2).epsilon(1e-13));
}

TEST_CASE("Undiscounted play that never ends is singular on the sparse paths too", "[stochastic]") {
  // Random games whose transition rows all sum to 1 (continuation 1) never end, so with discount 1
  // no profile has finite values, whichever factorisation is used. Rounding leaves the pivots of
  // I - P_sigma tiny rather than exactly zero, which must not pass for a regular system.
  PolicyEvaluationOptions dense, sparse;
  sparse.dense_threshold = 0;
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    CAPTURE(seed);
    StochasticGameSpec spec;
    spec.states = 30;
    spec.density = 0.2;
    spec.seed = seed;
    StochasticGame game = GenerateStochasticGame(spec);
    game.discount = {1.0, 1.0};
    for (const PolicyEvaluationOptions& options : {dense, sparse}) {
      CAPTURE(options.dense_threshold);
      const PolicyEvaluation eval = EvaluatePolicy(game, UniformStrategies(game), options);
      CHECK(eval.status == MarkovStatus::kSingularSystem);
      CHECK_THAT(eval.message, Catch::Contains("never left and never end"));
    }
  }
  // Three states, one action each, every row summing to 1 in exact arithmetic (0.2 + 0.1 + 0.7 is
  // not exactly 1 in binary, so no pivot becomes exactly zero).
  StochasticGame closed;
  closed.discount = {1.0, 1.0};
  for (const char* name : {"a", "b", "c"}) {
    closed.states.push_back(MakeState(name, Scalar(1), Scalar(1), 3));
  }
  SetTransitions(closed.states[0], 3, {{0, 0, 0, 0.2}, {0, 0, 1, 0.1}, {0, 0, 2, 0.7}});
  SetTransitions(closed.states[1], 3, {{0, 0, 0, 0.3}, {0, 0, 2, 0.7}});
  SetTransitions(closed.states[2], 3, {{0, 0, 0, 0.2}, {0, 0, 1, 0.1}, {0, 0, 2, 0.7}});
  for (const PolicyEvaluationOptions& options : {dense, sparse}) {
    CAPTURE(options.dense_threshold);
    CHECK(EvaluatePolicy(closed, UniformStrategies(closed), options).status ==
          MarkovStatus::kSingularSystem);
  }
}

TEST_CASE("Undiscounted play that ends a.s. has the same values on the sparse path",
          "[stochastic]") {
  // Continuation 0.6: play ends with probability 0.4 each period, so with discount 1 the values are
  // the expected total payoffs, here summed directly: V = sum_t P^t u (terms shrink like 0.6^t).
  StochasticGameSpec spec;
  spec.states = 30;
  spec.density = 0.2;
  spec.continuation = 0.6;
  spec.seed = 4;
  StochasticGame game = GenerateStochasticGame(spec);
  game.discount = {1.0, 1.0};
  const MarkovStrategies sigma = UniformStrategies(game);
  const Eigen::Index n = game.num_states();
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(n, n);
  std::array<Eigen::VectorXd, 2> u{Eigen::VectorXd::Zero(n), Eigen::VectorXd::Zero(n)};
  for (Eigen::Index s = 0; s < n; ++s) {
    const StochasticState& state = game.states[static_cast<std::size_t>(s)];
    const MixedProfile& mix = sigma[static_cast<std::size_t>(s)];
    for (Eigen::Index a1 = 0; a1 < state.actions(0); ++a1) {
      for (Eigen::Index a2 = 0; a2 < state.actions(1); ++a2) {
        const double weight = mix.row(a1) * mix.col(a2);
        for (std::size_t i = 0; i < 2; ++i) u[i](s) += weight * state.payoffs[i](a1, a2);
        for (Eigen::Index to = 0; to < n; ++to) {
          p(s, to) += weight * state.transitions.coeff(state.Cell(a1, a2), to);
        }
      }
    }
  }
  std::array<Eigen::VectorXd, 2> expected = u;
  for (std::size_t i = 0; i < 2; ++i) {
    Eigen::VectorXd term = u[i];
    for (int t = 0; t < 200; ++t) {
      term = p * term;
      expected[i] += term;
    }
  }
  PolicyEvaluationOptions sparse;
  sparse.dense_threshold = 0;
  for (const PolicyEvaluationOptions& options : {PolicyEvaluationOptions{}, sparse}) {
    CAPTURE(options.dense_threshold);
    const PolicyEvaluation eval = EvaluatePolicy(game, sigma, options);
    REQUIRE(eval.ok());
    for (std::size_t i = 0; i < 2; ++i) {
      CHECK((eval.values[i] - expected[i]).lpNorm<Eigen::Infinity>() <=
            1e-12 * expected[i].lpNorm<Eigen::Infinity>());
    }
  }
}

TEST_CASE("Policy evaluation rejects strategies that are not distributions", "[stochastic]") {
  const StochasticGame game = Chain(0.9, 0.9);
  MarkovStrategies sigma = Pure(game, {{0, 0}, {0, 0}});
  sigma[1].row(0) = 0.5;
  const PolicyEvaluation eval = EvaluatePolicy(game, sigma);
  CHECK(eval.status == MarkovStatus::kInvalidInput);
  CHECK(eval.message ==
        "state 'second': strategies are not probability vectors over 1 and 1 actions");
  CHECK(EvaluatePolicy(game, {}).message == "0 strategy profiles for 2 states");
}

TEST_CASE("Certificate: one-shot deviation gains in repeated matching pennies", "[stochastic]") {
  Eigen::MatrixXd a(2, 2);
  a << 1, -1, -1, 1;
  StochasticGame game;
  game.discount = {0.5, 0.5};
  game.states.push_back(MakeState("pennies", a, -a, 1));
  SetTransitions(game.states[0], 1, {{0, 0, 0, 1}, {0, 1, 0, 1}, {1, 0, 0, 1}, {1, 1, 0, 1}});
  // Uniform mixing is the MPE: no gain.
  const CertifiedPolicy uniform = CertifyStrategies(game, UniformStrategies(game));
  REQUIRE(uniform.evaluation.ok());
  CHECK(uniform.certificate.Max() == Approx(0.0).margin(1e-15));
  // (heads, heads) forever: V = (2, -2). The column gains 1 + 0.5 (-2) - (-1 + 0.5 (-2)) = 2 by
  // switching to tails for one period; the row cannot gain.
  const CertifiedPolicy pure = CertifyStrategies(game, Pure(game, {{0, 0}}));
  REQUIRE(pure.evaluation.ok());
  CHECK(pure.evaluation.values[0](0) == Approx(2.0));
  CHECK(pure.certificate.max_gain[0] == Approx(0.0).margin(1e-15));
  CHECK(pure.certificate.max_gain[1] == Approx(2.0));
  CHECK(pure.certificate.worst_state[1] == 0);
}

TEST_CASE("Continuation payoffs add discounted expected values", "[stochastic]") {
  const StochasticGame game = Chain(0.9, 0.5);
  const std::array<Eigen::VectorXd, 2> values{Eigen::Vector2d(10, 20), Eigen::Vector2d(-1, 3)};
  std::array<Eigen::MatrixXd, 2> w;
  ContinuationPayoffs(game, 0, values, w);
  CHECK(w[0](0, 0) == Approx(1 + 0.9 * (0.3 * 10 + 0.5 * 20)));
  CHECK(w[1](0, 0) == Approx(2 + 0.5 * (0.3 * -1 + 0.5 * 3)));
}

TEST_CASE("Generated games are valid and reproducible and use the documented draws",
          "[stochastic][generator]") {
  StochasticGameSpec spec;
  spec.states = 7;
  spec.min_actions = 2;
  spec.max_actions = 4;
  spec.density = 0.4;
  spec.continuation = 0.9;
  spec.seed = 42;
  const StochasticGame game = GenerateStochasticGame(spec);
  REQUIRE(Validate(game));
  CHECK(game.num_states() == 7);
  CHECK(game.states[3].name == "s4");
  for (const StochasticState& state : game.states) {
    CHECK(state.actions(0) >= 2);
    CHECK(state.actions(1) <= 4);
    for (Eigen::Index r = 0; r < state.cells(); ++r) {
      CHECK(state.transitions.row(r).sum() == Approx(0.9).epsilon(1e-14));
      // At most round(0.4 * 7) = 3 distinct next states per state.
    }
    Eigen::VectorXd reach = Eigen::VectorXd::Zero(7);
    for (Eigen::Index r = 0; r < state.cells(); ++r) reach += state.transitions.row(r).transpose();
    CHECK((reach.array() > 0).count() <= 3);
  }
  const StochasticGame again = GenerateStochasticGame(spec);
  CHECK(again.states[6].payoffs[1] == game.states[6].payoffs[1]);
  CHECK(Eigen::MatrixXd(again.states[2].transitions) ==
        Eigen::MatrixXd(game.states[2].transitions));
  spec.seed = 43;
  CHECK(GenerateStochasticGame(spec).states[0].payoffs[0](0, 0) != game.states[0].payoffs[0](0, 0));

  // Portability: with a fixed action count the first two draws set the action counts and the
  // third is player 1's first payoff, (bits >> 11) * 2^-53 of the standard mt19937_64 sequence.
  spec.min_actions = spec.max_actions = 3;
  std::mt19937_64 engine(spec.seed);
  engine();
  engine();
  const double first = static_cast<double>(engine() >> 11) * 0x1.0p-53;
  const double second = static_cast<double>(engine() >> 11) * 0x1.0p-53;
  const StochasticGame fixed = GenerateStochasticGame(spec);
  CHECK(fixed.states[0].payoffs[0](0, 0) == first);
  CHECK(fixed.states[0].payoffs[1](0, 0) == second);

  spec.density = 0.0;
  CHECK_THROWS_WITH(GenerateStochasticGame(spec), "density must be in (0, 1]");
}

TEST_CASE("Test game builders encode the closed-form setting", "[stochastic]") {
  const StochasticGame game = testing::AlternatingOffers(0.9, 0.8, 2);
  REQUIRE(Validate(game));
  const double x = testing::RubinsteinShare(0.9, 0.8);
  CHECK(x == Approx(5.0 / 7.0).epsilon(1e-15));
  // A keeps x* and B's rule accepts it: the split is paid and the game ends.
  CHECK(game.states[0].payoffs[0](0, 0) == x);
  CHECK(game.states[0].transitions.row(game.states[0].Cell(0, 0)).sum() == 0.0);
  // A keeps 1 against a rule accepting only x*: rejected, B proposes next.
  CHECK(game.states[0].transitions.coeff(game.states[0].Cell(2, 0), 1) == 1.0);
  // In state 1 the columns are B's offers: B keeps y* = 5/14, A (rows) accepts with any rule.
  CHECK(game.states[1].payoffs[1](2, 0) == Approx(5.0 / 14.0).epsilon(1e-15));
}

}  // namespace
}  // namespace kaesong
