#include "sim/solver/solve_bimatrix.h"

#include "sim/solver/lemke_howson.h"
#include "sim/solver/pure_equilibria.h"
#include "sim/solver/support_enumeration.h"
#include "sim/solver/vertex_enumeration.h"

#include <stdexcept>
#include <string>
#include <utility>

namespace kaesong {

std::optional<BimatrixMethod> ParseBimatrixMethod(std::string_view word) {
  if (word == "vertex") return BimatrixMethod::kVertexEnumeration;
  if (word == "pure") return BimatrixMethod::kPure;
  if (word == "enum") return BimatrixMethod::kSupportEnumeration;
  if (word == "lh") return BimatrixMethod::kLemkeHowson;
  if (word == "logit") return BimatrixMethod::kLogit;
  return std::nullopt;
}

BimatrixSolution SolveBimatrix(const Bimatrix& game, const BimatrixSolveOptions& options) {
  BimatrixSolution solution;
  switch (options.method) {
    case BimatrixMethod::kVertexEnumeration: {
      VertexEnumerationOptions vertex;
      vertex.tolerance = options.max_regret;
      solution.result = SolveVertexEnumeration(game, vertex);
      break;
    }
    case BimatrixMethod::kPure: {
      PureEquilibriaOptions pure;
      pure.tolerance = options.max_regret * PayoffScale(game);
      solution.result = SolvePureEquilibria(game, pure);
      break;
    }
    case BimatrixMethod::kSupportEnumeration: {
      SupportEnumerationOptions enumeration;
      enumeration.tolerance = options.max_regret;
      solution.result = SolveSupportEnumeration(game, enumeration);
      break;
    }
    case BimatrixMethod::kLemkeHowson: {
      LemkeHowsonOptions lh;
      lh.tolerance = options.max_regret;
      lh.all_labels = options.all_labels;
      if (options.label != 0) {
        lh.label = options.label;
      } else if (!options.all_labels) {
        lh.race_labels = true;  // no label chosen: the first path to finish, from any label
      }
      std::string why;
      if (!lh.IsValid(&why)) throw std::invalid_argument(why);
      solution.result = SolveLemkeHowson(game, lh);
      break;
    }
    case BimatrixMethod::kLogit: {
      LogitQreOptions logit;
      logit.tolerance = options.max_regret;
      logit.record_branch = options.record_branch;
      LogitQreResult qre = SolveLogitQre(game, logit);
      solution.result = std::move(qre.result);
      solution.branch = std::move(qre.branch);
      break;
    }
  }
  return solution;
}

int CountUncertified(const Bimatrix& game, const SolveResult& result, double max_regret) {
  const double limit = max_regret * PayoffScale(game);
  int uncertified = 0;
  for (const Equilibrium& eq : result.equilibria) {
    if (!(eq.max_regret <= limit)) ++uncertified;
  }
  return uncertified;
}

}  // namespace kaesong
