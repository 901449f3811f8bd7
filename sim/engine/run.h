// Running a scenario: solve the negotiation's equilibrium once, then simulate Monte Carlo
// replications of the dated rounds drawing from the equilibrium strategies and the shocks.
// Replication r draws from its own counter-based random stream (seed, r), so results do not depend
// on thread count or order.
#pragma once

#include "models/kaesong/deal.h"
#include "models/kaesong/parameters.h"

#include <atomic>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace kaesong::engine {

// One negotiation round of one replication (a row of rounds.csv, in this column order).
struct RoundRecord {
  int replication = 0;          // 0-based
  int round = 0;                // 1-based
  model::Day date = 0;
  model::Proposer proposer = model::Proposer::kSeoul;
  bool simultaneous = false;     // both sides tabled drafts (proposer column "both")
  double offer_m = 0.0;          // nan when the proposer tabled no acceptable draft (QRE); with
                                 // simultaneous drafts the deal signed, nan when none was
  double offer_g = 0.0;
  double offer_beta = 0.0;
  bool accepted = false;        // simultaneous drafts: the drafts were compatible
  bool opted_out = false;       // a side took its outside option (as proposer or responder)
  bool breakdown = false;       // talks broke down after this round's rejection
  bool drill = false;           // a drill window overlaps this round
  bool seoul_option_active = false;
  bool pyongyang_option_active = false;
  double value_seoul = 0.0;     // each side's equilibrium continuation value at the round's start
  double value_pyongyang = 0.0; // (ex ante: before a random proposer is drawn; with hidden
                                // information, the drawn type's)
  // Hidden information only ("pbe", or "qre" with a hidden parameter): the replication's type, 1-based in the
  // order of information.values (0 with complete information), and Seoul's belief at the round's
  // start as an index into RunResult::beliefs.
  int type = 0;
  int belief_state = 0;
};

// Seoul's beliefs for the rounds.csv columns belief_mean, belief_1..belief_K: for each belief
// state j, the posterior mean of the hidden value and each type's posterior probability (types
// in the order of information.values). Empty (types = 0) with complete information.
struct BeliefColumns {
  int types = 0;
  std::vector<double> mean;       // per state
  std::vector<double> posterior;  // j * types + k
};

// The one-row summary (summary.csv).
struct RunSummary {
  int replications = 0;
  double agree_prob = 0.0;            // share of replications that reach a deal
  double breakdown_prob = 0.0;        // share that end in breakdown
  double opt_out_prob = 0.0;          // share that end with a side taking its outside option
  double mean_agreement_round = 0.0;  // over replications that reach a deal (NaN if none)
  double mean_agreement_day = 0.0;    // days since 1970-01-01, same conditioning (NaN if none)
  // The 2013 record: P(no deal in rounds 1-6, a deal in round 7), exact under the equilibrium
  // strategies (not counted over the replications), except under the QRE with beliefs, where it
  // is the replications' share (RunResult::record_prob_counted).
  double record_prob = 0.0;
  double mean_m = 0.0;                // deal terms averaged over replications that reach a deal
                                      // (NaN if none, as for shutdown_hazard)
  double mean_g = 0.0;
  double mean_beta = 0.0;
  double mean_value_seoul = 0.0;      // realised value over all replications
  double mean_value_pyongyang = 0.0;
  double shutdown_hazard = 0.0;       // mean per-period shutdown hazard of the deals reached
  // The equilibrium offer of round 1 by its proposer (SPE: the offer; QRE: the mean offer). With a
  // random proposer: weighted by the two sides' probabilities of proposing. With simultaneous
  // drafts: the mean of the two sides' expected round-1 drafts (walking away excluded), and the
  // probability that the round-1 drafts are compatible.
  double first_offer_m = 0.0;
  double first_offer_g = 0.0;
  double first_offer_beta = 0.0;
  double first_offer_accept_prob = 0.0;
  double equilibrium_value_seoul = 0.0;      // ex-ante equilibrium values at round 1
  double equilibrium_value_pyongyang = 0.0;
  // A_P*: when deal.beta is fixed at 1, the largest face cost at which the SPE still reaches a
  // deal (models/kaesong/critical_face_cost.h); NaN otherwise or when it cannot be bracketed.
  double critical_face_cost = 0.0;
  // Axiomatic benchmarks over the deal frontier (models/kaesong/axiomatic.h); NaN terms when no
  // deal gives both sides their breakdown payoffs.
  model::Deal nash;
  model::Deal kalai_smorodinsky;
  std::string solver_status;          // "success" or a non-convergence status word
  long long solver_iterations = 0;
  double solver_residual = 0.0;
  // Hidden information only: each type's probability of a deal (exact, or counted like
  // record_prob), in the order of information.values (summary.csv agree_prob_1..agree_prob_K;
  // empty otherwise).
  std::vector<double> agree_prob_by_type;
};

struct RunOptions {
  int replications = 1000;
  unsigned long long seed = 1;
  bool record_rounds = true;  // keep RoundRecords (off for sweeps)
  // When set, checked between chunks of replications: once true, RunScenario throws
  // RunInterrupted (an interactive caller's Ctrl-C). The equilibrium solve is not interrupted.
  const std::atomic<bool>* stop = nullptr;
  // Memory limit in bytes, 0 for none (memory_budget.h): the equilibrium's tables and the kept
  // rows are estimated before the work and checked as the rows grow; past it RunScenario throws
  // MemoryLimitError.
  std::uint64_t max_memory = 0;
};

// A run stopped through RunOptions::stop.
class RunInterrupted : public std::runtime_error {
 public:
  RunInterrupted() : std::runtime_error("run interrupted") {}
};

struct RunResult {
  std::vector<RoundRecord> rounds;  // ordered by (replication, round)
  RunSummary summary;
  // What a reader of the summary should know: results set by an arbitrary bound (a term at
  // deal.m.max, A_P* found at the cap), a capped QRE quadrature. The commands print them on stderr.
  std::vector<std::string> warnings;
  BeliefColumns beliefs;  // hidden information only
  // The on-path history with hidden information (the terminal report's belief path): Seoul's
  // belief state at the start of rounds 1, 2, ... and the probability that talks reach them.
  std::vector<int> belief_path;
  std::vector<double> belief_path_reach;
  // QRE with beliefs (run_belief_qre.h): the belief path is the mean posterior over the
  // replications negotiating at each round, and record_prob / agree_prob_by_type are counted
  // over the replications rather than exact.
  bool beliefs_averaged = false;
  bool record_prob_counted = false;
};

// Solves and simulates. Throws std::invalid_argument when the parameters fail ValidateParameters.
RunResult RunScenario(const model::Parameters& params, const RunOptions& options);

}  // namespace kaesong::engine
