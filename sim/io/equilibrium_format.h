// Text forms of computed equilibria. Gambit form is what Gambit's command-line tools print with
// `-d D`: one line "NE,p1_1,...,p1_n,p2_1,...,p2_m" per equilibrium, probabilities in fixed
// notation with D decimals (so results can be diffed against gambit-enummixed / gambit-lcp).
// CSV form adds a header, an index, the max-regret certificate and both expected payoffs, and,
// when the equilibria are all extreme ones grouped into components, the component number.
// A logit QRE estimate (sim/solver/logit_estimate.h) prints as its fitted profile, in Gambit form
// tagged "QRE", then one line "estimate,lambda=L,std_error=S,log_likelihood=LL,bound=B"; in CSV
// form as one row with the columns lambda, std_error, log_likelihood and bound added. B is none,
// lower (lambda = 0) or upper (the end of the traced range: lambda unbounded); S is nan on a
// bound, inf where log L is not concave.
// Exact form prints each probability as a reduced fraction ("1/3", "0", "1") instead, as
// gambit-enummixed does without -d. Component blocks follow gambit-enummixed -c: every extreme
// profile of the k-th maximal Nash subset on a line tagged "convex-k", then one line per
// connected component, "component-c,index=I,convex=k1 k2 ..." (I is "?" when undetermined).
#pragma once

#include "sim/solver/logit_estimate.h"
#include "sim/solver/normal_form.h"
#include "sim/solver/solve_result.h"

#include <string>
#include <string_view>
#include <vector>

namespace kaesong {

enum class EquilibriumFormat { kGambit, kCsv };

// A number in fixed notation with `decimals` digits; never prints "-0.000".
std::string FormatFixed(double value, int decimals);

// "NE,..." with a trailing newline.
std::string FormatGambitLine(const MixedProfile& profile, int decimals, const char* tag = "NE");

// The probabilities of a profile as text: row player's, then column player's.
std::vector<std::string> ProbabilityTexts(const MixedProfile& profile, int decimals);
// "TAG,t1,...,tn" with a trailing newline.
std::string GambitLine(const std::vector<std::string>& probabilities, std::string_view tag);

// Header "eq,p1_1,...,p2_m,max_regret,payoff_1,payoff_2" (strategy indices 1-based), with a
// final ",component" column when `with_component`.
std::string CsvHeader(const Bimatrix& game, bool with_component = false);
// One row: 1-based index, probabilities and payoffs with `decimals` digits, regret as %.3e,
// and the 1-based component when `component` > 0.
std::string CsvRow(int index, const Equilibrium& eq, int decimals);
std::string CsvRow(int index, const Equilibrium& eq, const std::vector<std::string>& probabilities,
                   int decimals, int component = 0);

// "none", "lower" or "upper".
std::string_view BoundName(EstimateBound bound);
// The "QRE,..." and "estimate,..." lines.
std::string EstimateGambitLines(const LogitEstimate& estimate, int decimals);
// CsvHeader with ",lambda,std_error,log_likelihood,bound", and the one row under it.
std::string EstimateCsvHeader(const Bimatrix& game);
std::string EstimateCsvRow(const LogitEstimate& estimate, int decimals);

}  // namespace kaesong
