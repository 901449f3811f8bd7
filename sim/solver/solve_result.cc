#include "sim/solver/solve_result.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace kaesong {

std::string_view ToString(SolveStatus status) {
  switch (status) {
    case SolveStatus::kSuccess: return "success";
    case SolveStatus::kIterationLimit: return "iteration_limit";
    case SolveStatus::kNumericalIssue: return "numerical_issue";
    case SolveStatus::kInvalidInput: return "invalid_input";
    case SolveStatus::kNotSolved: return "not_solved";
  }
  return "unknown";
}

void SolveResult::Finish() {
  if (status != SolveStatus::kNotSolved) return;
  status = SolveStatus::kSuccess;
  message.clear();
}

Equilibrium Certify(const Bimatrix& game, MixedProfile profile) {
  Equilibrium eq;
  eq.max_regret = MaxRegret(game, profile);
  eq.row_payoff = RowPayoff(game, profile);
  eq.col_payoff = ColPayoff(game, profile);
  eq.profile = std::move(profile);
  return eq;
}

bool IsValidTolerance(double tolerance, std::string* why) {
  if (std::isfinite(tolerance) && tolerance > 0.0) return true;
  if (why) *why = fmt::format("tolerance must be a finite number > 0, got {}", tolerance);
  return false;
}

bool IsValidLimit(std::string_view name, long long limit, std::string* why) {
  if (limit == -1 || limit >= 1) return true;
  if (why) *why = fmt::format("{} must be -1 (no limit) or >= 1, got {}", name, limit);
  return false;
}

void NoteRejected(SolveResult* result, long long rejected, double tolerance, double scale,
                  std::string_view also_failed) {
  result->status = SolveStatus::kNumericalIssue;
  result->message = fmt::format(
      "{} candidate profile{} failed the regret certificate (tolerance {:g} x payoff scale "
      "{:g}){} and {} not reported",
      rejected, rejected == 1 ? "" : "s", tolerance, scale, also_failed,
      rejected == 1 ? "was" : "were");
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
