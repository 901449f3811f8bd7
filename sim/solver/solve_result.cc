#include "sim/solver/solve_result.h"

#include <fmt/format.h>

#include <stdexcept>

namespace kaesong {

std::string_view ToString(SolveStatus status) {
  switch (status) {
    case SolveStatus::kSuccess: return "success";
    case SolveStatus::kIterationLimit: return "iteration_limit";
    case SolveStatus::kNumericalIssue: return "numerical_issue";
    case SolveStatus::kInvalidInput: return "invalid_input";
  }
  return "unknown";
}

Equilibrium Certify(const Bimatrix& game, MixedProfile profile) {
  Equilibrium eq;
  eq.max_regret = MaxRegret(game, profile);
  eq.row_payoff = RowPayoff(game, profile);
  eq.col_payoff = ColPayoff(game, profile);
  eq.profile = std::move(profile);
  return eq;
}

bool CheckGameInput(const Bimatrix& game, SolveResult* result, std::string_view game_prefix) {
  try {
    ValidateBimatrix(game);
  } catch (const std::invalid_argument& e) {
    result->status = SolveStatus::kInvalidInput;
    result->message = std::string(game_prefix) + e.what();
    return false;
  }
  return true;
}

std::string SolveResult::Report() const {
  std::string line = fmt::format("{}: {} equilibri{}, max regret {:.3g}, {} iterations{}",
                                 ToString(status), equilibria.size(),
                                 equilibria.size() == 1 ? "um" : "a", max_regret, iterations,
                                 degenerate ? ", degenerate game" : "");
  if (!message.empty()) line += " (" + message + ")";
  return line;
}

}  // namespace kaesong
