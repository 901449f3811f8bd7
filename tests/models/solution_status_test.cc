// The model's results start as "not solved" like the solver core's (result_status_test.cc); the
// solvers that finish say success.
#include "models/kaesong/critical_face_cost.h"
#include "models/kaesong/negotiation.h"
#include "models/kaesong/pbe.h"
#include "models/kaesong/stationary.h"

#include <catch2/catch.hpp>

namespace kaesong::model {
namespace {

TEST_CASE("Model results start as not solved", "[model][status]") {
  CHECK(NegotiationSolution{}.status == SolveStatus::kNotSolved);
  CHECK_FALSE(NegotiationSolution{}.ok());
  CHECK(NegotiationSolution{}.message == "not solved");
  CHECK(ScreeningSolution{}.status == SolveStatus::kNotSolved);
  CHECK(StationaryReport{}.status == SolveStatus::kNotSolved);
  CHECK(CriticalFaceCost{}.status == SolveStatus::kNotSolved);
}

TEST_CASE("A stationary fixed point that converges reports success", "[model][status]") {
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
}  // namespace kaesong::model
