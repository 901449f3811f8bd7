// Observed action counts of a two-player strategic-form game, for estimating a logit QRE
// (sim/solver/logit_estimate.h). A CSV file (RFC 4180: comma separated, fields optionally
// double-quoted with "" for a quote, "\n" or "\r\n" line ends, blank lines ignored):
//   player,strategy,count
//   1,1,30
//   Seoul,Cooperate,12
// one row per (player, strategy); a missing row counts 0. `player` is a 1-based index (1: the row
// player, 2: the column player) or a player's name in the game; `strategy` a 1-based index or a
// strategy label of that player (a field of digits only is an index); `count` a non-negative
// integer of at most 15 digits. A player whose rows are all 0 is an error, as is a file with no
// positive count.
#pragma once

#include "sim/io/diagnostic.h"
#include "sim/solver/logit_estimate.h"
#include "sim/solver/normal_form.h"

#include <string>
#include <string_view>

namespace kaesong::io {

// Parses `text` against `game`'s players and strategies. Throws InputError with every problem
// found (up to kMaxDiagnostics), each at "FILE:LINE:COL" (COL: the field's first byte).
StrategyCounts ParseActionCounts(std::string_view text, const std::string& file_name,
                                 const Bimatrix& game);

// ReadInputFile (sim/io/bounded_read.h) then ParseActionCounts.
StrategyCounts ReadActionCounts(const std::string& path, const Bimatrix& game);

}  // namespace kaesong::io
