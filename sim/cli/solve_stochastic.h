// `kaesong solve GAME.toml`: a Markov perfect equilibrium of a two-player stochastic game file
// (sim/io/stochastic_game_file.h), by the logit Markov QRE (sim/solver/markov_qre.h) or by value
// iteration / backward induction over stage games (sim/solver/markov_perfect.h), printed with
// sim/io/markov_format.h. Defaults: --method qre for an infinite horizon (it always returns an
// answer), vi (backward induction) for a finite one; --selection lemke_howson; the solvers'
// own iteration and time limits and tolerance (relative to the game's payoff range).
#pragma once

#include <optional>
#include <string>

namespace kaesong::cli {

// The stochastic-game flags of `kaesong solve`; unset optionals keep the solver's default.
struct StochasticSolveFlags {
  std::string game_path;   // "-" reads standard input
  std::string method;      // "vi", "qre", or empty for the default above
  std::string selection;   // stage selection rule for vi; empty: lemke_howson
  std::optional<long long> max_iterations;  // vi rounds or qre path steps
  std::optional<double> time_limit;         // seconds; 0 = none
  std::optional<double> tolerance;          // relative to the payoff range
  int decimals = 6;
  std::string format;  // "text", "csv", or empty for text
  bool all_periods = false;
};

// Checks the flags (UsageError naming the flag, also for ones the game's horizon rules out),
// reads the game (its diagnostics on stderr, exit code 2), solves and prints the strategies and
// values on stdout (text form ending in a report line, or CSV). Returns the exit code: 0 for a
// certified equilibrium, 1 otherwise (the solver's report on stderr, its last iterate printed).
int SolveStochastic(const StochasticSolveFlags& flags);

}  // namespace kaesong::cli
