// Writing model::Parameters back as a scenario file: every key of the schema (scenario_schema.h)
// explicit, defaults filled in, in reference order, no `base`. Used for provenance (the resolved
// scenario.toml next to a run's CSVs) and by `kaesong check`. Loading the text back gives the same
// Parameters (numbers are written in the shortest form that reads back exactly).
#pragma once

#include "models/kaesong/parameters.h"
#include "sim/io/toml_text.h"

#include <string>
#include <string_view>

namespace kaesong::io {

// The resolved scenario as TOML text. Each line of `header` (may be empty) is written first as a
// "# " comment.
std::string WriteResolvedScenario(const model::Parameters& params, std::string_view header = {});

}  // namespace kaesong::io
