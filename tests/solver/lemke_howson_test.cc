#include "sim/solver/lemke_howson.h"

#include "sim/solver/support_enumeration.h"
#include "tests/solver/test_games.h"

#include <catch2/catch.hpp>

namespace kaesong {
namespace {

using testing::Contains;
using testing::Describe;
using testing::Mat;
using testing::Profile;

TEST_CASE("Lemke-Howson: invalid labels and options", "[solver][lemke_howson]") {
  const Bimatrix game = MakeBimatrix(Mat(2, 3, {1, 2, 3, 4, 5, 6}), Mat(2, 3, {6, 5, 4, 3, 2, 1}));
  struct Case {
    int label;
    long long max_pivots;
    double tolerance;
    std::string message;
  };
  const Case c =
      GENERATE(Case{0, -1, 1e-9, "label must be >= 1 (labels are 1..rows+cols), got 0"},
               Case{-3, -1, 1e-9, "label must be >= 1 (labels are 1..rows+cols), got -3"},
               Case{6, -1, 1e-9, "label 6 is out of range: a 2x3 game has labels 1..5"},
               Case{1, 0, 1e-9, "max_pivots must be -1 (no limit) or >= 1, got 0"},
               Case{1, -1, -1.0, "tolerance must be a finite number > 0, got -1"});
  LemkeHowsonOptions options;
  options.label = c.label;
  options.max_pivots = c.max_pivots;
  options.tolerance = c.tolerance;
  const SolveResult result = SolveLemkeHowson(game, options);
  CHECK(result.status == SolveStatus::kInvalidInput);
  CHECK(result.message == c.message);
  CHECK(result.equilibria.empty());
}

TEST_CASE("Lemke-Howson: all_labels and race_labels exclude each other", "[solver][lemke_howson]") {
  LemkeHowsonOptions options;
  options.all_labels = true;
  options.race_labels = true;
  const SolveResult result = SolveLemkeHowson(testing::MatchingPennies(), options);
  CHECK(result.status == SolveStatus::kInvalidInput);
  CHECK(result.message == "all_labels and race_labels cannot both be set");
}

TEST_CASE("Lemke-Howson: racing the labels", "[solver][lemke_howson]") {
  LemkeHowsonOptions options;
  options.race_labels = true;
  options.label = 0;  // ignored in a race
  SECTION("the first label that ends wins") {
    // Label 1 of battle of the sexes ends after two pivots, within the first budget of 4.
    const SolveResult result = SolveLemkeHowson(testing::BattleOfTheSexes(), options);
    REQUIRE(result.ok());
    CHECK(result.iterations == 2);
    REQUIRE(result.equilibria.size() == 1);
    CHECK(testing::Near(result.equilibria[0].profile, Profile({1, 0}, {1, 0})));
  }
  SECTION("restarts with doubled budgets until a path ends") {
    // Every path of rock-paper-scissors needs more than one pivot.
    options.max_pivots = 1;
    const SolveResult capped = SolveLemkeHowson(testing::RockPaperScissors(), options);
    CHECK(capped.status == SolveStatus::kIterationLimit);
    CHECK(capped.message == "no label's path ended within max_pivots = 1");
    CHECK(capped.iterations == 6);  // six labels, one pivot each
    options.max_pivots = -1;
    const SolveResult result = SolveLemkeHowson(testing::RockPaperScissors(), options);
    REQUIRE(result.ok());
    REQUIRE(result.equilibria.size() == 1);
    const double third = 1.0 / 3.0;
    CHECK(testing::Near(result.equilibria[0].profile,
                        Profile({third, third, third}, {third, third, third})));
  }
  SECTION("a large random game") {
    const Bimatrix game = testing::RandomGame(99, 150, 150, testing::RandomKind::kInteger);
    const SolveResult result = SolveLemkeHowson(game, options);
    INFO(result.Report());
    REQUIRE(result.ok());
    REQUIRE(result.equilibria.size() == 1);
    CHECK(result.equilibria[0].max_regret <= 1e-9 * PayoffScale(game));
  }
}

TEST_CASE("Lemke-Howson: the highest label is valid", "[solver][lemke_howson]") {
  LemkeHowsonOptions options;
  options.label = 5;
  const SolveResult result = SolveLemkeHowson(
      MakeBimatrix(Mat(2, 3, {1, 2, 3, 4, 5, 6}), Mat(2, 3, {6, 5, 4, 3, 2, 1})), options);
  CHECK(result.ok());
  CHECK(result.equilibria.size() == 1);
}

TEST_CASE("Lemke-Howson: battle of the sexes, pivot by pivot", "[solver][lemke_howson]") {
  // Hand-traced: label 1 pivots x1 into P (s1 leaves), then y1 into Q (r1 leaves, label 1
  // returns): two pivots, ending at (T, L). Label 4 ends at (B, R) after two pivots.
  const Bimatrix game = testing::BattleOfTheSexes();
  LemkeHowsonOptions options;
  options.label = 1;
  SolveResult result = SolveLemkeHowson(game, options);
  REQUIRE(result.ok());
  CHECK(result.iterations == 2);
  REQUIRE(result.equilibria.size() == 1);
  CHECK(result.equilibria[0].max_regret == 0.0);
  CHECK(testing::Near(result.equilibria[0].profile, Profile({1, 0}, {1, 0}), 1e-12));
  options.label = 4;
  result = SolveLemkeHowson(game, options);
  REQUIRE(result.ok());
  CHECK(result.iterations == 2);
  CHECK(testing::Near(result.equilibria.at(0).profile, Profile({0, 1}, {0, 1}), 1e-12));
}

TEST_CASE("Lemke-Howson: max_pivots stops a path", "[solver][lemke_howson]") {
  // The first pivot on any path of rock-paper-scissors removes a slack of the other player's
  // label, so one pivot never ends a path.
  LemkeHowsonOptions options;
  options.max_pivots = 1;
  const SolveResult result = SolveLemkeHowson(testing::RockPaperScissors(), options);
  CHECK(result.status == SolveStatus::kIterationLimit);
  CHECK(result.iterations == 1);
  CHECK(result.equilibria.empty());
  CHECK(result.message == "path of label(s) 1 stopped at max_pivots = 1");
}

TEST_CASE("Lemke-Howson: 1x1 and 1xn games", "[solver][lemke_howson]") {
  LemkeHowsonOptions options;
  options.all_labels = true;
  const SolveResult one = SolveLemkeHowson(MakeBimatrix(Mat(1, 1, {3}), Mat(1, 1, {3})), options);
  REQUIRE(one.ok());
  REQUIRE(one.equilibria.size() == 1);
  CHECK(testing::Near(one.equilibria[0].profile, Profile({1}, {1})));

  // The column player's best column is the third (payoff 5).
  const SolveResult row =
      SolveLemkeHowson(MakeBimatrix(Mat(1, 3, {0, 0, 0}), Mat(1, 3, {1, 2, 5})), options);
  REQUIRE(row.ok());
  REQUIRE(row.equilibria.size() == 1);
  CHECK(testing::Near(row.equilibria[0].profile, Profile({1}, {0, 0, 1})));
}

TEST_CASE("Lemke-Howson: degenerate games end at certified equilibria", "[solver][lemke_howson]") {
  const Bimatrix game =
      GENERATE(MakeBimatrix(Eigen::MatrixXd::Constant(3, 4, 2.0),
                            Eigen::MatrixXd::Constant(3, 4, 2.0), "constant payoffs"),
               testing::VonStengel3x2Degenerate(),
               MakeBimatrix(Mat(1, 3, {1, 2, 3}), Mat(1, 3, {3, 1, 3}), "1x3 with a tie"));
  INFO(game.title);
  const SolveResult all = SolveSupportEnumeration(game);
  REQUIRE(all.ok());
  const int labels = static_cast<int>(game.rows() + game.cols());
  bool any_degenerate = false;
  for (int label = 1; label <= labels; ++label) {
    CAPTURE(label);
    LemkeHowsonOptions options;
    options.label = label;
    const SolveResult result = SolveLemkeHowson(game, options);
    INFO(result.Report());
    REQUIRE(result.ok());
    REQUIRE(result.equilibria.size() == 1);
    CHECK(result.equilibria[0].max_regret <= 1e-9 * PayoffScale(game));
    INFO(Describe(result.equilibria[0].profile));
    CHECK(Contains(all.equilibria, result.equilibria[0].profile));
    any_degenerate = any_degenerate || result.degenerate;
  }
  CHECK(any_degenerate);
}

TEST_CASE("Lemke-Howson: the callback sees each distinct equilibrium once",
          "[solver][lemke_howson]") {
  LemkeHowsonOptions options;
  options.all_labels = true;
  std::vector<MixedProfile> seen;
  const SolveResult result =
      SolveLemkeHowson(testing::BattleOfTheSexes(), options,
                       [&](const Equilibrium& eq) { seen.push_back(eq.profile); });
  REQUIRE(result.ok());
  REQUIRE(seen.size() == 2);
  CHECK(testing::Near(seen[0], Profile({1, 0}, {1, 0})));
  CHECK(testing::Near(seen[1], Profile({0, 1}, {0, 1})));
  CHECK(result.iterations == 8);  // four labels, two pivots each (traced by hand)
}

}  // namespace
}  // namespace kaesong
