#include "sim/io/action_counts.h"

#include "sim/io/bounded_read.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

namespace kaesong::io {
namespace {

Bimatrix Bos() {
  Bimatrix game = MakeBimatrix(Eigen::MatrixXd::Zero(2, 3), Eigen::MatrixXd::Zero(2, 3));
  game.player_names = {"Seoul", "Pyongyang, North"};
  game.row_labels = {"Opera", "Football"};
  game.col_labels = {"A", "B", "7"};
  return game;
}

std::string ErrorOf(const std::string& text) {
  try {
    ParseActionCounts(text, "c.csv", Bos());
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST_CASE("action counts by index and by label, missing rows count 0", "[action_counts]") {
  const StrategyCounts counts = ParseActionCounts(
      "\xEF\xBB\xBFplayer,strategy,count\r\n1,Football,12\r\n\r\n\"Pyongyang, North\",B,3\r\n"
      "2,3,0\r\nSeoul,\"Opera\",007\r\n",
      "c.csv", Bos());
  CHECK(counts.row(0) == 7.0);
  CHECK(counts.row(1) == 12.0);
  CHECK(counts.col(0) == 0.0);
  CHECK(counts.col(1) == 3.0);
  CHECK(counts.col(2) == 0.0);
  // A field of digits is an index even where a label reads the same: "2,1" is column A.
  CHECK(ParseActionCounts("player,strategy,count\n2,1,5\n", "c.csv", Bos()).col(0) == 5.0);
}

TEST_CASE("action counts errors are positioned at the field", "[action_counts]") {
  CHECK(ErrorOf("player,strategy\n") ==
        "c.csv:1:1: error: expected the header 'player,strategy,count', got 'player,strategy'");
  CHECK(ErrorOf("player,strategy,count\nSeoul,Ballet,1\n") ==
        "c.csv:2:7: error: unknown strategy 'Ballet' of player 1 (its strategies: 'Opera', "
        "'Football')");
  CHECK(ErrorOf("player,strategy,count\n2,4,1\n") ==
        "c.csv:2:3: error: strategy index of player 2 must be in 1..3, got 4");
  CHECK(ErrorOf("player,strategy,count\n0,1,1\n") ==
        "c.csv:2:1: error: player index must be 1 or 2, got 0");
  CHECK(ErrorOf("player,strategy,count\n1,1,1e3\n") ==
        "c.csv:2:5: error: count must be a non-negative integer of at most 15 digits, got '1e3'");
  CHECK(ErrorOf("player,strategy,count\n1,1,1234567890123456\n") ==
        "c.csv:2:5: error: count must be a non-negative integer of at most 15 digits, got "
        "'1234567890123456'");
  CHECK(ErrorOf("player,strategy,count\n1,\"Opera,1\n") ==
        "c.csv:2:3: error: unterminated quoted field");
  CHECK(ErrorOf("player,strategy,count\n1,Op\"era,1\n") ==
        "c.csv:2:5: error: a quote inside an unquoted field");
  CHECK(ErrorOf("player,strategy,count\n1,1,1,\n") ==
        "c.csv:2:1: error: expected 3 fields (player,strategy,count), got 4");
  CHECK(ErrorOf("player,strategy,count\n") ==
        "c.csv: error: no observations: the file has no counts");
  CHECK(ErrorOf("player,strategy,count\n2,A,0\n1,1,3\n2,B,0\n") ==
        "c.csv:2:1: error: every count of player 2 is 0 (leave out the rows of a player with no "
        "observations)");
}

TEST_CASE("action counts report every problem, one per field", "[action_counts]") {
  CHECK(ErrorOf("player,strategy,count\nNobody,1,x\n1,1,2\nSeoul,Opera,3\n") ==
        "c.csv:2:1: error: unknown player 'Nobody' (the game's players: 'Seoul', 'Pyongyang, "
        "North')\n"
        "c.csv:2:10: error: count must be a non-negative integer of at most 15 digits, got 'x'\n"
        "c.csv:4:1: error: duplicate row for player 1 strategy 1 (first given on line 3)");
}

TEST_CASE("the bad counts files give their recorded messages", "[action_counts]") {
  // The same files and messages as the CLI cases (tests/cli/cases/estimate.cmake).
  Bimatrix game = MakeBimatrix(Eigen::MatrixXd::Zero(2, 2), Eigen::MatrixXd::Zero(2, 2));
  game.row_labels = game.col_labels = {"Opera", "Football"};
  for (const char* name : {"bad_header", "duplicate_row", "empty", "field_count",
                           "fractional_count", "negative_count", "player_all_zero",
                           "player_out_of_range", "strategy_out_of_range", "unknown_player",
                           "unknown_strategy"}) {
    const std::string path =
        std::string(KAESONG_SOURCE_DIR "/tests/data/counts/bad/") + name + ".csv";
    std::ifstream expected_file(path + ".stderr");
    std::stringstream expected;
    expected << expected_file.rdbuf();
    std::string message = "no error";
    try {
      ReadActionCounts(path, game);
    } catch (const InputError& e) {
      message = e.what();
    }
    std::string want = expected.str();
    want = want.substr(want.find(": error: "));
    want.pop_back();  // the newline
    INFO(name);
    CHECK(message.substr(message.find(": error: ")) == want);
  }
}

TEST_CASE("a counts file that does not exist has no position", "[action_counts]") {
  try {
    ReadActionCounts("no/such/counts.csv", Bos());
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) ==
          "no/such/counts.csv: error: cannot open: No such file or directory");
  }
}

}  // namespace
}  // namespace kaesong::io
