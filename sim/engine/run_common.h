// What the complete- and incomplete-information runs (run.cc, run_screening.cc) share: the
// checks before a run, the replications' tally behind RunSummary's simulated fields (shares of
// endings, means over deals and over all replications) and the warnings about the cap on m.
#pragma once

#include "sim/engine/memory_budget.h"
#include "sim/engine/run.h"
#include "sim/engine/simulate.h"
#include "sim/solver/solve_result.h"

#include <fmt/format.h>

#include <limits>
#include <string>

namespace kaesong::engine {

// Throws std::invalid_argument when the parameters fail ValidateParameters or the options are
// out of range.
// Also refuses (MemoryLimitError) parameters whose equilibrium tables would pass
// options.max_memory.
void RequireValidRun(const model::Parameters& params, const RunOptions& options);

// The Nash and Kalai-Smorodinsky deals of the parameters into the summary.
void SetAxiomaticBenchmarks(const model::Parameters& params, RunSummary* s);

// Warns when the round-1 equilibrium term (not under QRE) or an axiomatic benchmark pays
// deal.m.max: the bound, not the model, sets it.
void AddCapWarnings(const model::Parameters& params, RunResult* result);

// The summary's closing fields with hidden information (run_screening.cc, run_belief_qre.cc):
// critical_face_cost nan (a complete-information quantity), the axiomatic benchmarks, the
// solver's status, iterations and residual, and its message and warnings as run warnings.
template <typename Solution>
void FinishHiddenInformationSummary(const model::Parameters& params, const Solution& solution,
                                    RunResult* result) {
  RunSummary& s = result->summary;
  s.critical_face_cost = std::numeric_limits<double>::quiet_NaN();
  SetAxiomaticBenchmarks(params, &s);
  if (!solution.ok()) result->warnings.push_back(solution.message);
  for (const std::string& w : solution.warnings) result->warnings.push_back(w);
  AddCapWarnings(params, result);
  s.solver_status = std::string(ToString(solution.status));
  s.solver_iterations = solution.iterations;
  s.solver_residual = solution.residual;
}

class RunTally {
 public:
  void Add(const ReplicationOutcome& out) {
    sum_value_seoul_ += out.value_seoul;
    sum_value_pyongyang_ += out.value_pyongyang;
    switch (out.ending) {
      case Ending::kAgreement:
        ++agreements_;
        sum_round_ += out.rounds;
        sum_day_ += out.end_day;
        sum_m_ += out.deal.m;
        sum_g_ += out.deal.g;
        sum_beta_ += out.deal.beta;
        sum_hazard_ += out.hazard;
        break;
      case Ending::kBreakdown: ++breakdowns_; break;
      case Ending::kOptOut: ++opt_outs_; break;
      case Ending::kUnresolved: break;
    }
  }

  // The simulated fields of *s over `replications` replications (NaN for a mean over nothing).
  void Fill(int replications, RunSummary* s) const {
    const double n = replications;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const auto share = [&](long long count) { return n > 0 ? count / n : nan; };
    const auto per_deal = [&](double sum) { return agreements_ > 0 ? sum / agreements_ : nan; };
    s->replications = replications;
    s->agree_prob = share(agreements_);
    s->breakdown_prob = share(breakdowns_);
    s->opt_out_prob = share(opt_outs_);
    s->mean_agreement_round = per_deal(sum_round_);
    s->mean_agreement_day = per_deal(sum_day_);
    s->mean_m = per_deal(sum_m_);
    s->mean_g = per_deal(sum_g_);
    s->mean_beta = per_deal(sum_beta_);
    s->shutdown_hazard = per_deal(sum_hazard_);
    s->mean_value_seoul = n > 0 ? sum_value_seoul_ / n : nan;
    s->mean_value_pyongyang = n > 0 ? sum_value_pyongyang_ / n : nan;
  }

 private:
  long long agreements_ = 0, breakdowns_ = 0, opt_outs_ = 0;
  double sum_round_ = 0.0, sum_day_ = 0.0, sum_m_ = 0.0, sum_g_ = 0.0, sum_beta_ = 0.0;
  double sum_hazard_ = 0.0, sum_value_seoul_ = 0.0, sum_value_pyongyang_ = 0.0;
};

// The memory a run holds while its replications run (memory_budget.h): the equilibrium's tables
// (fixed) and the kept rows, `row_bytes` each, counted through `rows` (null: none kept). Check
// throws MemoryLimitError once they pass options.max_memory.
struct RowBudget {
  double fixed_bytes = 0.0;
  double row_bytes = 0.0;
  const std::vector<RoundRecord>* rows = nullptr;

  void Check(int replication, const RunOptions& options) const {
    if (options.max_memory == 0 || rows == nullptr) return;
    const double held = fixed_bytes + row_bytes * static_cast<double>(rows->capacity());
    if (held <= static_cast<double>(options.max_memory)) return;
    throw MemoryLimitError(fmt::format(
        "the run's kept rows reached about {} ({} rows of rounds.csv after {} of {} "
        "replications), above the memory limit of {} (--max-memory); lower --replications",
        FormatBytes(held), rows->size(), replication, options.replications,
        FormatBytes(static_cast<double>(options.max_memory))));
  }
};

// The row budget of a run whose replications last `rounds_per_replication` rounds on average
// (the equilibrium's expectation; nan when not known in advance): refuses (MemoryLimitError) a run
// whose expected rows would pass options.max_memory, and reserves them.
RowBudget PlanRows(const model::Parameters& params, const RunOptions& options,
                   double rounds_per_replication, RunResult* result);

// Runs `replicate(r)` (returning the ReplicationOutcome of replication r) for r = 0, 1, ...,
// options.replications - 1, and fills the summary's simulated fields from the outcomes. Checks
// options.stop every kStopCheckInterval replications (RunInterrupted), and the
// memory budget at the same points (MemoryLimitError).
template <typename Replicate>
void ForEachReplication(const RunOptions& options, RunSummary* summary, Replicate&& replicate,
                        const RowBudget& budget = {}) {
  constexpr int kStopCheckInterval = 1024;
  RunTally tally;
  for (int r = 0; r < options.replications; ++r) {
    if (r % kStopCheckInterval == 0) {
      if (options.stop != nullptr && options.stop->load(std::memory_order_relaxed)) {
        throw RunInterrupted();
      }
      budget.Check(r, options);
    }
    tally.Add(replicate(r));
  }
  tally.Fill(options.replications, summary);
}

// Runs options.replications replications of `simulator` (Simulator or ScreeningSimulator),
// keeping their rounds in result->rounds when options.record_rounds (ForEachReplication).
template <typename ReplicationSimulator>
void SimulateReplications(const ReplicationSimulator& simulator, const RunOptions& options,
                          const RowBudget& budget, RunResult* result) {
  std::vector<RoundRecord>* records = options.record_rounds ? &result->rounds : nullptr;
  ForEachReplication(
      options, &result->summary, [&](int r) { return simulator.Run(options.seed, r, records); },
      budget);
}

}  // namespace kaesong::engine
