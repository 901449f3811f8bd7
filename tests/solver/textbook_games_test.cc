// Textbook games with hand-derived equilibria. For each game the expected equilibria come from
// solving the indifference conditions by hand (derivations in the comments), not from the code.
#include "sim/solver/lemke_howson.h"
#include "sim/solver/pure_equilibria.h"
#include "sim/solver/support_enumeration.h"
#include "tests/solver/test_games.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>

namespace kaesong {
namespace {

using testing::Describe;
using testing::Profile;

struct TextbookCase {
  std::string name;
  std::function<Bimatrix()> make;
  std::string nfg_file;
  std::vector<MixedProfile> equilibria;  // all extreme equilibria, in the documented order
  bool degenerate = false;
  // Lemke-Howson from all labels: the distinct end points in order of discovery (empty: only
  // checked to be a certified subset of `equilibria`).
  std::vector<MixedProfile> lemke_howson;
};

std::vector<TextbookCase> Cases() {
  const double third = 1.0 / 3.0;
  return {
      // Unique equilibrium: each player makes the other indifferent, so both mix 1/2.
      {"matching pennies",
       testing::MatchingPennies,
       "matching_pennies.nfg",
       {Profile({0.5, 0.5}, {0.5, 0.5})},
       false,
       {Profile({0.5, 0.5}, {0.5, 0.5})}},
      // Unique equilibrium, uniform: the game is symmetric zero-sum with value 0, and any
      // non-uniform mix has a pure strategy beating it.
      {"rock-paper-scissors",
       testing::RockPaperScissors,
       "rock_paper_scissors.nfg",
       {Profile({third, third, third}, {third, third, third})},
       false,
       {Profile({third, third, third}, {third, third, third})}},
      // Two pure equilibria on the diagonal; the mixed one: column indifferent 1*x1 = 2*x2 gives
      // x = (2/3, 1/3); row indifferent 2*y1 = 1*y2 gives y = (1/3, 2/3). The mixed equilibrium
      // has index -1, so Lemke-Howson reaches only the pure ones: hand-traced, label 1 pivots
      // x1 in (s1 out), y1 in (r1 out) and ends at (T, L); label 2 ends at (B, R).
      {"battle of the sexes",
       testing::BattleOfTheSexes,
       "battle_of_the_sexes.nfg",
       {Profile({1, 0}, {1, 0}), Profile({2 * third, third}, {third, 2 * third}),
        Profile({0, 1}, {0, 1})},
       false,
       {Profile({1, 0}, {1, 0}), Profile({0, 1}, {0, 1})}},
      // Defect strictly dominates cooperate for both players.
      {"prisoner's dilemma",
       testing::PrisonersDilemma,
       "prisoners_dilemma.nfg",
       {Profile({0, 1}, {0, 1})},
       false,
       {Profile({0, 1}, {0, 1})}},
      // Pure: only (3,3) has both payoffs maximal in column and row. Supports {1,2}x{1,2}: rows
      // indifferent 3*y2 = 2 gives y = (1/3, 2/3) (row 3 gets 1 < 2), columns 3*x2 = 2 gives
      // x = (1/3, 2/3) (column 3 gets 1 < 2). Full support: 3*y2 = 2*y1 + 2*y2 = 3*y1 + y3
      // gives y = (1/6, 1/3, 1/2), and symmetrically x. Every other support pair fails (checked
      // pair by pair), and the game is nondegenerate. Shapley (1974) shows the two mixed
      // equilibria are joined to each other for every dropped label: Lemke-Howson from the
      // artificial equilibrium reaches only the pure one.
      {"Shapley 1974 Fig. 3",
       testing::ShapleyInaccessible,
       "shapley_1974_fig3.nfg",
       {Profile({third, 2 * third, 0}, {third, 2 * third, 0}),
        Profile({1.0 / 6, third, 0.5}, {1.0 / 6, third, 0.5}), Profile({0, 0, 1}, {0, 0, 1})},
       false,
       {Profile({0, 0, 1}, {0, 0, 1})}},
      // Row payoffs against y = (1-q, q): T 3, M 2+3q, B 6q; the column player's gain from r over
      // l is -x1 + 4x2 - 2x3. q < 1/3: T, then l, so (T, l). q = 1/3: T ~ M, x2 = x1/4 gives
      // x = (4/5, 1/5, 0). q = 2/3: M ~ B, 4x2 = 2x3 gives x = (0, 1/3, 2/3). The middle one has
      // index -1 (sign of det A_IJ det B_IJ = 9 * 14 > 0 with |I| = 2), so Lemke-Howson reaches
      // only the other two.
      {"von Stengel 3x2",
       testing::VonStengel3x2,
       "von_stengel_2002_3x2.nfg",
       {Profile({1, 0, 0}, {1, 0}), Profile({0.8, 0.2, 0}, {2 * third, third}),
        Profile({0, third, 2 * third}, {third, 2 * third})},
       false,
       {Profile({1, 0, 0}, {1, 0}), Profile({0, third, 2 * third}, {third, 2 * third})}},
      // Column gain of r over l is 4x2 - 2x3. q <= 1/3: T is a best response and the column
      // player is indifferent against T, so (T, (1-q, q)) is an equilibrium for all q in
      // [0, 1/3]: a segment with end points q = 0 and q = 1/3. q = 2/3: x = (0, 1/3, 2/3) as
      // before. In between and above, the unique best response forces a contradiction.
      {"von Stengel 3x2 degenerate",
       testing::VonStengel3x2Degenerate,
       "von_stengel_2002_3x2_degenerate.nfg",
       {Profile({1, 0, 0}, {1, 0}), Profile({1, 0, 0}, {2 * third, third}),
        Profile({0, third, 2 * third}, {third, 2 * third})},
       true,
       {}},
      // Against (0.2, 0.2, 0.2, 0.4) every card wins for player 1 with probability 0.4
      // (e.g. Ace: loses to Ace 0.2 and Joker 0.4), so both players are indifferent; O'Neill
      // (1987) shows the equilibrium is unique. The game is degenerate: against the pure Ace
      // both Two and Three win, two best responses to a strategy of support size one.
      {"O'Neill 1987",
       testing::ONeill,
       "oneill_1987.nfg",
       {Profile({0.2, 0.2, 0.2, 0.4}, {0.2, 0.2, 0.2, 0.4})},
       true,
       {Profile({0.2, 0.2, 0.2, 0.4}, {0.2, 0.2, 0.2, 0.4})}},
  };
}

void RequireCertified(const Bimatrix& game, const SolveResult& result, double tolerance = 1e-9) {
  const double bound = tolerance * PayoffScale(game);
  for (const Equilibrium& eq : result.equilibria) {
    INFO(Describe(eq.profile));
    REQUIRE(eq.max_regret <= bound);
    REQUIRE(MaxRegret(game, eq.profile) <= bound);
  }
  REQUIRE(result.max_regret <= bound);
}

// The payoffs of a Gambit payoff-version .nfg file, read ad hoc (not with the project's reader):
// the numbers after the header's last closing brace.
std::vector<double> NfgPayoffs(const std::string& file) {
  std::ifstream in(std::string(KAESONG_TEST_DATA) + "/games/" + file);
  REQUIRE(in.good());
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  std::istringstream numbers(text.substr(text.rfind('}') + 1));
  std::vector<double> values;
  double v = 0.0;
  while (numbers >> v) values.push_back(v);
  return values;
}

TEST_CASE("Textbook games: support enumeration finds the hand-derived equilibria",
          "[solver][textbook]") {
  const std::vector<TextbookCase> cases = Cases();
  const auto index = GENERATE_COPY(range(std::size_t{0}, cases.size()));
  const TextbookCase& c = cases[index];
  const Bimatrix game = c.make();
  INFO(c.name);

  SECTION("support enumeration") {
    std::vector<Equilibrium> streamed;
    const SolveResult result =
        SolveSupportEnumeration(game, {}, [&](const Equilibrium& eq) { streamed.push_back(eq); });
    INFO(result.Report());
    INFO(Describe(result.equilibria));
    REQUIRE(result.ok());
    RequireCertified(game, result);
    CHECK(result.degenerate == c.degenerate);
    REQUIRE(result.equilibria.size() == c.equilibria.size());
    CHECK(streamed.size() == result.equilibria.size());
    for (std::size_t k = 0; k < c.equilibria.size(); ++k) {
      INFO("expected #" << k << ": " << Describe(c.equilibria[k]));
      CHECK(testing::Near(result.equilibria[k].profile, c.equilibria[k], 1e-9));
    }
  }

  SECTION("Lemke-Howson from all labels") {
    LemkeHowsonOptions options;
    options.all_labels = true;
    const SolveResult result = SolveLemkeHowson(game, options);
    INFO(result.Report());
    INFO(Describe(result.equilibria));
    REQUIRE(result.ok());
    RequireCertified(game, result);
    REQUIRE_FALSE(result.equilibria.empty());
    for (const Equilibrium& eq : result.equilibria) {
      INFO(Describe(eq.profile));
      CHECK(testing::Contains(SolveSupportEnumeration(game).equilibria, eq.profile));
    }
    if (!c.lemke_howson.empty()) {
      REQUIRE(result.equilibria.size() == c.lemke_howson.size());
      for (std::size_t k = 0; k < c.lemke_howson.size(); ++k) {
        INFO("expected #" << k << ": " << Describe(c.lemke_howson[k]));
        CHECK(testing::Near(result.equilibria[k].profile, c.lemke_howson[k], 1e-9));
      }
    }
  }

  SECTION("pure equilibria are the pure ones among the expected") {
    const SolveResult result = SolvePureEquilibria(game);
    REQUIRE(result.ok());
    RequireCertified(game, result);
    std::size_t pure_expected = 0;
    for (const MixedProfile& p : c.equilibria) {
      if (p.row.maxCoeff() == 1.0 && p.col.maxCoeff() == 1.0) ++pure_expected;
    }
    CHECK(result.equilibria.size() == pure_expected);
    for (const Equilibrium& eq : result.equilibria) {
      CHECK(std::find_if(c.equilibria.begin(), c.equilibria.end(), [&](const MixedProfile& p) {
              return testing::Near(p, eq.profile);
            }) != c.equilibria.end());
    }
  }

  SECTION("the .nfg data file holds the same payoffs") {
    const std::vector<double> values = NfgPayoffs(c.nfg_file);
    REQUIRE(static_cast<Eigen::Index>(values.size()) == 2 * game.rows() * game.cols());
    std::size_t k = 0;
    for (Eigen::Index j = 0; j < game.cols(); ++j) {
      for (Eigen::Index i = 0; i < game.rows(); ++i) {  // player 1's strategy varies fastest
        INFO("profile (" << i + 1 << ", " << j + 1 << ")");
        CHECK(values[k++] == game.a(i, j));
        CHECK(values[k++] == game.b(i, j));
      }
    }
  }
}

TEST_CASE("von Stengel's 6x6 game has 75 equilibria", "[solver][textbook]") {
  const Bimatrix game = testing::VonStengel6x6();
  const SolveResult result = SolveSupportEnumeration(game);
  INFO(result.Report());
  REQUIRE(result.ok());
  RequireCertified(game, result);
  CHECK_FALSE(result.degenerate);
  CHECK(result.equilibria.size() == 75);  // von Stengel (1999), the point of the example
  // Checked by hand: (2, 6) and (5, 1) are pure equilibria (column maxima of A, row maxima of B).
  CHECK(testing::Contains(result.equilibria, Profile({0, 1, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 1})));
  CHECK(testing::Contains(result.equilibria, Profile({0, 0, 0, 0, 1, 0}, {1, 0, 0, 0, 0, 0})));
  // x = (20, 3)/23 on rows 1-2 equalises columns 1 and 2 (61512/23 each); y = (4, 15)/19 on
  // columns 1-2 equalises rows 1 and 2 (28116/19 each).
  CHECK(testing::Contains(result.equilibria, Profile({20.0 / 23, 3.0 / 23, 0, 0, 0, 0},
                                                     {4.0 / 19, 15.0 / 19, 0, 0, 0, 0})));

  SECTION("Lemke-Howson end points are among them") {
    LemkeHowsonOptions options;
    options.all_labels = true;
    const SolveResult lh = SolveLemkeHowson(game, options);
    REQUIRE(lh.ok());
    RequireCertified(game, lh);
    for (const Equilibrium& eq : lh.equilibria) {
      INFO(Describe(eq.profile));
      CHECK(testing::Contains(result.equilibria, eq.profile));
    }
  }

  SECTION("the .nfg data file holds the same payoffs") {
    const std::vector<double> values = NfgPayoffs("von_stengel_1999_6x6.nfg");
    REQUIRE(values.size() == 72);
    std::size_t k = 0;
    for (Eigen::Index j = 0; j < 6; ++j) {
      for (Eigen::Index i = 0; i < 6; ++i) {
        INFO("profile (" << i + 1 << ", " << j + 1 << ")");
        CHECK(values[k++] == game.a(i, j));
        CHECK(values[k++] == game.b(i, j));
      }
    }
  }
}

}  // namespace
}  // namespace kaesong
