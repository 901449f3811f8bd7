// `kaesong sweep SCENARIO --vary key=lo:hi:n ...`: runs the scenario at every point of a parameter
// grid (or a random / Latin hypercube sample) on all cores, or over MPI ranks with --mpi, and
// streams one CSV row per point in point order. `kaesong merge` joins --shard outputs.
#include "sim/cli/commands.h"
#include "sim/cli/parse_options.h"
#include "sim/engine/memory_budget.h"
#include "sim/engine/run.h"
#include "sim/engine/sweep_runner.h"
#include "sim/io/atomic_file.h"
#include "sim/io/csv.h"
#include "sim/io/scenario.h"
#include "sim/io/scenario_run.h"
#include "sim/io/scenario_writer.h"
#include "sim/io/sweep_file.h"
#ifdef KAESONG_HAVE_MPI
#include "sim/engine/mpi/sweep_mpi.h"
#include <mpi.h>
#endif

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace kaesong::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* kSweepUsage =
    "kaesong sweep SCENARIO.toml --vary KEY=LO:HI:N[:log] | --vary KEY=V1,V2,... [--vary ...]\n"
    "                     [--sample random:N|lhs:N] [--set KEY=VALUE]... [--replications R]\n"
    "                     [--seed S] [--threads T] [--shard I/N] [--out FILE.csv] [--resume]\n"
    "                     [--mpi] [--max-memory SIZE]\n"
    "Runs the scenario at every point of the grid spanned by the --vary flags (first flag varies\n"
    "slowest), or at N sampled points, and writes one CSV row per point: point, the varied keys,\n"
    "then the summary columns of `kaesong run`. Every point uses the same seed (common random\n"
    "numbers). The output is the same bytes for any --threads, any --shard split after\n"
    "`kaesong merge`, and under --mpi.";

constexpr const char* kMergeUsage =
    "kaesong merge OUT.csv PART.csv...\n"
    "Joins the outputs of `kaesong sweep --shard i/N` (each with its PART.csv.sweep record) into\n"
    "the file one run would have written; refuses parts of other sweeps, overlaps and gaps.";

// FNV-1a over the resolved scenario: resuming or merging checks that the rows come from the same
// parameters.
std::string Identity(const std::string& resolved, unsigned long long seed, int replications) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const unsigned char c : resolved) hash = (hash ^ c) * 0x100000001b3ULL;
  return fmt::format("scenario={:016x};seed={};replications={}", hash, seed, replications);
}

// A flag's problem is that flag's diagnostic ("--vary KEY=...: error: ..."), as a scenario key's
// problem under --set is; a problem of no one flag is the command's usage error. Returns exit 2.
int ReportSpecError(const engine::SweepSpecError& e) {
  if (e.source().empty()) throw UsageError(e.message());
  fmt::print(stderr, "{}\n", io::FormatError(e.source(), e.message()));
  return 2;
}

}  // namespace

int RunSweepCommand(const Args& args) {
  std::string scenario_path, sample, shard = "0/1", out_path;
  std::vector<std::string> vary, sets;
  std::optional<std::string> replications, seed;
  int threads = 0;
  bool resume = false, mpi = false;
  po::options_description options("Options");
  options.add_options()
      ("help,h", "show this help")
      ("scenario", po::value(&scenario_path), "scenario file")
      ("vary", po::value(&vary)->composing(),
       "KEY=LO:HI:N (N evenly spaced values, :log for log spacing) or KEY=V1,V2,...; repeatable")
      ("sample", po::value(&sample), "random:N or lhs:N points over the ranges instead of the grid")
      ("set", po::value(&sets)->composing(), "override a scenario key, KEY=VALUE; repeatable")
      ("replications", po::value<std::string>(), "replications per point (simulation.replications)")
      ("seed", po::value<std::string>(), "random seed of every point (simulation.seed)")
      ("threads", po::value(&threads)->default_value(0), "worker threads; 0: all cores")
      ("shard", po::value(&shard)->default_value("0/1"),
       "run slice I of N (I = 0..N-1, e.g. $SLURM_ARRAY_TASK_ID/N)")
      ("out", po::value(&out_path), "output CSV file (default: standard output)")
      ("resume", po::bool_switch(&resume), "continue an interrupted sweep in --out")
      ("mpi", po::bool_switch(&mpi), "spread points over MPI ranks (run under mpirun)")
      ("max-memory", po::value<std::string>()->value_name("SIZE"), kMaxMemoryHelp);
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const po::variables_map vm = ParseOptions(args, options, positional);
  if (vm.count("help")) {
    fmt::print("{}", HelpText(kSweepUsage, options));
    return 0;
  }
  if (vm.count("replications")) replications = vm["replications"].as<std::string>();
  if (vm.count("seed")) seed = vm["seed"].as<std::string>();
  if (scenario_path.empty()) throw UsageError("missing SCENARIO.toml (see kaesong sweep --help)");
  if (vary.empty()) throw UsageError("give at least one --vary KEY=LO:HI:N or KEY=V1,V2,...");
  if (threads < 0 || threads > 4096) {
    throw UsageError(fmt::format("--threads must be in 0..4096, got {}", threads));
  }
  if (resume && out_path.empty()) throw UsageError("--resume needs --out FILE.csv");
  const std::uint64_t memory_limit = MemoryLimitFlag(vm);
#ifndef KAESONG_HAVE_MPI
  if (mpi) throw UsageError("--mpi: this kaesong was built without MPI (install libopenmpi-dev)");
#endif

  io::Scenario scenario;
  std::optional<engine::SweepPlan> plan;
  int shard_index = 0, shard_count = 1;
  try {
    std::vector<io::Override> overrides = io::ParseSetFlags(sets);
    for (io::Override& o : io::SimulationOverrides(replications, seed)) {
      overrides.push_back(std::move(o));
    }
    scenario = io::LoadScenario(scenario_path, overrides);
    plan.emplace(io::MakeScenarioSweepPlan(scenario, vary, sample));
    std::tie(shard_index, shard_count) = engine::ParseShardSpec(shard);
    io::CheckSweepAxes(scenario, *plan);
  } catch (const io::ScenarioError& e) {
    fmt::print(stderr, "{}\n", e.what());
    return 2;
  } catch (const engine::SweepSpecError& e) {
    return ReportSpecError(e);
  }
  // Points run side by side share the memory limit.
  const long long workers = std::max<long long>(
      1, std::min<long long>(plan->PointCount(),
                             threads > 0 ? threads : std::max(1u, std::thread::hardware_concurrency())));
  const std::uint64_t point_limit = memory_limit / static_cast<std::uint64_t>(workers);
  try {
    io::CheckSweepMemory(scenario, *plan, point_limit);
  } catch (const engine::MemoryLimitError& e) {
    throw UsageError(fmt::format("{} (the limit shared by {} points run at once)", e.what(),
                                 workers));
  }

  const model::Parameters& base = scenario.parameters;
  const engine::RunOptions run_options = io::ScenarioRunOptions(base, false);
  const engine::PointEvaluator evaluate =
      io::ScenarioPointEvaluator(scenario, *plan, point_limit);
  const std::string header_tail = io::SweepSummaryHeaderTail();

  io::SweepOutputOptions output_options;
  output_options.shard_index = shard_index;
  output_options.shard_count = shard_count;
  output_options.out_path = out_path;
  output_options.resume = resume;
  output_options.progress = !out_path.empty() && isatty(STDERR_FILENO) != 0;
  output_options.identity =
      Identity(io::WriteResolvedScenario(base, ""), run_options.seed, run_options.replications);

  try {
    if (mpi) {
#ifdef KAESONG_HAVE_MPI
      MPI_Init(nullptr, nullptr);
      int rank = 0;
      MPI_Comm_rank(MPI_COMM_WORLD, &rank);
      std::optional<io::SweepOutput> output;
      if (rank == 0) {
        try {
          output.emplace(*plan, header_tail, output_options);
        } catch (const std::exception& e) {
          fmt::print(stderr, "kaesong sweep: error: {}\n", e.what());
          MPI_Abort(MPI_COMM_WORLD, 2);
        }
      }
      engine::RunSweepMpi(*plan, evaluate, output ? &*output : nullptr);
      if (output) output->Finish();
      MPI_Finalize();
#endif
    } else {
      io::SweepOutput output(*plan, header_tail, output_options);
      engine::RunSweep(*plan, evaluate, threads, output);
      output.Finish();
    }
  } catch (const io::ScenarioError& e) {
    // A combination of values that the per-axis check could not foresee.
    fmt::print(stderr, "{}\n", e.what());
    return 2;
  } catch (const engine::SweepSpecError& e) {
    return ReportSpecError(e);
  } catch (const engine::MemoryLimitError& e) {
    throw UsageError(e.what());  // a point between the corners CheckSweepMemory probed
  } catch (const io::FileWriteError& e) {
    RethrowWriteError(e);
  }
  return 0;
}

int RunMerge(const Args& args) {
  if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) {
    fmt::print("Usage: {}\n", kMergeUsage);
    return 0;
  }
  for (const std::string& arg : args) {
    if (!arg.empty() && arg[0] == '-') throw UsageError(fmt::format("unknown option '{}'", arg));
  }
  if (args.size() < 2) throw UsageError("expected OUT.csv and at least one PART.csv");
  try {
    io::MergeSweepParts(args[0], std::vector<std::string>(args.begin() + 1, args.end()));
  } catch (const engine::SweepSpecError& e) {
    throw UsageError(e.what());
  } catch (const io::FileWriteError& e) {
    RethrowWriteError(e);
  }
  return 0;
}

}  // namespace kaesong::cli
