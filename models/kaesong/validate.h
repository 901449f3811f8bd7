// Range and consistency checks on Parameters. Each problem names the scenario key it concerns so
// that the scenario loader can point at the key's file position (or at the --set flag).
#pragma once

#include "models/kaesong/parameters.h"

#include <string>
#include <vector>

namespace kaesong::model {

struct ParameterIssue {
  std::string key;      // dotted scenario key, e.g. "pyongyang.discount"
  std::string message;  // full sentence fragment, e.g. "pyongyang.discount must be in (0, 1], got 1.2"
};

// Every problem found, in key order of the reference scenario; empty when valid.
std::vector<ParameterIssue> ValidateParameters(const Parameters& p);

}  // namespace kaesong::model
