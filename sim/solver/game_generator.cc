#include "sim/solver/game_generator.h"

#include <fmt/format.h>

#include <cmath>
#include <random>
#include <stdexcept>
#include <string_view>

namespace kaesong {

namespace {

// The distributions, written out so that every standard library gives the same numbers (the
// std:: distributions are implementation-defined). See the header for the exact recipes.
class PortableRandom {
 public:
  explicit PortableRandom(std::uint64_t seed) : engine_(seed) {}

  // Uniform on [0, 1): the top 53 bits of one engine output, scaled by 2^-53 (exact).
  double Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  // Uniform on {0, ..., n - 1}, n >= 1: x % n, redrawing the x in the final partial block so
  // that every residue is equally likely.
  std::uint64_t Below(std::uint64_t n) {
    // 2^64 mod n, computed without 128-bit arithmetic: (2^64 - n) mod n.
    const std::uint64_t excess = (std::uint64_t{0} - n) % n;
    const std::uint64_t limit =
        std::uint64_t{0} - excess;  // 2^64 - excess (0 means "no redraw needed")
    while (true) {
      const std::uint64_t x = engine_();
      if (excess == 0 || x < limit) return x % n;
    }
  }

  // Two independent standard normals (Marsaglia & Bray 1964 polar method).
  std::pair<double, double> NormalPair() {
    while (true) {
      const double u = 2.0 * Uniform() - 1.0;
      const double v = 2.0 * Uniform() - 1.0;
      const double s = u * u + v * v;
      if (s > 0.0 && s < 1.0) {
        const double factor = std::sqrt(-2.0 * std::log(s) / s);
        return {u * factor, v * factor};
      }
    }
  }

 private:
  std::mt19937_64 engine_;
};

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
