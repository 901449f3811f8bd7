// Writing model::Parameters back as a scenario file: every key of the schema (scenario_schema.h)
// explicit, defaults filled in, in reference order, no `base`. Used for provenance (the resolved
// scenario.toml next to a run's CSVs) and by `kaesong check`. Loading the text back gives the same
// Parameters (numbers are written in the shortest form that reads back exactly).
#pragma once

#include "models/kaesong/parameters.h"

#include <string>
#include <string_view>

namespace kaesong::io {

// The resolved scenario as TOML text. Each line of `header` (may be empty) is written first as a
// "# " comment.
std::string WriteResolvedScenario(const model::Parameters& params, std::string_view header = {});

// A double as a TOML float that reads back to the same value: shortest round-trip digits, with
// ".0" added to integral values; "nan", "inf", "-inf" for non-finite values.
std::string TomlNumber(double value);

// A TOML basic string (quoted, with escapes).
std::string TomlString(std::string_view text);

}  // namespace kaesong::io
