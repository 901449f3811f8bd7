#include "sim/solver/exact_profile.h"

#include <gmpxx.h>

#include <cmath>
#include <cstdint>
#include <utility>

namespace kaesong {

namespace {

using Eigen::Index;

constexpr double kRelative = 0x1.0p-50;
constexpr std::int64_t kMaxDenominator = 1'000'000;

// The simplest fraction within kRelative of v (continued-fraction convergents), or nullopt.
std::optional<mpq_class> SimpleFraction(double v) {
  if (v == std::floor(v) && std::abs(v) < 0x1.0p62) {
    return mpq_class(mpz_class(static_cast<signed long>(v)));
  }
  const double bound = kRelative * std::abs(v);
  // Convergents h/k of the continued fraction of |v|.
  const double target = std::abs(v);
  double rest = target;
  mpz_class h_prev = 1, h = static_cast<unsigned long>(std::floor(rest));
  mpz_class k_prev = 0, k = 1;
  for (int step = 0; step < 64; ++step) {
    const double approx = h.get_d() / k.get_d();
    if (std::abs(approx - target) <= bound) {
      mpq_class q(h, k);
      q.canonicalize();
      return v < 0 ? mpq_class(-q) : q;
    }
    const double frac = rest - std::floor(rest);
    if (frac <= 0.0) break;
    rest = 1.0 / frac;
    const mpz_class a = static_cast<unsigned long>(std::floor(rest));
    mpz_class h_next = a * h + h_prev;
    mpz_class k_next = a * k + k_prev;
    if (k_next > kMaxDenominator) break;
    h_prev = std::move(h);
    h = std::move(h_next);
    k_prev = std::move(k);
    k = std::move(k_next);
  }
  return std::nullopt;
}

mpq_class Exact(double v) {
  if (std::optional<mpq_class> q = SimpleFraction(v)) return *q;
  return mpq_class(v);  // the double's exact binary value
}

using RationalMatrix = std::vector<std::vector<mpq_class>>;

// Solves "x_k = 0 for k not in support; sum_k m(r, k) x_k = w for every r in `tied`; sum x = 1"
// for (x, w). Unknowns are the support entries and w. Returns false unless the solution is
// unique. m is indexed m[r][k] (responder r, mixer strategy k).
bool SolveLabels(const RationalMatrix& m, const std::vector<bool>& support,
                 const std::vector<bool>& tied, std::vector<mpq_class>& x, mpq_class& w) {
  std::vector<std::size_t> vars;
  for (std::size_t k = 0; k < support.size(); ++k) {
    if (support[k]) vars.push_back(k);
  }
  const std::size_t unknowns = vars.size() + 1;
  RationalMatrix system;
  for (std::size_t r = 0; r < tied.size(); ++r) {
    if (!tied[r]) continue;
    std::vector<mpq_class> row(unknowns + 1);
    for (std::size_t c = 0; c < vars.size(); ++c) row[c] = m[r][vars[c]];
    row[vars.size()] = -1;
    row[unknowns] = 0;
    system.push_back(std::move(row));
  }
  std::vector<mpq_class> sum(unknowns + 1);
  for (std::size_t c = 0; c < vars.size(); ++c) sum[c] = 1;
  sum[vars.size()] = 0;
  sum[unknowns] = 1;
  system.push_back(std::move(sum));
  // Gauss-Jordan elimination.
  std::size_t rank = 0;
  std::vector<std::size_t> pivot_col;
  for (std::size_t c = 0; c < unknowns && rank < system.size(); ++c) {
    std::size_t p = rank;
    while (p < system.size() && sgn(system[p][c]) == 0) ++p;
    if (p == system.size()) return false;  // a free unknown: not a unique solution
    std::swap(system[p], system[rank]);
    const mpq_class inv = 1 / system[rank][c];
    for (std::size_t e = c; e <= unknowns; ++e) system[rank][e] *= inv;
    for (std::size_t r = 0; r < system.size(); ++r) {
      if (r == rank || sgn(system[r][c]) == 0) continue;
      const mpq_class f = system[r][c];
      for (std::size_t e = c; e <= unknowns; ++e) system[r][e] -= f * system[rank][e];
    }
    pivot_col.push_back(c);
    ++rank;
  }
  if (rank < unknowns) return false;
  for (std::size_t r = rank; r < system.size(); ++r) {
    if (sgn(system[r][unknowns]) != 0) return false;  // inconsistent labels
  }
  x.assign(support.size(), mpq_class(0));
  for (std::size_t r = 0; r < rank; ++r) {
    const std::size_t c = pivot_col[r];
    if (c < vars.size()) {
      x[vars[c]] = system[r][unknowns];
    } else {
      w = system[r][unknowns];
    }
  }
  return true;
}

// Payoff of every responder strategy r against the mix z: sum_k m[r][k] z_k.
std::vector<mpq_class> Values(const RationalMatrix& m, const std::vector<mpq_class>& z) {
  std::vector<mpq_class> out(m.size(), mpq_class(0));
  for (std::size_t r = 0; r < m.size(); ++r) {
    for (std::size_t k = 0; k < z.size(); ++k) {
      if (sgn(z[k]) != 0) out[r] += m[r][k] * z[k];
    }
  }
  return out;
}

// z >= 0, no responder strategy beats w, and every strategy the other player uses earns w.
bool Stable(const std::vector<mpq_class>& z, const std::vector<mpq_class>& values,
            const mpq_class& w, const std::vector<mpq_class>& other) {
  for (const mpq_class& p : z) {
    if (sgn(p) < 0) return false;
  }
  for (std::size_t r = 0; r < values.size(); ++r) {
    if (values[r] > w) return false;
    if (sgn(other[r]) > 0 && values[r] != w) return false;
  }
  return true;
}

std::string Text(const mpq_class& q) {
  return q.get_den() == 1 ? q.get_num().get_str() : q.get_str();
}

}  // namespace

ProfileLabels LabelsOf(const Bimatrix& game, const MixedProfile& profile,
                       double probability_tolerance, double payoff_tolerance) {
  ProfileLabels labels;
  const Eigen::VectorXd row_values = game.a * profile.col;
  const Eigen::VectorXd col_values = game.b.transpose() * profile.row;
  const double row_best = row_values.maxCoeff();
  const double col_best = col_values.maxCoeff();
  for (Index i = 0; i < game.rows(); ++i) {
    labels.row_support.push_back(profile.row(i) > probability_tolerance);
    labels.row_best.push_back(row_values(i) >= row_best - payoff_tolerance);
  }
  for (Index j = 0; j < game.cols(); ++j) {
    labels.col_support.push_back(profile.col(j) > probability_tolerance);
    labels.col_best.push_back(col_values(j) >= col_best - payoff_tolerance);
  }
  return labels;
}

std::optional<ExactProfile> ExactEquilibrium(const Bimatrix& game, const ProfileLabels& labels) {
  const std::size_t m = static_cast<std::size_t>(game.rows());
  const std::size_t n = static_cast<std::size_t>(game.cols());
  // a_rows[i][j] = A(i, j): rows respond to y. bt[j][i] = B(i, j): columns respond to x.
  RationalMatrix a_rows(m, std::vector<mpq_class>(n));
  RationalMatrix bt(n, std::vector<mpq_class>(m));
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      a_rows[i][j] = Exact(game.a(static_cast<Index>(i), static_cast<Index>(j)));
      bt[j][i] = Exact(game.b(static_cast<Index>(i), static_cast<Index>(j)));
    }
  }
  std::vector<mpq_class> x, y;
  mpq_class u, v;
  if (!SolveLabels(bt, labels.row_support, labels.col_best, x, u)) return std::nullopt;
  if (!SolveLabels(a_rows, labels.col_support, labels.row_best, y, v)) return std::nullopt;
  if (!Stable(x, Values(bt, x), u, y) || !Stable(y, Values(a_rows, y), v, x)) {
    return std::nullopt;
  }
  ExactProfile exact;
  exact.profile.row.resize(static_cast<Index>(m));
  exact.profile.col.resize(static_cast<Index>(n));
  for (std::size_t i = 0; i < m; ++i) {
    exact.row.push_back(Text(x[i]));
    exact.profile.row(static_cast<Index>(i)) = x[i].get_d();
  }
  for (std::size_t j = 0; j < n; ++j) {
    exact.col.push_back(Text(y[j]));
    exact.profile.col(static_cast<Index>(j)) = y[j].get_d();
  }
  return exact;
}

bool HasRationalPayoffs(const Bimatrix& game) {
  for (const Eigen::MatrixXd* m : {&game.a, &game.b}) {
    for (Index k = 0; k < m->size(); ++k) {
      if (!SimpleFraction(m->data()[k])) return false;
    }
  }
  return true;
}

}  // namespace kaesong
