// Sweep throughput (points per second) of the complete-information 2013 calibration at 1 and 2
// threads: a 16-point sweep over Pyongyang's face cost, 1,000 replications per point, rows
// discarded.
//   build/bench/kaesong_bench --benchmark_filter=Sweep --benchmark_repetitions=5
#include "sim/engine/run.h"
#include "sim/engine/sweep_runner.h"
#include "sim/io/csv.h"
#include "sim/io/scenario.h"

#include <benchmark/benchmark.h>

#include <fmt/format.h>

namespace kaesong {
namespace {

class DiscardRows : public engine::RowSink {
 public:
  explicit DiscardRows(long long end) : end_(end) {}
  long long next_point() const override { return 0; }
  long long end_point() const override { return end_; }
  void Write(const std::string& rows, long long) override { bytes_ += rows.size(); }

 private:
  long long end_;
  std::size_t bytes_ = 0;
};

void BM_SweepDefaultScenario(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  const io::Scenario scenario =
      io::LoadScenario(std::string(KAESONG_SOURCE_DIR) + "/scenarios/kaesong_2013_complete.toml");
  const engine::SweepPlan plan({engine::ParseVarySpec("pyongyang.blame_weight=0:300:16")});
  engine::RunOptions options;
  options.replications = 1000;
  options.seed = 1;
  options.record_rounds = false;
  const engine::PointEvaluator evaluate = [&](long long, const std::vector<std::string>& values) {
    const io::Scenario point = io::ApplyOverrides(
        scenario, {{"pyongyang.blame_weight", values[0], "--vary pyongyang.blame_weight"}});
    return io::SummaryCsvCells(engine::RunScenario(point.parameters, options).summary);
  };
  for (auto _ : state) {
    DiscardRows sink(plan.PointCount());
    engine::RunSweep(plan, evaluate, threads, sink);
  }
  state.counters["points_per_second"] = benchmark::Counter(
      static_cast<double>(plan.PointCount()) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SweepDefaultScenario)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace kaesong
