#include "sim/engine/simulate_belief_qre.h"

#include "models/kaesong/information.h"
#include "models/kaesong/negotiation.h"
#include "sim/engine/rng.h"
#include "sim/engine/simulate_screening.h"

#include <algorithm>
#include <limits>

namespace kaesong::engine {

BeliefQreSimulator::BeliefQreSimulator(const model::Parameters& params,
                                       const model::BeliefQreSolution& solution)
    : params_(params),
      solution_(solution),
      stage_(solution),
      max_rounds_(solution.rounds ? *solution.rounds : std::max(1, params.simulation.max_rounds)),
      cdf_((solution.dated.size() + solution.tail.size()) *
           static_cast<std::size_t>(solution.lattice.size())) {}

const std::vector<double>& BeliefQreSimulator::ChoiceCdf(int t, long long point) const {
  const int dated = static_cast<int>(solution_.dated.size());
  const std::size_t round = static_cast<std::size_t>(std::min(t, dated + 1) - 1);
  std::vector<double>& cdf =
      cdf_[round * static_cast<std::size_t>(solution_.lattice.size()) +
           static_cast<std::size_t>(point)];
  if (cdf.empty()) {
    const Eigen::VectorXd mu = solution_.lattice.Point(point);
    const model::BeliefChoice& choice = stage_.Evaluate(t, mu.data());
    cdf.resize(static_cast<std::size_t>(choice.choice.size()));
    double cumulative = 0.0;
    for (Eigen::Index i = 0; i < choice.choice.size(); ++i) {
      cumulative += choice.choice[i];
      cdf[static_cast<std::size_t>(i)] = cumulative;
    }
  }
  return cdf;
}

ReplicationOutcome BeliefQreSimulator::Run(unsigned long long seed, int replication,
                                           std::vector<RoundRecord>* records,
                                           BeliefColumns* beliefs) const {
  const CounterRng rng(seed, static_cast<std::uint64_t>(replication));
  const model::TypeSpace& types = solution_.types;
  const int k = DrawPriorType(types, seed, replication);
  const int k_count = types.size();
  const int n = solution_.offer_count();
  const model::Side& seoul = params_.seoul;
  const model::Side& pyongyang = solution_.type_sides[static_cast<std::size_t>(k)];
  const model::DealTable& table = solution_.type_tables[static_cast<std::size_t>(k)];
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> mu = types.prior;
  ScreeningPath path;
  ReplicationOutcome out;
  std::vector<double> accept(static_cast<std::size_t>(k_count));
  std::vector<double> posterior(static_cast<std::size_t>(k_count));
  std::vector<double> start_type(static_cast<std::size_t>(k_count));
  for (int t = 1; t <= max_rounds_; ++t) {
    const model::BeliefRound& round = solution_.Round(t);
    const std::uint64_t base = 4 * static_cast<std::uint64_t>(t - 1);
    // Seoul's strategy at mu: that of one lattice point of mu's stencil, drawn with the
    // interpolation weights (uniform 4 (t - 1)); then its choice (uniform 4 (t - 1) + 1), the
    // first index whose cumulative probability passes the uniform.
    solution_.lattice.Locate(mu.data(), &stencil_);
    const double v = rng.Uniform(base);
    int s = stencil_.size - 1;
    double weight = 0.0;
    for (int i = 0; i + 1 < stencil_.size; ++i) {
      weight += stencil_.weight[static_cast<std::size_t>(i)];
      if (v < weight) {
        s = i;
        break;
      }
    }
    const std::vector<double>& cdf = ChoiceCdf(t, stencil_.point[static_cast<std::size_t>(s)]);
    const double u = rng.Uniform(base + 1);
    const int last = round.state.option_active[0] ? n + 1 : n;
    const int pick = static_cast<int>(
        std::min<std::ptrdiff_t>(std::upper_bound(cdf.begin(), cdf.begin() + last, u) - cdf.begin(),
                                 last));
    const bool walk = pick == n + 1;
    const bool offered = pick < n;
    if (offered) stage_.Respond(t, mu.data(), pick, accept.data(), posterior.data());
    const bool accepted = offered && rng.Uniform(base + 2) < accept[static_cast<std::size_t>(k)];
    ScreeningMove move;
    move.walk = walk;
    move.accepted = accepted;
    move.offer = offered ? solution_.grid.At(pick) : model::Deal{nan, nan, nan};
    if (offered) {
      move.offer_value.seoul = table.seoul[pick];
      move.offer_value.pyongyang = table.pyongyang[pick];
      move.offer_value.hazard = table.hazard[pick];
    }
    const bool over = EndScreeningRound(seoul, pyongyang, round.state, solution_.calendar.Date(t),
                                        t, move, rng, replication, &path, &out, records);
    if (records != nullptr) {
      RoundRecord& rec = records->back();
      stage_.Interpolate(round, mu.data(), &rec.value_seoul, start_type.data());
      rec.value_pyongyang = start_type[static_cast<std::size_t>(k)];
      rec.type = types.listed[static_cast<std::size_t>(k)] + 1;
      if (beliefs != nullptr) {
        rec.belief_state = static_cast<int>(beliefs->mean.size());
        double mean = 0.0;
        const std::size_t row = beliefs->posterior.size();
        beliefs->posterior.resize(row + static_cast<std::size_t>(k_count));
        for (int l = 0; l < k_count; ++l) {
          mean += mu[l] * types.values[l];
          beliefs->posterior[row + static_cast<std::size_t>(types.listed[l])] = mu[l];
        }
        beliefs->mean.push_back(mean);
      }
    }
    if (over) break;
    if (offered) mu = posterior;  // Bayes' rule on the rejection of the offer
    if (t == max_rounds_) {  // infinite horizon cut at the cap: add the value of continuing
      double next_seoul = 0.0;
      stage_.Interpolate(solution_.Round(t + 1), mu.data(), &next_seoul, start_type.data());
      path.value[0] += path.discount[0] * next_seoul;
      path.value[1] += path.discount[1] * start_type[static_cast<std::size_t>(k)];
    }
  }
  out.value_seoul = path.value[0];
  out.value_pyongyang = path.value[1];
  return out;
}

}  // namespace kaesong::engine
