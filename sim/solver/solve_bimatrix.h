// One entry point over the bimatrix solvers, as `kaesong solve GAME.nfg --method M` uses them:
// vertex enumeration of the best-response polytopes, pure-strategy enumeration, support
// enumeration, Lemke–Howson (one label, all labels, or a race
// of all labels when none is chosen) and the limit of the logit QRE principal branch. Each method's
// tolerance is `max_regret`, relative to PayoffScale(game); equilibria carry their certificates.
#pragma once

#include "sim/solver/logit_qre.h"
#include "sim/solver/normal_form.h"
#include "sim/solver/solve_result.h"

#include <optional>
#include <string_view>
#include <vector>

namespace kaesong {

enum class BimatrixMethod { kVertexEnumeration, kPure, kSupportEnumeration, kLemkeHowson, kLogit };

// "vertex", "pure", "enum", "lh", "logit" (the words of --method); nullopt for any other word.
std::optional<BimatrixMethod> ParseBimatrixMethod(std::string_view word);

struct BimatrixSolveOptions {
  BimatrixMethod method = BimatrixMethod::kVertexEnumeration;
  int label = 0;              // lh: follow this label's path (1..rows+cols); 0: see all_labels
  bool all_labels = false;    // lh: every label's path, distinct equilibria; neither: a race
  double max_regret = 1e-9;   // certification tolerance, relative to the payoff range
  bool record_branch = false; // logit: keep the traced points
};

struct BimatrixSolution {
  SolveResult result;
  std::vector<QrePoint> branch;  // logit with record_branch: the traced points, in path order
};

// Solves with the chosen method. Throws std::invalid_argument when the Lemke–Howson options are
// inconsistent (a label with all_labels); a bad game is the solvers' kInvalidInput status.
BimatrixSolution SolveBimatrix(const Bimatrix& game, const BimatrixSolveOptions& options);

// How many equilibria have a max regret above max_regret * PayoffScale(game) (the command line's
// certification failure, exit code 1).
int CountUncertified(const Bimatrix& game, const SolveResult& result, double max_regret);

}  // namespace kaesong
