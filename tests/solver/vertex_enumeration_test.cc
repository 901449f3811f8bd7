// Vertex enumeration: hand-derived equilibria of small games, and on seeded random games of
// several shapes the same equilibrium set as support enumeration, every profile certified.
#include "sim/solver/vertex_enumeration.h"

#include "sim/solver/support_enumeration.h"
#include "tests/solver/lrsnash_peer.h"
#include "tests/solver/test_games.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <optional>
#include <tuple>

namespace kaesong {
namespace {

using testing::Contains;
using testing::Describe;
using testing::Mat;
using testing::Profile;

void RequireCertified(const Bimatrix& game, const SolveResult& result) {
  const double bound = 1e-9 * PayoffScale(game);
  for (const Equilibrium& eq : result.equilibria) {
    INFO(Describe(eq.profile));
    REQUIRE(MaxRegret(game, eq.profile) <= bound);
  }
}

void RequireSameSet(const std::vector<Equilibrium>& got, const std::vector<Equilibrium>& want) {
  INFO("got:\n" << Describe(got) << "want:\n" << Describe(want));
  REQUIRE(got.size() == want.size());
  for (const Equilibrium& eq : want) CHECK(Contains(got, eq.profile, 1e-6));
}

TEST_CASE("Vertex enumeration: options and limits", "[vertex]") {
  const Bimatrix game = testing::RandomGame(11, 6, 6, testing::RandomKind::kUniform);
  VertexEnumerationOptions options;
  std::string why;
  options.max_bases = 0;
  CHECK_FALSE(options.IsValid(&why));
  CHECK(why == "max_bases must be -1 (no limit) or >= 1, got 0");
  CHECK(SolveVertexEnumeration(game, options).status == SolveStatus::kInvalidInput);
  options.max_bases = 10;
  const SolveResult partial = SolveVertexEnumeration(game, options);
  CHECK(partial.status == SolveStatus::kIterationLimit);
  CHECK(partial.iterations == 10);
  CHECK(partial.message == "stopped after 10 bases (max_bases)");
  const SolveResult full = SolveVertexEnumeration(game);
  REQUIRE(full.ok());
  for (const Equilibrium& eq : partial.equilibria) CHECK(Contains(full.equilibria, eq.profile));
  const Bimatrix wide = MakeBimatrix(Eigen::MatrixXd::Zero(2, 65), Eigen::MatrixXd::Zero(2, 65));
  CHECK(SolveVertexEnumeration(wide).message ==
        "vertex enumeration handles at most 64 strategies per player; this game has 2x65");
}

TEST_CASE("Vertex enumeration: a 1x1 game", "[vertex]") {
  const Bimatrix game = MakeBimatrix(Mat(1, 1, {4}), Mat(1, 1, {-2}));
  const SolveResult result = SolveVertexEnumeration(game);
  REQUIRE(result.ok());
  REQUIRE(result.equilibria.size() == 1);
  CHECK(testing::Near(result.equilibria[0].profile, Profile({1}, {1})));
}

TEST_CASE("Vertex enumeration: battle of the sexes", "[vertex]") {
  // Pure (T, L), (B, R); mixed: column indifferent x1 = 2 x2, row indifferent 2 y1 = y2.
  const SolveResult result = SolveVertexEnumeration(testing::BattleOfTheSexes());
  INFO(Describe(result.equilibria));
  REQUIRE(result.ok());
  REQUIRE(result.equilibria.size() == 3);
  CHECK(testing::Near(result.equilibria[0].profile, Profile({1, 0}, {1, 0})));
  CHECK(testing::Near(result.equilibria[1].profile,
                      Profile({2.0 / 3, 1.0 / 3}, {1.0 / 3, 2.0 / 3})));
  CHECK(testing::Near(result.equilibria[2].profile, Profile({0, 1}, {0, 1})));
  CHECK_FALSE(result.degenerate);
}

TEST_CASE("Vertex enumeration: von Stengel's degenerate 3x2 game", "[vertex]") {
  // (T, y) is an equilibrium for y2 in [0, 1/3]: end points (1, 0) and (2/3, 1/3); and
  // x = (0, 1/3, 2/3), y = (1/3, 2/3) (rows M and B indifferent: 2y1 + 5y2 = 6y2).
  const SolveResult result = SolveVertexEnumeration(testing::VonStengel3x2Degenerate());
  INFO(Describe(result.equilibria));
  REQUIRE(result.ok());
  CHECK(result.degenerate);
  REQUIRE(result.equilibria.size() == 3);
  CHECK(testing::Near(result.equilibria[0].profile, Profile({1, 0, 0}, {1, 0})));
  CHECK(testing::Near(result.equilibria[1].profile, Profile({1, 0, 0}, {2.0 / 3, 1.0 / 3})));
  CHECK(testing::Near(result.equilibria[2].profile,
                      Profile({0, 1.0 / 3, 2.0 / 3}, {1.0 / 3, 2.0 / 3})));
}

TEST_CASE("Vertex enumeration: constant payoffs make every pure profile extreme", "[vertex]") {
  const Bimatrix game =
      MakeBimatrix(Eigen::MatrixXd::Constant(3, 4, 7.0), Eigen::MatrixXd::Constant(3, 4, -1.0));
  const SolveResult result = SolveVertexEnumeration(game);
  REQUIRE(result.ok());
  CHECK(result.degenerate);
  REQUIRE(result.equilibria.size() == 12);
  for (Eigen::Index i = 0; i < 3; ++i) {
    for (Eigen::Index j = 0; j < 4; ++j) {
      CHECK(Contains(result.equilibria, PureProfile(game, i, j)));
    }
  }
}

TEST_CASE("Vertex enumeration: von Stengel's 6x6 game has 75 equilibria", "[vertex]") {
  const SolveResult result = SolveVertexEnumeration(testing::VonStengel6x6());
  REQUIRE(result.ok());
  CHECK(result.equilibria.size() == 75);
  RequireCertified(testing::VonStengel6x6(), result);
}

TEST_CASE("Vertex enumeration: the same set as support enumeration and lrsnash on random games",
          "[vertex]") {
  const bool have_lrsnash = !testing::LrsnashPath().empty();
  if (!have_lrsnash) WARN("lrsnash (Debian package lrslib) not found: comparing with support "
                          "enumeration only");
  const std::string work_file = "vertex_enumeration_test_game.lrs";
  using Kind = testing::RandomKind;
  // (rows, cols, kind, seeds): square and non-square, generic and degenerate payoffs.
  const auto [rows, cols, kind, seeds] = GENERATE(table<Eigen::Index, Eigen::Index, Kind, int>({
      {2, 2, Kind::kTies, 60},
      {3, 3, Kind::kTies, 60},
      {3, 5, Kind::kInteger, 40},
      {5, 3, Kind::kInteger, 40},
      {4, 4, Kind::kTies, 40},
      {6, 6, Kind::kInteger, 40},
      {6, 6, Kind::kUniform, 40},
      {2, 7, Kind::kTies, 40},
      {7, 4, Kind::kUniform, 40},
      {8, 8, Kind::kInteger, 30},
      {5, 9, Kind::kTies, 30},
      {10, 10, Kind::kUniform, 20},
      {10, 7, Kind::kInteger, 20},
  }));
  for (int s = 0; s < seeds; ++s) {
    const std::uint64_t seed = 1000 * static_cast<std::uint64_t>(rows * 100 + cols) +
                               static_cast<std::uint64_t>(s);
    const Bimatrix game = testing::RandomGame(seed, rows, cols, kind);
    INFO("seed " << seed << ", " << rows << "x" << cols);
    const SolveResult vertex = SolveVertexEnumeration(game);
    const SolveResult support = SolveSupportEnumeration(game);
    REQUIRE(vertex.ok());
    REQUIRE(support.ok());
    RequireCertified(game, vertex);
    RequireSameSet(vertex.equilibria, support.equilibria);
    if (!have_lrsnash) continue;
    const std::optional<std::vector<MixedProfile>> peer = testing::RunLrsnash(game, work_file);
    REQUIRE(peer.has_value());
    std::vector<Equilibrium> peer_set;
    for (const MixedProfile& p : *peer) {
      if (!Contains(peer_set, p, 1e-9)) peer_set.push_back(Equilibrium{p});
    }
    RequireSameSet(vertex.equilibria, peer_set);
  }
  std::remove(work_file.c_str());
}

}  // namespace
}  // namespace kaesong
