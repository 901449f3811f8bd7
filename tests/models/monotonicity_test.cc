// Comparative statics a reader expects (issue 3): raising the breakdown probability in drill
// windows does not raise the value of waiting. In the last round of a drill window (its
// continuation is drill-free) both sides' value of waiting falls, as breakdown pays less than going
// on. Earlier, one side's value of waiting can rise (a lower reservation for the other side in a
// later drill round shifts surplus), so there the claim is about the joint value of waiting, and it
// needs equal discount factors (else shifting surplus to the patient side raises the discounted
// sum) and m not at a bound (else surplus depends on who proposes). It holds for the SPE only: in
// the QRE a harsher drill round makes responders there accept more readily, which cuts costly
// delay, and the joint value of the earlier rounds can rise.
#include "models/kaesong/negotiation.h"
#include "tests/models/kaesong_fixtures.h"

#include <catch2/catch.hpp>

#include <vector>

namespace kaesong::model {
namespace {

TEST_CASE("Larger drill_breakdown lowers both sides' value of waiting in the drill round",
          "[monotonicity]") {
  const SolutionConcept concept_kind = GENERATE(SolutionConcept::kSpe, SolutionConcept::kQre);
  const bool durability = GENERATE(false, true);
  const bool one_drill_round = GENERATE(true, false);
  CAPTURE(concept_kind == SolutionConcept::kSpe, durability, one_drill_round);
  Parameters p = testing::Kaesong2013Like(durability);
  p.solution.solution_concept = concept_kind;
  const Day jul6 = p.calendar.round_dates[0];
  // Round 7 only, or the Ulchi Freedom Guardian window over rounds 7-9.
  if (one_drill_round) p.calendar.drills = {DrillWindow{jul6 + 40, jul6 + 41}};
  const int last_drill_round = one_drill_round ? 7 : 9;
  std::vector<NegotiationSolution> solutions;
  for (const double extra : {0.0, 0.1, 0.3, 0.6, 0.95}) {
    p.protocol.drill_breakdown = extra;
    solutions.push_back(SolveNegotiation(p));
    REQUIRE(solutions.back().ok());
    REQUIRE(solutions.back().Round(last_drill_round).state.drill);
    REQUIRE_FALSE(solutions.back().Round(last_drill_round + 1).state.drill);
  }
  for (std::size_t k = 1; k < solutions.size(); ++k) {
    const RoundPlan& a = solutions[k - 1].Round(last_drill_round);
    const RoundPlan& b = solutions[k].Round(last_drill_round);
    CAPTURE(k);
    CHECK(b.reject_value_seoul < a.reject_value_seoul);
    CHECK(b.reject_value_pyongyang < a.reject_value_pyongyang);
  }
}

TEST_CASE("Larger drill_breakdown does not raise the joint value of waiting in any round (SPE)",
          "[monotonicity][spe]") {
  const bool infinite = GENERATE(false, true);
  CAPTURE(infinite);
  Parameters p = testing::Kaesong2013Like(false);
  p.solution.solution_concept = SolutionConcept::kSpe;
  p.seoul.discount = p.pyongyang.discount = 0.95;
  p.deal.m = DealDimension{-200.0, 800.0, 101, std::nullopt};
  if (infinite) p.protocol.rounds.reset();
  std::vector<NegotiationSolution> solutions;
  for (const double extra : {0.0, 0.1, 0.3, 0.6, 0.95}) {
    p.protocol.drill_breakdown = extra;
    solutions.push_back(SolveNegotiation(p));
    REQUIRE(solutions.back().ok());
  }
  for (std::size_t k = 1; k < solutions.size(); ++k) {
    for (int t = 1; t <= 12; ++t) {
      const RoundPlan& a = solutions[k - 1].Round(t);
      const RoundPlan& b = solutions[k].Round(t);
      CAPTURE(k, t);
      CHECK(b.reject_value_seoul + b.reject_value_pyongyang <=
            a.reject_value_seoul + a.reject_value_pyongyang + 1e-9);
    }
  }
}

}  // namespace
}  // namespace kaesong::model
