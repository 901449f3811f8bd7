// Safeguarded one-dimensional numerics: a bracketing root finder that keeps the sign bracket
// (Illinois variant of regula falsi, Dowell & Jarratt 1971, with bisection safeguard) and
// golden-section search (Kiefer 1953). Both report their evaluations.
#pragma once

#include <cmath>

namespace kaesong::solver {

struct BoundaryResult {
  double x_in = 0.0;  // end of the final bracket where f >= 0
  double f_in = 0.0;
  double x_out = 0.0;  // the other end, f < 0
  double f_out = 0.0;
  int evaluations = 0;
  bool converged = false;
};

// Given f(x_in) = f_in >= 0 > f(x_out) = f_out (x_in on either side of x_out), shrinks the
// bracket until |x_out - x_in| <= x_tol or f_in <= f_tol, and returns the end where f >= 0, so
// that a caller needing "f >= 0" (a responder's acceptance) gets a point that satisfies it
// exactly. f is continuous on the bracket. At most max_evaluations calls of f.
template <typename F>
BoundaryResult FindBoundary(F&& f, double x_in, double f_in, double x_out, double f_out,
                            double x_tol, double f_tol, int max_evaluations) {
  BoundaryResult r{x_in, f_in, x_out, f_out, 0, false};
  double w_in = f_in, w_out = f_out;  // Illinois-weighted values for the secant step
  int side = 0;                       // +1: x_in replaced last, -1: x_out replaced last
  double width_before = std::abs(x_out - x_in);
  int steps_since_halving = 0;
  while (true) {
    const double width = std::abs(r.x_out - r.x_in);
    if (width <= x_tol || r.f_in <= f_tol) {
      r.converged = true;
      return r;
    }
    if (r.evaluations >= max_evaluations) return r;
    double x;
    if (steps_since_halving >= 3) {
      x = 0.5 * (r.x_in + r.x_out);  // safeguard: the secant steps stalled
    } else {
      x = (r.x_in * w_out - r.x_out * w_in) / (w_out - w_in);
      const double lo = std::fmin(r.x_in, r.x_out), hi = std::fmax(r.x_in, r.x_out);
      if (!(x > lo && x < hi)) x = 0.5 * (r.x_in + r.x_out);
    }
    const double fx = f(x);
    ++r.evaluations;
    if (fx >= 0.0) {
      r.x_in = x;
      r.f_in = fx;
      w_in = fx;
      if (side == +1) w_out *= 0.5;
      side = +1;
    } else {
      r.x_out = x;
      r.f_out = fx;
      w_out = fx;
      if (side == -1) w_in *= 0.5;
      side = -1;
    }
    const double new_width = std::abs(r.x_out - r.x_in);
    if (new_width <= 0.5 * width_before) {
      width_before = new_width;
      steps_since_halving = 0;
    } else {
      ++steps_since_halving;
    }
  }
}

struct MaximumResult {
  double x = 0.0;
  double fx = -HUGE_VAL;
  int evaluations = 0;
};

// Golden-section search for a maximum of f on [a, b] (exact for unimodal f, a local maximum
// otherwise) until the bracket is below x_tol; returns the best point evaluated, the end points
// included.
template <typename F>
MaximumResult GoldenMaximize(F&& f, double a, double b, double x_tol, int max_evaluations) {
  constexpr double kInvPhi = 0.6180339887498949;
  MaximumResult best;
  auto consider = [&](double x, double fx) {
    ++best.evaluations;
    if (fx > best.fx) {
      best.x = x;
      best.fx = fx;
    }
  };
  consider(a, f(a));
  if (b == a) return best;
  consider(b, f(b));
  double c = b - kInvPhi * (b - a), d = a + kInvPhi * (b - a);
  double fc = f(c), fd = f(d);
  consider(c, fc);
  consider(d, fd);
  while (std::abs(b - a) > x_tol && best.evaluations < max_evaluations) {
    if (fc >= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - kInvPhi * (b - a);
      fc = f(c);
      consider(c, fc);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + kInvPhi * (b - a);
      fd = f(d);
      consider(d, fd);
    }
  }
  return best;
}

}  // namespace kaesong::solver
