#include "sim/solver/support_enumeration.h"

#include "tests/solver/test_games.h"

#include <catch2/catch.hpp>

#include <limits>

namespace kaesong {
namespace {

using testing::Contains;
using testing::Describe;
using testing::Mat;
using testing::Profile;

TEST_CASE("Support enumeration: a 1x1 game has its only profile", "[solver][support_enumeration]") {
  const Bimatrix game = MakeBimatrix(Mat(1, 1, {4}), Mat(1, 1, {-2}));
  const SolveResult result = SolveSupportEnumeration(game);
  REQUIRE(result.ok());
  REQUIRE(result.equilibria.size() == 1);
  CHECK(result.equilibria[0].max_regret == 0.0);
  CHECK(testing::Near(result.equilibria[0].profile, Profile({1}, {1})));
  CHECK(result.equilibria[0].row_payoff == 4.0);
  CHECK(result.equilibria[0].col_payoff == -2.0);
  CHECK_FALSE(result.degenerate);
}

TEST_CASE("Support enumeration: a 1xn game with tied best columns",
          "[solver][support_enumeration]") {
  // The column player alone chooses: columns 1 and 3 tie at 3, column 2 pays 1. Every mix of
  // columns 1 and 3 is an equilibrium (a segment); its end points are the extreme equilibria.
  const Bimatrix game = MakeBimatrix(Mat(1, 3, {1, 2, 3}), Mat(1, 3, {3, 1, 3}));
  const SolveResult result = SolveSupportEnumeration(game);
  INFO(Describe(result.equilibria));
  REQUIRE(result.ok());
  CHECK(result.degenerate);
  REQUIRE(result.equilibria.size() == 2);
  CHECK(testing::Near(result.equilibria[0].profile, Profile({1}, {1, 0, 0})));
  CHECK(testing::Near(result.equilibria[1].profile, Profile({1}, {0, 0, 1})));
}

TEST_CASE("Support enumeration: constant payoffs make every pure profile extreme",
          "[solver][support_enumeration]") {
  // Every profile is an equilibrium; the set is the product of the two simplices, whose extreme
  // points are the 3 x 4 pure profiles.
  const Bimatrix game =
      MakeBimatrix(Eigen::MatrixXd::Constant(3, 4, 7.0), Eigen::MatrixXd::Constant(3, 4, -1.0));
  std::size_t streamed = 0;
  const SolveResult result =
      SolveSupportEnumeration(game, {}, [&](const Equilibrium&) { ++streamed; });
  INFO(Describe(result.equilibria));
  REQUIRE(result.ok());
  CHECK(result.degenerate);
  REQUIRE(result.equilibria.size() == 12);
  CHECK(streamed == 12);
  for (const Equilibrium& eq : result.equilibria) CHECK(eq.max_regret == 0.0);
  // Canonical order: row 1 first, and within it column 1 first.
  CHECK(testing::Near(result.equilibria.front().profile, Profile({1, 0, 0}, {1, 0, 0, 0})));
  CHECK(testing::Near(result.equilibria.back().profile, Profile({0, 0, 1}, {0, 0, 0, 1})));
}

TEST_CASE("Support enumeration: dominated strategies map back to zeros",
          "[solver][support_enumeration]") {
  // Row 2 (4, 0) is strictly dominated by row 1 (5, 1). On rows {1, 3} no pure profile is an
  // equilibrium; rows 1 and 3 indifferent: 5 y1 + y2 = 2 y1 + 3 y2 gives y = (2/5, 3/5) (row 2
  // gets 1.6 < 2.6); columns indifferent: 2 x3 = x1 gives x = (2/3, 0, 1/3).
  const Bimatrix game = MakeBimatrix(Mat(3, 2, {5, 1, 4, 0, 2, 3}), Mat(3, 2, {0, 1, 9, 9, 2, 0}));
  const SolveResult result = SolveSupportEnumeration(game);
  INFO(Describe(result.equilibria));
  REQUIRE(result.ok());
  REQUIRE(result.equilibria.size() == 1);
  CHECK(result.equilibria[0].max_regret <= 1e-9 * PayoffScale(game));
  CHECK(testing::Near(result.equilibria[0].profile, Profile({2.0 / 3, 0, 1.0 / 3}, {0.4, 0.6})));
}

TEST_CASE("Support enumeration: invalid input", "[solver][support_enumeration]") {
  const Bimatrix game = testing::MatchingPennies();
  SECTION("tolerance") {
    SupportEnumerationOptions options;
    options.tolerance = 0.0;
    SolveResult result = SolveSupportEnumeration(game, options);
    CHECK(result.status == SolveStatus::kInvalidInput);
    CHECK(result.message == "tolerance must be a finite number > 0, got 0");
    options.tolerance = std::numeric_limits<double>::quiet_NaN();
    CHECK(SolveSupportEnumeration(game, options).status == SolveStatus::kInvalidInput);
  }
  SECTION("max_supports") {
    SupportEnumerationOptions options;
    options.max_supports = 0;
    std::string why;
    CHECK_FALSE(options.IsValid(&why));
    CHECK(why == "max_supports must be -1 (no limit) or >= 1, got 0");
    CHECK(SolveSupportEnumeration(game, options).status == SolveStatus::kInvalidInput);
  }
  SECTION("malformed game") {
    Bimatrix bad = game;
    bad.b = Eigen::MatrixXd::Zero(2, 3);
    const SolveResult result = SolveSupportEnumeration(bad);
    CHECK(result.status == SolveStatus::kInvalidInput);
    CHECK(result.message == "payoff matrices differ in shape: 2x2 and 2x3");
  }
  SECTION("too many strategies") {
    const Bimatrix wide = MakeBimatrix(Eigen::MatrixXd::Zero(1, 65), Eigen::MatrixXd::Zero(1, 65));
    const SolveResult result = SolveSupportEnumeration(wide);
    CHECK(result.status == SolveStatus::kInvalidInput);
    CHECK(result.message ==
          "support enumeration handles at most 64 strategies per player after removing "
          "strictly dominated ones; this game has 1x65");
  }
}

TEST_CASE("Support enumeration: max_supports stops the search", "[solver][support_enumeration]") {
  const Bimatrix game = testing::RandomGame(11, 6, 6, testing::RandomKind::kUniform);
  const SolveResult full = SolveSupportEnumeration(game);
  REQUIRE(full.ok());
  REQUIRE(full.iterations > 10);
  SupportEnumerationOptions options;
  options.max_supports = 10;
  const SolveResult partial = SolveSupportEnumeration(game, options);
  CHECK(partial.status == SolveStatus::kIterationLimit);
  CHECK(partial.iterations == 10);
  CHECK(partial.message == "stopped after 10 support pairs (max_supports)");
  CHECK(partial.equilibria.size() <= full.equilibria.size());
  for (const Equilibrium& eq : partial.equilibria) CHECK(Contains(full.equilibria, eq.profile));
}

TEST_CASE("Support enumeration: Report() summarises the result", "[solver][support_enumeration]") {
  const SolveResult result = SolveSupportEnumeration(testing::VonStengel3x2Degenerate());
  REQUIRE(result.ok());
  CHECK_THAT(result.Report(), Catch::StartsWith("success: 3 equilibria, max regret "));
  CHECK_THAT(result.Report(), Catch::EndsWith("degenerate game"));
}

}  // namespace
}  // namespace kaesong
