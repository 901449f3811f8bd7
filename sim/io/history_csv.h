// Observed negotiation histories for `kaesong fit`, in the format of rounds.csv as `kaesong run
// --out` writes it (sim/io/csv.h): one row per replication (history) and round, rows ordered by
// replication and then round (1, 2, ... without gaps), columns found by their header names in any
// order. Needed: replication, round, proposer, offer_m, offer_g, offer_beta, accepted, opted_out,
// breakdown; date is checked against the scenario's calendar when present; other columns are
// ignored. An offer's terms read as numbers, `nan` (all three: no acceptable draft was tabled, or
// with opted_out = true the proposer walked away, as run writes them), or empty (all three: the
// terms are unknown, see models/kaesong/history_likelihood.h). Every problem found is reported at
// once (diagnostic.h): a missing column, rows out of order, a row after the history ended (a deal,
// an opt-out or a breakdown), accepted with opted_out or breakdown, a deal with no terms, a
// proposer the protocol does not allow in that round (with hidden information Seoul proposes
// every round), a round past the scenario's last, a date that is not the round's, and with hidden
// information a second rejected offer with unknown terms followed by more rounds in one history
// (the likelihood sums the rest of the history over each such offer, belief_history_likelihood.h).
#pragma once

#include "models/kaesong/history_likelihood.h"
#include "models/kaesong/parameters.h"
#include "sim/io/diagnostic.h"

#include <string>
#include <string_view>
#include <vector>

namespace kaesong::io {

// The columns a history file must have.
const std::vector<std::string>& HistoryCsvColumns();

// Parses `text` (named `file_name` in messages) against the scenario `params` (its protocol,
// calendar and horizon). Throws InputError with every problem (at most kMaxDiagnostics).
std::vector<model::ObservedHistory> ParseHistories(std::string_view text,
                                                   const std::string& file_name,
                                                   const model::Parameters& params);

// ReadInputFile (bounded_read.h) then ParseHistories.
std::vector<model::ObservedHistory> ReadHistories(const std::string& path,
                                                  const model::Parameters& params);

}  // namespace kaesong::io
