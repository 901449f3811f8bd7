#include "models/kaesong/pbe.h"

#include "models/kaesong/proposer_problem.h"
#include "sim/solver/stationary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <utility>

namespace kaesong::model {
namespace {

constexpr double kAgreementSlack = 1e-12;       // relative: Seoul prefers agreement on ties
constexpr double kInnerTolerance = 0.1;         // proposer's problem 10x tighter than the tail
constexpr double kEquilibriumTolerance = 1e-7;  // relative: the types' conditions
constexpr double kNegInf = -std::numeric_limits<double>::infinity();

// The value of rejecting for ever in a stationary round: the fixed point of J = W(J)
// (negotiation.h), (p b + (1 - p)(1 - delta) d) / (1 - (1 - p) delta).
double PerpetualDelay(const Side& side, Proposer who, const RoundState& state) {
  const double p = state.breakdown_prob;
  const double delta = state.discount[who == Proposer::kSeoul ? 0 : 1];
  const double denominator = 1.0 - (1.0 - p) * delta;
  if (!(denominator > 0.0)) return side.impasse;
  return (p * side.breakdown_payoff + (1.0 - p) * (1.0 - delta) * side.impasse) / denominator;
}

std::vector<double> BeliefGrid(const TypeSpace& types, int points) {
  int positive = 0;
  for (double p : types.prior) positive += p > 0.0 ? 1 : 0;
  std::vector<double> grid = types.cumulative;
  grid.push_back(0.0);
  grid.push_back(1.0);
  if (positive > 1) {
    for (int i = 0; i < points; ++i) grid.push_back(static_cast<double>(i) / (points - 1));
  }
  std::sort(grid.begin(), grid.end());
  grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
  return grid;
}

// The solver: per-type deal valuations and proposer's problems, and the round-by-round recursion.
class ScreeningSolver {
 public:
  ScreeningSolver(const Parameters& params, ScreeningSolution* solution)
      : params_(params), sol_(*solution), n_(solution->points()), k_(solution->types.size()) {
    for (int k = 0; k < k_; ++k) {
      auto& type = types_.emplace_back(std::make_unique<Type>());
      type->params = WithType(params, sol_.types.values[k]);
      type->valuation = std::make_unique<DealValuation>(type->params);
      if (!type->valuation->linear()) {
        type->table = TabulateDeals(*type->valuation, DealGrid(params.deal));
      }
      type->problem = std::make_unique<ProposerProblem>(
          *type->valuation, params.deal, &type->table, kInnerTolerance * params.solution.tolerance);
    }
    const ProposerChoice ideal = types_[0]->problem->Ideal(Proposer::kSeoul);
    sol_.ideal = ideal.deal;
    for (int k = 0; k < k_; ++k)
      sol_.ideal_value.push_back(types_[k]->valuation->Evaluate(ideal.deal));
    prefix_.resize(static_cast<std::size_t>(k_ + 1) * n_);
    gain_.resize(static_cast<std::size_t>(n_));
  }

  long long deal_evaluations() const {
    long long n = 0;
    for (const auto& type : types_) n += type->valuation->evaluations();
    return n;
  }
  long long valuation_failures() const {
    long long n = 0;
    for (const auto& type : types_) n += type->valuation->failures();
    return n;
  }

  // A dated round given the next round (nullptr: the last round of a finite horizon, whose
  // rejection values are the breakdown payoffs, which RejectValue returns for state.last).
  void SolveDated(const RoundState& state, const ScreeningRound* next, ScreeningRound* out) {
    Prepare(state, out);
    const auto next_seoul = [&](int j) { return next ? next->value_seoul[j] : 0.0; };
    const auto next_type = [&](int k, int j) { return next ? next->value_type[Index(k, j)] : 0.0; };
    SolveTop(state, next_seoul(n_ - 1), out, next);
    Sweep(state, out, next_seoul, next_type, /*stationary=*/false);
  }

  // The stationary tail round: its own continuation.
  solver::StationaryReport SolveTail(const RoundState& state, ScreeningRound* out) {
    Prepare(state, out);
    const int top = n_ - 1;
    const int tau = sol_.type_at[top];
    Eigen::Vector2d z(params_.seoul.breakdown_payoff, params_.pyongyang.breakdown_payoff);
    z[1] = types_[tau]->params.pyongyang.breakdown_payoff;
    const solver::ValueMap map = [&](const Eigen::Vector2d& v) {
      TopMove(state, v[0], v[1], out);
      return Eigen::Vector2d(out->value_seoul[top], out->value_type[Index(tau, top)]);
    };
    solver::StationaryReport report = solver::SolveStationary(map, &z, params_.solution.tolerance,
                                                              params_.solution.max_iterations);
    map(z);  // the plan at the returned fixed point
    // The other types at s = 1 face the same stationary play: accept it or reject for ever.
    for (int k = 0; k < k_; ++k) {
      if (k == tau) continue;
      out->value_type[Index(k, top)] = TopTypeValue(state, k, out, TypeDelay(k, state));
    }
    out->violation[top] = TopViolation(
        state, out, [&](int k) { return TypeReject(k, state, out->value_type[Index(k, top)]); });
    const auto self_seoul = [&](int j) { return out->value_seoul[j]; };
    const auto self_type = [&](int k, int j) { return out->value_type[Index(k, j)]; };
    Sweep(state, out, self_seoul, self_type, /*stationary=*/true);
    return report;
  }

 private:
  struct Type {
    Parameters params;
    std::unique_ptr<DealValuation> valuation;
    DealTable table;
    std::unique_ptr<ProposerProblem> problem;
  };
  struct CachedOffer {
    bool feasible = false;
    Deal deal;
    std::vector<DealValue> values;  // per type
  };

  std::size_t Index(int k, int j) const { return static_cast<std::size_t>(k) * n_ + j; }

  // The round as type k sees it: its own discount over the gap (the hidden key may be it).
  RoundState TypeState(int k, const RoundState& state) const {
    RoundState own = state;
    own.discount[1] = DiscountOver(types_[k]->params.pyongyang.discount, state.gap_days);
    return own;
  }
  // Type k's value of rejecting (negotiation.h, W) and of rejecting for ever in a stationary round.
  double TypeReject(int k, const RoundState& state, double next) const {
    return RejectValue(types_[k]->params.pyongyang, Proposer::kPyongyang, TypeState(k, state),
                       next);
  }
  double TypeDelay(int k, const RoundState& state) const {
    return PerpetualDelay(types_[k]->params.pyongyang, Proposer::kPyongyang, TypeState(k, state));
  }

  void Prepare(const RoundState& state, ScreeningRound* out) const {
    out->state = state;
    out->target.assign(n_, 0);
    out->walk.assign(n_, 0);
    out->feasible.assign(n_, 0);
    out->offer.assign(n_, sol_.ideal);
    out->offer_value.assign(static_cast<std::size_t>(k_) * n_, DealValue{});
    for (int k = 0; k < k_; ++k) {
      std::fill_n(out->offer_value.begin() + static_cast<std::ptrdiff_t>(Index(k, 0)), n_,
                  sol_.ideal_value[k]);
    }
    out->value_seoul.assign(n_, 0.0);
    out->value_type.assign(static_cast<std::size_t>(k_) * n_, 0.0);
    out->violation.assign(n_, 0.0);
  }

  // The offer that leaves the marginal type of target j indifferent, given the types' values at
  // the start of the next round in state j (`next_type(k, j)`), with its values for every type.
  template <typename NextType>
  void OfferFor(const RoundState& state, int j, ScreeningRound* out, const NextType& next_type) {
    if (j == 0) return;  // s = 0: no type accepts
    const int tau = sol_.type_at[j];
    const double reservation = TypeReject(tau, state, next_type(tau, j));
    const auto key = std::make_pair(tau, reservation);
    auto it = cache_.find(key);
    if (it == cache_.end()) {
      CachedOffer entry;
      const ProposerChoice choice = types_[tau]->problem->Solve(Proposer::kSeoul, reservation);
      entry.feasible = choice.feasible;
      entry.deal = choice.feasible ? choice.deal : sol_.ideal;
      for (int k = 0; k < k_; ++k) {
        entry.values.push_back(!choice.feasible ? sol_.ideal_value[k]
                               : k == tau       ? choice.value
                                                : types_[k]->valuation->Evaluate(choice.deal));
      }
      it = cache_.emplace(key, std::move(entry)).first;
    }
    const CachedOffer& offer = it->second;
    out->feasible[j] = offer.feasible ? 1 : 0;
    out->offer[j] = offer.deal;
    for (int k = 0; k < k_; ++k) out->offer_value[Index(k, j)] = offer.values[k];
  }

  // Seoul's move at s = 1 against the toughest type tau, given its own continuation value
  // `next_seoul` and tau's, `next_tau`: the offer aimed at s = 1, then agreement, delay or walking
  // away, as in the SPE (spe.h). Sets the top's offer, walk, top_agree, Seoul's and tau's values.
  void TopMove(const RoundState& state, double next_seoul, double next_tau, ScreeningRound* out) {
    const int top = n_ - 1;
    const int tau = sol_.type_at[top];
    OfferFor(state, top, out, [&](int, int) { return next_tau; });
    const double reject_seoul = RejectValue(params_.seoul, Proposer::kSeoul, state, next_seoul);
    const double reject_tau = TypeReject(tau, state, next_tau);
    const double slack = kAgreementSlack * (1.0 + std::abs(reject_seoul));
    const double agree_value = out->offer_value[Index(tau, top)].seoul;
    const bool agree = out->feasible[top] && agree_value >= reject_seoul - slack;
    const double best = agree ? agree_value : reject_seoul;
    const bool walk = state.option_active[0] && *params_.seoul.outside_option >
                                                    best + kAgreementSlack * (1.0 + std::abs(best));
    out->walk[top] = walk ? 1 : 0;
    out->target[top] = top;
    out->top_agree = agree && !walk;
    out->value_seoul[top] = walk ? *params_.seoul.outside_option : best;
    out->value_type[Index(tau, top)] = walk    ? types_[tau]->params.pyongyang.breakdown_payoff
                                       : agree ? out->offer_value[Index(tau, top)].pyongyang
                                               : reject_tau;
  }

  // Type k's value at s = 1 given its value of rejecting.
  double TopTypeValue(const RoundState&, int k, const ScreeningRound* out, double reject) const {
    const int top = n_ - 1;
    if (out->walk[top]) return types_[k]->params.pyongyang.breakdown_payoff;
    if (!out->top_agree) return reject;
    return std::max(out->offer_value[Index(k, top)].pyongyang, reject);
  }

  template <typename RejectOf>
  double TopViolation(const RoundState&, const ScreeningRound* out,
                      const RejectOf& reject_of) const {
    const int top = n_ - 1;
    if (out->walk[top]) return 0.0;
    // At s = 1 every type accepts an agreement offer, none a delay's.
    double worst = 0.0;
    for (int k = 0; k < k_; ++k) {
      if (!(sol_.types.prior[k] > 0.0)) continue;  // outside the support: never at the table
      const double r = reject_of(k);
      const double a = out->top_agree ? out->offer_value[Index(k, top)].pyongyang
                                      : sol_.ideal_value[k].pyongyang;
      const double gap = out->top_agree ? r - a : a - r;
      worst = std::max(worst, gap / (1.0 + std::abs(r)));
    }
    return worst > kEquilibriumTolerance ? worst : 0.0;
  }

  void SolveTop(const RoundState& state, double next_seoul, ScreeningRound* out,
                const ScreeningRound* next) {
    const int top = n_ - 1;
    const int tau = sol_.type_at[top];
    const auto next_type = [&](int k, int j) { return next ? next->value_type[Index(k, j)] : 0.0; };
    TopMove(state, next_seoul, next_type(tau, top), out);
    for (int k = 0; k < k_; ++k) {
      if (k == tau) continue;
      out->value_type[Index(k, top)] =
          TopTypeValue(state, k, out, TypeReject(k, state, next_type(k, top)));
    }
    out->violation[top] =
        TopViolation(state, out, [&](int k) { return TypeReject(k, state, next_type(k, top)); });
  }

  // States j = N-2 down to 0: Seoul's move, the values, then the offer aimed at target j (used
  // by the states below). `stationary`: the round is its own continuation (the tail).
  template <typename NextSeoul, typename NextType>
  void Sweep(const RoundState& state, ScreeningRound* out, const NextSeoul& next_seoul,
             const NextType& next_type, bool stationary) {
    const std::vector<double>& s = sol_.belief;
    const std::vector<double>& cum = sol_.types.cumulative;
    const std::vector<double>& prior = sol_.types.prior;
    const int top = n_ - 1;
    const Side& seoul = params_.seoul;
    const double delay_seoul = stationary ? PerpetualDelay(seoul, Proposer::kSeoul, state) : 0.0;
    const auto type_reject = [&](int k, int j) { return TypeReject(k, state, next_type(k, j)); };
    // Target j's terms, independent of the state it is aimed from: prefix[k][j] = sum over types
    // i < k of prior_i V_S^i(offer_j), and gain[j] = the accepted mass's payoff up to s_j plus the
    // rejecting mass's value, 1 - s_j times Seoul's value of rejecting.
    const auto add_target = [&](int j) {
      double sum = 0.0;
      for (int k = 0; k < k_; ++k) {
        prefix_[Index(k, j)] = sum;
        sum += prior[k] * out->offer_value[Index(k, j)].seoul;
      }
      prefix_[Index(k_, j)] = sum;
      if (!out->feasible[j]) {
        gain_[j] = kNegInf;
        return;
      }
      const int tau = sol_.type_at[j];
      const double reject_seoul =
          j == top ? 0.0 : RejectValue(seoul, Proposer::kSeoul, state, next_seoul(j));
      gain_[j] = prefix_[Index(tau, j)] +
                 (s[j] - cum[tau]) * out->offer_value[Index(tau, j)].seoul +
                 (1.0 - s[j]) * reject_seoul;
    };
    // The top's agreement: every remaining type accepts the offer aimed at the toughest type.
    add_target(top);
    if (!out->top_agree) gain_[top] = kNegInf;
    for (int j = top - 1; j >= 0; --j) {
      const int kj = sol_.type_at[j];
      const double c = s[j] - cum[kj];
      const double* pre = prefix_.data() + Index(kj, 0);
      const double mass = 1.0 - s[j];
      const double delay =
          mass *
          (stationary ? delay_seoul : RejectValue(seoul, Proposer::kSeoul, state, next_seoul(j)));
      double best = delay;
      for (int t = j + 1; t <= top; ++t) {
        const double v = gain_[t] - pre[t] - c * out->offer_value[Index(kj, t)].seoul;
        best = std::max(best, v);
      }
      const double slack = kAgreementSlack * (1.0 + std::abs(best));
      int target = j;
      for (int t = top; t > j; --t) {
        const double v = gain_[t] - pre[t] - c * out->offer_value[Index(kj, t)].seoul;
        if (v >= best - slack) {
          target = t;
          break;
        }
      }
      if (target == j) best = delay;
      const double value = best / mass;
      const bool walk = state.option_active[0] &&
                        *seoul.outside_option > value + kAgreementSlack * (1.0 + std::abs(value));
      out->walk[j] = walk ? 1 : 0;
      out->target[j] = target;
      out->value_seoul[j] = walk ? *seoul.outside_option : value;
      // The types' best responses, and the equilibrium condition for those present at j.
      double worst = 0.0;
      for (int k = 0; k < k_; ++k) {
        const Side& side = types_[k]->params.pyongyang;
        double v;
        if (walk) {
          v = side.breakdown_payoff;
        } else if (target == j) {
          v = stationary ? TypeDelay(k, state) : type_reject(k, j);
          if (prior[k] > 0.0 && cum[k + 1] > s[j]) {
            const double a = sol_.ideal_value[k].pyongyang;
            worst = std::max(worst, (a - v) / (1.0 + std::abs(v)));
          }
        } else {
          const double r = type_reject(k, target);
          const double a = out->offer_value[Index(k, target)].pyongyang;
          v = std::max(a, r);
          if (prior[k] > 0.0 && cum[k + 1] > s[j]) {
            const double scale = 1.0 + std::abs(r);
            if (cum[k + 1] <= s[target]) {
              worst = std::max(worst, (r - a) / scale);  // accepts
            } else if (cum[k] < s[target]) {
              worst = std::max(worst, std::abs(a - r) / scale);  // mixes
            } else {
              worst = std::max(worst, (a - r) / scale);  // rejects
            }
          }
        }
        out->value_type[Index(k, j)] = v;
      }
      out->violation[j] = walk || worst <= kEquilibriumTolerance ? 0.0 : worst;
      OfferFor(state, j, out, next_type);
      add_target(j);
    }
  }

  const Parameters& params_;
  ScreeningSolution& sol_;
  int n_;
  int k_;
  std::vector<std::unique_ptr<Type>> types_;
  std::map<std::pair<int, double>, CachedOffer> cache_;
  std::vector<double> prefix_;  // (K + 1) x N
  std::vector<double> gain_;    // N
};

}  // namespace

ScreeningSolution SolveScreening(const Parameters& params) {
  ScreeningSolution sol;
  sol.types = MakeTypeSpace(params);
  sol.belief = BeliefGrid(sol.types, params.information.belief_points);
  for (double s : sol.belief) sol.type_at.push_back(sol.types.TypeAt(s));
  sol.rounds = params.protocol.rounds;
  sol.calendar = RoundCalendar(params.calendar, params.seoul, params.pyongyang);
  const bool infinite = !params.protocol.rounds;
  const long long dated = infinite ? sol.calendar.TailStart() - 1 : *params.protocol.rounds;
  const long long entries = (dated + (infinite ? 1 : 0)) * sol.points() * sol.types.size();
  if (dated > kMaxDatedRounds || entries > kMaxScreeningEntries) {
    sol.status = SolveStatus::kInvalidInput;
    sol.message = fmt::format(
        "the screening equilibrium needs {} rounds x {} belief points x {} types = {} stored "
        "values, "
        "above the limit of {}; lower information.belief_points or the number of rounds",
        dated + (infinite ? 1 : 0), sol.points(), sol.types.size(), entries, kMaxScreeningEntries);
    return sol;
  }
  ScreeningSolver solver(params, &sol);
  sol.status = SolveStatus::kSuccess;
  sol.message.clear();
  if (infinite) {
    sol.tail.resize(1);
    const solver::StationaryReport report = solver.SolveTail(
        MakeRoundState(params, sol.calendar, static_cast<int>(dated) + 1), &sol.tail[0]);
    sol.iterations = report.iterations;
    sol.residual = report.residual;
    if (report.status != SolveStatus::kSuccess) {
      sol.status = report.status;
      sol.message = "stationary tail at s = 1: " + report.message;
    }
  }
  sol.dated.resize(static_cast<std::size_t>(dated));
  for (long long t = dated; t >= 1; --t) {
    const ScreeningRound* next = t < dated  ? &sol.dated[static_cast<std::size_t>(t)]
                                 : infinite ? &sol.tail[0]
                                            : nullptr;
    solver.SolveDated(MakeRoundState(params, sol.calendar, static_cast<int>(t)), next,
                      &sol.dated[static_cast<std::size_t>(t - 1)]);
  }
  sol.deal_evaluations = solver.deal_evaluations();
  if (sol.ok() && solver.valuation_failures() > 0) {
    sol.status = SolveStatus::kNumericalIssue;
    sol.message = fmt::format("{} of {} deal valuations: shutdown hazard fixed point not solved",
                              solver.valuation_failures(), sol.deal_evaluations);
  }

  // The equilibrium conditions: on the path they must hold; off it a failure is reported.
  const int max_rounds = infinite ? static_cast<int>(dated) + 2 : static_cast<int>(dated);
  std::vector<std::vector<unsigned char>> on_path(static_cast<std::size_t>(max_rounds));
  int j = 0;
  for (int t = 1; t <= max_rounds; ++t) {
    const ScreeningRound& round = sol.Round(t);
    on_path[static_cast<std::size_t>(t - 1)].assign(sol.points(), 0);
    on_path[static_cast<std::size_t>(t - 1)][j] = 1;
    if (round.violation[j] > 0.0 && sol.ok()) {
      sol.status = SolveStatus::kNumericalIssue;
      sol.message = fmt::format(
          "the types' equilibrium conditions fail on the path in round {} at belief s = {:.6g} "
          "(by {:.3g}, relative): the cutoff structure of the screening equilibrium does not hold",
          t, sol.belief[j], round.violation[j]);
    }
    // The path ends with a walk-out, a perpetual delay, or a target every remaining type meets.
    if (round.walk[j] || round.target[j] == j || round.target[j] + 1 == sol.points()) break;
    j = round.target[j];
  }
  long long off_path = 0;
  const auto count = [&](const ScreeningRound& round, const std::vector<unsigned char>* path) {
    for (int i = 0; i < sol.points(); ++i) {
      if (round.violation[i] > 0.0 && (path == nullptr || path->empty() || !(*path)[i])) ++off_path;
    }
  };
  for (std::size_t t = 0; t < sol.dated.size(); ++t) {
    count(sol.dated[t], t < on_path.size() ? &on_path[t] : nullptr);
  }
  for (const ScreeningRound& round : sol.tail) count(round, nullptr);
  if (off_path > 0) {
    sol.warnings.push_back(fmt::format(
        "the screening equilibrium's cutoff structure fails at {} off-path (round, belief) states: "
        "there the types' strategies are best responses but Seoul's belief is not their Bayesian "
        "posterior",
        off_path));
  }
  return sol;
}

const ScreeningRound& ScreeningSolution::Round(int t) const {
  const int n = static_cast<int>(dated.size());
  if (t <= n || tail.empty()) return dated[static_cast<std::size_t>(std::min(t, n) - 1)];
  return tail[0];
}

double ScreeningSolution::AcceptProb(const ScreeningRound& round, int k, int j) const {
  if (round.walk[j]) return 0.0;
  const int target = round.target[j];
  if (j + 1 == points()) return round.top_agree ? 1.0 : 0.0;
  if (target == j) return 0.0;
  const std::vector<double>& cum = types.cumulative;
  const double lo = std::max(belief[j], cum[k]);
  const double hi = cum[k + 1];
  if (hi <= lo) return 1.0;
  return std::clamp((belief[target] - lo) / (hi - lo), 0.0, 1.0);
}

ScreeningOutcomes ComputeScreeningOutcomes(const ScreeningSolution& solution, int max_rounds) {
  ScreeningOutcomes out;
  const int types = solution.types.size();
  out.by_type.resize(static_cast<std::size_t>(types));
  std::vector<double> reach(static_cast<std::size_t>(types), 1.0), round_sum(reach.size(), 0.0);
  const int horizon = solution.rounds ? std::min(*solution.rounds, max_rounds) : max_rounds;
  int j = 0;
  for (int t = 1; t <= horizon; ++t) {
    double total = 0.0;
    for (int k = 0; k < types; ++k) total += solution.types.prior[k] * reach[k];
    if (!(total > 1e-300)) break;
    out.path.push_back(j);
    out.reach.push_back(total);
    const ScreeningRound& round = solution.Round(t);
    for (int k = 0; k < types; ++k) {
      double& r = reach[k];
      if (r == 0.0) continue;
      OutcomeDistribution& d = out.by_type[static_cast<std::size_t>(k)];
      d.expected_rounds += r;
      if (round.walk[j]) {
        d.opt_out += r;
        r = 0.0;
        continue;
      }
      const double q = solution.AcceptProb(round, k, j);
      d.agree += r * q;
      round_sum[k] += r * q * t;
      if (t == 7) d.record_prob = r * q;
      const double reject = r * (1.0 - q);
      if (round.state.last) {
        d.breakdown += reject;
        r = 0.0;
        continue;
      }
      d.breakdown += reject * round.state.breakdown_prob;
      r = reject * (1.0 - round.state.breakdown_prob);
      if (r < 1e-300) r = 0.0;
    }
    if (round.walk[j]) break;
    j = round.target[j];
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  double agree_rounds = 0.0;
  for (int k = 0; k < types; ++k) {
    OutcomeDistribution& d = out.by_type[static_cast<std::size_t>(k)];
    d.unresolved = reach[k];
    d.mean_agreement_round = d.agree > 0.0 ? round_sum[k] / d.agree : nan;
    const double p = solution.types.prior[k];
    out.total.agree += p * d.agree;
    out.total.breakdown += p * d.breakdown;
    out.total.opt_out += p * d.opt_out;
    out.total.unresolved += p * d.unresolved;
    out.total.expected_rounds += p * d.expected_rounds;
    out.total.record_prob += p * d.record_prob;
    agree_rounds += p * round_sum[k];
  }
  out.total.mean_agreement_round = out.total.agree > 0.0 ? agree_rounds / out.total.agree : nan;
  return out;
}

}  // namespace kaesong::model
