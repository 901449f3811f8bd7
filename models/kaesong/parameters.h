// Parameters of the Kaesong negotiation model (README.md, "The model"): the deal space, both sides'
// payoff weights, the durability (commitment) module, the negotiation calendar and protocol, and
// the solution concept. A plain struct with documented units and defaults; validation of ranges
// lives in ValidateParameters (models/kaesong/validate.h) so that the scenario loader can point
// each problem at its file position. Key names in comments are the scenario-file keys.
//
// Units: money in US$ million per year (flows while the complex operates, or their annuity
// equivalents for one-off amounts); probabilities in [0, 1]; discount factors per negotiation
// week of negotiation (a gap of `days` between rounds discounts by discount^(days / 7)) or per
// durability period (a year, after a deal); dates ISO 8601 (YYYY-MM-DD).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace kaesong::model {

// A calendar date as days since 1970-01-01 (proleptic Gregorian).
using Day = int;

// One dimension of the deal: a fixed value, or a range [min, max] with `grid` points used where a
// finite choice set is needed (logit choices, simultaneous-protocol drafts).
struct DealDimension {
  double min = 0.0;
  double max = 1.0;
  int grid = 11;                // >= 2 unless fixed
  std::optional<double> fixed;  // "deal.m = 90" fixes the dimension
  double Lo() const { return fixed ? *fixed : min; }
  double Hi() const { return fixed ? *fixed : max; }
};

// Deal x = (m, g, beta): m hard currency to Pyongyang (US$ million/yr), g guarantee strength in
// [0,1], beta share of blame assigned to Pyongyang in [0,1].
struct DealSpace {
  DealDimension m{0.0, 200.0, 41, std::nullopt};   // deal.m
  DealDimension g{0.0, 1.0, 11, std::nullopt};     // deal.g
  DealDimension beta{0.0, 1.0, 11, std::nullopt};  // deal.beta
};

// Temptation to shut the complex after a deal, drawn each durability period (durability.h).
enum class TemptationKind {
  kNone,         // never tempted (durability off for this side)
  kFixed,        // G = mean every period (grim-trigger anchor)
  kExponential,  // G ~ Exponential(mean)
};

struct Temptation {
  TemptationKind kind = TemptationKind::kNone;  // <side>.temptation
  double mean = 0.0;        // <side>.temptation_mean, US$ million (one-off political gain)
  double drill_mean = 0.0;  // <side>.temptation_drill_mean, mean in periods with a drill
};

// One negotiating side. Seoul: u_S = pi - m + k*g + A*beta. Pyongyang: u_P = m - k*g - A*beta.
struct Side {
  double pi = 0.0;                         // seoul.pi: firms' operating value (Seoul only)
  double guarantee_weight = 0.0;           // k_S (value of guarantee) / k_P (leverage given up)
  double blame_weight = 0.0;               // A_S (audience value) / A_P (face cost)
  double discount = 0.95;                  // per week of negotiation, in (0, 1]
  double impasse = 0.0;                    // flow while suspended and talks continue (d_S, d_P)
  double breakdown_payoff = 0.0;           // value if talks break down for good (b_S, b_P)
  std::optional<double> outside_option;    // w: value of walking away, taken instead of
                                           // proposing or of answering an offer
  std::optional<Day> outside_option_from;  // date the outside option switches on (none: always)
  Temptation temptation;                   // after-deal temptation to shut the complex
};

// A drill window [start, end], inclusive (e.g. Ulchi Freedom Guardian 2013-08-19..2013-08-30).
struct DrillWindow {
  Day start = 0;
  Day end = 0;
};

enum class Proposer { kSeoul, kPyongyang };
enum class ProposerOrder {
  kAlternate,  // first proposer, then alternate
  kRandom,     // each round Seoul proposes with probability seoul_proposes_prob
  kFixed,      // the first proposer makes every offer (screening by the uninformed side, pbe.h)
};
enum class ProtocolKind { kAlternating, kSimultaneous };

struct Protocol {
  ProtocolKind kind = ProtocolKind::kAlternating;   // protocol.kind
  Proposer first = Proposer::kSeoul;                // protocol.first
  ProposerOrder order = ProposerOrder::kAlternate;  // protocol.order
  double seoul_proposes_prob = 0.5;                 // protocol.seoul_proposes_prob
  std::optional<int> rounds;     // protocol.rounds: number of rounds; nullopt = "infinite"
  double breakdown = 0.0;        // protocol.breakdown: P(breakdown) per week of impasse
                                 // after a rejection (1 - (1 - p)^(days / 7) over a gap)
  double drill_breakdown = 0.0;  // protocol.drill_breakdown: added when a drill overlaps
  int drafts = 9;                // protocol.drafts: menu size of the simultaneous protocol,
                                 // in [1, kMaxDrafts] (draft_menu.h)
};

inline constexpr int kMaxDrafts = 64;

// Round dates: the listed dates, then one round every `spacing_days` after the last.
struct Calendar {
  std::vector<Day> round_dates;     // calendar.rounds
  int spacing_days = 7;             // calendar.spacing_days
  std::vector<DrillWindow> drills;  // calendar.drills
};

// After-deal commitment problem (durability.h).
struct Durability {
  double penalty_max = 0.0;     // durability.penalty_max: C_max, C(g) = g * C_max (US$ million)
  double discount = 0.9;        // durability.discount: per period after a deal, in (0, 1)
  double drill_share = 0.0;     // durability.drill_share: fraction of periods with a drill
  bool seoul_may_shut = false;  // durability.seoul_may_shut (off for 2013)
  double reopen_prob = 0.0;     // durability.reopen_prob: per period, that a shut complex reopens
                                // on the same terms (talks restart); 0 = a shutdown is final
};

enum class SolutionConcept {
  kSpe,  // subgame-perfect equilibrium (spe.h)
  kQre,  // agent logit quantal response equilibrium (qre.h)
  kPbe,  // perfect Bayesian equilibrium with a hidden Pyongyang parameter (pbe.h)
};

struct Solution {
  SolutionConcept solution_concept = SolutionConcept::kSpe;  // solution.concept (`concept` is a
                                                             // C++20 keyword)
  double lambda = 10.0;         // solution.lambda: logit precision (per US$ million/yr)
  double tolerance = 1e-10;     // solution.tolerance: fixed points and nonlinear offers
  int max_iterations = 100000;  // solution.max_iterations: stationary fixed point
  double nash_weight = 0.5;     // solution.nash_weight: Seoul's weight in the asymmetric Nash
                                // bargaining benchmark, in (0, 1) (axiomatic.h)
  // Not a scenario key. When every entry is positive: the QRE offer quadrature's steps per
  // base-grid step in m, g, beta, in place of the resolution rule of offer_quadrature.h (the caps
  // still apply). kaesong fit holds the quadrature fixed over its parameter box so that the
  // likelihood is a smooth function of the parameters.
  std::array<int, 3> quadrature_subdivision = {0, 0, 0};
  // Not a scenario key. false: every QRE round plan keeps its values, acceptance and opt-out
  // probabilities and log_normaliser only, without the per-offer tables and mean offers that
  // simulation needs (negotiation.h). Enough for the likelihood of histories
  // (history_likelihood.h), and several times faster on a fine quadrature.
  bool choice_tables = true;
};

// One-sided incomplete information (pbe.h, belief_qre.h): a Pyongyang parameter that Pyongyang
// knows and Seoul does not. Its possible values are Pyongyang's types; Seoul holds a prior over
// them.
enum class HiddenParameter {
  kNone,             // complete information (no [information] section)
  kBlameWeight,      // pyongyang.blame_weight, the face cost A_P
  kDiscount,         // pyongyang.discount
  kImpasse,          // pyongyang.impasse
  kBreakdownPayoff,  // pyongyang.breakdown_payoff
};

struct Information {
  HiddenParameter hidden = HiddenParameter::kNone;  // information.hidden
  std::vector<double> values;  // information.values: the types' values, 1..kMaxTypes, distinct
  std::vector<double> prior;   // information.prior: Seoul's prior, same length, sums to 1
                               // (default: uniform)
  int belief_points = 1001;    // information.belief_points: Seoul's belief grid (pbe.h)
};

inline constexpr int kMaxTypes = 64;
inline constexpr int kMaxBeliefPoints = 100001;

struct Simulation {
  int replications = 1000;      // simulation.replications
  unsigned long long seed = 1;  // simulation.seed
  // simulation.max_rounds: an infinite-horizon replication still negotiating after this many
  // rounds is stopped and counted as no deal (its realised value adds the discounted equilibrium
  // value of continuing, so mean values stay unbiased); >= 1.
  int max_rounds = 10000;
};

struct Parameters {
  std::string name;         // scenario.name
  std::string description;  // scenario.description
  DealSpace deal;
  Side seoul;
  Side pyongyang;
  Durability durability;
  Protocol protocol;
  Calendar calendar;
  Solution solution;
  Information information;
  Simulation simulation;
};

}  // namespace kaesong::model
