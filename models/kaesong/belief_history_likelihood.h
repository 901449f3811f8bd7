// The likelihood of observed negotiation histories under the QRE with beliefs (belief_qre.h: the
// screening game, Seoul makes every offer and Pyongyang has a hidden type; McKelvey & Palfrey
// 1998, agent QRE with incomplete information), with exactly the probabilities by which a
// replication is simulated (sim/engine/simulate_belief_qre.h). The type is not observed, so a
// history's likelihood is a mixture over the types of Seoul's prior:
//   log L = sum_t log P_S(c_t | mu_t) + log sum_k prior_k prod_t P_k(r_t | c_t, mu_t)
//           + sum_t log P(breakdown or not | t),
// where mu_t is Seoul's belief at round t's start given the observed history (the prior in
// round 1; after a rejected offer x the exact posterior mu'(x) of BeliefStage::Respond; a delay
// leaves it unchanged), c_t Seoul's choice and r_t the type's response.
//
// Seoul's choice. The simulator plays, at belief mu, the logit strategy of one lattice point of
// mu's interpolation stencil, drawn with the interpolation weights: P_S(c | mu) = sum_s w_s
// P_s(c), P_s the choice distribution BeliefStage::Evaluate computes at lattice point s (over
// the offers of the quadrature, "no acceptable draft" and, with Seoul's outside option active,
// walking away). These are computed once per (round, lattice point) visited and kept, as the
// simulator does. An offer's terms are binned to the quadrature cell they lie in (OfferCell,
// history_likelihood.h) and its term is a density, the cell's probability divided by the cell's
// share w_k of the deal box (LogCellWeight, offer_quadrature.h), as in the complete-information
// likelihood; "no draft" and "walk away" are probability masses.
//
// The type's response: accept with its logit probability sigma_k(x) at the exact belief
// (BeliefStage::Respond), reject otherwise; the type has no outside option in the screening
// game, so a responder's opt-out, like a round with Pyongyang proposing, is impossible
// (-infinity). Breakdown follows a rejection or a delay with the round's p_t, with certainty in a
// finite horizon's last round. A history that stops while talks go on contributes its rounds.
//
// Unknown terms (ObservedChoice::kUnknown) sum over Seoul's choices c of P_S(c) P_k(r | c), per
// type. When such a round was rejected and the history goes on, Seoul's next belief depends on
// the unseen offer: the likelihood is then the sum over every choice c of the likelihood of the
// rest of the history from belief mu'(c) (from mu after a delay), which costs one posterior
// fixed point per offer and multiplies the work by the number of choices for each such round.
//
// Everything is in log space (BeliefChoice::log_choice, the log-logistic responses, log-sum-exp
// over the stencil and the types), so a history possible under the solution has a finite
// log-likelihood.
#pragma once

#include "models/kaesong/belief_qre.h"
#include "models/kaesong/history_likelihood.h"
#include "sim/solver/simplex_lattice.h"

#include <Eigen/Dense>

#include <cstddef>
#include <vector>

namespace kaesong::model {

// Log-likelihoods of histories under one solved QRE with beliefs. Keeps Seoul's choice
// distributions at the lattice points it has visited and the BeliefStage's buffers: not
// thread-safe, one per thread.
class BeliefHistoryLikelihood {
 public:
  // `solution` must outlive this object and not have status kInvalidInput.
  explicit BeliefHistoryLikelihood(const BeliefQreSolution& solution);

  // -infinity when the history is impossible under the solution (an offer outside the deal box,
  // Pyongyang proposing, a responder's opt-out, a walk-away without Seoul's option, a round past
  // a finite horizon).
  double LogLikelihood(const ObservedHistory& history);
  // The sum over histories, in order.
  double LogLikelihood(const std::vector<ObservedHistory>& histories);

  // log P_S(c | mu) in round t for every choice c (offers, then n: a delay, n + 1: walking
  // away), the mixture over mu's stencil, into *out (n + 2 entries).
  void LogSeoulChoices(int t, const double* mu, Eigen::ArrayXd* out);

 private:
  // Where the likelihood of a history stands at a round's start: Seoul's belief, per type
  // log prior_k + the log-probabilities of its responses so far, and the terms common to every
  // type (Seoul's choices, breakdown).
  struct Path {
    std::vector<double> mu;
    std::vector<double> log_type;
    double log_common = 0.0;
  };
  // The log-likelihood of rounds i.. of `history` from `path`.
  double FromRound(const ObservedHistory& history, std::size_t i, Path path);
  // Seoul's log choice probabilities at lattice point `point` in round t (computed on first use).
  const Eigen::ArrayXd& LatticeLogChoice(int t, long long point);
  // log P_S(c | mu) in round t for one choice c.
  double LogSeoulChoice(int t, const double* mu, int c);
  // Respond for offer x into accept_, posterior_, log_accept_, log_reject_.
  void Respond(int t, const double* mu, int x);

  const BeliefQreSolution& sol_;
  BeliefStage stage_;
  int k_;
  int n_;
  solver::LatticeStencil stencil_;
  std::vector<Eigen::ArrayXd> cache_;  // (round, point) -> log choice probabilities
  std::vector<double> accept_, posterior_, log_accept_, log_reject_;
};

}  // namespace kaesong::model
