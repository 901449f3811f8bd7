// Polishing a stationary profile to an exact Markov perfect equilibrium, the second half of the
// logit Markov QRE method (markov_qre.h; the first half, tracing the branch in lambda, is
// markov_qre_trace.cc). Given supports (the actions kept in each state) and a starting point,
// Newton's method solves the indifference equations Q_i(s, a) = V_i(s) for every support action
// and the normalisations sum_a p_i(s, a) = 1, in probabilities and values scaled by the payoff
// range R; a singular Jacobian (degenerate supports) takes minimum-norm steps. The result is an
// MPE only when no probability went negative and its certificate (markov_policy.h) is within
// tolerance; otherwise the status says why. The public entry point, PolishMarkovPerfect, is
// declared in markov_qre.h; this header is the contract between the two halves (with the game
// data both Newton systems assemble from), not an interface of the solver layer.
#pragma once

#include "sim/solver/markov_qre.h"

#include <Eigen/Dense>

#include <array>
#include <chrono>
#include <vector>

namespace kaesong::markov_qre_internal {

using Clock = std::chrono::steady_clock;

inline double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The transitions of one state in a form the Newton assemblies can walk quickly: each nonzero as
// (a1, a2, local successor index, probability), with the distinct successors listed once.
struct StateData {
  Eigen::Index n1 = 0;
  Eigen::Index n2 = 0;
  std::vector<Eigen::Index> successors;  // sorted distinct next states
  std::vector<Eigen::Index> nz_a1, nz_a2, nz_local;
  std::vector<double> nz_prob;
  std::array<Eigen::MatrixXd, 2> u;  // payoffs divided by the payoff scale
};

// The data of every state, payoffs divided by `scale` (the payoff range R).
std::vector<StateData> PrepareStates(const StochasticGame& game, double scale);

// Continuation matrices W_i = u_i / R + delta_i E[V_i(s')] of one state (normalised units).
void Continuation(const StochasticGame& game, const StateData& d, Eigen::Index s,
                  const Eigen::Ref<const Eigen::VectorXd>& v1,
                  const Eigen::Ref<const Eigen::VectorXd>& v2, Eigen::MatrixXd& w1,
                  Eigen::MatrixXd& w2);

// Per state, the supports for each threshold theta: the actions with probability at least theta
// times the largest in their state, distinct patterns only, in the order of `thresholds`.
using Supports = std::vector<std::array<std::vector<Eigen::Index>, 2>>;
std::vector<Supports> SupportCandidates(const MarkovStrategies& strategies,
                                        const std::vector<double>& thresholds);

// Exact MPE on given supports, from `start` and `start_values` (payoff units): kSuccess with the
// certified profile and its values, else kNotCertified (Newton did not converge, a probability
// went negative, or the deviation gain exceeds options.tolerance * scale), the certificate's
// evaluation status, or kTimeLimit once options.max_seconds have passed since `clock_start`.
// `data` is PrepareStates(game, scale); `iterations` counts Newton steps.
MarkovResult PolishOnSupports(const StochasticGame& game, const std::vector<StateData>& data,
                              const Supports& supports, const MarkovStrategies& start,
                              const std::array<Eigen::VectorXd, 2>& start_values, double scale,
                              const MarkovQreOptions& options, Clock::time_point clock_start);

}  // namespace kaesong::markov_qre_internal
