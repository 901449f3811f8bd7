// Pure-strategy Nash equilibria of a bimatrix game by enumeration of all cells: (i, j) is an
// equilibrium iff A(i,j) is maximal in column j of A and B(i,j) maximal in row i of B, within
// `tolerance` (absolute, payoff units). O(rows * cols).
#pragma once

#include "sim/solver/normal_form.h"
#include "sim/solver/solve_result.h"

namespace kaesong {

struct PureEquilibriaOptions {
  double tolerance = 1e-12;  // ties within this count as best responses; must be >= 0
  bool IsValid(std::string* why) const;
};

// Equilibria in row-major order of (i, j). `iterations` counts cells examined. `degenerate` is set
// when some pure strategy has two or more pure best responses within `tolerance`.
SolveResult SolvePureEquilibria(const Bimatrix& game, const PureEquilibriaOptions& options = {},
                                const OnEquilibrium& on_equilibrium = {});

}  // namespace kaesong
