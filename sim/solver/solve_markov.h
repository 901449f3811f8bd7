// One entry point over the stochastic-game solvers, as `kaesong solve GAME.toml --method M` uses
// them: the logit Markov QRE polished to an exact MPE (markov_qre.h), or value iteration /
// backward induction over stage games with a selection rule (markov_perfect.h). Options left
// unset keep each solver's defaults.
#pragma once

#include "sim/solver/markov_perfect.h"
#include "sim/solver/markov_result.h"
#include "sim/solver/stochastic_game.h"

#include <optional>
#include <string>
#include <string_view>

namespace kaesong {

enum class MarkovMethod { kQre, kValueIteration };

// The method used when none is chosen: value iteration (backward induction) with a finite
// horizon, the QRE otherwise.
MarkovMethod DefaultMarkovMethod(const StochasticGame& game);

// "lemke_howson", "first_support_enumeration", "payoff_dominant", "logit_limit"; nullopt
// otherwise.
std::optional<StageSelection> ParseStageSelection(std::string_view word);

struct MarkovSolveOptions {
  MarkovMethod method = MarkovMethod::kQre;
  std::optional<StageSelection> selection;  // value iteration only
  std::optional<long long> max_iterations;  // value-iteration rounds or QRE path steps
  std::optional<double> time_limit;         // seconds; 0: none
  std::optional<double> tolerance;          // relative to PayoffScale(game)
};

struct MarkovSolution {
  std::string name;  // the method as reports name it, e.g. "value iteration (lemke_howson)"
  MarkovResult result;
};

// Solves; throws std::invalid_argument with the solver options' IsValid message when they are
// out of range. Game problems are the solvers' kInvalidInput status.
MarkovSolution SolveMarkov(const StochasticGame& game, const MarkovSolveOptions& options);

}  // namespace kaesong
