#include "sim/io/nfg.h"
#include "sim/io/nfg_lexer.h"
#include "sim/solver/game_generator.h"
#include "tests/io/text_mutator.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace kaesong {
namespace {

const std::string kData = KAESONG_TEST_DATA;

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// what() of the NfgParseError that parsing `text` throws, or "(no error)". Any other exception
// escapes and fails the test.
std::string ParseError(const std::string& text, const std::string& file_name = "game.nfg") {
  try {
    ParseNfg(text, file_name);
  } catch (const NfgParseError& e) {
    return e.what();
  }
  return "(no error)";
}

// Equality down to the bits of every payoff (so -0.0 differs from 0.0).
bool SameBits(const StrategicGame& x, const StrategicGame& y) {
  if (x.title != y.title || x.comment != y.comment || x.player_names != y.player_names ||
      x.strategy_labels != y.strategy_labels || x.payoffs.size() != y.payoffs.size()) {
    return false;
  }
  for (std::size_t p = 0; p < x.payoffs.size(); ++p) {
    if (x.payoffs[p].size() != y.payoffs[p].size()) return false;
    for (std::size_t k = 0; k < x.payoffs[p].size(); ++k) {
      if (std::bit_cast<std::uint64_t>(x.payoffs[p][k]) !=
          std::bit_cast<std::uint64_t>(y.payoffs[p][k])) {
        return false;
      }
    }
  }
  return true;
}

StrategicGame BattleOfTheSexes() {
  StrategicGame game;
  game.title = "Battle of the sexes";
  game.comment = "Two pure equilibria (Opera, Opera) and (Football, Football), and one mixed.";
  game.player_names = {"Alice", "Bob"};
  game.strategy_labels = {{"Opera", "Football"}, {"Opera", "Football"}};
  // Profiles (O,O), (F,O), (O,F), (F,F): player 1's strategy varies fastest.
  game.payoffs = {{2, 0, 0, 1}, {1, 0, 0, 2}};
  return game;
}

// ---------------------------------------------------------------------------------------------
// Good files

TEST_CASE("Payoff and outcome versions of a game read the same", "[nfg]") {
  const StrategicGame payoff = ReadNfgFile(kData + "/games/bos_payoff.nfg");
  const StrategicGame outcome = ReadNfgFile(kData + "/games/bos_outcome.nfg");
  CHECK(SameBits(payoff, BattleOfTheSexes()));
  CHECK(SameBits(outcome, BattleOfTheSexes()));
}

TEST_CASE("Rationals, decimals, exponents and signs read as their values", "[nfg]") {
  const StrategicGame game = ReadNfgFile(kData + "/games/bos_rational.nfg");
  CHECK(game.title == "Battle of the sexes");
  CHECK(game.player_names == std::vector<std::string>{"Alice", "Bob"});
  // Strategies given as counts get the labels "1".."n".
  CHECK(game.strategy_labels == std::vector<std::vector<std::string>>{{"1", "2"}, {"1", "2"}});
  CHECK(game.payoffs == BattleOfTheSexes().payoffs);
  CHECK(std::signbit(game.payoffs[1][1]));  // written "-0"
}

TEST_CASE("Gambit's documented sample files read", "[nfg]") {
  // The two samples in Gambit's format documentation (Selten 1975, figure 2) define one game.
  const std::string payoff_version =
      "NFG 1 R \"Selten (IJGT, 75), Figure 2, normal form\"\n"
      "{ \"Player 1\" \"Player 2\" } { 3 2 }\n\n"
      "1 1 0 2 0 2 1 1 0 3 2 0\n";
  const std::string outcome_version =
      "NFG 1 R \"Selten (IJGT, 75), Figure 2, normal form\" { \"Player 1\" \"Player 2\" }\n\n"
      "{\n{ \"1\" \"2\" \"3\" }\n{ \"1\" \"2\" }\n}\n\n"
      "{\n{ \"\" 1, 1 }\n{ \"\" 0, 2 }\n{ \"\" 0, 2 }\n{ \"\" 1, 1 }\n{ \"\" 0, 3 }\n"
      "{ \"\" 2, 0 }\n}\n1 2 3 4 5 6\n";
  const StrategicGame a = ParseNfg(payoff_version, "payoff.nfg");
  const StrategicGame b = ParseNfg(outcome_version, "outcome.nfg");
  CHECK(SameBits(a, b));
  const Bimatrix game = ToBimatrix(a);
  REQUIRE(game.rows() == 3);
  REQUIRE(game.cols() == 2);
  CHECK(game.a(2, 1) == 2.0);  // profile index 2 + 3*1 = 5, the last pair "2 0"
  CHECK(game.b(2, 1) == 0.0);
  CHECK(game.b(1, 0) == 2.0);  // profile 1: "0 2"
}

TEST_CASE("A three-player game reads with player 1's strategy varying fastest", "[nfg]") {
  const StrategicGame game = ReadNfgFile(kData + "/games/three_player.nfg");
  REQUIRE(game.player_names.size() == 3);
  REQUIRE(game.strategy_labels[0].size() == 2);
  REQUIRE(game.strategy_labels[1].size() == 3);
  REQUIRE(game.strategy_labels[2].size() == 2);
  CHECK(game.strategy_labels[1][2] == "b3");
  for (int s1 = 0; s1 < 2; ++s1) {
    for (int s2 = 0; s2 < 3; ++s2) {
      for (int s3 = 0; s3 < 2; ++s3) {
        const std::size_t k = static_cast<std::size_t>(s1 + 2 * (s2 + 3 * s3));
        const double code = 100 * (s1 + 1) + 10 * (s2 + 1) + (s3 + 1);
        CHECK(game.payoffs[0][k] == code);
        CHECK(game.payoffs[1][k] == -code);
        CHECK(game.payoffs[2][k] == s1 + s2 + s3 + 3);
      }
    }
  }
  CHECK_THROWS_WITH(ToBimatrix(game),
                    "the game has 3 players; the solvers handle two-player games only");
}

TEST_CASE("ToBimatrix copies payoffs, title, names and labels", "[nfg]") {
  const Bimatrix game = ToBimatrix(BattleOfTheSexes());
  Eigen::Matrix2d a, b;
  a << 2, 0, 0, 1;
  b << 1, 0, 0, 2;
  CHECK(game.a == a);
  CHECK(game.b == b);
  CHECK(game.title == "Battle of the sexes");
  CHECK(game.player_names[0] == "Alice");
  CHECK(game.player_names[1] == "Bob");
  CHECK(game.row_labels == std::vector<std::string>{"Opera", "Football"});
  CHECK(game.col_labels == std::vector<std::string>{"Opera", "Football"});

  // An asymmetric shape pins down which index is the row.
  StrategicGame wide;
  wide.player_names = {"R", "C"};
  wide.strategy_labels = {{"r1", "r2"}, {"c1", "c2", "c3"}};
  wide.payoffs = {{11, 21, 12, 22, 13, 23}, {0, 1, 2, 3, 4, 5}};
  const Bimatrix w = ToBimatrix(wide);
  REQUIRE(w.rows() == 2);
  REQUIRE(w.cols() == 3);
  CHECK(w.a(1, 2) == 23);
  CHECK(w.b(0, 1) == 2);
  CHECK(SameBits(FromBimatrix(w), wide));
}

TEST_CASE("ToBimatrix rejects games that are not two-player or are inconsistent", "[nfg]") {
  StrategicGame one_player;
  one_player.player_names = {"Solo"};
  one_player.strategy_labels = {{"a"}};
  one_player.payoffs = {{1}};
  CHECK_THROWS_WITH(ToBimatrix(one_player),
                    "the game has 1 player; the solvers handle two-player games only");
  StrategicGame short_payoffs = BattleOfTheSexes();
  short_payoffs.payoffs[1].pop_back();
  CHECK_THROWS_WITH(ToBimatrix(short_payoffs),
                    "player 2 has 3 payoffs; the game has 4 strategy profiles");
  StrategicGame not_finite = BattleOfTheSexes();
  not_finite.payoffs[0][2] = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(ToBimatrix(not_finite), "player 1 has a payoff that is not a finite number");
}

// ---------------------------------------------------------------------------------------------
// Writing and round trips

TEST_CASE("WriteNfg writes the payoff version with names, integers as integers", "[nfg]") {
  StrategicGame game = BattleOfTheSexes();
  game.payoffs[0][1] = 0.1;
  game.payoffs[1][2] = -1e300;
  game.comment = "";
  CHECK(WriteNfg(game) ==
        "NFG 1 R \"Battle of the sexes\" { \"Alice\" \"Bob\" }\n"
        "{ { \"Opera\" \"Football\" } { \"Opera\" \"Football\" } }\n"
        "\"\"\n"
        "\n"
        "2 1\n"
        "0.1 0\n"
        "0 -1e+300\n"
        "1 2\n");
}

TEST_CASE("Write then read gives the same game bit for bit", "[nfg]") {
  StrategicGame game;
  game.title = "Quotes \" and backslashes \\ and \\\" together";
  game.comment = "Line one\nline two\twith a tab; UTF-8: \xea\xb0\x9c\xec\x84\xb1";
  game.player_names = {"Seoul", "Pyong\"yang\\"};
  game.strategy_labels = {{"", "a b", "{", "}"}, {"\\", "\"\"", ","}};
  const double third = 1.0 / 3.0;
  game.payoffs = {
      {0.0, -0.0, 0.1, third, 1e300, -1e-300, 5e-324, 9007199254740992.0, 9007199254740994.0,
       123456789.125, -2.5, 1e21},
      {std::nextafter(1.0, 2.0), -7, 1e16, 1e15 + 0.5, 2.2250738585072014e-308, -0.0, 42, 1e-7,
       std::numeric_limits<double>::max(), std::numeric_limits<double>::lowest(), 3, 4}};
  const std::string text = WriteNfg(game);
  CHECK(SameBits(ParseNfg(text, "roundtrip.nfg"), game));

  // Generated games of every kind, through the Bimatrix conversions too.
  for (const GameKind kind : {GameKind::kUniform, GameKind::kInteger, GameKind::kCovariance}) {
    GameSpec spec;
    spec.rows = 7;
    spec.cols = 5;
    spec.seed = 20130814;
    spec.kind = kind;
    spec.rho = -0.4;
    const StrategicGame generated = FromBimatrix(GenerateGame(spec));
    const StrategicGame back = ParseNfg(WriteNfg(generated), "generated.nfg");
    CHECK(SameBits(back, generated));
    const Bimatrix bimatrix = ToBimatrix(back);
    CHECK(bimatrix.title == generated.title);
    CHECK(bimatrix.a == GenerateGame(spec).a);
    CHECK(bimatrix.b == GenerateGame(spec).b);
  }

  // Three players.
  const StrategicGame three = ReadNfgFile(kData + "/games/three_player.nfg");
  CHECK(SameBits(ParseNfg(WriteNfg(three), "three.nfg"), three));
}

TEST_CASE("WriteNfg refuses what it cannot write", "[nfg]") {
  StrategicGame game = BattleOfTheSexes();
  game.player_names[1] = std::string("B\x01ob");
  CHECK_THROWS_WITH(WriteNfg(game),
                    "player 2's name holds control byte 0x01, which .nfg text cannot carry");
  game = BattleOfTheSexes();
  game.payoffs[1][0] = std::nan("");
  CHECK_THROWS_WITH(WriteNfg(game), "player 2 has a payoff that is not a finite number");
  game = BattleOfTheSexes();
  game.strategy_labels[0].clear();
  CHECK_THROWS_WITH(WriteNfg(game), "player 1 has no strategies");
}

// ---------------------------------------------------------------------------------------------
// Numbers

TEST_CASE("Number words convert to the nearest double or say why not", "[nfg]") {
  struct Case {
    const char* word;
    NfgNumberStatus status;
    double value;
  };
  const Case cases[] = {
      {"0", NfgNumberStatus::kOk, 0.0},
      {"007", NfgNumberStatus::kOk, 7.0},
      {"-12", NfgNumberStatus::kOk, -12.0},
      {"+12", NfgNumberStatus::kOk, 12.0},
      {"3/4", NfgNumberStatus::kOk, 0.75},
      {"-3/4", NfgNumberStatus::kOk, -0.75},
      {"+3/4", NfgNumberStatus::kOk, 0.75},
      {"1/3", NfgNumberStatus::kOk, 1.0 / 3.0},
      {"2.5", NfgNumberStatus::kOk, 2.5},
      {".80", NfgNumberStatus::kOk, 0.8},
      {"5.", NfgNumberStatus::kOk, 5.0},
      {"-.5", NfgNumberStatus::kOk, -0.5},
      {"1e3", NfgNumberStatus::kOk, 1000.0},
      {"1E-3", NfgNumberStatus::kOk, 0.001},
      {"2.5e+2", NfgNumberStatus::kOk, 250.0},
      {"0.1", NfgNumberStatus::kOk, 0.1},
      {"5e-324", NfgNumberStatus::kOk, 5e-324},
      {"x3", NfgNumberStatus::kBadSyntax, 0},
      {"", NfgNumberStatus::kBadSyntax, 0},
      {"-", NfgNumberStatus::kBadSyntax, 0},
      {".", NfgNumberStatus::kBadSyntax, 0},
      {"3/", NfgNumberStatus::kBadSyntax, 0},
      {"/4", NfgNumberStatus::kBadSyntax, 0},
      {"3/-4", NfgNumberStatus::kBadSyntax, 0},
      {"3/4/5", NfgNumberStatus::kBadSyntax, 0},
      {"1.5/2", NfgNumberStatus::kBadSyntax, 0},
      {"1e", NfgNumberStatus::kBadSyntax, 0},
      {"1e+", NfgNumberStatus::kBadSyntax, 0},
      {"--1", NfgNumberStatus::kBadSyntax, 0},
      {"+-1", NfgNumberStatus::kBadSyntax, 0},
      {"-+1", NfgNumberStatus::kBadSyntax, 0},
      {"+-3/4", NfgNumberStatus::kBadSyntax, 0},
      {"3/+4", NfgNumberStatus::kBadSyntax, 0},
      {"1.2.3", NfgNumberStatus::kBadSyntax, 0},
      {"inf", NfgNumberStatus::kBadSyntax, 0},
      {"nan", NfgNumberStatus::kBadSyntax, 0},
      {"0x10", NfgNumberStatus::kBadSyntax, 0},
      {"1,5", NfgNumberStatus::kBadSyntax, 0},
      {"1e999", NfgNumberStatus::kOutOfRange, 0},
      {"-1e999", NfgNumberStatus::kOutOfRange, 0},
      {"1e-999", NfgNumberStatus::kOutOfRange, 0},
      {"3/0", NfgNumberStatus::kDivisionByZero, 0},
      {"0/0", NfgNumberStatus::kDivisionByZero, 0},
  };
  for (const Case& c : cases) {
    INFO("word '" << c.word << "'");
    double value = -123.0;
    CHECK(ParseNfgNumber(c.word, &value) == c.status);
    if (c.status == NfgNumberStatus::kOk) {
      CHECK(value == c.value);
    } else {
      CHECK(value == -123.0);  // untouched
    }
  }
  double big = 0.0;
  CHECK(ParseNfgNumber("1" + std::string(400, '0') + "/1", &big) == NfgNumberStatus::kOutOfRange);
  CHECK(ParseNfgNumber("1/1" + std::string(400, '0'), &big) == NfgNumberStatus::kOutOfRange);
}

TEST_CASE("Integer words", "[nfg]") {
  std::int64_t v = 0;
  CHECK(ParseNfgInteger("42", &v) == NfgNumberStatus::kOk);
  CHECK(v == 42);
  CHECK(ParseNfgInteger("-7", &v) == NfgNumberStatus::kOk);
  CHECK(v == -7);
  CHECK(ParseNfgInteger("+7", &v) == NfgNumberStatus::kOk);
  CHECK(v == 7);
  CHECK(ParseNfgInteger("2.0", &v) == NfgNumberStatus::kBadSyntax);
  CHECK(ParseNfgInteger("1e2", &v) == NfgNumberStatus::kBadSyntax);
  CHECK(ParseNfgInteger("", &v) == NfgNumberStatus::kBadSyntax);
  CHECK(ParseNfgInteger("+-1", &v) == NfgNumberStatus::kBadSyntax);
  CHECK(ParseNfgInteger("-+1", &v) == NfgNumberStatus::kBadSyntax);
  CHECK(ParseNfgInteger("-", &v) == NfgNumberStatus::kBadSyntax);
  CHECK(ParseNfgInteger("99999999999999999999", &v) == NfgNumberStatus::kOutOfRange);
}

// ---------------------------------------------------------------------------------------------
// Errors

// Every file in tests/data/bad/ with the exact message in its NAME.nfg.stderr (also what the CLI
// prints, see tests/cli/cases/nfg_bad.cmake).
TEST_CASE("Each bad file gives its exact message", "[nfg]") {
  const std::string name =
      GENERATE(as<std::string>{}, "bad_number", "bad_outcome_index", "binary_junk",
               "division_by_zero", "empty", "missing_brace", "no_players", "number_out_of_range",
               "outcome_payoff_count", "strategy_count_mismatch", "too_many_payoffs",
               "too_many_profiles", "trailing_junk", "truncated", "truncated_outcomes",
               "unsupported_version", "unterminated_string", "wrong_header", "zero_strategies");
  INFO("tests/data/bad/" << name << ".nfg");
  const std::string text = ReadText(kData + "/bad/" + name + ".nfg");
  std::string expected = ReadText(kData + "/bad/" + name + ".nfg.stderr");
  REQUIRE(!expected.empty());
  REQUIRE(expected.back() == '\n');
  expected.pop_back();
  REQUIRE(expected.find('\n') == std::string::npos);

  const std::string file_name = "tests/data/bad/" + name + ".nfg";
  try {
    ParseNfg(text, file_name);
    FAIL("no error");
  } catch (const NfgParseError& e) {
    CHECK(std::string(e.what()) == expected);
    CHECK(e.file() == file_name);
    CHECK(e.line() >= 1);
    CHECK(e.column() >= 1);
    CHECK(std::string(e.what()) ==
          fmt::format("{}:{}:{}: error: {}", file_name, e.line(), e.column(), e.message()));
  }
  // Reading the file from disk gives the same message under its path.
  const std::string path = kData + "/bad/" + name + ".nfg";
  CHECK_THROWS_WITH(ReadNfgFile(path), path + expected.substr(file_name.size()));

  // The CLI test for this file exists too.
  const std::string cli_cases = ReadText(kData + "/../cli/cases/nfg_bad.cmake");
  CHECK(cli_cases.find("\n  " + name + "\n") != std::string::npos);
}

TEST_CASE("Errors not covered by a bad file", "[nfg]") {
  const std::string players = "NFG 1 R \"t\" { \"A\" \"B\" } ";
  struct Case {
    std::string text;
    std::string what;
  };
  const std::vector<Case> cases = {
      {"   \n\t\n", "game.nfg:1:1: error: empty file"},
      {"NFG", "game.nfg:1:4: error: expected the format version 1 after 'NFG', got end of file"},
      {"NFG one R", "game.nfg:1:5: error: expected the format version 1 after 'NFG', got 'one'"},
      {"NFG 99999999999999999999 R",
       "game.nfg:1:5: error: unsupported NFG version '99999999999999999999' (only version 1 "
       "exists)"},
      {"NFG 1 Q \"t\"", "game.nfg:1:7: error: expected 'R' or 'D' after the version, got 'Q'"},
      {"NFG 1 R { \"A\" }",
       "game.nfg:1:9: error: expected the game's title (a string in double quotes), got '{'"},
      {"NFG 1 R \"t\" { \"A\" B }",
       "game.nfg:1:19: error: expected a player name (a string in double quotes) or '}' to close "
       "the player list, got 'B'"},
      {players, "game.nfg:1:24: error: expected '{' to open the strategy list, got end of file"},
      {players + "{ 2 }",
       "game.nfg:1:29: error: expected 2 strategy counts (one per player), "
       "found 1"},
      {players + "{ 2 2 2 }",
       "game.nfg:1:31: error: expected 2 strategy counts (one per "
       "player), found more"},
      {players + "{ 2 2.5 }",
       "game.nfg:1:29: error: player 2's strategy count must be a whole number, got '2.5'"},
      {players + "{ 2 -3 }",
       "game.nfg:1:29: error: player 2 must have at least 1 strategy, got -3"},
      {players + "{ 2 two }", "game.nfg:1:29: error: bad number 'two'"},
      {players + "{ \"x\" \"y\" }",
       "game.nfg:1:27: error: expected player 1's strategy count (a whole number) or '{' to open a "
       "list of strategy names, got '\"x\"'"},
      {players + "{ { \"x\" } { } }",
       "game.nfg:1:35: error: player 2 must have at least 1 strategy, got none"},
      {players + "{ { \"x\" } { \"y\" } { \"z\" } }",
       "game.nfg:1:43: error: expected 2 strategy lists (one per player), found more"},
      {players + "{ { \"x\" } { \"y\" } 1 }",
       "game.nfg:1:43: error: expected '}' to close the strategy list, got '1'"},
      {players + "{ { \"x\" } { y } }",
       "game.nfg:1:37: error: expected a strategy name (a string in double quotes) or '}' to "
       "close player 2's strategies, got 'y'"},
      {players + "{ { \"x\" } \"y\" }",
       "game.nfg:1:35: error: expected '{' to open player 2's strategy names, got '\"y\"'"},
      {players + "{ 1 1 } \"comment\" \"another\"",
       "game.nfg:1:43: error: expected a payoff (a number), got '\"another\"'"},
      // A number after the last payoff means too many, even one that would not convert.
      {players + "{ 1 1 } 1 2 3/0",
       "game.nfg:1:37: error: expected 2 payoffs (1 profile x 2 players), found more"},
      {players + "{ 1 1 } 1 2 \"x\"",
       "game.nfg:1:37: error: unexpected '\"x\"' after the last payoff"},
      // One comma may follow each number; it separates nothing else.
      {players + "{ 1 1 } 1 2 , 3",
       "game.nfg:1:39: error: expected 2 payoffs (1 profile x 2 players), found more"},
      {players + "{ 1 1 } 1 ,, 2", "game.nfg:1:36: error: expected a payoff (a number), got ','"},
      {players + "{ 1 1 } , 1 2", "game.nfg:1:33: error: expected a payoff (a number), got ','"},
      {players + "{ 1 1 } { { \"o\" 1 2 3 } } 1",
       "game.nfg:1:45: error: outcome 1 has more than 2 payoffs (one per player)"},
      {players + "{ 1 1 } { { 1 2 } } 1",
       "game.nfg:1:37: error: expected outcome 1's name (a string in double quotes), got '1'"},
      {players + "{ 1 1 } { { \"o\" 1 2 } \"p\" } 1",
       "game.nfg:1:47: error: expected '{' to open an outcome or '}' to close the outcome list, "
       "got '\"p\"'"},
      {players + "{ 1 1 } { { \"o\" 1 2 ",
       "game.nfg:1:44: error: expected a payoff or '}' to close outcome 1, got end of file"},
      {players + "{ 1 1 } { { \"o\" 1 2 } } 1.5",
       "game.nfg:1:49: error: outcome number must be a whole number, got '1.5'"},
      {players + "{ 1 1 } { { \"o\" 1 2 } } -1",
       "game.nfg:1:49: error: outcome -1 does not exist (1 outcome)"},
      {players + "{ 1 1 } { { \"o\" 1 2 } } 2",
       "game.nfg:1:49: error: outcome 2 does not exist (1 outcome)"},
      {players + "{ 1 1 } { { \"o\" 1 2 } } 1 1",
       "game.nfg:1:51: error: expected 1 outcome number (one per profile), found more"},
      {players + "{ 1 1 } { { \"o\" 1 2 } } 1 }",
       "game.nfg:1:51: error: unexpected '}' after the last outcome number"},
      {players + "{ 1 1 } { } \"x\"",
       "game.nfg:1:37: error: expected an outcome number, got '\"x\"'"},
      {players + "{ 1 1 } { } x", "game.nfg:1:37: error: bad number 'x'"},
      // Long or multi-line tokens are cut in messages.
      {"\"" + std::string(50, 'a') + "\"",
       "game.nfg:1:1: error: expected 'NFG' at the start of the file, got '\"" +
           std::string(39, 'a') + "...'"},
      {"\"line one\nline two\"",
       "game.nfg:1:1: error: expected 'NFG' at the start of the file, got '\"line one...'"},
      // Binary bytes anywhere, even inside strings or after an earlier error, win.
      {"EFG \"abc\x7f\"", "game.nfg:1:9: error: file is not text (byte 0x7f)"},
      {"NFG 1 R \"t\"\n\n  \"a" + std::string(1, '\0') + "\"",
       "game.nfg:3:5: error: file is not text (byte 0x00)"},
      // An unterminated string is reported only once the parser reaches it.
      {"NFG 1 Q \"abc", "game.nfg:1:7: error: expected 'R' or 'D' after the version, got 'Q'"},
      {"NFG 1 R \"t\" { \"a\\\" }", "game.nfg:1:15: error: unterminated string"},
      // Header limits: nothing is allocated for what the header merely declares.
      {players + "{ 100000000 1 }",
       "game.nfg:1:40: error: expected 200000000 payoffs (100000000 profiles x 2 players), found "
       "0"},
      {players + "{ 100000000 2 }",
       "game.nfg:1:37: error: the game has more than 100000000 strategy profiles (the reader's "
       "limit)"},
      {players + "{ 99999999999999999999999 1 }",
       "game.nfg:1:27: error: the game has more than 100000000 strategy profiles (the reader's "
       "limit)"},
      {players + "{ 1 1 } 1e-400 0", "game.nfg:1:33: error: number '1e-400' is out of range"},
  };
  for (const Case& c : cases) {
    INFO("text: " << c.text);
    CHECK(ParseError(c.text) == c.what);
  }
}

TEST_CASE("Positions count lines and byte columns, strings included", "[nfg]") {
  const std::string text =
      "\xEF\xBB\xBFNFG 1 R \"multi\nline \\\" title\" { \"A\" }\r\n"
      "{ 2 }\n"
      "  1 2,\n"
      "  oops\n";
  const std::string what = ParseError(text);
  CHECK(what == "game.nfg:5:3: error: unexpected 'oops' after the last payoff");
  // The BOM does not count as a column.
  CHECK(ParseError("\xEF\xBB\xBF"
                   "EFG") ==
        "game.nfg:1:1: error: expected 'NFG' at the start of the file, got 'EFG'");
}

TEST_CASE("Strings resolve only quote and backslash escapes", "[nfg]") {
  const StrategicGame game =
      ParseNfg("NFG 1 R \"a \\\"quoted\\\" \\\\ C:\\path\\n\" { \"P\" } { 1 } 5", "game.nfg");
  CHECK(game.title == "a \"quoted\" \\ C:\\path\\n");
  CHECK(game.comment.empty());
  CHECK(game.payoffs == std::vector<std::vector<double>>{{5.0}});
}

TEST_CASE("NfgParseError formats what() with and without a position", "[nfg]") {
  const NfgParseError positioned("g.nfg", 3, 14, "bad number 'x3'");
  CHECK(std::string(positioned.what()) == "g.nfg:3:14: error: bad number 'x3'");
  CHECK(positioned.message() == "bad number 'x3'");
  const NfgParseError whole_file("g.nfg", 0, 0, "cannot open: No such file or directory");
  CHECK(std::string(whole_file.what()) == "g.nfg: error: cannot open: No such file or directory");
}

TEST_CASE("ReadNfgFile reports files it cannot read", "[nfg]") {
  const std::string missing = kData + "/games/no_such_game.nfg";
  CHECK_THROWS_WITH(ReadNfgFile(missing),
                    missing + ": error: cannot open: No such file or directory");
  try {
    ReadNfgFile(missing);
  } catch (const NfgParseError& e) {
    CHECK(e.line() == 0);
    CHECK(e.column() == 0);
  }
  CHECK_THROWS_WITH(ReadNfgFile(kData + "/games"),
                    kData + "/games: error: cannot open: Is a directory");
}

// ---------------------------------------------------------------------------------------------
// Robustness

// Random byte edits of valid files: each mutant either parses (and then survives a write/read
// round trip) or throws NfgParseError; nothing else, no crash, no hang.
TEST_CASE("Mutated files parse or throw NfgParseError", "[nfg][fuzz]") {
  std::vector<std::string> seeds;
  for (const char* name : {"bos_payoff", "bos_outcome", "bos_rational", "three_player"}) {
    seeds.push_back(ReadText(kData + "/games/" + name + ".nfg"));
  }
  seeds.push_back("NFG 1 R \"Selten\" { \"1\" \"2\" } { 3 2 } 1 1 0 2 0 2 1 1 0 3 2 0");
  const std::string alphabet("{}\",\\/.-+eE0123456789 \nNFGRD\x00\x01\xff", 31);
  const std::uint64_t seed = 20130408;
  testing::TextMutator mutator(seed, alphabet);
  int parsed = 0;
  int rejected = 0;
  for (int round = 0; round < 2000; ++round) {
    const std::string text = mutator.Mutate(seeds[mutator.Below(seeds.size())]);
    INFO("seed " << seed << ", round " << round << ", text:\n" << text);
    try {
      const StrategicGame game = ParseNfg(text, "mutant.nfg");
      ++parsed;
      REQUIRE_NOTHROW(ValidateStrategicGame(game));
      REQUIRE(ParseNfg(WriteNfg(game), "rewritten.nfg") == game);
    } catch (const NfgParseError& e) {
      ++rejected;
      REQUIRE(e.line() >= 1);
      REQUIRE(e.column() >= 1);
      REQUIRE(!e.message().empty());
    }
  }
  // Both outcomes must actually occur, or the mutations are not testing anything.
  CHECK(parsed > 20);
  CHECK(rejected > 1000);
}

}  // namespace
}  // namespace kaesong
