// Components of the equilibrium set of a bimatrix game from its extreme equilibria. The extreme
// equilibria are the edges of a bipartite graph between the distinct row strategies x and column
// strategies y that occur in them; its maximal complete bipartite subgraphs (X, Y) are the
// maximal Nash subsets conv X x conv Y (Audet, Hansen, Jaumard & Savard 2001; Avis, Rosenberg,
// Savani & von Stengel 2010, sect. 5), and its connected components are the topologically
// connected components of the equilibrium set. The index of a component (Shapley 1974; sign
// convention: +1 for a pure equilibrium of a nondegenerate game, indices sum to 1) is read off
// directly for an isolated nondegenerate equilibrium, (-1)^(k+1) sign det A_IJ det B_IJ on the
// k x k support with payoffs made positive, and otherwise summed over the equilibria of a slightly
// perturbed game that lie near the component (McLennan 2018, Demichelis & Germano 2000).
#pragma once

#include "sim/solver/normal_form.h"
#include "sim/solver/solve_result.h"

#include <optional>
#include <utility>
#include <vector>

namespace kaesong {

// A maximal Nash subset conv(rows) x conv(cols), by indices into ComponentAnalysis's vertex lists.
struct NashSubset {
  std::vector<int> rows;
  std::vector<int> cols;
};

struct EquilibriumComponent {
  std::vector<int> equilibria;  // indices into the extreme equilibria given, ascending
  std::vector<int> subsets;     // indices into ComponentAnalysis::subsets
  std::optional<int> index;     // nullopt when it could not be determined
};

struct ComponentAnalysis {
  std::vector<Eigen::VectorXd> row_vertices;  // distinct x, in order of first appearance
  std::vector<Eigen::VectorXd> col_vertices;
  std::vector<NashSubset> subsets;             // ordered by their smallest equilibrium index
  std::vector<EquilibriumComponent> components;  // ordered by their first equilibrium
  std::vector<int> component_of;               // per extreme equilibrium
  std::vector<std::pair<int, int>> vertices_of;  // per extreme equilibrium: (row, col) vertex
};

// `extreme` must be all extreme equilibria of `game` (e.g. from SolveVertexEnumeration), with
// probabilities equal within ProfileTolerance(tolerance) meaning the same vertex. At most 4096
// maximal Nash subsets are listed; components are complete regardless. Without `with_indices`
// every index is left nullopt (the perturbed game, one more vertex enumeration, is not solved).
ComponentAnalysis AnalyzeComponents(const Bimatrix& game, const std::vector<Equilibrium>& extreme,
                                    double tolerance = 1e-9, bool with_indices = true);

}  // namespace kaesong
