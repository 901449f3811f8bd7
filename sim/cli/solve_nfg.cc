#include "sim/cli/solve_nfg.h"

#include "sim/cli/commands.h"
#include "sim/io/action_counts.h"
#include "sim/io/equilibrium_format.h"
#include "sim/io/nfg.h"
#include "sim/solver/equilibrium_components.h"
#include "sim/solver/exact_profile.h"
#include "sim/solver/logit_estimate.h"
#include "sim/solver/solve_bimatrix.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace kaesong::cli {

namespace {

// gambit-enummixed -c style: each maximal Nash subset's extreme profiles tagged convex-k (in
// the order of the equilibria), then one line per component. `texts` holds each equilibrium's
// probabilities (row player's, then column player's).
std::string ComponentBlocks(const ComponentAnalysis& analysis,
                            const std::vector<std::vector<std::string>>& texts) {
  std::string out;
  for (std::size_t s = 0; s < analysis.subsets.size(); ++s) {
    const NashSubset& subset = analysis.subsets[s];
    const std::string tag = fmt::format("convex-{}", s + 1);
    for (std::size_t e = 0; e < texts.size(); ++e) {
      const auto [r, c] = analysis.vertices_of[e];
      if (std::find(subset.rows.begin(), subset.rows.end(), r) != subset.rows.end() &&
          std::find(subset.cols.begin(), subset.cols.end(), c) != subset.cols.end()) {
        out += GambitLine(texts[e], tag);
      }
    }
  }
  for (std::size_t c = 0; c < analysis.components.size(); ++c) {
    const EquilibriumComponent& component = analysis.components[c];
    std::string subsets;
    for (int s : component.subsets) subsets += fmt::format("{}{}", subsets.empty() ? "" : " ", s + 1);
    out += fmt::format("component-{},index={},convex={}\n", c + 1,
                       component.index ? std::to_string(*component.index) : "?", subsets);
  }
  return out;
}

// --estimate: the maximum-likelihood logit QRE for the counts file.
int Estimate(const Bimatrix& game, const NfgSolveFlags& flags) {
  StrategyCounts counts;
  try {
    counts = io::ReadActionCounts(flags.estimate_path, game);
  } catch (const io::InputError& e) {
    fmt::print(stderr, "{}\n", e.what());
    return 2;
  }
  const LogitEstimate estimate = EstimateLogitLambda(game, counts);
  if (estimate.result.equilibria.empty()) {
    fmt::print(stderr, "kaesong solve: error: {}\n", estimate.result.Report());
    return 1;
  }
  const std::string out = flags.format == "csv"
                              ? EstimateCsvHeader(game) + EstimateCsvRow(estimate, flags.decimals)
                              : EstimateGambitLines(estimate, flags.decimals);
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  if (estimate.bound == EstimateBound::kUpper) {
    fmt::print(stderr,
               "kaesong solve: note: the likelihood is largest at the end of the traced range "
               "(lambda = {:.6g}): lambda is unbounded, the counts are consistent with the "
               "branch's limiting Nash play\n",
               estimate.lambda);
  } else if (estimate.bound == EstimateBound::kLower) {
    fmt::print(stderr,
               "kaesong solve: note: the likelihood is largest at lambda = 0 (uniform play)\n");
  } else if (!estimate.refined) {
    fmt::print(stderr,
               "kaesong solve: note: the maximum lies where the branch bends back in lambda; the "
               "best traced point is printed, without a standard error\n");
  }
  if (!estimate.result.ok()) {
    fmt::print(stderr, "kaesong solve: error: {}\n", estimate.result.Report());
    return 1;
  }
  return 0;
}

}  // namespace

int SolveNfg(const NfgSolveFlags& given) {
  NfgSolveFlags flags = given;
  if (flags.method.empty()) flags.method = "vertex";
  if (flags.format.empty()) flags.format = "gambit";
  const std::optional<BimatrixMethod> method = ParseBimatrixMethod(flags.method);
  if (!method) {
    throw UsageError(fmt::format("--method must be vertex, enum, pure, lh or logit, got '{}'",
                                 flags.method));
  }
  if (flags.format != "gambit" && flags.format != "csv") {
    throw UsageError(fmt::format("--format must be gambit or csv, got '{}'", flags.format));
  }
  if (flags.decimals < 0 || flags.decimals > 17) {
    throw UsageError(fmt::format("--decimals must be in 0..17, got {}", flags.decimals));
  }
  if (!(flags.max_regret > 0.0) || !(flags.max_regret < 1.0)) {
    throw UsageError(fmt::format("--max-regret must be in (0, 1), got {}", flags.max_regret));
  }
  if ((flags.label || flags.all_labels) && flags.method != "lh") {
    throw UsageError("--label and --all-labels apply to --method lh only");
  }
  if (flags.label && flags.all_labels) {
    throw UsageError("--label and --all-labels exclude each other");
  }
  if (flags.branch && flags.method != "logit") {
    throw UsageError("--branch applies to --method logit only");
  }
  const bool all_extreme = flags.method == "vertex" || flags.method == "enum";
  if (flags.components && !all_extreme) {
    throw UsageError("--components applies to --method vertex and enum only");
  }
  if (flags.exact && flags.method == "logit") {
    throw UsageError("--exact does not apply to --method logit (its limit is approximate)");
  }
  const bool estimate = !flags.estimate_path.empty();
  if (estimate && flags.method != "logit") {
    throw UsageError("--estimate applies to --method logit only");
  }
  if (estimate && flags.branch) throw UsageError("--branch does not apply with --estimate");

  Bimatrix game;
  try {
    game = ToBimatrix(ReadNfgFile(flags.game_path));
  } catch (const NfgParseError& e) {
    fmt::print(stderr, "{}\n", e.what());
    return 2;
  } catch (const std::invalid_argument& e) {
    const std::string name = flags.game_path == "-" ? "<stdin>" : flags.game_path;
    fmt::print(stderr, "{}\n", io::FormatError(name, e.what()));
    return 2;
  }
  if (flags.method == "lh" && flags.label &&
      (*flags.label < 1 || *flags.label > game.rows() + game.cols())) {
    throw UsageError(fmt::format("--label must be in 1..{} for this {}x{} game, got {}",
                                 game.rows() + game.cols(), game.rows(), game.cols(),
                                 *flags.label));
  }

  if (flags.exact && !HasRationalPayoffs(game)) {
    const std::string name = flags.game_path == "-" ? "<stdin>" : flags.game_path;
    fmt::print(stderr, "{}\n",
               io::FormatError(name,
                               "--exact needs integer or rational payoffs (fractions with "
                               "denominators up to 10^6)"));
    return 2;
  }

  if (estimate) return Estimate(game, flags);

  BimatrixSolveOptions solve_options;
  solve_options.method = *method;
  solve_options.label = flags.label.value_or(0);
  solve_options.all_labels = flags.all_labels;
  solve_options.max_regret = flags.max_regret;
  solve_options.record_branch = flags.branch;
  BimatrixSolution solution;
  try {
    solution = SolveBimatrix(game, solve_options);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  const SolveResult& result = solution.result;
  std::string branch_text;
  for (const QrePoint& point : solution.branch) {
    branch_text += FormatGambitLine(point.profile, flags.decimals,
                                    FormatFixed(point.lambda, flags.decimals).c_str());
  }
  const double limit = flags.max_regret * PayoffScale(game);

  // Probability texts, exact or fixed-point.
  std::vector<std::vector<std::string>> texts;
  std::vector<Equilibrium> equilibria = result.equilibria;
  int inexact = 0;
  for (Equilibrium& eq : equilibria) {
    if (!flags.exact) {
      texts.push_back(ProbabilityTexts(eq.profile, flags.decimals));
      continue;
    }
    std::optional<ExactProfile> exact;
    for (const double tol : {1e-9, 1e-7, 1e-11}) {
      exact = ExactEquilibrium(game, LabelsOf(game, eq.profile, tol, tol * PayoffScale(game)));
      if (exact) break;
    }
    if (!exact) {
      ++inexact;
      continue;
    }
    std::vector<std::string> t = exact->row;
    t.insert(t.end(), exact->col.begin(), exact->col.end());
    texts.push_back(std::move(t));
    eq = Certify(game, std::move(exact->profile));  // regret and payoffs of the exact profile
  }
  if (inexact > 0) {
    fmt::print(stderr, "kaesong solve: error: {} equilibri{} could not be re-derived exactly\n",
               inexact, inexact == 1 ? "um" : "a");
    return 1;
  }

  const bool with_component = all_extreme && flags.format == "csv";
  ComponentAnalysis components;
  if (flags.components || with_component) {
    components = AnalyzeComponents(game, equilibria, flags.max_regret, flags.components);
  }

  std::string out = branch_text;
  if (flags.format == "csv") out += CsvHeader(game, with_component);
  int index = 0;
  for (const Equilibrium& eq : equilibria) {
    const std::vector<std::string>& t = texts[static_cast<std::size_t>(index)];
    const int component =
        with_component ? components.component_of[static_cast<std::size_t>(index)] + 1 : 0;
    ++index;
    out += flags.format == "csv" ? CsvRow(index, eq, t, flags.decimals, component)
                                 : GambitLine(t, "NE");
  }
  if (flags.components && flags.format != "csv") out += ComponentBlocks(components, texts);
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);

  if (result.degenerate) {
    fmt::print(stderr, "kaesong solve: note: the game is degenerate; {}\n",
               all_extreme
                   ? "equilibria may form connected sets, of which the extreme points found are "
                     "printed (see --components)"
                   : "equilibria may not be isolated");
  }
  if (!result.ok()) {
    fmt::print(stderr, "kaesong solve: error: {}\n", result.Report());
    return 1;
  }
  const int uncertified = CountUncertified(game, result, flags.max_regret);
  if (uncertified > 0) {
    fmt::print(stderr, "kaesong solve: error: {} equilibri{} with max regret above {:.3g}\n",
               uncertified, uncertified == 1 ? "um" : "a", limit);
    return 1;
  }
  return 0;
}

}  // namespace kaesong::cli
