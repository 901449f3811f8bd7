// `kaesong fit SCENARIO --data HISTORY.csv --free KEY=LO:HI ...`: maximum-likelihood estimates of
// scenario keys from observed histories under the QRE (sim/io/scenario_fit.h). Prints the
// estimates; with --out writes DIR/estimates.csv, fit.csv, starts.csv, profile.csv and
// scenario.toml (the scenario at the estimate), all complete before any is renamed into place.
// Bad input (scenario, data, flags, a concept that has no likelihood) is exit 2 with nothing
// written.
#include "sim/cli/commands.h"
#include "sim/cli/parse_options.h"
#include "sim/io/atomic_file.h"
#include "sim/io/history_csv.h"
#include "sim/io/scenario.h"
#include "sim/io/scenario_fit.h"
#include "sim/io/scenario_writer.h"

#include <fmt/format.h>
#include <unistd.h>
#include <boost/program_options.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <system_error>
#include <thread>

namespace kaesong::cli {
namespace {

namespace po = boost::program_options;

constexpr const char* kFitUsage =
    "kaesong fit SCENARIO.toml --data HISTORY.csv --free KEY=LO:HI [--free ...]\n"
    "                   [--set KEY=VALUE]... [--out DIR] [--threads T] [--starts N] [--seed S]\n"
    "                   [--quadrature MxGxB]\n"
    "\n"
    "Maximum-likelihood estimates of the free keys from the histories in HISTORY.csv (rounds.csv\n"
    "as `kaesong run --out` writes it; empty offer terms mean unknown terms) under the scenario's\n"
    "QRE: bounded quasi-Newton from N starts spread over the box, standard errors from the\n"
    "observed information and 95% profile-likelihood intervals. With --out, writes\n"
    "DIR/estimates.csv, fit.csv, starts.csv, profile.csv and scenario.toml (the scenario at the\n"
    "estimate). The offer quadrature is held fixed over the box (by default at the finest\n"
    "subdivision the resolution rule asks for at its corners), so that the likelihood is smooth\n"
    "in the parameters. The same seed gives the same results for any --threads.\n"
    "Exit codes: 0 success, 1 runtime failure, 2 bad input.";

std::string Num(double value) {
  return std::isnan(value) ? std::string("nan") : fmt::format("{:.6g}", value);
}

void PrintReport(const std::vector<io::FreeKey>& keys, const io::FitResult& fit,
                 std::size_t histories) {
  const MinimizeResult& best = fit.starts[static_cast<std::size_t>(fit.best)].result;
  fmt::print("histories     {}\n", histories);
  fmt::print("quadrature    held at {}x{}x{} steps per deal-grid step (m, g, beta)\n",
             fit.subdivision[0], fit.subdivision[1], fit.subdivision[2]);
  fmt::print("log L         {:.6f} (AIC {:.4f}), best of {} starts: {} after {} iterations\n",
             fit.log_likelihood, fit.aic, fit.starts.size(), MinimizeStatusName(best.status),
             best.iterations);
  for (std::size_t s = 0; s < fit.starts.size(); ++s) {
    const MinimizeResult& r = fit.starts[s].result;
    fmt::print("  start {:>2}    log L {:.6f}, {} after {} iterations\n", s + 1, -r.value,
               MinimizeStatusName(r.status), r.iterations);
  }
  fmt::print(
      "evaluations   {} likelihood points: {} by the starts, {} for the standard errors, {} "
      "by the profiles\n",
      fit.start_evaluations + fit.information_evaluations + fit.profile_evaluations,
      fit.start_evaluations, fit.information_evaluations, fit.profile_evaluations);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const io::ParameterEstimate& p = fit.parameters[i];
    fmt::print("{:<24} {} (se {}{}), 95% profile interval [{}{}, {}{}]{}{}\n", keys[i].key,
               Num(p.estimate), Num(p.std_error),
               p.std_error_note.empty() ? "" : ": " + p.std_error_note, Num(p.profile_lower),
               p.lower_at_bound ? " at bound" : "", Num(p.profile_upper),
               p.upper_at_bound ? " at bound" : "", p.flat ? "; the profile is flat" : "",
               p.profile_converged ? "" : "; some profile maximisations did not converge");
  }
  fmt::print("2013 record   P(no deal in rounds 1-6, deal in round 7) = {} at the estimate\n",
             Num(fit.record_prob));
}

// "MxGxB": three integers in 1..1000.
std::array<int, 3> ParseSubdivision(const std::string& text) {
  std::array<int, 3> out{};
  std::size_t at = 0;
  for (std::size_t d = 0; d < 3; ++d) {
    const std::size_t end = d < 2 ? text.find('x', at) : text.size();
    int value = 0;
    const char* first = text.data() + at;
    const char* last = text.data() + (end == std::string::npos ? text.size() : end);
    const auto [ptr, ec] = std::from_chars(first, last, value);
    if (end == std::string::npos || first == last || ec != std::errc() || ptr != last ||
        value < 1 || value > 1000) {
      throw UsageError(fmt::format(
          "--quadrature expects MxGxB, three integers in 1..1000 (e.g. 2x3x4), got '{}'", text));
    }
    out[d] = value;
    at = end + 1;
  }
  return out;
}

void WriteOutputs(const std::string& out_dir, const std::vector<io::FreeKey>& keys,
                  const io::FitResult& fit, std::size_t histories, const std::string& scenario) {
  const std::filesystem::path dir = CreateOutputDirectory(out_dir);
  try {
    const std::pair<const char*, std::string> contents[] = {
        {"estimates.csv", io::EstimatesCsv(keys, fit)},
        {"fit.csv", io::FitCsv(keys, fit, histories)},
        {"starts.csv", io::StartsCsv(keys, fit)},
        {"profile.csv", io::ProfileCsv(keys, fit)},
        {"scenario.toml", scenario}};
    std::vector<std::unique_ptr<io::AtomicFile>> files;
    std::vector<io::AtomicFile*> complete;
    files.reserve(std::size(contents));
    complete.reserve(std::size(contents));
    for (const auto& [name, text] : contents) {
      files.push_back(std::make_unique<io::AtomicFile>(dir / name));
      files.back()->stream() << text;
      complete.push_back(files.back().get());
    }
    io::CommitTogether(complete);
  } catch (const io::FileWriteError& e) {
    RethrowWriteError(e);
  }
}

}  // namespace

int RunFit(const Args& args) {
  std::string data;
  std::vector<std::string> frees, sets;
  int threads = 0, starts = 4;
  unsigned long long seed = 1;
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")(
      "data", po::value(&data)->value_name("HISTORY.csv"), "observed histories (rounds.csv)")(
      "free", po::value(&frees)->composing()->value_name("KEY=LO:HI"),
      "a key to estimate within [LO, HI] (repeatable)")(
      "set", po::value(&sets)->composing()->value_name("KEY=VALUE"),
      "override a scenario key (repeatable)")("out", po::value<std::string>()->value_name("DIR"),
                                              "write the outputs into DIR")(
      "threads", po::value(&threads)->default_value(0), "worker threads; 0: all cores")(
      "starts", po::value(&starts)->default_value(4), "starting points of the optimiser")(
      "seed", po::value(&seed)->default_value(1), "seed of the starting points")(
      "quadrature", po::value<std::string>()->value_name("MxGxB"),
      "hold the offer quadrature at M x G x B steps per deal-grid step (default: the finest the "
      "resolution rule asks for over the box)");
  const po::variables_map vm = ParseScenarioOptions(args, options, "fit");
  if (vm.count("help") != 0) {
    fmt::print("{}", HelpText(kFitUsage, options));
    return 0;
  }
  if (vm.count("scenario") == 0) throw UsageError("missing SCENARIO.toml (see kaesong fit --help)");
  if (data.empty()) throw UsageError("missing --data HISTORY.csv");
  if (frees.empty()) throw UsageError("give at least one --free KEY=LO:HI");
  if (threads < 0 || threads > 4096) {
    throw UsageError(fmt::format("--threads must be in 0..4096, got {}", threads));
  }
  if (starts < 1 || starts > 1000) {
    throw UsageError(fmt::format("--starts must be in 1..1000, got {}", starts));
  }
  std::array<int, 3> subdivision = {0, 0, 0};
  if (vm.count("quadrature") != 0)
    subdivision = ParseSubdivision(vm["quadrature"].as<std::string>());
  const std::string path = vm["scenario"].as<std::string>();
  if (vm.count("out") != 0) {  // a path that cannot be a directory is refused before any work
    const std::string out = vm["out"].as<std::string>();
    std::error_code ec;
    if (std::filesystem::exists(out, ec) && !std::filesystem::is_directory(out, ec)) {
      throw UsageError(fmt::format("cannot create directory '{}': {}", out,
                                   std::make_error_code(std::errc::file_exists).message()));
    }
  }

  io::Scenario scenario;
  std::vector<io::FreeKey> keys;
  std::vector<model::ObservedHistory> histories;
  try {
    scenario = io::LoadScenario(path, io::ParseSetFlags(sets));
    const std::string refusal = io::FitRefusal(scenario.parameters);
    if (!refusal.empty()) throw UsageError(refusal);
    for (const std::string& free : frees) {
      io::FreeKey key = io::ParseFreeKey(scenario, free);
      for (const io::FreeKey& other : keys) {
        if (other.key == key.key) throw UsageError(fmt::format("--free {} given twice", key.key));
      }
      keys.push_back(std::move(key));
    }
    histories = io::ReadHistories(data, scenario.parameters);
  } catch (const io::InputError& e) {
    fmt::print(stderr, "{}\n", e.what());
    return 2;
  }

  io::FitOptions fit_options;
  fit_options.starts = starts;
  fit_options.seed = seed;
  fit_options.subdivision = subdivision;
  fit_options.threads =
      threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const bool progress = isatty(STDERR_FILENO) != 0;
  const io::FitResult fit =
      io::FitScenario(scenario, keys, histories, fit_options, [progress](int done, int total) {
        if (progress) fmt::print(stderr, "\rfit: {}/{} starts and profile sides", done, total);
      });
  if (progress) fmt::print(stderr, "\n");
  if (!std::isfinite(fit.log_likelihood)) {
    fmt::print(stderr,
               "kaesong fit: error: the histories have probability zero at every point the "
               "optimiser tried ({} starts; e.g. an offer outside the deal box there): no "
               "estimate, nothing written\n",
               fit.starts.size());
    return 1;
  }

  for (const std::string& warning : fit.warnings) {
    fmt::print(stderr, "kaesong: warning: {}\n", warning);
  }
  PrintReport(keys, fit, histories.size());
  if (vm.count("out") != 0) {
    std::string header = fmt::format(
        "Resolved scenario at the estimate (kaesong fit): every key explicit.\nSource: {}\n"
        "Data: {}",
        path, data);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      header += fmt::format("\nEstimate: {} = {:.17g}", keys[i].key,
                            fit.estimate(static_cast<Eigen::Index>(i)));
    }
    const io::Scenario at = io::ScenarioAt(scenario, keys, fit.estimate);
    WriteOutputs(vm["out"].as<std::string>(), keys, fit, histories.size(),
                 io::WriteResolvedScenario(at.parameters, header));
  }
  return 0;
}

}  // namespace kaesong::cli
