#include "sim/cli/parse_options.h"

#include "sim/engine/memory_budget.h"

#include <fmt/format.h>

#include <optional>
#include <sstream>

namespace kaesong::cli {

namespace po = boost::program_options;

po::variables_map ParseOptions(const Args& args, const po::options_description& options,
                               const po::positional_options_description& positional) {
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args)
                  .options(options)
                  .positional(positional)
                  .style(po::command_line_style::unix_style ^ po::command_line_style::allow_guessing)
                  .run(),
              vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  return vm;
}

po::variables_map ParseScenarioOptions(const Args& args, const po::options_description& options,
                                       const std::string& command) {
  po::options_description hidden;
  hidden.add_options()("scenario", po::value<std::string>());
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(fmt::format("{} (see kaesong {} --help)", e.what(), command));
  }
  return vm;
}

std::string HelpText(const std::string& usage, const po::options_description& options) {
  std::ostringstream out;
  out << "Usage: " << usage << "\n\n" << options;
  return out.str();
}

std::uint64_t MemoryLimitFlag(const po::variables_map& vm) {
  if (vm.count("max-memory") == 0) return engine::DefaultMemoryLimit();
  const std::string text = vm["max-memory"].as<std::string>();
  const std::optional<std::uint64_t> bytes = engine::ParseMemorySize(text);
  if (!bytes) {
    throw UsageError(fmt::format(
        "--max-memory must be a size such as 8G, 512M or 2e9 (bytes), got '{}'", text));
  }
  return *bytes;
}

}  // namespace kaesong::cli
