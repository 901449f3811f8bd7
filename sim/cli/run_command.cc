// `kaesong run SCENARIO [--set KEY=VALUE]... [--replications N] [--seed S] [--out DIR]`: solves
// and simulates a scenario. With --out, writes DIR/rounds.csv, DIR/summary.csv (columns in
// sim/io/csv.h) and DIR/scenario.toml (the resolved scenario, for provenance), each atomically;
// without, prints a short report. Scenario problems are printed compiler style on stderr, exit 2;
// an output path that cannot be written is bad input too (exit 2), a write that fails on a full
// disk or an I/O error a runtime failure (exit 1); neither leaves a partial file.
#include "models/kaesong/information.h"
#include "sim/cli/commands.h"
#include "sim/cli/parse_options.h"
#include "sim/engine/run.h"
#include "sim/io/atomic_file.h"
#include "sim/io/csv.h"
#include "sim/io/scenario.h"
#include "sim/io/scenario_dates.h"
#include "sim/io/scenario_run.h"
#include "sim/io/scenario_writer.h"

#include <fmt/format.h>
#include <boost/program_options.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <system_error>

namespace kaesong::cli {
namespace {

namespace po = boost::program_options;

constexpr const char* kRunUsage =
    "kaesong run SCENARIO.toml [--set KEY=VALUE]... [--replications N] [--seed S]\n"
    "                   [--out DIR] [--max-memory SIZE]\n"
    "\n"
    "Solves the scenario's negotiation equilibrium and simulates its rounds. With --out, writes\n"
    "DIR/rounds.csv, DIR/summary.csv and DIR/scenario.toml (the resolved scenario); without it,\n"
    "prints a short report. Keys are documented in scenarios/kaesong_2013.toml. Work whose\n"
    "estimated memory (the equilibrium's tables, the kept rows) passes --max-memory is refused.\n"
    "Exit codes: 0 success, 1 runtime failure, 2 bad input.";

// A number for the report; NaN (e.g. a mean over no deals) reads "none".
std::string Num(double value) {
  return std::isnan(value) ? std::string("none") : fmt::format("{:.4g}", value);
}

std::string Date(double day) {
  return std::isnan(day) ? std::string("none") : io::IsoDate(static_cast<int>(std::lround(day)));
}

// Seoul's belief along the on-path history (hidden information): one line per round while talks
// go on, up to kMaxBeliefRounds.
void PrintBeliefs(const model::Parameters& p, const engine::RunResult& r) {
  constexpr std::size_t kMaxBeliefRounds = 12;
  const engine::BeliefColumns& b = r.beliefs;
  fmt::print(
      "beliefs       Seoul's posterior at each round's start {} (mean of {}; "
      "P(type 1..{})):\n",
      r.beliefs_averaged ? "averaged over the replications still negotiating" : "on the path",
      model::HiddenKeyName(p.information.hidden), b.types);
  for (std::size_t t = 0; t < r.belief_path.size() && t < kMaxBeliefRounds; ++t) {
    const std::size_t j = static_cast<std::size_t>(r.belief_path[t]);
    std::string probs;
    for (int k = 0; k < b.types; ++k) {
      probs += (k == 0 ? "" : ", ") +
               fmt::format("{:.3f}", b.posterior[j * static_cast<std::size_t>(b.types) + k]);
    }
    fmt::print("              round {:>2}: reached {:.4g}, mean {}, P = ({})\n", t + 1,
               r.belief_path_reach[t], Num(b.mean[j]), probs);
  }
  if (r.belief_path.size() > kMaxBeliefRounds) {
    fmt::print("              ... ({} more rounds on the path)\n",
               r.belief_path.size() - kMaxBeliefRounds);
  }
}

void PrintReport(const model::Parameters& p, const engine::RunResult& result) {
  const engine::RunSummary& s = result.summary;
  const bool qre = p.solution.solution_concept == model::SolutionConcept::kQre;
  const bool pbe = p.solution.solution_concept == model::SolutionConcept::kPbe;
  fmt::print("scenario      {}{}\n", p.name, p.description.empty() ? "" : " - " + p.description);
  const bool simultaneous = p.protocol.kind == model::ProtocolKind::kSimultaneous;
  fmt::print(
      "solution      {}{}{}: {} after {} iterations, residual {}\n",
      qre            ? "qre"
      : pbe          ? "pbe"
      : simultaneous ? "markov perfect"
                     : "spe",
      qre && !s.agree_prob_by_type.empty()
          ? fmt::format(" (lambda {}; {} types of {}, {} belief points per edge)",
                        p.solution.lambda, s.agree_prob_by_type.size(),
                        model::HiddenKeyName(p.information.hidden), p.information.belief_points)
      : qre ? fmt::format(" (lambda {})", p.solution.lambda)
      : pbe && !s.agree_prob_by_type.empty()
          ? fmt::format(" ({} types of {}, {} belief points)", s.agree_prob_by_type.size(),
                        model::HiddenKeyName(p.information.hidden), p.information.belief_points)
          : "",
      simultaneous ? fmt::format(", simultaneous drafts ({} per side)", p.protocol.drafts) : "",
      s.solver_status, s.solver_iterations, Num(s.solver_residual));
  fmt::print("replications  {} (seed {})\n", s.replications, p.simulation.seed);
  fmt::print("agreement     probability {}; breakdown {}; outside option taken {}\n",
             Num(s.agree_prob), Num(s.breakdown_prob), Num(s.opt_out_prob));
  fmt::print("              mean round {}, mean date {}\n", Num(s.mean_agreement_round),
             Date(s.mean_agreement_day));
  fmt::print("2013 record   P(no deal in rounds 1-6, deal in round 7) = {} ({})\n",
             Num(s.record_prob),
             result.record_prob_counted ? "share of the replications" : "exact");
  if (!s.agree_prob_by_type.empty()) {
    std::string by_type;
    for (std::size_t k = 0; k < s.agree_prob_by_type.size(); ++k) {
      by_type += fmt::format("{}type {} ({} = {}): {}", k == 0 ? "" : "; ", k + 1,
                             model::HiddenKeyName(p.information.hidden),
                             Num(p.information.values[k]), Num(s.agree_prob_by_type[k]));
    }
    fmt::print("by type       P(deal) {}\n", by_type);
  }
  fmt::print("mean terms    m {} US$ million/yr, g {}, beta {} (over deals reached)\n",
             Num(s.mean_m), Num(s.mean_g), Num(s.mean_beta));
  fmt::print(
      "values        Seoul {}, Pyongyang {} (realised mean); at round 1: Seoul {}, "
      "Pyongyang {}\n",
      Num(s.mean_value_seoul), Num(s.mean_value_pyongyang), Num(s.equilibrium_value_seoul),
      Num(s.equilibrium_value_pyongyang));
  fmt::print("hazard        {} shutdowns per period after a deal (mean)\n", Num(s.shutdown_hazard));
  fmt::print(
      "benchmarks    Nash (Seoul's weight {}): m {}, g {}, beta {}; Kalai-Smorodinsky: m {}, "
      "g {}, beta {}\n",
      Num(p.solution.nash_weight), Num(s.nash.m), Num(s.nash.g), Num(s.nash.beta),
      Num(s.kalai_smorodinsky.m), Num(s.kalai_smorodinsky.g), Num(s.kalai_smorodinsky.beta));
  if (!std::isnan(s.critical_face_cost)) {
    fmt::print(
        "face cost     A_P* = {} US$ million/yr: above it no deal at beta = 1 exists "
        "(pyongyang.blame_weight is {})\n",
        Num(s.critical_face_cost), Num(p.pyongyang.blame_weight));
  }
  if (p.protocol.kind == model::ProtocolKind::kSimultaneous) {
    fmt::print(
        "first drafts  both sides (mean): m {}, g {}, beta {}; compatible with probability "
        "{}\n",
        Num(s.first_offer_m), Num(s.first_offer_g), Num(s.first_offer_beta),
        Num(s.first_offer_accept_prob));
    return;
  }
  const char* proposer = p.protocol.first == model::Proposer::kSeoul ? "seoul" : "pyongyang";
  fmt::print("first offer   by {}: m {}, g {}, beta {}; accepted with probability {}\n",
             p.protocol.order == model::ProposerOrder::kRandom ? "random proposer" : proposer,
             Num(s.first_offer_m), Num(s.first_offer_g), Num(s.first_offer_beta),
             Num(s.first_offer_accept_prob));
  if (result.beliefs.types > 0) PrintBeliefs(p, result);
}

// Writes the three output files; all are complete in temporary files before any is renamed.
void WriteOutputs(const std::string& out_dir, const model::Parameters& params,
                  const engine::RunResult& result, const std::string& header) {
  const std::filesystem::path dir = CreateOutputDirectory(out_dir);
  try {
    io::AtomicFile rounds(dir / "rounds.csv");
    io::AtomicFile summary(dir / "summary.csv");
    io::AtomicFile scenario(dir / "scenario.toml");
    io::WriteRoundsCsv(rounds.stream(), params.name, result.rounds, result.beliefs);
    io::WriteSummaryCsv(summary.stream(), params.name, result.summary);
    scenario.stream() << io::WriteResolvedScenario(params, header);
    io::CommitTogether({&rounds, &summary, &scenario});
  } catch (const io::FileWriteError& e) {
    RethrowWriteError(e);
  }
}

}  // namespace

int RunRun(const Args& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")(
      "set", po::value<std::vector<std::string>>()->composing()->value_name("KEY=VALUE"),
      "override a scenario key, e.g. --set pyongyang.discount=0.99 (repeatable)")(
      "replications", po::value<std::string>()->value_name("N"),
      "number of replications (simulation.replications)")(
      "seed", po::value<std::string>()->value_name("S"), "random seed (simulation.seed)")(
      "out", po::value<std::string>()->value_name("DIR"),
      "write rounds.csv, summary.csv and scenario.toml into DIR (created if needed)")(
      "max-memory", po::value<std::string>()->value_name("SIZE"), kMaxMemoryHelp);
  const po::variables_map vm = ParseScenarioOptions(args, options, "run");
  if (vm.count("help") != 0) {
    fmt::print("{}", HelpText(kRunUsage, options));
    return 0;
  }
  if (vm.count("scenario") == 0) {
    throw UsageError("missing SCENARIO.toml (see kaesong run --help)");
  }
  const std::string path = vm["scenario"].as<std::string>();
  const std::vector<std::string> sets =
      vm.count("set") != 0 ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{};

  io::Scenario scenario;
  std::string header =
      fmt::format("Resolved scenario (kaesong run): every key explicit.\nSource: {}", path);
  try {
    std::vector<io::Override> overrides = io::ParseSetFlags(sets);
    for (const std::string& set : sets) header += fmt::format("\nOverride: --set {}", set);
    const auto flag = [&](const char* name) {
      return vm.count(name) != 0 ? std::optional(vm[name].as<std::string>()) : std::nullopt;
    };
    for (io::Override& o : io::SimulationOverrides(flag("replications"), flag("seed"))) {
      header += fmt::format("\nOverride: {}", o.origin);
      overrides.push_back(std::move(o));
    }
    scenario = io::LoadScenario(path, overrides);
  } catch (const io::ScenarioError& e) {
    fmt::print(stderr, "{}\n", e.what());
    return 2;
  }

  const model::Parameters& params = scenario.parameters;
  engine::RunOptions run_options = io::ScenarioRunOptions(params, vm.count("out") != 0);
  run_options.max_memory = MemoryLimitFlag(vm);
  engine::RunResult result;
  try {
    result = engine::RunScenario(params, run_options);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());  // what the model does not cover (e.g. a size past its limit)
  }
  for (const std::string& warning : result.warnings) {
    fmt::print(stderr, "kaesong: warning: {}\n", warning);
  }

  if (vm.count("out") != 0) {
    WriteOutputs(vm["out"].as<std::string>(), params, result, header);
  } else {
    PrintReport(params, result);
  }
  return 0;
}

}  // namespace kaesong::cli
