// Outcome CSVs of `kaesong run`, for pandas (`pd.read_csv` needs no options). RFC 4180: comma
// separated, "\n" line ends, a header row, fields quoted only when they contain a comma, quote or
// line break. Value formats, fixed so that golden files compare byte for byte:
//   numbers   shortest text that reads back to the same double (e.g. 0.1, 90, 1e-12); NaN is
//             written `nan` and infinities `inf` / `-inf` (pandas reads all three as floats)
//   booleans  `true` / `false` (pandas reads them as bool)
//   dates     ISO 8601, YYYY-MM-DD
//   proposer  `seoul` / `pyongyang`
//
// rounds.csv, one row per replication and round, ordered by (replication, round):
//   scenario, replication (0-based), round (1-based), date, proposer, offer_m (US$ million/yr),
//   offer_g, offer_beta, accepted, opted_out, breakdown, drill, seoul_option_active,
//   pyongyang_option_active, value_seoul, value_pyongyang; with hidden information
//   (solution.concept = "pbe") also type (the replication's type, 1-based in the order of
//   information.values), belief_mean (Seoul's posterior mean of the hidden value at the round's
//   start) and belief_1..belief_K (its posterior probability of each type)
// summary.csv, one row: scenario, then every engine::RunSummary field in declaration order:
//   replications, agree_prob, breakdown_prob, opt_out_prob, mean_agreement_round,
//   mean_agreement_day (days since 1970-01-01), record_prob (the 2013 record: no deal in rounds
//   1-6, a deal in round 7; exact under the equilibrium), mean_m, mean_g, mean_beta, mean_value_seoul,
//   mean_value_pyongyang, shutdown_hazard, first_offer_m, first_offer_g, first_offer_beta,
//   first_offer_accept_prob, equilibrium_value_seoul, equilibrium_value_pyongyang,
//   critical_face_cost (A_P*, only when deal.beta is fixed at 1; nan otherwise),
//   nash_m, nash_g, nash_beta (the asymmetric Nash bargaining solution, Seoul's weight
//   solution.nash_weight), ks_m, ks_g, ks_beta (Kalai-Smorodinsky), both over the deal frontier
//   with the breakdown payoffs as disagreement point (nan when no deal beats it),
//   solver_status, solver_iterations, solver_residual; with hidden information, then
//   agree_prob_1..agree_prob_K (each type's exact probability of a deal). The sweep's rows
//   (SummaryCsvCells) have the fixed columns only.
#pragma once

#include "sim/engine/run.h"

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace kaesong::io {

// Column names, in order (the fixed ones; RoundsCsvColumns(K) adds the K types' columns).
const std::vector<std::string>& RoundsCsvColumns();
std::vector<std::string> RoundsCsvColumns(int types);
const std::vector<std::string>& SummaryCsvColumns();

// Header row and one row per record; `beliefs` (types > 0) adds the hidden-information columns.
// Stream errors are left in the stream's state.
void WriteRoundsCsv(std::ostream& out, std::string_view scenario,
                    const std::vector<engine::RoundRecord>& rounds,
                    const engine::BeliefColumns& beliefs = {});
void WriteSummaryCsv(std::ostream& out, std::string_view scenario,
                     const engine::RunSummary& summary);

// The summary row's cells after `scenario` (comma-separated, no newline): what each sweep point
// appends to its row, under the header SummaryCsvColumns() without its first column.
std::string SummaryCsvCells(const engine::RunSummary& summary);

// One run's summary.csv header and row cells (after `scenario`): the fixed ones above plus, with
// hidden information, agree_prob_1..agree_prob_K.
std::vector<std::string> RunSummaryCsvColumns(const engine::RunSummary& summary);
std::string RunSummaryCsvCells(const engine::RunSummary& summary);

// One field: the text, quoted (with quotes doubled) when it holds a comma, quote or line break.
std::string CsvField(std::string_view text);

// A number in the format above.
std::string CsvNumber(double value);

}  // namespace kaesong::io
