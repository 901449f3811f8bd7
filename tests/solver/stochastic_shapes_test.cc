// Stochastic games whose states differ in shape (1x1, 1xn, nx1 and general states in one game),
// games that end after one period everywhere (transition rows summing to exactly 0), and
// finite horizons over several states with different discount factors. Expected values come
// from the definitions: stage equilibria found by dominance, and sums or linear solves written
// out here, never from the solvers.
#include "sim/solver/markov_perfect.h"
#include "sim/solver/markov_policy.h"
#include "sim/solver/markov_qre.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

namespace kaesong {
namespace {

// Four states: "one" 1x1, "row" 1x3 (only the column chooses), "col" 3x1 (only the row chooses)
// and "mix" 2x3. Without transitions every state's stage game is the whole game there; each has
// a unique equilibrium: "row" column 2 (2.5 is the column's largest payoff), "col" row 2 (1.5),
// "mix" (top, right) by iterated dominance (right beats middle for the column, then top beats
// bottom for the row against left and right, then right is the column's reply to top).
StochasticGame MixedShapes(std::array<double, 2> discount) {
  StochasticGame game;
  game.title = "states of different shapes";
  game.discount = discount;
  Eigen::MatrixXd a1(1, 1), b1(1, 1), a2(1, 3), b2(1, 3), a3(3, 1), b3(3, 1), a4(2, 3), b4(2, 3);
  a1 << 2;
  b1 << 3;
  a2 << 1, 2, 3;
  b2 << 0.5, 2.5, 1.0;
  a3 << 0.2, 1.5, 0.7;
  b3 << 1, 1, 1;
  a4 << 3, 0, 1, 0, 2, 0.5;
  b4 << 0, 1, 2, 2, 0, 0.25;
  game.states.push_back(MakeState("one", a1, b1, 4));
  game.states.push_back(MakeState("row", a2, b2, 4));
  game.states.push_back(MakeState("col", a3, b3, 4));
  game.states.push_back(MakeState("mix", a4, b4, 4));
  return game;
}

// The same states, now moving between each other depending on the actions (some mass ends).
StochasticGame ConnectedShapes(std::array<double, 2> discount) {
  StochasticGame game = MixedShapes(discount);
  SetTransitions(game.states[0], 4, {{0, 0, 1, 0.5}, {0, 0, 3, 0.3}});
  SetTransitions(game.states[1], 4, {{0, 0, 2, 1.0}, {0, 1, 3, 0.6}, {0, 2, 0, 0.9}});
  SetTransitions(game.states[2], 4, {{0, 0, 3, 0.4}, {1, 0, 0, 0.8}, {2, 0, 1, 0.5}});
  SetTransitions(game.states[3], 4,
                 {{0, 0, 0, 0.5},
                  {1, 0, 1, 0.5},
                  {0, 1, 2, 0.9},
                  {1, 1, 3, 0.2},
                  {0, 2, 3, 0.7},
                  {1, 2, 0, 0.1}});
  return game;
}

// Largest one-shot deviation gain of `sigma` over both players and all states, with the values
// computed here from the definition: V_i = (I - delta_i P_sigma)^-1 u_sigma,i with P_sigma and
// u_sigma built cell by cell (row a1, column a2, transition row a1 + n1 a2).
double IndependentGain(const StochasticGame& game, const MarkovStrategies& sigma,
                       std::array<Eigen::VectorXd, 2>* values_out = nullptr) {
  const Eigen::Index n = game.num_states();
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(n, n);
  std::array<Eigen::VectorXd, 2> u{Eigen::VectorXd::Zero(n), Eigen::VectorXd::Zero(n)};
  for (Eigen::Index s = 0; s < n; ++s) {
    const StochasticState& state = game.states[static_cast<std::size_t>(s)];
    const MixedProfile& mix = sigma[static_cast<std::size_t>(s)];
    for (Eigen::Index a1 = 0; a1 < state.payoffs[0].rows(); ++a1) {
      for (Eigen::Index a2 = 0; a2 < state.payoffs[0].cols(); ++a2) {
        const double weight = mix.row(a1) * mix.col(a2);
        for (std::size_t i = 0; i < 2; ++i) u[i](s) += weight * state.payoffs[i](a1, a2);
        for (Eigen::Index to = 0; to < n; ++to) {
          p(s, to) += weight * state.transitions.coeff(a1 + state.payoffs[0].rows() * a2, to);
        }
      }
    }
  }
  std::array<Eigen::VectorXd, 2> v;
  for (std::size_t i = 0; i < 2; ++i) {
    const Eigen::MatrixXd a = Eigen::MatrixXd::Identity(n, n) - game.discount[i] * p;
    v[i] = a.fullPivLu().solve(u[i]);
  }
  double worst = 0.0;
  for (Eigen::Index s = 0; s < n; ++s) {
    const StochasticState& state = game.states[static_cast<std::size_t>(s)];
    const MixedProfile& mix = sigma[static_cast<std::size_t>(s)];
    const Eigen::Index n1 = state.payoffs[0].rows(), n2 = state.payoffs[0].cols();
    // Expected payoff of each own action against the other's mix, continuation included.
    Eigen::VectorXd q1 = Eigen::VectorXd::Zero(n1), q2 = Eigen::VectorXd::Zero(n2);
    for (Eigen::Index a1 = 0; a1 < n1; ++a1) {
      for (Eigen::Index a2 = 0; a2 < n2; ++a2) {
        double next1 = 0.0, next2 = 0.0;
        for (Eigen::Index to = 0; to < n; ++to) {
          const double prob = state.transitions.coeff(a1 + n1 * a2, to);
          next1 += prob * v[0](to);
          next2 += prob * v[1](to);
        }
        q1(a1) += mix.col(a2) * (state.payoffs[0](a1, a2) + game.discount[0] * next1);
        q2(a2) += mix.row(a1) * (state.payoffs[1](a1, a2) + game.discount[1] * next2);
      }
    }
    worst = std::max({worst, q1.maxCoeff() - mix.row.dot(q1), q2.maxCoeff() - mix.col.dot(q2)});
  }
  if (values_out != nullptr) *values_out = v;
  return worst;
}

std::vector<StageSelection> AllSelections() {
  return {StageSelection::kLemkeHowson, StageSelection::kFirstSupportEnumeration,
          StageSelection::kPayoffDominant, StageSelection::kLogitLimit};
}

void CheckStageEquilibria(const MarkovStrategies& sigma) {
  REQUIRE(sigma.size() == 4);
  CHECK(sigma[0].row.size() == 1);
  CHECK(sigma[0].col.size() == 1);
  CHECK(sigma[1].row.size() == 1);
  CHECK((sigma[1].col - Eigen::Vector3d(0, 1, 0)).lpNorm<Eigen::Infinity>() <= 1e-9);
  CHECK((sigma[2].row - Eigen::Vector3d(0, 1, 0)).lpNorm<Eigen::Infinity>() <= 1e-9);
  CHECK(sigma[2].col.size() == 1);
  CHECK((sigma[3].row - Eigen::Vector2d(1, 0)).lpNorm<Eigen::Infinity>() <= 1e-9);
  CHECK((sigma[3].col - Eigen::Vector3d(0, 0, 1)).lpNorm<Eigen::Infinity>() <= 1e-9);
}

TEST_CASE("Transition rows summing to 0 everywhere: every state is its own one-shot game",
          "[stochastic][shapes]") {
  // Play ends after the first period whatever happens, so even discount 1 gives finite values:
  // the stage equilibrium payoffs, (2, 2, 1.5, 1) and (3, 2.5, 1, 2).
  const Eigen::Vector4d v1(2, 2, 1.5, 1), v2(3, 2.5, 1, 2);
  for (const std::array<double, 2>& discount :
       {std::array<double, 2>{0.9, 0.7}, std::array<double, 2>{1.0, 1.0},
        std::array<double, 2>{0.0, 1.0}}) {
    CAPTURE(discount[0], discount[1]);
    const StochasticGame game = MixedShapes(discount);
    REQUIRE(Validate(game));
    for (StageSelection selection : AllSelections()) {
      CAPTURE(ToString(selection));
      MarkovPerfectOptions options;
      options.selection = selection;
      const MarkovResult r = SolveMarkovPerfect(game, options);
      INFO(r.Report());
      REQUIRE(r.ok());
      CheckStageEquilibria(r.strategies);
      CHECK((r.values[0] - v1).lpNorm<Eigen::Infinity>() <= 1e-12);
      CHECK((r.values[1] - v2).lpNorm<Eigen::Infinity>() <= 1e-12);
    }
    const MarkovQreResult q = SolveMarkovQre(game);
    INFO(q.result.Report());
    REQUIRE(q.result.ok());
    CheckStageEquilibria(q.result.strategies);
    CHECK((q.result.values[0] - v1).lpNorm<Eigen::Infinity>() <= 1e-9);
    CHECK((q.result.values[1] - v2).lpNorm<Eigen::Infinity>() <= 1e-9);
    // A finite horizon changes nothing either: there is no second period to reach.
    StochasticGame finite = game;
    finite.horizon = 3;
    const MarkovResult b = SolveMarkovPerfect(finite);
    REQUIRE(b.ok());
    REQUIRE(b.period_strategies.size() == 3);
    for (const MarkovStrategies& period : b.period_strategies) CheckStageEquilibria(period);
    CHECK((b.values[0] - v1).lpNorm<Eigen::Infinity>() <= 1e-12);
    CHECK((b.values[1] - v2).lpNorm<Eigen::Infinity>() <= 1e-12);
  }
}

TEST_CASE("States of different shapes connected by transitions", "[stochastic][shapes]") {
  const StochasticGame game = ConnectedShapes({0.9, 0.7});
  REQUIRE(Validate(game));
  for (StageSelection selection : AllSelections()) {
    CAPTURE(ToString(selection));
    MarkovPerfectOptions options;
    options.selection = selection;
    const MarkovResult r = SolveMarkovPerfect(game, options);
    INFO(r.Report());
    REQUIRE(r.ok());
    std::array<Eigen::VectorXd, 2> v;
    CHECK(IndependentGain(game, r.strategies, &v) <= 1e-9);
    CHECK((r.values[0] - v[0]).lpNorm<Eigen::Infinity>() <= 1e-10);
    CHECK((r.values[1] - v[1]).lpNorm<Eigen::Infinity>() <= 1e-10);
  }
  const MarkovQreResult q = SolveMarkovQre(game);
  INFO(q.result.Report());
  REQUIRE(q.result.ok());
  std::array<Eigen::VectorXd, 2> v;
  CHECK(IndependentGain(game, q.result.strategies, &v) <= 1e-8);
  CHECK((q.result.values[0] - v[0]).lpNorm<Eigen::Infinity>() <= 1e-9);
  CHECK((q.result.values[1] - v[1]).lpNorm<Eigen::Infinity>() <= 1e-9);
  // The certificate agrees with the gains computed here, for a profile that is not an
  // equilibrium as well: uniform play.
  const MarkovStrategies uniform = UniformStrategies(game);
  const CertifiedPolicy certified = CertifyStrategies(game, uniform);
  REQUIRE(certified.evaluation.ok());
  CHECK(certified.certificate.Max() == Approx(IndependentGain(game, uniform)).epsilon(1e-12));
  PolicyEvaluationOptions sparse;
  sparse.dense_threshold = 0;
  const PolicyEvaluation on_sparse = EvaluatePolicy(game, uniform, sparse);
  REQUIRE(on_sparse.ok());
  std::array<Eigen::VectorXd, 2> uniform_values;
  IndependentGain(game, uniform, &uniform_values);
  CHECK((on_sparse.values[0] - uniform_values[0]).lpNorm<Eigen::Infinity>() <= 1e-12);
  CHECK((on_sparse.values[1] - uniform_values[1]).lpNorm<Eigen::Infinity>() <= 1e-12);
}

TEST_CASE("Finite horizon over several states with different discounts",
          "[stochastic][shapes][finite]") {
  // Transitions that do not depend on the actions only add a constant per state to every cell of
  // the stage game, so the dominance equilibria above are played in every period, and
  //   V_t(s) = u*(s) + delta_i sum_s' P(s' | s) V_{t+1}(s'),  V_{T+1} = 0,
  // summed here period by period for each player with its own discount.
  StochasticGame game = MixedShapes({0.9, 0.5});
  const Eigen::Matrix4d p = (Eigen::Matrix4d() << 0.0, 0.5, 0.3, 0.0,  //
                             0.2, 0.0, 0.0, 0.6,                       //
                             0.0, 0.0, 0.4, 0.4,                       //
                             0.5, 0.5, 0.0, 0.0)
                                .finished();
  for (std::size_t s = 0; s < 4; ++s) {
    std::vector<TransitionEntry> entries;
    StochasticState& state = game.states[s];
    for (Eigen::Index a1 = 0; a1 < state.actions(0); ++a1) {
      for (Eigen::Index a2 = 0; a2 < state.actions(1); ++a2) {
        for (Eigen::Index to = 0; to < 4; ++to) {
          const double prob = p(static_cast<Eigen::Index>(s), to);
          if (prob > 0.0) entries.push_back({a1, a2, to, prob});
        }
      }
    }
    SetTransitions(state, 4, entries);
  }
  const std::array<Eigen::Vector4d, 2> stage{Eigen::Vector4d(2, 2, 1.5, 1),
                                             Eigen::Vector4d(3, 2.5, 1, 2)};
  for (int horizon : {1, 2, 7}) {
    CAPTURE(horizon);
    game.horizon = horizon;
    const MarkovResult r = SolveMarkovPerfect(game);
    INFO(r.Report());
    REQUIRE(r.ok());
    CHECK(r.iterations == horizon);
    REQUIRE(r.period_strategies.size() == static_cast<std::size_t>(horizon));
    for (const MarkovStrategies& period : r.period_strategies) CheckStageEquilibria(period);
    for (std::size_t i = 0; i < 2; ++i) {
      Eigen::Vector4d v = Eigen::Vector4d::Zero();
      for (int t = horizon; t >= 1; --t) v = stage[i] + game.discount[i] * p * v;
      CHECK((r.values[i] - v).lpNorm<Eigen::Infinity>() <= 1e-12);
    }
    for (std::size_t i = 0; i < 2; ++i) {
      CHECK(r.certificate.worst_period[i] >= 1);
      CHECK(r.certificate.worst_period[i] <= horizon);
    }
  }
}

}  // namespace
}  // namespace kaesong
