// Perfect Bayesian equilibrium of the dated negotiation with one-sided incomplete information
// (solution.concept = "pbe"): Pyongyang knows the hidden parameter's value, its type
// (information.h); Seoul makes every offer (protocol.order = "fixed", first = "seoul") and
// screens. The finite-type screening game of Fudenberg, Levine & Tirole (1985) and Sobel &
// Takahashi (1983), with the model's rounds, calendar, breakdown risk, Seoul's outside option and
// deal values (durability) as in the complete-information game (negotiation.h).
//
// Beliefs. Types are sorted from the most eager (information.h), and on the path the types that
// have accepted are the first ones: Seoul's belief after any history is the prior truncated below
// a cumulative mass s in [0, 1] (s = the prior mass that has accepted), possibly cutting through
// a type that mixes. State s is Seoul's belief; Bayes' rule on the path moves s to the mass that
// the round's offer was meant to take. The belief grid is `information.belief_points` evenly
// spaced points in [0, 1] joined with the prior's cumulative masses, so pure acceptance by whole
// types is exact and mixing is resolved to the grid's spacing (precision: Seoul's targets, the
// posterior masses, lie on the grid; with a single type of positive prior the grid is {0, 1} and
// the game is the complete-information one).
//
// Seoul's move at state s in round t: walk away (outside option, when active), delay (an offer
// no type accepts: its ideal deal, as in the SPE), or a target s' > s on the grid: the offer that
// leaves the marginal type tau(s') (the type holding mass s') exactly indifferent between
// accepting and rejecting, so that the types below accept, tau(s') mixes to take exactly s' - s
// and the rest reject. The offer solves the proposer's problem (proposer_problem.h) against the
// marginal type's value of rejecting, R = W_tau(t, s'), with the marginal type's deal values;
// Seoul's payoff is the mass-weighted sum of its deal values against each accepting type plus the
// rejecting mass times its value of rejection, over the remaining mass 1 - s. Ties favour the
// larger target (agreement), then staying at the table.
//
// Off the path. s = 1 (every type should have accepted, yet talks go on): Seoul believes the
// toughest type of positive prior (the last), and plays the complete-information SPE against it.
// Each type's value at every state is its best response to Seoul's strategy (accepting or
// rejecting with the belief moving as on the path), so the equilibrium condition -- accepting
// types weakly prefer to accept, the mixing type is indifferent, the others weakly prefer to
// reject -- is checked at every state: a violation on the path is a kNumericalIssue status, off
// the path a warning (the cutoff structure assumed there fails: the skimming property needs
// valuations ordered as the types are).
//
// Horizon. Finite: backward induction over rounds. Infinite: rounds from the calendar's
// TailStart() on are identical; the tail is solved from s = 1 down (targets lie above s): s = 1 by
// the stationary fixed point of the SPE against the toughest type (stationary.h), a delay at
// s < 1 repeats for ever. Cost: O(N^2 + N K) per round for N belief points and K types, plus one
// proposer's problem per distinct (marginal type, reservation value).
#pragma once

#include "models/kaesong/calendar.h"
#include "models/kaesong/deal.h"
#include "models/kaesong/deal_value.h"
#include "models/kaesong/information.h"
#include "models/kaesong/negotiation.h"
#include "models/kaesong/parameters.h"
#include "sim/solver/solve_result.h"

#include <optional>
#include <string>
#include <vector>

namespace kaesong::model {

// One round of the screening equilibrium, at every belief point j (belief[j]) of the grid.
struct ScreeningRound {
  RoundState state;
  std::vector<int> target;            // Seoul's target index, >= j (j: a delay; at the top see
                                      // top_agree)
  std::vector<unsigned char> walk;    // Seoul takes its outside option at j
  std::vector<unsigned char> feasible;  // target j' is reachable (some deal makes tau(j') accept)
  std::vector<Deal> offer;            // the offer aimed at target j' (the ideal deal if infeasible)
  std::vector<DealValue> offer_value; // its values for type k: at k * N + j'
  std::vector<double> value_seoul;    // Seoul's value at the round's start in state j
  std::vector<double> value_type;     // type k's value there: at k * N + j
  bool top_agree = false;             // at s = 1: Seoul makes the offer aimed at the toughest type
                                      // (else a delay or walking away)
  std::vector<double> violation;      // largest equilibrium-condition violation of the types
                                      // present at j (0 when it holds)
};

struct ScreeningSolution {
  SolveStatus status = SolveStatus::kNotSolved;
  std::string message = "not solved";
  TypeSpace types;
  std::vector<double> belief;   // the grid s_j, ascending, from 0 to 1
  std::vector<int> type_at;     // types.TypeAt(belief[j])
  std::optional<int> rounds;    // horizon: protocol.rounds
  RoundCalendar calendar;
  std::vector<ScreeningRound> dated;  // rounds 1..dated.size()
  std::vector<ScreeningRound> tail;   // infinite horizon: one round, every later round
  Deal ideal;                         // Seoul's ideal deal (a delay's offer)
  std::vector<DealValue> ideal_value; // its values for each type
  long long iterations = 0;           // stationary fixed-point evaluations
  double residual = 0.0;
  long long deal_evaluations = 0;
  std::vector<std::string> warnings;

  bool ok() const { return status == SolveStatus::kSuccess; }
  int points() const { return static_cast<int>(belief.size()); }
  const ScreeningRound& Round(int t) const;  // t >= 1
  // Probability that type k accepts Seoul's offer of `round` in state j (mixing included; 1 for a
  // type whose mass lies below s_j, off the path).
  double AcceptProb(const ScreeningRound& round, int k, int j) const;
};

// Requires validated parameters with solution.concept = "pbe". Status kInvalidInput when the
// solution would not fit the memory limit below.
ScreeningSolution SolveScreening(const Parameters& params);

// Stored numbers (rounds x types x belief points) above which SolveScreening refuses.
inline constexpr long long kMaxScreeningEntries = 200'000'000;

// The exact distribution of how the talks end, for each type and over the prior, following
// rounds 1..max_rounds on the equilibrium path.
struct ScreeningOutcomes {
  OutcomeDistribution total;
  std::vector<OutcomeDistribution> by_type;  // in the type space's (ascending) order
  std::vector<int> path;       // the on-path belief index at the start of rounds 1, 2, ...
                               // (while some type is still negotiating)
  std::vector<double> reach;   // probability that the talks reach each of those rounds
};
ScreeningOutcomes ComputeScreeningOutcomes(const ScreeningSolution& solution, int max_rounds);

}  // namespace kaesong::model
