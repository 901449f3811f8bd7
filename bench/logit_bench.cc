// Logit QRE principal-branch tracing (SolveLogitQre, default options: lambda up to 1e6 in units
// of the payoff range, then limit identification) on seeded random square games with integer
// payoffs 0..99. Arguments: size n, game seed. Counters: accepted and rejected path steps of the
// last run, and the regret of the reported limit (relative to the payoff range).
//   build/bench/kaesong_bench --benchmark_filter=LogitTrace --benchmark_min_time=0.05
#include "sim/solver/logit_qre.h"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>

namespace kaesong {
namespace {

// Square game with payoffs uniform on {0, ..., 99}, drawn row-major, A then B per cell.
Bimatrix IntegerGame(Eigen::Index n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Eigen::MatrixXd a(n, n);
  Eigen::MatrixXd b(n, n);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < n; ++j) {
      a(i, j) = static_cast<double>(rng() % 100);
      b(i, j) = static_cast<double>(rng() % 100);
    }
  }
  return MakeBimatrix(a, b);
}

void BM_LogitTrace(benchmark::State& state) {
  const Bimatrix game = IntegerGame(state.range(0), static_cast<std::uint64_t>(state.range(1)));
  const LogitQreOptions options;
  LogitQreResult out;
  for (auto _ : state) {
    out = SolveLogitQre(game, options);
    benchmark::DoNotOptimize(out);
  }
  if (!out.result.ok()) state.SkipWithError(out.result.Report().c_str());
  state.counters["steps"] = static_cast<double>(out.result.iterations);
  state.counters["rejected"] = static_cast<double>(out.rejected_steps);
  state.counters["rel_regret"] = out.result.max_regret / PayoffScale(game);
}

BENCHMARK(BM_LogitTrace)
    ->ArgNames({"n", "seed"})
    ->ArgsProduct({{10, 20, 50, 100}, {1, 2, 3}})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace kaesong
