#include "sim/io/scenario_dates.h"

#include <fmt/format.h>

#include <chrono>

namespace kaesong::io {

std::optional<model::Day> DayFromDate(int year, int month, int day) {
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (month < 1 || day < 1 || !ymd.ok()) return std::nullopt;
  return static_cast<model::Day>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

std::string IsoDate(model::Day day) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

}  // namespace kaesong::io
