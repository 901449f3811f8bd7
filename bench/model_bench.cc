// Kaesong model benchmarks: one SPE solve of a 41x11x11 deal grid over 12 dated rounds with
// durability on (< 10 ms), the agent QRE on the same grid, RunScenario with 100,000 replications
// (well under a second on one core), sweeps over deal-grid size, rounds and replications, and the
// simultaneous-drafts protocol over menu sizes. Parameters: the 2013-like calibration of the
// model tests (tests/models/kaesong_2013_like.h), independent of the scenario files.
//   build/bench/kaesong_bench --benchmark_filter=Kaesong --benchmark_min_time=0.05
#include "models/kaesong/critical_face_cost.h"
#include "models/kaesong/deal_value.h"
#include "models/kaesong/negotiation.h"
#include "models/kaesong/parameters.h"
#include "models/kaesong/simultaneous.h"
#include "sim/engine/run.h"
#include "tests/models/kaesong_2013_like.h"

#include <benchmark/benchmark.h>

namespace {

using namespace kaesong::model;

// The tests' 2013-like calibration (tests/models/kaesong_2013_like.h) with Seoul's insurance
// option from 7 Aug, under the given concept.
Parameters Kaesong2013Bench(bool durability, SolutionConcept concept_kind) {
  Parameters p = testing::Kaesong2013Like(durability, /*insurance=*/true);
  p.name = "kaesong_2013_bench";
  p.solution.solution_concept = concept_kind;
  return p;
}

void BM_KaesongSpeSolve(benchmark::State& state) {
  const Parameters p = Kaesong2013Bench(state.range(0) != 0, SolutionConcept::kSpe);
  long long evaluations = 0;
  for (auto _ : state) {
    const NegotiationSolution s = SolveNegotiation(p);
    if (!s.ok()) state.SkipWithError(s.message.c_str());
    evaluations = s.deal_evaluations;
    benchmark::DoNotOptimize(s.dated.data());
  }
  state.counters["deal_evaluations"] = static_cast<double>(evaluations);
}
BENCHMARK(BM_KaesongSpeSolve)->ArgName("durability")->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);

void BM_KaesongSpeSolveInfinite(benchmark::State& state) {
  Parameters p = Kaesong2013Bench(true, SolutionConcept::kSpe);
  p.protocol.rounds.reset();
  long long iterations = 0;
  for (auto _ : state) {
    const NegotiationSolution s = SolveNegotiation(p);
    if (!s.ok()) state.SkipWithError(s.message.c_str());
    iterations = s.iterations;
    benchmark::DoNotOptimize(s.tail.data());
  }
  state.counters["tail_iterations"] = static_cast<double>(iterations);
}
BENCHMARK(BM_KaesongSpeSolveInfinite)->Unit(benchmark::kMillisecond);

void BM_KaesongQreSolve(benchmark::State& state) {
  const Parameters p = Kaesong2013Bench(true, SolutionConcept::kQre);
  for (auto _ : state) {
    const NegotiationSolution s = SolveNegotiation(p);
    if (!s.ok()) state.SkipWithError(s.message.c_str());
    benchmark::DoNotOptimize(s.dated.data());
  }
}
BENCHMARK(BM_KaesongQreSolve)->Unit(benchmark::kMillisecond);

void BM_KaesongDealTable(benchmark::State& state) {
  const Parameters p = Kaesong2013Bench(true, SolutionConcept::kSpe);
  const DealValuation valuation(p);
  const DealGrid grid(p.deal);
  for (auto _ : state) {
    const DealTable t = TabulateDeals(valuation, grid);
    benchmark::DoNotOptimize(t.hazard.data());
  }
  state.SetItemsProcessed(state.iterations() * grid.size());
}
BENCHMARK(BM_KaesongDealTable)->Unit(benchmark::kMillisecond);

void BM_KaesongRunScenario(benchmark::State& state) {
  const bool qre = state.range(0) != 0;
  const Parameters p = Kaesong2013Bench(true, qre ? SolutionConcept::kQre : SolutionConcept::kSpe);
  const kaesong::engine::RunOptions options{static_cast<int>(state.range(1)), 2013,
                                            state.range(2) != 0};
  double agree = 0.0;
  for (auto _ : state) {
    const kaesong::engine::RunResult r = kaesong::engine::RunScenario(p, options);
    agree = r.summary.agree_prob;
    benchmark::DoNotOptimize(r.rounds.data());
  }
  state.counters["agree_prob"] = agree;
  state.SetItemsProcessed(state.iterations() * options.replications);
}
BENCHMARK(BM_KaesongRunScenario)
    ->ArgNames({"qre", "replications", "records"})
    ->Args({0, 100000, 1})
    ->Args({1, 100000, 1})
    ->Args({1, 100000, 0})
    ->Unit(benchmark::kMillisecond);

// Problem-size sweeps of the SPE solve with durability: points of the hard-currency grid (the
// deal grid has m x 11 x 11 points), and number of rounds (finite horizon).
void BM_KaesongSpeGridSize(benchmark::State& state) {
  Parameters p = Kaesong2013Bench(true, SolutionConcept::kSpe);
  p.deal.m.grid = static_cast<int>(state.range(0));
  for (auto _ : state) {
    const NegotiationSolution s = SolveNegotiation(p);
    if (!s.ok()) state.SkipWithError(s.message.c_str());
    benchmark::DoNotOptimize(s.dated.data());
  }
  state.counters["deals"] = static_cast<double>(DealGrid(p.deal).size());
}
BENCHMARK(BM_KaesongSpeGridSize)
    ->ArgName("m_points")
    ->RangeMultiplier(2)
    ->Range(11, 176)
    ->Unit(benchmark::kMillisecond);

void BM_KaesongSpeRounds(benchmark::State& state) {
  Parameters p = Kaesong2013Bench(true, SolutionConcept::kSpe);
  p.protocol.rounds = static_cast<int>(state.range(0));
  for (auto _ : state) {
    const NegotiationSolution s = SolveNegotiation(p);
    if (!s.ok()) state.SkipWithError(s.message.c_str());
    benchmark::DoNotOptimize(s.dated.data());
  }
}
BENCHMARK(BM_KaesongSpeRounds)
    ->ArgName("rounds")
    ->RangeMultiplier(4)
    ->Range(1, 1024)
    ->Unit(benchmark::kMillisecond);

// RunScenario (QRE, no round records) over the number of replications: solve once, simulate n.
void BM_KaesongReplications(benchmark::State& state) {
  const Parameters p = Kaesong2013Bench(true, SolutionConcept::kQre);
  const kaesong::engine::RunOptions options{static_cast<int>(state.range(0)), 2013, false};
  for (auto _ : state) {
    const kaesong::engine::RunResult r = kaesong::engine::RunScenario(p, options);
    benchmark::DoNotOptimize(r.summary.agree_prob);
  }
  state.SetItemsProcessed(state.iterations() * options.replications);
}
BENCHMARK(BM_KaesongReplications)
    ->ArgName("replications")
    ->RangeMultiplier(10)
    ->Range(1000, 1000000)
    ->Unit(benchmark::kMillisecond);

// The simultaneous-drafts protocol (issue target: under 100 ms on one core at the default menu
// of 9 drafts): a stochastic game of 12 round states with up to 10 actions per side, solved as a
// Markov perfect equilibrium (logit-traced, polished; Arg concept 0) or a logit Markov QRE at
// lambda = 0.2 (concept 1), over menu sizes.
void BM_KaesongSimultaneous(benchmark::State& state) {
  Parameters p =
      Kaesong2013Bench(true, state.range(0) == 0 ? SolutionConcept::kSpe : SolutionConcept::kQre);
  p.protocol.kind = ProtocolKind::kSimultaneous;
  p.protocol.drafts = static_cast<int>(state.range(1));
  long long steps = 0;
  for (auto _ : state) {
    const NegotiationSolution s = SolveNegotiation(p);
    if (!s.ok()) state.SkipWithError(s.message.c_str());
    steps = s.iterations;
    benchmark::DoNotOptimize(s.dated.data());
  }
  state.counters["path_steps"] = static_cast<double>(steps);
}
BENCHMARK(BM_KaesongSimultaneous)
    ->ArgNames({"qre", "drafts"})
    ->ArgsProduct({{0, 1}, {5, 9, 17}})
    ->Unit(benchmark::kMillisecond);

void BM_KaesongCriticalFaceCost(benchmark::State& state) {
  const Parameters p = Kaesong2013Bench(state.range(0) != 0, SolutionConcept::kSpe);
  for (auto _ : state) {
    const CriticalFaceCost c = ComputeCriticalFaceCost(p);
    benchmark::DoNotOptimize(c.value);
  }
}
BENCHMARK(BM_KaesongCriticalFaceCost)
    ->ArgName("durability")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond);

}  // namespace
