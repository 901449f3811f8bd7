// The negotiation calendar: round t (1-based) is held on the t-th listed date (calendar.rounds),
// and after the last listed date every calendar.spacing_days days (from day 0, 1970-01-01, when no
// date is listed). Round t "overlaps a drill" when a drill window [start, end] (inclusive) meets
// the days from round t up to the day before round t + 1, [date_t, date_{t+1} - 1]:
// a rejection at t leaves the talks suspended over exactly those days, so a drill in them raises
// the breakdown probability of that rejection (protocol.drill_breakdown). A side's outside option
// is active in round t when it exists and date_t >= its outside_option_from (always, without one).
#pragma once

#include "models/kaesong/parameters.h"

namespace kaesong::model {

class RoundCalendar {
 public:
  RoundCalendar() = default;
  RoundCalendar(const Calendar& calendar, const Side& seoul, const Side& pyongyang);

  Day Date(int round) const;  // round >= 1
  bool Drill(int round) const;
  bool OptionActive(Proposer side, int round) const;
  // First round from which drill and outside-option states and the gaps between rounds never
  // change again (every later round differs only by its proposer): the start of the stationary
  // tail; at least the last listed round. 1 when nothing is dated.
  int TailStart() const { return tail_start_; }

 private:
  Calendar calendar_;
  bool option_[2] = {false, false};
  Day option_from_[2] = {0, 0};
  bool option_dated_[2] = {false, false};
  int tail_start_ = 1;
};

}  // namespace kaesong::model
