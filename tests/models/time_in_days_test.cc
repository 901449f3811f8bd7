// Time in days: a gap of s days between rounds discounts by discount^(s / 7) and
// carries the breakdown risk 1 - (1 - p)^(s / 7). The closed forms of the limit cases therefore
// hold at those factors: Rubinstein (1982) with delta_i = d_i^(s / 7), and Binmore, Rubinstein &
// Wolinsky (1986) with p_s = 1 - (1 - p)^(s / 7); at s = 7 they are the weekly closed forms.
// Both protocols keep the same clock.
#include "models/kaesong/negotiation.h"
#include "models/kaesong/spe.h"
#include "tests/models/kaesong_fixtures.h"

#include <catch2/catch.hpp>

#include <cmath>

namespace kaesong::model {
namespace {

using testing::LimitCase;

TEST_CASE("Rubinstein at the factors of the days between rounds", "[time][spe]") {
  const auto [d_s, d_p] = GENERATE(table<double, double>({{0.9, 0.8}, {0.99, 0.97}, {0.6, 0.95}}));
  const int spacing = GENERATE(1, 3, 7, 14, 30);
  const Proposer first = GENERATE(Proposer::kSeoul, Proposer::kPyongyang);
  Parameters p = LimitCase(d_s, d_p, first, std::nullopt);
  p.calendar.spacing_days = spacing;
  const NegotiationSolution s = SolveSpe(p);
  REQUIRE(s.ok());
  const double f_s = std::pow(d_s, spacing / 7.0), f_p = std::pow(d_p, spacing / 7.0);
  const double keep =
      first == Proposer::kSeoul ? (1 - f_p) / (1 - f_s * f_p) : (1 - f_s) / (1 - f_s * f_p);
  const double pyongyang = first == Proposer::kSeoul ? 1 - keep : keep;
  CAPTURE(d_s, d_p, spacing, first == Proposer::kSeoul);
  CHECK(s.value_pyongyang() == Approx(pyongyang).margin(1e-9));
  CHECK(s.value_seoul() == Approx(1 - pyongyang).margin(1e-9));
  CHECK(s.Round(1).state.gap_days == spacing);
}

TEST_CASE("Binmore-Rubinstein-Wolinsky with the risk of the days between rounds", "[time][spe]") {
  const double p_week = GENERATE(0.05, 0.2);
  const int spacing = GENERATE(2, 7, 21);
  Parameters p = LimitCase(0.97, 0.9, Proposer::kSeoul, std::nullopt);
  p.protocol.breakdown = p_week;
  p.seoul.breakdown_payoff = 0.2;
  p.pyongyang.breakdown_payoff = 0.1;
  p.calendar.spacing_days = spacing;
  const NegotiationSolution s = SolveSpe(p);
  REQUIRE(s.ok());
  const double risk = 1 - std::pow(1 - p_week, spacing / 7.0);
  const double q1 = (1 - risk) * std::pow(0.97, spacing / 7.0);
  const double q2 = (1 - risk) * std::pow(0.9, spacing / 7.0);
  const double b1 = 0.2, b2 = 0.1;
  const double seoul_keeps = (1 - risk * b2 - q2 + q2 * risk * b1) / (1 - q1 * q2);
  CAPTURE(p_week, spacing, risk);
  CHECK(s.Round(1).state.breakdown_prob == Approx(risk).margin(1e-14));
  CHECK(s.value_seoul() == Approx(seoul_keeps).margin(1e-9));
}

TEST_CASE("Uneven gaps: each round discounts over its own gap", "[time][spe]") {
  // Two rounds, Seoul then Pyongyang, 10 days apart: Pyongyang's round-2 proposal takes all (its
  // breakdown payoff 0 is Seoul's reservation), so in round 1 Seoul offers Pyongyang
  // d_P^(10/7) and keeps the rest.
  Parameters p = LimitCase(0.9, 0.8, Proposer::kSeoul, 2);
  const Day start = 15892;
  p.calendar.round_dates = {start, start + 10};
  const NegotiationSolution s = SolveSpe(p);
  REQUIRE(s.ok());
  CHECK(s.Round(1).state.gap_days == 10);
  CHECK(s.value_pyongyang() == Approx(std::pow(0.8, 10 / 7.0)).margin(1e-12));
}

TEST_CASE("Simultaneous drafts keep the same clock: spacing 14 equals squared weekly factors",
          "[time][simultaneous]") {
  Parameters weekly = testing::Kaesong2013Like(true);
  weekly.protocol.kind = ProtocolKind::kSimultaneous;
  weekly.protocol.rounds.reset();
  weekly.calendar.round_dates.clear();
  weekly.calendar.drills.clear();
  weekly.seoul.outside_option.reset();
  Parameters fortnightly = weekly;
  fortnightly.calendar.spacing_days = 14;
  weekly.seoul.discount = fortnightly.seoul.discount * fortnightly.seoul.discount;
  weekly.pyongyang.discount = fortnightly.pyongyang.discount * fortnightly.pyongyang.discount;
  weekly.protocol.breakdown =
      1 - (1 - fortnightly.protocol.breakdown) * (1 - fortnightly.protocol.breakdown);
  const NegotiationSolution a = SolveNegotiation(weekly);
  const NegotiationSolution b = SolveNegotiation(fortnightly);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(b.value_seoul() == Approx(a.value_seoul()).margin(1e-6));
  CHECK(b.value_pyongyang() == Approx(a.value_pyongyang()).margin(1e-6));
}

TEST_CASE("Simultaneous drafts over uneven gaps: each round's value discounts over its own gap",
          "[time][simultaneous]") {
  // The 2013 calendar (gaps of 4, 5, 2, 5, 3 and 20 days, then weekly) makes the game's period
  // one day, with waiting states in between. Bellman's equation of every dated round, recomputed
  // from the round's draft mixes and its reject value W_i(t) (negotiation.h: discount^(gap / 7)
  // over the gap), must give the value the stochastic-game solver found.
  Parameters p = testing::Kaesong2013Like(true);
  p.protocol.kind = ProtocolKind::kSimultaneous;
  p.seoul.outside_option = -240.0;
  p.seoul.outside_option_from = 15892 + 39;
  p.solution.solution_concept = SolutionConcept::kQre;  // mixed drafts: impasses happen
  p.solution.lambda = 0.05;
  const NegotiationSolution s = SolveNegotiation(p);
  REQUIRE(s.ok());
  const DraftMenu& menu = s.menu;
  for (int t = 1; t < static_cast<int>(s.dated.size()); ++t) {
    const RoundPlan& plan = s.Round(t);
    const DraftPlay& play = plan.drafts;
    double value[2] = {0.0, 0.0};
    for (int a = 0; a < play.seoul.size(); ++a) {
      for (int b = 0; b < play.pyongyang.size(); ++b) {
        const double prob = play.seoul[a] * play.pyongyang[b];
        const bool walks[2] = {play.seoul_may_walk && a == play.seoul.size() - 1,
                               play.pyongyang_may_walk && b == play.pyongyang.size() - 1};
        const Side* sides[2] = {&p.seoul, &p.pyongyang};
        for (int i = 0; i < 2; ++i) {
          double u;
          if (walks[0] || walks[1]) {
            u = walks[i] ? *sides[i]->outside_option : sides[i]->breakdown_payoff;
          } else if (a < menu.size() && b < menu.size() &&
                     menu.compatible[static_cast<std::size_t>(menu.Pair(a, b))]) {
            const DealValue& v = menu.signed_value[static_cast<std::size_t>(menu.Pair(a, b))];
            u = i == 0 ? v.seoul : v.pyongyang;
          } else {
            u = i == 0 ? plan.reject_value_seoul : plan.reject_value_pyongyang;
          }
          value[i] += prob * u;
        }
      }
    }
    CAPTURE(t, plan.state.gap_days);
    CHECK(1.0 - play.agree_prob - play.opt_out_prob > 0.05);
    CHECK(value[0] == Approx(plan.value_seoul).margin(1e-6));
    CHECK(value[1] == Approx(plan.value_pyongyang).margin(1e-6));
  }
}

}  // namespace
}  // namespace kaesong::model
