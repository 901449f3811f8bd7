// A regular lattice on the probability simplex and piecewise-linear interpolation over it: the
// points mu = n / r of the K-simplex with n a vector of K non-negative integers summing to the
// resolution r (C(r + K - 1, K - 1) points; r + 1 points on each edge). Functions given at the
// points are interpolated linearly inside the simplices of the Freudenthal (Kuhn) triangulation
// (Freudenthal 1942; Kuhn 1960) taken in cumulative coordinates c_i = r (mu_1 + ... + mu_i),
// i < K, where the lattice is the integer points of 0 <= c_1 <= ... <= c_{K-1} <= r: the point's
// simplex is found by sorting the fractional parts of c, so locating a belief costs O(K log K)
// and the interpolant is continuous and exact at lattice points and for affine functions.
// Used for value functions over beliefs (belief_qre.h); knows nothing of any game.
#pragma once

#include <Eigen/Dense>

#include <vector>

namespace kaesong::solver {

// Up to K lattice points and their barycentric weights (positive, summing to 1).
struct LatticeStencil {
  int size = 0;
  std::vector<long long> point;  // lattice indices, `size` of them used
  std::vector<double> weight;
};

class SimplexLattice {
 public:
  SimplexLattice() = default;
  // K >= 1 dimensions (vertices of the simplex), resolution r >= 1. Requires
  // CountPoints(K, r, limit) <= limit for a limit the caller can store.
  SimplexLattice(int dimensions, int resolution);

  // Number of lattice points, or `limit` + 1 when there are more than `limit` (no overflow).
  static long long CountPoints(int dimensions, int resolution, long long limit);

  int dimensions() const { return k_; }
  int resolution() const { return r_; }
  long long size() const { return size_; }
  // Point i as a probability vector (i in [0, size()), lexicographic order of c).
  Eigen::VectorXd Point(long long i) const;
  // The interpolation stencil of belief `mu` (K entries, non-negative, summing to 1 up to
  // rounding, which is absorbed). `stencil` is reused without allocation once sized.
  void Locate(const double* mu, LatticeStencil* stencil) const;
  // The index of the lattice point with cumulative coordinates c_1..c_{K-1} (monotone, in [0, r]).
  long long Rank(const int* cumulative) const;

 private:
  int k_ = 1;
  int r_ = 1;
  long long size_ = 1;
  // prefix_[i][v]: sequences ranked before those with c_{i+1} = v, given the same prefix
  // (i = 0..K-2, v = 0..r + 1).
  std::vector<std::vector<long long>> prefix_;
  std::vector<int> points_;  // c_1..c_{K-1} of each point, (K - 1) per point
};

}  // namespace kaesong::solver
