// kaesong generate: a seeded random bimatrix game as a Gambit .nfg file.
#include "sim/cli/commands.h"
#include "sim/cli/parse_options.h"
#include "sim/io/nfg.h"
#include "sim/solver/game_generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <string>

namespace kaesong::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* kGenerateUsage =
    "kaesong generate --rows N --cols M [--seed S] [--kind uniform|integer|covariance]\n"
    "                        [--rho R]\n"
    "Writes a seeded random two-player game in Gambit's .nfg format to standard output.\n"
    "The same arguments give the same file on every platform.";

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

}  // namespace

int RunGenerate(const Args& args) {
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
