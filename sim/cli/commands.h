// Subcommands of the `kaesong` executable. Each takes the arguments after its name and returns the
// process exit code: 0 success, 1 runtime failure, 2 bad input (usage errors throw UsageError,
// commands print input-file problems themselves and return 2; main() prints a UsageError and exits
// 2, any other exception and exits 1).
#pragma once

#include "sim/io/atomic_file.h"

#include <fmt/format.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace kaesong::cli {

// A bad command line: unknown option, missing or out-of-range value. Printed as
// "kaesong <cmd>: error: <what>".
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A failed output write: a storage failure (a full disk, an I/O error) is a runtime failure and
// propagates as one (exit 1); any other (no such directory, no permission, a directory in the
// way) means the output path is bad input (exit 2).
[[noreturn]] inline void RethrowWriteError(const io::FileWriteError& e) {
  if (e.storage_failure()) throw std::runtime_error(e.what());
  throw UsageError(e.what());
}

// Creates the output directory `out_dir` (and its parents) if needed; a path that cannot be one
// is bad input (UsageError).
inline std::filesystem::path CreateOutputDirectory(const std::string& out_dir) {
  std::filesystem::path dir(out_dir);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw UsageError(fmt::format("cannot create directory '{}': {}", out_dir, ec.message()));
  return dir;
}

using Args = std::vector<std::string>;

int RunSolve(const Args& args);
int RunGenerate(const Args& args);
// `kaesong run` and `kaesong check` print scenario-file problems themselves (compiler style, one
// per line) and return 2.
int RunRun(const Args& args);
int RunCheck(const Args& args);
int RunSweepCommand(const Args& args);
int RunMerge(const Args& args);
// `kaesong fit` prints scenario and data problems itself and returns 2.
int RunFit(const Args& args);

}  // namespace kaesong::cli
