// Exact rational re-derivation of an extreme equilibrium from its labels. An extreme equilibrium
// (x, y) is a pair of vertices of the best-response polyhedra (Mangasarian 1964; von Stengel
// 2002): x solves "x_i = 0 off its support, every best-response column of x earns the same u,
// x sums to 1", and y likewise; given those label sets, Gaussian elimination over GMP rationals
// (mpq_class) recovers x and y exactly, and the equilibrium conditions are then checked exactly.
// Payoffs are taken as the simplest fraction within 2^-50 relative of each double (denominator at
// most 10^6), which recovers integer, decimal and small-denominator rational payoffs exactly;
// other doubles are taken at their exact binary value.
#pragma once

#include "sim/solver/normal_form.h"

#include <optional>
#include <string>
#include <vector>

namespace kaesong {

// Which constraints hold with equality at a candidate: the supports and the best-response sets.
struct ProfileLabels {
  std::vector<bool> row_support;  // x_i > 0
  std::vector<bool> col_support;  // y_j > 0
  std::vector<bool> row_best;     // row i is a best response to y
  std::vector<bool> col_best;     // column j is a best response to x
};

// The labels of an approximate profile: probabilities above `probability_tolerance` form the
// supports, pure payoffs within `payoff_tolerance` (payoff units) of the best are best responses.
ProfileLabels LabelsOf(const Bimatrix& game, const MixedProfile& profile,
                       double probability_tolerance, double payoff_tolerance);

struct ExactProfile {
  std::vector<std::string> row;  // reduced fractions "p/q" (or "p" when q = 1)
  std::vector<std::string> col;
  MixedProfile profile;          // the same probabilities rounded to double
};

// The exact vertex pair with these labels, when the label equations have a unique solution and it
// is an exact Nash equilibrium of the game (payoffs read as fractions, see above); otherwise
// nullopt. The supports of the result may be smaller than the given ones (zeros are allowed).
std::optional<ExactProfile> ExactEquilibrium(const Bimatrix& game, const ProfileLabels& labels);

// True when every payoff of the game equals a fraction with denominator at most 10^6 to within
// 2^-50 relative (integer and rational payoffs), the games whose payoffs ExactEquilibrium reads
// as written.
bool HasRationalPayoffs(const Bimatrix& game);

}  // namespace kaesong
