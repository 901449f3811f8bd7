#include "sim/solver/equilibrium_components.h"

#include "sim/solver/equilibrium_set.h"
#include "sim/solver/vertex_enumeration.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <numeric>
#include <random>
#include <set>

namespace kaesong {

namespace {

using Eigen::Index;

constexpr std::size_t kMaxSubsets = 4096;

int FindOrAdd(std::vector<Eigen::VectorXd>& list, const Eigen::VectorXd& v, double tol) {
  for (std::size_t k = 0; k < list.size(); ++k) {
    if ((list[k] - v).cwiseAbs().maxCoeff() <= tol) return static_cast<int>(k);
  }
  list.push_back(v);
  return static_cast<int>(list.size() - 1);
}

// Shapley's index of a nondegenerate equilibrium, or nullopt when the profile is degenerate
// (supports of different sizes, or more best responses than support strategies). a and b must
// be positive.
std::optional<int> NondegenerateIndex(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b,
                                      const MixedProfile& p, double prob_tol, double pay_tol) {
  std::vector<Index> rows, cols;
  for (Index i = 0; i < p.row.size(); ++i) {
    if (p.row(i) > prob_tol) rows.push_back(i);
  }
  for (Index j = 0; j < p.col.size(); ++j) {
    if (p.col(j) > prob_tol) cols.push_back(j);
  }
  if (rows.size() != cols.size()) return std::nullopt;
  const Eigen::VectorXd row_values = a * p.col;
  const Eigen::VectorXd col_values = b.transpose() * p.row;
  const auto count_best = [&](const Eigen::VectorXd& v) {
    const double best = v.maxCoeff();
    return static_cast<std::size_t>((v.array() >= best - pay_tol).count());
  };
  if (count_best(row_values) != rows.size() || count_best(col_values) != cols.size()) {
    return std::nullopt;
  }
  const Eigen::MatrixXd a_sub = a(rows, cols);
  const Eigen::MatrixXd b_sub = b(rows, cols);
  const double det_a = a_sub.partialPivLu().determinant();
  const double det_b = b_sub.partialPivLu().determinant();
  if (det_a == 0.0 || det_b == 0.0) return std::nullopt;
  const int sign = ((det_a > 0) == (det_b > 0)) ? 1 : -1;
  return (rows.size() % 2 == 1) ? sign : -sign;  // (-1)^(k+1)
}

// Euclidean projection of v onto the probability simplex.
Eigen::VectorXd ProjectSimplex(const Eigen::VectorXd& v) {
  std::vector<double> u(v.data(), v.data() + v.size());
  std::sort(u.begin(), u.end(), std::greater<>());
  double sum = 0.0, theta = 0.0;
  for (std::size_t k = 0; k < u.size(); ++k) {
    sum += u[k];
    const double t = (sum - 1.0) / static_cast<double>(k + 1);
    if (u[k] - t > 0.0) theta = t;
  }
  return (v.array() - theta).cwiseMax(0.0).matrix();
}

// Distance from p to the convex hull of the columns of v (accelerated projected gradient on the
// convex weights; accurate to about 1e-3 of the hull's diameter, enough to tell a point O(1e-6)
// from a component from one O(1e-2) away).
double HullDistance(const Eigen::MatrixXd& v, const Eigen::VectorXd& p) {
  const Index n = v.cols();
  if (n == 1) return (v.col(0) - p).norm();
  const Eigen::MatrixXd gram = v.transpose() * v;
  const Eigen::VectorXd linear = v.transpose() * p;
  const double lipschitz = std::max(gram.diagonal().sum(), 1e-12);
  Eigen::VectorXd lambda = Eigen::VectorXd::Constant(n, 1.0 / static_cast<double>(n));
  Eigen::VectorXd z = lambda;
  double t = 1.0;
  for (int it = 0; it < 3000; ++it) {
    const Eigen::VectorXd next = ProjectSimplex(z - (gram * z - linear) / lipschitz);
    const double t_next = 0.5 * (1.0 + std::sqrt(1.0 + 4.0 * t * t));
    z = next + ((t - 1.0) / t_next) * (next - lambda);
    lambda = next;
    t = t_next;
  }
  return (v * lambda - p).norm();
}

Eigen::MatrixXd Columns(const std::vector<Eigen::VectorXd>& all, const std::vector<int>& pick) {
  Eigen::MatrixXd m(all.front().size(), static_cast<Index>(pick.size()));
  for (std::size_t k = 0; k < pick.size(); ++k) m.col(static_cast<Index>(k)) = all[pick[k]];
  return m;
}

}  // namespace

ComponentAnalysis AnalyzeComponents(const Bimatrix& game, const std::vector<Equilibrium>& extreme,
                                    double tolerance, bool with_indices) {
  ComponentAnalysis out;
  const double tol = ProfileTolerance(tolerance);
  std::vector<std::pair<int, int>> edges;
  for (const Equilibrium& eq : extreme) {
    edges.emplace_back(FindOrAdd(out.row_vertices, eq.profile.row, tol),
                       FindOrAdd(out.col_vertices, eq.profile.col, tol));
  }
  out.vertices_of = edges;
  const int nr = static_cast<int>(out.row_vertices.size());
  const int nc = static_cast<int>(out.col_vertices.size());

  // Connected components (union-find over rows 0..nr-1 and columns nr..nr+nc-1).
  std::vector<int> parent(static_cast<std::size_t>(nr + nc));
  std::iota(parent.begin(), parent.end(), 0);
  std::function<int(int)> find = [&](int u) {
    while (parent[u] != u) u = parent[u] = parent[parent[u]];
    return u;
  };
  for (const auto& [r, c] : edges) parent[find(r)] = find(nr + c);
  std::vector<int> component_of_root(parent.size(), -1);
  out.component_of.resize(extreme.size());
  for (std::size_t e = 0; e < edges.size(); ++e) {
    const int root = find(edges[e].first);
    if (component_of_root[root] < 0) {
      component_of_root[root] = static_cast<int>(out.components.size());
      out.components.emplace_back();
    }
    out.component_of[e] = component_of_root[root];
    out.components[component_of_root[root]].equilibria.push_back(static_cast<int>(e));
  }

  // Maximal bicliques: the column sets closed under intersection of neighbourhoods.
  std::vector<std::set<int>> neighbours(static_cast<std::size_t>(nr));
  for (const auto& [r, c] : edges) neighbours[r].insert(c);
  std::set<std::vector<int>> closed;
  for (int r = 0; r < nr && closed.size() < kMaxSubsets; ++r) {
    const std::vector<int> own(neighbours[r].begin(), neighbours[r].end());
    std::vector<std::vector<int>> added{own};
    for (const std::vector<int>& z : closed) {
      std::vector<int> both;
      std::set_intersection(z.begin(), z.end(), own.begin(), own.end(), std::back_inserter(both));
      if (!both.empty()) added.push_back(std::move(both));
    }
    for (std::vector<int>& s : added) {
      if (closed.size() >= kMaxSubsets) break;
      closed.insert(std::move(s));
    }
  }
  std::vector<std::pair<int, NashSubset>> ordered;
  for (const std::vector<int>& cols : closed) {
    NashSubset subset;
    subset.cols = cols;
    for (int r = 0; r < nr; ++r) {
      if (std::includes(neighbours[r].begin(), neighbours[r].end(), cols.begin(), cols.end())) {
        subset.rows.push_back(r);
      }
    }
    int first = static_cast<int>(edges.size());
    for (std::size_t e = 0; e < edges.size(); ++e) {
      if (std::binary_search(cols.begin(), cols.end(), edges[e].second) &&
          std::find(subset.rows.begin(), subset.rows.end(), edges[e].first) !=
              subset.rows.end()) {
        first = std::min(first, static_cast<int>(e));
      }
    }
    ordered.emplace_back(first, std::move(subset));
  }
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  for (auto& [first, subset] : ordered) {
    out.components[out.component_of[first]].subsets.push_back(
        static_cast<int>(out.subsets.size()));
    out.subsets.push_back(std::move(subset));
  }

  if (!with_indices) return out;
  // Indices.
  const Eigen::MatrixXd a = PositivePayoffs(game.a);
  const Eigen::MatrixXd b = PositivePayoffs(game.b);
  const double pay_tol = 1e-9;
  bool need_perturbation = false;
  for (EquilibriumComponent& component : out.components) {
    if (component.equilibria.size() == 1) {
      component.index =
          NondegenerateIndex(a, b, extreme[component.equilibria[0]].profile, tol, pay_tol);
    }
    if (!component.index) need_perturbation = true;
  }
  if (!need_perturbation || out.subsets.size() >= kMaxSubsets) return out;

  // Perturbed game: a generic perturbation of relative size 1e-6 makes the game nondegenerate;
  // its equilibria cluster near the components, and each component's index is the sum of the
  // indices of the equilibria near it.
  std::mt19937_64 rng(20010101);
  const auto noise = [&](Index rows, Index cols) {
    Eigen::MatrixXd m(rows, cols);
    for (Index k = 0; k < m.size(); ++k) {
      m.data()[k] = static_cast<double>(rng() >> 11) * 0x1.0p-53;
    }
    return m;
  };
  const double delta = 1e-6;
  const Eigen::MatrixXd na = noise(a.rows(), a.cols());
  const Eigen::MatrixXd nb = noise(b.rows(), b.cols());
  Bimatrix perturbed = game;
  perturbed.a = a + delta * na;
  perturbed.b = b + delta * nb;
  const SolveResult solved = SolveVertexEnumeration(perturbed);
  if (!solved.ok()) return out;
  std::vector<int> sums(out.components.size(), 0);
  for (const Equilibrium& eq : solved.equilibria) {
    const std::optional<int> index =
        NondegenerateIndex(perturbed.a, perturbed.b, eq.profile, 1e-12, 1e-12);
    if (!index) return out;
    double best = std::numeric_limits<double>::infinity();
    int best_component = -1;
    for (std::size_t c = 0; c < out.components.size(); ++c) {
      for (int s : out.components[c].subsets) {
        const NashSubset& subset = out.subsets[s];
        const double dx = HullDistance(Columns(out.row_vertices, subset.rows), eq.profile.row);
        const double dy = HullDistance(Columns(out.col_vertices, subset.cols), eq.profile.col);
        const double dist = std::hypot(dx, dy);
        if (dist < best) {
          best = dist;
          best_component = static_cast<int>(c);
        }
      }
    }
    if (best_component < 0 || best > 1e-3) return out;  // not near any component
    sums[best_component] += *index;
  }
  if (std::accumulate(sums.begin(), sums.end(), 0) != 1) return out;
  for (std::size_t c = 0; c < out.components.size(); ++c) {
    EquilibriumComponent& component = out.components[c];
    if (component.index && *component.index != sums[c]) return out;  // inconsistent: give up
  }
  for (std::size_t c = 0; c < out.components.size(); ++c) out.components[c].index = sums[c];
  return out;
}

}  // namespace kaesong
