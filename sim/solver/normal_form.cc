#include "sim/solver/normal_form.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace kaesong {

std::vector<std::string> NumberedLabels(Eigen::Index n) {
  std::vector<std::string> labels;
  labels.reserve(static_cast<std::size_t>(n));
  for (Eigen::Index k = 1; k <= n; ++k) labels.push_back(std::to_string(k));
  return labels;
}

Bimatrix MakeBimatrix(Eigen::MatrixXd a, Eigen::MatrixXd b, std::string title) {
  Bimatrix game;
  game.row_labels = NumberedLabels(a.rows());
  game.col_labels = NumberedLabels(a.cols());
  game.a = std::move(a);
  game.b = std::move(b);
  game.title = std::move(title);
  ValidateBimatrix(game);
  return game;
}

void ValidateBimatrix(const Bimatrix& game) {
  if (game.a.rows() == 0 || game.a.cols() == 0) {
    throw std::invalid_argument("game has no strategies");
  }
  if (game.a.rows() != game.b.rows() || game.a.cols() != game.b.cols()) {
    throw std::invalid_argument(fmt::format("payoff matrices differ in shape: {}x{} and {}x{}",
                                            game.a.rows(), game.a.cols(), game.b.rows(),
                                            game.b.cols()));
  }
  if (!game.a.allFinite() || !game.b.allFinite()) {
    throw std::invalid_argument("game has a payoff that is not a finite number");
  }
  if (static_cast<Eigen::Index>(game.row_labels.size()) != game.rows() ||
      static_cast<Eigen::Index>(game.col_labels.size()) != game.cols()) {
    throw std::invalid_argument("strategy labels do not match the payoff matrix shape");
  }
}

MixedProfile PureProfile(const Bimatrix& game, Eigen::Index i, Eigen::Index j) {
  MixedProfile p{Eigen::VectorXd::Zero(game.rows()), Eigen::VectorXd::Zero(game.cols())};
  p.row(i) = 1.0;
  p.col(j) = 1.0;
  return p;
}

double RowPayoff(const Bimatrix& game, const MixedProfile& p) {
  return p.row.dot(game.a * p.col);
}

double ColPayoff(const Bimatrix& game, const MixedProfile& p) {
  return p.row.dot(game.b * p.col);
}

Regret PlayerRegrets(const Bimatrix& game, const MixedProfile& p) {
  const Eigen::VectorXd row_values = game.a * p.col;                // payoff of each row vs y
  const Eigen::VectorXd col_values = game.b.transpose() * p.row;    // payoff of each column vs x
  return Regret{row_values.maxCoeff() - p.row.dot(row_values),
                col_values.maxCoeff() - p.col.dot(col_values)};
}

double MaxRegret(const Bimatrix& game, const MixedProfile& p) {
  if (!IsDistribution(p.row, game.rows()) || !IsDistribution(p.col, game.cols())) {
    return std::numeric_limits<double>::infinity();
  }
  return PlayerRegrets(game, p).Max();
}

double PayoffScale(const Bimatrix& game) {
  const double range_a = game.a.maxCoeff() - game.a.minCoeff();
  const double range_b = game.b.maxCoeff() - game.b.minCoeff();
  const double range = std::max(range_a, range_b);
  return range > 0.0 ? range : 1.0;
}

Eigen::MatrixXd PositivePayoffs(const Eigen::MatrixXd& payoffs) {
  const double lo = payoffs.minCoeff();
  const double range = payoffs.maxCoeff() - lo;
  if (!(range > 0.0)) return Eigen::MatrixXd::Ones(payoffs.rows(), payoffs.cols());
  return ((payoffs.array() - lo) / range + 1.0).matrix();
}

bool IsDistribution(const Eigen::VectorXd& v, Eigen::Index length, double tol) {
  if (v.size() != length || !v.allFinite()) return false;
  if (v.size() > 0 && v.minCoeff() < -tol) return false;
  return std::abs(v.sum() - 1.0) <= tol;
}

}  // namespace kaesong
