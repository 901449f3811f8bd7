// Support enumeration for bimatrix games: for every pair of equal-size supports (I, J) solve the
// indifference equations (eliminated depth-first so that support pairs share work, with an Eigen
// LU re-solve of every candidate) and keep the solutions that are probability vectors with no
// profitable deviation. Finds every extreme equilibrium of a nondegenerate game
// (Mangasarian 1964; Avis, Rosenberg, Savani & von Stengel 2010; Nisan et al. 2007, ch. 3).
// On degenerate games (a mixed strategy with k-support having more than k pure best responses)
// it never reports a non-equilibrium: it pairs the vertices of the two best-response polyhedra,
// so it also finds equilibria with supports of unequal size (the end points of equilibrium
// segments), and sets SolveResult::degenerate when it meets such a strategy. Strictly dominated
// strategies are removed first; a game with more than 64 strategies for a player after that is
// kInvalidInput (strategy sets are bit masks; enumeration would not finish anyway).
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
// `iterations` counts support pairs examined (pairs skipped in bulk by dominance or by the sign
// and best-response tests on a shared prefix are not counted). Profiles are merged when all
// probabilities agree within ProfileTolerance(tolerance) (sim/solver/equilibrium_set.h).
SolveResult SolveSupportEnumeration(const Bimatrix& game,
                                    const SupportEnumerationOptions& options = {},
                                    const OnEquilibrium& on_equilibrium = {});

}  // namespace kaesong
