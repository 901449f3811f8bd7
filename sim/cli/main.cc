// kaesong: entry point. Dispatches to one subcommand per file; catches bad input once here.
#include "sim/cli/commands.h"
#include "sim/io/diagnostic.h"

#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <map>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view kUsage =
    "kaesong " KAESONG_VERSION
    " - negotiation game-theory simulator\n"
    "\n"
    "Usage:\n"
    "  kaesong run SCENARIO.toml [--set KEY=VALUE]... [--replications N] [--seed S]\n"
    "                [--out DIR]\n"
    "  kaesong check SCENARIO.toml [--set KEY=VALUE]... [--export-game FILE.toml]\n"
    "  kaesong sweep SCENARIO.toml --vary KEY=LO:HI:N[:log] | KEY=V1,V2,... [--vary ...]\n"
    "                [--sample random:N|lhs:N] [--set KEY=VALUE]... [--replications R]\n"
    "                [--seed S] [--threads T] [--shard I/N] [--out FILE.csv] [--resume] [--mpi]\n"
    "  kaesong merge OUT.csv PART.csv...\n"
    "  kaesong fit SCENARIO.toml --data HISTORY.csv --free KEY=LO:HI [--free ...]\n"
    "                [--set KEY=VALUE]... [--out DIR] [--threads T] [--starts N] [--seed S]\n"
    "  kaesong solve GAME.nfg [--method vertex|enum|pure|lh|logit] [--label K|--all-labels]\n"
    "                [--decimals D] [--format gambit|csv] [--exact] [--components]\n"
    "                [--max-regret TOL] [--branch]\n"
    "  kaesong solve GAME.toml [--method vi|qre] [--selection RULE] [--max-iterations N]\n"
    "                [--time-limit SECONDS] [--tolerance TOL] [--all-periods]\n"
    "                [--decimals D] [--format text|csv]\n"
    "  kaesong generate --rows N --cols M [--seed S] [--kind uniform|integer|covariance]\n"
    "                [--rho R]\n"
    "  kaesong generate --stochastic [--states N] [--min-actions A] [--max-actions B]\n"
    "                [--density D] [--continuation C] [--discount D1[,D2]] [--horizon T]\n"
    "                [--seed S] [--out FILE]\n"
    "  kaesong --help | --version\n"
    "  kaesong COMMAND --help\n"
    "\n"
    "Exit codes: 0 success, 1 runtime failure, 2 bad input.\n";

// "kaesong COMMAND: error: MESSAGE" on stderr (the program is the source of the problem).
void Report(std::string_view command, const std::string& message) {
  const std::string program = command.empty() ? "kaesong" : fmt::format("kaesong {}", command);
  fmt::print(stderr, "{}\n", kaesong::io::FormatError(program, message));
}

}  // namespace

int main(int argc, char** argv) {
  using namespace kaesong::cli;
  const std::map<std::string_view, int (*)(const Args&)> commands = {
      {"run", RunRun}, {"check", RunCheck}, {"sweep", RunSweepCommand}, {"merge", RunMerge},
      {"fit", RunFit}, {"solve", RunSolve}, {"generate", RunGenerate},
  };
  if (argc < 2) {
    std::fputs(kUsage.data(), stderr);
    return 2;
  }
  const std::string_view command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    std::fputs(kUsage.data(), stdout);
    return 0;
  }
  if (command == "--version") {
    fmt::print("kaesong {}\n", KAESONG_VERSION);
    return 0;
  }
  const auto it = commands.find(command);
  if (it == commands.end()) {
    Report("", fmt::format("unknown command '{}' (see kaesong --help)", command));
    return 2;
  }
  const Args args(argv + 2, argv + argc);
  try {
    return it->second(args);
  } catch (const UsageError& e) {
    Report(command, e.what());
    return 2;
  } catch (const std::exception& e) {
    Report(command, e.what());
    return 1;
  }
}
