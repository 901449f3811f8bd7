// Stochastic game files: the shipped examples, the schema's conveniences (labels, indices,
// wildcards, action counts), a write/read round trip, and one broken file per error kind with
// the exact expected diagnostics (tests/data/stochastic/bad/*.toml and *.stderr).
#include "sim/io/stochastic_game_file.h"
#include "sim/solver/markov_perfect.h"
#include "sim/solver/stochastic_game_generator.h"
#include "tests/io/text_mutator.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace kaesong {
namespace {

const std::string kDataDir = std::string(KAESONG_TEST_DATA) + "/stochastic";

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_CASE("Shipped stochastic game examples parse", "[stochastic][io]") {
  const StochasticGame rubinstein = ReadStochasticGameFile(kDataDir + "/rubinstein.toml");
  CHECK(rubinstein.title == "Rubinstein alternating offers, d = (0.9, 0.8)");
  CHECK(rubinstein.player_names == std::array<std::string, 2>{"A", "B"});
  CHECK(rubinstein.discount == std::array<double, 2>{0.9, 0.8});
  CHECK(rubinstein.horizon == 0);
  REQUIRE(rubinstein.num_states() == 2);
  const StochasticState& a = rubinstein.states[0];
  CHECK(a.name == "A proposes");
  CHECK(a.action_labels[1][3] == "accept <= 1");
  CHECK(a.payoffs[0](0, 0) == 0.7142857142857143);
  // "keep 0.9" against "accept <= 0.8" is rejected: B proposes next, for sure.
  CHECK(a.transitions.coeff(a.Cell(2, 1), 1) == 1.0);
  CHECK(a.transitions.nonZeros() == 6);

  const StochasticGame demand = ReadStochasticGameFile(kDataDir + "/nash_demand.toml");
  REQUIRE(demand.num_states() == 2);
  const StochasticState& breakdown = demand.states[1];
  CHECK(breakdown.transitions.coeff(0, 1) == 1.0);  // absorbing
  const StochasticState& bargain = demand.states[0];
  // Incompatible demands (0.6, 0.5): repeat with 0.8, break down with 0.2; compatible ones end.
  CHECK(bargain.transitions.coeff(bargain.Cell(3, 2), 0) == 0.8);
  CHECK(bargain.transitions.coeff(bargain.Cell(3, 2), 1) == 0.2);
  CHECK(bargain.transitions.row(bargain.Cell(2, 2)).sum() == 0.0);

  const StochasticGame one = ReadStochasticGameFile(kDataDir + "/one_state_bimatrix.toml");
  CHECK(one.discount == std::array<double, 2>{0.0, 0.0});
  CHECK(one.states[0].payoffs[1](2, 2) == 4.0);
}

TEST_CASE("Actions by label or 1-based index or wildcard and counts as labels",
          "[stochastic][io]") {
  const StochasticGame game = ParseStochasticGame(R"(
players = ["P", "Q"]
discount = [0.5, 0.25]
horizon = 4
[[state]]
name = "s"
actions = [["a", "b", "c"], 2]
payoffs = [[[1, 2], [3, 4], [5, 6]], [[-1, -2], [-3, -4], [-5, -6.5]]]
transitions = [
  { from = ["b", 2], to = "t", prob = 0.25 },
  { from = [3, "*"], to = "s", prob = 0.5 },
  { from = [3, "*"], to = "s", prob = 0.125 },
]
[[state]]
name = "t"
actions = [1, 1]
payoffs = [[[0]], [[0]]]
)",
                                                  "inline.toml");
  CHECK(game.horizon == 4);
  const StochasticState& s = game.states[0];
  CHECK(s.action_labels[1] == std::vector<std::string>{"1", "2"});
  CHECK(s.payoffs[1](2, 1) == -6.5);
  CHECK(s.transitions.coeff(s.Cell(1, 1), 1) == 0.25);
  CHECK(s.transitions.coeff(s.Cell(2, 0), 0) == 0.625);  // repeated entries add up
  CHECK(s.transitions.coeff(s.Cell(2, 1), 0) == 0.625);
  CHECK(s.transitions.nonZeros() == 3);
}

TEST_CASE("Writing and reading a game gives it back exactly", "[stochastic][io]") {
  StochasticGameSpec spec;
  spec.states = 6;
  spec.max_actions = 4;
  spec.continuation = 0.7;
  spec.seed = 9;
  StochasticGame game = GenerateStochasticGame(spec);
  game.player_names = {"Seoul \"S\"", "Pyongyang\\P"};
  game.title = "talks\r\n\x7f round\x01";  // control characters TOML requires escaped
  game.states[0].action_labels[1][0] = "draft\x7f";
  game.horizon = 12;
  const std::string text = WriteStochasticGame(game);
  const StochasticGame back = ParseStochasticGame(text, "written.toml");
  CHECK(back.title == game.title);
  CHECK(back.player_names == game.player_names);
  CHECK(back.discount == game.discount);
  CHECK(back.horizon == 12);
  REQUIRE(back.num_states() == game.num_states());
  for (std::size_t s = 0; s < game.states.size(); ++s) {
    CHECK(back.states[s].name == game.states[s].name);
    CHECK(back.states[s].action_labels == game.states[s].action_labels);
    CHECK(back.states[s].payoffs[0] == game.states[s].payoffs[0]);
    CHECK(back.states[s].payoffs[1] == game.states[s].payoffs[1]);
    CHECK(Eigen::MatrixXd(back.states[s].transitions) ==
          Eigen::MatrixXd(game.states[s].transitions));
  }
  CHECK(WriteStochasticGame(back) == text);
}

TEST_CASE("Broken stochastic game files give the expected diagnostics", "[stochastic][io]") {
  // Every tests/data/stochastic/bad/NAME.toml has NAME.stderr: what() plus a newline, with the
  // file named by its path from the source root (as the command line reports it).
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(kDataDir + "/bad")) {
    if (entry.path().extension() == ".toml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  REQUIRE(names.size() >= 15);
  for (const std::string& name : names) {
    CAPTURE(name);
    const std::string base = kDataDir + "/bad/" + name;
    REQUIRE(std::filesystem::exists(base + ".stderr"));
    const std::string expected = Slurp(base + ".stderr");
    std::string actual = "(parsed without error)";
    try {
      ParseStochasticGame(Slurp(base + ".toml"), "tests/data/stochastic/bad/" + name + ".toml");
    } catch (const StochasticGameFileError& e) {
      actual = std::string(e.what()) + "\n";
      CHECK(e.diagnostics().size() <= io::kMaxDiagnostics + 1);  // the errors, then the note
    }
    CHECK(actual == expected);
  }
}

TEST_CASE("Diagnostics keep file and line and column and message apart", "[stochastic][io]") {
  try {
    ParseStochasticGame(
        "players = [\"A\", \"B\"]\ndiscount = [0.9, 2]\n[[state]]\nname = \"s\"\n"
        "actions = [1, 1]\npayoffs = [[[1]], [[1]]]\n",
        "x.toml");
    FAIL("no error");
  } catch (const StochasticGameFileError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    const io::Diagnostic& d = e.diagnostics()[0];
    CHECK(d.where.source == "x.toml");
    CHECK(d.where.line == 2);
    CHECK(d.where.column == 18);
    CHECK(d.message == "discount factor of player 2 must be in [0, 1], got 2");
    CHECK(d.severity == io::Severity::kError);
  }
  const std::string missing = kDataDir + "/no_such_file.toml";
  CHECK_THROWS_WITH(ReadStochasticGameFile(missing),
                    missing + ": error: cannot open: No such file or directory");
}

// Random edits of the shipped examples: each mutant either reads as a valid game (which then
// survives a write/read round trip and a short, limited solve) or throws StochasticGameFileError
// with positioned diagnostics; nothing else, no crash, no hang.
TEST_CASE("Mutated game files read or throw StochasticGameFileError", "[stochastic][io][fuzz]") {
  std::vector<std::string> seeds;
  for (const char* name : {"rubinstein", "nash_demand", "one_state_bimatrix"}) {
    seeds.push_back(Slurp(kDataDir + "/" + name + ".toml"));
  }
  const std::string alphabet("[]{}=\",.-+e0123456789 \n*#abcdefghijklmnopqrstuvwxyz\x00\xff", 53);
  const std::uint64_t seed = 20130916;
  testing::TextMutator mutator(seed, alphabet);
  MarkovPerfectOptions limited;
  limited.max_iterations = 20;
  limited.max_seconds = 1.0;
  int parsed = 0;
  int rejected = 0;
  for (int round = 0; round < 3000; ++round) {
    const std::string text = mutator.Mutate(seeds[mutator.Below(seeds.size())]);
    INFO("seed " << seed << ", round " << round << ", text:\n" << text);
    try {
      const StochasticGame game = ParseStochasticGame(text, "mutant.toml");
      ++parsed;
      REQUIRE(Validate(game));
      const std::string written = WriteStochasticGame(game);
      REQUIRE(WriteStochasticGame(ParseStochasticGame(written, "rewritten.toml")) == written);
      const MarkovResult r = SolveMarkovPerfect(game, limited);
      REQUIRE(r.status != MarkovStatus::kInvalidInput);
    } catch (const StochasticGameFileError& e) {
      ++rejected;
      REQUIRE_FALSE(e.diagnostics().empty());
      for (const io::Diagnostic& d : e.diagnostics()) {
        REQUIRE(d.where.source == "mutant.toml");
        REQUIRE_FALSE(d.message.empty());
        if (d.severity == io::Severity::kNote) continue;  // "too many errors; N more not shown"
        REQUIRE(d.where.line >= 1);
        REQUIRE(d.where.column >= 1);
      }
    }
  }
  CHECK(parsed > 20);
  CHECK(rejected > 1000);
}

}  // namespace
}  // namespace kaesong
