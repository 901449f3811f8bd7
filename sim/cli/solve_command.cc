// kaesong solve: equilibria of a two-player game file, printed like Gambit's tools or as CSV.
// Stochastic game files (.toml) go to SolveStochastic (solve_stochastic.h).
#include "sim/cli/commands.h"
#include "sim/cli/parse_options.h"
#include "sim/cli/solve_stochastic.h"
#include "sim/io/equilibrium_format.h"
#include "sim/io/nfg.h"
#include "sim/solver/equilibrium_components.h"
#include "sim/solver/exact_profile.h"
#include "sim/solver/solve_bimatrix.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kaesong::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* kSolveUsage =
    "kaesong solve GAME.nfg [--method vertex|enum|pure|lh|logit] [--label K|--all-labels]\n"
    "                     [--decimals D] [--format gambit|csv] [--exact] [--components]\n"
    "                     [--max-regret TOL] [--branch]\n"
    "       kaesong solve GAME.toml [--method vi|qre] [--selection RULE] [--max-iterations N]\n"
    "                     [--time-limit SECONDS] [--tolerance TOL] [--all-periods]\n"
    "                     [--decimals D] [--format text|csv]\n"
    "Reads a Gambit strategic-form file ('-' for standard input) and prints its equilibria,\n"
    "each certified by its max regret. Reads a stochastic game file (.toml, or any file with\n"
    "--game-type stochastic) and prints a Markov perfect equilibrium: each player's strategy\n"
    "and value in every state, then a report line with the certificate (the largest one-shot\n"
    "deviation gain). Exit codes: 0 success, 1 solver trouble (status and message on stderr),\n"
    "2 bad input.";

struct SolveFlags {
  std::string game_path;
  std::string game_type;  // "nfg", "stochastic", or empty: by the file name
  std::string method;     // empty: vertex (stochastic games: see solve_stochastic.h)
  int label = 0;
  bool all_labels = false;
  int decimals = 6;
  std::string format;  // empty: gambit (stochastic games: text)
  double max_regret = 1e-9;
  bool branch = false;
  bool exact = false;
  bool components = false;
  StochasticSolveFlags stochastic;  // the stochastic-game-only flags
};

// Options of one kind of game that the other kind rejects, with a hint where one helps.
struct OnlyFor {
  const char* option;
  const char* hint;
};
constexpr OnlyFor kNfgOnly[] = {
    {"label", ""},  {"all-labels", ""}, {"max-regret", " (use --tolerance)"},
    {"branch", ""}, {"exact", ""},      {"components", ""}};
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

// gambit-enummixed -c style: each maximal Nash subset's extreme profiles tagged convex-k (in
// the order of the equilibria), then one line per component. `texts` holds each equilibrium's
// probabilities (row player's, then column player's).
std::string ComponentBlocks(const ComponentAnalysis& analysis,
                            const std::vector<std::vector<std::string>>& texts) {
  std::string out;
  for (std::size_t s = 0; s < analysis.subsets.size(); ++s) {
    const NashSubset& subset = analysis.subsets[s];
    const std::string tag = fmt::format("convex-{}", s + 1);
    for (std::size_t e = 0; e < texts.size(); ++e) {
      const auto [r, c] = analysis.vertices_of[e];
      if (std::find(subset.rows.begin(), subset.rows.end(), r) != subset.rows.end() &&
          std::find(subset.cols.begin(), subset.cols.end(), c) != subset.cols.end()) {
        out += GambitLine(texts[e], tag);
      }
    }
  }
  for (std::size_t c = 0; c < analysis.components.size(); ++c) {
    const EquilibriumComponent& component = analysis.components[c];
    std::string subsets;
    for (int s : component.subsets) subsets += fmt::format("{}{}", subsets.empty() ? "" : " ", s + 1);
    out += fmt::format("component-{},index={},convex={}\n", c + 1,
                       component.index ? std::to_string(*component.index) : "?", subsets);
  }
  return out;
}

}  // namespace

int RunSolve(const Args& args) {
  SolveFlags flags;
  StochasticSolveFlags& stochastic = flags.stochastic;
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
      ("label,l", po::value(&flags.label),
       "lh: follow the path from this label, 1..rows+cols (default: race all labels with doubling "
       "pivot budgets and report the first equilibrium reached)")
      ("all-labels,a", po::bool_switch(&flags.all_labels),
       "lh: run from every label and print the distinct equilibria reached")
      ("max-regret", po::value(&flags.max_regret)->default_value(1e-9, "1e-9"),
       "certification tolerance, relative to the game's payoff range")
      ("branch", po::bool_switch(&flags.branch),
       "logit: also print the traced branch, one 'LAMBDA,p...' line per point, before NE")
      ("exact", po::bool_switch(&flags.exact),
       "print probabilities as exact fractions (NE,1/3,2/3,...), re-derived in rational "
       "arithmetic; for integer or rational payoffs")
      ("components", po::bool_switch(&flags.components),
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
  if (flags.method.empty()) flags.method = "vertex";
  if (flags.format.empty()) flags.format = "gambit";
  const std::optional<BimatrixMethod> method = ParseBimatrixMethod(flags.method);
  if (!method) {
    throw UsageError(fmt::format("--method must be vertex, enum, pure, lh or logit, got '{}'",
                                 flags.method));
  }
  if (flags.format != "gambit" && flags.format != "csv") {
    throw UsageError(fmt::format("--format must be gambit or csv, got '{}'", flags.format));
  }
  if (flags.decimals < 0 || flags.decimals > 17) {
    throw UsageError(fmt::format("--decimals must be in 0..17, got {}", flags.decimals));
  }
  if (!(flags.max_regret > 0.0) || !(flags.max_regret < 1.0)) {
    throw UsageError(fmt::format("--max-regret must be in (0, 1), got {}", flags.max_regret));
  }
  if ((vm.count("label") || flags.all_labels) && flags.method != "lh") {
    throw UsageError("--label and --all-labels apply to --method lh only");
  }
  if (vm.count("label") && flags.all_labels) {
    throw UsageError("--label and --all-labels exclude each other");
  }
  if (flags.branch && flags.method != "logit") {
    throw UsageError("--branch applies to --method logit only");
  }
  const bool all_extreme = flags.method == "vertex" || flags.method == "enum";
  if (flags.components && !all_extreme) {
    throw UsageError("--components applies to --method vertex and enum only");
  }
  if (flags.exact && flags.method == "logit") {
    throw UsageError("--exact does not apply to --method logit (its limit is approximate)");
  }

  Bimatrix game;
  try {
    game = ToBimatrix(ReadNfgFile(flags.game_path));
  } catch (const NfgParseError& e) {
    fmt::print(stderr, "{}\n", e.what());
    return 2;
  } catch (const std::invalid_argument& e) {
    const std::string name = flags.game_path == "-" ? "<stdin>" : flags.game_path;
    fmt::print(stderr, "{}\n", io::FormatError(name, e.what()));
    return 2;
  }
  if (flags.method == "lh" && vm.count("label") &&
      (flags.label < 1 || flags.label > game.rows() + game.cols())) {
    throw UsageError(fmt::format("--label must be in 1..{} for this {}x{} game, got {}",
                                 game.rows() + game.cols(), game.rows(), game.cols(),
                                 flags.label));
  }

  if (flags.exact && !HasRationalPayoffs(game)) {
    const std::string name = flags.game_path == "-" ? "<stdin>" : flags.game_path;
    fmt::print(stderr, "{}\n",
               io::FormatError(name,
                               "--exact needs integer or rational payoffs (fractions with "
                               "denominators up to 10^6)"));
    return 2;
  }

  BimatrixSolveOptions solve_options;
  solve_options.method = *method;
  solve_options.label = flags.label;
  solve_options.all_labels = flags.all_labels;
  solve_options.max_regret = flags.max_regret;
  solve_options.record_branch = flags.branch;
  BimatrixSolution solution;
  try {
    solution = SolveBimatrix(game, solve_options);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  const SolveResult& result = solution.result;
  std::string branch_text;
  for (const QrePoint& point : solution.branch) {
    branch_text += FormatGambitLine(point.profile, flags.decimals,
                                    FormatFixed(point.lambda, flags.decimals).c_str());
  }
  const double limit = flags.max_regret * PayoffScale(game);

  // Probability texts, exact or fixed-point.
  std::vector<std::vector<std::string>> texts;
  std::vector<Equilibrium> equilibria = result.equilibria;
  int inexact = 0;
  for (Equilibrium& eq : equilibria) {
    if (!flags.exact) {
      texts.push_back(ProbabilityTexts(eq.profile, flags.decimals));
      continue;
    }
    std::optional<ExactProfile> exact;
    for (const double tol : {1e-9, 1e-7, 1e-11}) {
      exact = ExactEquilibrium(game, LabelsOf(game, eq.profile, tol, tol * PayoffScale(game)));
      if (exact) break;
    }
    if (!exact) {
      ++inexact;
      continue;
    }
    std::vector<std::string> t = exact->row;
    t.insert(t.end(), exact->col.begin(), exact->col.end());
    texts.push_back(std::move(t));
    eq = Certify(game, std::move(exact->profile));  // regret and payoffs of the exact profile
  }
  if (inexact > 0) {
    fmt::print(stderr, "kaesong solve: error: {} equilibri{} could not be re-derived exactly\n",
               inexact, inexact == 1 ? "um" : "a");
    return 1;
  }

  const bool with_component = all_extreme && flags.format == "csv";
  ComponentAnalysis components;
  if (flags.components || with_component) {
    components = AnalyzeComponents(game, equilibria, flags.max_regret, flags.components);
  }

  std::string out = branch_text;
  if (flags.format == "csv") out += CsvHeader(game, with_component);
  int index = 0;
  for (const Equilibrium& eq : equilibria) {
    const std::vector<std::string>& t = texts[static_cast<std::size_t>(index)];
    const int component =
        with_component ? components.component_of[static_cast<std::size_t>(index)] + 1 : 0;
    ++index;
    out += flags.format == "csv" ? CsvRow(index, eq, t, flags.decimals, component)
                                 : GambitLine(t, "NE");
  }
  if (flags.components && flags.format != "csv") out += ComponentBlocks(components, texts);
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);

  if (result.degenerate) {
    fmt::print(stderr, "kaesong solve: note: the game is degenerate; {}\n",
               all_extreme
                   ? "equilibria may form connected sets, of which the extreme points found are "
                     "printed (see --components)"
                   : "equilibria may not be isolated");
  }
  if (!result.ok()) {
    fmt::print(stderr, "kaesong solve: error: {}\n", result.Report());
    return 1;
  }
  const int uncertified = CountUncertified(game, result, flags.max_regret);
  if (uncertified > 0) {
    fmt::print(stderr, "kaesong solve: error: {} equilibri{} with max regret above {:.3g}\n",
               uncertified, uncertified == 1 ? "um" : "a", limit);
    return 1;
  }
  return 0;
}

}  // namespace kaesong::cli
