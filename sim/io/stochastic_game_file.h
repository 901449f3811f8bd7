// Stochastic game files: a two-player discounted stochastic game (sim/solver/stochastic_game.h)
// written in TOML, as read by `kaesong solve GAME.toml` and by the tests. Examples with comments:
// tests/data/stochastic/*.toml (schema summary in tests/data/stochastic/README.md).
//
//   title    = "Nash demand game with breakdown"     # optional string
//   players  = ["Seoul", "Pyongyang"]                # two names: player 1 (rows), player 2 (cols)
//   discount = [0.9, 0.8]                            # delta_1, delta_2, each in [0, 1]
//   horizon  = 10                                    # optional: number of periods; 0 or absent
//                                                    # = infinite horizon
//   [[state]]                                        # one table per state, in order
//   name    = "bargain"                              # unique
//   actions = [["low", "high"], ["low", "high"]]     # labels of player 1's, player 2's actions;
//                                                    # an integer n instead of a list means
//                                                    "1".."n"
//   payoffs = [[[0.5, 0.4], [0.6, 0.0]],             # player 1's matrix: one row per action of
//              [[0.5, 0.6], [0.4, 0.0]]]             # player 1, one column per action of player 2;
//                                                    # then player 2's matrix, same shape
//   transitions = [                                  # optional; P(to | this state, from)
//     { from = ["high", "high"], to = "bargain", prob = 0.9 },
//     { from = [2, "*"], to = "breakdown", prob = 0.1 },
//   ]
//
// `from` names one action per player by label or by 1-based index; "*" stands for every action of
// that player (so "*" cannot be a label). Entries for the same action pair add up. The
// probabilities of an action pair must sum to at most 1 (+1e-12): the rest is the probability
// that the game ends after the period (later payoffs zero), so a deal that pays once and ends play
// needs no transition at all. A state that is never left has a transition to itself with prob 1.
// Unknown keys are errors. Errors are reported compiler-style, "FILE:LINE:COL: error: MESSAGE",
// with toml++ source positions, all in one StochasticGameFileError (capped as diagnostic.h says).
#pragma once

#include "sim/io/diagnostic.h"
#include "sim/solver/stochastic_game.h"

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kaesong {

// A file that could not be read or is not a valid stochastic game (see sim/io/diagnostic.h).
class StochasticGameFileError : public io::InputError {
 public:
  using io::InputError::InputError;
};

// Parses TOML text; `file_name` is used in messages only. The returned game passes Validate().
StochasticGame ParseStochasticGame(std::string_view text, const std::string& file_name);

// Reads and parses a file; "-" reads standard input (named "<stdin>" in messages). A missing or
// unreadable file is reported at line 0: "FILE: error: cannot open: REASON".
StochasticGame ReadStochasticGameFile(const std::string& path);

// The game in the schema above (numbers to 17 significant digits, so parsing the text gives the
// same game back; transitions listed per nonzero with 1-based indices).
std::string WriteStochasticGame(const StochasticGame& game);

}  // namespace kaesong
