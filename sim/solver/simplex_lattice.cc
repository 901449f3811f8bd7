#include "sim/solver/simplex_lattice.h"

#include <algorithm>
#include <cmath>

namespace kaesong::solver {
namespace {

// A cumulative coordinate within rounding of an integer is that integer, so that a lattice point
// computed in floating point interpolates from itself alone.
double Snap(double c) {
  const double nearest = std::round(c);
  return std::abs(c - nearest) <= 1e-12 * (1.0 + nearest) ? nearest : c;
}

}  // namespace

long long SimplexLattice::CountPoints(int dimensions, int resolution, long long limit) {
  // C(r + K - 1, K - 1), built as C(r + j, j) for j = 1..K-1: increasing in j, so the first
  // value past the limit settles the answer. Exact: C(r + j, j) = C(r + j - 1, j - 1) (r + j) / j,
  // and the product stays below limit * (r + K), far from overflow for the limits used here.
  long long count = 1;
  for (int j = 1; j < dimensions; ++j) {
    count = count * (resolution + j) / j;
    if (count > limit) return limit + 1;
  }
  return count;
}

SimplexLattice::SimplexLattice(int dimensions, int resolution)
    : k_(dimensions), r_(resolution) {
  const int m = k_ - 1;  // free cumulative coordinates
  // tails[L][v]: monotone sequences of length L with values in [v, r].
  std::vector<std::vector<long long>> tails(static_cast<std::size_t>(m) + 1,
                                            std::vector<long long>(r_ + 2, 0));
  for (int v = 0; v <= r_; ++v) tails[0][v] = 1;
  for (int len = 1; len <= m; ++len) {
    for (int v = r_; v >= 0; --v) tails[len][v] = tails[len][v + 1] + tails[len - 1][v];
  }
  size_ = m == 0 ? 1 : tails[m][0];
  prefix_.assign(static_cast<std::size_t>(m), std::vector<long long>(r_ + 2, 0));
  for (int i = 0; i < m; ++i) {
    const int remaining = m - 1 - i;
    for (int v = 0; v <= r_; ++v) prefix_[i][v + 1] = prefix_[i][v] + tails[remaining][v];
  }
  // Every point in lexicographic order: an odometer over monotone sequences.
  points_.reserve(static_cast<std::size_t>(size_ * m));
  std::vector<int> c(static_cast<std::size_t>(m), 0);
  for (long long i = 0; i < size_; ++i) {
    points_.insert(points_.end(), c.begin(), c.end());
    int j = m - 1;
    while (j >= 0 && c[j] == r_) --j;
    if (j < 0) break;
    ++c[j];
    for (int l = j + 1; l < m; ++l) c[l] = c[j];
  }
}

long long SimplexLattice::Rank(const int* cumulative) const {
  long long rank = 0;
  int previous = 0;
  for (int i = 0; i + 1 < k_; ++i) {
    rank += prefix_[i][cumulative[i]] - prefix_[i][previous];
    previous = cumulative[i];
  }
  return rank;
}

Eigen::VectorXd SimplexLattice::Point(long long i) const {
  Eigen::VectorXd mu(k_);
  const int* c = points_.data() + i * (k_ - 1);
  int previous = 0;
  for (int j = 0; j + 1 < k_; ++j) {
    mu[j] = static_cast<double>(c[j] - previous) / r_;
    previous = c[j];
  }
  mu[k_ - 1] = static_cast<double>(r_ - previous) / r_;
  return mu;
}

void SimplexLattice::Locate(const double* mu, LatticeStencil* stencil) const {
  const int m = k_ - 1;
  stencil->point.resize(static_cast<std::size_t>(k_));
  stencil->weight.resize(static_cast<std::size_t>(k_));
  if (m == 0) {
    stencil->size = 1;
    stencil->point[0] = 0;
    stencil->weight[0] = 1.0;
    return;
  }
  if (m == 1) {  // an interval: the two neighbouring points
    const double c = Snap(std::clamp(r_ * mu[0] / (mu[0] + mu[1]), 0.0, static_cast<double>(r_)));
    const int base = std::min(static_cast<int>(c), r_ - 1);
    const double f = c - base;
    stencil->size = 0;
    if (f < 1.0) {
      stencil->point[stencil->size] = base;
      stencil->weight[stencil->size++] = 1.0 - f;
    }
    if (f > 0.0) {
      stencil->point[stencil->size] = base + 1;
      stencil->weight[stencil->size++] = f;
    }
    return;
  }
  // Cumulative coordinates, clamped to the lattice's region (rounding can leave it by ~1e-16).
  constexpr int kMaxStack = 64;
  int base[kMaxStack];
  double frac[kMaxStack];
  int order[kMaxStack];
  double sum = 0.0;
  for (int i = 0; i < k_; ++i) sum += mu[i];
  double running = 0.0;
  double previous = 0.0;
  for (int i = 0; i < m; ++i) {
    running += mu[i];
    const double c = Snap(std::clamp(r_ * running / sum, previous, static_cast<double>(r_)));
    previous = c;
    base[i] = std::min(static_cast<int>(std::floor(c)), r_);
    frac[i] = c - base[i];
    order[i] = i;
  }
  // Descending fractional parts; ties put the later coordinate first, which keeps every vertex
  // monotone (equal floors with c_i <= c_{i+1} imply frac_i <= frac_{i+1}).
  std::sort(order, order + m, [&](int a, int b) {
    return frac[a] != frac[b] ? frac[a] > frac[b] : a > b;
  });
  int n = 0;
  double upper = 1.0;
  for (int v = 0; v <= m; ++v) {
    const double lower = v < m ? frac[order[v]] : 0.0;
    const double w = upper - lower;
    if (w > 0.0) {
      stencil->point[n] = Rank(base);
      stencil->weight[n] = w;
      ++n;
    }
    if (v < m) {
      if (lower <= 0.0) break;  // the remaining vertices carry no weight
      ++base[order[v]];
      upper = lower;
    }
  }
  stencil->size = n;
}

}  // namespace kaesong::solver
