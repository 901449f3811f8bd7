#include "models/kaesong/validate.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace kaesong::model {
namespace {

// 2013-08-19 and 2013-08-30 as days since 1970-01-01.
constexpr Day kAug19 = 15936;
constexpr Day kAug30 = 15947;

// A valid screening game (solution.concept = "pbe") with the face cost hidden over `values`.
void Screening(Parameters& p, std::vector<double> values = {10, 20},
               HiddenParameter hidden = HiddenParameter::kBlameWeight) {
  p.solution.solution_concept = SolutionConcept::kPbe;
  p.protocol.order = ProposerOrder::kFixed;
  p.information.hidden = hidden;
  p.information.values = std::move(values);
}

std::vector<std::string> Messages(const Parameters& p) {
  std::vector<std::string> out;
  for (const ParameterIssue& issue : ValidateParameters(p)) out.push_back(issue.message);
  return out;
}

TEST_CASE("Default parameters are valid", "[validate]") {
  CHECK(ValidateParameters(Parameters{}).empty());
}

TEST_CASE("Each rule reports its key and an exact message", "[validate]") {
  struct Case {
    std::string key;
    std::function<void(Parameters&)> edit;
    std::string message;
  };
  const double nan = std::nan("");
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<Case> cases = {
      {"deal.m.min", [](Parameters& p) { p.deal.m.min = -1; }, "deal.m.min must be >= 0, got -1"},
      {"deal.m.min", [](Parameters& p) { p.deal.m.min = 250; },
       "deal.m.min must be <= deal.m.max (200), got 250"},
      {"deal.m.max", [inf](Parameters& p) { p.deal.m.max = inf; },
       "deal.m.max must be a finite number, got inf"},
      {"deal.m.grid", [](Parameters& p) { p.deal.m.grid = 1; },
       "deal.m.grid must be in [2, 1001], got 1"},
      {"deal.m", [](Parameters& p) { p.deal.m.fixed = -5; }, "deal.m must be >= 0, got -5"},
      {"deal.g", [](Parameters& p) { p.deal.g.fixed = 1.5; }, "deal.g must be in [0, 1], got 1.5"},
      {"deal.beta.max", [](Parameters& p) { p.deal.beta.max = 2; },
       "deal.beta.max must be in [0, 1], got 2"},
      {"deal.beta.min", [nan](Parameters& p) { p.deal.beta.min = nan; },
       "deal.beta.min must be in [0, 1], got nan"},
      {"seoul.pi", [inf](Parameters& p) { p.seoul.pi = -inf; },
       "seoul.pi must be a finite number, got -inf"},
      {"seoul.guarantee_weight", [](Parameters& p) { p.seoul.guarantee_weight = -1; },
       "seoul.guarantee_weight must be >= 0, got -1"},
      {"pyongyang.blame_weight", [](Parameters& p) { p.pyongyang.blame_weight = -0.5; },
       "pyongyang.blame_weight must be >= 0, got -0.5"},
      {"pyongyang.discount", [](Parameters& p) { p.pyongyang.discount = 1.2; },
       "pyongyang.discount must be in (0, 1], got 1.2"},
      {"seoul.discount", [](Parameters& p) { p.seoul.discount = 0; },
       "seoul.discount must be in (0, 1], got 0"},
      {"seoul.discount", [](Parameters& p) { p.seoul.discount = 1; },
       "seoul.discount must be < 1 when protocol.rounds is \"infinite\" and protocol.breakdown "
       "is 0, got 1"},
      {"seoul.impasse", [nan](Parameters& p) { p.seoul.impasse = nan; },
       "seoul.impasse must be a finite number, got nan"},
      {"pyongyang.breakdown_payoff", [inf](Parameters& p) { p.pyongyang.breakdown_payoff = inf; },
       "pyongyang.breakdown_payoff must be a finite number, got inf"},
      {"seoul.outside_option", [inf](Parameters& p) { p.seoul.outside_option = inf; },
       "seoul.outside_option must be a finite number, got inf"},
      {"pyongyang.temptation_mean", [](Parameters& p) { p.pyongyang.temptation.mean = -3; },
       "pyongyang.temptation_mean must be >= 0, got -3"},
      {"seoul.temptation_drill_mean", [](Parameters& p) { p.seoul.temptation.drill_mean = -1; },
       "seoul.temptation_drill_mean must be >= 0, got -1"},
      {"durability.penalty_max", [](Parameters& p) { p.durability.penalty_max = -10; },
       "durability.penalty_max must be >= 0, got -10"},
      {"durability.discount", [](Parameters& p) { p.durability.discount = 1; },
       "durability.discount must be in (0, 1), got 1"},
      {"durability.drill_share", [](Parameters& p) { p.durability.drill_share = 1.1; },
       "durability.drill_share must be in [0, 1], got 1.1"},
      {"protocol.seoul_proposes_prob", [](Parameters& p) { p.protocol.seoul_proposes_prob = -0.1; },
       "protocol.seoul_proposes_prob must be in [0, 1], got -0.1"},
      {"protocol.rounds", [](Parameters& p) { p.protocol.rounds = 0; },
       "protocol.rounds must be in [1, 10000], got 0"},
      {"protocol.breakdown", [](Parameters& p) { p.protocol.breakdown = 2; },
       "protocol.breakdown must be in [0, 1], got 2"},
      {"protocol.drill_breakdown",
       [](Parameters& p) {
         p.protocol.breakdown = 0.75;
         p.protocol.drill_breakdown = 0.5;
       },
       "protocol.breakdown + protocol.drill_breakdown must be <= 1, got 0.75 + 0.5"},
      {"calendar.rounds[2]",
       [](Parameters& p) { p.calendar.round_dates = {kAug19, kAug30, kAug30}; },
       "calendar.rounds[2] must be after calendar.rounds[1] (2013-08-30), got 2013-08-30"},
      {"calendar.spacing_days", [](Parameters& p) { p.calendar.spacing_days = 0; },
       "calendar.spacing_days must be in [1, 3650], got 0"},
      {"calendar.drills[1].end",
       [](Parameters& p) { p.calendar.drills = {{kAug19, kAug30}, {kAug30, kAug19}}; },
       "calendar.drills[1].end must be on or after calendar.drills[1].start (2013-08-30), got "
       "2013-08-19"},
      {"solution.lambda", [](Parameters& p) { p.solution.lambda = 0; },
       "solution.lambda must be > 0, got 0"},
      {"solution.tolerance", [](Parameters& p) { p.solution.tolerance = -1e-9; },
       "solution.tolerance must be > 0, got -1e-09"},
      {"solution.max_iterations", [](Parameters& p) { p.solution.max_iterations = 0; },
       "solution.max_iterations must be in [1, 2147483647], got 0"},
      {"protocol.order", [](Parameters& p) { p.solution.solution_concept = SolutionConcept::kPbe; },
       "protocol.order must be \"fixed\" when solution.concept is \"pbe\" (Seoul, the "
       "uninformed side, makes every offer), got \"alternate\""},
      {"protocol.first",
       [](Parameters& p) {
         Screening(p);
         p.protocol.first = Proposer::kPyongyang;
       },
       "protocol.first must be \"seoul\" when solution.concept is \"pbe\" (the uninformed side "
       "screens), got \"pyongyang\""},
      {"information.hidden",
       [](Parameters& p) {
         p.information.hidden = HiddenParameter::kBlameWeight;
         p.information.values = {1, 2};
       },
       "information.hidden needs solution.concept = \"pbe\" or \"qre\" (\"spe\" is a "
       "complete-information concept), got \"spe\""},
      {"protocol.order",
       [](Parameters& p) {
         p.solution.solution_concept = SolutionConcept::kQre;
         p.information.hidden = HiddenParameter::kBlameWeight;
         p.information.values = {1, 2};
       },
       "protocol.order must be \"fixed\" when solution.concept is \"qre\" with "
       "information.hidden set (Seoul, the uninformed side, makes every offer), got \"alternate\""},
      {"information.belief_points",
       [](Parameters& p) {
         Screening(p, {1, 2, 3});
         p.solution.solution_concept = SolutionConcept::kQre;
         p.information.belief_points = 1001;
       },
       "information.belief_points = 1001 gives a lattice of more than 100001 beliefs over 3 types "
       "under solution.concept = \"qre\"; at most 446 points per edge fit with 3 types"},
      {"information.values[1]",
       [](Parameters& p) { Screening(p, {0.9, 1.5}, HiddenParameter::kDiscount); },
       "information.values[1] must be in (0, 1], got 1.5"},
      {"information.values[2]", [](Parameters& p) { Screening(p, {10, 20, 10}); },
       "information.values[2] must differ from information.values[0], got 10 twice"},
      {"information.prior",
       [](Parameters& p) {
         Screening(p);
         p.information.prior = {0.5, 0.4};
       },
       "information.prior must sum to 1, got 0.9"},
      {"information.prior",
       [](Parameters& p) {
         Screening(p);
         p.information.prior = {1.0};
       },
       "information.prior must have one entry per value (2), got 1"},
      {"information.values", [](Parameters& p) { Screening(p, {}); },
       "information.values must list 1 to 64 values, got 0"},
      {"information.belief_points", [](Parameters& p) { p.information.belief_points = 1; },
       "information.belief_points must be in [2, 100001], got 1"},
      {"information.hidden",
       [](Parameters& p) {
         Screening(p, {-10, 0}, HiddenParameter::kBreakdownPayoff);
         p.pyongyang.temptation.kind = TemptationKind::kExponential;
       },
       "information.hidden = \"pyongyang.breakdown_payoff\" needs pyongyang.temptation = "
       "\"none\" (with a temptation the type would change Seoul's value of every deal), got a "
       "temptation"},
      {"deal.m.grid",
       [](Parameters& p) {
         p.deal.m.grid = 1001;
         p.deal.g.grid = 1001;
         p.deal.beta.grid = 1001;
       },
       "the deal grid must have at most 1000000 deals, got 1001 x 1001 x 1001 = 1003003001 "
       "(deal.m.grid, deal.g.grid, deal.beta.grid)"},
      {"seoul.pi", [](Parameters& p) { p.seoul.pi = 1e308; },
       "seoul.pi must be at most 1e12 in magnitude (US$ million), got 1e+308"},
      {"pyongyang.breakdown_payoff", [](Parameters& p) { p.pyongyang.breakdown_payoff = -2e12; },
       "pyongyang.breakdown_payoff must be at most 1e12 in magnitude (US$ million), got -2000000000000"},
      {"deal.m.max", [](Parameters& p) { p.deal.m.max = 1e13; },
       "deal.m.max must be at most 1e12 in magnitude (US$ million), got 10000000000000"},
      {"durability.penalty_max", [](Parameters& p) { p.durability.penalty_max = 5e15; },
       "durability.penalty_max must be at most 1e12 in magnitude (US$ million), got 5000000000000000"},
      {"simulation.replications", [](Parameters& p) { p.simulation.replications = -4; },
       "simulation.replications must be in [1, 10000000], got -4"},
      {"simulation.replications", [](Parameters& p) { p.simulation.replications = 10'000'001; },
       "simulation.replications must be in [1, 10000000], got 10000001"},
      {"simulation.max_rounds", [](Parameters& p) { p.simulation.max_rounds = 0; },
       "simulation.max_rounds must be in [1, 1000000], got 0"},
      {"simulation.seed", [](Parameters& p) { p.simulation.seed = 1ULL << 63; },
       "simulation.seed must be in [0, 9223372036854775807], got 9223372036854775808"},
  };
  for (const Case& c : cases) {
    Parameters p;
    c.edit(p);
    const auto issues = ValidateParameters(p);
    INFO(c.message);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].key == c.key);
    CHECK(issues[0].message == c.message);
  }
}

TEST_CASE("A discount of exactly 1 is valid where the game still ends", "[validate]") {
  Parameters p;
  p.seoul.discount = 1.0;
  p.pyongyang.discount = 1.0;
  CHECK(ValidateParameters(p).size() == 2);  // infinite horizon, no breakdown
  p.protocol.breakdown = 0.1;
  CHECK(ValidateParameters(p).empty());
  p.protocol.breakdown = 0.0;
  p.protocol.rounds = 5;
  CHECK(ValidateParameters(p).empty());
}

TEST_CASE("Fixed dimensions ignore their range parts: boundaries are inclusive", "[validate]") {
  Parameters p;
  p.deal.beta.fixed = 1.0;
  p.deal.beta.min = 5;  // ignored while fixed
  p.deal.beta.grid = 0;
  p.deal.g.min = p.deal.g.max = 1.0;  // min == max is allowed
  p.protocol.breakdown = 0.5;
  p.protocol.drill_breakdown = 0.5;
  p.calendar.drills = {{kAug19, kAug19}};
  p.simulation.replications = 10'000'000;
  p.simulation.seed = (1ULL << 63) - 1;
  CHECK(ValidateParameters(p).empty());
}

TEST_CASE("All problems are reported, in reference key order", "[validate]") {
  Parameters p;
  p.simulation.replications = 0;
  p.pyongyang.discount = 1.2;
  p.deal.m.grid = 1;
  CHECK(Messages(p) == std::vector<std::string>{
                           "deal.m.grid must be in [2, 1001], got 1",
                           "pyongyang.discount must be in (0, 1], got 1.2",
                           "simulation.replications must be in [1, 10000000], got 0"});
}

}  // namespace
}  // namespace kaesong::model
