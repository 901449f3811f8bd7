#include "sim/solver/pure_equilibria.h"

#include "sim/solver/equilibrium_set.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace kaesong {

bool PureEquilibriaOptions::IsValid(std::string* why) const {
  if (!(std::isfinite(tolerance) && tolerance >= 0.0)) {
    if (why) *why = fmt::format("tolerance must be a finite number >= 0, got {}", tolerance);
    return false;
  }
  return true;
}

SolveResult SolvePureEquilibria(const Bimatrix& game, const PureEquilibriaOptions& options,
                                const OnEquilibrium& on_equilibrium) {
  SolveResult result;
  if (!CheckSolverInput(game, options, &result)) return result;

  const double tol = options.tolerance;
  const Eigen::RowVectorXd best_row_payoff = game.a.colwise().maxCoeff();  // per column j
  const Eigen::VectorXd best_col_payoff = game.b.rowwise().maxCoeff();     // per row i

  // A pure strategy with two or more pure best responses is a degeneracy witness (von Stengel
  // 2002: a strategy with support size k and more than k pure best responses).
  for (Eigen::Index j = 0; j < game.cols() && !result.degenerate; ++j) {
    result.degenerate = (game.a.col(j).array() >= best_row_payoff(j) - tol).count() > 1;
  }
  for (Eigen::Index i = 0; i < game.rows() && !result.degenerate; ++i) {
    result.degenerate = (game.b.row(i).array() >= best_col_payoff(i) - tol).count() > 1;
  }

  for (Eigen::Index i = 0; i < game.rows(); ++i) {
    for (Eigen::Index j = 0; j < game.cols(); ++j) {
      ++result.iterations;
      if (game.a(i, j) >= best_row_payoff(j) - tol && game.b(i, j) >= best_col_payoff(i) - tol) {
        Equilibrium eq = Certify(game, PureProfile(game, i, j));
        result.max_regret = std::max(result.max_regret, eq.max_regret);
        if (on_equilibrium) on_equilibrium(eq);
        result.equilibria.push_back(std::move(eq));
      }
    }
  }
  result.Finish();
  return result;
}

}  // namespace kaesong
