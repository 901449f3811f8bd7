#include "models/kaesong/deal.h"

#include <algorithm>
#include <cmath>

namespace kaesong::model {

Eigen::ArrayXd DimensionPoints(const DealDimension& dimension) {
  if (dimension.fixed) return Eigen::ArrayXd::Constant(1, *dimension.fixed);
  if (dimension.grid <= 1) return Eigen::ArrayXd::Constant(1, dimension.min);
  Eigen::ArrayXd points(dimension.grid);
  const double span = dimension.max - dimension.min;
  for (int i = 0; i < dimension.grid; ++i) {
    points[i] = dimension.min + span * static_cast<double>(i) / (dimension.grid - 1);
  }
  points[dimension.grid - 1] = dimension.max;  // exact end point
  return points;
}

bool AtUpperBound(const DealDimension& dimension, double x) {
  if (dimension.fixed || !std::isfinite(x)) return false;
  const double step = std::max(1.0, dimension.max - dimension.min) / std::max(1, dimension.grid - 1);
  return x >= dimension.max - 1e-6 * step;
}

DealGrid::DealGrid(const DealSpace& space)
    : m_(DimensionPoints(space.m)), g_(DimensionPoints(space.g)),
      beta_(DimensionPoints(space.beta)) {}

Deal DealGrid::At(int k) const {
  const int i_m = k % n_m();
  const int rest = k / n_m();
  const int i_g = rest % n_g();
  const int i_beta = rest / n_g();
  return Deal{m_[i_m], g_[i_g], beta_[i_beta]};
}

}  // namespace kaesong::model
