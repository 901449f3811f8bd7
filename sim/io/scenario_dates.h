// Calendar dates in scenario files and outputs: model::Day (days since 1970-01-01, proleptic
// Gregorian) to and from a year-month-day triple and ISO 8601 text (YYYY-MM-DD).
#pragma once

#include "models/kaesong/parameters.h"

#include <optional>
#include <string>

namespace kaesong::io {

// The day of a valid calendar date; nullopt for an invalid one (e.g. 2013-02-30).
std::optional<model::Day> DayFromDate(int year, int month, int day);

// "YYYY-MM-DD" (four-digit year for years 0..9999).
std::string IsoDate(model::Day day);

}  // namespace kaesong::io
