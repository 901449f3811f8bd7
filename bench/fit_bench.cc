// Estimation benchmarks (`kaesong fit`, sim/io/scenario_fit.h) on the complete-information QRE
// scenario scenarios/kaesong_2013_complete.toml, with histories simulated in process by
// RunScenario at the scenario's own values (seed 3), read back through the rounds.csv reader:
//   - BM_FitLogLikelihood: one likelihood point (a QRE solve without choice tables, then the
//     histories' lookups) over the number of histories, at the quadrature 2x2x3 that drew them;
//   - BM_FitSolveAndLookups: the solve and the lookups for 5,000 histories, with and without the
//     choice tables simulation needs;
//   - BM_FitHistoriesOnly: the lookups alone, over the number of histories;
//   - BM_FitScenario: a whole fit (4 starts, observed information, profiles) to 5,000 histories
//     over the number of free keys (solution.lambda, then pyongyang.blame_weight, then
//     seoul.discount). Slow: run it on its own,
//   build/bench/kaesong_bench --benchmark_filter=BM_FitScenario --benchmark_repetitions=1
#include "models/kaesong/history_likelihood.h"
#include "models/kaesong/negotiation.h"
#include "sim/engine/run.h"
#include "sim/io/csv.h"
#include "sim/io/history_csv.h"
#include "sim/io/scenario.h"
#include "sim/io/scenario_fit.h"

#include <benchmark/benchmark.h>

#include <array>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace kaesong;

const std::array<int, 3> kSubdivision = {2, 2, 3};

const io::Scenario& CompleteScenario() {
  static const io::Scenario scenario =
      io::LoadScenario(std::string(KAESONG_SOURCE_DIR) + "/scenarios/kaesong_2013_complete.toml");
  return scenario;
}

// `count` histories simulated at the scenario's values (seed 3), as fit reads them.
std::vector<model::ObservedHistory> SimulatedHistories(int count) {
  const io::Scenario& scenario = CompleteScenario();
  engine::RunOptions options;
  options.replications = count;
  options.seed = 3;
  const engine::RunResult run = engine::RunScenario(scenario.parameters, options);
  std::ostringstream csv;
  io::WriteRoundsCsv(csv, scenario.parameters.name, run.rounds);
  return io::ParseHistories(csv.str(), "simulated.csv", scenario.parameters);
}

std::vector<io::FreeKey> FreeKeys(int count) {
  const char* const all[] = {"solution.lambda=0.2:0.4", "pyongyang.blame_weight=100:200",
                             "seoul.discount=0.97:0.995"};
  std::vector<io::FreeKey> keys;
  keys.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    keys.push_back(io::ParseFreeKey(CompleteScenario(), all[i]));
  }
  return keys;
}

Eigen::VectorXd Truth(int count) {
  Eigen::VectorXd x(3);
  x << 0.3, 150.0, 0.99;
  return x.head(count);
}

void BM_FitLogLikelihood(benchmark::State& state) {
  const std::vector<model::ObservedHistory> histories =
      SimulatedHistories(static_cast<int>(state.range(0)));
  const std::vector<io::FreeKey> keys = FreeKeys(3);
  const Eigen::VectorXd x = Truth(3);
  double log_l = 0.0;
  for (auto _ : state) {
    log_l = io::FitLogLikelihood(CompleteScenario(), keys, histories, kSubdivision, x);
    benchmark::DoNotOptimize(log_l);
  }
  if (!std::isfinite(log_l)) state.SkipWithError("the likelihood is not finite");
  state.counters["log_likelihood"] = log_l;
}
BENCHMARK(BM_FitLogLikelihood)
    ->ArgName("histories")
    ->Arg(500)
    ->Arg(5000)
    ->Unit(benchmark::kMillisecond);

// The solve and the lookups without the scenario's re-resolution, with the choice tables that
// simulation needs (tables:1) or without them (tables:0, as fit solves).
void BM_FitSolveAndLookups(benchmark::State& state) {
  const std::vector<model::ObservedHistory> histories = SimulatedHistories(5000);
  model::Parameters params = CompleteScenario().parameters;
  params.solution.quadrature_subdivision = kSubdivision;
  params.solution.choice_tables = state.range(0) != 0;
  for (auto _ : state) {
    const model::NegotiationSolution solution = model::SolveNegotiation(params);
    if (!solution.ok()) state.SkipWithError(solution.message.c_str());
    benchmark::DoNotOptimize(model::HistoriesLogLikelihood(params, solution, histories));
  }
}
BENCHMARK(BM_FitSolveAndLookups)->ArgName("tables")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_FitHistoriesOnly(benchmark::State& state) {
  const std::vector<model::ObservedHistory> histories =
      SimulatedHistories(static_cast<int>(state.range(0)));
  model::Parameters params = CompleteScenario().parameters;
  params.solution.quadrature_subdivision = kSubdivision;
  params.solution.choice_tables = false;
  const model::NegotiationSolution solution = model::SolveNegotiation(params);
  if (!solution.ok()) state.SkipWithError(solution.message.c_str());
  for (auto _ : state) {
    benchmark::DoNotOptimize(model::HistoriesLogLikelihood(params, solution, histories));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_FitHistoriesOnly)
    ->ArgName("histories")
    ->Arg(500)
    ->Arg(5000)
    ->Unit(benchmark::kMillisecond);

void BM_FitScenario(benchmark::State& state) {
  const std::vector<model::ObservedHistory> histories = SimulatedHistories(5000);
  const std::vector<io::FreeKey> keys = FreeKeys(static_cast<int>(state.range(0)));
  io::FitOptions options;
  options.threads = 2;
  options.subdivision = kSubdivision;
  long long evaluations = 0;
  for (auto _ : state) {
    const io::FitResult fit = io::FitScenario(CompleteScenario(), keys, histories, options);
    if (!std::isfinite(fit.log_likelihood)) state.SkipWithError("the fit failed");
    evaluations = 0;
    for (const io::FitStart& start : fit.starts) evaluations += start.result.evaluations;
    benchmark::DoNotOptimize(fit.estimate.data());
  }
  state.counters["start_evaluations"] = static_cast<double>(evaluations);
}
BENCHMARK(BM_FitScenario)
    ->ArgName("keys")
    ->Arg(1)
    ->Arg(3)
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

}  // namespace
