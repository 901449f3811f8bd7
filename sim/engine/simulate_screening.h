// One Monte Carlo replication of the screening game under a solved perfect Bayesian equilibrium
// (models/kaesong/pbe.h): Pyongyang's type is drawn from Seoul's prior (uniform number
// kTypeDraw of the replication's stream, beyond any round's draws), then each round Seoul makes
// its move for the current belief state (walk away, a delay, or the offer aimed at its target),
// the type accepts as its equilibrium strategy says (a mixing type draws with uniform
// 4 (t - 1) + 2), and a rejection breaks the talks down with the round's probability (uniform
// 4 (t - 1) + 3) or moves Seoul's belief to the target. Endings, the round cap and the realised
// values as in simulate.h, with the drawn type's payoffs and discount for Pyongyang.
#pragma once

#include "models/kaesong/parameters.h"
#include "models/kaesong/pbe.h"
#include "sim/engine/rng.h"
#include "sim/engine/run.h"
#include "sim/engine/simulate.h"

#include <cstdint>
#include <vector>

namespace kaesong::engine {

inline constexpr std::uint64_t kTypeDraw = std::uint64_t{1} << 62;

// The type (in the type space's ascending order) that replication `replication` of stream `seed`
// draws from the prior: the first k with uniform kTypeDraw below cumulative[k + 1].
int DrawPriorType(const model::TypeSpace& types, unsigned long long seed, int replication);

// A replication's running discount factors and realised values [Seoul, Pyongyang].
struct ScreeningPath {
  double discount[2] = {1.0, 1.0};
  double value[2] = {0.0, 0.0};
};

// What Seoul did in a round and how the type answered.
struct ScreeningMove {
  bool walk = false;      // Seoul took its outside option
  bool accepted = false;  // the type accepted the offer
  model::Deal offer;      // the offer (nan terms for a delay)
  model::DealValue offer_value;  // its values against the drawn type (used when accepted)
};

// Shared by the screening simulators: ends round t (draws the breakdown of a rejection with
// uniform 4 (t - 1) + 3 of `rng`), updates *path and *out (its ending, rounds, date, deal), and
// appends the round's record when records != nullptr (value_*, type and belief_state are left
// for the caller). Returns true when the talks are over.
bool EndScreeningRound(const model::Side& seoul, const model::Side& pyongyang,
                       const model::RoundState& state, model::Day date, int t,
                       const ScreeningMove& move, const CounterRng& rng, int replication,
                       ScreeningPath* path, ReplicationOutcome* out,
                       std::vector<RoundRecord>* records);

class ScreeningSimulator {
 public:
  // Both arguments must outlive the simulator; `solution` must not have status kInvalidInput.
  ScreeningSimulator(const model::Parameters& params, const model::ScreeningSolution& solution);

  // The type (in the solution's ascending order) that replication `replication` draws.
  int DrawType(unsigned long long seed, int replication) const;

  // As Simulator::Run (simulate.h); RoundRecords carry the type and belief state.
  ReplicationOutcome Run(unsigned long long seed, int replication,
                         std::vector<RoundRecord>* records) const;

 private:
  const model::Parameters& params_;
  const model::ScreeningSolution& solution_;
  std::vector<model::Side> types_;  // Pyongyang as each type
  int max_rounds_;
};

}  // namespace kaesong::engine
