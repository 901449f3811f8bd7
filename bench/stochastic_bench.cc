// Stochastic-game solvers on seeded random games of S states with A actions per player in every
// state (Args {S, A}): each action pair moves to a random subset of a fixed neighbourhood of
// min(S, 5) states, payoffs uniform on [0, 1), discounts 0.9. Game generation is outside the timed
// loop. Counters: `converged` (1 when the solver reported success), `iterations` (rounds or path
// steps). Value iteration with Lemke-Howson selection stops early when it detects a cycle, which
// the counter shows. Run e.g.
//   build/bench/kaesong_bench --benchmark_filter=Markov --benchmark_min_time=0.05
#include "sim/solver/markov_perfect.h"
#include "sim/solver/markov_qre.h"
#include "sim/solver/stochastic_game_generator.h"

#include <benchmark/benchmark.h>

namespace kaesong {
namespace {

StochasticGame BenchGame(benchmark::State& state) {
  StochasticGameSpec spec;
  spec.states = state.range(0);
  spec.min_actions = spec.max_actions = state.range(1);
  spec.density = std::min(1.0, 5.0 / static_cast<double>(spec.states));
  spec.seed = 2013;
  return GenerateStochasticGame(spec);
}

void BM_MarkovPerfectLemkeHowson(benchmark::State& state) {
  const StochasticGame game = BenchGame(state);
  MarkovPerfectOptions options;  // Lemke-Howson from label 1
  MarkovResult result;
  for (auto _ : state) {
    result = SolveMarkovPerfect(game, options);
    benchmark::DoNotOptimize(result.values[0].data());
  }
  state.counters["converged"] = result.ok() ? 1 : 0;
  state.counters["iterations"] = static_cast<double>(result.iterations);
  state.SetLabel(std::string(ToString(result.status)));
}
BENCHMARK(BM_MarkovPerfectLemkeHowson)
    ->ArgNames({"states", "actions"})
    ->ArgsProduct({{10, 100, 1000}, {2, 5, 10}})
    ->Unit(benchmark::kMillisecond);

void BM_MarkovQre(benchmark::State& state) {
  const StochasticGame game = BenchGame(state);
  MarkovQreOptions options;
  options.max_seconds = 600;
  MarkovQreResult result;
  for (auto _ : state) {
    result = SolveMarkovQre(game, options);
    benchmark::DoNotOptimize(result.result.values[0].data());
  }
  state.counters["converged"] = result.result.ok() ? 1 : 0;
  state.counters["iterations"] = static_cast<double>(result.result.iterations);
  state.SetLabel(std::string(ToString(result.result.status)));
}
// 1000 x 10 is left out: its logit path needs many thousands of steps at about 0.4 s each (the
// Schur complement over the 2001 values fills in on a random transition graph), i.e. hours.
BENCHMARK(BM_MarkovQre)
    ->ArgNames({"states", "actions"})
    ->ArgsProduct({{10, 20}, {2, 5, 10}})
    ->Args({100, 2})
    ->Args({100, 5})
    ->Unit(benchmark::kMillisecond);

void BM_PolicyEvaluation(benchmark::State& state) {
  const StochasticGame game = BenchGame(state);
  const MarkovStrategies uniform = UniformStrategies(game);
  PolicyEvaluator evaluator(game);
  std::array<Eigen::VectorXd, 2> values;
  for (auto _ : state) {
    benchmark::DoNotOptimize(evaluator.Evaluate(uniform, values, nullptr));
  }
}
BENCHMARK(BM_PolicyEvaluation)
    ->ArgNames({"states", "actions"})
    ->Args({10, 5})
    ->Args({100, 5})
    ->Args({1000, 10})
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace kaesong
