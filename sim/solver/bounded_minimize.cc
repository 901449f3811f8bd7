#include "sim/solver/bounded_minimize.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <random>
#include <thread>

namespace kaesong {

namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// f with non-finite values read as +infinity, counting calls.
double Evaluate(const BoxObjective& f, const VectorXd& x, long long* evaluations) {
  ++*evaluations;
  const double value = f(x);
  return std::isfinite(value) ? value : kInfinity;
}

// The projected gradient's step P(x - g) - x in unit coordinates, as an infinity norm.
double ProjectedGradientNorm(const Box& box, const VectorXd& x, const VectorXd& g) {
  const VectorXd width = box.upper - box.lower;
  // In unit coordinates u = (x - lo) / width the gradient is g * width.
  const VectorXd unit_g = g.cwiseProduct(width);
  const VectorXd unit_x = (x - box.lower).cwiseQuotient(width);
  const VectorXd moved = (unit_x - unit_g).cwiseMax(0.0).cwiseMin(1.0);
  return (moved - unit_x).lpNorm<Eigen::Infinity>();
}

}  // namespace

std::string_view MinimizeStatusName(MinimizeStatus status) {
  switch (status) {
    case MinimizeStatus::kConverged:
      return "converged";
    case MinimizeStatus::kIterationCap:
      return "iteration_cap";
    case MinimizeStatus::kLineSearchFailure:
      return "line_search_failure";
  }
  return "unknown";
}

VectorXd BoxGradient(const BoxObjective& f, const Box& box, const VectorXd& x, double value,
                     const VectorXd& h, long long* evaluations) {
  VectorXd g(x.size());
  for (Index i = 0; i < x.size(); ++i) {
    VectorXd up = x, down = x;
    const bool can_up = x(i) + h(i) <= box.upper(i);
    const bool can_down = x(i) - h(i) >= box.lower(i);
    if (can_up && can_down) {
      up(i) += h(i);
      down(i) -= h(i);
      g(i) = (Evaluate(f, up, evaluations) - Evaluate(f, down, evaluations)) / (2.0 * h(i));
    } else if (can_up) {
      up(i) += h(i);
      g(i) = (Evaluate(f, up, evaluations) - value) / h(i);
    } else {
      down(i) -= h(i);
      g(i) = (value - Evaluate(f, down, evaluations)) / h(i);
    }
    if (!std::isfinite(g(i))) g(i) = 0.0;  // an infinite wall: no usable slope
  }
  return g;
}

MatrixXd NumericalHessian(const BoxObjective& f, const VectorXd& x, double value,
                          const VectorXd& h) {
  const Index n = x.size();
  MatrixXd hessian(n, n);
  const auto at = [&](Index i, double si, Index j, double sj) {
    VectorXd y = x;
    y(i) += si * h(i);
    y(j) += sj * h(j);
    return f(y);
  };
  for (Index i = 0; i < n; ++i) {
    hessian(i, i) = (at(i, 1.0, i, 0.0) - 2.0 * value + at(i, -1.0, i, 0.0)) / (h(i) * h(i));
    for (Index j = 0; j < i; ++j) {
      hessian(i, j) =
          (at(i, 1.0, j, 1.0) - at(i, 1.0, j, -1.0) - at(i, -1.0, j, 1.0) + at(i, -1.0, j, -1.0)) /
          (4.0 * h(i) * h(j));
      hessian(j, i) = hessian(i, j);
    }
  }
  return hessian;
}

MinimizeResult MinimizeInBox(const BoxObjective& f, const Box& box, const VectorXd& start,
                             const MinimizeOptions& options) {
  const Index n = box.size();
  const VectorXd width = box.upper - box.lower;
  const VectorXd h = options.difference_step * width;
  MinimizeResult out;
  VectorXd x = box.Project(start);
  double fx = Evaluate(f, x, &out.evaluations);
  VectorXd g = BoxGradient(f, box, x, fx, h, &out.evaluations);
  // Inverse Hessian approximation in unit coordinates (where the identity is a sensible start).
  MatrixXd inverse = MatrixXd::Identity(n, n);
  const bool given_inverse = options.inverse_hessian.rows() == n &&
                             options.inverse_hessian.cols() == n &&
                             options.inverse_hessian.allFinite();
  if (given_inverse) {  // H_u^-1 = W^-1 H^-1 W^-1 in unit coordinates u = (x - lo) / w
    const Eigen::VectorXd unit_scale = width.cwiseInverse();
    inverse = unit_scale.asDiagonal() * options.inverse_hessian * unit_scale.asDiagonal();
  }
  const auto to_unit = [&](const VectorXd& v) { return v.cwiseProduct(width); };
  out.status = MinimizeStatus::kIterationCap;
  for (out.iterations = 0; out.iterations < options.max_iterations; ++out.iterations) {
    if (ProjectedGradientNorm(box, x, g) <= options.gradient_tolerance) {
      out.status = MinimizeStatus::kConverged;
      break;
    }
    // Active set: coordinates at a bound whose gradient pushes outward stay fixed this step.
    std::vector<bool> free(static_cast<std::size_t>(n));
    for (Index i = 0; i < n; ++i) {
      const bool at_lower = x(i) <= box.lower(i) && g(i) > 0.0;
      const bool at_upper = x(i) >= box.upper(i) && g(i) < 0.0;
      free[static_cast<std::size_t>(i)] = !at_lower && !at_upper;
    }
    const VectorXd unit_g = to_unit(g);
    VectorXd unit_d = VectorXd::Zero(n);
    for (Index i = 0; i < n; ++i) {
      if (!free[static_cast<std::size_t>(i)]) continue;
      for (Index j = 0; j < n; ++j) {
        if (free[static_cast<std::size_t>(j)]) unit_d(i) -= inverse(i, j) * unit_g(j);
      }
    }
    if (unit_d.dot(unit_g) >= 0.0) {  // not a descent direction: restart from steepest descent
      inverse.setIdentity();
      unit_d = -unit_g;
      for (Index i = 0; i < n; ++i) {
        if (!free[static_cast<std::size_t>(i)]) unit_d(i) = 0.0;
      }
    }
    // A first step of at most the whole box.
    const double length = unit_d.lpNorm<Eigen::Infinity>();
    if (length > 1.0) unit_d /= length;
    const VectorXd d = unit_d.cwiseProduct(width);
    // Backtracking along the projected path x(t) = P(x + t d) (Armijo condition on the actual
    // step, Nocedal & Wright 2006, eq. 16.70 in spirit).
    double t = 1.0;
    VectorXd x_new;
    double f_new = kInfinity;
    bool found = false;
    for (int backtrack = 0; backtrack < 40; ++backtrack, t *= 0.5) {
      x_new = box.Project(x + t * d);
      if ((x_new - x).cwiseQuotient(width).lpNorm<Eigen::Infinity>() < 1e-14) break;
      f_new = Evaluate(f, x_new, &out.evaluations);
      if (f_new <= fx + 1e-4 * g.dot(x_new - x)) {
        found = true;
        break;
      }
    }
    if (!found) {
      out.status = MinimizeStatus::kLineSearchFailure;
      break;
    }
    const double decrease = fx - f_new;
    const VectorXd g_new = BoxGradient(f, box, x_new, f_new, h, &out.evaluations);
    const VectorXd s = (x_new - x).cwiseQuotient(width);
    const VectorXd y = to_unit(g_new) - unit_g;
    const double sy = s.dot(y);
    if (sy > 1e-12 * s.norm() * y.norm()) {  // BFGS update of the inverse (N&W eq. 6.17)
      const double rho = 1.0 / sy;
      const MatrixXd identity = MatrixXd::Identity(n, n);
      inverse =
          (identity - rho * s * y.transpose()) * inverse * (identity - rho * y * s.transpose()) +
          rho * s * s.transpose();
    }
    x = x_new;
    fx = f_new;
    g = g_new;
    if (decrease <= options.value_tolerance * (1.0 + std::abs(fx))) {
      ++out.iterations;
      out.status = MinimizeStatus::kConverged;
      break;
    }
  }
  out.x = x;
  out.value = fx;
  return out;
}

std::vector<VectorXd> SpreadStarts(const Box& box, int count, unsigned long long seed) {
  static constexpr int kPrimes[] = {2,  3,  5,  7,  11, 13, 17, 19, 23, 29, 31, 37,
                                    41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89};
  const Index n = box.size();
  std::mt19937_64 engine(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  VectorXd shift(n);
  for (Index i = 0; i < n; ++i) shift(i) = uniform(engine);
  std::vector<VectorXd> starts;
  for (int k = 0; k < count; ++k) {
    VectorXd unit(n);
    for (Index i = 0; i < n; ++i) {
      if (k == 0) {
        unit(i) = 0.5;
        continue;
      }
      // Radical inverse of k in base b (i past the table reuses the last prime).
      const int b = kPrimes[std::min<Index>(i, std::size(kPrimes) - 1)];
      double value = 0.0, scale = 1.0 / b;
      for (int m = k; m > 0; m /= b, scale /= b) value += (m % b) * scale;
      unit(i) = std::fmod(value + shift(i), 1.0);
    }
    starts.push_back(box.lower + unit.cwiseProduct(box.upper - box.lower));
  }
  return starts;
}

ProfileSide ProfileToBound(const BoxObjective& f, const Box& box, const VectorXd& best,
                           double best_value, Index index, bool upward, double rise, int steps,
                           int refinements, const MinimizeOptions& options,
                           const ProfileGuide& guide) {
  const Index n = box.size();
  // The box and the point of the other coordinates.
  Box inner;
  inner.lower.resize(n - 1);
  inner.upper.resize(n - 1);
  VectorXd others(n - 1);
  for (Index i = 0, k = 0; i < n; ++i) {
    if (i == index) continue;
    inner.lower(k) = box.lower(i);
    inner.upper(k) = box.upper(i);
    others(k++) = best(i);
  }
  const auto full = [&](double v, const VectorXd& rest) {
    VectorXd x(n);
    for (Index i = 0, k = 0; i < n; ++i) x(i) = i == index ? v : rest(k++);
    return x;
  };
  // P(v) and the minimiser of the others, started from `from`.
  MinimizeOptions inner_options = options;
  if (guide.inner_inverse_hessian.rows() == n - 1) {
    inner_options.inverse_hessian = guide.inner_inverse_hessian;
  }
  ProfileSide side;
  const auto profile = [&](double v, const VectorXd& from, VectorXd* at) {
    if (n == 1) {
      const double value = f(full(v, from));
      return std::isfinite(value) ? value : kInfinity;
    }
    const MinimizeResult r = MinimizeInBox([&](const VectorXd& rest) { return f(full(v, rest)); },
                                           inner, from, inner_options);
    side.all_converged &= r.status == MinimizeStatus::kConverged;
    *at = r.x;
    return r.value;
  };
  const double bound = upward ? box.upper(index) : box.lower(index);
  const double start = best(index);
  side.limit = bound;
  side.reached_bound = true;
  if (start == bound) return side;
  const bool guided = std::isfinite(guide.crossing) && guide.crossing > 0.0;
  const bool has_slope = guided && guide.slope.size() == n - 1 && guide.slope.allFinite();
  // The start of the inner minimisation at v, from the last point (v0, rest0) within `rise`.
  const auto predicted = [&](double v, double v0, const VectorXd& rest0) {
    if (!has_slope) return rest0;
    return inner.Project(rest0 + guide.slope * (v - v0));
  };
  const double direction = upward ? 1.0 : -1.0;
  // The walk's k-th point (k = 1, 2, ...), the last one at the bound.
  const auto walk_point = [&](int k) {
    if (k >= steps) return bound;
    if (!guided) return start + (bound - start) * k / steps;
    // 0.5, 1, 1.5, 2, then growing by half each step: 3, 4.5, ...
    const double multiple = k <= 4 ? 0.5 * k : 2.0 * std::pow(1.5, k - 4);
    const double v = start + direction * multiple * guide.crossing;
    return upward ? std::min(v, bound) : std::max(v, bound);
  };
  double previous_v = start, previous_p = best_value;
  VectorXd previous_rest = others;
  for (int s = 1; s <= steps; ++s) {
    const double v = walk_point(s);
    VectorXd rest = previous_rest;
    const double p = profile(v, predicted(v, previous_v, previous_rest), &rest);
    side.values.push_back(v);
    side.profile.push_back(p);
    if (p - best_value > rise) {
      double inside_v = previous_v, inside_p = previous_p, outside_v = v, outside_p = p;
      VectorXd inside_rest = previous_rest;
      if (!guided) {
        // Bisection between the last point within `rise` and this one.
        for (int r = 0; r < refinements; ++r) {
          const double mid = 0.5 * (inside_v + outside_v);
          VectorXd mid_rest = inside_rest;
          const double mid_p = profile(mid, inside_rest, &mid_rest);
          side.values.push_back(mid);
          side.profile.push_back(mid_p);
          if (mid_p - best_value > rise) {
            outside_v = mid;
            outside_p = mid_p;
          } else {
            inside_v = mid;
            inside_p = mid_p;
            inside_rest = mid_rest;
          }
        }
        const double span = outside_p - inside_p;
        const double fraction =
            std::isfinite(span) && span > 0.0 ? (best_value + rise - inside_p) / span : 0.5;
        side.limit = inside_v + std::clamp(fraction, 0.0, 1.0) * (outside_v - inside_v);
        side.reached_bound = false;
        return side;
      }
      // Regula falsi (Illinois) on z(v) - target between the bracketing points.
      const double target = std::sqrt(2.0 * rise);
      const auto root = [&](double p_value) {
        return std::sqrt(2.0 * std::max(0.0, p_value - best_value)) - target;
      };
      // z at the bracket's ends, and the Illinois weights that keep an end kept twice from
      // stalling the iteration (the limit interpolates the true values).
      double z_in = root(inside_p), z_out = std::isfinite(outside_p) ? root(outside_p) : kInfinity;
      double weight_in = 1.0, weight_out = 1.0;
      const auto interpolate = [&](double w_in, double w_out) {
        if (!std::isfinite(z_out)) return 0.5 * (inside_v + outside_v);
        const double a = w_in * z_in, b = w_out * z_out;  // a <= 0 < b
        return inside_v + std::clamp(a / (a - b), 0.0, 1.0) * (outside_v - inside_v);
      };
      int kept = 0;  // +1: the inside end was kept last time, -1: the outside end
      for (int r = 0; r < refinements; ++r) {
        const double mid = interpolate(weight_in, weight_out);
        if (mid == inside_v || mid == outside_v) break;
        VectorXd mid_rest = inside_rest;
        const double mid_p = profile(mid, predicted(mid, inside_v, inside_rest), &mid_rest);
        side.values.push_back(mid);
        side.profile.push_back(mid_p);
        const double z_mid = std::isfinite(mid_p) ? root(mid_p) : kInfinity;
        if (z_mid > 0.0) {
          outside_v = mid;
          z_out = z_mid;
          weight_out = 1.0;
          weight_in = kept == 1 ? 0.5 * weight_in : 1.0;
          kept = 1;
        } else {
          inside_v = mid;
          z_in = z_mid;
          inside_rest = mid_rest;
          weight_in = 1.0;
          weight_out = kept == -1 ? 0.5 * weight_out : 1.0;
          kept = -1;
        }
        if (std::abs(z_mid) <= 1e-3 * target) break;
      }
      side.limit = interpolate(1.0, 1.0);
      side.reached_bound = false;
      return side;
    }
    previous_v = v;
    previous_p = p;
    previous_rest = rest;
    if (v == bound) break;
  }
  return side;
}

void ParallelTasks(int count, int threads, const std::function<void(int)>& task) {
  const int workers = std::max(1, std::min(threads, count));
  if (workers == 1) {
    for (int k = 0; k < count; ++k) task(k);
    return;
  }
  std::atomic<int> next{0};
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(workers));
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  for (int w = 0; w < workers; ++w) {
    pool.emplace_back([&] {
      for (int k = next++; k < count; k = next++) {
        try {
          task(k);
        } catch (...) {
          if (!failed.exchange(true)) failure = std::current_exception();
        }
      }
    });
  }
  for (std::thread& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace kaesong
