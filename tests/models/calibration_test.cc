// The shipped complete-information 2013 calibration (scenarios/kaesong_2013_complete.toml)
// against soundness rules (README.md,
// "The model" and "The 2013 calibration"): no headline result is set by the cap on hard currency
// (doubling deal.m.max leaves the SPE terms and A_P* unchanged), the insurance option binds (the
// outside option principle: below Seoul's value of staying at the table it would change nothing,
// above it it moves the terms), and the shutdown hazard has the order of magnitude of the record
// (two closures in twelve years).
#include "models/kaesong/critical_face_cost.h"
#include "models/kaesong/negotiation.h"
#include "sim/engine/run.h"
#include "sim/io/scenario.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <string>
#include <vector>

namespace kaesong::model {
namespace {

// A shipped scenario under the SPE, with `overrides` applied as by --set.
Parameters Shipped(const std::string& name, const std::vector<io::Override>& overrides = {}) {
  Parameters p =
      io::LoadScenario(std::string(KAESONG_SOURCE_DIR) + "/scenarios/" + name + ".toml", overrides)
          .parameters;
  p.solution.solution_concept = SolutionConcept::kSpe;
  return p;
}

// The complete-information calibration, and its counterfactuals of no_insurance.toml and
// seoul_insists_full_blame.toml (whose files build on the hidden-face-cost kaesong_2013.toml).
Parameters Complete(const std::vector<io::Override>& overrides = {}) {
  return Shipped("kaesong_2013_complete", overrides);
}

Parameters DoubledCap(Parameters p) {
  p.deal.m.max *= 2.0;
  p.deal.m.grid = (p.deal.m.grid - 1) * 2 + 1;  // the same step
  return p;
}

TEST_CASE("kaesong_2013_complete: the SPE terms do not depend on the cap on hard currency",
          "[calibration]") {
  const Parameters p = Complete();
  const NegotiationSolution a = SolveNegotiation(p);
  const NegotiationSolution b = SolveNegotiation(DoubledCap(p));
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  const Proposal& x = a.Round(1).proposal[0];
  const Proposal& y = b.Round(1).proposal[0];
  REQUIRE(x.accept_prob == 1.0);
  CHECK(x.offer.m < p.deal.m.max - 50.0);
  CHECK(y.offer.m == Approx(x.offer.m).margin(1e-6));
  CHECK(y.offer.g == Approx(x.offer.g).margin(1e-9));
  CHECK(y.offer.beta == Approx(x.offer.beta).margin(1e-9));
  CHECK(b.value_seoul() == Approx(a.value_seoul()).margin(1e-6));
  CHECK(b.value_pyongyang() == Approx(a.value_pyongyang()).margin(1e-6));
  for (const SolutionConcept concept_ : {SolutionConcept::kSpe, SolutionConcept::kQre}) {
    Parameters q = p;
    q.solution.solution_concept = concept_;
    engine::RunOptions options;
    options.replications = 10;
    options.record_rounds = false;
    CHECK(engine::RunScenario(q, options).warnings.empty());
  }
}

TEST_CASE("kaesong_2013_complete with beta = 1: A_P* does not depend on the cap", "[calibration]") {
  const Parameters p = Complete({{"deal.beta", "1", "test"}});
  const CriticalFaceCost a = ComputeCriticalFaceCost(p);
  const CriticalFaceCost b = ComputeCriticalFaceCost(DoubledCap(p));
  REQUIRE(a.status == SolveStatus::kSuccess);
  REQUIRE(b.status == SolveStatus::kSuccess);
  CHECK_FALSE(a.at_cap);
  CHECK(b.value == Approx(a.value).margin(1e-6));
  // The analyst's claim holds at the calibrated face cost.
  CHECK(a.value < p.pyongyang.blame_weight);
  // The cap sets A_P* once it binds, and the result says so.
  Parameters low = p;
  low.deal.m.max = 60.0;
  low.deal.m.grid = 13;
  CHECK(ComputeCriticalFaceCost(low).at_cap);
  std::cout << "A_P* = " << a.value << " (cap " << p.deal.m.max << "), " << b.value << " (cap "
            << 2 * p.deal.m.max << "); pyongyang.blame_weight = " << p.pyongyang.blame_weight
            << "\n";
}

TEST_CASE("kaesong_2013_complete: the insurance option binds, and below its threshold it would not",
          "[calibration][outside]") {
  const Parameters base = Complete();
  const Parameters none = Complete(
      {{"seoul.outside_option", "none", "test"}, {"seoul.outside_option_from", "none", "test"}});
  REQUIRE(base.seoul.outside_option.has_value());
  REQUIRE_FALSE(none.seoul.outside_option.has_value());
  const NegotiationSolution without = SolveNegotiation(none);
  REQUIRE(without.ok());
  // The lowest value Seoul can count on at the table once the option is active: its reservation
  // W_S where Pyongyang proposes, its own offer's value where it proposes. An option below it
  // changes nothing (Binmore, Shaked & Sutton 1989).
  double threshold = HUGE_VAL;
  const RoundCalendar& calendar = without.calendar;
  const int last = static_cast<int>(without.dated.size() + without.tail.size());
  for (int t = 1; t <= last; ++t) {
    if (calendar.Date(t) < *base.seoul.outside_option_from) continue;
    const RoundPlan& plan = without.Round(t);
    if (plan.proposal[1].probability > 0.0)
      threshold = std::min(threshold, plan.reject_value_seoul);
    if (plan.proposal[0].probability > 0.0) {
      threshold = std::min(threshold, plan.proposal[0].value_seoul);
    }
  }
  REQUIRE(std::isfinite(threshold));
  Parameters below = base, above = base;
  below.seoul.outside_option = threshold - 1.0;
  above.seoul.outside_option = threshold + 1.0;
  const NegotiationSolution b = SolveNegotiation(below), a = SolveNegotiation(above);
  const NegotiationSolution shipped = SolveNegotiation(base);
  REQUIRE(b.ok());
  REQUIRE(a.ok());
  REQUIRE(shipped.ok());
  CHECK(b.value_seoul() == Approx(without.value_seoul()).margin(1e-9));
  CHECK(b.Round(1).proposal[0].offer.m ==
        Approx(without.Round(1).proposal[0].offer.m).margin(1e-9));
  CHECK(a.value_seoul() > without.value_seoul() + 1e-3);
  // The shipped option is above the threshold, and it lowers the hard currency Seoul pays.
  CHECK(*base.seoul.outside_option > threshold);
  const double m_with = shipped.Round(1).proposal[0].offer.m;
  const double m_without = without.Round(1).proposal[0].offer.m;
  CHECK(m_without - m_with > 10.0);
  std::cout << "insurance: binds above w_S = " << threshold
            << "; the shipped w_S = " << *base.seoul.outside_option
            << " lowers the SPE hard currency from " << m_without << " to " << m_with
            << " US$ million/yr and raises Seoul's value from " << without.value_seoul() << " to "
            << shipped.value_seoul() << "\n";
}

TEST_CASE("kaesong_2013_complete: the shutdown hazard has the record's order of magnitude",
          "[calibration][durability]") {
  // Two closures in twelve years (2013 by Pyongyang, 2016 by Seoul): Pyongyang's yearly hazard
  // of the order of 1/12; within a factor of about five either way.
  const NegotiationSolution s = SolveNegotiation(Complete());
  REQUIRE(s.ok());
  const double hazard = s.Round(1).proposal[0].offer_value.hazard;
  CAPTURE(hazard);
  CHECK(hazard > 1.0 / 60.0);
  CHECK(hazard < 0.5);
}

}  // namespace
}  // namespace kaesong::model
