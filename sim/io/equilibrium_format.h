// Text forms of computed equilibria. Gambit form is what Gambit's command-line tools print with
// `-d D`: one line "NE,p1_1,...,p1_n,p2_1,...,p2_m" per equilibrium, probabilities in fixed
// notation with D decimals (so results can be diffed against gambit-enummixed / gambit-lcp).
// CSV form adds a header, an index, the max-regret certificate and both expected payoffs.
#pragma once

#include "sim/solver/normal_form.h"
#include "sim/solver/solve_result.h"

#include <string>
#include <vector>

namespace kaesong {

enum class EquilibriumFormat { kGambit, kCsv };

// A number in fixed notation with `decimals` digits; never prints "-0.000".
std::string FormatFixed(double value, int decimals);

// "NE,..." with a trailing newline.
std::string FormatGambitLine(const MixedProfile& profile, int decimals, const char* tag = "NE");

// Header "eq,p1_1,...,p2_m,max_regret,payoff_1,payoff_2" (strategy indices 1-based).
std::string CsvHeader(const Bimatrix& game);
// One row: 1-based index, probabilities and payoffs with `decimals` digits, regret as %.3e.
std::string CsvRow(int index, const Equilibrium& eq, int decimals);

}  // namespace kaesong
