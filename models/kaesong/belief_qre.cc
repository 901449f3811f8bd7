#include "models/kaesong/belief_qre.h"

#include "models/kaesong/offer_quadrature.h"
#include "sim/solver/stationary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <thread>
#include <utility>

namespace kaesong::model {
namespace {

constexpr int kPlainIterations = 200;  // per damping level of the posterior fixed point
constexpr double kDamping[] = {1.0, 0.5, 0.25, 0.1};
constexpr double kHeavyDamping[] = {0.03, 0.01};
constexpr int kNewtonIterations = 30;
constexpr int kBisections = 200;               // bracketing steps, two types
constexpr long long kPointsPerThread = 20000;  // offer evaluations per round worth a thread

// 1 / (1 + e^-d) and its complement, without overflow.
inline void Logistic(double d, double* p, double* q) {
  const double t = std::exp(-std::abs(d));
  const double small = t / (1.0 + t), large = 1.0 / (1.0 + t);
  *p = d >= 0.0 ? large : small;
  *q = d >= 0.0 ? small : large;
}

}  // namespace

const BeliefRound& BeliefQreSolution::Round(int t) const {
  const int n = static_cast<int>(dated.size());
  if (t <= n || tail.empty()) return dated[static_cast<std::size_t>(std::min(t, n) - 1)];
  return tail[0];
}

const BeliefRound* BeliefQreSolution::Next(int t) const {
  if (rounds && t >= *rounds) return nullptr;
  return &Round(t + 1);
}

BeliefStage::BeliefStage(const BeliefQreSolution& solution)
    : sol_(solution), k_(solution.type_count()), n_(solution.offer_count()) {
  choice_.choice.resize(n_ + 2);
  choice_.log_choice.resize(n_ + 2);
  choice_.accept.resize(static_cast<std::size_t>(n_) * k_);
  choice_.posterior.resize(static_cast<std::size_t>(n_) * k_);
  choice_.value_type.resize(static_cast<std::size_t>(k_));
  next_type_.resize(static_cast<std::size_t>(k_));
  scratch_post_.resize(static_cast<std::size_t>(k_));
  scratch_reject_.resize(static_cast<std::size_t>(k_));
  scratch_best_.resize(static_cast<std::size_t>(k_));
  scratch_trial_.resize(static_cast<std::size_t>(k_));
  reject_seoul_.resize(static_cast<std::size_t>(n_));
  reject_type_.resize(static_cast<std::size_t>(n_) * k_);
  expected_.resize(static_cast<std::size_t>(n_));
}

void BeliefStage::Continuation(const BeliefRound* next, const double* b) {
  next_seoul_ = 0.0;
  std::fill(next_type_.begin(), next_type_.end(), 0.0);
  if (next == nullptr) return;
  sol_.lattice.Locate(b, &stencil_);
  const std::size_t stride = static_cast<std::size_t>(k_) + 1;
  for (int s = 0; s < stencil_.size; ++s) {
    const double w = stencil_.weight[s];
    const double* v = next->values.data() + static_cast<std::size_t>(stencil_.point[s]) * stride;
    next_seoul_ += w * v[0];
    for (int k = 0; k < k_; ++k) next_type_[k] += w * v[1 + k];
  }
}

void BeliefStage::Responses(const RoundState& state, const BeliefRound* next, const double* mu,
                            int x, const double* b, double* sigma, double* post,
                            double* reject_seoul, double* reject_type) {
  Continuation(next, b);
  const double lambda = sol_.params.solution.lambda;
  *reject_seoul = RejectValue(sol_.params.seoul, Proposer::kSeoul, state, next_seoul_);
  double total = 0.0;
  for (int k = 0; k < k_; ++k) {
    reject_type[k] = RejectValue(sol_.type_sides[k], Proposer::kPyongyang, state, next_type_[k]);
    double reject_prob = 0.0;
    Logistic(lambda * (sol_.type_tables[k].pyongyang[x] - reject_type[k]), &sigma[k], &reject_prob);
    post[k] = mu[k] * reject_prob;
    total += post[k];
  }
  if (total > 0.0) {
    for (int k = 0; k < k_; ++k) post[k] /= total;
  } else {  // no type rejects (to rounding): the posterior never matters
    for (int k = 0; k < k_; ++k) post[k] = mu[k];
  }
}

double BeliefStage::SolvePosterior(const RoundState& state, const BeliefRound* next,
                                   const double* mu, int x, double* sigma, double* post,
                                   double* reject_seoul, double* reject_type) {
  ++fixed_points_;
  std::vector<double>& b = scratch_post_;
  std::copy(mu, mu + k_, b.begin());
  Responses(state, next, mu, x, b.data(), sigma, post, reject_seoul, reject_type);
  if (next == nullptr || state.last) return 0.0;  // the posterior does not feed back
  const double tolerance = sol_.params.solution.tolerance;
  const auto distance = [&] {
    double d = 0.0;
    for (int k = 0; k < k_; ++k) d = std::max(d, std::abs(post[k] - b[k]));
    return d;
  };
  double residual = distance();
  if (residual <= tolerance) return residual;
  // Types of zero belief stay at zero: the fixed point lives on the face of mu's support, and
  // with two types there it is a scalar equation.
  int support[2] = {-1, -1};
  int support_size = 0;
  for (int k = 0; k < k_; ++k) {
    if (mu[k] > 0.0) {
      if (support_size < 2) support[support_size] = k;
      ++support_size;
    }
  }
  if (support_size <= 1) return residual;  // to rounding: the posterior is mu
  if (support_size == 2) {
    return SolveTwoTypePosterior(state, next, mu, x, support[0], support[1], sigma, post,
                                 reject_seoul, reject_type);
  }
  // Damped iteration, keeping the best iterate, then Newton's method from it on
  // F(b) = posterior(b) - b in the first K - 1 coordinates (b_K = 1 - the rest), with a
  // forward-difference Jacobian and step halving on |F|_inf.
  std::vector<double>& best_b = scratch_best_;
  double best = residual;
  std::copy(b.begin(), b.end(), best_b.begin());
  for (double alpha : kDamping) {
    std::copy(mu, mu + k_, b.begin());
    for (int it = 0; it < kPlainIterations; ++it) {
      Responses(state, next, mu, x, b.data(), sigma, post, reject_seoul, reject_type);
      residual = distance();
      if (residual < best) {
        best = residual;
        std::copy(b.begin(), b.end(), best_b.begin());
      }
      if (residual <= tolerance) return residual;
      for (int k = 0; k < k_; ++k) b[k] += alpha * (post[k] - b[k]);
    }
  }
  const int m = k_ - 1;
  Eigen::VectorXd f(m), f_trial(m), step(m);
  Eigen::MatrixXd jacobian(m, m);
  const auto evaluate = [&](const std::vector<double>& at, Eigen::VectorXd* out) {
    std::copy(at.begin(), at.end(), b.begin());
    Responses(state, next, mu, x, b.data(), sigma, post, reject_seoul, reject_type);
    for (int k = 0; k < m; ++k) (*out)[k] = post[k] - b[k];
    return distance();
  };
  std::vector<double>& trial = scratch_trial_;
  double norm = evaluate(best_b, &f);
  for (int it = 0; it < kNewtonIterations && norm > tolerance; ++it) {
    for (int j = 0; j < m; ++j) {
      const double h = 1e-7 * std::max(1e-3, best_b[j]);
      trial = best_b;
      trial[j] += h;
      trial[m] -= h;
      evaluate(trial, &f_trial);
      jacobian.col(j) = (f_trial - f) / h;
    }
    step = jacobian.fullPivLu().solve(-f);
    if (!step.allFinite()) break;
    double scale = 1.0;
    bool improved = false;
    for (int half = 0; half < 30 && !improved; ++half, scale *= 0.5) {
      double last = 1.0;
      for (int j = 0; j < m; ++j) {
        trial[j] = std::clamp(best_b[j] + scale * step[j], 0.0, 1.0);
        last -= trial[j];
      }
      if (last < 0.0) continue;
      trial[m] = last;
      const double n_trial = evaluate(trial, &f_trial);
      if (n_trial < norm) {
        best_b = trial;
        f = f_trial;
        norm = n_trial;
        improved = true;
      }
    }
    if (!improved) break;
  }
  norm = evaluate(best_b, &f);
  if (norm <= tolerance) return norm;
  // Last resort where the interpolated continuation's kinks stall Newton: heavily damped
  // iteration from the best point, with iterations enough for the damping.
  for (double alpha : kHeavyDamping) {
    std::copy(best_b.begin(), best_b.end(), b.begin());
    const int iterations = static_cast<int>(40.0 / alpha);
    for (int it = 0; it < iterations; ++it) {
      Responses(state, next, mu, x, b.data(), sigma, post, reject_seoul, reject_type);
      residual = distance();
      if (residual <= tolerance) return residual;
      for (int k = 0; k < k_; ++k) b[k] += alpha * (post[k] - b[k]);
    }
  }
  norm = evaluate(best_b, &f);  // leave sigma and post at the best point
  if (norm <= tolerance) return norm;
  ++failures_;
  worst_ = std::max(worst_, std::min(best, norm));
  return std::min(best, norm);
}

double BeliefStage::SolveTwoTypePosterior(const RoundState& state, const BeliefRound* next,
                                          const double* mu, int x, int i, int j, double* sigma,
                                          double* post, double* reject_seoul, double* reject_type) {
  // On the face of types i and j (the others have zero belief): f(p) = posterior(p)_i - p, with
  // p the belief in type i, is continuous on [0, 1] with f(0) >= 0 >= f(1): a bracketed root
  // by the Illinois variant of regula falsi (Dowell & Jarratt 1971), bisecting whenever a step
  // fails to halve the bracket.
  std::vector<double>& b = scratch_post_;
  const double tolerance = sol_.params.solution.tolerance;
  const auto f = [&](double p) {
    std::fill(b.begin(), b.end(), 0.0);
    b[i] = p;
    b[j] = 1.0 - p;
    Responses(state, next, mu, x, b.data(), sigma, post, reject_seoul, reject_type);
    return post[i] - p;
  };
  double lo = 0.0, hi = 1.0;
  double f_lo = f(lo);
  if (f_lo <= tolerance) return std::abs(f_lo);
  double f_hi = f(hi);
  if (f_hi >= -tolerance) return std::abs(f_hi);
  int side = 0;  // which end was kept last (+1: lo, -1: hi)
  for (int it = 0; it < kBisections; ++it) {
    const double width = hi - lo;
    double p = (lo * f_hi - hi * f_lo) / (f_hi - f_lo);
    if (!(p > lo && p < hi)) p = 0.5 * (lo + hi);
    const double fp = f(p);
    if (std::abs(fp) <= tolerance) return std::abs(fp);
    if (fp > 0.0) {
      lo = p;
      f_lo = fp;
      if (side == 1) f_hi *= 0.5;  // Illinois: the retained end keeps being retained
      side = 1;
    } else {
      hi = p;
      f_hi = fp;
      if (side == -1) f_lo *= 0.5;
      side = -1;
    }
    if (hi - lo <= tolerance) break;
    if (hi - lo > 0.5 * width) {  // slow progress: one bisection step
      const double mid = 0.5 * (lo + hi);
      const double fm = f(mid);
      if (std::abs(fm) <= tolerance) return std::abs(fm);
      (fm > 0.0 ? lo : hi) = mid;
      (fm > 0.0 ? f_lo : f_hi) = fm;
      side = 0;
      if (hi - lo <= tolerance) break;
    }
  }
  // The bracket has closed on a point where f changes sign faster than rounding resolves
  // (lambda so large that sigma is a step there): its midpoint is the posterior.
  const double p = 0.5 * (lo + hi);
  f(p);
  if (hi - lo <= tolerance) {
    std::fill(post, post + k_, 0.0);
    post[i] = p;
    post[j] = 1.0 - p;
    return hi - lo;
  }
  ++failures_;
  worst_ = std::max(worst_, hi - lo);
  return hi - lo;
}

void BeliefStage::Respond(int t, const double* mu, int x, double* accept, double* posterior) {
  double reject_seoul = 0.0;
  SolvePosterior(sol_.Round(t).state, sol_.Next(t), mu, x, accept, posterior, &reject_seoul,
                 scratch_reject_.data());
}

void BeliefStage::Respond(int t, const double* mu, int x, double* accept, double* posterior,
                          double* log_accept, double* log_reject) {
  Respond(t, mu, x, accept, posterior);
  // The logit's argument d as Responses computes it at the fixed point (scratch_reject_ holds
  // W_k there); log sigma = -log(1 + e^-d), log(1 - sigma) = -log(1 + e^d), without overflow.
  const double lambda = sol_.params.solution.lambda;
  const auto log_logistic = [](double d) {
    return d >= 0.0 ? -std::log1p(std::exp(-d)) : d - std::log1p(std::exp(d));
  };
  for (int k = 0; k < k_; ++k) {
    const double d = lambda * (sol_.type_tables[k].pyongyang[x] - scratch_reject_[k]);
    log_accept[k] = log_logistic(d);
    log_reject[k] = log_logistic(-d);
  }
}

void BeliefStage::Interpolate(const BeliefRound& round, const double* mu, double* seoul,
                              double* type) {
  Continuation(&round, mu);
  *seoul = next_seoul_;
  std::copy(next_type_.begin(), next_type_.end(), type);
}

const BeliefChoice& BeliefStage::Evaluate(int t, const double* mu) {
  return Evaluate(sol_.Round(t).state, sol_.Next(t), mu);
}

const BeliefChoice& BeliefStage::Evaluate(const RoundState& state, const BeliefRound* next,
                                          const double* mu) {
  const Parameters& params = sol_.params;
  const double lambda = params.solution.lambda;
  const Side& seoul = params.seoul;
  // A delay: nobody accepts, the belief stays.
  Continuation(next, mu);
  const double delay_seoul = RejectValue(seoul, Proposer::kSeoul, state, next_seoul_);
  std::vector<double>& delay_type = scratch_reject_;
  for (int k = 0; k < k_; ++k) {
    delay_type[k] = RejectValue(sol_.type_sides[k], Proposer::kPyongyang, state, next_type_[k]);
  }
  const bool walk = state.option_active[0];
  const double w = walk ? *seoul.outside_option : 0.0;

  Eigen::ArrayXd& u = choice_.choice;  // utilities first, then probabilities
  std::vector<double>& expected = expected_;
  for (int x = 0; x < n_; ++x) {
    double* sigma = choice_.accept.data() + static_cast<std::size_t>(x) * k_;
    double* post = choice_.posterior.data() + static_cast<std::size_t>(x) * k_;
    double* rt = reject_type_.data() + static_cast<std::size_t>(x) * k_;
    SolvePosterior(state, next, mu, x, sigma, post, &reject_seoul_[x], rt);
    double e = 0.0;
    for (int k = 0; k < k_; ++k) {
      e += mu[k] * (sigma[k] * sol_.type_tables[k].seoul[x] + (1.0 - sigma[k]) * reject_seoul_[x]);
    }
    expected[x] = e;
    u[x] = lambda * e + sol_.log_weight[x];
  }
  u[n_] = lambda * delay_seoul;
  u[n_ + 1] = walk ? lambda * w : -std::numeric_limits<double>::infinity();
  Eigen::ArrayXd& log_u = choice_.log_choice;
  log_u = u - u.maxCoeff();
  u = log_u.exp();
  const double total = u.sum();
  u /= total;
  log_u -= std::log(total);

  double value_seoul = u[n_] * delay_seoul + u[n_ + 1] * w;
  for (int k = 0; k < k_; ++k) {
    choice_.value_type[k] = u[n_] * delay_type[k] + u[n_ + 1] * sol_.type_sides[k].breakdown_payoff;
  }
  for (int x = 0; x < n_; ++x) {
    const double p = u[x];
    value_seoul += p * expected[x];
    const double* sigma = choice_.accept.data() + static_cast<std::size_t>(x) * k_;
    const double* rt = reject_type_.data() + static_cast<std::size_t>(x) * k_;
    for (int k = 0; k < k_; ++k) {
      choice_.value_type[k] +=
          p * (sigma[k] * sol_.type_tables[k].pyongyang[x] + (1.0 - sigma[k]) * rt[k]);
    }
  }
  choice_.value_seoul = value_seoul;
  return choice_;
}

BeliefQreSolution SolveBeliefQre(const Parameters& params) {
  BeliefQreSolution sol;
  sol.params = params;
  sol.types = MakeTypeSpace(params);
  sol.rounds = params.protocol.rounds;
  sol.calendar = RoundCalendar(params.calendar, params.seoul, params.pyongyang);
  const int k_count = sol.types.size();
  const auto refuse = [&](std::string message) {
    sol.status = SolveStatus::kInvalidInput;
    sol.message = std::move(message);
    return sol;
  };
  const int resolution = params.information.belief_points - 1;
  const long long points =
      solver::SimplexLattice::CountPoints(k_count, resolution, kMaxBeliefLattice);
  if (points > kMaxBeliefLattice) {
    return refuse(fmt::format(
        "the QRE with beliefs over {} types with information.belief_points = {} needs a belief "
        "lattice of more than {} points; lower information.belief_points or the number of types",
        k_count, params.information.belief_points, kMaxBeliefLattice));
  }
  const bool infinite = !params.protocol.rounds;
  const long long dated = infinite ? sol.calendar.TailStart() - 1 : *params.protocol.rounds;
  if (dated > kMaxDatedRounds) {
    return refuse(fmt::format("the QRE with beliefs needs {} dated rounds, above the limit of {}",
                              dated, kMaxDatedRounds));
  }
  const long long stored = (dated + (infinite ? 1 : 0)) * points * (k_count + 1);
  if (stored > kMaxBeliefQreEntries) {
    return refuse(fmt::format(
        "the QRE with beliefs needs {} rounds x {} belief points x {} values = {} stored values, "
        "above the limit of {}; lower information.belief_points or the number of rounds",
        dated + (infinite ? 1 : 0), points, k_count + 1, stored, kMaxBeliefQreEntries));
  }

  // The offer quadrature: the finest that any type of positive prior needs (offer_quadrature.h),
  // then every type's values on it.
  std::vector<Parameters> type_params;
  for (int k = 0; k < k_count; ++k) {
    type_params.push_back(WithType(params, sol.types.values[static_cast<std::size_t>(k)]));
    sol.type_sides.push_back(type_params.back().pyongyang);
  }
  OfferQuadrature quadrature;
  bool chosen = false;
  for (int k = 0; k < k_count; ++k) {
    if (!(sol.types.prior[static_cast<std::size_t>(k)] > 0.0)) continue;
    const DealValuation valuation(type_params[static_cast<std::size_t>(k)]);
    OfferQuadrature q = MakeOfferQuadrature(type_params[static_cast<std::size_t>(k)], valuation,
                                            TabulateDeals(valuation, DealGrid(params.deal)), 1);
    sol.deal_evaluations += valuation.evaluations();
    if (!chosen || q.table.grid.size() > quadrature.table.grid.size()) {
      quadrature = std::move(q);
      chosen = true;
    }
  }
  if (!quadrature.warning.empty()) sol.warnings.push_back(quadrature.warning);
  sol.grid = quadrature.table.grid;
  sol.log_weight = quadrature.log_weight;
  const long long work = points * sol.grid.size();
  if (work > kMaxBeliefLatticeWork) {
    return refuse(fmt::format(
        "the QRE with beliefs needs {} belief points x {} offers = {} offer evaluations per "
        "round, above the limit of {}; lower information.belief_points or the deal grids",
        points, sol.grid.size(), work, kMaxBeliefLatticeWork));
  }
  long long valuation_failures = 0;
  for (int k = 0; k < k_count; ++k) {
    const DealValuation valuation(type_params[static_cast<std::size_t>(k)]);
    sol.type_tables.push_back(TabulateDeals(valuation, sol.grid));
    sol.deal_evaluations += valuation.evaluations();
    valuation_failures += valuation.failures();
  }
  sol.lattice = solver::SimplexLattice(k_count, resolution);

  // Lattice points are independent within a round: split them over threads in fixed contiguous
  // blocks (each thread its own BeliefStage), so the values do not depend on the thread count.
  const int threads = static_cast<int>(std::clamp<long long>(
      std::min<long long>(std::thread::hardware_concurrency(), kMaxBeliefQreThreads), 1,
      std::max<long long>(1, points * sol.grid.size() / kPointsPerThread)));
  std::vector<std::unique_ptr<BeliefStage>> stages;
  stages.reserve(static_cast<std::size_t>(threads));
  for (int i = 0; i < threads; ++i) stages.push_back(std::make_unique<BeliefStage>(sol));
  const std::size_t stride = static_cast<std::size_t>(k_count) + 1;
  const std::size_t size = static_cast<std::size_t>(points) * stride;
  // One round's values at every lattice point given the next round's.
  const auto solve_round = [&](const RoundState& state, const BeliefRound* next,
                               std::vector<double>* values) {
    values->resize(size);
    const auto block = [&](int thread) {
      BeliefStage& stage = *stages[static_cast<std::size_t>(thread)];
      const long long from = points * thread / threads, to = points * (thread + 1) / threads;
      for (long long i = from; i < to; ++i) {
        const Eigen::VectorXd mu = sol.lattice.Point(i);
        const BeliefChoice& c = stage.Evaluate(state, next, mu.data());
        double* v = values->data() + static_cast<std::size_t>(i) * stride;
        v[0] = c.value_seoul;
        for (int k = 0; k < k_count; ++k) v[1 + k] = c.value_type[k];
      }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(block, t);
    block(0);
    for (std::thread& t : pool) t.join();
  };

  sol.status = SolveStatus::kSuccess;
  sol.message.clear();
  if (infinite) {
    sol.tail.resize(1);
    BeliefRound& tail = sol.tail[0];
    tail.state = MakeRoundState(params, sol.calendar, static_cast<int>(dated) + 1);
    BeliefRound current;
    current.state = tail.state;
    std::vector<double> mapped;
    const solver::VectorValueMap one_round = [&](const Eigen::VectorXd& z) {
      current.values.assign(z.data(), z.data() + z.size());
      solve_round(tail.state, &current, &mapped);
      return Eigen::VectorXd(
          Eigen::Map<const Eigen::VectorXd>(mapped.data(), static_cast<Eigen::Index>(size)));
    };
    Eigen::VectorXd z(static_cast<Eigen::Index>(size));
    for (std::size_t i = 0; i < size; i += stride) {
      z[static_cast<Eigen::Index>(i)] = params.seoul.breakdown_payoff;
      for (int k = 0; k < k_count; ++k) {
        z[static_cast<Eigen::Index>(i + 1 + k)] = sol.type_sides[k].breakdown_payoff;
      }
    }
    const solver::StationaryReport report = solver::SolveStationary(
        one_round, &z, params.solution.tolerance, params.solution.max_iterations);
    tail.values.assign(z.data(), z.data() + z.size());
    sol.iterations = report.iterations;
    sol.residual = report.residual;
    if (report.status != SolveStatus::kSuccess) {
      sol.status = report.status;
      sol.message = "stationary tail over beliefs: " + report.message;
    }
  }
  sol.dated.resize(static_cast<std::size_t>(dated));
  for (long long t = dated; t >= 1; --t) {
    BeliefRound& round = sol.dated[static_cast<std::size_t>(t - 1)];
    round.state = MakeRoundState(params, sol.calendar, static_cast<int>(t));
    const BeliefRound* next = t < dated  ? &sol.dated[static_cast<std::size_t>(t)]
                              : infinite ? &sol.tail[0]
                                         : nullptr;
    solve_round(round.state, next, &round.values);
  }
  for (const auto& stage : stages) {
    sol.fixed_points += stage->fixed_points();
    sol.fixed_point_failures += stage->failures();
    sol.worst_fixed_point_residual =
        std::max(sol.worst_fixed_point_residual, stage->worst_residual());
  }
  if (sol.ok() && sol.fixed_point_failures > 0) {
    sol.status = SolveStatus::kNumericalIssue;
    sol.message = fmt::format(
        "{} of {} posterior fixed points not solved to solution.tolerance (largest residual "
        "{:.3g}): the types' responses and Seoul's posterior may not be consistent there",
        sol.fixed_point_failures, sol.fixed_points, sol.worst_fixed_point_residual);
  }
  if (sol.ok() && valuation_failures > 0) {
    sol.status = SolveStatus::kNumericalIssue;
    sol.message = fmt::format("{} deal valuations: shutdown hazard fixed point not solved",
                              valuation_failures);
  }
  for (double v : sol.dated.empty() ? sol.tail[0].values : sol.dated[0].values) {
    if (!std::isfinite(v) && sol.ok()) {
      sol.status = SolveStatus::kNumericalIssue;
      sol.message = "the QRE with beliefs has non-finite values";
    }
  }
  return sol;
}

}  // namespace kaesong::model
