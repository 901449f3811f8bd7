// Outside options that bind (Binmore, Shaked & Sutton 1989): an active option can be
// taken by either side in any round, instead of proposing or instead of answering. Pie 1, both
// discounts 0.9, Pyongyang proposes first, Seoul's option w_S = 0.6 and Pyongyang's w_P active
// from the start. Stationary values by hand: Seoul's reservation as responder is
// max(w_S, 0.9 V_S^prop) = 0.6, so Pyongyang at the table keeps 0.4 and Seoul, proposing, keeps
// 1 - max(w_P, 0.9 * 0.4). Below the threshold w_P = 0.4 both stay at the table (Pyongyang keeps
// 0.4 in round 1); above it both walk away as proposers (Seoul's table value 1 - w_P < 0.6), so
// Pyongyang ends the talks at once with (b_S, w_P) = (0, w_P).
#include "models/kaesong/negotiation.h"
#include "models/kaesong/qre.h"
#include "models/kaesong/spe.h"
#include "tests/models/kaesong_fixtures.h"

#include <catch2/catch.hpp>

namespace kaesong::model {
namespace {

using testing::LimitCase;

Parameters TwoOptions(double w_p) {
  Parameters p = LimitCase(0.9, 0.9, Proposer::kPyongyang, std::nullopt);
  p.seoul.outside_option = 0.6;
  p.pyongyang.outside_option = w_p;
  return p;
}

TEST_CASE("A proposer's outside option: below its threshold it stays at the table",
          "[outside][spe]") {
  const double w_p = GENERATE(0.1, 0.3, 0.39);
  const NegotiationSolution s = SolveSpe(TwoOptions(w_p));
  REQUIRE(s.ok());
  const Proposal& first = s.Round(1).proposal[1];
  CAPTURE(w_p);
  CHECK(first.accept_prob == 1.0);
  CHECK(first.proposer_opt_out_prob == 0.0);
  CHECK(first.offer.m == Approx(0.4).margin(1e-9));
  CHECK(s.value_seoul() == Approx(0.6).margin(1e-9));
  CHECK(s.value_pyongyang() == Approx(0.4).margin(1e-9));
  CHECK(s.Round(2).value_seoul == Approx(1 - std::max(w_p, 0.36)).margin(1e-9));
}

TEST_CASE("A proposer's outside option: above its threshold the proposer walks away",
          "[outside][spe]") {
  const double w_p = GENERATE(0.41, 0.5, 0.9);
  const NegotiationSolution s = SolveSpe(TwoOptions(w_p));
  REQUIRE(s.ok());
  const Proposal& first = s.Round(1).proposal[1];
  CAPTURE(w_p);
  CHECK(first.accept_prob == 0.0);
  CHECK(first.proposer_opt_out_prob == 1.0);
  CHECK(s.value_seoul() == Approx(0.0).margin(1e-12));
  CHECK(s.value_pyongyang() == Approx(w_p).margin(1e-12));
  const OutcomeDistribution d = ComputeOutcomes(s, 100);
  CHECK(d.opt_out == Approx(1.0));
  CHECK(d.agree == 0.0);
}

TEST_CASE("The logit QRE walks away where the SPE does, as lambda grows", "[outside][qre]") {
  const auto [w_p, walks] = GENERATE(table<double, bool>({{0.3, false}, {0.5, true}}));
  Parameters p = TwoOptions(w_p);
  p.solution.solution_concept = SolutionConcept::kQre;
  p.solution.lambda = 2000.0;
  const NegotiationSolution s = SolveQre(p);
  REQUIRE(s.ok());
  const Proposal& first = s.Round(1).proposal[1];
  CAPTURE(w_p);
  if (walks) {
    CHECK(first.proposer_opt_out_prob > 0.99);
    CHECK(s.value_pyongyang() == Approx(w_p).margin(0.01));
  } else {
    CHECK(first.proposer_opt_out_prob < 0.01);
    CHECK(first.accept_prob > 0.9);
    CHECK(s.value_pyongyang() == Approx(0.4).margin(0.01));
  }
}

}  // namespace
}  // namespace kaesong::model
