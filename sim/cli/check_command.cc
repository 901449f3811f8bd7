// `kaesong check SCENARIO [--set KEY=VALUE]... [--export-game FILE.toml]`: loads and validates a
// scenario and prints the fully resolved parameters (every key, defaults filled in) as a scenario
// file on stdout; with --export-game also writes the simultaneous-drafts protocol's stochastic
// game (models/kaesong/simultaneous.h) as a game file for `kaesong solve`.
// Scenario problems are printed compiler style on stderr, exit code 2.
#include "models/kaesong/simultaneous.h"
#include "sim/cli/commands.h"
#include "sim/cli/parse_options.h"
#include "sim/io/atomic_file.h"
#include "sim/io/scenario.h"
#include "sim/io/scenario_writer.h"
#include "sim/io/stochastic_game_file.h"

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include <iostream>

namespace kaesong::cli {
namespace {

namespace po = boost::program_options;

constexpr const char* kCheckUsage =
    "kaesong check SCENARIO.toml [--set KEY=VALUE]... [--export-game FILE.toml]\n"
    "\n"
    "Validates a scenario file and prints the fully resolved parameters (every key, defaults\n"
    "filled in) as TOML. Keys are documented in scenarios/kaesong_2013.toml. With\n"
    "--export-game, a scenario with protocol.kind = \"simultaneous\" also has its negotiation\n"
    "written as a stochastic game file (one state per round; solve it with kaesong solve).\n"
    "Exit codes: 0 valid, 2 bad input (each problem as FILE:LINE:COL: error: MESSAGE).";

// Writes the protocol's stochastic game to `path` atomically.
void ExportGame(const model::Parameters& params, const std::string& path) {
  if (params.protocol.kind != model::ProtocolKind::kSimultaneous) {
    throw UsageError("--export-game: only protocol.kind = \"simultaneous\" makes the negotiation a "
                     "stochastic game (this scenario is \"alternating\")");
  }
  const model::DealValuation valuation(params);
  const model::DraftGame draft = model::MakeDraftGame(params, valuation);
  try {
    io::AtomicFile file(path);
    file.stream() << WriteStochasticGame(draft.game);
    file.Commit();
  } catch (const io::FileWriteError& e) {
    RethrowWriteError(e);
  }
}

}  // namespace

int RunCheck(const Args& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")(
      "set", po::value<std::vector<std::string>>()->composing()->value_name("KEY=VALUE"),
      "override a scenario key, e.g. --set pyongyang.discount=0.99 (repeatable)")(
      "export-game", po::value<std::string>()->value_name("FILE.toml"),
      "write the simultaneous-drafts negotiation as a stochastic game file");
  const po::variables_map vm = ParseScenarioOptions(args, options, "check");
  if (vm.count("help") != 0) {
    fmt::print("{}", HelpText(kCheckUsage, options));
    return 0;
  }
  if (vm.count("scenario") == 0) {
    throw UsageError("missing SCENARIO.toml (see kaesong check --help)");
  }
  const std::string path = vm["scenario"].as<std::string>();
  const std::vector<std::string> sets =
      vm.count("set") != 0 ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{};
  try {
    const io::Scenario scenario = io::LoadScenario(path, io::ParseSetFlags(sets));
    std::string header = fmt::format("Resolved scenario (kaesong check): every key explicit.\n"
                                     "Source: {}",
                                     path);
    for (const std::string& set : sets) header += fmt::format("\nOverride: --set {}", set);
    if (vm.count("export-game") != 0) {
      ExportGame(scenario.parameters, vm["export-game"].as<std::string>());
    }
    fmt::print("{}", io::WriteResolvedScenario(scenario.parameters, header));
    return 0;
  } catch (const io::ScenarioError& e) {
    fmt::print(stderr, "{}\n", e.what());
    return 2;
  }
}

}  // namespace kaesong::cli
