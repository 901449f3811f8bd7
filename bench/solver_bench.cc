// Equilibrium solver benchmarks over problem sizes. Games are generated here with fixed seeds
// (std::mt19937_64 and hand-written distributions), outside the timed loop:
//   integer     payoffs uniform on {0, ..., 99} (the games `gambit-enummixed` is timed on)
//   covariance  each cell's payoff pair standard normal with correlation rho = -0.5
//               (Rinott & Scarsini 2000; few equilibria, harder for pruning)
// Counters: eq = equilibria found, pivots / pairs / bases = the solver's iteration count per run,
// degenerate = whether the solver found the game degenerate, rederived = candidates vertex
// enumeration re-derived in exact arithmetic.
#include "sim/solver/lemke_howson.h"
#include "sim/solver/support_enumeration.h"
#include "sim/solver/vertex_enumeration.h"

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <random>

namespace kaesong {
namespace {

enum class BenchKind { kInteger, kCovariance };

Bimatrix BenchGame(BenchKind kind, Eigen::Index rows, Eigen::Index cols, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto uniform = [&]() { return (static_cast<double>(rng() >> 11) + 0.5) * 0x1.0p-53; };
  auto normal = [&]() {  // Box-Muller
    const double u = uniform();
    const double v = uniform();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * M_PI * v);
  };
  const double rho = -0.5;
  Eigen::MatrixXd a(rows, cols);
  Eigen::MatrixXd b(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i) {
    for (Eigen::Index j = 0; j < cols; ++j) {
      if (kind == BenchKind::kInteger) {
        a(i, j) = static_cast<double>(rng() % 100);
        b(i, j) = static_cast<double>(rng() % 100);
      } else {
        const double z1 = normal();
        const double z2 = normal();
        a(i, j) = z1;
        b(i, j) = rho * z1 + std::sqrt(1.0 - rho * rho) * z2;
      }
    }
  }
  return MakeBimatrix(a, b);
}

// All extreme equilibria by `solve`, on the same game per size for every such solver.
template <typename Solve>
SolveResult AllExtreme(benchmark::State& state, BenchKind kind, Solve solve, const char* work) {
  const Eigen::Index n = state.range(0);
  const Bimatrix game = BenchGame(kind, n, n, 20240 + static_cast<std::uint64_t>(n));
  SolveResult result;
  for (auto _ : state) {
    result = solve(game);
    benchmark::DoNotOptimize(result.equilibria.data());
  }
  if (!result.ok()) state.SkipWithError(result.Report().c_str());
  state.counters["eq"] = static_cast<double>(result.equilibria.size());
  state.counters[work] = static_cast<double>(result.iterations);
  state.counters["degenerate"] = result.degenerate ? 1.0 : 0.0;
  return result;
}

void SupportEnumeration(benchmark::State& state, BenchKind kind) {
  AllExtreme(state, kind, [](const Bimatrix& g) { return SolveSupportEnumeration(g); }, "pairs");
}

void VertexEnumeration(benchmark::State& state, BenchKind kind) {
  const SolveResult result = AllExtreme(
      state, kind, [](const Bimatrix& g) { return SolveVertexEnumeration(g); }, "bases");
  state.counters["rederived"] = static_cast<double>(result.rederived);
}

void LemkeHowsonLabel1(benchmark::State& state, BenchKind kind) {
  const Eigen::Index n = state.range(0);
  const Bimatrix game = BenchGame(kind, n, n, 777 + static_cast<std::uint64_t>(n));
  LemkeHowsonOptions options;
  options.label = 1;
  SolveResult result;
  for (auto _ : state) {
    result = SolveLemkeHowson(game, options);
    benchmark::DoNotOptimize(result.equilibria.data());
  }
  if (!result.ok()) state.SkipWithError(result.Report().c_str());
  state.counters["eq"] = static_cast<double>(result.equilibria.size());
  state.counters["pivots"] = static_cast<double>(result.iterations);
}

void LemkeHowsonRace(benchmark::State& state, BenchKind kind) {
  const Eigen::Index n = state.range(0);
  const Bimatrix game = BenchGame(kind, n, n, 777 + static_cast<std::uint64_t>(n));
  LemkeHowsonOptions options;
  options.race_labels = true;
  SolveResult result;
  for (auto _ : state) {
    result = SolveLemkeHowson(game, options);
    benchmark::DoNotOptimize(result.equilibria.data());
  }
  if (!result.ok()) state.SkipWithError(result.Report().c_str());
  state.counters["eq"] = static_cast<double>(result.equilibria.size());
  state.counters["pivots"] = static_cast<double>(result.iterations);
}

void LemkeHowsonAllLabels(benchmark::State& state, BenchKind kind) {
  const Eigen::Index n = state.range(0);
  const Bimatrix game = BenchGame(kind, n, n, 4242 + static_cast<std::uint64_t>(n));
  LemkeHowsonOptions options;
  options.all_labels = true;
  SolveResult result;
  for (auto _ : state) {
    result = SolveLemkeHowson(game, options);
    benchmark::DoNotOptimize(result.equilibria.data());
  }
  if (!result.ok()) state.SkipWithError(result.Report().c_str());
  state.counters["eq"] = static_cast<double>(result.equilibria.size());
  state.counters["pivots"] = static_cast<double>(result.iterations);
}

BENCHMARK_CAPTURE(SupportEnumeration, integer, BenchKind::kInteger)
    ->DenseRange(4, 14)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(SupportEnumeration, covariance, BenchKind::kCovariance)
    ->DenseRange(4, 14)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(VertexEnumeration, integer, BenchKind::kInteger)
    ->DenseRange(4, 20, 2)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(VertexEnumeration, covariance, BenchKind::kCovariance)
    ->DenseRange(4, 20, 2)
    ->Unit(benchmark::kMillisecond);
// Label 1 only up to the sizes where its path stays short for these seeds: a fixed label's path
// grows very fast on random games (label 1 of the 300x300 integer game takes 717k pivots, of the
// 200x200 covariance game more than two minutes). LemkeHowsonRace covers 500x500.
BENCHMARK_CAPTURE(LemkeHowsonLabel1, integer, BenchKind::kInteger)
    ->Arg(10)
    ->Arg(20)
    ->Arg(50)
    ->Arg(100)
    ->Arg(200)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(LemkeHowsonLabel1, covariance, BenchKind::kCovariance)
    ->Arg(10)
    ->Arg(20)
    ->Arg(50)
    ->Arg(100)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(LemkeHowsonRace, integer, BenchKind::kInteger)
    ->Arg(10)
    ->Arg(50)
    ->Arg(100)
    ->Arg(200)
    ->Arg(500)
    ->Unit(benchmark::kMillisecond);
// Negatively correlated payoffs make every label's path long (151k raced pivots at 100x100).
BENCHMARK_CAPTURE(LemkeHowsonRace, covariance, BenchKind::kCovariance)
    ->Arg(10)
    ->Arg(50)
    ->Arg(100)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(LemkeHowsonAllLabels, integer, BenchKind::kInteger)
    ->Arg(4)
    ->Arg(8)
    ->Arg(12)
    ->Arg(20)
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace kaesong
