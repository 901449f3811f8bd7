// The name of a TOML value's type as messages print it ("... must be a number, got string").
#pragma once

#include <toml++/toml.h>

#include <string>

namespace kaesong::io {

// "string", "integer", "float", "boolean", "date", "time", "date-time", "array", "table", or
// "nothing" for an empty node.
std::string TomlTypeName(const toml::node& node);

}  // namespace kaesong::io
