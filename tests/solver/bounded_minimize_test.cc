#include "sim/solver/bounded_minimize.h"

#include <catch2/catch.hpp>

namespace kaesong {
namespace {

// Rosenbrock-like quadratic bowl with its minimum at (0.3, -0.2).
double Bowl(const Eigen::VectorXd& x) {
  const double a = x(0) - 0.3, b = x(1) + 0.2;
  return 2.0 * a * a + a * b + b * b;
}

Box UnitBox() { return Box{Eigen::Vector2d(-1.0, -1.0), Eigen::Vector2d(1.0, 1.0)}; }

TEST_CASE("bounded quasi-Newton finds an interior minimum") {
  const MinimizeResult r = MinimizeInBox(Bowl, UnitBox(), Eigen::Vector2d(0.9, 0.9));
  CHECK(r.status == MinimizeStatus::kConverged);
  CHECK(r.x(0) == Approx(0.3).margin(1e-5));
  CHECK(r.x(1) == Approx(-0.2).margin(1e-5));
}

TEST_CASE("bounded quasi-Newton stops on the bound when the minimum is outside the box") {
  Box box = UnitBox();
  box.lower(0) = 0.5;  // the unconstrained minimum x0 = 0.3 is outside
  const MinimizeResult r = MinimizeInBox(Bowl, box, Eigen::Vector2d(0.9, 0.9));
  CHECK(r.status == MinimizeStatus::kConverged);
  CHECK(r.x(0) == 0.5);
  // min over b of 2 a^2 + a b + b^2 at a = 0.2: b = -a / 2 = -0.1, x1 = -0.3.
  CHECK(r.x(1) == Approx(-0.3).margin(1e-5));
}

TEST_CASE("numerical Hessian matches the analytic one") {
  const auto f = [](const Eigen::VectorXd& x) {
    return std::exp(x(0)) * std::sin(x(1)) + x(0) * x(0) * x(1);
  };
  const Eigen::Vector2d x(0.4, 0.7);
  const Eigen::MatrixXd h = NumericalHessian(f, x, f(x), Eigen::Vector2d(1e-4, 1e-4));
  CHECK(h(0, 0) == Approx(std::exp(0.4) * std::sin(0.7) + 2.0 * 0.7).epsilon(1e-6));
  CHECK(h(1, 1) == Approx(-std::exp(0.4) * std::sin(0.7)).epsilon(1e-6));
  CHECK(h(0, 1) == Approx(std::exp(0.4) * std::cos(0.7) + 2.0 * 0.4).epsilon(1e-6));
  CHECK(h(1, 0) == h(0, 1));
}

TEST_CASE("start points are a pure function of box, count and seed") {
  const std::vector<Eigen::VectorXd> a = SpreadStarts(UnitBox(), 5, 3);
  const std::vector<Eigen::VectorXd> b = SpreadStarts(UnitBox(), 5, 3);
  REQUIRE(a.size() == 5);
  for (std::size_t k = 0; k < a.size(); ++k) CHECK(a[k] == b[k]);
  CHECK(a[0] == Eigen::Vector2d(0.0, 0.0));
}

TEST_CASE("profile of a quadratic gives the likelihood-ratio interval") {
  // f = (x0 - 0.3)^2 / (2 s^2): the profile rises by 1.92 at 0.3 +- 1.96 s.
  const double s = 0.1;
  const auto f = [&](const Eigen::VectorXd& x) {
    const double a = x(0) - 0.3;
    return a * a / (2.0 * s * s) + (x(1) - 0.1) * (x(1) - 0.1);
  };
  const Eigen::Vector2d best(0.3, 0.1);
  const ProfileSide up = ProfileToBound(f, UnitBox(), best, 0.0, 0, true, 1.920729, 8, 20);
  CHECK_FALSE(up.reached_bound);
  CHECK(up.limit == Approx(0.3 + 1.959964 * s).epsilon(1e-3));
}

}  // namespace
}  // namespace kaesong
