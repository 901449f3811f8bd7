#include "sim/io/scenario_run.h"

#include "sim/engine/memory_budget.h"
#include "sim/io/csv.h"

#include <fmt/format.h>

#include <tuple>
#include <utility>

namespace kaesong::io {

std::vector<Override> SimulationOverrides(const std::optional<std::string>& replications,
                                          const std::optional<std::string>& seed) {
  std::vector<Override> overrides;
  if (replications) {
    overrides.push_back(
        {"simulation.replications", *replications, "--replications " + *replications});
  }
  if (seed) overrides.push_back({"simulation.seed", *seed, "--seed " + *seed});
  return overrides;
}

engine::RunOptions ScenarioRunOptions(const model::Parameters& params, bool record_rounds) {
  engine::RunOptions options;
  options.replications = params.simulation.replications;
  options.seed = params.simulation.seed;
  options.record_rounds = record_rounds;
  return options;
}

std::vector<Override> PointOverrides(const engine::SweepPlan& plan,
                                     const std::vector<std::string>& values) {
  std::vector<Override> overrides;
  overrides.reserve(values.size());
  for (std::size_t a = 0; a < values.size(); ++a) {
    const std::string& key = plan.axes()[a].key;
    overrides.push_back({key, values[a], fmt::format("--vary {}={}", key, values[a])});
  }
  return overrides;
}

engine::SweepPlan MakeScenarioSweepPlan(const Scenario& scenario,
                                        const std::vector<std::string>& vary,
                                        const std::string& sample) {
  std::vector<engine::SweepAxis> axes;
  axes.reserve(vary.size());
  for (const std::string& spec : vary) axes.push_back(engine::ParseVarySpec(spec));
  engine::SampleKind kind = engine::SampleKind::kGrid;
  long long count = 0;
  if (!sample.empty()) std::tie(kind, count) = engine::ParseSampleSpec(sample);
  return engine::SweepPlan(std::move(axes), kind, count, scenario.parameters.simulation.seed);
}

namespace {

// The values of an axis that stand for all of it: a range's two ends, every value of a list.
std::vector<std::string> AxisProbes(const engine::SweepAxis& axis) {
  if (axis.is_range) return {axis.GridValue(0), axis.GridValue(axis.n - 1)};
  return axis.values;
}

}  // namespace

void CheckSweepAxes(const Scenario& scenario, const engine::SweepPlan& plan) {
  for (const engine::SweepAxis& axis : plan.axes()) {
    for (const std::string& value : AxisProbes(axis)) {
      ApplyOverrides(scenario, {{axis.key, value, fmt::format("--vary {}={}", axis.key, value)}});
    }
  }
}

void CheckSweepMemory(const Scenario& scenario, const engine::SweepPlan& plan,
                      std::uint64_t point_limit) {
  constexpr long long kMaxCorners = 4096;
  if (point_limit == 0) return;
  std::vector<std::vector<std::string>> probes;
  for (const engine::SweepAxis& axis : plan.axes()) probes.push_back(AxisProbes(axis));
  std::vector<std::size_t> digit(probes.size(), 0);
  const int threads = engine::SolveThreads();
  for (long long corner = 0; corner < kMaxCorners; ++corner) {
    std::vector<std::string> values;
    for (std::size_t a = 0; a < probes.size(); ++a) values.push_back(probes[a][digit[a]]);
    try {
      const Scenario point = ApplyOverrides(scenario, PointOverrides(plan, values));
      std::string where;
      for (std::size_t a = 0; a < values.size(); ++a) {
        where += fmt::format("{}{}={}", a == 0 ? "" : ", ", plan.axes()[a].key, values[a]);
      }
      engine::RequireWithinMemory(engine::EstimateSolveMemory(point.parameters, threads),
                                  point_limit, fmt::format("the sweep point {}", where));
    } catch (const ScenarioError&) {
      // Not a valid point; it is reported when it runs.
    }
    std::size_t a = probes.size();
    while (a > 0 && ++digit[a - 1] == probes[a - 1].size()) digit[--a] = 0;
    if (a == 0) break;
  }
}

engine::PointEvaluator ScenarioPointEvaluator(const Scenario& scenario,
                                              const engine::SweepPlan& plan,
                                              std::uint64_t point_limit) {
  engine::RunOptions options = ScenarioRunOptions(scenario.parameters, false);
  options.max_memory = point_limit;
  return [&scenario, &plan, options](long long, const std::vector<std::string>& values) {
    const Scenario point = ApplyOverrides(scenario, PointOverrides(plan, values));
    return SummaryCsvCells(engine::RunScenario(point.parameters, options).summary);
  };
}

std::string SweepSummaryHeaderTail() {
  std::string tail;
  const std::vector<std::string>& columns = SummaryCsvColumns();
  for (std::size_t c = 1; c < columns.size(); ++c) tail += (c > 1 ? "," : "") + columns[c];
  return tail;
}

}  // namespace kaesong::io
