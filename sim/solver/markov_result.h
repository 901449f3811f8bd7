// What the stochastic-game solvers return: a termination status with a message, the strategies
// (one mixed profile per state, or per period and state with a finite horizon), both players'
// values, work counters and the equilibrium certificate (Maskin & Tirole 2001: a stationary
// profile is a Markov perfect equilibrium iff no player gains by a one-shot deviation in any
// state, given the values the profile itself yields — the one-shot deviation principle).
#pragma once

#include "sim/solver/stochastic_game.h"

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace kaesong {

enum class MarkovStatus {
  kSuccess,             // converged, and the certificate is within tolerance
  kIterationLimit,      // stopped at the iteration limit; the last iterate is reported
  kTimeLimit,           // stopped at the wall-time limit; the last iterate is reported
  kCycle,               // value iteration revisited a strategy profile without progress
  kSingularSystem,      // policy evaluation: I - delta_i P_sigma is singular (no finite values)
  kStageSolverFailure,  // the bimatrix solver failed on a stage game (see message)
  kNotCertified,        // an answer was produced but its certificate exceeds the tolerance
  kInvalidInput,        // the game or the options were unusable (see message)
  kNotSolved,           // the result was never filled in (every result starts so)
};

std::string_view ToString(MarkovStatus status);

// Largest one-shot deviation gains, in payoff units, of each player over all states (and all
// periods with a finite horizon), with where they occur (-1 when there is no state).
struct MarkovCertificate {
  std::array<double, 2> max_gain{0.0, 0.0};
  std::array<Eigen::Index, 2> worst_state{-1, -1};
  std::array<int, 2> worst_period{0, 0};  // 1-based with a finite horizon, 0 otherwise
  double Max() const { return max_gain[0] > max_gain[1] ? max_gain[0] : max_gain[1]; }
};

struct MarkovResult {
  MarkovStatus status = MarkovStatus::kNotSolved;  // a solver sets it when it finishes
  std::string message = "not solved";
  long long iterations = 0;     // value-iteration rounds, backward-induction periods or path steps
  double residual = 0.0;        // last change in strategies/values (sup norm), or Newton residual
  double seconds = 0.0;         // wall time of the solve
  double lambda = 0.0;          // logit precision reached (logit Markov QRE only)
  MarkovStrategies strategies;  // stationary: one profile per state
  std::vector<MarkovStrategies> period_strategies;  // finite horizon: [period - 1][state]
  std::array<Eigen::VectorXd, 2> values;            // V_i(s); with a finite horizon, of period 1
  MarkovCertificate certificate;
  double tolerance = 0.0;  // certificate tolerance applied, payoff units

  bool ok() const { return status == MarkovStatus::kSuccess; }
  // A solver's normal end: kNotSolved becomes kSuccess (with an empty message); a failure status
  // set on the way stays.
  void Finish();
  // One line: status, iterations, residual, certificate, time, and the message if any.
  std::string Report() const;
};

}  // namespace kaesong
