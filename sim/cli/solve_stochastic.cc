#include "sim/cli/solve_stochastic.h"

#include "sim/cli/commands.h"
#include "sim/io/markov_format.h"
#include "sim/io/stochastic_game_file.h"
#include "sim/solver/solve_markov.h"

#include <fmt/format.h>

#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace kaesong::cli {

namespace {

StageSelection ParseSelection(const std::string& word) {
  const std::optional<StageSelection> rule = ParseStageSelection(word);
  if (rule) return *rule;
  throw UsageError(fmt::format(
      "--selection must be lemke_howson, first_support_enumeration, payoff_dominant or "
      "logit_limit, got '{}'",
      word));
}

// The checks that need no game.
void CheckFlags(const StochasticSolveFlags& flags) {
  if (!flags.method.empty() && flags.method != "vi" && flags.method != "qre") {
    throw UsageError(
        fmt::format("--method must be vi or qre for a stochastic game, got '{}'", flags.method));
  }
  if (!flags.format.empty() && flags.format != "text" && flags.format != "csv") {
    throw UsageError(
        fmt::format("--format must be text or csv for a stochastic game, got '{}'", flags.format));
  }
  if (flags.decimals < 0 || flags.decimals > 17) {
    throw UsageError(fmt::format("--decimals must be in 0..17, got {}", flags.decimals));
  }
  if (!flags.selection.empty()) ParseSelection(flags.selection);
  if (flags.max_iterations && *flags.max_iterations < 1) {
    throw UsageError(fmt::format("--max-iterations must be >= 1, got {}", *flags.max_iterations));
  }
  if (flags.time_limit && !(*flags.time_limit >= 0.0)) {
    throw UsageError(
        fmt::format("--time-limit must be >= 0 seconds (0: no limit), got {}", *flags.time_limit));
  }
  if (flags.tolerance && !(*flags.tolerance > 0.0 && *flags.tolerance < 1.0)) {
    throw UsageError(fmt::format("--tolerance must be in (0, 1), got {}", *flags.tolerance));
  }
}

// The checks that depend on the game's horizon (and so on the default method).
void CheckAgainstGame(const StochasticSolveFlags& flags, const std::string& method,
                      const StochasticGame& game) {
  if (!flags.selection.empty() && method != "vi") {
    throw UsageError(flags.method.empty()
                         ? "--selection applies to --method vi only (the default for an infinite "
                           "horizon is qre; give --method vi)"
                         : "--selection applies to --method vi only");
  }
  if (method == "qre" && game.horizon > 0) {
    throw UsageError(fmt::format(
        "--method qre needs an infinite horizon, but this game has horizon {} (use --method vi: "
        "backward induction)",
        game.horizon));
  }
  if (flags.all_periods && game.horizon == 0) {
    throw UsageError(
        "--all-periods applies to finite-horizon games only (this game's strategies are "
        "stationary)");
  }
  if (flags.max_iterations && game.horizon > 0) {
    throw UsageError(fmt::format(
        "--max-iterations does not apply to a finite-horizon game (backward induction runs its "
        "{} periods)",
        game.horizon));
  }
}

MarkovSolution Run(const StochasticGame& game, const StochasticSolveFlags& flags,
                   const std::string& method) {
  MarkovSolveOptions options;
  options.method = method == "qre" ? MarkovMethod::kQre : MarkovMethod::kValueIteration;
  if (!flags.selection.empty()) options.selection = ParseSelection(flags.selection);
  options.max_iterations = flags.max_iterations;
  options.time_limit = flags.time_limit;
  options.tolerance = flags.tolerance;
  try {
    return SolveMarkov(game, options);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
}

}  // namespace

int SolveStochastic(const StochasticSolveFlags& flags) {
  CheckFlags(flags);
  StochasticGame game;
  try {
    game = ReadStochasticGameFile(flags.game_path);
  } catch (const StochasticGameFileError& e) {
    fmt::print(stderr, "{}\n", e.what());
    return 2;
  }
  std::string method = flags.method;
  if (method.empty()) method = DefaultMarkovMethod(game) == MarkovMethod::kQre ? "qre" : "vi";
  CheckAgainstGame(flags, method, game);

  const MarkovSolution solved = Run(game, flags, method);
  const std::vector<MarkovPeriod> periods =
      MarkovPeriods(game, solved.result, flags.all_periods);
  const std::string report = fmt::format("{}: {}", solved.name, solved.result.Report());
  std::string out;
  if (flags.format == "csv") {
    out = FormatMarkovCsv(game, periods, flags.decimals);
  } else {
    out = FormatMarkovText(game, periods, flags.decimals) + report + '\n';
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  if (!solved.result.ok()) {
    fmt::print(stderr, "kaesong solve: error: {}\n", report);
    return 1;
  }
  return 0;
}

}  // namespace kaesong::cli
