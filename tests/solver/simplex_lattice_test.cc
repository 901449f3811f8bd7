// The simplex lattice (sim/solver/simplex_lattice.h): its points are the compositions of the
// resolution, ranked consistently, and its interpolation reproduces affine functions exactly
// with a stencil of at most K points of the lattice around the belief.
#include "sim/solver/simplex_lattice.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <set>
#include <vector>

namespace kaesong::solver {
namespace {

long long Binomial(int n, int k) {
  long long c = 1;
  for (int j = 1; j <= k; ++j) c = c * (n - k + j) / j;
  return c;
}

TEST_CASE("Simplex lattice: C(r + K - 1, K - 1) distinct points on the simplex", "[lattice]") {
  for (int k : {1, 2, 3, 4, 6}) {
    for (int r : {1, 2, 5, 12}) {
      const SimplexLattice lattice(k, r);
      REQUIRE(lattice.size() == Binomial(r + k - 1, k - 1));
      CHECK(SimplexLattice::CountPoints(k, r, 1'000'000) == lattice.size());
      std::set<std::vector<long>> seen;
      for (long long i = 0; i < lattice.size(); ++i) {
        const Eigen::VectorXd mu = lattice.Point(i);
        CHECK(mu.minCoeff() >= 0.0);
        CHECK(std::abs(mu.sum() - 1.0) < 1e-12);
        std::vector<long> n;
        std::vector<int> c;
        long running = 0;
        for (int j = 0; j < k; ++j) {
          n.push_back(std::lround(mu[j] * r));
          running += n.back();
          if (j + 1 < k) c.push_back(static_cast<int>(running));
        }
        CHECK(seen.insert(n).second);
        if (k > 1) CHECK(lattice.Rank(c.data()) == i);
      }
    }
  }
}

TEST_CASE("Simplex lattice: counts past a limit saturate instead of overflowing", "[lattice]") {
  CHECK(SimplexLattice::CountPoints(64, 10000, 100'001) == 100'002);
  CHECK(SimplexLattice::CountPoints(3, 446, 100'001) == 100'002);  // C(448, 2) = 100128
  CHECK(SimplexLattice::CountPoints(3, 445, 100'001) == 99'681);   // C(447, 2)
}

TEST_CASE("Simplex lattice: interpolation is exact for affine functions", "[lattice]") {
  std::mt19937_64 gen(7);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int k : {1, 2, 3, 5}) {
    const int r = 7;
    const SimplexLattice lattice(k, r);
    Eigen::VectorXd a(k);
    for (int j = 0; j < k; ++j) a[j] = u(gen) * 10.0 - 5.0;
    std::vector<double> f(static_cast<std::size_t>(lattice.size()));
    for (long long i = 0; i < lattice.size(); ++i) f[i] = a.dot(lattice.Point(i)) + 3.0;
    LatticeStencil stencil;
    for (int trial = 0; trial < 200; ++trial) {
      std::vector<double> mu(k);
      double sum = 0.0;
      for (double& x : mu) sum += (x = -std::log(1.0 - u(gen)));  // uniform on the simplex
      for (double& x : mu) x /= sum;
      if (trial == 0) std::fill(mu.begin(), mu.end(), 0.0), mu[0] = 1.0;  // a vertex
      lattice.Locate(mu.data(), &stencil);
      REQUIRE(stencil.size >= 1);
      REQUIRE(stencil.size <= k);
      double w = 0.0, value = 0.0;
      Eigen::VectorXd centre = Eigen::VectorXd::Zero(k);
      for (int s = 0; s < stencil.size; ++s) {
        CHECK(stencil.weight[s] > 0.0);
        w += stencil.weight[s];
        value += stencil.weight[s] * f[stencil.point[s]];
        centre += stencil.weight[s] * lattice.Point(stencil.point[s]);
        // Every stencil point lies within one lattice step of the belief in each coordinate.
        for (int j = 0; j < k; ++j) {
          CHECK(std::abs(lattice.Point(stencil.point[s])[j] - mu[j]) <= 2.0 / r + 1e-12);
        }
      }
      CHECK(std::abs(w - 1.0) < 1e-12);
      const Eigen::VectorXd m = Eigen::Map<const Eigen::VectorXd>(mu.data(), k);
      CHECK((centre - m).cwiseAbs().maxCoeff() < 1e-12);  // barycentric: reproduces the belief
      CHECK(std::abs(value - (a.dot(m) + 3.0)) < 1e-10);
    }
  }
}

TEST_CASE("Simplex lattice: a lattice point is its own stencil", "[lattice]") {
  const SimplexLattice lattice(4, 5);
  LatticeStencil stencil;
  for (long long i = 0; i < lattice.size(); ++i) {
    const Eigen::VectorXd mu = lattice.Point(i);
    lattice.Locate(mu.data(), &stencil);
    REQUIRE(stencil.size == 1);
    CHECK(stencil.point[0] == i);
  }
}

}  // namespace
}  // namespace kaesong::solver
