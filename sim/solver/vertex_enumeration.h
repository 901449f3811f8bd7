// All extreme equilibria of a bimatrix game by vertex enumeration of the best-response polytopes
// P = {x >= 0 : B'x <= 1} and Q = {y >= 0 : Ay <= 1} (payoffs made positive), following lrsnash
// (Avis, Rosenberg, Savani & von Stengel 2010, sect. 3): the vertices of the polytope of the
// player with fewer strategies are listed by reverse search (Avis & Fukuda 1992) with Bland's
// rule and the lexicographic ratio test, so degenerate polytopes lose and repeat no vertex; each
// vertex x fixes the face of Q its partners lie on, solved directly when x is nondegenerate, by a
// small enumeration of the face's bases otherwise (a reverse search of Q when the face is large).
// Floating point; every profile is certified by its max regret, and one whose certificate fails is
// re-derived in exact rational arithmetic (sim/solver/exact_profile.h) and reported only if the
// exact profile is an equilibrium.
#pragma once

#include "sim/solver/normal_form.h"
#include "sim/solver/solve_result.h"

#include <string>

namespace kaesong {

struct VertexEnumerationOptions {
  // Relative to PayoffScale(game): the regret certificate. Polytope arithmetic works on payoffs
  // scaled to [1, 2], where values within 1e-9 count as equal (ties, zero coordinates) and
  // pivot elements must exceed 1e-9.
  double tolerance = 1e-9;
  long long max_bases = -1;  // stop after visiting this many bases (-1: no limit)
  bool IsValid(std::string* why) const;
};

// Equilibria are distinct and in the canonical order of sim/solver/equilibrium_set.h, the same
// set support enumeration finds. `iterations` counts the bases visited by the reverse searches;
// `degenerate` is set when a polytope vertex has more tight constraints than its dimension;
// `rederived` counts candidates whose floating-point certificate failed and which were
// re-derived exactly. At most 64 strategies per player (kInvalidInput beyond).
SolveResult SolveVertexEnumeration(const Bimatrix& game,
                                   const VertexEnumerationOptions& options = {},
                                   const OnEquilibrium& on_equilibrium = {});

}  // namespace kaesong
