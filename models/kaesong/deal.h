// The deal x = (m, g, beta) of the Kaesong negotiation (README.md, "The model") and the finite deal
// grid used wherever a finite choice set is needed (logit offers, screening of the proposer's
// problem). m: hard currency to Pyongyang (US$ million/yr); g: guarantee strength in [0, 1]; beta:
// share of blame assigned to Pyongyang in [0, 1]. A fixed dimension has a single grid point.
#pragma once

#include "models/kaesong/parameters.h"

#include <Eigen/Dense>

namespace kaesong::model {

struct Deal {
  double m = 0.0;
  double g = 0.0;
  double beta = 0.0;
};

// The points of one dimension: {fixed} when fixed, else `grid` equally spaced points from min to
// max inclusive (grid >= 2; a grid of 1 or less is treated as the single point min).
Eigen::ArrayXd DimensionPoints(const DealDimension& dimension);

// True when x sits on the upper bound of a dimension that is not fixed (within a millionth of a
// grid step): the bound, not the model, sets it (used for the cap deal.m.max).
bool AtUpperBound(const DealDimension& dimension, double x);

// The product grid of the three dimensions. Flat index k = (i_beta * n_g + i_g) * n_m + i_m, so
// that the m points of one (g, beta) pair are contiguous.
class DealGrid {
 public:
  DealGrid() = default;
  explicit DealGrid(const DealSpace& space);

  int size() const { return static_cast<int>(m_.size() * g_.size() * beta_.size()); }
  int n_m() const { return static_cast<int>(m_.size()); }
  int n_g() const { return static_cast<int>(g_.size()); }
  int n_beta() const { return static_cast<int>(beta_.size()); }
  const Eigen::ArrayXd& m() const { return m_; }
  const Eigen::ArrayXd& g() const { return g_; }
  const Eigen::ArrayXd& beta() const { return beta_; }

  int Index(int i_m, int i_g, int i_beta) const { return (i_beta * n_g() + i_g) * n_m() + i_m; }
  Deal At(int k) const;

 private:
  Eigen::ArrayXd m_, g_, beta_;
};

}  // namespace kaesong::model
