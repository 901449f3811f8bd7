// Writing the payoff version of the .nfg format (Gambit documentation, "The strategic game
// (.nfg) file format, payoff version"), laid out one strategy profile per line.
#include "sim/io/nfg.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace kaesong {

namespace {

// Appends `s` double-quoted with '"' and '\' escaped; `what` names it in the error for a control
// byte, which the reader would reject as binary data.
void AppendQuoted(std::string& out, const std::string& s, std::string_view what) {
  out.push_back('"');
  for (const char c : s) {
    const auto byte = static_cast<unsigned char>(c);
    const bool whitespace = c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
    if ((byte < 0x20 && !whitespace) || byte == 0x7f) {
      throw std::invalid_argument(
          fmt::format("{} holds control byte 0x{:02x}, which .nfg text cannot carry", what, byte));
    }
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
}

// Whole numbers print as integers (up to 2^53, where doubles stop being exact integers) and
// everything else in the shortest form that reads back to the same double.
void AppendPayoff(std::string& out, double x) {
  constexpr double kExactIntegers = 9007199254740992.0;  // 2^53
  if (x == 0.0 && std::signbit(x)) {
    out += "-0";
  } else if (std::trunc(x) == x && std::abs(x) <= kExactIntegers) {
    fmt::format_to(std::back_inserter(out), "{}", static_cast<std::int64_t>(x));
  } else {
    fmt::format_to(std::back_inserter(out), "{}", x);
  }
}

}  // namespace

std::string WriteNfg(const StrategicGame& game) {
  ValidateStrategicGame(game);
  std::string out = "NFG 1 R ";
  AppendQuoted(out, game.title, "the title");
  out += " {";
  for (std::size_t p = 0; p < game.player_names.size(); ++p) {
    out.push_back(' ');
    AppendQuoted(out, game.player_names[p], fmt::format("player {}'s name", p + 1));
  }
  out += " }\n{";
  for (std::size_t p = 0; p < game.strategy_labels.size(); ++p) {
    out += " {";
    for (std::size_t s = 0; s < game.strategy_labels[p].size(); ++s) {
      out.push_back(' ');
      AppendQuoted(out, game.strategy_labels[p][s],
                   fmt::format("player {}'s strategy {} label", p + 1, s + 1));
    }
    out += " }";
  }
  out += " }\n";
  AppendQuoted(out, game.comment, "the comment");
  out += "\n\n";
  const std::size_t profiles = game.payoffs[0].size();
  for (std::size_t k = 0; k < profiles; ++k) {
    for (std::size_t p = 0; p < game.payoffs.size(); ++p) {
      if (p > 0) out.push_back(' ');
      AppendPayoff(out, game.payoffs[p][k]);
    }
    out.push_back('\n');
  }
  return out;
}

}  // namespace kaesong
