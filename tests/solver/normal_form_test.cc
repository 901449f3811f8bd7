#include "sim/solver/normal_form.h"

#include <catch2/catch.hpp>

#include <cmath>

namespace kaesong {
namespace {

Bimatrix MatchingPennies() {
  Eigen::MatrixXd a(2, 2);
  a << 1, -1, -1, 1;
  return MakeBimatrix(a, -a, "Matching pennies");
}

TEST_CASE("MakeBimatrix rejects malformed payoffs", "[normal_form]") {
  CHECK_THROWS_WITH(MakeBimatrix(Eigen::MatrixXd(2, 2), Eigen::MatrixXd(2, 3)),
                    "payoff matrices differ in shape: 2x2 and 2x3");
  CHECK_THROWS_WITH(MakeBimatrix(Eigen::MatrixXd(0, 0), Eigen::MatrixXd(0, 0)),
                    "game has no strategies");
  Eigen::MatrixXd nan_payoff = Eigen::MatrixXd::Zero(2, 2);
  nan_payoff(1, 0) = std::nan("");
  CHECK_THROWS_WITH(MakeBimatrix(nan_payoff, nan_payoff),
                    "game has a payoff that is not a finite number");
}

TEST_CASE("Max regret of matching pennies profiles", "[normal_form]") {
  const Bimatrix game = MatchingPennies();
  MixedProfile uniform{Eigen::Vector2d(0.5, 0.5), Eigen::Vector2d(0.5, 0.5)};
  CHECK(MaxRegret(game, uniform) == Approx(0.0).margin(1e-15));
  CHECK(RowPayoff(game, uniform) == Approx(0.0).margin(1e-15));

  // Row plays heads for sure against a 0.75 heads column: the column player gains by switching
  // to tails (payoff 1 instead of -0.5); the row player already best-responds.
  MixedProfile skewed{Eigen::Vector2d(1.0, 0.0), Eigen::Vector2d(0.75, 0.25)};
  const Regret r = PlayerRegrets(game, skewed);
  CHECK(r.row == Approx(0.0).margin(1e-15));
  CHECK(r.col == Approx(1.5));
  CHECK(MaxRegret(game, skewed) == Approx(1.5));
}

TEST_CASE("Max regret is infinite for non-distributions", "[normal_form]") {
  const Bimatrix game = MatchingPennies();
  CHECK(std::isinf(MaxRegret(game, {Eigen::Vector2d(0.6, 0.6), Eigen::Vector2d(0.5, 0.5)})));
  CHECK(std::isinf(MaxRegret(game, {Eigen::Vector2d(1.5, -0.5), Eigen::Vector2d(0.5, 0.5)})));
  CHECK(std::isinf(MaxRegret(game, {Eigen::Vector3d(1, 0, 0), Eigen::Vector2d(0.5, 0.5)})));
}

TEST_CASE("Payoff scale is the larger payoff range", "[normal_form]") {
  Eigen::MatrixXd a(1, 2), b(1, 2);
  a << 0, 10;
  b << 3, 3;
  CHECK(PayoffScale(MakeBimatrix(a, b)) == 10.0);
  CHECK(PayoffScale(MakeBimatrix(b, b)) == 1.0);
}

}  // namespace
}  // namespace kaesong
