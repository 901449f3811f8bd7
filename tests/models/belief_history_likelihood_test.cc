// The likelihood of histories under the QRE with beliefs (models/kaesong/belief_history_
// likelihood.h): against a direct computation in probabilities from the strategies the
// simulator draws from (BeliefStage at the stencil's lattice points, the types' responses at the
// exact posterior, the mixture over types), the total probability of every complete history, the
// complete-information likelihood when one type has all the prior, the histories `kaesong run`
// writes, and the recovery of parameters by `fit`.
#include "models/kaesong/belief_history_likelihood.h"
#include "models/kaesong/belief_qre.h"
#include "models/kaesong/history_likelihood.h"
#include "models/kaesong/information.h"
#include "models/kaesong/negotiation.h"
#include "models/kaesong/offer_quadrature.h"
#include "models/kaesong/validate.h"
#include "sim/engine/run.h"
#include "sim/io/csv.h"
#include "sim/io/diagnostic.h"
#include "sim/io/history_csv.h"
#include "sim/io/scenario.h"
#include "sim/io/scenario_fit.h"
#include "sim/solver/simplex_lattice.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

namespace kaesong {
namespace {

const std::string kBelief = std::string(KAESONG_TEST_DATA) + "/fit/belief.toml";
constexpr double kMinusInfinity = -std::numeric_limits<double>::infinity();

// The histories of a run, through the rounds.csv that `kaesong run --out` writes and the reader
// of `kaesong fit`.
std::vector<model::ObservedHistory> RunHistories(const model::Parameters& params, int replications,
                                                 unsigned long long seed) {
  engine::RunOptions options;
  options.replications = replications;
  options.seed = seed;
  const engine::RunResult run = engine::RunScenario(params, options);
  std::ostringstream csv;
  io::WriteRoundsCsv(csv, "belief", run.rounds, run.beliefs);
  return io::ParseHistories(csv.str(), "rounds.csv", params);
}

// The direct computation: for each type k, the probability (a density in the offers' terms) of
// rounds i.. of the history given Seoul's belief mu at round i's start, in plain probabilities.
// Seoul's strategy at mu is the stencil's mixture of the lattice points' strategies, drawn as the
// simulator draws them; the grid is one-dimensional in m (11 points), so an offer's cell weight
// is 1/10, halved at the ends.
class Direct {
 public:
  explicit Direct(const model::BeliefQreSolution& s) : s_(s), stage_(s) {}

  double LogLikelihood(const model::ObservedHistory& h) {
    const std::vector<double> rest = Rest(h, 0, s_.types.prior);
    double sum = 0.0;
    for (int k = 0; k < s_.type_count(); ++k) sum += s_.types.prior[k] * rest[k];
    return std::log(sum);
  }

 private:
  Eigen::ArrayXd SeoulChoice(int t, const std::vector<double>& mu) {
    solver::LatticeStencil stencil;
    s_.lattice.Locate(mu.data(), &stencil);
    Eigen::ArrayXd p = Eigen::ArrayXd::Zero(s_.offer_count() + 2);
    for (int i = 0; i < stencil.size; ++i) {
      const Eigen::VectorXd point = s_.lattice.Point(stencil.point[i]);
      p += stencil.weight[i] * stage_.Evaluate(t, point.data()).choice;
    }
    return p;
  }

  int Cell(double m) const {
    for (int x = 0; x < s_.offer_count(); ++x) {
      if (std::abs(s_.grid.At(x).m - m) < 1e-9) return x;
    }
    return -1;
  }

  double Weight(int x) const {
    const int n = s_.offer_count();
    return (x == 0 || x == n - 1 ? 0.5 : 1.0) / (n - 1);
  }

  std::vector<double> Rest(const model::ObservedHistory& h, std::size_t i,
                           const std::vector<double>& mu) {
    const int kc = s_.type_count();
    const int n = s_.offer_count();
    if (i == h.size()) return std::vector<double>(kc, 1.0);
    const model::ObservedRound& r = h[i];
    if (r.proposer != model::Proposer::kSeoul) return std::vector<double>(kc, 0.0);
    const int t = r.round;
    const model::RoundState& state = s_.Round(t).state;
    const double p_break = state.last ? 1.0 : state.breakdown_prob;
    const double after_rejection = r.breakdown ? p_break : 1.0 - p_break;
    const Eigen::ArrayXd seoul = SeoulChoice(t, mu);
    std::vector<double> accept(kc), posterior(kc), out(kc, 0.0);
    // Offer x, then the observed response and the rest of the history.
    const auto offer = [&](int x, double weight) {
      stage_.Respond(t, mu.data(), x, accept.data(), posterior.data());
      const std::vector<double> next_posterior = posterior;
      const std::vector<double> next_accept = accept;
      const std::vector<double> rest =
          r.accepted ? std::vector<double>(kc, 1.0) : Rest(h, i + 1, next_posterior);
      for (int k = 0; k < kc; ++k) {
        const double response = r.accepted ? next_accept[k] : (1.0 - next_accept[k]);
        out[k] += seoul[x] / weight * response * (r.accepted ? 1.0 : after_rejection) * rest[k];
      }
    };
    const auto delay = [&] {
      const std::vector<double> rest = Rest(h, i + 1, mu);
      for (int k = 0; k < kc; ++k) out[k] += seoul[n] * after_rejection * rest[k];
    };
    switch (r.choice) {
      case model::ObservedChoice::kOffer:
        offer(Cell(r.offer.m), Weight(Cell(r.offer.m)));
        break;
      case model::ObservedChoice::kNoDraft:
        delay();
        break;
      case model::ObservedChoice::kWalkAway:
        for (int k = 0; k < kc; ++k) out[k] = seoul[n + 1];
        break;
      case model::ObservedChoice::kUnknown:
        for (int x = 0; x < n; ++x) offer(x, 1.0);
        if (!r.accepted) delay();
        break;
    }
    return out;
  }

  const model::BeliefQreSolution& s_;
  model::BeliefStage stage_;
};

model::ObservedRound Offer(int t, double m, bool accepted, bool breakdown = false) {
  model::ObservedRound r;
  r.round = t;
  r.offer = {m, 0.0, 0.0};
  r.accepted = accepted;
  r.breakdown = breakdown;
  return r;
}

model::ObservedRound Other(int t, model::ObservedChoice choice, bool accepted,
                           bool breakdown = false) {
  model::ObservedRound r = Offer(t, 0.0, accepted, breakdown);
  r.choice = choice;
  return r;
}

TEST_CASE("belief likelihood equals a direct computation from the simulator's strategies",
          "[fit][beliefs]") {
  const io::Scenario scenario = io::LoadScenario(kBelief);
  const model::BeliefQreSolution s = model::SolveBeliefQre(scenario.parameters);
  REQUIRE(s.ok());
  REQUIRE(s.offer_count() == 11);
  using C = model::ObservedChoice;
  const std::vector<model::ObservedHistory> histories = {
      {Offer(1, 0.5, true)},                                              // accepted
      {Offer(1, 0.3, false), Other(2, C::kNoDraft, false),                // a delay,
       Offer(3, 0.6, false, true)},                                       // then breakdown
      {Offer(1, 0.0, false), Offer(2, 1.0, false), Offer(3, 0.7, false),  // to the horizon
       Offer(4, 0.4, false, true)},
      {Offer(1, 0.2, false), Other(2, C::kUnknown, true)},  // unknown terms, accepted
      {Other(1, C::kUnknown, false), Offer(2, 0.4, true)},  // unknown, then more rounds
      {Other(1, C::kUnknown, false), Other(2, C::kNoDraft, false), Offer(3, 0.8, true)},
      {Offer(1, 0.9, false), Other(2, C::kUnknown, false)},  // a record cut short
  };
  model::BeliefHistoryLikelihood likelihood(s);
  Direct direct(s);
  double total = 0.0;
  for (std::size_t h = 0; h < histories.size(); ++h) {
    CAPTURE(h);
    const double computed = likelihood.LogLikelihood(histories[h]);
    const double expected = direct.LogLikelihood(histories[h]);
    REQUIRE(std::isfinite(expected));
    CHECK(computed == Approx(expected).epsilon(1e-12).margin(1e-9));
    total += expected;
  }
  CHECK(likelihood.LogLikelihood(histories) == Approx(total).epsilon(1e-12).margin(1e-9));

  // Impossible: Pyongyang proposing, an offer outside the box, a walk-away without the option,
  // the responder opting out, a round past the horizon.
  model::ObservedRound pyongyang = Offer(1, 0.5, true);
  pyongyang.proposer = model::Proposer::kPyongyang;
  model::ObservedRound opt_out = Offer(1, 0.5, false);
  opt_out.opted_out = true;
  model::ObservedRound walk = Other(1, C::kWalkAway, false);
  walk.opted_out = true;
  for (const model::ObservedHistory& h : std::vector<model::ObservedHistory>{
           {pyongyang}, {Offer(1, 1.5, true)}, {walk}, {opt_out}, {Offer(5, 0.5, true)}}) {
    CHECK(likelihood.LogLikelihood(h) == kMinusInfinity);
  }
}

TEST_CASE("belief likelihood: the complete histories' probabilities sum to one", "[fit][beliefs]") {
  // Two rounds: every complete history, its likelihood times the cell weights of its offers
  // (the likelihood counts an offer as a density over the box).
  const io::Scenario scenario = io::LoadScenario(kBelief, {{"protocol.rounds", "2", "test"}});
  const model::BeliefQreSolution s = model::SolveBeliefQre(scenario.parameters);
  REQUIRE(s.ok());
  model::BeliefHistoryLikelihood likelihood(s);
  const int n = s.offer_count();
  const model::DealGrid& grid = s.grid;
  using C = model::ObservedChoice;
  // The endings of one round: offer x accepted or rejected (x < n), or a delay (x = n), with or
  // without breakdown after a rejection.
  struct Ending {
    model::ObservedRound round;
    double weight;
  };
  const auto endings = [&](int t, bool breakdown) {
    std::vector<Ending> out;
    for (int x = 0; x <= n; ++x) {
      const double w = x < n ? std::exp(model::LogCellWeight(grid, x)) : 1.0;
      for (const bool accepted : {true, false}) {
        if (x == n && accepted) continue;
        if (accepted && breakdown) continue;
        model::ObservedRound r =
            x < n ? Offer(t, grid.At(x).m, accepted) : Other(t, C::kNoDraft, false);
        r.breakdown = !accepted && breakdown;
        out.push_back({r, w});
      }
    }
    return out;
  };
  double total = 0.0;
  long long histories = 0;
  for (const bool breakdown : {true, false}) {
    for (const Ending& first : endings(1, breakdown)) {
      if (first.round.accepted || first.round.breakdown) {
        total += std::exp(likelihood.LogLikelihood({first.round})) * first.weight;
        ++histories;
        continue;
      }
      for (const bool last_breakdown : {true, false}) {
        for (const Ending& second : endings(2, last_breakdown)) {
          if (!second.round.accepted && !second.round.breakdown) continue;  // the last round
          total += std::exp(likelihood.LogLikelihood({first.round, second.round})) * first.weight *
                   second.weight;
          ++histories;
        }
      }
    }
  }
  CAPTURE(histories);
  CHECK(total == Approx(1.0).epsilon(1e-10));
}

TEST_CASE("belief likelihood with one type of positive prior is the complete-information one",
          "[fit][beliefs]") {
  const bool two_types = GENERATE(true, false);
  CAPTURE(two_types);
  std::vector<io::Override> overrides;
  if (two_types) {
    overrides.push_back({"information.prior", "0,1", "test"});
  } else {
    overrides.push_back({"information.values", "0.45", "test"});
    overrides.push_back({"information.prior", "1", "test"});
  }
  const io::Scenario scenario = io::LoadScenario(kBelief, overrides);
  const model::Parameters& p = scenario.parameters;
  model::Parameters complete = model::WithType(p, 0.45);
  complete.information = model::Information{};
  REQUIRE(model::ValidateParameters(complete).empty());
  const model::BeliefQreSolution belief = model::SolveBeliefQre(p);
  const model::NegotiationSolution reference = model::SolveNegotiation(complete);
  REQUIRE(belief.ok());
  REQUIRE(reference.ok());
  const std::vector<model::ObservedHistory> histories = RunHistories(p, 400, 3);
  model::BeliefHistoryLikelihood likelihood(belief);
  double worst = 0.0;
  for (const model::ObservedHistory& h : histories) {
    const double a = likelihood.LogLikelihood(h);
    const double b = model::HistoryLogLikelihood(complete, reference, h);
    REQUIRE(std::isfinite(a));
    worst = std::max(worst, std::abs(a - b));
  }
  CHECK(worst < 1e-9);
  // Unknown terms too (no branching matters: the belief stays at the vertex).
  model::ObservedHistory unknown = {Other(1, model::ObservedChoice::kUnknown, false),
                                    Other(2, model::ObservedChoice::kUnknown, true)};
  CHECK(likelihood.LogLikelihood(unknown) ==
        Approx(model::HistoryLogLikelihood(complete, reference, unknown)).epsilon(1e-11));
}

TEST_CASE("histories that kaesong run simulates under beliefs are read and possible",
          "[fit][beliefs]") {
  const io::Scenario scenario = io::LoadScenario(kBelief);
  const std::vector<model::ObservedHistory> histories = RunHistories(scenario.parameters, 500, 9);
  REQUIRE(histories.size() == 500);
  const model::BeliefQreSolution s = model::SolveBeliefQre(scenario.parameters);
  REQUIRE(s.ok());
  model::BeliefHistoryLikelihood likelihood(s);
  for (const model::ObservedHistory& h : histories) {
    REQUIRE(std::isfinite(likelihood.LogLikelihood(h)));
  }
  // The same through fit's evaluation, with the quadrature it holds.
  // The rule's steps: lambda x (a step of m changes V_S + V_P by 0.2) / 2, rounded up.
  const std::vector<io::FreeKey> keys = {io::ParseFreeKey(scenario, "solution.lambda=4:12")};
  CHECK(io::HeldSubdivision(scenario, keys) == std::array<int, 3>{2, 1, 1});
  const std::vector<io::FreeKey> narrow = {io::ParseFreeKey(scenario, "solution.lambda=4:9")};
  CHECK(io::HeldSubdivision(scenario, narrow) == std::array<int, 3>{1, 1, 1});
  CHECK(io::FitLogLikelihood(scenario, keys, histories, {1, 1, 1},
                             Eigen::VectorXd::Constant(1, 8.0)) ==
        Approx(likelihood.LogLikelihood(histories)).epsilon(1e-12));
}

TEST_CASE("the history reader under hidden information: Seoul proposes, one branching round",
          "[fit][beliefs]") {
  const io::Scenario scenario = io::LoadScenario(kBelief);
  const std::string header =
      "replication,round,proposer,offer_m,offer_g,offer_beta,accepted,opted_out,breakdown\n";
  CHECK(io::ParseHistories(header + "0,1,seoul,0.5,0,0,true,false,false\n", "h.csv",
                           scenario.parameters)
            .size() == 1);
  const auto error = [&](const std::string& rows) {
    try {
      io::ParseHistories(header + rows, "h.csv", scenario.parameters);
    } catch (const io::InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(error("0,1,pyongyang,0.5,0,0,true,false,false\n") ==
        "h.csv:2:5: error: pyongyang cannot propose in round 1: under the scenario's protocol "
        "seoul does");
  // One rejected offer of unknown terms followed by more rounds is fine; a second is refused.
  CHECK(error("0,1,seoul,,,,false,false,false\n0,2,seoul,0.5,0,0,true,false,false\n").empty());
  CHECK(error("0,1,seoul,,,,false,false,false\n0,2,seoul,,,,false,false,false\n"
              "0,3,seoul,0.5,0,0,true,false,false\n") ==
        "h.csv:3:11: error: replication 0 has a second rejected offer with unknown terms followed "
        "by more rounds (the first on line 2): with hidden information each one multiplies the "
        "likelihood's work by the number of offers, and at most one per history is supported");
  // Without hidden information the rule does not apply.
  const io::Scenario complete =
      io::LoadScenario(std::string(KAESONG_TEST_DATA) + "/fit/small.toml");
  CHECK_NOTHROW(io::ParseHistories(header + "0,1,seoul,,,,false,false,false\n0,2,seoul,,,,false,"
                                            "false,false\n0,3,seoul,0.5,0,0,true,false,false\n",
                                   "h.csv", complete.parameters));
}

TEST_CASE("fit recovers lambda and the prior from 2000 histories of the QRE with beliefs",
          "[fit][beliefs]") {
  const io::Scenario scenario = io::LoadScenario(kBelief);
  const std::vector<model::ObservedHistory> histories = RunHistories(scenario.parameters, 2000, 5);
  const std::vector<io::FreeKey> keys = {
      io::ParseFreeKey(scenario, "solution.lambda=2:20"),
      io::ParseFreeKey(scenario, "information.prior.1=0.05:0.95")};
  io::FitOptions options;
  options.starts = 2;
  options.threads = 2;
  options.subdivision = {1, 1, 1};  // the quadrature that drew the data (lambda 8)
  const auto start = std::chrono::steady_clock::now();
  const io::FitResult fit = io::FitScenario(scenario, keys, histories, options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  WARN("belief fit of 2 keys on 2000 histories: " << seconds << " s");
  const double truth[] = {8.0, 0.6};
  for (std::size_t i = 0; i < 2; ++i) {
    const io::ParameterEstimate& p = fit.parameters[i];
    INFO(keys[i].key << " = " << p.estimate << " (se " << p.std_error << ")");
    REQUIRE(std::isfinite(p.std_error));
    CHECK(std::abs(p.estimate - truth[i]) < 3.0 * p.std_error);
    CHECK(p.profile_lower < p.estimate);
    CHECK(p.profile_upper > p.estimate);
  }
  CHECK(std::isfinite(fit.record_prob));
}

}  // namespace
}  // namespace kaesong
