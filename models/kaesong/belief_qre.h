// Agent logit QRE with beliefs (solution.concept = "qre" with an [information] section): the
// screening game of pbe.h -- Pyongyang knows its type, Seoul makes every offer -- played by logit
// agents (McKelvey & Palfrey 1998, agent QRE of an extensive-form game with incomplete
// information), with Seoul's belief updated by Bayes' rule on the QRE strategies. Every history
// has positive probability, so every belief is a Bayesian posterior (no off-path convention is
// needed), and as lambda grows the QRE approaches the perfect Bayesian equilibrium of pbe.h.
//
// Round t at belief mu (a probability vector over the types, in the type space's ascending
// order): Seoul chooses, with the logit density of qre.h over the offer quadrature
// (offer_quadrature.h), an offer x, "no acceptable draft" (a delay) or, with its outside option
// active, walking away. Type k accepts x with probability
//   sigma_k(x) = 1 / (1 + exp(-lambda (V_k(x) - W_k(t, mu'))))
// where W_k(t, mu') = RejectValue(type k, ...; U_k(t + 1, mu')) is its value of rejecting and
// mu'(x) the posterior after a rejection of x, mu'_k = mu_k (1 - sigma_k(x)) / sum_l mu_l
// (1 - sigma_l(x)). As sigma depends on mu' through the continuation, mu'(x) is the fixed point
// of that map: a plain step from mu' = mu first (no learning: exact when the continuation does
// not depend on the belief); then on the face of mu's support (types of zero belief stay at
// zero): for two types there a bracketed root of the scalar equation on the first one's
// posterior (Illinois regula falsi), for more damped iteration from mu polished by Newton's
// method. A fixed point not
// found to solution.tolerance is a kNumericalIssue status. Where several fixed points exist this
// selects one of them, the same one on every run. Seoul's expected value of x is
//   E(x) = sum_k mu_k [sigma_k V_S^k(x) + (1 - sigma_k) W_S(t, mu'(x))],
// V_S^k Seoul's value of x against type k (durability makes it depend on the type); a delay
// leaves mu unchanged. U_S(t, mu) and U_k(t, mu) are the expected values of these strategies.
//
// Beliefs. The value functions U(t, .) are computed at the points of a regular lattice on the
// simplex (sim/solver/simplex_lattice.h) with information.belief_points points on each edge and
// interpolated linearly between them; the strategies at any belief mu are the logit choices
// above given those interpolated continuations (BeliefStage evaluates them; the simulation calls
// it at the replication's exact posterior). Precision: the interpolation error of U, O(h^2) in
// the lattice step h = 1 / (belief_points - 1) where U is smooth. With one type of positive prior
// mu stays at that vertex and the game is the complete-information QRE with a fixed proposer.
//
// Horizon. Finite: backward induction over rounds. Infinite: rounds from the calendar's
// TailStart() on are identical; their value functions are the fixed point of one round's map on
// the lattice (Anderson-accelerated iteration, stationary.h, to solution.tolerance). Cost per
// round: lattice points x offers x fixed-point iterations x K, split over the machine's cores
// (at most 8 threads; the values do not depend on how many).
#pragma once

#include "models/kaesong/calendar.h"
#include "models/kaesong/deal.h"
#include "models/kaesong/deal_value.h"
#include "models/kaesong/information.h"
#include "models/kaesong/negotiation.h"
#include "models/kaesong/parameters.h"
#include "sim/solver/simplex_lattice.h"
#include "sim/solver/solve_result.h"

#include <Eigen/Dense>

#include <optional>
#include <string>
#include <vector>

namespace kaesong::model {

// Lattice points (beliefs) above which the QRE with beliefs is refused, the work bound on
// lattice points x offers per round, and the bound on stored values (rounds x points x (K + 1)).
inline constexpr long long kMaxBeliefLattice = 100'001;
inline constexpr long long kMaxBeliefLatticeWork = 2'000'000'000;
inline constexpr long long kMaxBeliefQreEntries = 200'000'000;
// Threads of the lattice sweep per round: the machine's, at most this many.
inline constexpr int kMaxBeliefQreThreads = 8;

// One round's ex-ante value functions on the lattice: at point i, Seoul's U_S at
// values[i * (K + 1)] and type k's U_k at values[i * (K + 1) + 1 + k].
struct BeliefRound {
  RoundState state;
  std::vector<double> values;
};

struct BeliefQreSolution {
  SolveStatus status = SolveStatus::kNotSolved;
  std::string message = "not solved";
  TypeSpace types;
  solver::SimplexLattice lattice;
  std::optional<int> rounds;  // horizon: protocol.rounds
  RoundCalendar calendar;
  std::vector<BeliefRound> dated;  // rounds 1..dated.size()
  std::vector<BeliefRound> tail;   // infinite horizon: one round, every later round
  // The offer quadrature (grid and log weights) and each type's deal values on it.
  DealGrid grid;
  Eigen::ArrayXd log_weight;
  std::vector<DealTable> type_tables;  // in the type space's order
  Parameters params;                   // as validated (Seoul's side, lambda, the shocks)
  std::vector<Side> type_sides;        // Pyongyang as each type
  long long iterations = 0;            // stationary-tail map evaluations
  double residual = 0.0;
  long long fixed_points = 0;          // posterior fixed points solved
  long long fixed_point_failures = 0;  // of them, not solved to tolerance
  double worst_fixed_point_residual = 0.0;
  long long deal_evaluations = 0;
  std::vector<std::string> warnings;

  bool ok() const { return status == SolveStatus::kSuccess; }
  int type_count() const { return types.size(); }
  int offer_count() const { return grid.size(); }
  const BeliefRound& Round(int t) const;  // t >= 1
  // The round after t, or nullptr when t is the horizon's last.
  const BeliefRound* Next(int t) const;
};

// Requires validated parameters with solution.concept = "qre" and information.hidden set. Status
// kInvalidInput when the lattice or the work would pass the limits above.
BeliefQreSolution SolveBeliefQre(const Parameters& params);

// Seoul's move and the types' responses in one round at one belief.
struct BeliefChoice {
  // Choice probabilities: offers 0..n-1 (the quadrature's flat index), then n: a delay, n + 1:
  // walking away (0 unless Seoul's option is active).
  Eigen::ArrayXd choice;
  // Their logarithms, from the same utilities (finite where a probability underflows; -infinity
  // for walking away without the option).
  Eigen::ArrayXd log_choice;
  std::vector<double> accept;      // sigma_k(x) at x * K + k
  std::vector<double> posterior;   // mu'_k(x) after a rejection, at x * K + k
  double value_seoul = 0.0;        // U_S(t, mu)
  std::vector<double> value_type;  // U_k(t, mu)
};

// Evaluates BeliefChoice at any belief; keeps its buffers between calls (one per thread).
class BeliefStage {
 public:
  explicit BeliefStage(const BeliefQreSolution& solution);
  // Round t's choices at belief mu (K entries summing to 1). `next`: the next round's values, or
  // nullptr in the horizon's last round. The reference is valid until the next call.
  const BeliefChoice& Evaluate(const RoundState& state, const BeliefRound* next, const double* mu);
  const BeliefChoice& Evaluate(int t, const double* mu);
  // Every type's acceptance probability of offer x in round t at belief mu, and the
  // posterior after its rejection, into accept[0..K) and posterior[0..K) (one fixed point).
  void Respond(int t, const double* mu, int x, double* accept, double* posterior);
  // As above, with also log sigma_k(x) and log(1 - sigma_k(x)) into log_accept[0..K) and
  // log_reject[0..K), computed from the logit's argument (finite where sigma_k or its complement
  // underflows).
  void Respond(int t, const double* mu, int x, double* accept, double* posterior,
               double* log_accept, double* log_reject);
  // The values U_S(t, mu) and U_k(t, mu) interpolated from round t's lattice values.
  void Interpolate(const BeliefRound& round, const double* mu, double* seoul, double* type);

  // Posterior fixed points solved so far, those not solved to solution.tolerance, and the
  // largest residual among them.
  long long fixed_points() const { return fixed_points_; }
  long long failures() const { return failures_; }
  double worst_residual() const { return worst_; }

 private:
  // Interpolated next-round values at belief b into next_seoul_ / next_type_.
  void Continuation(const BeliefRound* next, const double* b);
  // Posterior fixed point for offer x; returns its residual.
  double SolvePosterior(const RoundState& state, const BeliefRound* next, const double* mu, int x,
                        double* sigma, double* post, double* reject_seoul, double* reject_type);
  // The fixed point when mu's support is the two types i and j.
  double SolveTwoTypePosterior(const RoundState& state, const BeliefRound* next, const double* mu,
                               int x, int i, int j, double* sigma, double* post,
                               double* reject_seoul, double* reject_type);
  void Responses(const RoundState& state, const BeliefRound* next, const double* mu, int x,
                 const double* b, double* sigma, double* post, double* reject_seoul,
                 double* reject_type);

  const BeliefQreSolution& sol_;
  int k_;
  int n_;
  BeliefChoice choice_;
  solver::LatticeStencil stencil_;
  double next_seoul_ = 0.0;
  std::vector<double> next_type_;
  std::vector<double> scratch_post_, scratch_reject_, scratch_best_, scratch_trial_;
  std::vector<double> reject_seoul_;  // per offer: W_S(t, mu'(x))
  std::vector<double> reject_type_;   // per offer and type: W_k(t, mu'(x)), x * K + k
  std::vector<double> expected_;      // per offer: E(x)
  long long fixed_points_ = 0;
  long long failures_ = 0;
  double worst_ = 0.0;
};

}  // namespace kaesong::model
