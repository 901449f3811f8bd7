// kaesong generate: a seeded random bimatrix game as a Gambit .nfg file, or with --stochastic a
// seeded random stochastic game file (stochastic_game_generator.h, stochastic_game_file.h).
#include "sim/cli/commands.h"
#include "sim/cli/parse_options.h"
#include "sim/io/atomic_file.h"
#include "sim/io/nfg.h"
#include "sim/io/stochastic_game_file.h"
#include "sim/solver/game_generator.h"
#include "sim/solver/stochastic_game_generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kaesong::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* kGenerateUsage =
    "kaesong generate --rows N --cols M [--seed S] [--kind uniform|integer|covariance]\n"
    "                        [--rho R]\n"
    "Writes a seeded random two-player game in Gambit's .nfg format to standard output.\n"
    "The same arguments give the same file on every platform. For a random stochastic game\n"
    "file see kaesong generate --stochastic --help.";

constexpr const char* kGenerateStochasticUsage =
    "kaesong generate --stochastic [--states N] [--min-actions A] [--max-actions B]\n"
    "                        [--density D] [--continuation C] [--discount D1[,D2]]\n"
    "                        [--horizon T] [--seed S] [--out FILE]\n"
    "Writes a seeded random two-player stochastic game file (the TOML read by kaesong solve\n"
    "GAME.toml) to FILE or standard output. In each state each player has A..B actions and\n"
    "payoffs uniform on [0, 1); each state leads to round(D * N) possible next states, and every\n"
    "action pair moves on with total probability C (the game ends otherwise). The same\n"
    "arguments give the same bytes on every platform.";

GameKind ParseKind(const std::string& word) {
  if (word == "uniform") return GameKind::kUniform;
  if (word == "integer") return GameKind::kInteger;
  if (word == "covariance") return GameKind::kCovariance;
  throw UsageError(fmt::format("--kind must be uniform, integer or covariance, got '{}'", word));
}

std::string_view KindWord(GameKind kind) {
  switch (kind) {
    case GameKind::kUniform: return "uniform";
    case GameKind::kInteger: return "integer";
    case GameKind::kCovariance: return "covariance";
  }
  return "?";
}

// "D" (both players) or "D1,D2", each in [0, 1).
std::array<double, 2> ParseDiscounts(const std::string& text) {
  const auto bad = [&text]() {
    return UsageError(fmt::format(
        "--discount must be D or D1,D2 with each factor in [0, 1), got '{}'", text));
  };
  std::array<double, 2> discount{};
  const std::size_t comma = text.find(',');
  const std::string first = text.substr(0, comma);
  const std::string parts[2] = {first,
                                comma == std::string::npos ? first : text.substr(comma + 1)};
  for (std::size_t i = 0; i < 2; ++i) {
    std::size_t used = 0;
    try {
      discount[i] = std::stod(parts[i], &used);
    } catch (const std::exception&) {
      throw bad();
    }
    if (used != parts[i].size() || !(discount[i] >= 0.0 && discount[i] < 1.0)) throw bad();
  }
  return discount;
}

int RunGenerateStochastic(const Args& args) {
  StochasticGameSpec spec;
  long long states = spec.states, min_actions = spec.min_actions, max_actions = spec.max_actions;
  int horizon = 0;
  unsigned long long seed = 0;
  std::string discount = "0.9";
  po::options_description options("Options");
  options.add_options()
      ("help,h", "show this help")
      ("stochastic", po::bool_switch(), "write a stochastic game file")
      ("states", po::value(&states)->default_value(states), "number of states (1..100000)")
      ("min-actions", po::value(&min_actions)->default_value(min_actions),
       "fewest actions of a player in a state (1..1000)")
      ("max-actions", po::value(&max_actions)->default_value(max_actions),
       "most actions of a player in a state (min-actions..1000)")
      ("density", po::value(&spec.density)->default_value(spec.density, "0.3"),
       "share of the states a state can lead to, in (0, 1]")
      ("continuation", po::value(&spec.continuation)->default_value(spec.continuation),
       "probability that play continues after each period, in [0, 1]")
      ("discount", po::value(&discount)->default_value(discount),
       "discount factors: D for both players or D1,D2, each in [0, 1)")
      ("horizon", po::value(&horizon)->default_value(0),
       "number of periods (0: infinite horizon), 0..1000000")
      ("seed", po::value(&seed)->default_value(0), "random seed")
      ("out,o", po::value<std::string>()->value_name("FILE"),
       "write the game to FILE (atomically) instead of standard output");
  const po::variables_map vm = ParseOptions(args, options, {});
  if (vm.count("help")) {
    fmt::print("{}", HelpText(kGenerateStochasticUsage, options));
    return 0;
  }
  if (states < 1 || states > 100000) {
    throw UsageError(fmt::format("--states must be in 1..100000, got {}", states));
  }
  if (min_actions < 1 || min_actions > 1000) {
    throw UsageError(fmt::format("--min-actions must be in 1..1000, got {}", min_actions));
  }
  if (max_actions < min_actions || max_actions > 1000) {
    throw UsageError(fmt::format("--max-actions must be in {}..1000 (--min-actions..1000), got {}",
                                 min_actions, max_actions));
  }
  if (!(spec.density > 0.0 && spec.density <= 1.0)) {
    throw UsageError(fmt::format("--density must be in (0, 1], got {}", spec.density));
  }
  if (!(spec.continuation >= 0.0 && spec.continuation <= 1.0)) {
    throw UsageError(fmt::format("--continuation must be in [0, 1], got {}", spec.continuation));
  }
  if (horizon < 0 || horizon > 1000000) {
    throw UsageError(fmt::format("--horizon must be in 0..1000000, got {}", horizon));
  }
  spec.discount = ParseDiscounts(discount);
  spec.states = states;
  spec.min_actions = min_actions;
  spec.max_actions = max_actions;
  spec.seed = seed;
  std::string why;
  if (!spec.IsValid(&why)) throw UsageError(why);
  StochasticGame game = GenerateStochasticGame(spec);
  if (horizon > 0) {
    game.horizon = horizon;
    game.title += fmt::format(", horizon {}", horizon);
  }
  const std::string text = WriteStochasticGame(game);
  if (vm.count("out")) {
    try {
      io::WriteFileAtomically(vm["out"].as<std::string>(),
                              [&text](std::ostream& out) { out << text; });
    } catch (const io::FileWriteError& e) {
      RethrowWriteError(e);
    }
    return 0;
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

}  // namespace

int RunGenerate(const Args& args) {
  if (std::find(args.begin(), args.end(), "--stochastic") != args.end()) {
    return RunGenerateStochastic(args);
  }
  long long rows = 0, cols = 0;
  unsigned long long seed = 0;
  std::string kind = "integer";
  double rho = 0.0;
  po::options_description options("Options");
  options.add_options()
      ("help,h", "show this help")
      ("rows", po::value(&rows)->required(), "number of row strategies (1..10000)")
      ("cols", po::value(&cols)->required(), "number of column strategies (1..10000)")
      ("seed", po::value(&seed)->default_value(0), "random seed")
      ("kind", po::value(&kind)->default_value("integer"),
       "uniform: payoffs in [0,1); integer: 0..99; covariance: normal pairs with correlation "
       "rho")
      ("rho", po::value(&rho)->default_value(0.0), "covariance games: correlation in [-1, 1]");
  if (std::find(args.begin(), args.end(), "--help") != args.end() ||
      std::find(args.begin(), args.end(), "-h") != args.end()) {
    fmt::print("{}", HelpText(kGenerateUsage, options));
    return 0;
  }
  const po::variables_map vm = ParseOptions(args, options, {});
  GameSpec spec;
  spec.kind = ParseKind(kind);
  if (vm.count("rho") && !vm["rho"].defaulted() && spec.kind != GameKind::kCovariance) {
    throw UsageError("--rho applies to --kind covariance only");
  }
  if (rows < 1 || rows > 10000) throw UsageError(fmt::format("--rows must be in 1..10000, got {}", rows));
  if (cols < 1 || cols > 10000) throw UsageError(fmt::format("--cols must be in 1..10000, got {}", cols));
  spec.rows = rows;
  spec.cols = cols;
  spec.seed = seed;
  spec.rho = rho;
  std::string why;
  if (!spec.IsValid(&why)) throw UsageError(why);
  Bimatrix game = GenerateGame(spec);
  game.title = fmt::format("Random {} game {}x{} seed {}{}", KindWord(spec.kind), rows, cols, seed,
                           spec.kind == GameKind::kCovariance ? fmt::format(" rho {}", rho) : "");
  const std::string text = WriteNfg(FromBimatrix(game));
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

}  // namespace kaesong::cli
