// Gambit strategic-form files (.nfg), both versions: the payoff version (a flat list of payoffs,
// player 1's strategy varying fastest) and the outcome version (named outcomes, then one outcome
// number per profile, 0 = all payoffs zero). Numbers may be integers, decimals (with exponent) or
// rationals "3/4". Reference: Gambit documentation, "The strategic game (.nfg) file format".
#pragma once

#include "sim/solver/normal_form.h"

#include <iosfwd>
#include <stdexcept>
#include <string>
#include <vector>

namespace kaesong {

// A game as read: any number of players, payoffs indexed by profile (player 1 fastest).
struct StrategicGame {
  std::string title;
  std::string comment;
  std::vector<std::string> player_names;
  std::vector<std::vector<std::string>> strategy_labels;  // per player
  // payoffs[player][profile index], profile index = s1 + n1*(s2 + n2*(s3 + ...)), 0-based
  std::vector<std::vector<double>> payoffs;
};

// A malformed file: what(), line and column (1-based), and the file name used in messages.
class NfgParseError : public std::runtime_error {
 public:
  NfgParseError(std::string file, int line, int column, const std::string& message);
  const std::string& file() const { return file_; }
  int line() const { return line_; }
  int column() const { return column_; }
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  int line_;
  int column_;
  std::string message_;
};
// what() is "FILE:LINE:COL: error: MESSAGE".

// Parses .nfg text; `file_name` is used in error messages only.
StrategicGame ParseNfg(const std::string& text, const std::string& file_name);
// Reads a file ("-" reads standard input, named "<stdin>" in messages). A missing or unreadable
// file throws NfgParseError at 0:0 with the system's reason.
StrategicGame ReadNfgFile(const std::string& path);

// Two-player view; throws std::invalid_argument ("... has 3 players; the solvers handle
// two-player games only") otherwise.
Bimatrix ToBimatrix(const StrategicGame& game);
StrategicGame FromBimatrix(const Bimatrix& game);

// Writes the payoff version with payoffs printed to round-trip exactly ({:.17g}, shortest form).
std::string WriteNfg(const StrategicGame& game);

}  // namespace kaesong
