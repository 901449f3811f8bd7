#include "sim/io/scenario.h"
#include "sim/io/scenario_writer.h"
#include "tests/io/text_mutator.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace kaesong::io {
namespace {

namespace fs = std::filesystem;

// The error text LoadScenarioText reports for `text` (named "x.toml"), or "" when it loads.
std::string Errors(const std::string& text, const std::vector<Override>& overrides = {}) {
  try {
    LoadScenarioText(text, "x.toml", overrides);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

Override Set(const std::string& key_value) { return *ParseSetFlag(key_value); }

// A fresh directory under the system temp dir, removed at scope exit.
class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(fs::temp_directory_path() /
              ("kaesong_scenario_test_" + name + "_" + std::to_string(::getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string Write(const std::string& file, const std::string& text) const {
    const fs::path p = path_ / file;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

constexpr const char* kEveryKey = R"(
[scenario]
name = "every"
description = "every key set"
[deal]
m = { min = 10, max = 150.5, grid = 31 }
g = 0.25
beta = { min = 0.1, max = 0.9, grid = 9, fixed = 0.5 }
[seoul]
pi = 470
guarantee_weight = 100.0
blame_weight = 20.0
discount = 0.99
impasse = -300.0
breakdown_payoff = -200.0
outside_option = -175.0
outside_option_from = 2013-08-07
temptation = "fixed"
temptation_mean = 5.0
temptation_drill_mean = 6.0
[pyongyang]
guarantee_weight = 40.0
blame_weight = 120.0
discount = 0.98
impasse = -1.0
breakdown_payoff = -20.0
outside_option = 3
outside_option_from = "none"
temptation = "exponential"
temptation_mean = 30.0
temptation_drill_mean = 120.0
[durability]
penalty_max = 1000.0
discount = 0.8
drill_share = 0.2
seoul_may_shut = true
[protocol]
kind = "simultaneous"
first = "pyongyang"
order = "random"
seoul_proposes_prob = 0.3
rounds = 12
breakdown = 0.05
drill_breakdown = 0.15
[calendar]
rounds = [2013-07-06, 2013-08-14]
spacing_days = 5
drills = [{ start = 2013-08-19, end = 2013-08-30 }]
[solution]
concept = "qre"
lambda = 0.05
tolerance = 1e-8
max_iterations = 500
[simulation]
replications = 20
seed = 20130814
max_rounds = 77
)";

TEST_CASE("Every key is read into its field", "[scenario]") {
  const Scenario s = LoadScenarioText(kEveryKey, "every.toml");
  const model::Parameters& p = s.parameters;
  CHECK(p.name == "every");
  CHECK(p.description == "every key set");
  CHECK(p.deal.m.min == 10.0);
  CHECK(p.deal.m.max == 150.5);
  CHECK(p.deal.m.grid == 31);
  CHECK(!p.deal.m.fixed);
  CHECK(p.deal.g.fixed == 0.25);
  CHECK(p.deal.beta.min == 0.1);
  CHECK(p.deal.beta.max == 0.9);
  CHECK(p.deal.beta.grid == 9);
  CHECK(p.deal.beta.fixed == 0.5);
  CHECK(p.seoul.pi == 470.0);
  CHECK(p.seoul.guarantee_weight == 100.0);
  CHECK(p.seoul.blame_weight == 20.0);
  CHECK(p.seoul.discount == 0.99);
  CHECK(p.seoul.impasse == -300.0);
  CHECK(p.seoul.breakdown_payoff == -200.0);
  CHECK(p.seoul.outside_option == -175.0);
  CHECK(p.seoul.outside_option_from == 15924);  // 2013-08-07
  CHECK(p.seoul.temptation.kind == model::TemptationKind::kFixed);
  CHECK(p.seoul.temptation.mean == 5.0);
  CHECK(p.seoul.temptation.drill_mean == 6.0);
  CHECK(p.pyongyang.pi == 0.0);
  CHECK(p.pyongyang.guarantee_weight == 40.0);
  CHECK(p.pyongyang.blame_weight == 120.0);
  CHECK(p.pyongyang.discount == 0.98);
  CHECK(p.pyongyang.impasse == -1.0);
  CHECK(p.pyongyang.breakdown_payoff == -20.0);
  CHECK(p.pyongyang.outside_option == 3.0);
  CHECK(!p.pyongyang.outside_option_from);
  CHECK(p.pyongyang.temptation.kind == model::TemptationKind::kExponential);
  CHECK(p.pyongyang.temptation.mean == 30.0);
  CHECK(p.pyongyang.temptation.drill_mean == 120.0);
  CHECK(p.durability.penalty_max == 1000.0);
  CHECK(p.durability.discount == 0.8);
  CHECK(p.durability.drill_share == 0.2);
  CHECK(p.durability.seoul_may_shut);
  CHECK(p.protocol.kind == model::ProtocolKind::kSimultaneous);
  CHECK(p.protocol.first == model::Proposer::kPyongyang);
  CHECK(p.protocol.order == model::ProposerOrder::kRandom);
  CHECK(p.protocol.seoul_proposes_prob == 0.3);
  CHECK(p.protocol.rounds == 12);
  CHECK(p.protocol.breakdown == 0.05);
  CHECK(p.protocol.drill_breakdown == 0.15);
  CHECK(p.calendar.round_dates == std::vector<model::Day>{15892, 15931});
  CHECK(p.calendar.spacing_days == 5);
  REQUIRE(p.calendar.drills.size() == 1);
  CHECK(p.calendar.drills[0].start == 15936);
  CHECK(p.calendar.drills[0].end == 15947);
  CHECK(p.solution.solution_concept == model::SolutionConcept::kQre);
  CHECK(p.solution.lambda == 0.05);
  CHECK(p.solution.tolerance == 1e-8);
  CHECK(p.solution.max_iterations == 500);
  CHECK(p.simulation.replications == 20);
  CHECK(p.simulation.seed == 20130814ULL);
  CHECK(p.simulation.max_rounds == 77);
}

TEST_CASE("Positions point at each value", "[scenario]") {
  const Scenario s = LoadScenarioText(kEveryKey, "every.toml");
  const auto at = [&](const std::string& key) { return FormatPosition(s.PositionOf(key)); };
  CHECK(at("scenario.name") == "every.toml:3:8");
  CHECK(at("deal.m.max") == "every.toml:6:23");
  CHECK(at("deal.g") == "every.toml:7:5");
  CHECK(at("seoul.discount") == "every.toml:13:12");
  CHECK(at("calendar.rounds[1]") == "every.toml:46:23");
  CHECK(at("calendar.drills[0].end") == "every.toml:48:39");
  // A key left at its default falls back to its section, then to the file.
  CHECK(at("pyongyang.pi") == "every.toml:21:1");
  const Scenario empty = LoadScenarioText("", "empty.toml");
  CHECK(FormatPosition(empty.PositionOf("seoul.discount")) == "empty.toml");
}

TEST_CASE("An empty file gives the defaults, named after the file", "[scenario]") {
  const Scenario s = LoadScenarioText("# nothing\n", "scenarios/plain.toml");
  model::Parameters defaults;
  CHECK(s.parameters.name == "plain");
  CHECK(s.parameters.description.empty());
  CHECK(s.parameters.deal.m.max == defaults.deal.m.max);
  CHECK(s.parameters.deal.m.grid == defaults.deal.m.grid);
  CHECK(s.parameters.seoul.discount == defaults.seoul.discount);
  CHECK(!s.parameters.protocol.rounds);
  CHECK(s.parameters.solution.lambda == defaults.solution.lambda);
  CHECK(s.parameters.simulation.replications == defaults.simulation.replications);
  CHECK(s.positions.empty());
}

TEST_CASE("Numbers may be written as integers: words for optional values", "[scenario]") {
  const Scenario s = LoadScenarioText(
      "[seoul]\ndiscount = 1\noutside_option = \"none\"\n[protocol]\nrounds = \"infinite\"\n"
      "breakdown = 0.5\n",
      "x.toml");
  CHECK(s.parameters.seoul.discount == 1.0);
  CHECK(!s.parameters.seoul.outside_option);
  CHECK(!s.parameters.protocol.rounds);
}

TEST_CASE("Deal dimensions: a number fixes, range parts make a range again", "[scenario]") {
  const Scenario fixed = LoadScenarioText("[deal]\nm = 90\n", "x.toml");
  CHECK(fixed.parameters.deal.m.fixed == 90.0);
  CHECK(fixed.parameters.deal.m.Lo() == 90.0);
  const Scenario table = LoadScenarioText("[deal.m]\nmax = 150\n", "x.toml");
  CHECK(!table.parameters.deal.m.fixed);
  CHECK(table.parameters.deal.m.max == 150.0);
  CHECK(table.parameters.deal.m.min == 0.0);
  const Scenario unfixed = LoadScenarioText("[deal]\nm = 90\n", "x.toml", {Set("deal.m.min=10")});
  CHECK(!unfixed.parameters.deal.m.fixed);
  CHECK(unfixed.parameters.deal.m.min == 10.0);
  const Scenario refixed =
      LoadScenarioText("[deal]\nm = { min = 5 }\n", "x.toml", {Set("deal.m=90")});
  CHECK(refixed.parameters.deal.m.fixed == 90.0);
  CHECK(refixed.parameters.deal.m.min == 5.0);
}

TEST_CASE("Overrides: numbers, bare words, dates, tables: applied in order", "[scenario]") {
  const Scenario s = LoadScenarioText(
      "[seoul]\ndiscount = 0.9\n", "x.toml",
      {Set("seoul.discount=0.5"), Set("seoul.discount=0.7"), Set("protocol.first=pyongyang"),
       Set("solution.concept=\"qre\""), Set("protocol.rounds=infinite"), Set("protocol.rounds=8"),
       Set("seoul.outside_option_from=2013-08-07"), Set("scenario.name=my run"),
       Set("deal.g={ min = 0.5, max = 1, grid = 6 }"),
       Set("calendar.drills=[{ start = 2013-08-19, end = 2013-08-30 }]")});
  const model::Parameters& p = s.parameters;
  CHECK(p.seoul.discount == 0.7);
  CHECK(p.protocol.first == model::Proposer::kPyongyang);
  CHECK(p.solution.solution_concept == model::SolutionConcept::kQre);
  CHECK(p.protocol.rounds == 8);
  CHECK(p.seoul.outside_option_from == 15924);
  CHECK(p.name == "my run");
  CHECK(p.deal.g.min == 0.5);
  CHECK(p.deal.g.grid == 6);
  CHECK(p.calendar.drills.size() == 1);
  CHECK(FormatPosition(s.PositionOf("seoul.discount")) == "--set seoul.discount=0.7");
  CHECK(FormatPosition(s.PositionOf("calendar.drills[0].end")) ==
        "--set calendar.drills=[{ start = 2013-08-19, end = 2013-08-30 }]");
}

TEST_CASE("Information: lists from files and flags, entry keys rescale the prior", "[scenario]") {
  const std::string file =
      "[solution]\nconcept = \"pbe\"\n[protocol]\norder = \"fixed\"\n[information]\n"
      "hidden = \"pyongyang.blame_weight\"\nvalues = [60, 150.0, 400]\nprior = [0.5, 0.3, 0.2]\n";
  const model::Parameters p = LoadScenarioText(file, "x.toml").parameters;
  CHECK(p.information.hidden == model::HiddenParameter::kBlameWeight);
  CHECK(p.information.values == std::vector<double>{60, 150, 400});
  CHECK(p.information.prior == std::vector<double>{0.5, 0.3, 0.2});
  const model::Parameters q =
      LoadScenarioText(file, "x.toml", {Set("information.prior=0.2,0.3,0.5")}).parameters;
  CHECK(q.information.prior == std::vector<double>{0.2, 0.3, 0.5});
  // information.prior.1 = 0.6: the other entries keep their ratio 3 : 2 and the sum stays 1.
  const model::Parameters r =
      LoadScenarioText(file, "x.toml", {Set("information.prior.1=0.6")}).parameters;
  REQUIRE(r.information.prior.size() == 3);
  CHECK(r.information.prior[0] == 0.6);
  CHECK(r.information.prior[1] == Approx(0.24).margin(1e-15));
  CHECK(r.information.prior[2] == Approx(0.16).margin(1e-15));
  const model::Parameters v =
      LoadScenarioText(file, "x.toml", {Set("information.values.2=200")}).parameters;
  CHECK(v.information.values == std::vector<double>{60, 200, 400});
  // The resolved scenario writes the lists back, and reads back the same.
  const std::string resolved = WriteResolvedScenario(r, "");
  CHECK(resolved.find("values = [60.0, 150.0, 400.0]\n") != std::string::npos);
  CHECK(LoadScenarioText(resolved, "y.toml").parameters.information.prior == r.information.prior);
  CHECK(Errors(file, {Set("information.prior=0.2,x")}) ==
        "--set information.prior=0.2,x: error: information.prior must be an array of numbers, "
        "got string");
  CHECK(Errors("[information]\nvalues = [1, \"a\"]\n") ==
        "x.toml:2:14: error: information.values[1] must be a number, got string");
  CHECK(Errors(file, {Set("information.prior=0.5,0.6,0.2")}) ==
        "--set information.prior=0.5,0.6,0.2: error: information.prior must sum to 1, got 1.3");
}

TEST_CASE("ParseSetFlag splits at the first '='", "[scenario]") {
  const auto o = ParseSetFlag("scenario.description=a=b");
  REQUIRE(o);
  CHECK(o->key == "scenario.description");
  CHECK(o->value == "a=b");
  CHECK(o->origin == "--set scenario.description=a=b");
  CHECK(!ParseSetFlag("seoul.discount"));
  CHECK_THROWS_WITH(ParseSetFlags({"a=1", "b", "c"}),
                    "--set b: error: expected KEY=VALUE\n--set c: error: expected KEY=VALUE");
}

TEST_CASE("Diagnostics: one exact message per kind of problem", "[scenario]") {
  struct Case {
    std::string text;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"[seoul]\ndiscount = \n",
       "x.toml:2:12: error: TOML syntax error while parsing key-value pair: expected value, saw "
       "'\\n'"},
      {"[pyongyang]\ndiscont = 0.9\n",
       "x.toml:2:1: error: unknown key 'pyongyang.discont'; did you mean 'pyongyang.discount'?"},
      {"[pyongyang]\npi = 3\n",
       "x.toml:2:1: error: unknown key 'pyongyang.pi'; did you mean 'seoul.pi'?"},
      {"[seol]\npi = 3\n", "x.toml:1:2: error: unknown key 'seol'; did you mean 'seoul'?"},
      {"[weather]\nrain = 3\n", "x.toml:1:2: error: unknown key 'weather'"},
      {"[seoul]\ndiscount = \"high\"\n",
       "x.toml:2:12: error: seoul.discount must be a number, got string"},
      {"seoul = 3\n", "x.toml:1:9: error: seoul must be a table, got integer"},
      {"[deal]\nm = \"lots\"\n",
       "x.toml:2:5: error: deal.m must be a number or a table { min, max, grid }, got string"},
      {"[deal.m]\ngrid = 4.5\n", "x.toml:2:8: error: deal.m.grid must be an integer, got float"},
      {"[durability]\nseoul_may_shut = 1\n",
       "x.toml:2:18: error: durability.seoul_may_shut must be true or false, got integer"},
      {"[protocol]\nfirst = \"north\"\n",
       "x.toml:2:9: error: protocol.first must be \"seoul\" or \"pyongyang\", got \"north\""},
      {"[seoul]\ntemptation = 2\n",
       "x.toml:2:14: error: seoul.temptation must be \"none\", \"fixed\" or \"exponential\", got "
       "integer"},
      {"[protocol]\nrounds = \"forever\"\n",
       "x.toml:2:10: error: protocol.rounds must be an integer or \"infinite\", got \"forever\""},
      {"[protocol]\nrounds = 99999999999\n",
       "x.toml:2:10: error: protocol.rounds is out of range, got 99999999999"},
      {"[seoul]\noutside_option = \"yes\"\n",
       "x.toml:2:18: error: seoul.outside_option must be a number or \"none\", got \"yes\""},
      {"[seoul]\noutside_option_from = \"2013-08-07\"\n",
       "x.toml:2:23: error: seoul.outside_option_from must be a date (YYYY-MM-DD) or \"none\", "
       "got \"2013-08-07\""},
      {"[seoul]\noutside_option_from = 2013-02-30\n",
       "x.toml:2:33: error: TOML syntax error while parsing date: expected day between 1 and 28 "
       "(inclusive), saw 30"},
      {"[calendar]\nrounds = [2013-07-06, 7]\n",
       "x.toml:2:23: error: calendar.rounds[1] must be a date (YYYY-MM-DD), got integer"},
      {"[calendar]\nrounds = 2013-07-06\n",
       "x.toml:2:10: error: calendar.rounds must be an array of dates (YYYY-MM-DD), got date"},
      {"[calendar]\ndrills = [{ start = 2013-08-19, ends = 2013-08-30 }]\n",
       "x.toml:2:33: error: unknown key 'calendar.drills[0].ends'; did you mean "
       "'calendar.drills[0].end'?"},
      {"[calendar]\ndrills = [{ start = 2013-08-19 }]\n",
       "x.toml:2:11: error: calendar.drills[0] must have an end date"},
      {"[calendar]\ndrills = [2013-08-19]\n",
       "x.toml:2:11: error: calendar.drills[0] must be a table { start = DATE, end = DATE }, got "
       "date"},
      {"[calendar]\ndrills = [{ start = 2013-08-30, end = 2013-08-19 }]\n",
       "x.toml:2:39: error: calendar.drills[0].end must be on or after calendar.drills[0].start "
       "(2013-08-30), got 2013-08-19"},
      {"[pyongyang]\ndiscount = 1.2\n",
       "x.toml:2:12: error: pyongyang.discount must be in (0, 1], got 1.2"},
      {"[deal.m]\nmin = 150\nmax = 100\n",
       "x.toml:2:7: error: deal.m.min must be <= deal.m.max (100), got 150"},
      {"[simulation]\nreplications = -4\n",
       "x.toml:2:16: error: simulation.replications must be in [1, 10000000], got -4"},
      {"[simulation]\nseed = -1\n",
       "x.toml:2:8: error: simulation.seed must be in [0, 9223372036854775807], got -1"},
      {"[seoul]\ndiscount = 1\n",
       "x.toml:2:12: error: seoul.discount must be < 1 when protocol.rounds is \"infinite\" and "
       "protocol.breakdown is 0, got 1"},
      {"base = 3\n",
       "x.toml:1:8: error: base must be a string (a path relative to this file), got integer"},
      {"base = \"missing.toml\"\n",
       "x.toml:1:8: error: cannot open base 'missing.toml': No such file or directory"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(Errors(c.text) == c.expected);
  }
}

TEST_CASE("All problems are reported together, sorted by position", "[scenario]") {
  const std::string text =
      "[simulation]\nreplications = 0\n"
      "[seoul]\ndiscount = \"x\"\nblame_weight = -1\n"
      "[protokol]\nfirst = 1\n";
  CHECK(Errors(text) ==
        "x.toml:2:16: error: simulation.replications must be in [1, 10000000], got 0\n"
        "x.toml:4:12: error: seoul.discount must be a number, got string\n"
        "x.toml:5:16: error: seoul.blame_weight must be >= 0, got -1\n"
        "x.toml:6:2: error: unknown key 'protokol'; did you mean 'protocol'?");
}

TEST_CASE("At most 20 problems, then a count of the rest", "[scenario]") {
  std::string text = "[seoul]\n";
  for (int i = 0; i < 25; ++i) text += "unknown_" + std::to_string(100 + i) + " = 1\n";
  const std::string errors = Errors(text);
  CHECK(std::count(errors.begin(), errors.end(), '\n') == 20);
  CHECK(errors.substr(errors.rfind('\n') + 1) == "x.toml: note: too many errors; 5 more not shown");
}

TEST_CASE("Override problems name the flag", "[scenario]") {
  CHECK(Errors("", {Set("pyongyang.discount=1.2")}) ==
        "--set pyongyang.discount=1.2: error: pyongyang.discount must be in (0, 1], got 1.2");
  CHECK(Errors("", {Set("pyongyang.discont=0.9")}) ==
        "--set pyongyang.discont=0.9: error: unknown key 'pyongyang.discont'; did you mean "
        "'pyongyang.discount'?");
  CHECK(Errors("", {Set("seoul.discount=high")}) ==
        "--set seoul.discount=high: error: seoul.discount must be a number, got string");
  CHECK(Errors("", {Set("protocol.first=north")}) ==
        "--set protocol.first=north: error: protocol.first must be \"seoul\" or \"pyongyang\", "
        "got \"north\"");
  CHECK(Errors("", {Set("base=other.toml")}) ==
        "--set base=other.toml: error: base can only be set in a scenario file");
  CHECK(Errors("", {{"simulation.replications", "0", "--replications 0"}}) ==
        "--replications 0: error: simulation.replications must be in [1, 10000000], got 0");
  // File problems come first, then the flags in command-line order.
  CHECK(Errors("[seoul]\ndiscount = 2\n", {Set("deal.g=3"), Set("seoul.pi=x")}) ==
        "x.toml:2:12: error: seoul.discount must be in (0, 1], got 2\n"
        "--set deal.g=3: error: deal.g must be in [0, 1], got 3\n"
        "--set seoul.pi=x: error: seoul.pi must be a number, got string");
  // An override that fixes the problem in the file clears it.
  CHECK(Errors("[seoul]\ndiscount = 2\n", {Set("seoul.discount=0.5")}).empty());
}

TEST_CASE("A missing or unreadable file", "[scenario]") {
  CHECK_THROWS_WITH(LoadScenario("no/such/file.toml"),
                    "no/such/file.toml: error: cannot open: No such file or directory");
  const TempDir dir("unreadable");
  CHECK_THROWS_WITH(LoadScenario(dir.path().string()),
                    dir.path().string() + ": error: cannot open: Is a directory");
}

TEST_CASE("base: inherit, override, and report problems in the right file", "[scenario]") {
  const TempDir dir("base");
  dir.Write("root.toml",
            "[scenario]\nname = \"root\"\ndescription = \"the root\"\n"
            "[seoul]\ndiscount = 0.9\npi = 470\n[deal]\nm = { min = 0, max = 150 }\n");
  const std::string child = dir.Write(
      "sub/child.toml", "base = \"../root.toml\"\n[seoul]\ndiscount = 0.8\n[deal]\nbeta = 1\n");
  const Scenario s = LoadScenario(child);
  CHECK(s.parameters.name == "child");  // not inherited
  CHECK(s.parameters.description.empty());
  CHECK(s.parameters.seoul.discount == 0.8);
  CHECK(s.parameters.seoul.pi == 470.0);
  CHECK(s.parameters.deal.m.max == 150.0);
  CHECK(s.parameters.deal.beta.fixed == 1.0);
  const std::string root = (dir.path() / "sub/../root.toml").lexically_normal().string();
  CHECK(FormatPosition(s.PositionOf("seoul.pi")) == root + ":6:6");
  CHECK(FormatPosition(s.PositionOf("seoul.discount")) == child + ":3:12");

  // A grandchild, with an error in each file: the base's comes first.
  dir.Write("bad_root.toml", "[seoul]\ndiscount = 7\n");
  const std::string bad_child =
      dir.Write("bad_child.toml", "base = \"bad_root.toml\"\n[pyongyang]\ndiscount = 7\n");
  CHECK_THROWS_WITH(LoadScenario(bad_child),
                    (dir.path() / "bad_root.toml").string() +
                        ":2:12: error: seoul.discount must be in (0, 1], got 7\n" + bad_child +
                        ":3:12: error: pyongyang.discount must be in (0, 1], got 7");
}

TEST_CASE("base: cycles are rejected", "[scenario]") {
  const TempDir dir("cycle");
  const std::string a = dir.Write("a.toml", "base = \"b.toml\"\n");
  const std::string b = dir.Write("b.toml", "base = \"a.toml\"\n");
  CHECK_THROWS_WITH(LoadScenario(a), b + ":1:8: error: base cycle: " + a + " -> " + b + " -> " + a);
  const std::string self = dir.Write("self.toml", "base = \"./self.toml\"\n");
  CHECK_THROWS_WITH(LoadScenario(self), self + ":1:8: error: base cycle: " + self + " -> " + self);
}

TEST_CASE("Shipped scenarios load: counterfactuals differ from the baseline only as stated",
          "[scenario]") {
  const std::string dir = std::string(KAESONG_SOURCE_DIR) + "/scenarios/";
  const model::Parameters base = LoadScenario(dir + "kaesong_2013.toml").parameters;
  CHECK(base.name == "kaesong_2013");
  CHECK(base.calendar.round_dates.size() == 7);
  const model::Parameters blame = LoadScenario(dir + "seoul_insists_full_blame.toml").parameters;
  CHECK(blame.name == "seoul_insists_full_blame");
  CHECK(blame.deal.beta.fixed == 1.0);
  CHECK(blame.pyongyang.blame_weight == base.pyongyang.blame_weight);
  const model::Parameters insurance = LoadScenario(dir + "no_insurance.toml").parameters;
  CHECK(!insurance.seoul.outside_option);
  CHECK(base.seoul.outside_option);
  const model::Parameters drills = LoadScenario(dir + "no_drills.toml").parameters;
  CHECK(drills.calendar.drills.empty());
  CHECK(drills.calendar.round_dates == base.calendar.round_dates);
  const model::Parameters patient = LoadScenario(dir + "patient_pyongyang.toml").parameters;
  CHECK(patient.pyongyang.discount > base.pyongyang.discount);
  const model::Parameters guarantee =
      LoadScenario(dir + "strong_guarantee_required.toml").parameters;
  CHECK(guarantee.deal.g.min == 0.8);
  // The reference hides the face cost; the complete-information variant differs from it only
  // in the information structure and what it needs (the protocol, Seoul's audience value).
  CHECK(base.solution.solution_concept == model::SolutionConcept::kPbe);
  CHECK(base.information.hidden == model::HiddenParameter::kBlameWeight);
  CHECK(base.information.values.size() == 3);
  CHECK(insurance.information.prior == base.information.prior);
  const model::Parameters complete = LoadScenario(dir + "kaesong_2013_complete.toml").parameters;
  CHECK(complete.information.hidden == model::HiddenParameter::kNone);
  CHECK(complete.information.values.empty());
  CHECK(complete.solution.solution_concept == model::SolutionConcept::kQre);
  CHECK(complete.protocol.order == model::ProposerOrder::kAlternate);
  CHECK(complete.calendar.round_dates == base.calendar.round_dates);
  CHECK(complete.seoul.outside_option == base.seoul.outside_option);
  CHECK(complete.pyongyang.blame_weight == base.information.values[1]);
  const model::Parameters simultaneous =
      LoadScenario(dir + "kaesong_2013_simultaneous.toml").parameters;
  CHECK(simultaneous.information.hidden == model::HiddenParameter::kNone);
  CHECK(simultaneous.seoul.blame_weight == complete.seoul.blame_weight);
}

TEST_CASE("Limit scenarios: pie 1, only m live", "[scenario]") {
  const std::string dir = std::string(KAESONG_SOURCE_DIR) + "/scenarios/limits/";
  for (const char* name : {"rubinstein", "stahl", "brw", "outside_option", "grim_trigger"}) {
    INFO(name);
    const model::Parameters p = LoadScenario(dir + name + ".toml").parameters;
    CHECK(p.name == name);
    CHECK(p.seoul.pi == 1.0);
    CHECK(p.deal.g.fixed.has_value());
    CHECK(p.deal.beta.fixed == 0.0);
    CHECK(p.seoul.guarantee_weight == 0.0);
    CHECK(p.seoul.blame_weight == 0.0);
    CHECK(p.pyongyang.guarantee_weight == 0.0);
    CHECK(p.pyongyang.blame_weight == 0.0);
    CHECK(p.deal.m.Lo() >= 0.0);
    CHECK(p.deal.m.Hi() <= 1.0);
  }
}

// Random edits of shipped scenarios: each mutant either loads (valid parameters, and its resolved
// form loads back to the same resolved text) or throws ScenarioError with positioned
// diagnostics on this file; nothing else, no crash, no hang.
TEST_CASE("Mutated scenario files load or throw ScenarioError", "[scenario][fuzz]") {
  const std::string dir = std::string(KAESONG_SOURCE_DIR) + "/scenarios/";
  std::vector<std::string> seeds;
  for (const char* name : {"kaesong_2013.toml", "limits/brw.toml", "limits/outside_option.toml"}) {
    std::ifstream in(dir + name);
    seeds.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const std::string alphabet("[]{}=\",.-+:e0123456789 \n#_abcdefghilmnopqrstuvwxyz\x00\xff", 52);
  const std::uint64_t seed = 20130814;
  testing::TextMutator mutator(seed, alphabet);
  int loaded = 0;
  int rejected = 0;
  for (int round = 0; round < 3000; ++round) {
    const std::string text = mutator.Mutate(seeds[mutator.Below(seeds.size())]);
    INFO("seed " << seed << ", round " << round << ", text:\n" << text);
    try {
      const Scenario scenario = LoadScenarioText(text, "mutant.toml");
      ++loaded;
      const std::string resolved = WriteResolvedScenario(scenario.parameters);
      REQUIRE(WriteResolvedScenario(LoadScenarioText(resolved, "resolved.toml").parameters) ==
              resolved);
    } catch (const ScenarioError& e) {
      ++rejected;
      REQUIRE_FALSE(e.diagnostics().empty());
      REQUIRE(std::string(e.what()).rfind("mutant.toml:", 0) == 0);
    }
  }
  CHECK(loaded > 20);
  CHECK(rejected > 600);
}

}  // namespace
}  // namespace kaesong::io
