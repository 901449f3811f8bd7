#include "sim/solver/bounded_minimize.h"

#include <catch2/catch.hpp>

#include <cmath>

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

TEST_CASE("a guided profile of a correlated quadratic finds the interval in few evaluations") {
  // f = (x - mu)' H (x - mu) / 2: the profile of x0 is (v - mu0)^2 / (2 Sigma_00), Sigma = H^-1,
  // so it rises by `rise` at mu0 +- sqrt(2 rise Sigma_00), and the other coordinate follows
  // mu1 + Sigma_10 / Sigma_00 (v - mu0).
  Eigen::Matrix2d h;
  h << 400.0, 150.0, 150.0, 100.0;
  const Eigen::Vector2d mu(0.3, -0.2);
  long long calls = 0;
  const auto f = [&](const Eigen::VectorXd& x) {
    ++calls;
    const Eigen::Vector2d d = x - mu;
    return 0.5 * d.dot(h * d);
  };
  const Eigen::Matrix2d sigma = h.inverse();
  const double rise = 1.920729;
  const double half_width = std::sqrt(2.0 * rise * sigma(0, 0));
  ProfileGuide guide;
  guide.crossing = half_width;
  guide.slope = Eigen::VectorXd::Constant(1, sigma(1, 0) / sigma(0, 0));
  const ProfileSide guided = ProfileToBound(f, UnitBox(), mu, 0.0, 0, true, rise, 8, 4, {}, guide);
  const long long guided_calls = calls;
  calls = 0;
  const ProfileSide plain = ProfileToBound(f, UnitBox(), mu, 0.0, 0, true, rise, 8, 4);
  CHECK_FALSE(guided.reached_bound);
  CHECK(guided.limit == Approx(mu(0) + half_width).epsilon(1e-6));
  CHECK(plain.limit == Approx(mu(0) + half_width).epsilon(1e-2));
  CHECK(guided_calls < calls);
  const ProfileSide down = ProfileToBound(f, UnitBox(), mu, 0.0, 0, false, rise, 8, 4, {}, guide);
  CHECK(down.limit == Approx(mu(0) - half_width).epsilon(1e-6));
}

TEST_CASE("a guided profile of a skewed log-likelihood matches the exact likelihood-ratio limits") {
  // -log L of an exponential rate theta from N observations of mean m: N (theta m - log theta),
  // minimised at 1 / m with second derivative N / theta^2. The profile rises by `rise` where
  // N (r - 1 - log r) = rise, r = theta m; each root found here by bisection.
  const double n = 40.0, m = 2.0, best = 1.0 / m, rise = 1.920729;
  const auto f = [&](const Eigen::VectorXd& x) { return n * (x(0) * m - std::log(x(0))); };
  const auto exact = [&](double lo, double hi) {
    const auto g = [&](double r) { return n * (r - 1.0 - std::log(r)) - rise; };
    for (int k = 0; k < 200; ++k) {
      const double mid = 0.5 * (lo + hi);
      ((g(lo) < 0.0) == (g(mid) < 0.0) ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi) / m;
  };
  const Box box{Eigen::VectorXd::Constant(1, 0.01), Eigen::VectorXd::Constant(1, 5.0)};
  const Eigen::VectorXd at = Eigen::VectorXd::Constant(1, best);
  ProfileGuide guide;
  guide.crossing = std::sqrt(2.0 * rise * best * best / n);
  const double best_value = f(at);
  const ProfileSide up = ProfileToBound(f, box, at, best_value, 0, true, rise, 8, 6, {}, guide);
  const ProfileSide down = ProfileToBound(f, box, at, best_value, 0, false, rise, 8, 6, {}, guide);
  CHECK(up.limit == Approx(exact(1.0, 3.0)).epsilon(1e-5));
  CHECK(down.limit == Approx(exact(0.2, 1.0)).epsilon(1e-5));
  // The interval is skewed: longer above the estimate than below.
  CHECK(up.limit - best > best - down.limit);
}

}  // namespace
}  // namespace kaesong
