// Subcommands of the `kaesong` executable. Each takes the arguments after its name and returns the
// process exit code: 0 success, 1 runtime failure, 2 bad input (usage errors throw UsageError,
// input-file errors throw InputError; main() prints them and exits 2).
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace kaesong::cli {

// A bad command line: unknown option, missing or out-of-range value. Printed as
// "kaesong <cmd>: error: <what>".
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using Args = std::vector<std::string>;

int RunSolve(const Args& args);
int RunGenerate(const Args& args);
// `kaesong run` and `kaesong check` print scenario-file problems themselves (compiler style, one
// per line) and return 2.
int RunRun(const Args& args);
int RunCheck(const Args& args);
int RunSweepCommand(const Args& args);
int RunMerge(const Args& args);

}  // namespace kaesong::cli
