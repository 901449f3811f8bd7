#include "sim/solver/pure_equilibria.h"

#include "tests/solver/test_games.h"

#include <catch2/catch.hpp>

#include <limits>

namespace kaesong {
namespace {

using testing::Mat;
using testing::Profile;

TEST_CASE("Pure equilibria: row-major order and certificates", "[solver][pure]") {
  std::vector<MixedProfile> seen;
  const SolveResult result = SolvePureEquilibria(
      testing::BattleOfTheSexes(), {}, [&](const Equilibrium& eq) { seen.push_back(eq.profile); });
  REQUIRE(result.ok());
  CHECK(result.iterations == 4);
  CHECK_FALSE(result.degenerate);
  REQUIRE(result.equilibria.size() == 2);
  CHECK(testing::Near(result.equilibria[0].profile, Profile({1, 0}, {1, 0})));
  CHECK(testing::Near(result.equilibria[1].profile, Profile({0, 1}, {0, 1})));
  CHECK(result.equilibria[0].row_payoff == 2.0);
  CHECK(result.equilibria[0].col_payoff == 1.0);
  CHECK(result.max_regret == 0.0);
  CHECK(seen.size() == 2);
}

TEST_CASE("Pure equilibria: none in matching pennies", "[solver][pure]") {
  const SolveResult result = SolvePureEquilibria(testing::MatchingPennies());
  REQUIRE(result.ok());
  CHECK(result.equilibria.empty());
}

TEST_CASE("Pure equilibria: constant payoffs", "[solver][pure]") {
  const SolveResult result =
      SolvePureEquilibria(MakeBimatrix(Eigen::MatrixXd::Zero(2, 3), Eigen::MatrixXd::Zero(2, 3)));
  REQUIRE(result.ok());
  CHECK(result.equilibria.size() == 6);
  CHECK(result.degenerate);
}

TEST_CASE("Pure equilibria: the tolerance decides near ties", "[solver][pure]") {
  // Row 2 beats row 1 in column 1 by 1e-13 only; the column player is indifferent in row 1.
  const Bimatrix game =
      MakeBimatrix(Mat(2, 2, {1.0, 0.0, 1.0 + 1e-13, 0.0}), Mat(2, 2, {1, 1, 0, 1}));
  PureEquilibriaOptions exact;
  exact.tolerance = 0.0;
  const SolveResult strict = SolvePureEquilibria(game, exact);
  REQUIRE(strict.ok());
  CHECK_FALSE(testing::Contains(strict.equilibria, Profile({1, 0}, {1, 0})));
  const SolveResult loose = SolvePureEquilibria(game);  // default 1e-12
  REQUIRE(loose.ok());
  CHECK(testing::Contains(loose.equilibria, Profile({1, 0}, {1, 0})));
  CHECK(loose.degenerate);
}

TEST_CASE("Pure equilibria: invalid tolerance", "[solver][pure]") {
  PureEquilibriaOptions options;
  options.tolerance = -1e-3;
  SolveResult result = SolvePureEquilibria(testing::MatchingPennies(), options);
  CHECK(result.status == SolveStatus::kInvalidInput);
  CHECK(result.message == "tolerance must be a finite number >= 0, got -0.001");
  options.tolerance = std::numeric_limits<double>::infinity();
  result = SolvePureEquilibria(testing::MatchingPennies(), options);
  CHECK(result.status == SolveStatus::kInvalidInput);
}

}  // namespace
}  // namespace kaesong
