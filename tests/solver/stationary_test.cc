// The stationary fixed point: Anderson-accelerated iteration solves an affine contraction in a few
// map evaluations, and an iteration limit or a non-finite map is a status, not a hang.
#include "sim/solver/stationary.h"

#include <catch2/catch.hpp>

#include <cmath>

namespace kaesong::solver {
namespace {

TEST_CASE("Stationary solver: affine contraction, iteration limit, non-finite map",
          "[stationary]") {
  // z = A z + c with spectral radius 0.999: plain iteration would need ~25,000 steps.
  Eigen::Matrix2d a;
  a << 0.5, 0.499, 0.3, 0.699;
  const Eigen::Vector2d c(1.0, -2.0);
  const ValueMap map = [&](const Eigen::Vector2d& z) -> Eigen::Vector2d { return a * z + c; };
  const Eigen::Vector2d exact = (Eigen::Matrix2d::Identity() - a).inverse() * c;

  Eigen::Vector2d z = Eigen::Vector2d::Zero();
  const StationaryReport ok = SolveStationary(map, &z, 1e-12, 1000);
  CHECK(ok.status == SolveStatus::kSuccess);
  CHECK(ok.iterations < 30);
  CHECK((z - exact).cwiseAbs().maxCoeff() < 1e-8);
  CHECK(ok.residual <= 1e-12 * (1 + z.cwiseAbs().maxCoeff()));

  z = Eigen::Vector2d::Zero();
  const ValueMap slow = [](const Eigen::Vector2d& v) -> Eigen::Vector2d {
    return Eigen::Vector2d(0.9 * v[0] + 1.0 + 0.05 * std::sin(3.0 * v[0]),
                           0.95 * v[1] + 0.1 * std::cos(v[0]));
  };
  const StationaryReport limited = SolveStationary(slow, &z, 1e-15, 3);
  CHECK(limited.status == SolveStatus::kIterationLimit);
  CHECK(limited.iterations <= 4);
  CHECK(limited.residual > 0.0);

  z = Eigen::Vector2d::Zero();
  const ValueMap broken = [](const Eigen::Vector2d&) -> Eigen::Vector2d {
    return Eigen::Vector2d(std::nan(""), 0.0);
  };
  CHECK(SolveStationary(broken, &z, 1e-12, 100).status == SolveStatus::kNumericalIssue);
}

TEST_CASE("A stationary fixed point that converges reports success", "[stationary][status]") {
  // T(z) = z / 2 + (1, 2): fixed point (2, 4).
  Eigen::Vector2d z(0.0, 0.0);
  const StationaryReport report = SolveStationary(
      [](const Eigen::Vector2d& v) { return Eigen::Vector2d(0.5 * v + Eigen::Vector2d(1.0, 2.0)); },
      &z, 1e-12, 100);
  CHECK(report.status == SolveStatus::kSuccess);
  CHECK(report.message.empty());
  CHECK(z[0] == Approx(2.0).epsilon(1e-10));
  CHECK(z[1] == Approx(4.0).epsilon(1e-10));
}

}  // namespace
}  // namespace kaesong::solver
