// The 2013-like calibration built in code, shared by the Kaesong model tests
// (tests/models/kaesong_fixtures.h) and the model benchmarks (bench/model_bench.cc), so that the
// benchmarks time the parameters the tests check. Independent of the scenario files: editing
// scenarios/kaesong_2013.toml changes neither. US$ million/yr, as in the scenarios.
#pragma once

#include "models/kaesong/parameters.h"

#include <optional>

namespace kaesong::model::testing {

// A 2013-like calibration (US$ million/yr): firms' operating value 470, wages and fees up to 200,
// guarantee and blame weights, Pyongyang tempted to shut (exponential, larger during drills),
// the seven dated rounds of 2013 and weekly ones after them (12 in all) with Ulchi Freedom
// Guardian (19-30 Aug), breakdown risk; with `insurance`, Seoul may walk away from 7 Aug for -60
// (the opt-out paths). Durability off leaves no temptation.
inline Parameters Kaesong2013Like(bool durability = true, bool insurance = false) {
  Parameters p;
  p.name = "kaesong_2013_like";
  p.deal.m = DealDimension{0.0, 200.0, 41, std::nullopt};
  p.deal.g = DealDimension{0.0, 1.0, 11, std::nullopt};
  p.deal.beta = DealDimension{0.0, 1.0, 11, std::nullopt};
  p.seoul.pi = 470.0;
  p.seoul.guarantee_weight = 60.0;
  p.seoul.blame_weight = 40.0;
  p.seoul.discount = 0.97;
  p.seoul.impasse = -100.0;
  p.seoul.breakdown_payoff = -250.0;
  p.pyongyang.guarantee_weight = 30.0;
  p.pyongyang.blame_weight = 60.0;
  p.pyongyang.discount = 0.95;
  p.pyongyang.impasse = 0.0;
  p.pyongyang.breakdown_payoff = 0.0;
  if (durability) {
    p.pyongyang.temptation = Temptation{TemptationKind::kExponential, 40.0, 120.0};
    p.durability = Durability{300.0, 0.9, 0.15, false};
  }
  const Day jul6 = 15892;  // 2013-07-06
  p.calendar.round_dates = {jul6, jul6 + 4, jul6 + 9, jul6 + 11, jul6 + 16, jul6 + 19, jul6 + 39};
  p.calendar.spacing_days = 7;
  p.calendar.drills = {DrillWindow{jul6 + 44, jul6 + 55}};
  if (insurance) {
    p.seoul.outside_option = -60.0;
    p.seoul.outside_option_from = jul6 + 32;  // 7 Aug 2013
  }
  p.protocol.first = Proposer::kSeoul;
  p.protocol.rounds = 12;
  p.protocol.breakdown = 0.05;
  p.protocol.drill_breakdown = 0.2;
  p.solution.solution_concept = SolutionConcept::kSpe;
  p.solution.lambda = 0.2;
  return p;
}

}  // namespace kaesong::model::testing
