#include "sim/solver/markov_qre_polish.h"

#include "sim/solver/markov_newton.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace kaesong {
namespace markov_qre_internal {
namespace {

constexpr Eigen::Index kMaxMinimumNormSize = 3000;  // largest dense least-squares polishing system

}  // namespace

std::vector<StateData> PrepareStates(const StochasticGame& game, double scale) {
  std::vector<StateData> data(game.states.size());
  std::vector<Eigen::Index> local(static_cast<std::size_t>(game.num_states()), -1);
  for (std::size_t s = 0; s < game.states.size(); ++s) {
    const StochasticState& state = game.states[s];
    StateData& d = data[s];
    d.n1 = state.actions(0);
    d.n2 = state.actions(1);
    d.u[0] = state.payoffs[0] / scale;
    d.u[1] = state.payoffs[1] / scale;
    const TransitionMatrix& t = state.transitions;
    for (Eigen::Index r = 0; r < t.outerSize(); ++r) {
      for (TransitionMatrix::InnerIterator it(t, r); it; ++it) {
        if (local[static_cast<std::size_t>(it.col())] < 0) {
          local[static_cast<std::size_t>(it.col())] = 0;
          d.successors.push_back(it.col());
        }
      }
    }
    std::sort(d.successors.begin(), d.successors.end());
    for (std::size_t c = 0; c < d.successors.size(); ++c) {
      local[static_cast<std::size_t>(d.successors[c])] = static_cast<Eigen::Index>(c);
    }
    for (Eigen::Index r = 0; r < t.outerSize(); ++r) {
      for (TransitionMatrix::InnerIterator it(t, r); it; ++it) {
        d.nz_a1.push_back(r % d.n1);
        d.nz_a2.push_back(r / d.n1);
        d.nz_local.push_back(local[static_cast<std::size_t>(it.col())]);
        d.nz_prob.push_back(it.value());
      }
    }
    for (Eigen::Index c : d.successors) local[static_cast<std::size_t>(c)] = -1;
  }
  return data;
}

// Continuation matrices W_i = u_i / R + delta_i E[V_i(s')] of one state (normalised units).
void Continuation(const StochasticGame& game, const StateData& d, Eigen::Index /*s*/,
                  const Eigen::Ref<const Eigen::VectorXd>& v1,
                  const Eigen::Ref<const Eigen::VectorXd>& v2, Eigen::MatrixXd& w1,
                  Eigen::MatrixXd& w2) {
  w1 = d.u[0];  // no reallocation when the previous state had the same shape
  w2 = d.u[1];
  const double delta1 = game.discount[0], delta2 = game.discount[1];
  for (std::size_t z = 0; z < d.nz_prob.size(); ++z) {
    const Eigen::Index next = d.successors[static_cast<std::size_t>(d.nz_local[z])];
    w1(d.nz_a1[z], d.nz_a2[z]) += delta1 * d.nz_prob[z] * v1(next);
    w2(d.nz_a1[z], d.nz_a2[z]) += delta2 * d.nz_prob[z] * v2(next);
  }
}

std::vector<Supports> SupportCandidates(const MarkovStrategies& strategies,
                                        const std::vector<double>& thresholds) {
  std::vector<Supports> out;
  for (double theta : thresholds) {
    Supports supports(strategies.size());
    for (std::size_t s = 0; s < strategies.size(); ++s) {
      for (int i = 0; i < 2; ++i) {
        const Eigen::VectorXd& p = i == 0 ? strategies[s].row : strategies[s].col;
        const double cut = theta * p.maxCoeff();
        for (Eigen::Index a = 0; a < p.size(); ++a) {
          if (p(a) >= cut) supports[s][static_cast<std::size_t>(i)].push_back(a);
        }
      }
    }
    if (std::find(out.begin(), out.end(), supports) == out.end()) out.push_back(supports);
  }
  return out;
}

// Unknowns p_i(s, a) for a in the support and V (normalised); rows Q_i(s, a) - V_i(s) for a in the
// support, and sum_a p_i(s, a) = 1.
MarkovResult PolishOnSupports(const StochasticGame& game, const std::vector<StateData>& data,
                              const Supports& supports, const MarkovStrategies& start,
                              const std::array<Eigen::VectorXd, 2>& start_values, double scale,
                              const MarkovQreOptions& options, Clock::time_point clock_start) {
  MarkovResult out;
  const Eigen::Index n = game.num_states();
  std::vector<Eigen::Index> offsets(data.size());
  Eigen::Index size = 0;
  for (std::size_t s = 0; s < data.size(); ++s) {
    offsets[s] = size;
    size += static_cast<Eigen::Index>(supports[s][0].size() + supports[s][1].size());
  }
  const Eigen::Index v0 = size;
  size += 2 * n;
  Eigen::VectorXd w(size);
  for (std::size_t s = 0; s < data.size(); ++s) {
    Eigen::Index k = offsets[s];
    for (int i = 0; i < 2; ++i) {
      const Eigen::VectorXd& p = i == 0 ? start[s].row : start[s].col;
      const auto& support = supports[s][static_cast<std::size_t>(i)];
      double total = 0.0;
      for (Eigen::Index a : support) total += p(a);
      for (Eigen::Index a : support) w(k++) = p(a) / total;
    }
  }
  w.segment(v0, n) = start_values[0] / scale;
  w.segment(v0 + n, n) = start_values[1] / scale;

  MarkovNewtonSystem jac;
  Eigen::VectorXd r(size), step;
  Eigen::MatrixXd w1, w2;
  std::vector<Eigen::Index> pos1, pos2;
  const double delta1 = game.discount[0], delta2 = game.discount[1];
  bool converged = false;
  double norm = std::numeric_limits<double>::infinity();
  constexpr int kMaxIterations = 30;
  for (int it = 0; it <= kMaxIterations; ++it) {
    if (options.max_seconds > 0.0 && SecondsSince(clock_start) > options.max_seconds) {
      out.iterations = it;
      out.residual = norm;
      out.status = MarkovStatus::kTimeLimit;
      out.message = fmt::format("time limit {} s reached", options.max_seconds);
      return out;
    }
    jac.Reset(size, options.dense_threshold);
    norm = 0.0;
    for (std::size_t si = 0; si < data.size(); ++si) {
      const Eigen::Index s = static_cast<Eigen::Index>(si);
      const StateData& d = data[si];
      const auto& sup1 = supports[si][0];
      const auto& sup2 = supports[si][1];
      const Eigen::Index k1 = static_cast<Eigen::Index>(sup1.size());
      const Eigen::Index k2 = static_cast<Eigen::Index>(sup2.size());
      const Eigen::Index o1 = offsets[si], o2 = offsets[si] + k1;
      const Eigen::Index h1 = v0 + s, h2 = v0 + n + s;
      Continuation(game, d, s, w.segment(v0, n), w.segment(v0 + n, n), w1, w2);
      pos1.assign(static_cast<std::size_t>(d.n1), -1);
      pos2.assign(static_cast<std::size_t>(d.n2), -1);
      for (Eigen::Index j = 0; j < k1; ++j)
        pos1[static_cast<std::size_t>(sup1[static_cast<std::size_t>(j)])] = j;
      for (Eigen::Index j = 0; j < k2; ++j)
        pos2[static_cast<std::size_t>(sup2[static_cast<std::size_t>(j)])] = j;
      // Indifference rows of player 1 (row o1 + j for the j-th support action) and player 2.
      for (Eigen::Index j = 0; j < k1; ++j) {
        const Eigen::Index a = sup1[static_cast<std::size_t>(j)];
        double q = 0.0;
        for (Eigen::Index l = 0; l < k2; ++l) {
          const Eigen::Index b = sup2[static_cast<std::size_t>(l)];
          q += w1(a, b) * w(o2 + l);
          jac.Add(o1 + j, o2 + l, w1(a, b));
        }
        r(o1 + j) = q - w(h1);
        jac.Add(o1 + j, h1, -1.0);
      }
      for (Eigen::Index l = 0; l < k2; ++l) {
        const Eigen::Index b = sup2[static_cast<std::size_t>(l)];
        double q = 0.0;
        for (Eigen::Index j = 0; j < k1; ++j) {
          const Eigen::Index a = sup1[static_cast<std::size_t>(j)];
          q += w2(a, b) * w(o1 + j);
          jac.Add(o2 + l, o1 + j, w2(a, b));
        }
        r(o2 + l) = q - w(h2);
        jac.Add(o2 + l, h2, -1.0);
      }
      // Continuation-value columns of the indifference rows.
      for (std::size_t z = 0; z < d.nz_prob.size(); ++z) {
        const Eigen::Index j = pos1[static_cast<std::size_t>(d.nz_a1[z])];
        const Eigen::Index l = pos2[static_cast<std::size_t>(d.nz_a2[z])];
        const Eigen::Index next = d.successors[static_cast<std::size_t>(d.nz_local[z])];
        if (j >= 0 && l >= 0) {
          jac.Add(o1 + j, v0 + next, delta1 * w(o2 + l) * d.nz_prob[z]);
          jac.Add(o2 + l, v0 + n + next, delta2 * w(o1 + j) * d.nz_prob[z]);
        }
      }
      // Normalisation rows, placed at the value rows of the state.
      r(h1) = w.segment(o1, k1).sum() - 1.0;
      r(h2) = w.segment(o2, k2).sum() - 1.0;
      for (Eigen::Index j = 0; j < k1; ++j) jac.Add(h1, o1 + j, 1.0);
      for (Eigen::Index l = 0; l < k2; ++l) jac.Add(h2, o2 + l, 1.0);
    }
    norm = r.lpNorm<Eigen::Infinity>();
    out.iterations = it;
    if (norm <= 1e-13) {
      converged = true;
      break;
    }
    if (it == kMaxIterations) break;
    // Degenerate supports (a player indifferent over more actions than the equations pin down)
    // make the Jacobian singular with a manifold of solutions: take minimum-norm steps then.
    const bool solved = (jac.Factor() && jac.Solve(-r, step)) ||
                        jac.SolveMinimumNorm(-r, step, kMaxMinimumNormSize);
    if (!solved) break;
    w += step;
  }
  out.residual = norm;
  if (!converged) {
    out.status = MarkovStatus::kNotCertified;
    out.message = fmt::format("polishing Newton did not converge (residual {:.3g})", norm);
    return out;
  }
  // Back to full strategies; the supports were right only if no probability went negative.
  MarkovStrategies strategies(data.size());
  double most_negative = 0.0;
  for (std::size_t s = 0; s < data.size(); ++s) {
    Eigen::Index k = offsets[s];
    for (int i = 0; i < 2; ++i) {
      Eigen::VectorXd& p = i == 0 ? strategies[s].row : strategies[s].col;
      p = Eigen::VectorXd::Zero(i == 0 ? data[s].n1 : data[s].n2);
      for (Eigen::Index a : supports[s][static_cast<std::size_t>(i)]) {
        most_negative = std::min(most_negative, w(k));
        p(a) = std::max(0.0, w(k++));
      }
      p /= p.sum();
    }
  }
  if (most_negative < -1e-9) {
    out.status = MarkovStatus::kNotCertified;
    out.message = fmt::format("supports inconsistent: a probability of {:.3g}", most_negative);
    return out;
  }
  const CertifiedPolicy certified = CertifyStrategies(game, strategies, options.evaluation);
  out.strategies = std::move(strategies);
  out.certificate = certified.certificate;
  if (!certified.evaluation.ok()) {
    out.status = certified.evaluation.status;
    out.message = certified.evaluation.message;
    return out;
  }
  out.values = certified.evaluation.values;
  out.tolerance = options.tolerance * scale;
  if (out.certificate.Max() <= out.tolerance) {
    out.Finish();
  } else {
    out.status = MarkovStatus::kNotCertified;
    out.message = fmt::format("polished profile has deviation gain {:.3g}", out.certificate.Max());
  }
  return out;
}

}  // namespace markov_qre_internal

MarkovResult PolishMarkovPerfect(const StochasticGame& game, const MarkovStrategies& strategies,
                                 const std::array<Eigen::VectorXd, 2>& values, double threshold,
                                 const MarkovQreOptions& options) {
  using markov_qre_internal::Clock;
  using markov_qre_internal::StateData;
  const Clock::time_point start = Clock::now();
  MarkovResult out;
  std::string why;
  if (!options.IsValid(&why) || !Validate(game, &why) || !CheckStrategies(game, strategies, &why)) {
    out.status = MarkovStatus::kInvalidInput;
    out.message = why;
    return out;
  }
  if (values[0].size() != game.num_states() || values[1].size() != game.num_states() ||
      !(threshold > 0.0 && threshold <= 1.0)) {
    out.status = MarkovStatus::kInvalidInput;
    out.message = "values must have one entry per state and threshold must be in (0, 1]";
    return out;
  }
  const double scale = PayoffScale(game);
  const std::vector<StateData> data = markov_qre_internal::PrepareStates(game, scale);
  out = markov_qre_internal::PolishOnSupports(
      game, data, markov_qre_internal::SupportCandidates(strategies, {threshold}).front(),
      strategies, values, scale, options, start);
  if (!out.ok()) {
    // The certificate must describe what is returned, not the rejected polished profile (or
    // nothing at all when Newton did not converge).
    out.strategies = strategies;
    out.values = values;
    out.certificate = CertifyStrategies(game, strategies, options.evaluation).certificate;
  }
  out.tolerance = options.tolerance * scale;
  out.seconds = markov_qre_internal::SecondsSince(start);
  return out;
}

}  // namespace kaesong
