// Loading a scenario file (TOML) into validated model::Parameters, remembering where each key was
// set so that problems point at a file position, compiler style:
//   scenarios/x.toml:12:7: error: pyongyang.discount must be in (0, 1], got 1.2
//
// The keys are listed in scenario_schema.h and documented in scenarios/kaesong_2013.toml.
// A file may start from another: the top-level key `base = "other.toml"` (a path relative to the
// file) loads that scenario first, then applies this file's keys on top; chains are allowed,
// cycles are an error. `scenario.name` and `scenario.description` are not inherited: they
// describe the file, and the name defaults to the file's stem (e.g. "kaesong_2013").
// After the file(s), `--set KEY=VALUE` overrides apply in order; their problems name the flag:
//   --set pyongyang.discount=1.2: error: pyongyang.discount must be in (0, 1], got 1.2
// Every problem found (syntax, unknown keys with a "did you mean", wrong types, unknown words,
// then ValidateParameters' range rules) is reported at once, sorted by file and position, at most
// 20 of them, in one ScenarioError.
#pragma once

#include "models/kaesong/parameters.h"
#include "sim/io/diagnostic.h"

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kaesong::io {

// Bad scenario input: every diagnostic found (see diagnostic.h).
class ScenarioError : public InputError {
 public:
  using InputError::InputError;
};

// One override of a scenario key.
struct Override {
  std::string key;     // dotted key, e.g. "deal.m" or "deal.m.min"
  std::string value;   // a TOML value ("1.2", "2013-08-07", "\"qre\"", "{ min = 0, max = 1 }");
                       // text that is not a TOML value is taken as a string, so enum words and
                       // "infinite"/"none" need no quotes
  std::string origin;  // how messages name it, e.g. "--set seoul.discount=1.2"
};

// Splits a --set flag's "KEY=VALUE" at the first '='; nullopt when there is none.
std::optional<Override> ParseSetFlag(std::string_view key_value);

// Every flag split; flags without '=' are reported together ("--set KEY: error: expected
// KEY=VALUE") in a ScenarioError.
std::vector<Override> ParseSetFlags(const std::vector<std::string>& key_values);

struct Scenario {
  model::Parameters parameters;
  // Key (dotted, array elements as "calendar.rounds[2]") -> where its value was last set. Keys
  // left at their defaults are absent.
  std::map<std::string, SourcePosition> positions;
  std::string file;  // the top-level file name as given

  // Where `key` was set, else its nearest enclosing key or section, else the whole file.
  SourcePosition PositionOf(std::string_view key) const;
};

// Reads, resolves `base` chains, applies the overrides and validates. Throws ScenarioError.
Scenario LoadScenario(const std::string& path, const std::vector<Override>& overrides = {});

// The same for text in memory; `file_name` names it in messages and anchors relative `base`
// paths.
Scenario LoadScenarioText(std::string_view text, const std::string& file_name,
                          const std::vector<Override>& overrides = {});

// Applies further overrides to a loaded scenario and validates again, without rereading files
// (what a sweep does for each point). Throws ScenarioError.
Scenario ApplyOverrides(Scenario scenario, const std::vector<Override>& overrides);

}  // namespace kaesong::io
