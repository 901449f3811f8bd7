// Monte Carlo replications (sim/engine): determinism by seed and independence of a replication's
// draws from the number of replications, realised values matching the equilibrium values as a
// law-of-large-numbers check with tolerances from the sample standard deviation, outcome shares
// matching the exact outcome distribution, the round cap of an infinite horizon, and the records.
#include "models/kaesong/negotiation.h"
#include "sim/engine/run.h"
#include "sim/engine/simulate.h"
#include "tests/models/kaesong_fixtures.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <cmath>
#include <stdexcept>

namespace kaesong::engine {
namespace {

using model::Parameters;
using model::SolutionConcept;

// Equal numbers, or both NaN (an offer of "no acceptable draft" reads nan).
bool Same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

bool SameRecord(const RoundRecord& a, const RoundRecord& b) {
  return a.replication == b.replication && a.round == b.round && a.date == b.date &&
         a.proposer == b.proposer && Same(a.offer_m, b.offer_m) && Same(a.offer_g, b.offer_g) &&
         Same(a.offer_beta, b.offer_beta) && a.accepted == b.accepted &&
         a.opted_out == b.opted_out && a.breakdown == b.breakdown && a.drill == b.drill &&
         a.seoul_option_active == b.seoul_option_active &&
         a.pyongyang_option_active == b.pyongyang_option_active &&
         Same(a.value_seoul, b.value_seoul) && Same(a.value_pyongyang, b.value_pyongyang) &&
         a.type == b.type && a.belief_state == b.belief_state;
}

Parameters QreScenario() {
  Parameters p = model::testing::Kaesong2013Like(true);
  p.solution.solution_concept = SolutionConcept::kQre;
  p.seoul.outside_option = 300.0;
  p.seoul.outside_option_from = p.calendar.round_dates[1];  // from round 2
  return p;
}

TEST_CASE("Same seed, same records: a replication does not depend on how many run", "[engine]") {
  const Parameters p = QreScenario();
  const RunResult a = RunScenario(p, RunOptions{200, 99, true});
  const RunResult b = RunScenario(p, RunOptions{200, 99, true});
  const RunResult few = RunScenario(p, RunOptions{50, 99, true});
  REQUIRE(a.rounds.size() == b.rounds.size());
  for (std::size_t k = 0; k < a.rounds.size(); ++k) REQUIRE(SameRecord(a.rounds[k], b.rounds[k]));
  REQUIRE(few.rounds.size() < a.rounds.size());
  for (std::size_t k = 0; k < few.rounds.size(); ++k) REQUIRE(SameRecord(few.rounds[k], a.rounds[k]));
  CHECK(a.rounds[few.rounds.size()].replication == 50);
  const RunResult other = RunScenario(p, RunOptions{200, 100, true});
  bool differ = other.rounds.size() != a.rounds.size();
  for (std::size_t k = 0; !differ && k < a.rounds.size(); ++k) {
    differ = !SameRecord(a.rounds[k], other.rounds[k]);
  }
  CHECK(differ);
  CHECK(a.summary.agree_prob == b.summary.agree_prob);
  CHECK(a.summary.mean_value_seoul == b.summary.mean_value_seoul);
}

TEST_CASE("Records follow the rounds and their dated states", "[engine]") {
  const Parameters p = QreScenario();
  const RunResult r = RunScenario(p, RunOptions{300, 7, true});
  int previous_replication = -1, previous_round = 0;
  for (const RoundRecord& rec : r.rounds) {
    if (rec.replication != previous_replication) {
      CHECK(rec.replication == previous_replication + 1);
      CHECK(rec.round == 1);
    } else {
      CHECK(rec.round == previous_round + 1);
    }
    previous_replication = rec.replication;
    previous_round = rec.round;
    CHECK(rec.proposer == (rec.round % 2 ? model::Proposer::kSeoul : model::Proposer::kPyongyang));
    CHECK(rec.drill == (rec.round >= 7 && rec.round <= 9));
    CHECK(rec.seoul_option_active == (rec.round >= 2));
    CHECK_FALSE(rec.pyongyang_option_active);
    CHECK(int(rec.accepted) + int(rec.opted_out) + int(rec.breakdown) <= 1);
  }
  CHECK(previous_replication == 299);
}

struct Sample {
  double mean_seoul = 0, mean_pyongyang = 0, sd_seoul = 0, sd_pyongyang = 0;
  double agree = 0, breakdown = 0, opt_out = 0, unresolved = 0;
};

Sample Simulate(const Parameters& p, const model::NegotiationSolution& s, int n) {
  const Simulator sim(p, s);
  Sample out;
  double ss = 0, sp = 0;
  for (int r = 0; r < n; ++r) {
    const ReplicationOutcome o = sim.Run(2024, r, nullptr);
    out.mean_seoul += o.value_seoul;
    out.mean_pyongyang += o.value_pyongyang;
    ss += o.value_seoul * o.value_seoul;
    sp += o.value_pyongyang * o.value_pyongyang;
    out.agree += o.ending == Ending::kAgreement;
    out.breakdown += o.ending == Ending::kBreakdown;
    out.opt_out += o.ending == Ending::kOptOut;
    out.unresolved += o.ending == Ending::kUnresolved;
  }
  out.mean_seoul /= n;
  out.mean_pyongyang /= n;
  out.sd_seoul = std::sqrt(std::max(0.0, ss / n - out.mean_seoul * out.mean_seoul));
  out.sd_pyongyang = std::sqrt(std::max(0.0, sp / n - out.mean_pyongyang * out.mean_pyongyang));
  out.agree /= n;
  out.breakdown /= n;
  out.opt_out /= n;
  out.unresolved /= n;
  return out;
}

TEST_CASE("Law of large numbers: realised values and outcome shares match the equilibrium",
          "[engine]") {
  const int kind = GENERATE(0, 1, 2, 3, 4, 5);
  Parameters p = QreScenario();
  if (kind == 1) {  // SPE with a random proposer and an infinite horizon
    p = model::testing::Kaesong2013Like(true);
    p.protocol.order = model::ProposerOrder::kRandom;
    p.protocol.seoul_proposes_prob = 0.6;
    p.protocol.rounds.reset();
  } else if (kind == 2) {  // QRE, infinite horizon cut at 3 rounds: the cap keeps values unbiased
    p.protocol.rounds.reset();
    p.protocol.breakdown = 0.0;
    p.simulation.max_rounds = 3;
  } else if (kind == 3) {  // one-issue QRE limit case with impasse flows and breakdown payoffs
    p = model::testing::LimitCase(0.9, 0.8, model::Proposer::kPyongyang, 8);
    p.solution.solution_concept = SolutionConcept::kQre;
    p.solution.lambda = 30.0;
    p.protocol.breakdown = 0.1;
    p.seoul.impasse = -0.2;
    p.pyongyang.impasse = 0.05;
    p.seoul.breakdown_payoff = 0.1;
  } else if (kind == 4) {  // simultaneous drafts, QRE, Seoul may walk away from round 2
    p.protocol.kind = model::ProtocolKind::kSimultaneous;
    p.protocol.drafts = 6;
    p.solution.lambda = 0.05;
  } else if (kind == 5) {  // simultaneous drafts, Markov perfect, infinite horizon
    p = model::testing::Kaesong2013Like(true);
    p.protocol.kind = model::ProtocolKind::kSimultaneous;
    p.protocol.rounds.reset();
  }
  CAPTURE(kind);
  const model::NegotiationSolution s = model::SolveNegotiation(p);
  REQUIRE(s.ok());
  const int n = 40000;
  const Sample sample = Simulate(p, s, n);
  CHECK(std::abs(sample.mean_seoul - s.value_seoul()) <= 4.0 * sample.sd_seoul / std::sqrt(n) + 1e-9);
  CHECK(std::abs(sample.mean_pyongyang - s.value_pyongyang()) <=
        4.0 * sample.sd_pyongyang / std::sqrt(n) + 1e-9);
  const model::OutcomeDistribution d = model::ComputeOutcomes(s, std::max(1, p.simulation.max_rounds));
  const auto close = [&](double share, double prob) {
    return std::abs(share - prob) <= 4.0 * std::sqrt(prob * (1 - prob) / n) + 1e-12;
  };
  CHECK(close(sample.agree, d.agree));
  CHECK(close(sample.breakdown, d.breakdown));
  CHECK(close(sample.opt_out, d.opt_out));
  CHECK(close(sample.unresolved, d.unresolved));
  if (kind == 2) CHECK(sample.unresolved > 0.0);
  if (kind == 0 || kind == 4) CHECK(sample.opt_out > 0.0);
  // RunScenario's summary aggregates the same replications.
  const RunResult run = RunScenario(p, RunOptions{n, 2024, false});
  CHECK(run.rounds.empty());
  CHECK(run.summary.mean_value_seoul == Approx(sample.mean_seoul).epsilon(1e-12));
  CHECK(run.summary.agree_prob == sample.agree);
  CHECK(run.summary.equilibrium_value_seoul == s.value_seoul());
  CHECK(run.summary.solver_status == "success");
}

TEST_CASE("SPE runs agree in round 1 on the equilibrium offer", "[engine][spe]") {
  const Parameters p = model::testing::Kaesong2013Like(true);
  const RunResult r = RunScenario(p, RunOptions{1000, 3, true});
  const model::NegotiationSolution s = model::SolveNegotiation(p);
  const model::Proposal& first = s.Round(1).proposal[0];
  REQUIRE(first.accept_prob == 1.0);
  CHECK(r.rounds.size() == 1000u);
  CHECK(r.summary.agree_prob == 1.0);
  CHECK(r.summary.mean_agreement_round == 1.0);
  CHECK(r.summary.mean_agreement_day == p.calendar.round_dates[0]);
  CHECK(r.summary.mean_m == Approx(first.offer.m));
  CHECK(r.summary.first_offer_m == first.offer.m);
  CHECK(r.summary.first_offer_accept_prob == 1.0);
  CHECK(r.summary.mean_value_seoul == Approx(s.value_seoul()));
  CHECK(r.summary.shutdown_hazard == Approx(first.offer_value.hazard));
}

TEST_CASE("RunScenario refuses what the model does not cover", "[engine]") {
  Parameters p = model::testing::Kaesong2013Like(false);
  p.protocol.drafts = 0;
  CHECK_THROWS_WITH(RunScenario(p, RunOptions{}), "protocol.drafts must be in [1, 64], got 0");
  p.protocol.drafts = 9;
  CHECK_THROWS_AS(RunScenario(p, RunOptions{-1, 1, true}), std::invalid_argument);
  const RunResult none = RunScenario(p, RunOptions{0, 1, true});
  CHECK(std::isnan(none.summary.agree_prob));
}

TEST_CASE("A set stop flag ends a run between replications: an unset one changes nothing",
          "[engine]") {
  const Parameters p = QreScenario();
  std::atomic<bool> stop{false};
  RunOptions options{300, 7, true};
  const RunResult plain = RunScenario(p, options);
  options.stop = &stop;
  const RunResult watched = RunScenario(p, options);
  REQUIRE(watched.rounds.size() == plain.rounds.size());
  CHECK(watched.summary.agree_prob == plain.summary.agree_prob);
  CHECK(watched.summary.mean_value_seoul == plain.summary.mean_value_seoul);
  stop = true;
  CHECK_THROWS_AS(RunScenario(p, options), RunInterrupted);
}

}  // namespace
}  // namespace kaesong::engine
