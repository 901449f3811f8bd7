// Reading .nfg text: a hand-written predictive parser (one token of lookahead) over NfgLexer
// tokens, following the grammar in sim/io/nfg.h (Gambit's documented strategic game formats).
#include "sim/io/nfg.h"

#include "sim/io/bounded_read.h"
#include "sim/io/nfg_lexer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>

namespace kaesong {

namespace {

// "1 player", "2 players".
std::string Count(std::int64_t n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

class NfgReader {
 public:
  NfgReader(const std::string& text, const std::string& file_name) : lexer_(text, file_name) {}

  StrategicGame Read() {
    if (lexer_.Peek().kind == NfgTokenKind::kEnd) lexer_.Fail(lexer_.Peek(), "empty file");
    ReadHeader();
    ReadPlayers();
    ReadStrategies();
    if (lexer_.Peek().kind == NfgTokenKind::kString) game_.comment = lexer_.Next().value;
    if (lexer_.Peek().kind == NfgTokenKind::kLeftBrace) {
      ReadOutcomeBody();
    } else {
      ReadPayoffBody();
    }
    FillNumberedLabels();
    return std::move(game_);
  }

 private:
  std::int64_t players() const { return static_cast<std::int64_t>(game_.player_names.size()); }

  void ReadHeader() {
    const NfgToken magic = lexer_.Next();
    if (magic.kind != NfgTokenKind::kWord || magic.text != "NFG") {
      lexer_.Fail(magic, fmt::format("expected 'NFG' at the start of the file, got {}",
                                     DescribeToken(magic)));
    }
    const NfgToken version = lexer_.Next();
    std::int64_t number = 0;
    const NfgNumberStatus status = version.kind == NfgTokenKind::kWord
                                       ? ParseNfgInteger(version.text, &number)
                                       : NfgNumberStatus::kBadSyntax;
    if (status == NfgNumberStatus::kBadSyntax) {
      lexer_.Fail(version, fmt::format("expected the format version 1 after 'NFG', got {}",
                                       DescribeToken(version)));
    }
    if (status != NfgNumberStatus::kOk || number != 1) {
      lexer_.Fail(version, fmt::format("unsupported NFG version {} (only version 1 exists)",
                                       DescribeToken(version)));
    }
    const NfgToken precision = lexer_.Next();
    if (precision.kind != NfgTokenKind::kWord || (precision.text != "R" && precision.text != "D")) {
      lexer_.Fail(precision, fmt::format("expected 'R' or 'D' after the version, got {}",
                                         DescribeToken(precision)));
    }
    const NfgToken title = lexer_.Next();
    if (title.kind != NfgTokenKind::kString) {
      lexer_.Fail(title, fmt::format("expected the game's title (a string in double quotes), "
                                     "got {}",
                                     DescribeToken(title)));
    }
    game_.title = title.value;
  }

  void ReadPlayers() {
    const NfgToken open = lexer_.Next();
    if (open.kind != NfgTokenKind::kLeftBrace) {
      lexer_.Fail(
          open, fmt::format("expected '{{' to open the player list, got {}", DescribeToken(open)));
    }
    while (true) {
      NfgToken token = lexer_.Next();
      if (token.kind == NfgTokenKind::kRightBrace) {
        if (game_.player_names.empty()) lexer_.Fail(token, "the game must have at least 1 player");
        break;
      }
      if (token.kind != NfgTokenKind::kString) {
        lexer_.Fail(token, fmt::format("expected a player name (a string in double quotes) or "
                                       "'}}' to close the player list, got {}",
                                       DescribeToken(token)));
      }
      game_.player_names.push_back(std::move(token.value));
    }
  }

  // Multiplies the running profile count by a player's strategy count, failing at `at` once the
  // product passes kMaxNfgProfiles.
  void AddStrategyCount(std::int64_t count, const NfgToken& at) {
    if (count > kMaxNfgProfiles / profiles_) {
      lexer_.Fail(at, fmt::format("the game has more than {} strategy profiles (the reader's "
                                  "limit)",
                                  kMaxNfgProfiles));
    }
    profiles_ *= count;
  }

  void ReadStrategies() {
    const NfgToken open = lexer_.Next();
    if (open.kind != NfgTokenKind::kLeftBrace) {
      lexer_.Fail(open, fmt::format("expected '{{' to open the strategy list, got {}",
                                    DescribeToken(open)));
    }
    game_.strategy_labels.resize(static_cast<std::size_t>(players()));
    if (lexer_.Peek().kind == NfgTokenKind::kLeftBrace) {
      ReadStrategyNames();
    } else {
      ReadStrategyCounts();
    }
  }

  void ReadStrategyNames() {
    for (std::int64_t p = 0; p < players(); ++p) {
      const NfgToken open = lexer_.Next();
      if (open.kind == NfgTokenKind::kRightBrace) {
        lexer_.Fail(open, fmt::format("expected {} (one per player), found {}",
                                      Count(players(), "strategy list"), p));
      }
      if (open.kind != NfgTokenKind::kLeftBrace) {
        lexer_.Fail(open, fmt::format("expected '{{' to open player {}'s strategy names, got {}",
                                      p + 1, DescribeToken(open)));
      }
      auto& labels = game_.strategy_labels[static_cast<std::size_t>(p)];
      while (true) {
        NfgToken token = lexer_.Next();
        if (token.kind == NfgTokenKind::kRightBrace) break;
        if (token.kind != NfgTokenKind::kString) {
          lexer_.Fail(token, fmt::format("expected a strategy name (a string in double quotes) "
                                         "or '}}' to close player {}'s strategies, got {}",
                                         p + 1, DescribeToken(token)));
        }
        labels.push_back(std::move(token.value));
      }
      if (labels.empty()) {
        lexer_.Fail(open, fmt::format("player {} must have at least 1 strategy, got none", p + 1));
      }
      AddStrategyCount(static_cast<std::int64_t>(labels.size()), open);
      counts_.push_back(static_cast<std::int64_t>(labels.size()));
    }
    const NfgToken close = lexer_.Next();
    if (close.kind == NfgTokenKind::kLeftBrace) {
      lexer_.Fail(close, fmt::format("expected {} (one per player), found more",
                                     Count(players(), "strategy list")));
    }
    if (close.kind != NfgTokenKind::kRightBrace) {
      lexer_.Fail(close, fmt::format("expected '}}' to close the strategy list, got {}",
                                     DescribeToken(close)));
    }
  }

  void ReadStrategyCounts() {
    for (std::int64_t p = 0; p < players(); ++p) {
      const NfgToken token = lexer_.Next();
      if (token.kind == NfgTokenKind::kRightBrace) {
        lexer_.Fail(token, fmt::format("expected {} (one per player), found {}",
                                       Count(players(), "strategy count"), p));
      }
      if (token.kind != NfgTokenKind::kWord) {
        lexer_.Fail(token, fmt::format("expected player {}'s strategy count (a whole number) or "
                                       "'{{' to open a list of strategy names, got {}",
                                       p + 1, DescribeToken(token)));
      }
      SkipComma();
      std::int64_t count = 0;
      switch (ParseNfgInteger(token.text, &count)) {
        case NfgNumberStatus::kOk:
          break;
        case NfgNumberStatus::kOutOfRange:
          count = kMaxNfgProfiles + 1;  // reported as too many profiles below
          break;
        default: {
          double ignored = 0.0;
          if (ParseNfgNumber(token.text, &ignored) == NfgNumberStatus::kBadSyntax) {
            lexer_.Fail(token, fmt::format("bad number {}", DescribeToken(token)));
          }
          lexer_.Fail(token, fmt::format("player {}'s strategy count must be a whole number, "
                                         "got {}",
                                         p + 1, DescribeToken(token)));
        }
      }
      if (count < 1) {
        lexer_.Fail(token, fmt::format("player {} must have at least 1 strategy, got {}", p + 1,
                                       token.text));
      }
      AddStrategyCount(count, token);
      counts_.push_back(count);
    }
    const NfgToken close = lexer_.Next();
    if (close.kind == NfgTokenKind::kWord) {
      lexer_.Fail(close, fmt::format("expected {} (one per player), found more",
                                     Count(players(), "strategy count")));
    }
    if (close.kind != NfgTokenKind::kRightBrace) {
      lexer_.Fail(close, fmt::format("expected '}}' to close the strategy list, got {}",
                                     DescribeToken(close)));
    }
  }

  // Labels "1".."n" for players whose strategies were given as a count; made only after the
  // payoffs have been read, so that memory follows the file's size, not its header's claims.
  void FillNumberedLabels() {
    for (std::size_t p = 0; p < game_.strategy_labels.size(); ++p) {
      auto& labels = game_.strategy_labels[p];
      if (!labels.empty()) continue;
      labels.reserve(static_cast<std::size_t>(counts_[p]));
      for (std::int64_t s = 1; s <= counts_[p]; ++s) labels.push_back(std::to_string(s));
    }
  }

  void SkipComma() {
    if (lexer_.Peek().kind == NfgTokenKind::kComma) lexer_.Next();
  }

  double ToNumber(const NfgToken& token) {
    double value = 0.0;
    switch (ParseNfgNumber(token.text, &value)) {
      case NfgNumberStatus::kOk:
        return value;
      case NfgNumberStatus::kOutOfRange:
        lexer_.Fail(token, fmt::format("number {} is out of range", DescribeToken(token)));
      case NfgNumberStatus::kDivisionByZero:
        lexer_.Fail(token, fmt::format("division by zero in {}", DescribeToken(token)));
      case NfgNumberStatus::kBadSyntax:
        break;
    }
    lexer_.Fail(token, fmt::format("bad number {}", DescribeToken(token)));
  }

  // Fails at the token after the last expected number unless it is the end of the file: with
  // `too_many` when that token is another number, else "unexpected X after `after`".
  void ExpectEnd(std::string_view too_many, std::string_view after) {
    const NfgToken& next = lexer_.Peek();
    if (next.kind == NfgTokenKind::kEnd) return;
    double ignored = 0.0;
    if (next.kind == NfgTokenKind::kWord &&
        ParseNfgNumber(next.text, &ignored) != NfgNumberStatus::kBadSyntax) {
      lexer_.Fail(next, std::string(too_many));
    }
    lexer_.Fail(next, fmt::format("unexpected {} after {}", DescribeToken(next), after));
  }

  void ReadPayoffBody() {
    const auto n = static_cast<std::size_t>(players());
    game_.payoffs.assign(n, {});
    const std::string expected =
        fmt::format("{} ({} x {})", Count(profiles_ * players(), "payoff"),
                    Count(profiles_, "profile"), Count(players(), "player"));
    for (std::int64_t profile = 0; profile < profiles_; ++profile) {
      for (std::size_t p = 0; p < n; ++p) {
        const NfgToken token = lexer_.Next();
        if (token.kind == NfgTokenKind::kEnd) {
          lexer_.Fail(token, fmt::format("expected {}, found {}", expected,
                                         profile * players() + static_cast<std::int64_t>(p)));
        }
        if (token.kind != NfgTokenKind::kWord) {
          lexer_.Fail(token,
                      fmt::format("expected a payoff (a number), got {}", DescribeToken(token)));
        }
        game_.payoffs[p].push_back(ToNumber(token));
        SkipComma();
      }
    }
    ExpectEnd(fmt::format("expected {}, found more", expected), "the last payoff");
  }

  void ReadOutcomeBody() {
    const auto n = static_cast<std::size_t>(players());
    lexer_.Next();                        // '{' opening the outcome list
    std::vector<double> outcome_payoffs;  // outcome k's payoffs at [k*n, (k+1)*n)
    std::int64_t outcomes = 0;
    while (true) {
      const NfgToken open = lexer_.Next();
      if (open.kind == NfgTokenKind::kRightBrace) break;
      if (open.kind != NfgTokenKind::kLeftBrace) {
        lexer_.Fail(open, fmt::format("expected '{{' to open an outcome or '}}' to close the "
                                      "outcome list, got {}",
                                      DescribeToken(open)));
      }
      ++outcomes;
      const NfgToken name = lexer_.Next();
      if (name.kind != NfgTokenKind::kString) {
        lexer_.Fail(name, fmt::format("expected outcome {}'s name (a string in double quotes), "
                                      "got {}",
                                      outcomes, DescribeToken(name)));
      }
      std::size_t found = 0;
      while (true) {
        const NfgToken token = lexer_.Next();
        if (token.kind == NfgTokenKind::kRightBrace) break;
        if (token.kind != NfgTokenKind::kWord) {
          lexer_.Fail(token, fmt::format("expected a payoff or '}}' to close outcome {}, got {}",
                                         outcomes, DescribeToken(token)));
        }
        if (found == n) {
          lexer_.Fail(token, fmt::format("outcome {} has more than {} (one per player)", outcomes,
                                         Count(players(), "payoff")));
        }
        outcome_payoffs.push_back(ToNumber(token));
        ++found;
        SkipComma();
      }
      if (found != n) {
        lexer_.Fail(open, fmt::format("outcome {} has {}, expected {} (one per player)", outcomes,
                                      Count(static_cast<std::int64_t>(found), "payoff"), n));
      }
    }

    game_.payoffs.assign(n, {});
    const std::string expected =
        fmt::format("{} (one per profile)", Count(profiles_, "outcome number"));
    for (std::int64_t profile = 0; profile < profiles_; ++profile) {
      const NfgToken token = lexer_.Next();
      if (token.kind == NfgTokenKind::kEnd) {
        lexer_.Fail(token, fmt::format("expected {}, found {}", expected, profile));
      }
      if (token.kind != NfgTokenKind::kWord) {
        lexer_.Fail(token, fmt::format("expected an outcome number, got {}", DescribeToken(token)));
      }
      SkipComma();
      std::int64_t index = 0;
      const NfgNumberStatus status = ParseNfgInteger(token.text, &index);
      if (status == NfgNumberStatus::kBadSyntax) {
        double ignored = 0.0;
        if (ParseNfgNumber(token.text, &ignored) == NfgNumberStatus::kBadSyntax) {
          lexer_.Fail(token, fmt::format("bad number {}", DescribeToken(token)));
        }
        lexer_.Fail(token, fmt::format("outcome number must be a whole number, got {}",
                                       DescribeToken(token)));
      }
      if (status == NfgNumberStatus::kOutOfRange || index < 0 || index > outcomes) {
        lexer_.Fail(token, fmt::format("outcome {} does not exist ({})", token.text,
                                       Count(outcomes, "outcome")));
      }
      for (std::size_t p = 0; p < n; ++p) {
        game_.payoffs[p].push_back(
            index == 0 ? 0.0 : outcome_payoffs[static_cast<std::size_t>(index - 1) * n + p]);
      }
    }
    ExpectEnd(fmt::format("expected {}, found more", expected), "the last outcome number");
  }

  NfgLexer lexer_;
  StrategicGame game_;
  std::vector<std::int64_t> counts_;  // strategies per player
  std::int64_t profiles_ = 1;
};

}  // namespace

NfgParseError::NfgParseError(std::string file, int line, int column, std::string message)
    : io::InputError({std::move(file), std::max(line, 0), column}, std::move(message)) {}

StrategicGame ParseNfg(const std::string& text, const std::string& file_name) {
  return NfgReader(text, file_name).Read();
}

StrategicGame ReadNfgFile(const std::string& path) {
  if (path == "-") {
    std::string text;
    if (!io::ReadBounded(std::cin, &text)) {
      throw NfgParseError("<stdin>", 0, 0, "cannot read: " + io::TooLargeMessage());
    }
    return ParseNfg(text, "<stdin>");
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw NfgParseError(
        path, 0, 0, "cannot open: " + std::make_error_code(std::errc::is_a_directory).message());
  }
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno;
    throw NfgParseError(path, 0, 0,
                        error != 0 ? "cannot open: " + std::generic_category().message(error)
                                   : std::string("cannot open"));
  }
  std::string text;
  if (!io::ReadBounded(in, &text)) {
    throw NfgParseError(path, 0, 0, "cannot read: " + io::TooLargeMessage());
  }
  if (in.bad()) {
    throw NfgParseError(path, 0, 0, "cannot read: " + std::generic_category().message(errno));
  }
  return ParseNfg(text, path);
}

}  // namespace kaesong
