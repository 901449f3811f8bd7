// The scenario-file schema: every key a scenario file may set, in the order of the reference
// scenario (scenarios/kaesong_2013.toml, which documents each one), the shape of its value, and
// how it reads from and writes to model::Parameters. The loader (scenario.h) and the resolved
// scenario writer (scenario_writer.h) are both driven by this one table, so a key cannot be
// readable without being written back or vice versa.
//
// Sections: scenario, deal (with deal.m, deal.g, deal.beta each a number or a sub-table), seoul,
// pyongyang, durability, protocol, calendar, solution, information, simulation. The top-level key `base` is
// handled by the loader, not listed here.
#pragma once

#include "models/kaesong/parameters.h"

#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kaesong::io {

// What a key's value looks like in a file.
enum class ValueType {
  kString,        // TOML string
  kNumber,        // integer or float, read as double
  kInteger,       // integer that fits an int
  kSeed,          // integer in [0, 2^63 - 1]
  kBoolean,       // true or false
  kWord,          // a string among KeySpec::words
  kNumberOrNone,  // a number, or "none" (an optional amount that is absent)
  kDateOrNone,    // a date, or "none"
  kRounds,        // an integer, or "infinite"
  kDateList,      // array of dates
  kDrillList,     // array of tables { start = DATE, end = DATE }
  kNumberList,    // array of numbers (on the command line also "0.2,0.8")
};

// A key's value between file and Parameters. monostate is "none" / "infinite"; kInteger, kSeed and
// kRounds use long long; kNumber and kNumberOrNone use double; kWord uses the word.
using KeyValue = std::variant<std::monostate, bool, long long, double, std::string, model::Day,
                              std::vector<model::Day>, std::vector<model::DrillWindow>,
                              std::vector<double>>;

struct KeySpec {
  std::string name;                // dotted key, e.g. "seoul.discount"
  ValueType type = ValueType::kNumber;
  std::vector<std::string> words;  // kWord: the allowed words, in documented order
  std::string expected;            // completes "<name> must be ..., got ..." for a wrong type
  std::function<void(model::Parameters&, const KeyValue&)> set;
  std::function<KeyValue(const model::Parameters&)> get;
};

// Every key, in reference order. Deal dimensions appear as "deal.m" (a number: fixes the
// dimension) followed by "deal.m.min", "deal.m.max", "deal.m.grid" (each makes the dimension a
// range) and "deal.m.fixed" (same as "deal.m"); a sub-table applies them in that order.
const std::vector<KeySpec>& ScenarioKeys();

// The key spec named `name`, or nullptr. Besides ScenarioKeys() this finds the entry keys
// "information.values.K" and "information.prior.K" (K from 1 to model::kMaxTypes), numbers for
// --set and sweeps: the first sets the K-th value; the second sets the K-th prior probability and
// rescales the others in proportion so that the prior still sums to 1 (with two types the other
// becomes 1 - x). They are not written back: the lists are.
const KeySpec* FindKey(std::string_view name);

// Table names: the sections and the table form of the deal dimensions ("deal.m", ...).
bool IsSection(std::string_view name);

// Position of a key or section in reference order (for ordering diagnostics and table members);
// names not in the schema sort last.
int SchemaRank(std::string_view name);

// All names a misspelt key may be meant to be: keys, sections and "base".
const std::vector<std::string>& KeyCandidates();

// How a wrong type reads after "must be ", for a value of this type (e.g. "a number").
std::string ExpectedText(const KeySpec& spec);

}  // namespace kaesong::io
