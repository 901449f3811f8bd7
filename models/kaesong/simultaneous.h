// The simultaneous-drafts protocol as a discounted stochastic game (Shapley 1953), solved with the
// generic core (sim/solver/markov_*.h). In every round both sides table a draft from the menu of
// draft_menu.h at the same time, or hold out (a demand no draft meets, so that neither side can be
// made to sign; ties go to signing: holding out costs 1e-5 of the round's payoff range over both
// sides), or walk away, when their outside option is active (the walker gets w_i, the other side
// b_j; both walking: both outside options). Compatible drafts sign the split-the-difference deal
// (draft_menu.h): each side gets V_i(x) and play ends. Otherwise the round is one of impasse: talks
// break down with probability p_t (negotiation.h; b_i at once) and else the talks stay suspended
// until the next round. Time runs in periods of u days, the greatest common divisor of the gaps
// between rounds (7 for weekly rounds, 1 for the 2013 calendar): each side discounts a period by
// gamma_i = delta_i^(u / 7) and a gap of g days is the round's state followed by g / u - 1
// one-action "waiting" states paying the impasse flow, so the stage game of round t has payoffs
//   deal V_i(x);  impasse p_t b_i + (1 - p_t)(1 - gamma_i) d_i,  continuing w.p. (1 - p_t)
// and continuation values discounted by gamma_i per period: over the gap, delta_i^(g / 7) exactly.
// The state is the round: its date, the drill window, which outside options are active
// (calendar.h) and that the complex is still closed.
// A finite horizon ends with b_i after an impasse in round T; an infinite horizon's rounds from
// RoundCalendar::TailStart() on are one state that repeats.
//
// Solution concepts:
//  spe  a stationary Markov perfect equilibrium (Maskin & Tirole 2001): the limit lambda -> oo of
//       the logit Markov QRE's principal branch, polished to an exact equilibrium
//       (Eibelshäuser & Poensgen 2019; markov_qre.h). The homotopy selects one equilibrium among
//       the many of a demand game, in the spirit of the tracing procedure (Harsanyi & Selten
//       1988), and returns an answer even where value iteration cycles. Where the limit cannot be
//       certified (degenerate stage games), value iteration over each stage game's logit-limit
//       equilibrium is tried and kept when certified.
//  qre  the logit Markov QRE at precision solution.lambda (per US$ million/yr, as for the
//       alternating protocol): sigma_i(s, a) proportional to exp(lambda * Q_i(s, a)).
// Status: a polishing or tracing failure is kNumericalIssue, step or time limits kIterationLimit,
// each with the core's message; the strategies reached are still returned and simulated.
#pragma once

#include "models/kaesong/negotiation.h"
#include "models/kaesong/parameters.h"
#include "sim/solver/stochastic_game.h"

#include <vector>

namespace kaesong::model {

// The stochastic game of the protocol: one state per round state in `rounds` (in order; the
// last repeats itself when `tail` is true, else it is the horizon's last round), then the waiting
// states of each gap, round by round.
// The period u in days: the greatest common divisor of the gaps after the non-final rounds.
int DraftGamePeriodDays(const std::vector<RoundState>& rounds);
StochasticGame BuildDraftGame(const Parameters& params, const DraftMenu& menu,
                              const std::vector<RoundState>& rounds, bool tail);

// Everything the protocol's game is built from, and the game.
struct DraftGame {
  RoundCalendar calendar;
  DealTable table;  // values over the deal grid
  DraftMenu menu;
  std::vector<RoundState> rounds;  // one per state
  bool tail = false;               // the last state repeats (infinite horizon)
  StochasticGame game;
};
DraftGame MakeDraftGame(const Parameters& params, const DealValuation& valuation);

NegotiationSolution SolveSimultaneous(const Parameters& params);

}  // namespace kaesong::model
