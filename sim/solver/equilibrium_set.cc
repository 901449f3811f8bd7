#include "sim/solver/equilibrium_set.h"

#include <algorithm>
#include <cmath>

namespace kaesong {

double ProfileTolerance(double tolerance) { return std::max(1e-12, 100.0 * tolerance); }

void CleanDistribution(Eigen::VectorXd& v) {
  v = v.cwiseMax(0.0);
  const double sum = v.sum();
  if (sum > 0.0) v /= sum;
}

bool SameProfile(const MixedProfile& a, const MixedProfile& b, double tol) {
  if (a.row.size() != b.row.size() || a.col.size() != b.col.size()) return false;
  return (a.row - b.row).cwiseAbs().maxCoeff() <= tol &&
         (a.col - b.col).cwiseAbs().maxCoeff() <= tol;
}

namespace {

// -1 when u comes first, +1 when v comes first, 0 when equal. Probabilities are compared on a
// grid of spacing tol, which keeps the order a strict weak ordering (plain "differs by more than
// tol" is not transitive) while ignoring rounding noise.
int CompareDescending(const Eigen::VectorXd& u, const Eigen::VectorXd& v, double tol) {
  const Eigen::Index n = std::min(u.size(), v.size());
  for (Eigen::Index k = 0; k < n; ++k) {
    const long long gu = std::llround(u(k) / tol);
    const long long gv = std::llround(v(k) / tol);
    if (gu != gv) return gu > gv ? -1 : 1;
  }
  if (u.size() != v.size()) return u.size() < v.size() ? -1 : 1;
  return 0;
}

}  // namespace

bool ComesBefore(const MixedProfile& a, const MixedProfile& b, double tol) {
  const int by_row = CompareDescending(a.row, b.row, tol);
  if (by_row != 0) return by_row < 0;
  return CompareDescending(a.col, b.col, tol) < 0;
}

bool EquilibriumSet::Contains(const MixedProfile& profile) const {
  return std::any_of(items_.begin(), items_.end(),
                     [&](const Equilibrium& e) { return SameProfile(e.profile, profile, tol_); });
}

bool EquilibriumSet::Insert(const Equilibrium& eq) {
  if (Contains(eq.profile)) return false;
  items_.push_back(eq);
  return true;
}

double EquilibriumSet::MaxRegret() const {
  double worst = 0.0;
  for (const Equilibrium& e : items_) worst = std::max(worst, e.max_regret);
  return worst;
}

std::vector<Equilibrium> EquilibriumSet::TakeSorted() {
  std::vector<Equilibrium> sorted = std::move(items_);
  items_.clear();
  std::stable_sort(sorted.begin(), sorted.end(), [&](const Equilibrium& x, const Equilibrium& y) {
    return ComesBefore(x.profile, y.profile, tol_);
  });
  return sorted;
}

}  // namespace kaesong
