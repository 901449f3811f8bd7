#include "sim/solver/markov_result.h"

#include <fmt/format.h>

namespace kaesong {

std::string_view ToString(MarkovStatus status) {
  switch (status) {
    case MarkovStatus::kSuccess:
      return "success";
    case MarkovStatus::kIterationLimit:
      return "iteration_limit";
    case MarkovStatus::kTimeLimit:
      return "time_limit";
    case MarkovStatus::kCycle:
      return "cycle";
    case MarkovStatus::kSingularSystem:
      return "singular_system";
    case MarkovStatus::kStageSolverFailure:
      return "stage_solver_failure";
    case MarkovStatus::kNotCertified:
      return "not_certified";
    case MarkovStatus::kInvalidInput:
      return "invalid_input";
    case MarkovStatus::kNotSolved:
      return "not_solved";
  }
  return "unknown";
}

void MarkovResult::Finish() {
  if (status != MarkovStatus::kNotSolved) return;
  status = MarkovStatus::kSuccess;
  message.clear();
}

std::string MarkovResult::Report() const {
  std::string line = fmt::format(
      "{}: {} iterations, residual {:.3g}, max deviation gain {:.3g} (tolerance {:.3g}), {:.3f} s",
      ToString(status), iterations, residual, certificate.Max(), tolerance, seconds);
  if (lambda > 0.0) line += fmt::format(", lambda {:.3g}", lambda);
  if (!message.empty()) line += " (" + message + ")";
  return line;
}

}  // namespace kaesong
