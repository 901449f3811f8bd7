// Exact re-derivation of extreme equilibria from their labels: hand-derived fractions, and
// refusal when the labels do not define an equilibrium.
#include "sim/solver/exact_profile.h"

#include "tests/solver/test_games.h"

#include <catch2/catch.hpp>

namespace kaesong {
namespace {

using testing::Mat;

TEST_CASE("Exact profile: battle of the sexes' mixed equilibrium", "[vertex][exact]") {
  // Column indifferent: x1 = 2 x2, so x = (2/3, 1/3); row indifferent: 2 y1 = y2, y = (1/3, 2/3).
  const Bimatrix game = testing::BattleOfTheSexes();
  const ProfileLabels labels{{true, true}, {true, true}, {true, true}, {true, true}};
  const std::optional<ExactProfile> exact = ExactEquilibrium(game, labels);
  REQUIRE(exact.has_value());
  CHECK(exact->row == std::vector<std::string>{"2/3", "1/3"});
  CHECK(exact->col == std::vector<std::string>{"1/3", "2/3"});
  CHECK(exact->profile.row(0) == 2.0 / 3.0);
}

TEST_CASE("Exact profile: labels of an approximate profile", "[vertex][exact]") {
  // von Stengel's 3x2 game: ((0, 1/3, 2/3), (1/3, 2/3)), given with rounding noise.
  const Bimatrix game = testing::VonStengel3x2();
  const MixedProfile noisy = testing::Profile({1e-13, 1.0 / 3 + 1e-12, 2.0 / 3 - 1e-12},
                                              {1.0 / 3 - 1e-12, 2.0 / 3 + 1e-12});
  const std::optional<ExactProfile> exact =
      ExactEquilibrium(game, LabelsOf(game, noisy, 1e-9, 1e-9));
  REQUIRE(exact.has_value());
  CHECK(exact->row == std::vector<std::string>{"0", "1/3", "2/3"});
  CHECK(exact->col == std::vector<std::string>{"1/3", "2/3"});
}

TEST_CASE("Exact profile: rational payoffs are read as fractions", "[vertex][exact]") {
  // Battle of the sexes scaled by 1/3: the same equilibria; 1/3 and 2/3 as doubles are read back
  // as the fractions they were written as.
  const Bimatrix game = MakeBimatrix(Mat(2, 2, {2.0 / 3, 0, 0, 1.0 / 3}),
                                     Mat(2, 2, {1.0 / 3, 0, 0, 2.0 / 3}));
  CHECK(HasRationalPayoffs(game));
  const ProfileLabels labels{{true, true}, {true, true}, {true, true}, {true, true}};
  const std::optional<ExactProfile> exact = ExactEquilibrium(game, labels);
  REQUIRE(exact.has_value());
  CHECK(exact->row == std::vector<std::string>{"2/3", "1/3"});
  CHECK(exact->col == std::vector<std::string>{"1/3", "2/3"});
  CHECK_FALSE(HasRationalPayoffs(MakeBimatrix(Mat(1, 1, {M_PI}), Mat(1, 1, {1}))));
}

TEST_CASE("Exact profile: labels that define no equilibrium are refused", "[vertex][exact]") {
  const Bimatrix game = testing::BattleOfTheSexes();
  // (T, R): T is not a best response to R.
  CHECK_FALSE(ExactEquilibrium(game, {{true, false}, {false, true}, {true, false}, {false, true}}));
  // Both rows in the support but only one column tied: x is not determined by the labels.
  CHECK_FALSE(ExactEquilibrium(game, {{true, true}, {true, false}, {true, true}, {true, false}}));
}

}  // namespace
}  // namespace kaesong
