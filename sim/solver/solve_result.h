// What every equilibrium solver returns: a termination status with a message, the certified
// equilibria it found, and work counters (Ceres-style summary; Gambit-style callback).
#pragma once

#include "sim/solver/normal_form.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kaesong {

enum class SolveStatus {
  kSuccess,         // finished; every equilibrium it can find is in `equilibria`
  kIterationLimit,  // stopped at a pivot/iteration/time limit; `equilibria` holds what was found
  kNumericalIssue,  // lost accuracy (singular system, regret above tolerance); see `message`
  kInvalidInput,    // the game or the options were unusable; see `message`
  kNotSolved,       // the result was never filled in (every result starts so)
};

std::string_view ToString(SolveStatus status);

// An equilibrium together with its certificate: max regret (payoff units) and expected payoffs.
struct Equilibrium {
  MixedProfile profile;
  double max_regret = 0.0;
  double row_payoff = 0.0;
  double col_payoff = 0.0;
};

// Certifies a profile: fills max regret and both expected payoffs.
Equilibrium Certify(const Bimatrix& game, MixedProfile profile);

struct SolveResult {
  SolveStatus status = SolveStatus::kNotSolved;  // a solver sets it when it finishes
  std::string message = "not solved";
  std::vector<Equilibrium> equilibria;
  bool degenerate = false;   // the solver detected a degenerate game (see the solver's header)
  long long iterations = 0;  // pivots, supports tried, or path steps, as the solver defines
  long long rederived = 0;   // candidates re-derived in exact arithmetic (solvers that do so)
  double max_regret = 0.0;   // largest max regret over `equilibria`

  bool ok() const { return status == SolveStatus::kSuccess; }
  // A solver's normal end: kNotSolved becomes kSuccess (with an empty message); a failure status
  // set on the way stays.
  void Finish();
  // One line: status, number of equilibria, max regret, iterations, and the message if any.
  std::string Report() const;
};

// Option checks the solvers share: a finite tolerance > 0 ("tolerance must be a finite number >
// 0, got X"), and an iteration limit that is -1 (none) or >= 1 ("NAME must be -1 (no limit) or
// >= 1, got X"). False with the message in *why (when not null).
bool IsValidTolerance(double tolerance, std::string* why);
bool IsValidLimit(std::string_view name, long long limit, std::string* why);

// For enumeration solvers: marks `result` kNumericalIssue because `rejected` (> 0) candidate
// profiles failed the regret certificate (tolerance x payoff scale) and so were not reported;
// `also_failed` names a further check they failed (e.g. " and the exact re-derivation,").
void NoteRejected(SolveResult* result, long long rejected, double tolerance, double scale,
                  std::string_view also_failed = {});

// The input check every bimatrix solver starts with: the options (Options::IsValid) and the game
// (ValidateBimatrix). On failure sets result->status = kInvalidInput and result->message to the
// reason (after the given prefixes) and returns false.
bool CheckGameInput(const Bimatrix& game, SolveResult* result, std::string_view game_prefix = {});
template <class Options>
bool CheckSolverInput(const Bimatrix& game, const Options& options, SolveResult* result,
                      std::string_view options_prefix = {}, std::string_view game_prefix = {}) {
  std::string why;
  if (!options.IsValid(&why)) {
    result->status = SolveStatus::kInvalidInput;
    result->message = std::string(options_prefix) + why;
    return false;
  }
  return CheckGameInput(game, result, game_prefix);
}

// Called once per equilibrium as soon as it is found (before the solver returns).
using OnEquilibrium = std::function<void(const Equilibrium&)>;

}  // namespace kaesong
