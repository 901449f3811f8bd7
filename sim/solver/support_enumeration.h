// Support enumeration for bimatrix games: for every pair of equal-size supports (I, J) solve the
// indifference equations with an Eigen LU and keep the solutions that are probability vectors
// with no profitable deviation. Finds every extreme equilibrium of a nondegenerate game
// (Mangasarian 1964; Avis, Rosenberg, Savani & von Stengel 2010; Nisan et al. 2007, ch. 3).
// On degenerate games (a mixed strategy with k-support having more than k pure best responses)
// it never reports a non-equilibrium: it reports the certified equilibria it finds, also those
// from supports of unequal size, and sets SolveResult::degenerate.
#pragma once

#include "sim/solver/normal_form.h"
#include "sim/solver/solve_result.h"

namespace kaesong {

struct SupportEnumerationOptions {
  double tolerance = 1e-9;        // relative to PayoffScale(game): regret and feasibility
  long long max_supports = -1;    // stop after this many support pairs (-1: no limit)
  bool IsValid(std::string* why) const;
};

// Equilibria are distinct (duplicates within tolerance are merged) and sorted lexicographically
// by (row, col) probability vectors, descending, so output order does not depend on search order.
// `iterations` counts support pairs examined.
SolveResult SolveSupportEnumeration(const Bimatrix& game,
                                    const SupportEnumerationOptions& options = {},
                                    const OnEquilibrium& on_equilibrium = {});

}  // namespace kaesong
