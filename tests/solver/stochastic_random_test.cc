// The certificate on 200 seeded random stochastic games (2-20 states, 2-10 actions per player
// and state; testing::RandomSpec): whenever a solver reports success its profile is re-evaluated
// from scratch and must leave no player a one-shot deviation gain above the tolerance. Value
// iteration need not converge on general-sum games (it must then say so: cycle or iteration
// limit); the logit Markov QRE must return an answer on every game, and a certified MPE on all
// 200 (measured: value iteration with Lemke-Howson selection ends at an equilibrium on 121 and cycles on 79).
#include "sim/solver/markov_perfect.h"
#include "sim/solver/markov_qre.h"
#include "tests/solver/stochastic_test_games.h"

#include <catch2/catch.hpp>

namespace kaesong {
namespace {

constexpr int kGames = 200;

// Fresh policy evaluation and certificate; +infinity when the evaluation fails.
double IndependentCertificate(const StochasticGame& game, const MarkovStrategies& strategies) {
  const CertifiedPolicy certified = CertifyStrategies(game, strategies);
  return certified.evaluation.ok() ? certified.certificate.Max()
                                   : std::numeric_limits<double>::infinity();
}

TEST_CASE("Certificate holds on 200 seeded random stochastic games", "[stochastic][random]") {
  int vi_success = 0, vi_cycle = 0, vi_limit = 0, qre_success = 0;
  for (int index = 0; index < kGames; ++index) {
    const StochasticGameSpec spec = testing::RandomSpec(index);
    const StochasticGame game = GenerateStochasticGame(spec);
    INFO("random game " << index << ": seed " << spec.seed << ", " << spec.states
                        << " states, actions 2.." << spec.max_actions << ", density "
                        << spec.density << ", discount (" << spec.discount[0] << ", "
                        << spec.discount[1] << ")");
    const double tolerance = 1e-8 * PayoffScale(game);

    const MarkovResult vi = SolveMarkovPerfect(game);
    INFO("value iteration: " << vi.Report());
    if (vi.ok()) {
      ++vi_success;
      CHECK(vi.certificate.Max() <= tolerance);
      CHECK(IndependentCertificate(game, vi.strategies) <= tolerance);
    } else {
      CHECK((vi.status == MarkovStatus::kCycle || vi.status == MarkovStatus::kIterationLimit));
      CHECK_FALSE(vi.message.empty());
      vi_cycle += vi.status == MarkovStatus::kCycle;
      vi_limit += vi.status == MarkovStatus::kIterationLimit;
    }

    const MarkovQreResult qre = SolveMarkovQre(game);
    INFO("logit Markov QRE: " << qre.result.Report());
    REQUIRE(qre.result.strategies.size() == game.states.size());  // always an answer
    CHECK(qre.result.ok());
    if (qre.result.ok()) {
      ++qre_success;
      CHECK(qre.result.certificate.Max() <= tolerance);
      CHECK(IndependentCertificate(game, qre.result.strategies) <= tolerance);
    }
  }
  WARN("random stochastic games: value iteration "
       << vi_success << " certified, " << vi_cycle << " cycles, " << vi_limit
       << " iteration limits; logit Markov QRE " << qre_success << " certified, of " << kGames);
  CHECK(qre_success == kGames);
  CHECK(vi_success + vi_cycle + vi_limit == kGames);
  CHECK(vi_success >= kGames / 2);  // regression guard on the measured 121
}

}  // namespace
}  // namespace kaesong
