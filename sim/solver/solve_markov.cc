#include "sim/solver/solve_markov.h"

#include "sim/solver/markov_qre.h"

#include <fmt/format.h>

#include <array>
#include <stdexcept>

namespace kaesong {

MarkovMethod DefaultMarkovMethod(const StochasticGame& game) {
  return game.horizon > 0 ? MarkovMethod::kValueIteration : MarkovMethod::kQre;
}

std::optional<StageSelection> ParseStageSelection(std::string_view word) {
  constexpr std::array kRules = {StageSelection::kLemkeHowson,
                                 StageSelection::kFirstSupportEnumeration,
                                 StageSelection::kPayoffDominant, StageSelection::kLogitLimit};
  for (const StageSelection rule : kRules) {
    if (ToString(rule) == word) return rule;
  }
  return std::nullopt;
}

MarkovSolution SolveMarkov(const StochasticGame& game, const MarkovSolveOptions& options) {
  std::string why;
  if (options.method == MarkovMethod::kQre) {
    MarkovQreOptions qre;
    if (options.max_iterations) qre.max_steps = *options.max_iterations;
    if (options.time_limit) qre.max_seconds = *options.time_limit;
    if (options.tolerance) qre.tolerance = *options.tolerance;
    if (!qre.IsValid(&why)) throw std::invalid_argument(why);
    return {"logit Markov QRE", SolveMarkovQre(game, qre).result};
  }
  MarkovPerfectOptions vi;
  if (options.selection) vi.selection = *options.selection;
  if (options.max_iterations) vi.max_iterations = *options.max_iterations;
  if (options.time_limit) vi.max_seconds = *options.time_limit;
  if (options.tolerance) vi.tolerance = *options.tolerance;
  if (!vi.IsValid(&why)) throw std::invalid_argument(why);
  const char* kind = game.horizon > 0 ? "backward induction" : "value iteration";
  return {fmt::format("{} ({})", kind, ToString(vi.selection)), SolveMarkovPerfect(game, vi)};
}

}  // namespace kaesong
