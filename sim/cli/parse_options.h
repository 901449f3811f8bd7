// Boost.Program_options glue shared by the subcommands: parses the arguments after the command
// name and turns every parser complaint (unknown option, missing or malformed value) into a
// UsageError, so each command reports bad flags the same way (exit code 2).
#pragma once

#include "sim/cli/commands.h"

#include <boost/program_options.hpp>

#include <cstdint>
#include <string>

namespace kaesong::cli {

// Parses `args` against `options` and `positional`; returns the stored, notified map.
// `--help` is not special here: commands declare and check it themselves.
boost::program_options::variables_map ParseOptions(
    const Args& args, const boost::program_options::options_description& options,
    const boost::program_options::positional_options_description& positional);

// For commands whose one positional argument is SCENARIO.toml (stored as "scenario", hidden
// from the help table): parses `args` against `options`; a parser complaint becomes a UsageError
// ending "(see kaesong COMMAND --help)".
boost::program_options::variables_map ParseScenarioOptions(
    const Args& args, const boost::program_options::options_description& options,
    const std::string& command);

// The help text of a command: its usage line, a blank line, then the option table.
std::string HelpText(const std::string& usage,
                     const boost::program_options::options_description& options);

// The memory limit of a run or sweep in bytes: the --max-memory SIZE flag's value when given
// ("8G", "512M", "2e9"; memory_budget.h ParseMemorySize), else engine::DefaultMemoryLimit().
// A malformed SIZE is a UsageError.
std::uint64_t MemoryLimitFlag(const boost::program_options::variables_map& vm);

// The --max-memory entry of a command's option table.
inline constexpr const char* kMaxMemoryHelp =
    "refuse work estimated to need more memory than SIZE (e.g. 8G, 512M; default 80% of the "
    "machine's memory)";

}  // namespace kaesong::cli
