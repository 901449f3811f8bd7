// Printed Markov strategies (sim/io/markov_format.h) on a one-state game small enough to value by
// hand: the row player picks "up" (payoffs 1 to itself, 2 to the column) or "down, low" (0 and 3),
// the column player has a single action, play repeats with probability 1, both discount by 1/2.
#include "sim/io/markov_format.h"

#include <catch2/catch.hpp>

namespace kaesong {
namespace {

StochasticGame RepeatedGame(int horizon) {
  StochasticGame game;
  game.player_names = {"Row player", "Col"};
  game.discount = {0.5, 0.5};
  game.horizon = horizon;
  Eigen::MatrixXd u1(2, 1), u2(2, 1);
  u1 << 1, 0;
  u2 << 2, 3;
  StochasticState state = MakeState("s", u1, u2, 1);
  state.action_labels[0] = {"up", "down, low"};
  state.action_labels[1] = {"left"};
  SetTransitions(state, 1, {{0, 0, 0, 1.0}, {1, 0, 0, 1.0}});
  game.states.push_back(std::move(state));
  return game;
}

MixedProfile Profile(double up) {
  MixedProfile p;
  p.row = Eigen::Vector2d(up, 1.0 - up);
  p.col = Eigen::VectorXd::Ones(1);
  return p;
}

TEST_CASE("Stationary strategies: text lists the support, CSV every action", "[stochastic][io]") {
  const StochasticGame game = RepeatedGame(0);
  MarkovResult result;
  result.strategies = {Profile(0.75)};
  // Row: 0.75 per period, worth 0.75 / (1 - 0.5) = 1.5; column: 2.25 per period, worth 4.5.
  result.values = {Eigen::VectorXd::Constant(1, 1.5), Eigen::VectorXd::Constant(1, 4.5)};
  const std::vector<MarkovPeriod> periods = MarkovPeriods(game, result, false);
  REQUIRE(periods.size() == 1);
  CHECK(periods[0].period == 0);
  CHECK(FormatMarkovText(game, periods, 2) ==
        "state \"s\"\n"
        "  Row player  value 1.50  \"up\" 0.75, \"down, low\" 0.25\n"
        "  Col         value 4.50  \"left\" 1.00\n");
  // Action values: up 1 + 0.5 * 1.5, down 0 + 0.5 * 1.5, left 2.25 + 0.5 * 4.5.
  CHECK(FormatMarkovCsv(game, periods, 2) ==
        "period,state,player,action,probability,value,action_value\n"
        "0,s,Row player,up,0.75,1.50,1.75\n"
        "0,s,Row player,\"down, low\",0.25,1.50,0.75\n"
        "0,s,Col,left,1.00,4.50,4.50\n");
}

TEST_CASE("Probabilities that print as zero are left out of the text", "[stochastic][io]") {
  const StochasticGame game = RepeatedGame(0);
  MarkovResult result;
  result.strategies = {Profile(1e-9)};
  result.values = {Eigen::VectorXd::Zero(1), Eigen::VectorXd::Constant(1, 6.0)};
  const std::string text = FormatMarkovText(game, MarkovPeriods(game, result, false), 4);
  CHECK(text ==
        "state \"s\"\n"
        "  Row player  value 0.0000  \"down, low\" 1.0000\n"
        "  Col         value 6.0000  \"left\" 1.0000\n");
}

TEST_CASE("Finite horizon: values recomputed backward, period 1 or every period",
          "[stochastic][io]") {
  const StochasticGame game = RepeatedGame(2);
  MarkovResult result;
  result.period_strategies = {{Profile(1.0)}, {Profile(0.0)}};
  // Period 2 (last): down, so (0, 3). Period 1: up, so (1 + 0.5 * 0, 2 + 0.5 * 3) = (1, 3.5).
  const std::vector<MarkovPeriod> all = MarkovPeriods(game, result, true);
  REQUIRE(all.size() == 2);
  CHECK(all[0].period == 1);
  CHECK(all[0].values[0](0) == 1.0);
  CHECK(all[0].values[1](0) == 3.5);
  CHECK(all[1].values[0](0) == 0.0);
  CHECK(all[1].values[1](0) == 3.0);
  CHECK(FormatMarkovText(game, all, 1) ==
        "period 1, state \"s\"\n"
        "  Row player  value 1.0  \"up\" 1.0\n"
        "  Col         value 3.5  \"left\" 1.0\n"
        "period 2, state \"s\"\n"
        "  Row player  value 0.0  \"down, low\" 1.0\n"
        "  Col         value 3.0  \"left\" 1.0\n");
  // Period 1's action values continue with period 2's values: up 1 + 0, down 0 + 0, left 2 + 1.5.
  CHECK(FormatMarkovCsv(game, MarkovPeriods(game, result, false), 1) ==
        "period,state,player,action,probability,value,action_value\n"
        "1,s,Row player,up,1.0,1.0,1.0\n"
        "1,s,Row player,\"down, low\",0.0,1.0,0.0\n"
        "1,s,Col,left,1.0,3.5,3.5\n");
}

TEST_CASE("A result without complete strategies prints nothing", "[stochastic][io]") {
  const StochasticGame game = RepeatedGame(0);
  MarkovResult result;  // e.g. a solver stopped before its first round
  CHECK(MarkovPeriods(game, result, false).empty());
  result.strategies = {Profile(0.5)};  // strategies but no values
  CHECK(MarkovPeriods(game, result, false).empty());
  CHECK(MarkovPeriods(RepeatedGame(3), result, true).empty());
}

}  // namespace
}  // namespace kaesong
