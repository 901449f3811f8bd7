// A fixed point z = T(z) of a map on value vectors, such as the players' continuation values at
// the start of one period of a stationary tail mapped to the values one period earlier. Solved by
// fixed-point iteration accelerated with Anderson mixing (Anderson 1965; Walker & Ni 2011), depth
// 2, safeguarded: an accelerated step is kept only when it lowers the residual, else the plain
// step T(z) is taken and the history restarts. Reports status, iterations (calls of T) and the
// residual |T(z) - z|_inf; never loops past the iteration limit, and stops with a
// numerical-issue status when the residual stops improving (noise floor of an inexact map).
#pragma once

#include "sim/solver/solve_result.h"

#include <Eigen/Dense>

#include <functional>
#include <string>

namespace kaesong::solver {

struct StationaryReport {
  SolveStatus status = SolveStatus::kNotSolved;
  long long iterations = 0;  // evaluations of the map
  double residual = 0.0;     // |T(z) - z|_inf at the returned z
  std::string message = "not solved";
};

using ValueMap = std::function<Eigen::Vector2d(const Eigen::Vector2d&)>;

// Starting from *z, iterates until |T(z) - z|_inf <= tolerance * (1 + |z|_inf), at most
// max_iterations evaluations of T; *z receives the last iterate (the best one on failure).
StationaryReport SolveStationary(const ValueMap& map, Eigen::Vector2d* z, double tolerance,
                                 long long max_iterations);

// The same for a map on values of any dimension (e.g. value functions over a belief lattice).
using VectorValueMap = std::function<Eigen::VectorXd(const Eigen::VectorXd&)>;
StationaryReport SolveStationary(const VectorValueMap& map, Eigen::VectorXd* z, double tolerance,
                                 long long max_iterations);

}  // namespace kaesong::solver
