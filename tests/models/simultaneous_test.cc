// The simultaneous-drafts protocol (models/kaesong/simultaneous.h): the menu and split rule on a
// one-issue pie worked by hand, the one-round demand game's equilibrium and logit equations
// checked against payoffs recomputed here, a single draft, walking away, and on the 2013-like
// calibration an equilibrium certificate from values recomputed round by round in this file.
#include "models/kaesong/negotiation.h"
#include "models/kaesong/simultaneous.h"
#include "sim/io/stochastic_game_file.h"
#include "sim/solver/markov_qre.h"
#include "tests/models/kaesong_fixtures.h"

#include <catch2/catch.hpp>

#include <numeric>
#include <vector>

#include <algorithm>
#include <cmath>
#include <vector>

namespace kaesong::model {
namespace {

using testing::LimitCase;

Parameters PieDrafts(int drafts, std::optional<int> rounds) {
  Parameters p = LimitCase(0.9, 0.8, Proposer::kSeoul, rounds, 11);  // m in {0, 0.1, ..., 1}
  p.protocol.kind = ProtocolKind::kSimultaneous;
  p.protocol.drafts = drafts;
  return p;
}

// Payoffs of the pair (a, b) of the drafts actions of round `plan` in the test's own terms:
// the menu's pair table, walking away, or the round's impasse (values from the next round).
struct PairPayoff {
  double value[2];
  double go_on;  // probability of reaching the next round
};

PairPayoff Payoff(const Parameters& p, const NegotiationSolution& s, const RoundPlan& plan, int a,
                  int b) {
  const Side* sides[2] = {&p.seoul, &p.pyongyang};
  const int drafts = s.menu.size() + 1;  // the menu, then "hold out"
  const bool walks[2] = {a >= drafts, b >= drafts};
  PairPayoff out{{0.0, 0.0}, 0.0};
  if (walks[0] || walks[1]) {
    for (int i = 0; i < 2; ++i) {
      out.value[i] = walks[i] ? *sides[i]->outside_option : sides[i]->breakdown_payoff;
    }
    return out;
  }
  // Compatible drafts: each meets the other's demand; the deal is the midpoint. A side holding
  // out meets no demand and has none met.
  const bool held = a == s.menu.size() || b == s.menu.size();
  const DealValue& x = s.menu.values[static_cast<std::size_t>(std::min(a, s.menu.size() - 1))];
  const DealValue& y = s.menu.values[static_cast<std::size_t>(std::min(b, s.menu.size() - 1))];
  if (!held && y.seoul >= x.seoul - 1e-12 && x.pyongyang >= y.pyongyang - 1e-12) {
    const std::size_t pair = static_cast<std::size_t>(s.menu.Pair(a, b));
    out.value[0] = s.menu.signed_value[pair].seoul;
    out.value[1] = s.menu.signed_value[pair].pyongyang;
    return out;
  }
  const double q = plan.state.last ? 0.0 : 1.0 - plan.state.breakdown_prob;
  for (int i = 0; i < 2; ++i) {
    out.value[i] = plan.state.last ? sides[i]->breakdown_payoff
                                   : plan.state.breakdown_prob * sides[i]->breakdown_payoff +
                                         q * (1.0 - sides[i]->discount) * sides[i]->impasse;
  }
  out.go_on = q;
  return out;
}

// The stage payoffs of the round with the hold-out convention of simultaneous.h: holding out
// costs 1e-5 of the round's payoff range over both sides (drafts and hold-outs).
PairPayoff StagePayoff(const Parameters& p, const NegotiationSolution& s, const RoundPlan& plan,
                       int a, int b) {
  const int n[2] = {s.menu.size() + 1, s.menu.size() + 1};  // drafts and hold-out, no walking
  double lo[2] = {HUGE_VAL, HUGE_VAL}, hi[2] = {-HUGE_VAL, -HUGE_VAL};
  for (int x = 0; x < n[0]; ++x) {
    for (int y = 0; y < n[1]; ++y) {
      const PairPayoff pay = Payoff(p, s, plan, x, y);
      for (int i = 0; i < 2; ++i) {
        lo[i] = std::min(lo[i], pay.value[i]);
        hi[i] = std::max(hi[i], pay.value[i]);
      }
    }
  }
  PairPayoff out = Payoff(p, s, plan, a, b);
  const int held[2] = {a, b};
  const double range = std::max({hi[0] - lo[0], hi[1] - lo[1], 1.0});
  for (int i = 0; i < 2; ++i) {
    if (held[i] == s.menu.size() && a <= s.menu.size() && b <= s.menu.size()) {
      out.value[i] -= 1e-5 * range;
    }
  }
  return out;
}

// Expected payoff to side i of each of its actions against the other's mix, with continuation
// values `next` (discounted by delta_i).
std::vector<double> ActionValues(const Parameters& p, const NegotiationSolution& s,
                                 const RoundPlan& plan, int i, const double next[2]) {
  const Side* sides[2] = {&p.seoul, &p.pyongyang};
  const Eigen::ArrayXd& own = i == 0 ? plan.drafts.seoul : plan.drafts.pyongyang;
  const Eigen::ArrayXd& other = i == 0 ? plan.drafts.pyongyang : plan.drafts.seoul;
  std::vector<double> values(static_cast<std::size_t>(own.size()), 0.0);
  for (Eigen::Index a = 0; a < own.size(); ++a) {
    for (Eigen::Index b = 0; b < other.size(); ++b) {
      const PairPayoff pay = i == 0 ? StagePayoff(p, s, plan, int(a), int(b))
                                    : StagePayoff(p, s, plan, int(b), int(a));
      values[static_cast<std::size_t>(a)] +=
          other[b] * (pay.value[i] + sides[i]->discount * pay.go_on * next[i]);
    }
  }
  return values;
}

TEST_CASE("Draft menu and split rule on a one-issue pie", "[simultaneous]") {
  const Parameters p = PieDrafts(6, 1);
  const DealValuation valuation(p);
  const DealTable table = TabulateDeals(valuation, DealGrid(p.deal));
  const DraftMenu menu = BuildDraftMenu(p, table, valuation, 6);
  // Every grid deal is on the frontier (V_S = 1 - m, V_P = m); targets V_S = 1, .8, ..., 0.
  CHECK(menu.frontier_size == 11);
  REQUIRE(menu.size() == 6);
  for (int a = 0; a < 6; ++a) CHECK(menu.drafts[a].m == Approx(0.2 * a).margin(1e-12));
  for (int a = 0; a < 6; ++a) {
    for (int b = 0; b < 6; ++b) {
      const std::size_t pair = static_cast<std::size_t>(menu.Pair(a, b));
      // Seoul demands 1 - m_a, Pyongyang m_b: compatible iff m_b <= m_a.
      CHECK(bool(menu.compatible[pair]) == (b <= a));
      if (b <= a) CHECK(menu.signed_deal[pair].m == Approx(0.1 * (a + b)).margin(1e-12));
    }
  }
  // Fewer grid deals than drafts: the menu is the whole frontier; no acceptable deal: empty.
  CHECK(BuildDraftMenu(p, table, valuation, 40).size() == 11);
  Parameters greedy = p;
  greedy.seoul.breakdown_payoff = 0.6;
  greedy.pyongyang.breakdown_payoff = 0.6;
  CHECK(BuildDraftMenu(greedy, table, valuation, 6).size() == 0);
}

TEST_CASE("One-round demand game: a Nash equilibrium, and the logit equations at finite lambda",
          "[simultaneous]") {
  Parameters p = PieDrafts(6, 1);
  p.seoul.breakdown_payoff = 0.05;  // incompatible drafts end the talks: (0.05, 0.1)
  p.pyongyang.breakdown_payoff = 0.1;
  const NegotiationSolution mpe = SolveNegotiation(p);
  INFO(mpe.message);
  REQUIRE(mpe.ok());
  REQUIRE(mpe.dated.size() == 1);
  const RoundPlan& plan = mpe.dated[0];
  const double none[2] = {0.0, 0.0};
  for (int i = 0; i < 2; ++i) {
    const std::vector<double> q = ActionValues(p, mpe, plan, i, none);
    const Eigen::ArrayXd& mix = i == 0 ? plan.drafts.seoul : plan.drafts.pyongyang;
    double mean = 0.0;
    for (Eigen::Index a = 0; a < mix.size(); ++a) mean += mix[a] * q[static_cast<std::size_t>(a)];
    CHECK(*std::max_element(q.begin(), q.end()) - mean <= 1e-9);
    CHECK((i == 0 ? plan.value_seoul : plan.value_pyongyang) == Approx(mean).margin(1e-9));
  }
  CHECK(plan.drafts.agree_prob > 0.0);

  p.solution.solution_concept = SolutionConcept::kQre;
  p.solution.lambda = GENERATE(1.0, 8.0, 40.0);
  const NegotiationSolution qre = SolveNegotiation(p);
  REQUIRE(qre.ok());
  const RoundPlan& r = qre.dated[0];
  for (int i = 0; i < 2; ++i) {
    const std::vector<double> q = ActionValues(p, qre, r, i, none);
    const Eigen::ArrayXd& mix = i == 0 ? r.drafts.seoul : r.drafts.pyongyang;
    for (Eigen::Index a = 1; a < mix.size(); ++a) {  // sigma(a) / sigma(0) = exp(lambda dQ)
      CHECK(std::log(mix[a] / mix[0]) ==
            Approx(p.solution.lambda * (q[static_cast<std::size_t>(a)] - q[0])).margin(1e-8));
    }
  }
}

TEST_CASE("A single draft is signed at once", "[simultaneous]") {
  const NegotiationSolution s = SolveNegotiation(PieDrafts(1, std::nullopt));
  REQUIRE(s.ok());
  REQUIRE(s.menu.size() == 1);
  CHECK(s.menu.drafts[0].m == Approx(0.5));  // the frontier deal nearest the middle of V_S
  CHECK(s.value_seoul() == Approx(0.5));
  CHECK(s.value_pyongyang() == Approx(0.5));
  const OutcomeDistribution d = ComputeOutcomes(s, 100);
  CHECK(d.agree == Approx(1.0));
  CHECK(d.mean_agreement_round == Approx(1.0));
}

TEST_CASE("A side whose outside option beats any deal walks away", "[simultaneous]") {
  Parameters p = PieDrafts(4, 5);
  p.pyongyang.outside_option = 1.5;  // more than the whole pie, from round 1
  const NegotiationSolution s = SolveNegotiation(p);
  REQUIRE(s.ok());
  const RoundPlan& first = s.Round(1);
  REQUIRE(first.drafts.pyongyang_may_walk);
  CHECK_FALSE(first.drafts.seoul_may_walk);
  CHECK(first.drafts.pyongyang[first.drafts.pyongyang.size() - 1] == Approx(1.0));
  CHECK(first.drafts.opt_out_prob == Approx(1.0));
  CHECK(s.value_pyongyang() == Approx(1.5));
  CHECK(s.value_seoul() == Approx(0.0));  // Seoul's breakdown payoff
}

TEST_CASE("2013-like calibration: certified Markov perfect equilibrium over the dated rounds",
          "[simultaneous]") {
  Parameters p = testing::Kaesong2013Like(GENERATE(false, true));
  p.protocol.kind = ProtocolKind::kSimultaneous;
  p.seoul.outside_option = 200.0;  // insurance payouts from round 6
  p.seoul.outside_option_from = p.calendar.round_dates[5];
  const NegotiationSolution s = SolveNegotiation(p);
  INFO(s.message);
  REQUIRE(s.ok());
  REQUIRE(static_cast<int>(s.dated.size()) == *p.protocol.rounds);
  CHECK(s.menu.size() == 9);
  // Values recomputed backwards from the strategies; no action beats the mix by more than 1e-6
  // of the payoff range (US$ million/yr).
  double next[2] = {p.seoul.breakdown_payoff, p.pyongyang.breakdown_payoff};
  double worst = 0.0;
  for (int t = *p.protocol.rounds; t >= 1; --t) {
    const RoundPlan& plan = s.Round(t);
    CHECK(plan.drafts.seoul_may_walk == (t >= 6));
    double value[2];
    for (int i = 0; i < 2; ++i) {
      const std::vector<double> q = ActionValues(p, s, plan, i, next);
      const Eigen::ArrayXd& mix = i == 0 ? plan.drafts.seoul : plan.drafts.pyongyang;
      value[i] = 0.0;
      for (Eigen::Index a = 0; a < mix.size(); ++a) value[i] += mix[a] * q[static_cast<std::size_t>(a)];
      worst = std::max(worst, *std::max_element(q.begin(), q.end()) - value[i]);
    }
    CHECK(plan.value_seoul == Approx(value[0]).margin(1e-6));
    CHECK(plan.value_pyongyang == Approx(value[1]).margin(1e-6));
    next[0] = value[0];
    next[1] = value[1];
  }
  CHECK(worst <= 1e-6);
  CHECK(ComputeOutcomes(s, 100).agree > 0.5);
}

TEST_CASE("Markov QRE approaches the selected equilibrium as lambda grows", "[simultaneous]") {
  Parameters p = testing::Kaesong2013Like(false);
  p.protocol.kind = ProtocolKind::kSimultaneous;
  p.protocol.rounds = 4;
  const NegotiationSolution mpe = SolveNegotiation(p);
  REQUIRE(mpe.ok());
  p.solution.solution_concept = SolutionConcept::kQre;
  double previous = HUGE_VAL;
  for (const double lambda : {0.05, 0.5, 5.0}) {
    p.solution.lambda = lambda;
    const NegotiationSolution qre = SolveNegotiation(p);
    REQUIRE(qre.ok());
    const double gap = std::max(std::abs(qre.value_seoul() - mpe.value_seoul()),
                                std::abs(qre.value_pyongyang() - mpe.value_pyongyang()));
    CAPTURE(lambda, gap);
    CHECK(gap < previous);
    previous = gap;
  }
  CHECK(previous < 1.0);  // US$ million/yr, against values in the hundreds
}

TEST_CASE("The exported game file solves to the model's equilibrium", "[simultaneous]") {
  Parameters p = testing::Kaesong2013Like(true);
  p.protocol.kind = ProtocolKind::kSimultaneous;
  p.protocol.rounds.reset();  // dated rounds, then the repeating tail state
  const NegotiationSolution s = SolveNegotiation(p);
  REQUIRE(s.ok());
  const DealValuation valuation(p);
  const DraftGame draft = MakeDraftGame(p, valuation);
  // One state per dated round and the tail, plus a waiting state for every period of u days
  // (u the gcd of the gaps) between rounds beyond the first.
  const int rounds = static_cast<int>(s.dated.size()) + 1;
  int period = 0;
  std::vector<int> gaps;
  for (int t = 1; t <= rounds; ++t) {
    const int gap = s.calendar.Date(t + 1) - s.calendar.Date(t);
    gaps.push_back(gap);
    period = std::gcd(period, gap);
  }
  Eigen::Index waiting = 0;
  for (const int gap : gaps) waiting += gap / period - 1;
  CHECK(draft.game.num_states() == rounds + waiting);
  // Through the file format and back (numbers written to 17 digits).
  const StochasticGame read = ParseStochasticGame(WriteStochasticGame(draft.game), "export.toml");
  const MarkovQreResult r = SolveMarkovQre(read);
  REQUIRE(r.result.ok());
  for (int t = 1; t <= static_cast<int>(s.dated.size()) + 1; ++t) {
    CAPTURE(t);
    CHECK(r.result.values[0][t - 1] == Approx(s.Round(t).value_seoul).margin(1e-6));
    CHECK(r.result.values[1][t - 1] == Approx(s.Round(t).value_pyongyang).margin(1e-6));
  }
}

}  // namespace
}  // namespace kaesong::model
