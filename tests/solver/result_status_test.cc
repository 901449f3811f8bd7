// Every result starts as "not solved" (Ceres' Solver::Summary starts as "Solve was not called"),
// so a result that no solver filled in never reads as a solved one; a solver's normal end turns
// it into success and keeps a failure recorded on the way.
#include "sim/solver/markov_policy.h"
#include "sim/solver/markov_result.h"
#include "sim/solver/pure_equilibria.h"
#include "sim/solver/solve_result.h"
#include "sim/solver/stationary.h"
#include "tests/solver/test_games.h"

#include <catch2/catch.hpp>

namespace kaesong {
namespace {

TEST_CASE("Results start as not solved", "[solver][status]") {
  const SolveResult solve;
  CHECK(solve.status == SolveStatus::kNotSolved);
  CHECK_FALSE(solve.ok());
  CHECK(solve.message == "not solved");
  CHECK(ToString(solve.status) == "not_solved");

  const MarkovResult markov;
  CHECK(markov.status == MarkovStatus::kNotSolved);
  CHECK_FALSE(markov.ok());
  CHECK(ToString(markov.status) == "not_solved");

  const PolicyEvaluation evaluation;
  CHECK_FALSE(evaluation.ok());

  CHECK(solver::StationaryReport{}.status == SolveStatus::kNotSolved);
}

TEST_CASE("Finish turns not solved into success and keeps a failure", "[solver][status]") {
  SolveResult done;
  done.Finish();
  CHECK(done.ok());
  CHECK(done.message.empty());

  SolveResult stopped;
  stopped.status = SolveStatus::kIterationLimit;
  stopped.message = "stopped after 3 pivots";
  stopped.Finish();
  CHECK(stopped.status == SolveStatus::kIterationLimit);
  CHECK(stopped.message == "stopped after 3 pivots");

  MarkovResult markov;
  markov.Finish();
  CHECK(markov.ok());
  CHECK(markov.message.empty());
}

TEST_CASE("A solver that finishes reports success", "[solver][status]") {
  // Prisoner's dilemma: one pure equilibrium (defect, defect).
  const SolveResult result = SolvePureEquilibria(testing::PrisonersDilemma());
  CHECK(result.ok());
  CHECK(result.message.empty());
  REQUIRE(result.equilibria.size() == 1);
}

}  // namespace
}  // namespace kaesong
