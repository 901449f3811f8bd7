// Logit Markov quantal response equilibrium of a two-player stochastic game, traced by homotopy in
// the precision lambda (McKelvey & Palfrey 1995 for the logit QRE; Eibelshäuser & Poensgen 2019,
// "Markov quantal response equilibrium and a homotopy method for computing and selecting Markov
// perfect equilibria of dynamic stochastic games", for the stationary Markov version and its
// tracing; Herings & Peeters 2004 for stochastic-game homotopies generally). A logit Markov QRE
// at lambda is a stationary profile whose every state strategy is the logit response
//   sigma_i(s, a) ∝ exp(lambda * Q_i(s, a) / R),   R = PayoffScale(game),
// to the continuation payoffs Q_i (stage payoffs plus delta_i times the expected values of the
// profile itself, markov_policy.h). Lambda is dimensionless: it is measured against the game's
// payoff range R, so multiplying all payoffs by a constant does not change the path. At lambda = 0
// every player mixes uniformly; the branch starting there is followed by predictor–corrector
// pseudo-arc-length continuation in (log-probabilities, values, lambda), so turning points in
// lambda are passed (Allgower & Georg 1990): tangents are oriented by the sign of the augmented
// Jacobian's determinant, steps that turn sharply, move far from the predictor or flip that
// orientation are retried shorter, and each Newton system is solved by block elimination (one
// small LU per state, then the Schur complement over the values). The path can be long: on the
// random games of the tests (2-20 states, 2-10 actions) it takes 50-1500 steps, on 100 states
// with 5 actions about 15,000, half of them with lambda decreasing between turning points.
// As lambda -> infinity the branch approaches a Markov
// perfect equilibrium (Maskin & Tirole 2001); the traced end point is then polished to an exact
// MPE by identifying the supports and solving the indifference and value equations by Newton.
// The method always returns an answer: if tracing stops early or polishing fails, the last logit
// QRE is returned with its certificate and a status saying what happened, so sweeps never stall.
// Tracing is markov_qre_trace.cc, polishing markov_qre_polish.h.
// Defaults: max_lambda 1e6, first_step 0.1, corrector tolerance 1e-10, tolerance 1e-8 (relative
// to R), 100000 path steps, 60 s.
#pragma once

#include "sim/solver/markov_policy.h"
#include "sim/solver/markov_result.h"

#include <vector>

namespace kaesong {

struct MarkovQreOptions {
  double max_lambda = 1e6;             // trace up to this precision (units 1/R, see above)
  double first_step = 0.1;             // initial arc-length step
  double min_step = 1e-9;              // a step below this stops tracing (path lost)
  double corrector_tolerance = 1e-10;  // Newton residual, payoffs scaled by 1/R
  int max_corrector_iterations = 12;   // per path step (chord iterations, markov_qre_trace.cc)
  long long max_steps = 100000;        // path steps before kIterationLimit
  double max_seconds = 60.0;           // wall-time limit, tracing and polishing; <= 0: none
  bool polish = true;                  // refine the end point to an exact MPE
  double tolerance = 1e-8;             // certificate tolerance, relative to R
  Eigen::Index dense_threshold = 500;  // linear systems (whole, or the Schur complement over the
                                       // values) up to this size use a dense LU, above: SparseLU
  bool record_path = false;            // keep every accepted point in MarkovQreResult::path
  PolicyEvaluationOptions evaluation;
  bool IsValid(std::string* why) const;
};

struct MarkovQrePoint {
  double lambda = 0.0;
  MarkovStrategies strategies;
  std::array<Eigen::VectorXd, 2> values;  // payoff units
};

struct MarkovQreResult {
  // The answer: the polished MPE when polishing succeeded (status kSuccess), otherwise the last
  // logit QRE traced (status kNotCertified, kIterationLimit or kTimeLimit unless its certificate
  // happens to be within tolerance). `iterations` counts path steps, `residual` is the last
  // Newton residual, `lambda` the precision reached.
  MarkovResult result;
  bool polished = false;
  MarkovQrePoint qre;                 // the logit QRE at result.lambda, before polishing
  MarkovCertificate qre_certificate;  // its certificate (payoff units)
  std::vector<MarkovQrePoint> path;  // with record_path: lambda increasing from 0 (except at folds)
};

// Infinite-horizon games only (game.horizon == 0; otherwise kInvalidInput).
MarkovQreResult SolveMarkovQre(const StochasticGame& game, const MarkovQreOptions& options = {});

// The logit Markov QRE on the principal branch at the given lambda (traced from 0, not polished).
// Status kSuccess when the path reaches lambda (the certificate then measures how far the QRE is
// from an equilibrium, which it need not be); otherwise the tracing status and message.
MarkovQreResult MarkovQreAt(const StochasticGame& game, double lambda,
                            const MarkovQreOptions& options = {});

// Polishes approximate stationary strategies to an exact MPE: the supports are the actions with
// probability at least `threshold` times the largest in their state, and the indifference and
// value equations on those supports are solved by Newton from (strategies, values). Returns
// kSuccess with the certified MPE, or kNotCertified, kSingularSystem or kTimeLimit
// (options.max_seconds) with a message (the input strategies and values are returned unchanged
// then, with the certificate of those strategies).
// `iterations` counts Newton steps.
MarkovResult PolishMarkovPerfect(const StochasticGame& game, const MarkovStrategies& strategies,
                                 const std::array<Eigen::VectorXd, 2>& values, double threshold,
                                 const MarkovQreOptions& options = {});

}  // namespace kaesong
