// The screening equilibrium (models/kaesong/pbe.h) on the bundled calibration
// scenarios/kaesong_2013.toml (deal grid 61 x 11 x 11, durability on) with a finite
// horizon of 12 rounds: the headline case (3 types, 1,001 belief points; goal < 100 ms on one
// core), then sweeps over the number of types (2..64, face costs spread geometrically over the
// file's range) and belief points (101..10,001). Counters: belief points N after joining the
// prior's cumulative masses, and deal valuations used.
//   build/bench/kaesong_bench --benchmark_filter=Screening --benchmark_repetitions=5
#include "models/kaesong/pbe.h"
#include "sim/io/scenario.h"

#include <benchmark/benchmark.h>

#include <cmath>
#include <string>

namespace {

using namespace kaesong;

model::Parameters Screening2013(int types, int belief_points) {
  model::Parameters p =
      io::LoadScenario(std::string(KAESONG_SOURCE_DIR) + "/scenarios/kaesong_2013.toml",
                       {{"protocol.rounds", "12", "bench"}})
          .parameters;
  p.information.belief_points = belief_points;
  if (types != 3) {
    const double lo = p.information.values.front(), hi = p.information.values.back();
    p.information.values.clear();
    p.information.prior.assign(static_cast<std::size_t>(types), 1.0 / types);
    for (int k = 0; k < types; ++k) {
      p.information.values.push_back(lo * std::pow(hi / lo, k / (types - 1.0)));
    }
  }
  return p;
}

void Run(benchmark::State& state, const model::Parameters& p) {
  long long evaluations = 0;
  int points = 0;
  for (auto _ : state) {
    const model::ScreeningSolution s = model::SolveScreening(p);
    if (!s.ok()) state.SkipWithError(s.message.c_str());
    evaluations = s.deal_evaluations;
    points = s.points();
    benchmark::DoNotOptimize(s.dated.data());
  }
  state.counters["belief_points"] = points;
  state.counters["deal_evaluations"] = static_cast<double>(evaluations);
}

void BM_ScreeningKaesong2013(benchmark::State& state) { Run(state, Screening2013(3, 1001)); }
BENCHMARK(BM_ScreeningKaesong2013)->Unit(benchmark::kMillisecond);

void BM_ScreeningTypes(benchmark::State& state) {
  Run(state, Screening2013(static_cast<int>(state.range(0)), 1001));
}
BENCHMARK(BM_ScreeningTypes)
    ->ArgName("types")
    ->Arg(2)
    ->Arg(4)
    ->Arg(8)
    ->Arg(16)
    ->Arg(32)
    ->Arg(64)
    ->Unit(benchmark::kMillisecond);

void BM_ScreeningBeliefPoints(benchmark::State& state) {
  Run(state, Screening2013(3, static_cast<int>(state.range(0))));
}
BENCHMARK(BM_ScreeningBeliefPoints)
    ->ArgName("points")
    ->Arg(101)
    ->Arg(1001)
    ->Arg(10001)
    ->Unit(benchmark::kMillisecond);

}  // namespace
