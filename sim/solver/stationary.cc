#include "sim/solver/stationary.h"

#include <fmt/format.h>

#include <cmath>
#include <deque>

namespace kaesong::solver {
namespace {

constexpr int kDepth = 2;                    // Anderson memory
constexpr long long kStagnationLimit = 200;  // evaluations without a new best residual

template <typename Vector>
double Norm(const Vector& v) {
  return v.size() == 0 ? 0.0 : v.cwiseAbs().maxCoeff();
}

template <typename Vector>
StationaryReport Solve(const std::function<Vector(const Vector&)>& map, Vector* z, double tolerance,
                       long long max_iterations) {
  StationaryReport report;
  Vector x = *z;
  Vector g = map(x) - x;
  report.iterations = 1;
  Vector best_x = x;
  double best_residual = Norm(g);
  long long since_best = 0;
  std::deque<std::pair<Vector, Vector>> history;  // (x_k, g_k)

  const auto finish = [&](SolveStatus status, std::string message) {
    report.status = status;
    report.message = std::move(message);
    *z = status == SolveStatus::kSuccess ? x : best_x;
    report.residual = status == SolveStatus::kSuccess ? Norm(g) : best_residual;
    return report;
  };

  while (true) {
    const double residual = Norm(g);
    if (!std::isfinite(residual)) {
      return finish(SolveStatus::kNumericalIssue, "stationary values are not finite");
    }
    if (residual < best_residual) {
      best_residual = residual;
      best_x = x;
      since_best = 0;
    }
    if (residual <= tolerance * (1.0 + Norm(x))) return finish(SolveStatus::kSuccess, {});
    if (report.iterations >= max_iterations) {
      return finish(
          SolveStatus::kIterationLimit,
          fmt::format("stationary tail not converged after {} iterations (residual {:.3g})",
                      report.iterations, best_residual));
    }
    if (since_best >= kStagnationLimit) {
      return finish(SolveStatus::kNumericalIssue,
                    fmt::format("stationary tail stagnated at residual {:.3g}", best_residual));
    }

    history.emplace_back(x, g);
    if (static_cast<int>(history.size()) > kDepth + 1) history.pop_front();
    const Vector plain = x + g;  // T(x)
    Vector next = plain;
    bool accelerated = false;
    const int m = static_cast<int>(history.size()) - 1;
    if (m >= 1) {
      Eigen::Matrix<double, Vector::RowsAtCompileTime, Eigen::Dynamic> dx(x.size(), m),
          dg(x.size(), m);
      for (int j = 0; j < m; ++j) {
        dx.col(j) = history[j + 1].first - history[j].first;
        dg.col(j) = history[j + 1].second - history[j].second;
      }
      const Eigen::VectorXd gamma = dg.colPivHouseholderQr().solve(g);
      const Vector candidate = x + g - (dx + dg) * gamma;
      if (candidate.allFinite()) {
        next = candidate;
        accelerated = true;
      }
    }
    Vector g_next = map(next) - next;
    ++report.iterations;
    ++since_best;
    if (accelerated && !(Norm(g_next) < residual)) {  // safeguard: fall back to the plain step
      history.clear();
      next = plain;
      g_next = map(next) - next;
      ++report.iterations;
    }
    x = next;
    g = g_next;
  }
}

}  // namespace

StationaryReport SolveStationary(const ValueMap& map, Eigen::Vector2d* z, double tolerance,
                                 long long max_iterations) {
  return Solve<Eigen::Vector2d>(map, z, tolerance, max_iterations);
}

StationaryReport SolveStationary(const VectorValueMap& map, Eigen::VectorXd* z, double tolerance,
                                 long long max_iterations) {
  return Solve<Eigen::VectorXd>(map, z, tolerance, max_iterations);
}

}  // namespace kaesong::solver
