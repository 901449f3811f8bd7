// `kaesong solve GAME.nfg`: the equilibria of a two-player strategic-form game file
// (sim/io/nfg.h), by one of the bimatrix methods of sim/solver/solve_bimatrix.h, each certified
// by its max regret and printed with sim/io/equilibrium_format.h (Gambit's "NE,..." lines or CSV).
// Defaults: --method vertex, --format gambit.
#pragma once

#include <optional>
#include <string>

namespace kaesong::cli {

// The strategic-form flags of `kaesong solve`.
struct NfgSolveFlags {
  std::string game_path;     // "-" reads standard input
  std::string method;        // vertex, enum, pure, lh, logit, or empty for vertex
  std::optional<int> label;  // lh: the one label to start from
  bool all_labels = false;
  int decimals = 6;
  std::string format;        // gambit, csv, or empty for gambit
  double max_regret = 1e-9;  // relative to the payoff range
  bool branch = false;
  bool exact = false;
  bool components = false;
  std::string estimate_path;  // logit: estimate lambda from this counts file (action_counts.h)
};

// Checks the flags (UsageError naming the flag, also for a --label out of the game's range),
// reads the game (its diagnostics on stderr, exit code 2), solves and prints the equilibria on
// stdout. Returns the exit code: 0 when every equilibrium printed is certified, 1 otherwise (the
// solver's report on stderr). With an estimate_path, reads the counts (their diagnostics on stderr,
// exit code 2, nothing printed) and prints the maximum-likelihood logit QRE instead
// (sim/solver/logit_estimate.h), with a note on stderr when it lies on a bound of the traced range;
// 1 when the estimation fails.
int SolveNfg(const NfgSolveFlags& flags);

}  // namespace kaesong::cli
