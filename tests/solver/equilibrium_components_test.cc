// Components of degenerate games: the maximal Nash subsets, the connected components with their
// extreme points, and the indices, all derived by hand for each game (derivations below).
#include "sim/solver/equilibrium_components.h"

#include "sim/solver/vertex_enumeration.h"
#include "tests/solver/test_games.h"

#include <catch2/catch.hpp>

#include <numeric>

namespace kaesong {
namespace {

using testing::Describe;
using testing::Mat;
using testing::Profile;

// The extreme equilibria of component c, as profiles.
std::vector<MixedProfile> Points(const ComponentAnalysis& analysis,
                                 const std::vector<Equilibrium>& eqs, std::size_t c) {
  std::vector<MixedProfile> points;
  for (int e : analysis.components[c].equilibria) points.push_back(eqs[e].profile);
  return points;
}

bool SamePoints(const std::vector<MixedProfile>& got, const std::vector<MixedProfile>& want) {
  if (got.size() != want.size()) return false;
  for (const MixedProfile& w : want) {
    bool found = false;
    for (const MixedProfile& g : got) found = found || testing::Near(g, w, 1e-7);
    if (!found) return false;
  }
  return true;
}

int IndexSum(const ComponentAnalysis& analysis) {
  int sum = 0;
  for (const EquilibriumComponent& c : analysis.components) {
    REQUIRE(c.index.has_value());
    sum += *c.index;
  }
  return sum;
}

TEST_CASE("Components: a nondegenerate game has one component per equilibrium",
          "[vertex][components]") {
  // Battle of the sexes: pure equilibria have index +1, the mixed one (k = 2, both
  // determinants of the positive payoff blocks positive) (-1)^3 = -1.
  const Bimatrix game = testing::BattleOfTheSexes();
  const SolveResult solved = SolveVertexEnumeration(game);
  REQUIRE(solved.equilibria.size() == 3);
  const ComponentAnalysis analysis = AnalyzeComponents(game, solved.equilibria);
  REQUIRE(analysis.components.size() == 3);
  REQUIRE(analysis.subsets.size() == 3);
  CHECK(analysis.components[0].index == 1);
  CHECK(analysis.components[1].index == -1);
  CHECK(analysis.components[2].index == 1);
}

TEST_CASE("Components: von Stengel's 6x6 game", "[vertex][components]") {
  // Nondegenerate with 75 isolated equilibria: 75 components, and since the indices of a
  // nondegenerate game sum to 1 and are +-1, 38 have index +1 and 37 index -1.
  const Bimatrix game = testing::VonStengel6x6();
  const SolveResult solved = SolveVertexEnumeration(game);
  REQUIRE(solved.equilibria.size() == 75);
  const ComponentAnalysis analysis = AnalyzeComponents(game, solved.equilibria);
  REQUIRE(analysis.components.size() == 75);
  int plus = 0;
  for (const EquilibriumComponent& c : analysis.components) plus += c.index == 1 ? 1 : 0;
  CHECK(plus == 38);
  CHECK(IndexSum(analysis) == 1);
}

TEST_CASE("Components: von Stengel's degenerate 3x2 game", "[vertex][components]") {
  // C1 = {T} x conv{(1, 0), (2/3, 1/3)} (T is a best response while y2 <= 1/3 and makes the
  // column player indifferent). Its index is 0: lowering the column player's payoff from T
  // against r to 3 - e leaves (T, l) (index +1) and next to (T, (2/3, 1/3)) an equilibrium
  // mixing T and M (index -1); raising it instead leaves no equilibrium near C1.
  // C2 = the isolated ((0, 1/3, 2/3), (1/3, 2/3)): k = 2, det A_IJ = 2*6 - 5*0 > 0,
  // det B_IJ = 2*1 - 6*3 < 0, so index (-1)^3 * (-1) = +1.
  const Bimatrix game = testing::VonStengel3x2Degenerate();
  const SolveResult solved = SolveVertexEnumeration(game);
  const ComponentAnalysis analysis = AnalyzeComponents(game, solved.equilibria);
  INFO(Describe(solved.equilibria));
  REQUIRE(analysis.components.size() == 2);
  CHECK(SamePoints(Points(analysis, solved.equilibria, 0),
                   {Profile({1, 0, 0}, {1, 0}), Profile({1, 0, 0}, {2.0 / 3, 1.0 / 3})}));
  CHECK(SamePoints(Points(analysis, solved.equilibria, 1),
                   {Profile({0, 1.0 / 3, 2.0 / 3}, {1.0 / 3, 2.0 / 3})}));
  REQUIRE(analysis.subsets.size() == 2);
  CHECK(analysis.components[0].index == 0);
  CHECK(analysis.components[1].index == 1);
  CHECK(IndexSum(analysis) == 1);
}

TEST_CASE("Components: a duplicated strategy turns points into segments",
          "[vertex][components]") {
  // Battle of the sexes with the top row duplicated (rows T, T', B). Each equilibrium of the
  // original game becomes a segment over the split between T and T': conv{(1,0,0), (0,1,0)} x L
  // (index +1), conv{(2/3,0,1/3), (0,2/3,1/3)} x (1/3, 2/3) (index -1), and (B, R) (+1).
  const Bimatrix game =
      MakeBimatrix(Mat(3, 2, {2, 0, 2, 0, 0, 1}), Mat(3, 2, {1, 0, 1, 0, 0, 2}));
  const SolveResult solved = SolveVertexEnumeration(game);
  INFO(Describe(solved.equilibria));
  REQUIRE(solved.equilibria.size() == 5);
  const ComponentAnalysis analysis = AnalyzeComponents(game, solved.equilibria);
  REQUIRE(analysis.components.size() == 3);
  const double t = 1.0 / 3.0;
  CHECK(SamePoints(Points(analysis, solved.equilibria, 0),
                   {Profile({1, 0, 0}, {1, 0}), Profile({0, 1, 0}, {1, 0})}));
  CHECK(SamePoints(Points(analysis, solved.equilibria, 1),
                   {Profile({2 * t, 0, t}, {t, 2 * t}), Profile({0, 2 * t, t}, {t, 2 * t})}));
  CHECK(SamePoints(Points(analysis, solved.equilibria, 2), {Profile({0, 0, 1}, {0, 1})}));
  CHECK(analysis.components[0].index == 1);
  CHECK(analysis.components[1].index == -1);
  CHECK(analysis.components[2].index == 1);
}

TEST_CASE("Components: an integer game with a tie", "[vertex][components]") {
  // A = B = [1 1; 0 2]. T leaves the column player indifferent and is a best response while
  // y2 <= 1/2: C1 = {T} x conv{(1, 0), (1/2, 1/2)}. (B, R) is strict: index +1. No other
  // equilibrium: the column player is indifferent only at x = T. Index of C1: 1 - 1 = 0 (raising
  // B(T, L) keeps (T, L), +1, and adds a mixed equilibrium near (T, (1/2, 1/2)), -1).
  const Bimatrix game = MakeBimatrix(Mat(2, 2, {1, 1, 0, 2}), Mat(2, 2, {1, 1, 0, 2}));
  const SolveResult solved = SolveVertexEnumeration(game);
  INFO(Describe(solved.equilibria));
  REQUIRE(solved.equilibria.size() == 3);
  const ComponentAnalysis analysis = AnalyzeComponents(game, solved.equilibria);
  REQUIRE(analysis.components.size() == 2);
  CHECK(SamePoints(Points(analysis, solved.equilibria, 0),
                   {Profile({1, 0}, {1, 0}), Profile({1, 0}, {0.5, 0.5})}));
  CHECK(SamePoints(Points(analysis, solved.equilibria, 1), {Profile({0, 1}, {0, 1})}));
  CHECK(analysis.components[0].index == 0);
  CHECK(analysis.components[1].index == 1);
}

TEST_CASE("Components: indices sum to 1 on small integer games", "[vertex][components]") {
  int determined = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const Bimatrix game = testing::RandomGame(seed, 3, 3, testing::RandomKind::kTies);
    INFO("seed " << seed);
    const SolveResult solved = SolveVertexEnumeration(game);
    REQUIRE(solved.ok());
    const ComponentAnalysis analysis = AnalyzeComponents(game, solved.equilibria);
    int sum = 0;
    bool all = true;
    for (const EquilibriumComponent& c : analysis.components) {
      all = all && c.index.has_value();
      if (c.index) sum += *c.index;
    }
    if (all) {
      CHECK(sum == 1);
      ++determined;
    }
  }
  // The perturbation decides the index of nearly every component of these games.
  CHECK(determined >= 36);
}

}  // namespace
}  // namespace kaesong
