// What the equilibrium solvers share once a profile has been computed: cleaning a numerically
// computed mixed strategy into a probability vector, recognising the same equilibrium found twice,
// and the canonical output order (lexicographic by the row player's probabilities, then the
// column player's, larger first), so that results do not depend on search order.
#pragma once

#include "sim/solver/normal_form.h"
#include "sim/solver/solve_result.h"

#include <vector>

namespace kaesong {

// Probability tolerance used to merge duplicate equilibria, given a solver's relative payoff
// tolerance: max(1e-12, 100 * tolerance) (1e-7 for the default 1e-9).
double ProfileTolerance(double tolerance);

// Sets negative entries (rounding noise, within the caller's feasibility tolerance) to zero and
// rescales to sum 1. Precondition: the positive entries have a positive sum.
void CleanDistribution(Eigen::VectorXd& v);

// True when the profiles have the same shape and every probability differs by at most `tol`.
bool SameProfile(const MixedProfile& a, const MixedProfile& b, double tol);

// Canonical order: compares row probabilities in index order, then column probabilities, each
// rounded to a multiple of `tol`; at the first pair that differs the larger probability comes
// first. A strict weak ordering, so it can drive std::sort.
bool ComesBefore(const MixedProfile& a, const MixedProfile& b, double tol);

// Distinct equilibria in order of discovery (duplicates within `tol` are dropped).
class EquilibriumSet {
 public:
  explicit EquilibriumSet(double tol) : tol_(tol) {}

  // Adds `eq` unless a profile within tolerance is already present; true when added.
  bool Insert(const Equilibrium& eq);
  bool Contains(const MixedProfile& profile) const;

  const std::vector<Equilibrium>& items() const { return items_; }
  std::size_t size() const { return items_.size(); }
  double MaxRegret() const;

  // The equilibria in canonical order (see ComesBefore); leaves the set empty.
  std::vector<Equilibrium> TakeSorted();

 private:
  double tol_;
  std::vector<Equilibrium> items_;
};

}  // namespace kaesong
