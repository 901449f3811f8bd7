// Lemke–Howson complementary pivoting for bimatrix games (Lemke & Howson 1964; Shapley 1974;
// von Stengel 2002, "Computing equilibria for two-person games"). Labels are numbered 1..m+n as in
// Gambit: 1..m the row player's strategies, m+1..m+n the column player's. Dropping label k from
// the artificial equilibrium and pivoting until it is picked up again ends at a Nash equilibrium.
// Degenerate games are handled by the lexicographic minimum-ratio test, which makes every pivot
// well defined and the path finite. Pivots run on a dense Eigen tableau in place (rank-one
// updates, no allocation per pivot).
#pragma once

#include "sim/solver/normal_form.h"
#include "sim/solver/solve_result.h"

namespace kaesong {

struct LemkeHowsonOptions {
  int label = 1;                 // starting label in 1..rows+cols (ignored with all_labels)
  bool all_labels = false;       // run from every label; report the distinct equilibria reached
  // One equilibrium, fast: follow the paths of labels 1..rows+cols in turn, each with a pivot
  // budget that doubles after every round (4, 8, 16, ...), and stop at the first path that ends.
  // A fixed label's path can be very long on random games (Codenotti, De Rossi & Pagan 2008 measure
  // time growing like n^7 on uniformly random games) while some label usually ends within a few
  // pivots. Ignores `label`; excludes `all_labels`; `max_pivots` caps the budget.
  bool race_labels = false;
  long long max_pivots = -1;     // per path; -1: no limit (paths are finite)
  double tolerance = 1e-9;       // relative to PayoffScale(game), for certification
  bool IsValid(std::string* why) const;
};

// From one label: one equilibrium. All labels: the distinct equilibria reached, in order of first
// discovery by increasing label. Race: the end point of the first path to end. `iterations` counts
// pivots over all paths (in a race, including the restarted ones). `degenerate` is set when a
// ratio test had a tie (a degenerate vertex of a best-response polytope). Duplicates are merged
// within ProfileTolerance(tolerance) (sim/solver/equilibrium_set.h); a profile failing the
// certificate is still returned, but on_equilibrium is not called for it. A reported profile
// whose max regret exceeds tolerance * PayoffScale is a kNumericalIssue with a message.
SolveResult SolveLemkeHowson(const Bimatrix& game, const LemkeHowsonOptions& options = {},
                             const OnEquilibrium& on_equilibrium = {});

}  // namespace kaesong
