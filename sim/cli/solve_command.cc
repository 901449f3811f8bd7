// kaesong solve: option parsing, and dispatch by the kind of game file: strategic-form games
// (.nfg) to SolveNfg (solve_nfg.h), stochastic game files (.toml) to SolveStochastic
// (solve_stochastic.h).
#include "sim/cli/commands.h"
#include "sim/cli/parse_options.h"
#include "sim/cli/solve_nfg.h"
#include "sim/cli/solve_stochastic.h"

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace kaesong::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* kSolveUsage =
    "kaesong solve GAME.nfg [--method vertex|enum|pure|lh|logit] [--label K|--all-labels]\n"
    "                     [--decimals D] [--format gambit|csv] [--exact] [--components]\n"
    "                     [--max-regret TOL] [--branch] [--estimate COUNTS.csv]\n"
    "       kaesong solve GAME.toml [--method vi|qre] [--selection RULE] [--max-iterations N]\n"
    "                     [--time-limit SECONDS] [--tolerance TOL] [--all-periods]\n"
    "                     [--decimals D] [--format text|csv]\n"
    "Reads a Gambit strategic-form file ('-' for standard input) and prints its equilibria,\n"
    "each certified by its max regret. Reads a stochastic game file (.toml, or any file with\n"
    "--game-type stochastic) and prints a Markov perfect equilibrium: each player's strategy\n"
    "and value in every state, then a report line with the certificate (the largest one-shot\n"
    "deviation gain). With --method logit --estimate COUNTS.csv, prints the maximum-likelihood\n"
    "logit QRE for observed action counts (header player,strategy,count; player and strategy\n"
    "by 1-based index or label): a QRE,p... line, then estimate,lambda=L,std_error=S,\n"
    "log_likelihood=LL,bound=B (CSV: those four columns added). Lambda is per unit of the\n"
    "payoff range (Gambit's lambda times the range); B is none, lower (lambda = 0) or upper\n"
    "(the end of the traced range, 1e6: lambda unbounded, play consistent with Nash), with a\n"
    "note on stderr; S is from the observed information. Exit codes: 0 success, 1 solver\n"
    "trouble (status and message on stderr), 2 bad input.";

struct SolveFlags {
  std::string game_path;
  std::string game_type;  // "nfg", "stochastic", or empty: by the file name
  std::string method;     // empty: the kind of game's default
  int decimals = 6;
  std::string format;     // empty: the kind of game's default
  NfgSolveFlags nfg;                // the strategic-form-only flags
  StochasticSolveFlags stochastic;  // the stochastic-game-only flags
};

// Options of one kind of game that the other kind rejects, with a hint where one helps.
struct OnlyFor {
  const char* option;
  const char* hint;
};
constexpr OnlyFor kNfgOnly[] = {
    {"label", ""},  {"all-labels", ""}, {"max-regret", " (use --tolerance)"},
    {"branch", ""}, {"exact", ""},      {"components", ""}, {"estimate", ""}};
constexpr OnlyFor kStochasticOnly[] = {{"selection", ""},
                                       {"max-iterations", ""},
                                       {"time-limit", ""},
                                       {"tolerance", " (use --max-regret)"},
                                       {"all-periods", ""}};

// True when the option was on the command line (not just its default).
bool Given(const po::variables_map& vm, const char* option) {
  return vm.count(option) != 0 && !vm[option].defaulted();
}

bool IsStochastic(const SolveFlags& flags) {
  if (!flags.game_type.empty()) {
    if (flags.game_type != "nfg" && flags.game_type != "stochastic") {
      throw UsageError(
          fmt::format("--game-type must be nfg or stochastic, got '{}'", flags.game_type));
    }
    return flags.game_type == "stochastic";
  }
  const std::string_view path = flags.game_path;
  return path.size() > 5 && path.substr(path.size() - 5) == ".toml";
}

}  // namespace

int RunSolve(const Args& args) {
  SolveFlags flags;
  NfgSolveFlags& nfg_flags = flags.nfg;
  StochasticSolveFlags& stochastic = flags.stochastic;
  int label = 0;
  long long max_iterations = 0;
  double time_limit = 0.0, tolerance = 0.0;
  po::options_description options("Options");
  options.add_options()
      ("help,h", "show this help")
      ("game", po::value(&flags.game_path),
       "game file (.nfg or .toml), or - for standard input")
      ("game-type", po::value(&flags.game_type),
       "nfg or stochastic (default: stochastic for a .toml file, else nfg)")
      ("method,m", po::value(&flags.method),
       ".nfg: vertex (all extreme equilibria by vertex enumeration of the best-response "
       "polytopes; the default), enum (the same by support enumeration), pure (pure equilibria), "
       "lh (Lemke-Howson) or logit (limit of the logit QRE principal branch); .toml: "
       "qre (logit Markov QRE polished to an exact MPE; the default with an infinite horizon) or "
       "vi (value iteration over stage games, or backward induction with a finite horizon; the "
       "default then)")
      ("decimals,d", po::value(&flags.decimals)->default_value(6), "digits after the point")
      ("format,f", po::value(&flags.format),
       ".nfg: gambit (default) or csv; .toml: text (default) or csv");
  po::options_description nfg("Strategic-form games (GAME.nfg)");
  nfg.add_options()
      ("label,l", po::value(&label),
       "lh: follow the path from this label, 1..rows+cols (default: race all labels with doubling "
       "pivot budgets and report the first equilibrium reached)")
      ("all-labels,a", po::bool_switch(&nfg_flags.all_labels),
       "lh: run from every label and print the distinct equilibria reached")
      ("max-regret", po::value(&nfg_flags.max_regret)->default_value(1e-9, "1e-9"),
       "certification tolerance, relative to the game's payoff range")
      ("branch", po::bool_switch(&nfg_flags.branch),
       "logit: also print the traced branch, one 'LAMBDA,p...' line per point, before NE")
      ("estimate", po::value(&nfg_flags.estimate_path),
       "logit: print the maximum-likelihood lambda for the observed action counts in this CSV "
       "file (header player,strategy,count), its standard error, the log-likelihood and the QRE "
       "at the estimate")
      ("exact", po::bool_switch(&nfg_flags.exact),
       "print probabilities as exact fractions (NE,1/3,2/3,...), re-derived in rational "
       "arithmetic; for integer or rational payoffs")
      ("components", po::bool_switch(&nfg_flags.components),
       "vertex, enum: after the equilibria, print each maximal Nash subset's extreme profiles "
       "(convex-K lines, as gambit-enummixed -c) and each connected component with its index");
  po::options_description markov("Stochastic games (GAME.toml)");
  markov.add_options()
      ("selection", po::value(&stochastic.selection),
       "vi: the stage equilibrium taken in every state, lemke_howson (default), "
       "first_support_enumeration, payoff_dominant or logit_limit")
      ("max-iterations", po::value(&max_iterations),
       "vi: value-iteration rounds (default 1000); qre: path steps (default 100000)")
      ("time-limit", po::value(&time_limit), "wall-time limit in seconds (default 60; 0: none)")
      ("tolerance", po::value(&tolerance),
       "convergence and certificate tolerance, relative to the game's payoff range (default "
       "1e-8)")
      ("all-periods", po::bool_switch(&stochastic.all_periods),
       "finite horizon: print every period's strategies, not only period 1's");
  options.add(nfg).add(markov);
  po::positional_options_description positional;
  positional.add("game", 1);
  const po::variables_map vm = ParseOptions(args, options, positional);
  if (vm.count("help")) {
    fmt::print("{}", HelpText(kSolveUsage, options));
    return 0;
  }
  if (flags.game_path.empty()) throw UsageError("missing GAME file (use - for standard input)");
  if (IsStochastic(flags)) {
    for (const OnlyFor& only : kNfgOnly) {
      if (Given(vm, only.option)) {
        throw UsageError(fmt::format("--{} does not apply to stochastic games{}", only.option,
                                     only.hint));
      }
    }
    stochastic.game_path = flags.game_path;
    stochastic.method = flags.method;
    stochastic.format = flags.format;
    stochastic.decimals = flags.decimals;
    if (vm.count("max-iterations")) stochastic.max_iterations = max_iterations;
    if (vm.count("time-limit")) stochastic.time_limit = time_limit;
    if (vm.count("tolerance")) stochastic.tolerance = tolerance;
    return SolveStochastic(stochastic);
  }
  for (const OnlyFor& only : kStochasticOnly) {
    if (Given(vm, only.option)) {
      throw UsageError(fmt::format("--{} applies to stochastic games (GAME.toml) only{}",
                                   only.option, only.hint));
    }
  }
  nfg_flags.game_path = flags.game_path;
  nfg_flags.method = flags.method;
  nfg_flags.format = flags.format;
  nfg_flags.decimals = flags.decimals;
  if (vm.count("label")) nfg_flags.label = label;
  return SolveNfg(nfg_flags);
}

}  // namespace kaesong::cli
