// The model's results start as "not solved" like the solver core's (result_status_test.cc); the
// solvers that finish say success, and one stopped at its iteration limit says so.
#include "models/kaesong/critical_face_cost.h"
#include "models/kaesong/negotiation.h"
#include "models/kaesong/pbe.h"
#include "tests/models/kaesong_fixtures.h"

#include <catch2/catch.hpp>

#include <optional>

namespace kaesong::model {
namespace {

TEST_CASE("Model results start as not solved", "[model][status]") {
  CHECK(NegotiationSolution{}.status == SolveStatus::kNotSolved);
  CHECK_FALSE(NegotiationSolution{}.ok());
  CHECK(NegotiationSolution{}.message == "not solved");
  CHECK(ScreeningSolution{}.status == SolveStatus::kNotSolved);
  CHECK(CriticalFaceCost{}.status == SolveStatus::kNotSolved);
}

TEST_CASE("An infinite-horizon solve reports its iteration limit", "[stationary][spe]") {
  Parameters p = testing::LimitCase(0.999, 0.999, Proposer::kSeoul, std::nullopt);
  p.solution.max_iterations = 2;
  const NegotiationSolution s = SolveNegotiation(p);
  CHECK(s.status == SolveStatus::kIterationLimit);
  CHECK(s.iterations <= 3);
  CHECK_FALSE(s.message.empty());
  p.solution.max_iterations = 100000;
  const NegotiationSolution full = SolveNegotiation(p);
  CHECK(full.ok());
  CHECK(full.iterations < 50);
}

}  // namespace
}  // namespace kaesong::model
