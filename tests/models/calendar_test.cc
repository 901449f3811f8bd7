// Round dates, drill overlap of a round's suspension interval, outside-option switch dates and the
// start of the stationary tail (models/kaesong/calendar.h), on the 2013 calendar.
#include "models/kaesong/calendar.h"
#include "models/kaesong/negotiation.h"
#include "tests/models/kaesong_fixtures.h"

#include <catch2/catch.hpp>

namespace kaesong::model {
namespace {

constexpr Day kJul6 = 15892;  // 2013-07-06

TEST_CASE("Round dates: listed dates, then every spacing_days", "[calendar]") {
  const Parameters p = testing::Kaesong2013Like();
  const RoundCalendar c(p.calendar, p.seoul, p.pyongyang);
  CHECK(c.Date(1) == kJul6);
  CHECK(c.Date(6) == kJul6 + 19);   // 25 Jul
  CHECK(c.Date(7) == kJul6 + 39);   // 14 Aug
  CHECK(c.Date(8) == kJul6 + 46);   // 21 Aug
  CHECK(c.Date(12) == kJul6 + 74);  // 18 Sep
  Calendar empty;
  empty.spacing_days = 3;
  const RoundCalendar from_epoch(empty, p.seoul, p.pyongyang);
  CHECK(from_epoch.Date(1) == 0);
  CHECK(from_epoch.Date(4) == 9);
}

TEST_CASE("A drill overlaps a round when it meets the days until the next round", "[calendar]") {
  Parameters p = testing::Kaesong2013Like();
  // Round 7 (14 Aug) covers 14-20 Aug, round 8 (21 Aug) 21-27 Aug, round 9 (28 Aug) 28 Aug-3 Sep.
  const auto [start, end, drills] = GENERATE(table<int, int, std::vector<int>>({
      {44, 55, {7, 8, 9}},  // Ulchi Freedom Guardian 19-30 Aug
      {46, 46, {8}},        // 21 Aug only
      {45, 45, {7}},        // 20 Aug, the day before round 8
      {39, 39, {7}},        // the round's own date
      {20, 38, {6}},        // 26 Jul - 13 Aug: between rounds 6 and 7
      {-30, -1, {}},        // before the talks
  }));
  p.calendar.drills = {DrillWindow{kJul6 + start, kJul6 + end}};
  const RoundCalendar c(p.calendar, p.seoul, p.pyongyang);
  for (int t = 1; t <= 12; ++t) {
    const bool expected = std::find(drills.begin(), drills.end(), t) != drills.end();
    CAPTURE(start, end, t);
    CHECK(c.Drill(t) == expected);
  }
}

TEST_CASE("Outside options switch on at their date: the tail starts when nothing changes",
          "[calendar]") {
  Parameters p = testing::Kaesong2013Like();
  p.seoul.outside_option = 251.0;
  p.seoul.outside_option_from = kJul6 + 32;  // 7 Aug 2013, insurance approved
  const RoundCalendar c(p.calendar, p.seoul, p.pyongyang);
  CHECK_FALSE(c.OptionActive(Proposer::kSeoul, 6));
  CHECK(c.OptionActive(Proposer::kSeoul, 7));
  CHECK_FALSE(c.OptionActive(Proposer::kPyongyang, 7));
  // Drills end 30 Aug; round 10 (4 Sep) is the first after them with the option already on.
  CHECK(c.TailStart() == 10);
  const RoundState s = MakeRoundState(p, c, 8);
  CHECK(s.drill);
  CHECK(s.breakdown_prob == Approx(0.25));
  CHECK(s.option_active[0]);
  CHECK(s.seoul_proposes_prob == 0.0);  // Seoul first, so Pyongyang proposes in even rounds
  p.calendar.drills.clear();
  p.seoul.outside_option_from.reset();
  // Nothing changes after the listed dates: the tail starts at the last listed round, whose gap
  // to the next is already the regular spacing.
  CHECK(RoundCalendar(p.calendar, p.seoul, p.pyongyang).TailStart() ==
        static_cast<int>(p.calendar.round_dates.size()));
}

}  // namespace
}  // namespace kaesong::model
