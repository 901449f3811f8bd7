// Tracing, the first half of the logit Markov QRE method (markov_qre.h): the branch of logit
// QREs from uniform play at lambda = 0, followed by pseudo-arc-length predictor-corrector
// continuation in (log-probabilities, values, lambda) up to options.max_lambda, the step limit
// or the time limit. SolveMarkovQre then hands the end point to polishing
// (markov_qre_polish.h) and falls back to the traced QRE when polishing fails; MarkovQreAt stops
// at the given lambda without polishing.
#include "sim/solver/markov_qre.h"

#include "sim/solver/markov_newton.h"
#include "sim/solver/markov_qre_polish.h"

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

using markov_qre_internal::Clock;
using markov_qre_internal::Continuation;
using markov_qre_internal::PolishOnSupports;
using markov_qre_internal::PrepareStates;
using markov_qre_internal::SecondsSince;
using markov_qre_internal::StateData;
using markov_qre_internal::SupportCandidates;

// Path-following step control.
constexpr double kMaxRelativeCorrection = 0.3;  // corrector distance / step length
constexpr double kMinTangentCosine = 0.8;       // cosine of the largest tangent turn per step
constexpr double kChordContraction = 0.5;       // required step contraction of chord iterations
constexpr int kMaxFactorisations = 3;           // Jacobian refreshes per corrector run
constexpr double kMinLogProbability = -700.0;   // log-probabilities below count as probability 0

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
      result.message +=
          (polish_timed_out ? "polishing stopped: " : "polishing failed: ") + polish_message;
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

}  // namespace kaesong
