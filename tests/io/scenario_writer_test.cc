#include "sim/io/scenario_writer.h"

#include "sim/io/scenario.h"
#include "sim/io/scenario_schema.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

namespace kaesong::io {
namespace {

void CheckSameDimension(const model::DealDimension& a, const model::DealDimension& b) {
  CHECK(a.min == b.min);
  CHECK(a.max == b.max);
  CHECK(a.grid == b.grid);
  CHECK(a.fixed == b.fixed);
}

void CheckSameSide(const model::Side& a, const model::Side& b) {
  CHECK(a.pi == b.pi);
  CHECK(a.guarantee_weight == b.guarantee_weight);
  CHECK(a.blame_weight == b.blame_weight);
  CHECK(a.discount == b.discount);
  CHECK(a.impasse == b.impasse);
  CHECK(a.breakdown_payoff == b.breakdown_payoff);
  CHECK(a.outside_option == b.outside_option);
  CHECK(a.outside_option_from == b.outside_option_from);
  CHECK(a.temptation.kind == b.temptation.kind);
  CHECK(a.temptation.mean == b.temptation.mean);
  CHECK(a.temptation.drill_mean == b.temptation.drill_mean);
}

// Field by field, so that a field the writer forgets fails here.
void CheckSame(const model::Parameters& a, const model::Parameters& b) {
  CHECK(a.name == b.name);
  CHECK(a.description == b.description);
  CheckSameDimension(a.deal.m, b.deal.m);
  CheckSameDimension(a.deal.g, b.deal.g);
  CheckSameDimension(a.deal.beta, b.deal.beta);
  CheckSameSide(a.seoul, b.seoul);
  CheckSameSide(a.pyongyang, b.pyongyang);
  CHECK(a.durability.penalty_max == b.durability.penalty_max);
  CHECK(a.durability.discount == b.durability.discount);
  CHECK(a.durability.drill_share == b.durability.drill_share);
  CHECK(a.durability.seoul_may_shut == b.durability.seoul_may_shut);
  CHECK(a.protocol.kind == b.protocol.kind);
  CHECK(a.protocol.first == b.protocol.first);
  CHECK(a.protocol.order == b.protocol.order);
  CHECK(a.protocol.seoul_proposes_prob == b.protocol.seoul_proposes_prob);
  CHECK(a.protocol.rounds == b.protocol.rounds);
  CHECK(a.protocol.breakdown == b.protocol.breakdown);
  CHECK(a.protocol.drill_breakdown == b.protocol.drill_breakdown);
  CHECK(a.calendar.round_dates == b.calendar.round_dates);
  CHECK(a.calendar.spacing_days == b.calendar.spacing_days);
  REQUIRE(a.calendar.drills.size() == b.calendar.drills.size());
  for (std::size_t i = 0; i < a.calendar.drills.size(); ++i) {
    CHECK(a.calendar.drills[i].start == b.calendar.drills[i].start);
    CHECK(a.calendar.drills[i].end == b.calendar.drills[i].end);
  }
  CHECK(a.solution.solution_concept == b.solution.solution_concept);
  CHECK(a.solution.lambda == b.solution.lambda);
  CHECK(a.solution.tolerance == b.solution.tolerance);
  CHECK(a.solution.max_iterations == b.solution.max_iterations);
  CHECK(a.simulation.replications == b.simulation.replications);
  CHECK(a.simulation.seed == b.simulation.seed);
  CHECK(a.simulation.max_rounds == b.simulation.max_rounds);
}

// Every field away from its default, with awkward numbers and text.
model::Parameters Unusual() {
  model::Parameters p;
  p.name = "odd \"name\", with\ttab";
  p.description = "line one\nline two \\ backslash";
  p.deal.m = {0.1, 123.456789012345678, 17, std::nullopt};
  p.deal.g.fixed = 1.0 / 3.0;        // fixed with the default range: written as a number
  p.deal.beta = {0.2, 0.8, 4, 0.5};  // fixed with its own range: written as a table
  p.seoul = {470.0,          1e-300, 2.5e10,
             0.999999999999, -300.0, -200.0,
             -175.25,        15924,  {model::TemptationKind::kFixed, 5.0, 6.0}};
  p.pyongyang = {0.0,          40.0,         120.0,
                 1.0,          -0.0,         -20.0,
                 std::nullopt, std::nullopt, {model::TemptationKind::kExponential, 30.0, 120.0}};
  p.durability = {1000.0, 0.1 + 0.2, 0.2, true};
  p.protocol.kind = model::ProtocolKind::kSimultaneous;
  p.protocol.first = model::Proposer::kPyongyang;
  p.protocol.order = model::ProposerOrder::kRandom;
  p.protocol.seoul_proposes_prob = 0.3;
  p.protocol.rounds = 12;
  p.protocol.breakdown = 0.05;
  p.protocol.drill_breakdown = 0.15;
  p.calendar.round_dates = {15892, 15896, 15931};
  p.calendar.spacing_days = 3;
  p.calendar.drills = {{15936, 15947}, {15950, 15950}};
  p.solution.solution_concept = model::SolutionConcept::kQre;
  p.solution.lambda = 0.05;
  p.solution.tolerance = 1e-12;
  p.solution.max_iterations = 7;
  p.simulation.replications = 20;
  p.simulation.seed = 9223372036854775807ULL;
  p.simulation.max_rounds = 250;
  return p;
}

TEST_CASE("The resolved scenario loads back to identical parameters", "[scenario_writer]") {
  SECTION("defaults") {
    model::Parameters p;
    p.name = "defaults";
    CheckSame(LoadScenarioText(WriteResolvedScenario(p), "r.toml").parameters, p);
  }
  SECTION("every field changed") {
    const model::Parameters p = Unusual();
    const std::string text = WriteResolvedScenario(p, "header\n\nlines");
    CheckSame(LoadScenarioText(text, "r.toml").parameters, p);
    // Writing is a fixed point.
    CHECK(WriteResolvedScenario(LoadScenarioText(text, "r.toml").parameters, "header\n\nlines") ==
          text);
  }
  SECTION("shipped scenarios") {
    const std::string dir = std::string(KAESONG_SOURCE_DIR) + "/scenarios/";
    for (const char* name : {"kaesong_2013", "kaesong_2013_complete", "no_insurance", "no_drills",
                             "seoul_insists_full_blame", "strong_guarantee_required",
                             "patient_pyongyang", "limits/rubinstein", "limits/stahl", "limits/brw",
                             "limits/outside_option", "limits/grim_trigger"}) {
      INFO(name);
      const model::Parameters p = LoadScenario(dir + name + ".toml").parameters;
      CheckSame(LoadScenarioText(WriteResolvedScenario(p), "r.toml").parameters, p);
    }
  }
}

TEST_CASE("The resolved scenario lists every key", "[scenario_writer]") {
  const std::string text = WriteResolvedScenario(Unusual());
  for (const KeySpec& key : ScenarioKeys()) {
    const std::string leaf = key.name.substr(key.name.rfind('.') + 1);
    if (key.name.find('.') != key.name.rfind('.')) continue;  // deal.m.min etc.: inside deal.m
    INFO(key.name);
    CHECK(text.find("\n" + leaf + " = ") != std::string::npos);
  }
}

TEST_CASE("Resolved scenario text: layout and value formats", "[scenario_writer]") {
  const std::string text = WriteResolvedScenario(Unusual(), "Source: x.toml\n\nnote");
  CHECK(text.rfind("# Source: x.toml\n#\n# note\n\n[scenario]\n", 0) == 0);
  CHECK(text.find("name = \"odd \\\"name\\\", with\\ttab\"\n") != std::string::npos);
  CHECK(text.find("description = \"line one\\nline two \\\\ backslash\"\n") != std::string::npos);
  CHECK(text.find("m = { min = 0.1, max = 123.45678901234568, grid = 17 }\n") != std::string::npos);
  CHECK(text.find("g = 0.3333333333333333\n") != std::string::npos);
  CHECK(text.find("beta = { min = 0.2, max = 0.8, grid = 4, fixed = 0.5 }\n") != std::string::npos);
  CHECK(text.find("outside_option_from = 2013-08-07\n") != std::string::npos);
  CHECK(text.find("outside_option_from = \"none\"\n") != std::string::npos);
  CHECK(text.find("impasse = -0.0\n") != std::string::npos);
  CHECK(text.find("discount = 0.30000000000000004\n") != std::string::npos);
  CHECK(text.find("rounds = [2013-07-06, 2013-07-10, 2013-08-14]\n") != std::string::npos);
  CHECK(text.find("drills = [{ start = 2013-08-19, end = 2013-08-30 }, "
                  "{ start = 2013-09-02, end = 2013-09-02 }]\n") != std::string::npos);
  CHECK(text.find("seed = 9223372036854775807\n") != std::string::npos);
  model::Parameters infinite;
  CHECK(WriteResolvedScenario(infinite).find("\nrounds = \"infinite\"\n") != std::string::npos);
}

TEST_CASE("TomlNumber round-trips and always reads as a float", "[scenario_writer]") {
  CHECK(TomlNumber(90) == "90.0");
  CHECK(TomlNumber(0.1) == "0.1");
  CHECK(TomlNumber(-0.0) == "-0.0");
  CHECK(TomlNumber(1e-10) == "1e-10");
  CHECK(TomlNumber(1e300) == "1e+300");
  CHECK(TomlNumber(std::numeric_limits<double>::infinity()) == "inf");
  CHECK(TomlNumber(std::nan("")) == "nan");
}

}  // namespace
}  // namespace kaesong::io
