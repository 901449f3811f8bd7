// Markov perfect equilibrium (Maskin & Tirole 2001) of a two-player stochastic game
// (stochastic_game.h) through its stage games (Shapley 1953; Fink 1964): given continuation values
// V, the stage game of state s has payoffs u_i(s, a) + delta_i * sum_s' P(s' | s, a) V_i(s'), and a
// stationary profile is an MPE iff in every state it is a Nash equilibrium of the stage game built
// from its own values.
//  - Infinite horizon: value iteration over stage games with exact policy evaluation. Each round
//    solves every stage game at the current V with the bimatrix core under the selection rule
//    below, then sets V to the values of the selected profile ((I - delta_i P_sigma) V_i =
//    u_sigma,i, markov_policy.h). It stops when strategies and values change by less than the
//    tolerance; a profile revisited without a smaller residual is a cycle (kCycle); iteration and
//    time limits stop it otherwise. A run stopped by a cycle or a limit whose last profile passes
//    the certificate is still an equilibrium and reports kSuccess (the message says how it
//    stopped). General-sum stochastic games need not make this converge (on the 200 random games
//    of the tests, Lemke–Howson selection ends at an equilibrium on 121 and cycles on 79); the
//    logit Markov QRE (markov_qre.h) always returns an answer.
//  - Finite horizon T (game.horizon > 0): backward induction from period T (continuation zero)
//    to period 1 with the same selection rule; period strategies in MarkovResult.
// Selection rule (StageSelection), applied to every stage game:
//  kLemkeHowson (default)      Lemke–Howson from a fixed label (default 1): deterministic, fast.
//  kFirstSupportEnumeration    the first equilibrium in support enumeration's documented order
//                              (lexicographically largest (row, col) probability vectors).
//  kPayoffDominant             among all equilibria support enumeration finds, the one with the
//                              largest sum of the two stage payoffs; ties (within 1e-12 of the
//                              payoff scale) go to the first in support enumeration's order.
//  kLogitLimit                 the limit of the principal logit QRE branch (logit_qre.h).
// Defaults: 1000 iterations, 60 s, tolerance 1e-8 relative to PayoffScale(game).
#pragma once

#include "sim/solver/lemke_howson.h"
#include "sim/solver/logit_qre.h"
#include "sim/solver/markov_policy.h"
#include "sim/solver/markov_result.h"
#include "sim/solver/support_enumeration.h"

#include <string>
#include <string_view>

namespace kaesong {

enum class StageSelection { kLemkeHowson, kFirstSupportEnumeration, kPayoffDominant, kLogitLimit };

// "lemke_howson", "first_support_enumeration", "payoff_dominant", "logit_limit".
std::string_view ToString(StageSelection selection);

struct MarkovPerfectOptions {
  StageSelection selection = StageSelection::kLemkeHowson;
  int lemke_howson_label = 1;       // with m + n < label actions: (label - 1) mod (m + n) + 1
  long long max_iterations = 1000;  // value-iteration rounds (infinite horizon)
  double max_seconds = 60.0;        // wall-time limit; <= 0: none
  double tolerance = 1e-8;          // convergence and certificate, relative to PayoffScale(game)
  std::array<Eigen::VectorXd, 2> initial_values;  // empty: zero
  PolicyEvaluationOptions evaluation;
  SupportEnumerationOptions support_enumeration;
  LogitQreOptions logit;
  bool IsValid(std::string* why) const;
};

// Infinite horizon (game.horizon == 0): value iteration; finite horizon: backward induction.
// `iterations` counts rounds (or periods), `residual` is the last change
// max(|V_new - V|_inf / R, |sigma_new - sigma|_inf), R = PayoffScale(game).
MarkovResult SolveMarkovPerfect(const StochasticGame& game,
                                const MarkovPerfectOptions& options = {});

// Backward induction over game.horizon periods (which must be > 0). Stopped by the time limit it
// returns kTimeLimit without strategies or values: the periods before the stop are unsolved, and
// the later ones alone are not a strategy for the game.
MarkovResult SolveBackwardInduction(const StochasticGame& game,
                                    const MarkovPerfectOptions& options = {});

// One stage game solved under the selection rule. `ok` false with a message when the bimatrix
// solver failed or found nothing.
struct StageSolution {
  bool ok = false;
  std::string message;
  MixedProfile profile;
};
StageSolution SolveStageGame(const Bimatrix& stage, const MarkovPerfectOptions& options);

}  // namespace kaesong
