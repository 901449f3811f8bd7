// TOML values written as text, shared by the file writers (scenario_writer.h,
// stochastic_game_file.h): numbers that read back exactly and strings with every escape TOML
// requires.
#pragma once

#include <string>
#include <string_view>

namespace kaesong::io {

// A double as a TOML float that reads back to the same value: shortest round-trip digits, with
// ".0" added to integral values; "nan", "inf", "-inf" for non-finite values.
std::string TomlNumber(double value);

// A TOML basic string: quoted, with '"', '\\', newline, tab and carriage return escaped and every
// other control character (U+0000-U+001F, U+007F) written as \uXXXX, as TOML requires.
std::string TomlString(std::string_view text);

}  // namespace kaesong::io
