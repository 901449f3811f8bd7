#include "sim/solver/markov_policy.h"

#include <fmt/format.h>

#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <limits>

namespace kaesong {

bool PolicyEvaluationOptions::IsValid(std::string* why) const {
  std::string problem;
  if (dense_threshold < 0) {
    problem = "dense_threshold must be >= 0";
  } else if (!(singular_rcond >= 0.0 && singular_rcond < 1.0)) {
    problem = "singular_rcond must be in [0, 1)";
  } else if (!(residual_tolerance > 0.0)) {
    problem = "residual_tolerance must be > 0";
  } else if (iterative_threshold < 0) {
    problem = "iterative_threshold must be >= 0";
  } else if (!(iterative_tolerance > 0.0)) {
    problem = "iterative_tolerance must be > 0";
  }
  if (problem.empty()) return true;
  if (why != nullptr) *why = problem;
  return false;
}

bool CheckStrategies(const StochasticGame& game, const MarkovStrategies& strategies,
                     std::string* why, double tol) {
  std::string problem;
  if (strategies.size() != game.states.size()) {
    problem =
        fmt::format("{} strategy profiles for {} states", strategies.size(), game.states.size());
  } else {
    for (std::size_t s = 0; s < game.states.size() && problem.empty(); ++s) {
      const StochasticState& state = game.states[s];
      if (!IsDistribution(strategies[s].row, state.actions(0), tol) ||
          !IsDistribution(strategies[s].col, state.actions(1), tol)) {
        problem = fmt::format(
            "state '{}': strategies are not probability vectors over {} and {} "
            "actions",
            state.name, state.actions(0), state.actions(1));
      }
    }
  }
  if (problem.empty()) return true;
  if (why != nullptr) *why = problem;
  return false;
}

PolicyEvaluator::PolicyEvaluator(const StochasticGame& game, const PolicyEvaluationOptions& options)
    : game_(game), options_(options) {
  const Eigen::Index n = game.num_states();
  rewards_[0].resize(n);
  rewards_[1].resize(n);
  if (n <= options_.dense_threshold) {
    dense_p_.resize(n, n);
    dense_a_.resize(n, n);
  } else {
    row_accumulator_ = Eigen::VectorXd::Zero(n);
    touched_.reserve(static_cast<std::size_t>(n));
  }
}

MarkovStatus PolicyEvaluator::Evaluate(const MarkovStrategies& strategies,
                                       std::array<Eigen::VectorXd, 2>& values,
                                       std::string* message) {
  const Eigen::Index n = game_.num_states();
  const bool dense = n <= options_.dense_threshold;
  if (dense) {
    dense_p_.setZero();
  } else {
    p_entries_.clear();
  }
  for (Eigen::Index s = 0; s < n; ++s) {
    const StochasticState& state = game_.states[static_cast<std::size_t>(s)];
    const MixedProfile& sigma = strategies[static_cast<std::size_t>(s)];
    const Eigen::Index n1 = state.actions(0);
    rewards_[0](s) = sigma.row.dot(state.payoffs[0] * sigma.col);
    rewards_[1](s) = sigma.row.dot(state.payoffs[1] * sigma.col);
    // weights_(a1 + n1 a2) = sigma_1(a1) sigma_2(a2): the cell distribution, in transition order.
    weights_.resize(state.cells());
    Eigen::Map<Eigen::MatrixXd>(weights_.data(), n1, state.actions(1)).noalias() =
        sigma.row * sigma.col.transpose();
    const TransitionMatrix& t = state.transitions;
    for (Eigen::Index r = 0; r < t.outerSize(); ++r) {
      const double w = weights_(r);
      if (w == 0.0) continue;
      for (TransitionMatrix::InnerIterator it(t, r); it; ++it) {
        if (dense) {
          dense_p_(s, it.col()) += w * it.value();
        } else {
          if (row_accumulator_(it.col()) == 0.0) touched_.push_back(it.col());
          row_accumulator_(it.col()) += w * it.value();
        }
      }
    }
    if (!dense) {
      for (Eigen::Index c : touched_) {
        // A cancelled-to-zero entry may be listed again later; keep each column once.
        if (row_accumulator_(c) != 0.0) p_entries_.emplace_back(s, c, row_accumulator_(c));
        row_accumulator_(c) = 0.0;
      }
      touched_.clear();
    }
  }
  const bool same_discount = game_.discount[0] == game_.discount[1];
  for (int i = 0; i < 2; ++i) {
    if (i == 1 && same_discount && factorised_) {
      // Same matrix: reuse the factorisation of player 1.
      values[1] = dense ? Eigen::VectorXd(dense_lu_.solve(rewards_[1]))
                        : Eigen::VectorXd(sparse_lu_.solve(rewards_[1]));
      if (!CheckSolution(1, values[1], message)) return MarkovStatus::kSingularSystem;
      continue;
    }
    if (!Solve(i, values[static_cast<std::size_t>(i)], message)) {
      return MarkovStatus::kSingularSystem;
    }
  }
  return MarkovStatus::kSuccess;
}

namespace {

// Why a policy evaluation failed: I - delta P_sigma is singular (`how` says how that was found).
std::string SingularMessage(const std::string& player, const std::string& how, double delta) {
  return fmt::format(
      "policy evaluation for {}: I - delta P_sigma is singular ({}); with discount {} some "
      "states are never left and never end under these strategies",
      player, how, delta);
}

}  // namespace

bool PolicyEvaluator::Solve(int player, Eigen::VectorXd& values, std::string* message) {
  const Eigen::Index n = game_.num_states();
  const double delta = game_.discount[static_cast<std::size_t>(player)];
  const Eigen::VectorXd& b = rewards_[static_cast<std::size_t>(player)];
  factorised_ = false;
  if (n <= options_.dense_threshold) {
    dense_a_.noalias() = -delta * dense_p_;
    dense_a_.diagonal().array() += 1.0;
    dense_lu_.compute(dense_a_);
    const double rcond = dense_lu_.rcond();
    if (!(rcond >= options_.singular_rcond)) {
      if (message != nullptr) {
        *message = SingularMessage(game_.player_names[static_cast<std::size_t>(player)],
                                   fmt::format("reciprocal condition {:.3g}", rcond), delta);
      }
      return false;
    }
    values = dense_lu_.solve(b);
  } else {
    a_entries_.clear();
    a_entries_.reserve(p_entries_.size() + static_cast<std::size_t>(n));
    for (Eigen::Index s = 0; s < n; ++s) a_entries_.emplace_back(s, s, 1.0);
    for (const auto& e : p_entries_) a_entries_.emplace_back(e.row(), e.col(), -delta * e.value());
    sparse_a_.resize(n, n);
    sparse_a_.setFromTriplets(a_entries_.begin(), a_entries_.end());
    if (delta < 1.0 && n > options_.iterative_threshold) {
      bicgstab_.setTolerance(options_.iterative_tolerance);
      bicgstab_.setMaxIterations(std::max<Eigen::Index>(100, n / 4));
      bicgstab_.compute(sparse_a_);
      if (values.size() == n && values.allFinite()) {
        values = bicgstab_.solveWithGuess(b, Eigen::VectorXd(values));
      } else {
        values = bicgstab_.solve(b);
      }
      if (bicgstab_.info() == Eigen::Success && CheckSolution(player, values, nullptr)) {
        return true;
      }
    }
    sparse_lu_.analyzePattern(sparse_a_);
    sparse_lu_.factorize(sparse_a_);
    if (sparse_lu_.info() != Eigen::Success) {
      if (message != nullptr) {
        *message = SingularMessage(game_.player_names[static_cast<std::size_t>(player)],
                                   "sparse LU: " + sparse_lu_.lastErrorMessage(), delta);
      }
      return false;
    }
    // A singular matrix rarely leaves an exactly zero pivot: rounding makes it a tiny one, and the
    // relative residual of the huge solution is then small too. The condition estimate the dense
    // path uses decides here as well.
    const double rcond = SparseReciprocalCondition();
    if (!(rcond >= options_.singular_rcond)) {
      if (message != nullptr) {
        *message = SingularMessage(game_.player_names[static_cast<std::size_t>(player)],
                                   fmt::format("reciprocal condition {:.3g}", rcond), delta);
      }
      return false;
    }
    values = sparse_lu_.solve(b);
  }
  factorised_ = true;
  return CheckSolution(player, values, message);
}

double PolicyEvaluator::SparseReciprocalCondition() {
  // 1 / (|A|_1 |A^-1|_1) with |A^-1|_1 estimated from a few solves with A and A' (Hager 1984,
  // with Higham's 1988 safeguards, as LAPACK's xLACON): a lower bound that is rarely far off.
  const Eigen::Index n = sparse_a_.rows();
  if (n == 0) return 1.0;
  double a_norm = 0.0;
  for (Eigen::Index j = 0; j < sparse_a_.outerSize(); ++j) {
    double column = 0.0;
    for (Eigen::SparseMatrix<double>::InnerIterator it(sparse_a_, j); it; ++it) {
      column += std::abs(it.value());
    }
    a_norm = std::max(a_norm, column);
  }
  const auto transposed = sparse_lu_.transpose();
  estimate_x_.setConstant(n, 1.0 / static_cast<double>(n));
  estimate_y_ = sparse_lu_.solve(estimate_x_);
  double inverse_norm = estimate_y_.lpNorm<1>();
  Eigen::Index previous_j = -1;
  for (int k = 0; k < 5 && std::isfinite(inverse_norm); ++k) {
    for (Eigen::Index i = 0; i < n; ++i) estimate_x_(i) = estimate_y_(i) >= 0.0 ? 1.0 : -1.0;
    estimate_z_ = transposed.solve(estimate_x_);
    Eigen::Index j = 0;
    const double z_max = estimate_z_.cwiseAbs().maxCoeff(&j);
    if (k > 0 && (j == previous_j || !(z_max > estimate_z_.dot(estimate_e_)))) break;
    previous_j = j;
    estimate_e_.setZero(n);
    estimate_e_(j) = 1.0;
    estimate_y_ = sparse_lu_.solve(estimate_e_);
    const double next = estimate_y_.lpNorm<1>();
    if (!(next > inverse_norm)) break;
    inverse_norm = next;
  }
  // Higham's alternating vector catches matrices the iteration underestimates.
  for (Eigen::Index i = 0; i < n; ++i) {
    const double magnitude =
        1.0 + (n > 1 ? static_cast<double>(i) / static_cast<double>(n - 1) : 0.0);
    estimate_x_(i) = i % 2 == 0 ? magnitude : -magnitude;
  }
  estimate_y_ = sparse_lu_.solve(estimate_x_);
  inverse_norm =
      std::max(inverse_norm, 2.0 * estimate_y_.lpNorm<1>() / (3.0 * static_cast<double>(n)));
  if (!std::isfinite(inverse_norm) || !(a_norm > 0.0)) return 0.0;
  return inverse_norm > 0.0 ? 1.0 / (a_norm * inverse_norm) : 0.0;
}

bool PolicyEvaluator::CheckSolution(int player, const Eigen::VectorXd& values,
                                    std::string* message) {
  // Residual of (I - delta P) V = b, computed from P so that it does not depend on the path.
  const double delta = game_.discount[static_cast<std::size_t>(player)];
  const Eigen::VectorXd& b = rewards_[static_cast<std::size_t>(player)];
  double residual = std::numeric_limits<double>::infinity();
  if (values.allFinite()) {
    Eigen::VectorXd r = values - b;
    if (game_.num_states() <= options_.dense_threshold) {
      r.noalias() -= delta * (dense_p_ * values);
    } else {
      for (const auto& e : p_entries_) r(e.row()) -= delta * e.value() * values(e.col());
    }
    const double scale = 1.0 + b.lpNorm<Eigen::Infinity>() + values.lpNorm<Eigen::Infinity>();
    residual = r.lpNorm<Eigen::Infinity>() / scale;
  }
  if (residual <= options_.residual_tolerance) return true;
  if (message != nullptr) {
    *message = fmt::format(
        "policy evaluation for {}: I - delta P_sigma is numerically singular "
        "(relative residual {:.3g}); with discount {} some states are never "
        "left and never end under these strategies",
        game_.player_names[static_cast<std::size_t>(player)], residual, delta);
  }
  return false;
}

PolicyEvaluation EvaluatePolicy(const StochasticGame& game, const MarkovStrategies& strategies,
                                const PolicyEvaluationOptions& options) {
  PolicyEvaluation out;
  std::string why;
  if (!options.IsValid(&why) || !Validate(game, &why) || !CheckStrategies(game, strategies, &why)) {
    out.status = MarkovStatus::kInvalidInput;
    out.message = why;
    return out;
  }
  PolicyEvaluator evaluator(game, options);
  out.message.clear();
  out.status = evaluator.Evaluate(strategies, out.values, &out.message);
  return out;
}

void ContinuationPayoffs(const StochasticGame& game, Eigen::Index s,
                         const std::array<Eigen::VectorXd, 2>& values,
                         std::array<Eigen::MatrixXd, 2>& w) {
  const StochasticState& state = game.states[static_cast<std::size_t>(s)];
  const Eigen::Index n1 = state.actions(0), n2 = state.actions(1);
  for (std::size_t i = 0; i < 2; ++i) {
    w[i].resize(n1, n2);
    // Column-major n1 x n2 storage matches the transition row order a1 + n1 a2.
    Eigen::Map<Eigen::VectorXd> flat(w[i].data(), n1 * n2);
    flat.noalias() = state.transitions * values[i];
    w[i] *= game.discount[i];
    w[i] += state.payoffs[i];
  }
}

MarkovCertificate DeviationGains(const StochasticGame& game, const MarkovStrategies& strategies,
                                 const std::array<Eigen::VectorXd, 2>& values) {
  MarkovCertificate cert;
  std::array<Eigen::MatrixXd, 2> w;
  Eigen::VectorXd q;
  for (Eigen::Index s = 0; s < game.num_states(); ++s) {
    ContinuationPayoffs(game, s, values, w);
    const MixedProfile& sigma = strategies[static_cast<std::size_t>(s)];
    for (std::size_t i = 0; i < 2; ++i) {
      if (i == 0) {
        q.noalias() = w[0] * sigma.col;
      } else {
        q.noalias() = w[1].transpose() * sigma.row;
      }
      const Eigen::VectorXd& own = i == 0 ? sigma.row : sigma.col;
      const double gain = std::max(0.0, q.maxCoeff() - own.dot(q));  // >= 0 up to rounding
      if (cert.worst_state[i] < 0 || gain > cert.max_gain[i]) {
        cert.max_gain[i] = gain;
        cert.worst_state[i] = s;
      }
    }
  }
  return cert;
}

CertifiedPolicy CertifyStrategies(const StochasticGame& game, const MarkovStrategies& strategies,
                                  const PolicyEvaluationOptions& options) {
  CertifiedPolicy out;
  out.evaluation = EvaluatePolicy(game, strategies, options);
  if (out.evaluation.ok()) {
    out.certificate = DeviationGains(game, strategies, out.evaluation.values);
  } else {
    const double inf = std::numeric_limits<double>::infinity();
    out.certificate.max_gain = {inf, inf};
  }
  return out;
}

}  // namespace kaesong
