// Parameter sets built in code for the Kaesong model tests: the one-issue limit cases of BRIEF 2.6
// (pie 1 = seoul.pi, only m live, m is Pyongyang's share) and a 2013-like calibration.
#pragma once

#include "models/kaesong/parameters.h"

#include <optional>

namespace kaesong::model::testing {

// One issue: u_S = 1 - m, u_P = m on m in [0, 1]; g and beta fixed at 0; no durability.
inline Parameters LimitCase(double seoul_discount, double pyongyang_discount, Proposer first,
                            std::optional<int> rounds, int m_grid = 101) {
  Parameters p;
  p.name = "limit";
  p.deal.m = DealDimension{0.0, 1.0, m_grid, std::nullopt};
  p.deal.g = DealDimension{0.0, 1.0, 2, 0.0};
  p.deal.beta = DealDimension{0.0, 1.0, 2, 0.0};
  p.seoul.pi = 1.0;
  p.seoul.discount = seoul_discount;
  p.pyongyang.discount = pyongyang_discount;
  p.seoul.breakdown_payoff = p.pyongyang.breakdown_payoff = 0.0;
  p.seoul.impasse = p.pyongyang.impasse = 0.0;
  p.protocol.first = first;
  p.protocol.rounds = rounds;
  p.solution.solution_concept = SolutionConcept::kSpe;
  p.solution.tolerance = 1e-12;
  return p;
}

// A 2013-like calibration (US$ million/yr): firms' operating value 470, wages and fees up to 200,
// guarantee and blame weights, Pyongyang tempted to shut (exponential, larger during drills),
// 12 weekly rounds from 6 July 2013 with Ulchi Freedom Guardian (19-30 Aug), breakdown risk.
inline Parameters Kaesong2013Like(bool durability = true) {
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
  p.protocol.first = Proposer::kSeoul;
  p.protocol.rounds = 12;
  p.protocol.breakdown = 0.05;
  p.protocol.drill_breakdown = 0.2;
  p.solution.solution_concept = SolutionConcept::kSpe;
  p.solution.lambda = 0.2;
  return p;
}

}  // namespace kaesong::model::testing
