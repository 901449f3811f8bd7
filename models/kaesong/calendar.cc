#include "models/kaesong/calendar.h"

#include <algorithm>
#include <limits>

namespace kaesong::model {

RoundCalendar::RoundCalendar(const Calendar& calendar, const Side& seoul, const Side& pyongyang)
    : calendar_(calendar) {
  if (calendar_.spacing_days < 1) calendar_.spacing_days = 1;
  const Side* sides[2] = {&seoul, &pyongyang};
  Day latest_switch = std::numeric_limits<Day>::min();
  for (int i = 0; i < 2; ++i) {
    option_[i] = sides[i]->outside_option.has_value();
    option_dated_[i] = option_[i] && sides[i]->outside_option_from.has_value();
    if (option_dated_[i]) {
      option_from_[i] = *sides[i]->outside_option_from;
      latest_switch = std::max(latest_switch, option_from_[i]);
    }
  }
  Day last_drill_end = std::numeric_limits<Day>::min();
  for (const DrillWindow& w : calendar_.drills) last_drill_end = std::max(last_drill_end, w.end);
  // Dates increase by at least one day per round, so the loop ends. From the last listed date on,
  // the gaps between rounds are all spacing_days.
  const int listed = static_cast<int>(calendar_.round_dates.size());
  tail_start_ = std::max(1, listed);
  while (Date(tail_start_) <= last_drill_end || Date(tail_start_) < latest_switch) ++tail_start_;
}

Day RoundCalendar::Date(int round) const {
  const int listed = static_cast<int>(calendar_.round_dates.size());
  if (round <= listed) return calendar_.round_dates[round - 1];
  const Day last = listed > 0 ? calendar_.round_dates.back() : -calendar_.spacing_days;
  return last + (round - listed) * calendar_.spacing_days;
}

bool RoundCalendar::Drill(int round) const {
  const Day from = Date(round);
  const Day to = std::max(from, Date(round + 1) - 1);
  for (const DrillWindow& w : calendar_.drills) {
    if (w.start <= to && w.end >= from) return true;
  }
  return false;
}

bool RoundCalendar::OptionActive(Proposer side, int round) const {
  const int i = side == Proposer::kSeoul ? 0 : 1;
  if (!option_[i]) return false;
  return !option_dated_[i] || Date(round) >= option_from_[i];
}

}  // namespace kaesong::model
