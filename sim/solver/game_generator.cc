#include "sim/solver/game_generator.h"

#include "sim/solver/portable_random.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>
#include <string_view>

namespace kaesong {

namespace {

std::string_view KindName(GameKind kind) {
  switch (kind) {
    case GameKind::kUniform:
      return "uniform";
    case GameKind::kInteger:
      return "integer";
    case GameKind::kCovariance:
      return "covariance";
  }
  return "unknown";
}

bool Reject(std::string* why, std::string reason) {
  if (why != nullptr) *why = std::move(reason);
  return false;
}

}  // namespace

bool GameSpec::IsValid(std::string* why) const {
  if (rows < 1) return Reject(why, fmt::format("rows must be at least 1, got {}", rows));
  if (cols < 1) return Reject(why, fmt::format("cols must be at least 1, got {}", cols));
  if (rows > kMaxGeneratedCells / cols) {
    return Reject(why, fmt::format("rows x cols must be at most {}, got {} x {}",
                                   kMaxGeneratedCells, rows, cols));
  }
  if (kind != GameKind::kUniform && kind != GameKind::kInteger && kind != GameKind::kCovariance) {
    return Reject(why, fmt::format("unknown game kind {}", static_cast<int>(kind)));
  }
  // Written so that NaN fails too.
  if (kind == GameKind::kCovariance && !(rho >= -1.0 && rho <= 1.0)) {
    return Reject(why, fmt::format("rho must be in [-1, 1], got {}", rho));
  }
  if (why != nullptr) why->clear();
  return true;
}

Bimatrix GenerateGame(const GameSpec& spec) {
  std::string why;
  if (!spec.IsValid(&why)) throw std::invalid_argument(why);

  PortableRandom random(spec.seed);
  Eigen::MatrixXd a(spec.rows, spec.cols);
  Eigen::MatrixXd b(spec.rows, spec.cols);
  const double rho = spec.rho;
  const double rho_complement = std::sqrt(1.0 - rho * rho);
  for (Eigen::Index i = 0; i < spec.rows; ++i) {
    for (Eigen::Index j = 0; j < spec.cols; ++j) {
      switch (spec.kind) {
        case GameKind::kUniform:
          a(i, j) = random.Uniform();
          b(i, j) = random.Uniform();
          break;
        case GameKind::kInteger:
          a(i, j) = static_cast<double>(random.Below(100));
          b(i, j) = static_cast<double>(random.Below(100));
          break;
        case GameKind::kCovariance: {
          const auto [z1, z2] = random.NormalPair();
          a(i, j) = z1;
          b(i, j) = rho * z1 + rho_complement * z2;
          break;
        }
      }
    }
  }
  const std::string title = spec.kind == GameKind::kCovariance
                                ? fmt::format("Random covariance {}x{} game, rho {}, seed {}",
                                              spec.rows, spec.cols, spec.rho, spec.seed)
                                : fmt::format("Random {} {}x{} game, seed {}", KindName(spec.kind),
                                              spec.rows, spec.cols, spec.seed);
  return MakeBimatrix(std::move(a), std::move(b), title);
}

}  // namespace kaesong
