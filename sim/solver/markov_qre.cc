#include "sim/solver/markov_qre.h"

#include "sim/solver/markov_newton.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace kaesong {

bool MarkovQreOptions::IsValid(std::string* why) const {
  std::string problem;
  if (!(max_lambda > 0.0 && std::isfinite(max_lambda))) {
    problem = "max_lambda must be a finite number > 0";
  } else if (!(first_step > 0.0)) {
    problem = "first_step must be > 0";
  } else if (!(min_step > 0.0 && min_step <= first_step)) {
    problem = "min_step must be in (0, first_step]";
  } else if (!(corrector_tolerance > 0.0)) {
    problem = "corrector_tolerance must be > 0";
  } else if (max_corrector_iterations < 1) {
    problem = "max_corrector_iterations must be >= 1";
  } else if (max_steps < 1) {
    problem = "max_steps must be >= 1";
  } else if (!(tolerance > 0.0)) {
    problem = "tolerance must be > 0";
  } else if (dense_threshold < 0) {
    problem = "dense_threshold must be >= 0";
  } else if (!evaluation.IsValid(&problem)) {
    problem = "evaluation: " + problem;
  }
  if (problem.empty()) return true;
  if (why != nullptr) *why = problem;
  return false;
}

namespace {

using Clock = std::chrono::steady_clock;

// Path-following step control.
constexpr double kMaxRelativeCorrection = 0.3;  // corrector distance / step length
constexpr double kMinTangentCosine = 0.8;       // cosine of the largest tangent turn per step
constexpr double kChordContraction = 0.5;       // required step contraction of chord iterations
constexpr int kMaxFactorisations = 3;           // Jacobian refreshes per corrector run
constexpr double kMinLogProbability = -700.0;   // log-probabilities below count as probability 0
constexpr Eigen::Index kMaxMinimumNormSize = 3000;  // largest dense least-squares polishing system

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The transitions of one state in a form the Newton assemblies can walk quickly: each nonzero as
// (a1, a2, local successor index, probability), with the distinct successors listed once.
struct StateData {
  Eigen::Index n1 = 0;
  Eigen::Index n2 = 0;
  std::vector<Eigen::Index> successors;  // sorted distinct next states
  std::vector<Eigen::Index> nz_a1, nz_a2, nz_local;
  std::vector<double> nz_prob;
  std::array<Eigen::MatrixXd, 2> u;  // payoffs divided by the payoff scale
};

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

// The logit Markov QRE system in w = (x, V, lambda): x the log-probabilities, state by state
// (player 1's block then player 2's), V = (V_1, V_2) in payoff units / R, lambda last. Rows, per
// state and player: at the reference action r, sum(exp(x)) - 1; at a != r,
//   x(a) - x(r) - lambda (Q(a) - Q(r));
// then the value rows V_i(s) - sigma_1' W_i sigma_2, player 1's states first.
class LogitSystem {
 public:
  LogitSystem(const StochasticGame& game, double scale)
      : game_(game), data_(PrepareStates(game, scale)) {
    Eigen::Index offset = 0;
    for (const StateData& d : data_) {
      offsets_.push_back(offset);
      offset += d.n1 + d.n2;
    }
    v0_ = offset;
    lambda_index_ = v0_ + 2 * game.num_states();
    block_offsets_ = offsets_;
    block_offsets_.push_back(v0_);
    refs_.assign(data_.size(), {0, 0});
  }

  Eigen::Index equations() const { return lambda_index_; }  // unknowns: equations() + 1
  Eigen::Index lambda_index() const { return lambda_index_; }
  Eigen::Index value_offset() const { return v0_; }
  // One diagonal block per state (its log-probabilities and logit rows), then the global part
  // (values, lambda; value rows and the constraint row): see MarkovNewtonSystem.
  const std::vector<Eigen::Index>& block_offsets() const { return block_offsets_; }

  // References: each player's most likely action in each state at w.
  void ChooseReferences(const Eigen::VectorXd& w) {
    for (std::size_t s = 0; s < data_.size(); ++s) {
      const StateData& d = data_[s];
      w.segment(offsets_[s], d.n1).maxCoeff(&refs_[s][0]);
      w.segment(offsets_[s] + d.n1, d.n2).maxCoeff(&refs_[s][1]);
    }
  }

  // The uniform profile at lambda = 0 with its values (normalised); false if they do not exist.
  bool StartingPoint(const PolicyEvaluationOptions& options, double scale, Eigen::VectorXd& w,
                     std::string* message) const {
    w.resize(lambda_index_ + 1);
    for (std::size_t s = 0; s < data_.size(); ++s) {
      const StateData& d = data_[s];
      w.segment(offsets_[s], d.n1).setConstant(-std::log(static_cast<double>(d.n1)));
      w.segment(offsets_[s] + d.n1, d.n2).setConstant(-std::log(static_cast<double>(d.n2)));
    }
    PolicyEvaluator evaluator(game_, options);
    std::array<Eigen::VectorXd, 2> values;
    if (evaluator.Evaluate(UniformStrategies(game_), values, message) != MarkovStatus::kSuccess) {
      return false;
    }
    const Eigen::Index n = game_.num_states();
    w.segment(v0_, n) = values[0] / scale;
    w.segment(v0_ + n, n) = values[1] / scale;
    w(lambda_index_) = 0.0;
    return true;
  }

  // Residual of the equations() rows into r; with a system, also their Jacobian rows (all
  // lambda_index() + 1 columns). Returns the scaled sup norm of the residual: rows
  // x(a) - x(r) - lambda (Q(a) - Q(r)) are measured relative to the size of their terms,
  // 1 + |x(a)| + |x(r)| + lambda (|Q(a)| + |Q(r)|), the scale of their rounding error.
  double Evaluate(const Eigen::VectorXd& w, Eigen::VectorXd& r, MarkovNewtonSystem* jac) {
    const Eigen::Index n = game_.num_states();
    const double lambda = w(lambda_index_);
    const double delta1 = game_.discount[0], delta2 = game_.discount[1];
    const auto v1 = w.segment(v0_, n);
    const auto v2 = w.segment(v0_ + n, n);
    r.resize(lambda_index_);
    double norm = 0.0;
    for (std::size_t si = 0; si < data_.size(); ++si) {
      const Eigen::Index s = static_cast<Eigen::Index>(si);
      const StateData& d = data_[si];
      const Eigen::Index n1 = d.n1, n2 = d.n2;
      const Eigen::Index o1 = offsets_[si], o2 = offsets_[si] + n1;
      const Eigen::Index h1 = v0_ + s, h2 = v0_ + n + s;
      const auto x1 = w.segment(o1, n1);
      const auto x2 = w.segment(o2, n2);
      // Probabilities; below e^-700 they are zero (avoids denormals from vectorised exp).
      s1_ = (x1.array() < kMinLogProbability).select(0.0, x1.array().exp());
      s2_ = (x2.array() < kMinLogProbability).select(0.0, x2.array().exp());
      Continuation(game_, d, s, v1, v2, w1_, w2_);
      q1_.noalias() = w1_ * s2_;
      q2_.noalias() = w2_.transpose() * s1_;
      // Value rows.
      r(h1) = w(h1) - s1_.dot(q1_);
      r(h2) = w(h2) - s2_.dot(q2_);
      norm = std::max({norm, std::abs(r(h1)), std::abs(r(h2))});
      // Logit rows.
      const Eigen::Index ref1 = refs_[si][0], ref2 = refs_[si][1];
      r(o1 + ref1) = s1_.sum() - 1.0;
      r(o2 + ref2) = s2_.sum() - 1.0;
      norm = std::max({norm, std::abs(r(o1 + ref1)), std::abs(r(o2 + ref2))});
      for (Eigen::Index a = 0; a < n1; ++a) {
        if (a == ref1) continue;
        const double dx = x1(a) - x1(ref1);
        r(o1 + a) = dx - lambda * (q1_(a) - q1_(ref1));
        norm = std::max(norm,
                        std::abs(r(o1 + a)) / (1.0 + std::abs(x1(a)) + std::abs(x1(ref1)) +
                                               lambda * (std::abs(q1_(a)) + std::abs(q1_(ref1)))));
      }
      for (Eigen::Index b = 0; b < n2; ++b) {
        if (b == ref2) continue;
        const double dx = x2(b) - x2(ref2);
        r(o2 + b) = dx - lambda * (q2_(b) - q2_(ref2));
        norm = std::max(norm,
                        std::abs(r(o2 + b)) / (1.0 + std::abs(x2(b)) + std::abs(x2(ref2)) +
                                               lambda * (std::abs(q2_(b)) + std::abs(q2_(ref2)))));
      }
      if (jac == nullptr) continue;

      // Transition moments over the local successors c:
      //   m1(a, c) = sum_b s2(b) T(a, b; c),  m2(b, c) = sum_a s1(a) T(a, b; c),
      //   prow(c)  = sum_ab s1(a) s2(b) T(a, b; c).
      const Eigen::Index k = static_cast<Eigen::Index>(d.successors.size());
      m1_.setZero(n1, k);
      m2_.setZero(n2, k);
      prow_.setZero(k);
      for (std::size_t z = 0; z < d.nz_prob.size(); ++z) {
        const Eigen::Index a = d.nz_a1[z], b = d.nz_a2[z], c = d.nz_local[z];
        const double p = d.nz_prob[z];
        m1_(a, c) += s2_(b) * p;
        m2_(b, c) += s1_(a) * p;
        prow_(c) += s1_(a) * s2_(b) * p;
      }
      t1_.noalias() = w1_.transpose() * s1_;  // player 1's continuation payoff per column
      t2_.noalias() = w2_ * s2_;              // player 2's continuation payoff per row
      const Eigen::Index lam = lambda_index_;

      // Player 1: logit rows, then the normalisation row.
      for (Eigen::Index a = 0; a < n1; ++a) {
        const Eigen::Index row = o1 + a;
        if (a == ref1) {
          for (Eigen::Index j = 0; j < n1; ++j) jac->Add(row, o1 + j, s1_(j));
          continue;
        }
        jac->Add(row, o1 + a, 1.0);
        jac->Add(row, o1 + ref1, -1.0);
        for (Eigen::Index b = 0; b < n2; ++b) {
          jac->Add(row, o2 + b, -lambda * s2_(b) * (w1_(a, b) - w1_(ref1, b)));
        }
        for (Eigen::Index c = 0; c < k; ++c) {
          jac->Add(row, v0_ + d.successors[static_cast<std::size_t>(c)],
                   -lambda * delta1 * (m1_(a, c) - m1_(ref1, c)));
        }
        jac->Add(row, lam, -(q1_(a) - q1_(ref1)));
      }
      // Player 2.
      for (Eigen::Index b = 0; b < n2; ++b) {
        const Eigen::Index row = o2 + b;
        if (b == ref2) {
          for (Eigen::Index j = 0; j < n2; ++j) jac->Add(row, o2 + j, s2_(j));
          continue;
        }
        jac->Add(row, o2 + b, 1.0);
        jac->Add(row, o2 + ref2, -1.0);
        for (Eigen::Index a = 0; a < n1; ++a) {
          jac->Add(row, o1 + a, -lambda * s1_(a) * (w2_(a, b) - w2_(a, ref2)));
        }
        for (Eigen::Index c = 0; c < k; ++c) {
          jac->Add(row, v0_ + n + d.successors[static_cast<std::size_t>(c)],
                   -lambda * delta2 * (m2_(b, c) - m2_(ref2, c)));
        }
        jac->Add(row, lam, -(q2_(b) - q2_(ref2)));
      }
      // Value rows.
      for (Eigen::Index a = 0; a < n1; ++a) {
        jac->Add(h1, o1 + a, -s1_(a) * q1_(a));
        jac->Add(h2, o1 + a, -s1_(a) * t2_(a));
      }
      for (Eigen::Index b = 0; b < n2; ++b) {
        jac->Add(h1, o2 + b, -s2_(b) * t1_(b));
        jac->Add(h2, o2 + b, -s2_(b) * q2_(b));
      }
      jac->Add(h1, h1, 1.0);
      jac->Add(h2, h2, 1.0);
      for (Eigen::Index c = 0; c < k; ++c) {
        const Eigen::Index sc = d.successors[static_cast<std::size_t>(c)];
        jac->Add(h1, v0_ + sc, -delta1 * prow_(c));
        jac->Add(h2, v0_ + n + sc, -delta2 * prow_(c));
      }
    }
    return norm;
  }

  // Strategies (renormalised exp(x)) and values in payoff units.
  void Extract(const Eigen::VectorXd& w, double scale, MarkovStrategies& strategies,
               std::array<Eigen::VectorXd, 2>& values) const {
    const Eigen::Index n = game_.num_states();
    strategies.resize(data_.size());
    for (std::size_t s = 0; s < data_.size(); ++s) {
      const StateData& d = data_[s];
      const auto x1 = w.segment(offsets_[s], d.n1).array();
      const auto x2 = w.segment(offsets_[s] + d.n1, d.n2).array();
      strategies[s].row = (x1 < kMinLogProbability).select(0.0, x1.exp());
      strategies[s].col = (x2 < kMinLogProbability).select(0.0, x2.exp());
      strategies[s].row /= strategies[s].row.sum();
      strategies[s].col /= strategies[s].col.sum();
    }
    values[0] = w.segment(v0_, n) * scale;
    values[1] = w.segment(v0_ + n, n) * scale;
  }

 private:
  const StochasticGame& game_;
  std::vector<StateData> data_;
  std::vector<Eigen::Index> offsets_;
  std::vector<Eigen::Index> block_offsets_;
  std::vector<std::array<Eigen::Index, 2>> refs_;
  Eigen::Index v0_ = 0;
  Eigen::Index lambda_index_ = 0;
  // Workspace reused across states and calls.
  Eigen::VectorXd s1_, s2_, q1_, q2_, t1_, t2_, prow_;
  Eigen::MatrixXd w1_, w2_, m1_, m2_;
};

// Outcome of one corrector run.
struct Correction {
  bool converged = false;
  int iterations = 0;
  double residual = std::numeric_limits<double>::infinity();
};

class Tracer {
 public:
  Tracer(const StochasticGame& game, const MarkovQreOptions& options, double scale)
      : system_(game, scale), options_(options) {}

  LogitSystem& system() { return system_; }

  // Newton on the system plus one constraint row: t'(w - w_pred) = 0 (arc length), or
  // lambda = target when `fix_lambda` is set. Chord iterations: the Jacobian is assembled and
  // factorised at the starting point and reused while the steps contract by at least half, and
  // refreshed at the current point when they do not (so usually one factorisation per path step).
  // On success w holds the corrected point and the last factorised matrix is a Jacobian near w
  // with the constraint row, which Tangent() uses.
  Correction Correct(Eigen::VectorXd& w, const Eigen::VectorXd& w_pred, const Eigen::VectorXd& t,
                     bool fix_lambda, double target_lambda) {
    Correction out;
    const Eigen::Index m = system_.equations();
    const Eigen::Index lam = system_.lambda_index();
    double previous_step = std::numeric_limits<double>::infinity();
    bool refresh = true;  // assemble and factorise the Jacobian at w
    int factorisations = 0;
    for (int it = 0;; ++it) {
      if (refresh) jac_.Reset(m + 1, options_.dense_threshold, &system_.block_offsets());
      double norm = system_.Evaluate(w, residual_, refresh ? &jac_ : nullptr);
      rhs_.resize(m + 1);
      rhs_.head(m) = -residual_;
      if (fix_lambda) {
        rhs_(m) = -(w(lam) - target_lambda);
        if (refresh) jac_.Add(m, lam, 1.0);
        norm = std::max(norm, std::abs(rhs_(m)) / (1.0 + std::abs(target_lambda)));
      } else {
        rhs_(m) = -t.dot(w - w_pred);
        if (refresh) {
          for (Eigen::Index j = 0; j <= m; ++j) jac_.Add(m, j, t(j));
        }
        // Only positions the point along the path: judged relative to the point's magnitude.
        norm = std::max(norm, std::abs(rhs_(m)) / (1.0 + w_pred.lpNorm<Eigen::Infinity>()));
      }
      out.residual = norm;
      out.iterations = it;
      if (refresh) {
        if (!jac_.Factor()) return out;
        ++factorisations;
        refresh = false;
      }
      if (norm <= options_.corrector_tolerance) {
        out.converged = true;
        return out;
      }
      if (it >= options_.max_corrector_iterations) return out;
      if (!jac_.Solve(rhs_, step_)) return out;
      const double step_norm = step_.lpNorm<Eigen::Infinity>();
      if (!(step_norm <= kChordContraction * previous_step)) {
        // Not contracting: a fresh Jacobian at w once per stall, then give up.
        if (factorisations >= kMaxFactorisations) return out;
        refresh = true;
        previous_step = std::numeric_limits<double>::infinity();
        continue;
      }
      previous_step = step_norm;
      w += step_;
    }
  }

  // The tangent at w from a fresh Jacobian (constraint row: the current tangent t), replacing t.
  bool RefreshTangent(const Eigen::VectorXd& w, int orientation, Eigen::VectorXd& t) {
    const Eigen::Index m = system_.equations();
    jac_.Reset(m + 1, options_.dense_threshold, &system_.block_offsets());
    system_.Evaluate(w, residual_, &jac_);
    for (Eigen::Index j = 0; j <= m; ++j) jac_.Add(m, j, t(j));
    if (!jac_.Factor() || !Tangent(orientation, fresh_)) return false;
    t = fresh_;
    return true;
  }

  // Unit tangent at the point whose Jacobian J (with constraint row `previous`, matrix M) was
  // factorised last. Solving M tau = e_last gives J tau = 0 and det [J; tau'] = det M |tau|^2, so
  // orienting by sign(det M) keeps the sign of det [J; t'] constant: the orientation of a regular
  // path (Allgower & Georg 1990, sec. 2.1), which does not flip at turning points in lambda.
  // `orientation` is +1 or -1 (fixed at the start so that lambda increases).
  bool Tangent(int orientation, Eigen::VectorXd& t) {
    const Eigen::Index m = system_.equations();
    rhs_.setZero(m + 1);
    rhs_(m) = 1.0;
    const int sign = jac_.DeterminantSign();
    if (sign == 0 || !jac_.Solve(rhs_, t)) return false;
    const double norm = t.norm();
    if (!(norm > 0.0)) return false;
    t *= static_cast<double>(sign * orientation) / norm;
    return true;
  }

 private:
  LogitSystem system_;
  const MarkovQreOptions& options_;
  MarkovNewtonSystem jac_;
  Eigen::VectorXd residual_, rhs_, step_, fresh_;
};

// Distinct support patterns of `strategies` for the thresholds tried when polishing.
std::vector<std::vector<std::array<std::vector<Eigen::Index>, 2>>> SupportCandidates(
    const MarkovStrategies& strategies, const std::vector<double>& thresholds) {
  std::vector<std::vector<std::array<std::vector<Eigen::Index>, 2>>> out;
  for (double theta : thresholds) {
    std::vector<std::array<std::vector<Eigen::Index>, 2>> supports(strategies.size());
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

// Exact MPE on given supports: unknowns p_i(s, a) for a in the support and V (normalised);
// rows Q_i(s, a) - V_i(s) for a in the support, and sum_a p_i(s, a) = 1. Stops with kTimeLimit
// once options.max_seconds have passed since `clock_start`.
MarkovResult PolishOnSupports(const StochasticGame& game, const std::vector<StateData>& data,
                              const std::vector<std::array<std::vector<Eigen::Index>, 2>>& supports,
                              const MarkovStrategies& start,
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

MarkovQreResult Trace(const StochasticGame& game, const MarkovQreOptions& options) {
  const Clock::time_point start = Clock::now();
  MarkovQreResult out;
  MarkovResult& result = out.result;
  std::string why;
  if (!options.IsValid(&why) || !Validate(game, &why)) {
    result.status = MarkovStatus::kInvalidInput;
    result.message = why;
    return out;
  }
  if (game.horizon != 0) {
    result.status = MarkovStatus::kInvalidInput;
    result.message =
        "the logit Markov QRE is for infinite-horizon games (horizon = 0); use "
        "backward induction for a finite horizon";
    return out;
  }
  const double scale = PayoffScale(game);
  result.tolerance = options.tolerance * scale;
  Tracer tracer(game, options, scale);
  LogitSystem& system = tracer.system();
  const Eigen::Index lam = system.lambda_index();

  Eigen::VectorXd w, w_pred, w_new, t, t_new;
  if (!system.StartingPoint(options.evaluation, scale, w, &why)) {
    result.status = MarkovStatus::kSingularSystem;
    result.message = "values of uniform play: " + why;
    result.certificate.max_gain = {std::numeric_limits<double>::infinity(),
                                   std::numeric_limits<double>::infinity()};
    result.seconds = SecondsSince(start);
    return out;
  }
  // Tighten the start at lambda = 0 and take the first tangent (oriented towards lambda > 0).
  system.ChooseReferences(w);
  Eigen::VectorXd up = Eigen::VectorXd::Zero(lam + 1);
  up(lam) = 1.0;
  // Corrected with the row lambda = 0, whose factorised Jacobian is also the one the first
  // tangent needs (constraint row e_lambda).
  Correction c = tracer.Correct(w, w, up, /*fix_lambda=*/true, 0.0);
  std::string stop_message;
  MarkovStatus stop_status = MarkovStatus::kSuccess;
  // The first tangent is oriented towards increasing lambda; that fixes the path orientation.
  int orientation = 1;
  bool ok = c.converged && tracer.Tangent(orientation, t);
  if (ok && t(lam) < 0.0) {
    orientation = -1;
    t = -t;
  }
  if (!ok) {
    stop_status = MarkovStatus::kNotCertified;
    stop_message = "could not start the logit path at lambda = 0";
    t = up;
  }
  result.residual = c.residual;
  auto record = [&](const Eigen::VectorXd& point) {
    if (!options.record_path) return;
    MarkovQrePoint p;
    p.lambda = point(lam);
    system.Extract(point, scale, p.strategies, p.values);
    out.path.push_back(std::move(p));
  };
  if (ok) record(w);

  double h = options.first_step;
  long long steps = 0;
  bool tangent_exact = true;  // t was computed from the Jacobian at w itself
  while (ok) {
    if (w(lam) >= options.max_lambda) break;
    if (steps >= options.max_steps) {
      stop_status = MarkovStatus::kIterationLimit;
      stop_message =
          fmt::format("path step limit {} reached at lambda {:.6g}", options.max_steps, w(lam));
      break;
    }
    if (options.max_seconds > 0.0 && SecondsSince(start) > options.max_seconds) {
      stop_status = MarkovStatus::kTimeLimit;
      stop_message =
          fmt::format("time limit {} s reached at lambda {:.6g}", options.max_seconds, w(lam));
      break;
    }
    // Step length: grows with the point's magnitude (the path becomes a straight line in
    // (x, lambda) for large lambda), ends exactly at max_lambda.
    h = std::min(h, std::max(1.0, 0.5 * w.lpNorm<Eigen::Infinity>()));
    bool final_step = false;
    double h_eff = h;
    if (t(lam) > 0.0 && w(lam) + h * t(lam) >= options.max_lambda) {
      h_eff = (options.max_lambda - w(lam)) / t(lam);
      final_step = true;
    }
    w_pred = w + h_eff * t;
    w_new = w_pred;
    system.ChooseReferences(w);
    c = tracer.Correct(w_new, w_pred, t, final_step, options.max_lambda);
    // Step control (Allgower & Georg 1990, ch. 6): the corrector must converge, stay close to the
    // predictor (relative to the step) and the tangent must not turn sharply; otherwise the step
    // may have jumped to another part of the path. The branch never returns to lambda <= 0 (the
    // uniform profile is the only solution there), so reaching it means the orientation flipped.
    bool accepted = c.converged && w_new(lam) > 0.0 &&
                    (w_new - w_pred).norm() <= kMaxRelativeCorrection * h_eff;
    if (accepted && !final_step) {
      // A tangent pointing backwards means the corrector landed on another part of the path.
      accepted = tracer.Tangent(orientation, t_new) && t_new.dot(t) >= kMinTangentCosine;
    }
    if (accepted && !final_step && w_new(lam) > options.max_lambda) {
      // The corrector carried the point past max_lambda although the predictor stayed short of
      // it: the path crosses max_lambda between w and w_new. End there, correcting from the
      // chord's crossing with lambda fixed.
      const double theta = (options.max_lambda - w(lam)) / (w_new(lam) - w(lam));
      w_pred = w + theta * (w_new - w);
      w_new = w_pred;
      c = tracer.Correct(w_new, w_pred, t, /*fix_lambda=*/true, options.max_lambda);
      accepted = c.converged && w_new(lam) > 0.0 &&
                 (w_new - w_pred).norm() <= kMaxRelativeCorrection * h_eff;
      final_step = true;
    }
    if (!accepted && !tangent_exact) {
      // The tangent came from a Jacobian near the previous predictor; a poor tangent makes every
      // step fail the distance test however short. Recompute it at the current point first.
      tracer.RefreshTangent(w, orientation, t);  // keeps t if the Jacobian is singular at w
      tangent_exact = true;
      continue;
    }
    if (!accepted) {
      h = 0.5 * h_eff;
      if (h < options.min_step) {
        stop_status = MarkovStatus::kNotCertified;
        stop_message =
            fmt::format("path lost at lambda {:.6g}: step below {:.3g}", w(lam), options.min_step);
        break;
      }
      continue;
    }
    ++steps;
    tangent_exact = false;
    w = w_new;
    result.residual = c.residual;
    record(w);
    if (final_step) break;
    t = t_new;
    // Step growth by the corrector's effort: few Newton iterations mean a nearly straight path.
    h = h_eff * (c.iterations <= 3 ? 2.0 : c.iterations <= 5 ? 1.5 : c.iterations <= 7 ? 1.1 : 0.8);
  }
  result.iterations = steps;
  result.lambda = w(lam);

  // The QRE reached, certified.
  system.Extract(w, scale, out.qre.strategies, out.qre.values);
  out.qre.lambda = w(lam);
  const CertifiedPolicy qre_cert = CertifyStrategies(game, out.qre.strategies, options.evaluation);
  out.qre_certificate = qre_cert.certificate;
  if (qre_cert.evaluation.ok()) out.qre.values = qre_cert.evaluation.values;

  // Polish towards an exact MPE.
  std::string polish_message;
  bool polish_timed_out = false;
  if (options.polish) {
    const std::vector<StateData> data = PrepareStates(game, scale);
    for (const auto& supports : SupportCandidates(out.qre.strategies, {1e-3, 1e-6, 1e-9})) {
      MarkovResult polished = PolishOnSupports(game, data, supports, out.qre.strategies,
                                               out.qre.values, scale, options, start);
      if (polished.ok()) {
        result.strategies = std::move(polished.strategies);
        result.values = std::move(polished.values);
        result.certificate = polished.certificate;
        result.status = MarkovStatus::kSuccess;
        result.message = stop_message;
        out.polished = true;
        result.seconds = SecondsSince(start);
        return out;
      }
      polish_message = polished.message;
      if (polished.status == MarkovStatus::kTimeLimit) {
        polish_timed_out = true;
        break;
      }
    }
  }
  result.strategies = out.qre.strategies;
  result.values = out.qre.values;
  result.certificate = out.qre_certificate;
  if (!qre_cert.evaluation.ok()) {
    result.status = qre_cert.evaluation.status;
    result.message = qre_cert.evaluation.message;
  } else if (result.certificate.Max() <= result.tolerance && stop_message.empty()) {
    result.status = MarkovStatus::kSuccess;
    result.message.clear();
  } else {
    if (stop_status != MarkovStatus::kSuccess) {
      result.status = stop_status;
    } else {
      result.status = polish_timed_out ? MarkovStatus::kTimeLimit : MarkovStatus::kNotCertified;
    }
    result.message = stop_message;
    if (options.polish) {
      if (!result.message.empty()) result.message += "; ";
      result.message += (polish_timed_out ? "polishing stopped: " : "polishing failed: ") +
                        polish_message;
    } else if (result.message.empty()) {
      result.message = "logit QRE (not polished) exceeds the tolerance";
    }
  }
  result.seconds = SecondsSince(start);
  return out;
}

}  // namespace

MarkovQreResult SolveMarkovQre(const StochasticGame& game, const MarkovQreOptions& options) {
  return Trace(game, options);
}

MarkovQreResult MarkovQreAt(const StochasticGame& game, double lambda,
                            const MarkovQreOptions& options) {
  MarkovQreOptions at = options;
  at.max_lambda = lambda;
  at.polish = false;
  MarkovQreResult out = Trace(game, at);
  // At a finite precision the answer is a logit QRE, not an equilibrium: reaching lambda with
  // exact values is success whatever the deviation gains.
  if (out.result.status == MarkovStatus::kNotCertified && out.result.lambda >= lambda) {
    out.result.status = MarkovStatus::kSuccess;
    out.result.message.clear();
  }
  return out;
}

MarkovResult PolishMarkovPerfect(const StochasticGame& game, const MarkovStrategies& strategies,
                                 const std::array<Eigen::VectorXd, 2>& values, double threshold,
                                 const MarkovQreOptions& options) {
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
  const std::vector<StateData> data = PrepareStates(game, scale);
  out = PolishOnSupports(game, data, SupportCandidates(strategies, {threshold}).front(), strategies,
                         values, scale, options, start);
  if (!out.ok()) {
    // The certificate must describe what is returned, not the rejected polished profile (or
    // nothing at all when Newton did not converge).
    out.strategies = strategies;
    out.values = values;
    out.certificate = CertifyStrategies(game, strategies, options.evaluation).certificate;
  }
  out.tolerance = options.tolerance * scale;
  out.seconds = SecondsSince(start);
  return out;
}

}  // namespace kaesong
