// One Monte Carlo replication of the screening game under a solved QRE with beliefs
// (models/kaesong/belief_qre.h): Pyongyang's type is drawn from Seoul's prior (uniform kTypeDraw
// of the replication's stream, as in simulate_screening.h); Seoul's belief starts at the prior
// and is its exact Bayesian posterior on the QRE strategies after every rejection. Each round
// Seoul plays the logit strategy of one lattice point of its belief's interpolation stencil
// (drawn with the interpolation weights, uniform 4 (t - 1): a randomised interpolation of the
// strategies the solver computed, so Seoul's expected payoff against any continuation is the
// interpolated one) and draws from it an offer, a delay or walking away (uniform 4 (t - 1) + 1);
// the type accepts an offer with its logit probability at the exact posterior (uniform
// 4 (t - 1) + 2), and a rejection breaks the talks down with the round's probability (uniform
// 4 (t - 1) + 3). Seoul's choice distributions are computed once per (round, lattice point)
// visited and kept.
// Endings, the round cap and the realised values as in simulate.h.
#pragma once

#include "models/kaesong/belief_qre.h"
#include "models/kaesong/parameters.h"
#include "sim/engine/run.h"
#include "sim/engine/simulate.h"

#include <vector>

namespace kaesong::engine {

class BeliefQreSimulator {
 public:
  // Both arguments must outlive the simulator; `solution` must not have status kInvalidInput.
  // Not thread-safe (it keeps the strategies' work buffers): one simulator per thread.
  BeliefQreSimulator(const model::Parameters& params, const model::BeliefQreSolution& solution);

  // As Simulator::Run (simulate.h). With records != nullptr each RoundRecord's belief_state is
  // the index of the round's starting belief in *beliefs, which receives it (posterior mean and
  // type probabilities in the order of information.values).
  ReplicationOutcome Run(unsigned long long seed, int replication,
                         std::vector<RoundRecord>* records, BeliefColumns* beliefs) const;

 private:
  const model::Parameters& params_;
  const model::BeliefQreSolution& solution_;
  // Seoul's cumulative choice probabilities at lattice point `point` in round t, computed on
  // first use (dated rounds, then one entry for the stationary tail).
  const std::vector<double>& ChoiceCdf(int t, long long point) const;

  mutable model::BeliefStage stage_;
  int max_rounds_;
  mutable std::vector<std::vector<double>> cdf_;  // (round, point) -> cdf
  mutable solver::LatticeStencil stencil_;
};

}  // namespace kaesong::engine
