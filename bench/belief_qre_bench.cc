// The QRE with beliefs (models/kaesong/belief_qre.h): the solve on the screening limit case
// (scenarios/limits/screening.toml, one issue, infinite horizon) over the lattice resolution
// (two types, lambda 300) and the number of types (6 points per edge, lambda 30: at lambda 300
// four or more types leave some posterior fixed points unsolved, which the solve reports), and on
// the bundled calibration scenarios/kaesong_2013.toml under "qre" with a 12-round horizon and the
// deal grid coarsened to 31 x 6 x 6 (the quadrature subdivides it for the types' face costs).
// Counters: lattice points, offers (quadrature size) and posterior fixed points.
//   build/bench/kaesong_bench --benchmark_filter=BeliefQre --benchmark_repetitions=5
#include "models/kaesong/belief_qre.h"
#include "sim/io/scenario.h"

#include <benchmark/benchmark.h>

#include <cmath>
#include <string>

namespace {

using namespace kaesong;

model::Parameters Load(const std::string& file, std::vector<io::Override> overrides) {
  return io::LoadScenario(std::string(KAESONG_SOURCE_DIR) + "/scenarios/" + file, overrides)
      .parameters;
}

void Run(benchmark::State& state, const model::Parameters& p) {
  long long fixed_points = 0;
  for (auto _ : state) {
    const model::BeliefQreSolution s = model::SolveBeliefQre(p);
    if (!s.ok()) state.SkipWithError(s.message.c_str());
    fixed_points = s.fixed_points;
    state.counters["lattice_points"] = static_cast<double>(s.lattice.size());
    state.counters["offers"] = s.offer_count();
    benchmark::DoNotOptimize(s.dated.data());
  }
  state.counters["fixed_points"] = static_cast<double>(fixed_points);
}

model::Parameters ScreeningLimit(int types, int belief_points, double lambda) {
  model::Parameters p = Load("limits/screening.toml", {{"solution.concept", "qre", "bench"}});
  p.solution.lambda = lambda;
  p.information.belief_points = belief_points;
  p.information.values.clear();
  p.information.prior.assign(static_cast<std::size_t>(types), 1.0 / types);
  for (int k = 0; k < types; ++k) p.information.values.push_back(std::pow(2.0, k / (types - 1.0)));
  return p;
}

void BM_BeliefQreLimitPoints(benchmark::State& state) {
  Run(state, ScreeningLimit(2, static_cast<int>(state.range(0)), 300.0));
}
BENCHMARK(BM_BeliefQreLimitPoints)
    ->ArgName("points")
    ->Arg(11)
    ->Arg(21)
    ->Arg(41)
    ->Arg(81)
    ->Unit(benchmark::kMillisecond);

void BM_BeliefQreLimitTypes(benchmark::State& state) {
  Run(state, ScreeningLimit(static_cast<int>(state.range(0)), 6, 30.0));
}
BENCHMARK(BM_BeliefQreLimitTypes)
    ->ArgName("types")
    ->Arg(2)
    ->Arg(3)
    ->Arg(4)
    ->Arg(5)
    ->Unit(benchmark::kMillisecond);

void BM_BeliefQreKaesong2013(benchmark::State& state) {
  Run(state, Load("kaesong_2013.toml",
                  {{"solution.concept", "qre", "bench"},
                   {"protocol.rounds", "12", "bench"},
                   {"information.belief_points", std::to_string(state.range(0)), "bench"},
                   {"deal.m.grid", "31", "bench"},
                   {"deal.g.grid", "6", "bench"},
                   {"deal.beta.grid", "6", "bench"}}));
}
BENCHMARK(BM_BeliefQreKaesong2013)
    ->ArgName("points")
    ->Arg(3)
    ->Arg(6)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace
