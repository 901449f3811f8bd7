// Gambit strategic-form files (.nfg), both versions: the payoff version (a flat list of payoffs,
// player 1's strategy varying fastest) and the outcome version (named outcomes, then one outcome
// number per profile, 0 = all payoffs zero). Numbers may be integers, decimals (with exponent) or
// rationals "3/4". Reference: Gambit documentation, "The strategic game (.nfg) file format,
// payoff version" and "... outcome version" (gambitproject.readthedocs.io, formats.nfg*.html).
//
// Accepted syntax, precisely:
//   file      := "NFG" "1" ("R" | "D") STRING players strategies [STRING] body
//   players   := "{" STRING+ "}"
//   strategies:= "{" COUNT{n} "}"  |  "{" ("{" STRING+ "}"){n} "}"     (n = number of players)
//   body      := PAYOFF{profiles * n}                                   (payoff version)
//              | "{" ("{" STRING PAYOFF{n} "}")* "}" OUTCOME{profiles}  (outcome version)
// Whitespace (space, tab, CR, LF, VT, FF) separates tokens anywhere. In a list of numbers (counts,
// payoffs, outcome numbers) a number may be followed by one comma. STRING is double-quoted; inside
// it `\"` is a quote, `\\` a backslash, and every other character (newlines included) is literal.
// PAYOFF is [+-]digits[.digits][e[+-]digits] (".5" and "5." too) or [+-]digits/digits, converted
// to the nearest double; COUNT and OUTCOME are integers. A UTF-8 byte-order mark is skipped.
// Limits: at most kMaxNfgProfiles strategy profiles. Memory grows with the file actually read,
// never with the sizes a header declares, so a lying header cannot exhaust memory.
#pragma once

#include "sim/io/diagnostic.h"
#include "sim/solver/normal_form.h"

#include <cstdint>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <vector>

namespace kaesong {

// The largest number of strategy profiles (product of the strategy counts) a game may have, in
// files read and games written.
inline constexpr std::int64_t kMaxNfgProfiles = 100'000'000;

// A game as read: any number of players, payoffs indexed by profile (player 1 fastest).
struct StrategicGame {
  std::string title;
  std::string comment;
  std::vector<std::string> player_names;
  std::vector<std::vector<std::string>> strategy_labels;  // per player
  // payoffs[player][profile index], profile index = s1 + n1*(s2 + n2*(s3 + ...)), 0-based
  std::vector<std::vector<double>> payoffs;

  // Member-wise equality; payoffs compare with ==, so -0.0 equals 0.0 (tests wanting bit
  // identity compare the bits themselves).
  friend bool operator==(const StrategicGame&, const StrategicGame&) = default;
};

// Checks that the vectors agree with each other: at least one player, one label list and one
// payoff vector per player, every player with at least one strategy, at most kMaxNfgProfiles
// profiles, one finite payoff per profile. Throws std::invalid_argument naming the first problem.
void ValidateStrategicGame(const StrategicGame& game);

// A malformed file: one diagnostic (sim/io/diagnostic.h) at the first problem; the accessors read
// it. Line and column are 1-based (columns count bytes).
class NfgParseError : public io::InputError {
 public:
  NfgParseError(std::string file, int line, int column, std::string message);
  const std::string& file() const { return diagnostics()[0].where.source; }
  int line() const { return diagnostics()[0].where.line; }
  int column() const { return diagnostics()[0].where.column; }
  const std::string& message() const { return diagnostics()[0].message; }
};
// what() is "FILE:LINE:COL: error: MESSAGE", or "FILE: error: MESSAGE" when line is 0 (the file
// could not be read at all, so there is no position to point at).
// An error at the end of the input (e.g. too few payoffs) points just after the last token.

// Parses .nfg text; `file_name` is used in error messages only. Throws NfgParseError and nothing
// else for any malformed input (including binary data: "file is not text (byte 0x00)").
StrategicGame ParseNfg(const std::string& text, const std::string& file_name);
// Reads a file ("-" reads standard input, named "<stdin>" in messages). A missing or unreadable
// file throws NfgParseError at 0:0 with the system's reason, e.g. what() is
// "games/x.nfg: error: cannot open: No such file or directory".
StrategicGame ReadNfgFile(const std::string& path);

// Two-player view; throws std::invalid_argument ("... has 3 players; the solvers handle
// two-player games only") otherwise. The exact message is
// "the game has N players; the solvers handle two-player games only". Copies the title, player
// names and strategy labels; the comment is dropped. Throws std::invalid_argument when
// ValidateStrategicGame does.
Bimatrix ToBimatrix(const StrategicGame& game);
// The inverse of ToBimatrix (empty comment). Throws std::invalid_argument when ValidateBimatrix
// does.
StrategicGame FromBimatrix(const Bimatrix& game);

// Writes the payoff version with payoffs printed to round-trip exactly ({:.17g}, shortest form).
// Strategies are written by name; whole numbers below 2^53 print as integers, other payoffs in
// the shortest form that reads back to the same double (-0.0 as "-0"). ParseNfg(WriteNfg(g))
// gives back g bit for bit. Throws std::invalid_argument when ValidateStrategicGame does, or when
// a title, comment or name holds a control character the reader would reject.
std::string WriteNfg(const StrategicGame& game);

}  // namespace kaesong
