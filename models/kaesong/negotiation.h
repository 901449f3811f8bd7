// The negotiation game (Rubinstein 1982; Binmore, Rubinstein & Wolinsky 1986) and the common form
// of its solutions. Round t (dated by calendar.h): a side whose outside option is active may walk
// away instead of proposing (it gets w_i, the other side its breakdown payoff b, talks end);
// otherwise the proposer (alternating from protocol.first, or Seoul with probability
// protocol.seoul_proposes_prob) offers a deal x and the responder j accepts (both get V_i(x),
// deal_value.h), walks away (j gets w_j, the proposer b), or rejects. Time runs in days: a
// rejection in round t < T leaves the talks suspended for the g_t days until round t + 1, over
// which they break down with probability
//   p_t = min(1, 1 - (1 - protocol.breakdown)^(g_t / 7) + protocol.drill_breakdown * [drill]),
// paying b_i at once; otherwise each side gets the impasse flow d_i over the gap and the next
// round's value discounted by delta_i(t) = seoul/pyongyang.discount^(g_t / 7) (rates per week):
//   W_i(t) = p_t b_i + (1 - p_t) [(1 - delta_i(t)) d_i + delta_i(t) U_i(t + 1)],  W_i(T) = b_i,
// with U_i(t) side i's ex-ante value at the start of round t (before the proposer is drawn).
// All values are in flow units (US$ million/yr). Finite horizon: T = protocol.rounds. Infinite
// horizon: rounds from RoundCalendar::TailStart() on differ only by their proposer, and form a
// periodic stationary tail (period 2 for alternation, 1 for a random or fixed proposer).
#pragma once

#include "models/kaesong/calendar.h"
#include "models/kaesong/deal.h"
#include "models/kaesong/deal_value.h"
#include "models/kaesong/draft_menu.h"
#include "models/kaesong/parameters.h"
#include "sim/solver/solve_result.h"

#include <Eigen/Dense>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kaesong::model {

// What a round looks like before anyone moves.
struct RoundState {
  int round = 1;
  Day date = 0;
  bool drill = false;
  int gap_days = 7;                        // g_t: days until the next round
  double breakdown_prob = 0.0;             // p_t (unused in the last round, which ends with b)
  double discount[2] = {1.0, 1.0};         // delta_i(t) over the gap: [Seoul, Pyongyang]
  bool last = false;                       // the horizon's last round
  bool option_active[2] = {false, false};  // [Seoul, Pyongyang]: outside option usable
  double seoul_proposes_prob = 1.0;
};

// One proposer's move in one round, and what follows from it.
struct Proposal {
  double probability = 0.0;            // that this side proposes in the round
  Deal offer;                          // SPE: the offer; QRE: the mean offer
  double accept_prob = 0.0;            // SPE: 0 or 1
  double opt_out_prob = 0.0;           // SPE: 0 or 1 (the responder opts out instead of rejecting)
  double proposer_opt_out_prob = 0.0;  // SPE: 0 or 1 (the proposer walks away, offering nothing)
  double no_draft_prob = 0.0;  // QRE: that the proposer tables no acceptable draft (a delay)
  DealValue offer_value;       // V_S, V_P, h of the offer (QRE: means over the offer distribution)
  double value_seoul = 0.0;    // expected values given this proposer
  double value_pyongyang = 0.0;
  // QRE only, over the flat index of the solution's deal table (its grid is the QRE's offer
  // quadrature, qre.h) plus two last entries, index n = table size for "no acceptable draft" and
  // n + 1 for "the proposer walks away": cumulative choice probabilities (last entry 1) and the
  // responder's acceptance and opt-out probabilities for each choice (0 for the last two). The
  // mean offer and offer_value above are over the drafts tabled.
  Eigen::ArrayXd offer_cdf;
  Eigen::ArrayXd accept_by_offer;
  Eigen::ArrayXd opt_out_by_offer;
  // QRE only: log sum_k exp(u_k) of the proposer's logit utilities u_k (qre.cc), so that a
  // choice's log-probability u_k - log_normaliser stays finite where the probability underflows.
  double log_normaliser = 0.0;
};

// Simultaneous drafts only (simultaneous.h): both sides' mixed choices in the round. Seoul's
// actions are the menu's drafts (draft_menu.h) in menu order, then "walk away" when its outside
// option is active; likewise Pyongyang's. The last draft is always "hold out" (a demand the
// other side's drafts never meet); with an empty menu it is a side's only draft.
// The probabilities of the round's endings under these choices are precomputed.
struct DraftPlay {
  Eigen::ArrayXd seoul;      // probabilities over Seoul's actions
  Eigen::ArrayXd pyongyang;  // over Pyongyang's
  bool seoul_may_walk = false;
  bool pyongyang_may_walk = false;
  double agree_prob = 0.0;    // compatible drafts
  double opt_out_prob = 0.0;  // at least one side walks away
};

struct RoundPlan {
  RoundState state;
  double reject_value_seoul = 0.0;      // W_S(t): value of rejecting (waiting)
  double reject_value_pyongyang = 0.0;  // W_P(t)
  Proposal proposal[2];                 // [0]: Seoul proposes, [1]: Pyongyang proposes
                                        // (alternating protocol; probability 0 otherwise)
  DraftPlay drafts;                     // simultaneous protocol
  double value_seoul = 0.0;             // U_S(t), ex ante
  double value_pyongyang = 0.0;         // U_P(t)
};

struct NegotiationSolution {
  SolutionConcept solution_concept = SolutionConcept::kSpe;
  ProtocolKind protocol = ProtocolKind::kAlternating;
  SolveStatus status = SolveStatus::kNotSolved;  // the solver sets it
  std::string message = "not solved";
  long long iterations = 0;        // stationary-tail map evaluations (0 for a finite horizon)
  double residual = 0.0;           // stationary-tail residual |T(z) - z|_inf
  long long deal_evaluations = 0;  // deal valuations (durability solves) used
  std::optional<int> rounds;       // horizon: protocol.rounds
  std::vector<RoundPlan> dated;    // rounds 1..dated.size()
  std::vector<RoundPlan> tail;     // infinite horizon: round dated.size() + 1 + j uses
                                // tail[j % tail.size()] (its state.date is the first such round's)
  RoundCalendar calendar;
  DealTable table;  // values over the deal grid (QRE offers index it; SPE nonlinear;
                    // simultaneous drafts)
  DraftMenu menu;   // simultaneous drafts: the menu and what each pair of drafts does
  std::vector<std::string> warnings;  // results that may not mean what they seem (e.g. a capped
                                      // QRE quadrature); reported on stderr by the commands

  bool ok() const { return status == SolveStatus::kSuccess; }
  int horizon_rounds() const { return rounds ? *rounds : -1; }  // -1: infinite
  const RoundPlan& Round(int t) const;  // t >= 1 (t <= rounds for a finite horizon)
  double value_seoul() const { return Round(1).value_seoul; }
  double value_pyongyang() const { return Round(1).value_pyongyang; }
};

// The round's state from the parameters and calendar (t >= 1).
RoundState MakeRoundState(const Parameters& params, const RoundCalendar& calendar, int round);

// W_i(t) above, for side `who` (its parameters `side`) given its ex-ante value next round.
double RejectValue(const Side& side, Proposer who, const RoundState& state, double next_value);

// The factor delta^(days / 7) of a per-week discount factor over `days` days, and the probability
// 1 - (1 - p)^(days / 7) that a per-week risk p strikes within them.
double DiscountOver(double weekly_discount, int days);
double RiskOver(double weekly_risk, int days);

// Solves by protocol and solution concept (alternating: spe.h, qre.h; simultaneous drafts:
// simultaneous.h). Status kInvalidInput for what the model does not cover (more than
// kMaxDatedRounds dated rounds).
NegotiationSolution SolveNegotiation(const Parameters& params);

inline constexpr int kMaxDatedRounds = 100000;

// The exact distribution of how the talks end under the solution's strategies, following rounds
// 1..max_rounds (talks still going after max_rounds count as unresolved).
struct OutcomeDistribution {
  double agree = 0.0;
  double breakdown = 0.0;  // includes the end of a finite horizon
  double opt_out = 0.0;
  double unresolved = 0.0;
  double mean_agreement_round = 0.0;  // conditional on agreement (NaN if agree == 0)
  double expected_rounds = 0.0;       // expected number of rounds played
  double record_prob = 0.0;           // the 2013 record: no deal in rounds 1-6, a deal in round 7
};
OutcomeDistribution ComputeOutcomes(const NegotiationSolution& solution, int max_rounds);

// A round's ex-ante values (U_S, U_P): each proposal's values weighted by who proposes.
void SetExAnteValues(RoundPlan* plan);

// After SolveRounds: records the deal-valuation work and turns failed shutdown fixed points into
// a kNumericalIssue status with a message.
void ReportValuation(const DealValuation& valuation, NegotiationSolution* solution);

// Shared driver: backward induction over the dated rounds, and for an infinite horizon the
// stationary tail first. `solve_round(state, next, values_only)` returns the plan of a round given
// the ex-ante values (U_S, U_P) of the next round (ignored in the last round); with values_only
// (the tail's fixed-point iterations, and every round when Solution::choice_tables is false) only
// the plan's values, acceptance and opt-out probabilities (and a QRE's log_normaliser) need be
// filled in.
using RoundSolver = std::function<RoundPlan(const RoundState&, const Eigen::Vector2d&, bool)>;
void SolveRounds(const Parameters& params, const RoundSolver& solve_round,
                 NegotiationSolution* solution);

}  // namespace kaesong::model
