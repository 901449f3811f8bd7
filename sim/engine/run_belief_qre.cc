#include "sim/engine/run_belief_qre.h"

#include "models/kaesong/belief_qre.h"
#include "sim/engine/run_common.h"
#include "sim/engine/simulate_belief_qre.h"
#include "sim/solver/solve_result.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace kaesong::engine {

RunResult RunBeliefQreScenario(const model::Parameters& params, const RunOptions& options) {
  RequireValidRun(params, options);
  const model::BeliefQreSolution solution = model::SolveBeliefQre(params);
  if (solution.status == SolveStatus::kInvalidInput) throw std::invalid_argument(solution.message);

  RunResult result;
  RunSummary& s = result.summary;
  const model::TypeSpace& types = solution.types;
  const int k_count = types.size();
  const std::size_t stride = static_cast<std::size_t>(k_count);
  const BeliefQreSimulator simulator(params, solution);
  result.beliefs.types = k_count;

  // Replications, with the tallies the summary counts: by type, the record, and the belief path.
  std::vector<long long> drawn(stride, 0), agreed(stride, 0);
  long long record = 0;
  std::vector<long long> reached;      // replications negotiating at round t's start
  std::vector<double> belief_sums;     // their posteriors, summed: t * K + k (listed order)
  std::vector<RoundRecord> scratch;
  BeliefColumns scratch_beliefs;
  const RowBudget budget =
      PlanRows(params, options, std::numeric_limits<double>::quiet_NaN(), &result);
  ForEachReplication(options, &s, [&](int r) {
    scratch.clear();
    scratch_beliefs.mean.clear();
    scratch_beliefs.posterior.clear();
    const ReplicationOutcome out = simulator.Run(options.seed, r, &scratch, &scratch_beliefs);
    const int type = scratch.front().type - 1;  // listed order
    ++drawn[static_cast<std::size_t>(type)];
    if (out.ending == Ending::kAgreement) {
      ++agreed[static_cast<std::size_t>(type)];
      if (out.rounds == 7) ++record;
    }
    if (reached.size() < scratch.size()) {
      reached.resize(scratch.size(), 0);
      belief_sums.resize(scratch.size() * stride, 0.0);
    }
    for (std::size_t t = 0; t < scratch.size(); ++t) {
      ++reached[t];
      for (std::size_t l = 0; l < stride; ++l) {
        belief_sums[t * stride + l] += scratch_beliefs.posterior[t * stride + l];
      }
    }
    if (options.record_rounds) {
      const int offset = static_cast<int>(result.beliefs.mean.size());
      for (RoundRecord& rec : scratch) {
        rec.belief_state += offset;
        result.rounds.push_back(rec);
      }
      result.beliefs.mean.insert(result.beliefs.mean.end(), scratch_beliefs.mean.begin(),
                                 scratch_beliefs.mean.end());
      result.beliefs.posterior.insert(result.beliefs.posterior.end(),
                                      scratch_beliefs.posterior.begin(),
                                      scratch_beliefs.posterior.end());
    }
    return out;
  }, budget);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  s.record_prob = options.replications > 0
                      ? static_cast<double>(record) / options.replications
                      : nan;
  result.record_prob_counted = true;
  s.agree_prob_by_type.assign(stride, nan);
  for (std::size_t l = 0; l < stride; ++l) {
    if (drawn[l] > 0) s.agree_prob_by_type[l] = static_cast<double>(agreed[l]) / drawn[l];
  }
  // The belief path: mean posteriors, appended as belief states after the records' own.
  result.beliefs_averaged = true;
  for (std::size_t t = 0; t < reached.size(); ++t) {
    result.belief_path.push_back(static_cast<int>(result.beliefs.mean.size()));
    result.belief_path_reach.push_back(static_cast<double>(reached[t]) / options.replications);
    double mean = 0.0;
    for (int k = 0; k < k_count; ++k) {
      const std::size_t l = static_cast<std::size_t>(types.listed[static_cast<std::size_t>(k)]);
      mean += belief_sums[t * stride + l] / reached[t] * types.values[static_cast<std::size_t>(k)];
    }
    for (std::size_t l = 0; l < stride; ++l) {
      result.beliefs.posterior.push_back(belief_sums[t * stride + l] / reached[t]);
    }
    result.beliefs.mean.push_back(mean);
  }

  // Round 1 at the prior, as the simulation plays it: Seoul's strategy mixes those of the
  // prior's lattice stencil with the interpolation weights; the types answer at the prior.
  model::BeliefStage stage(solution);
  const int n = solution.offer_count();
  Eigen::ArrayXd mixture = Eigen::ArrayXd::Zero(n + 2);
  solver::LatticeStencil stencil;
  solution.lattice.Locate(types.prior.data(), &stencil);
  for (int v = 0; v < stencil.size; ++v) {
    const Eigen::VectorXd mu = solution.lattice.Point(stencil.point[static_cast<std::size_t>(v)]);
    mixture += stencil.weight[static_cast<std::size_t>(v)] * stage.Evaluate(1, mu.data()).choice;
  }
  const model::BeliefChoice& first = stage.Evaluate(1, types.prior.data());
  double tabled = 0.0;
  model::Deal mean_offer{0.0, 0.0, 0.0};
  for (int x = 0; x < n; ++x) {
    const double p = mixture[x];
    const model::Deal deal = solution.grid.At(x);
    tabled += p;
    mean_offer.m += p * deal.m;
    mean_offer.g += p * deal.g;
    mean_offer.beta += p * deal.beta;
    for (int k = 0; k < k_count; ++k) {
      s.first_offer_accept_prob +=
          types.prior[static_cast<std::size_t>(k)] * p *
          first.accept[static_cast<std::size_t>(x) * stride + static_cast<std::size_t>(k)];
    }
  }
  s.first_offer_m = tabled > 0.0 ? mean_offer.m / tabled : nan;
  s.first_offer_g = tabled > 0.0 ? mean_offer.g / tabled : nan;
  s.first_offer_beta = tabled > 0.0 ? mean_offer.beta / tabled : nan;
  std::vector<double> value_type(stride);
  stage.Interpolate(solution.Round(1), types.prior.data(), &s.equilibrium_value_seoul,
                    value_type.data());
  for (int k = 0; k < k_count; ++k) {
    s.equilibrium_value_pyongyang +=
        types.prior[static_cast<std::size_t>(k)] * value_type[static_cast<std::size_t>(k)];
  }
  FinishHiddenInformationSummary(params, solution, &result);
  return result;
}

}  // namespace kaesong::engine
