// Properties of the equilibrium solvers on seeded random games (the seed is printed on failure),
// and a brute-force reference for the extreme equilibria written straight from their definition
// (Avis, Rosenberg, Savani & von Stengel 2010): pairs of vertices of the best-response polyhedra
// whose labels cover all strategies. The reference tries every square basis with a full-pivoting
// LU and shares no code with the solvers.
#include "sim/solver/lemke_howson.h"
#include "sim/solver/pure_equilibria.h"
#include "sim/solver/support_enumeration.h"
#include "tests/solver/test_games.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

namespace kaesong {
namespace {

using testing::Contains;
using testing::Describe;
using testing::RandomGame;
using testing::RandomKind;

struct ReferenceVertex {
  Eigen::VectorXd z;
  std::vector<bool> support;  // columns of M with z > 0
  std::vector<bool> best;     // rows of M attaining the best value
};

// Vertices of {(z, v) : z in simplex, M z <= v 1}: for every column set S and row set T of equal
// size with a nonsingular system "rows T indifferent, z on S sums to 1", keep the solution if
// z >= 0 and no row does better than v.
std::vector<ReferenceVertex> ReferenceVertices(const Eigen::MatrixXd& m, double tol) {
  const int rows = static_cast<int>(m.rows());
  const int cols = static_cast<int>(m.cols());
  std::vector<ReferenceVertex> out;
  for (unsigned s = 1; s < (1u << cols); ++s) {
    for (unsigned t = 1; t < (1u << rows); ++t) {
      const int k = __builtin_popcount(s);
      if (__builtin_popcount(t) != k) continue;
      std::vector<int> sc, tr;
      for (int c = 0; c < cols; ++c) {
        if (s & (1u << c)) sc.push_back(c);
      }
      for (int r = 0; r < rows; ++r) {
        if (t & (1u << r)) tr.push_back(r);
      }
      Eigen::MatrixXd sys = Eigen::MatrixXd::Zero(k + 1, k + 1);
      for (int e = 0; e < k; ++e) {
        for (int c = 0; c < k; ++c) sys(e, c) = m(tr[e], sc[c]);
        sys(e, k) = -1.0;
      }
      sys.row(k).head(k).setOnes();
      Eigen::VectorXd rhs = Eigen::VectorXd::Zero(k + 1);
      rhs(k) = 1.0;
      Eigen::FullPivLU<Eigen::MatrixXd> lu(sys);
      if (lu.rank() < k + 1) continue;
      const Eigen::VectorXd sol = lu.solve(rhs);
      Eigen::VectorXd z = Eigen::VectorXd::Zero(cols);
      for (int c = 0; c < k; ++c) z(sc[c]) = sol(c);
      if (z.minCoeff() < -tol) continue;
      const Eigen::VectorXd values = m * z;
      if (values.maxCoeff() > sol(k) + tol) continue;
      ReferenceVertex v{z.cwiseMax(0.0), std::vector<bool>(cols), std::vector<bool>(rows)};
      for (int c = 0; c < cols; ++c) v.support[c] = z(c) > tol;
      for (int r = 0; r < rows; ++r) v.best[r] = values(r) >= sol(k) - tol;
      out.push_back(v);
    }
  }
  return out;
}

std::vector<MixedProfile> ReferenceExtremeEquilibria(const Bimatrix& game) {
  const double tol = 1e-10 * PayoffScale(game);
  const std::vector<ReferenceVertex> xs = ReferenceVertices(game.b.transpose(), tol);
  const std::vector<ReferenceVertex> ys = ReferenceVertices(game.a, tol);
  std::vector<MixedProfile> out;
  for (const ReferenceVertex& x : xs) {
    for (const ReferenceVertex& y : ys) {
      bool labelled = true;
      for (Eigen::Index i = 0; i < game.rows() && labelled; ++i) {
        labelled = !x.support[i] || y.best[i];
      }
      for (Eigen::Index j = 0; j < game.cols() && labelled; ++j) {
        labelled = !y.support[j] || x.best[j];
      }
      if (!labelled) continue;
      MixedProfile p{x.z / x.z.sum(), y.z / y.z.sum()};
      bool seen = false;
      for (const MixedProfile& q : out) seen = seen || testing::Near(p, q, 1e-9);
      if (!seen) out.push_back(p);
    }
  }
  return out;
}

void CheckCertified(const Bimatrix& game, const SolveResult& result) {
  const double bound = 1e-9 * PayoffScale(game);
  for (const Equilibrium& eq : result.equilibria) {
    INFO(Describe(eq.profile));
    CHECK(eq.max_regret <= bound);
    CHECK(MaxRegret(game, eq.profile) <= bound);
  }
}

struct Shape {
  Eigen::Index rows;
  Eigen::Index cols;
};

// Shapes 2x2 .. 8x8, square and not, chosen by the seed.
Shape ShapeFor(std::uint64_t seed) {
  return Shape{2 + static_cast<Eigen::Index>(seed % 7),
               2 + static_cast<Eigen::Index>((seed / 7) % 7)};
}

TEST_CASE("Random games: certified, consistent equilibria", "[solver][property]") {
  struct Batch {
    RandomKind kind;
    std::uint64_t first_seed;
    int count;
  };
  const Batch batch =
      GENERATE(Batch{RandomKind::kUniform, 1000, 200}, Batch{RandomKind::kInteger, 2000, 200},
               Batch{RandomKind::kTies, 3000, 150});
  for (int g = 0; g < batch.count; ++g) {
    const std::uint64_t seed = batch.first_seed + static_cast<std::uint64_t>(g);
    const Shape shape = ShapeFor(seed);
    const Bimatrix game = RandomGame(seed, shape.rows, shape.cols, batch.kind);
    CAPTURE(seed, shape.rows, shape.cols, static_cast<int>(batch.kind));

    std::size_t streamed = 0;
    const SolveResult all =
        SolveSupportEnumeration(game, {}, [&](const Equilibrium&) { ++streamed; });
    INFO(all.Report());
    INFO("support enumeration:\n" << Describe(all.equilibria));
    REQUIRE(all.ok());
    REQUIRE_FALSE(all.equilibria.empty());
    CheckCertified(game, all);
    CHECK(streamed == all.equilibria.size());
    for (std::size_t k = 0; k + 1 < all.equilibria.size(); ++k) {
      CHECK_FALSE(testing::Near(all.equilibria[k].profile, all.equilibria[k + 1].profile, 1e-9));
    }

    if (batch.kind == RandomKind::kUniform) {
      // Real payoffs in general position: nondegenerate, so the count is odd (Lemke & Howson
      // 1964; Shapley 1974).
      CHECK_FALSE(all.degenerate);
      CHECK(all.equilibria.size() % 2 == 1);
    }

    LemkeHowsonOptions lh_options;
    lh_options.all_labels = true;
    const SolveResult lh = SolveLemkeHowson(game, lh_options);
    INFO(lh.Report());
    INFO("Lemke-Howson:\n" << Describe(lh.equilibria));
    REQUIRE(lh.ok());  // every path terminated, and every end point is certified
    REQUIRE_FALSE(lh.equilibria.empty());
    CheckCertified(game, lh);
    for (const Equilibrium& eq : lh.equilibria) {
      INFO("Lemke-Howson end point " << Describe(eq.profile));
      CHECK(Contains(all.equilibria, eq.profile));
    }
    if (batch.kind == RandomKind::kUniform) CHECK_FALSE(lh.degenerate);

    LemkeHowsonOptions race_options;
    race_options.race_labels = true;
    const SolveResult race = SolveLemkeHowson(game, race_options);
    INFO(race.Report());
    REQUIRE(race.ok());
    REQUIRE(race.equilibria.size() == 1);
    CheckCertified(game, race);
    CHECK(Contains(all.equilibria, race.equilibria[0].profile));

    const SolveResult pure = SolvePureEquilibria(game);
    REQUIRE(pure.ok());
    for (const Equilibrium& eq : pure.equilibria) {
      INFO("pure equilibrium " << Describe(eq.profile));
      CHECK(Contains(all.equilibria, eq.profile));
    }

    if (shape.rows * shape.cols <= 25) {
      const std::vector<MixedProfile> reference = ReferenceExtremeEquilibria(game);
      CHECK(reference.size() == all.equilibria.size());
      for (const MixedProfile& p : reference) {
        INFO("reference equilibrium " << Describe(p));
        CHECK(Contains(all.equilibria, p));
      }
    }
  }
}

TEST_CASE("Random games: results do not depend on strategy order", "[solver][property]") {
  for (std::uint64_t seed = 5000; seed < 5040; ++seed) {
    const Shape shape = ShapeFor(seed);
    const RandomKind kind = seed % 2 == 0 ? RandomKind::kInteger : RandomKind::kTies;
    const Bimatrix game = RandomGame(seed, shape.rows, shape.cols, kind);
    CAPTURE(seed, shape.rows, shape.cols);
    // Reverse both players' strategy orders.
    const Bimatrix reversed = MakeBimatrix(game.a.colwise().reverse().rowwise().reverse(),
                                           game.b.colwise().reverse().rowwise().reverse());
    const SolveResult direct = SolveSupportEnumeration(game);
    const SolveResult flipped = SolveSupportEnumeration(reversed);
    REQUIRE(direct.ok());
    REQUIRE(flipped.ok());
    REQUIRE(direct.equilibria.size() == flipped.equilibria.size());
    CHECK(direct.degenerate == flipped.degenerate);
    for (const Equilibrium& eq : flipped.equilibria) {
      const MixedProfile back{eq.profile.row.reverse(), eq.profile.col.reverse()};
      INFO(Describe(back));
      CHECK(Contains(direct.equilibria, back));
    }
  }
}

TEST_CASE("Lemke-Howson on larger random games", "[solver][property]") {
  const auto n = GENERATE(20, 60, 120);
  for (std::uint64_t seed = 7000; seed < 7003; ++seed) {
    CAPTURE(seed, n);
    const Bimatrix game = RandomGame(seed, n, n + 3, RandomKind::kInteger);
    for (int label : {1, n, n + 2}) {
      CAPTURE(label);
      LemkeHowsonOptions options;
      options.label = label;
      const SolveResult result = SolveLemkeHowson(game, options);
      INFO(result.Report());
      REQUIRE(result.ok());
      REQUIRE(result.equilibria.size() == 1);
      CheckCertified(game, result);
      CHECK(result.iterations >= 1);
    }
  }
}

}  // namespace
}  // namespace kaesong
