// Pyongyang's types under one-sided incomplete information (parameters.h, Information): the
// values of the hidden parameter, sorted from the most eager to settle to the least, with Seoul's
// prior. For every supported hidden parameter a larger value makes Pyongyang less eager (a higher
// face cost, more patience, a better impasse flow or breakdown payoff), so ascending order is the
// screening order: on the equilibrium path the types that have accepted are always the first ones
// (the skimming property, Fudenberg, Levine & Tirole 1985), and Seoul's belief is the prior
// truncated below a cumulative mass s (pbe.h).
#pragma once

#include "models/kaesong/parameters.h"

#include <string_view>
#include <vector>

namespace kaesong::model {

struct TypeSpace {
  HiddenParameter hidden = HiddenParameter::kNone;
  std::vector<double> values;   // ascending
  std::vector<double> prior;    // prior[k] of values[k]
  std::vector<int> listed;      // listed[k]: position of type k in information.values (0-based)
  std::vector<double> cumulative;  // cumulative[k] = prior[0] + ... + prior[k - 1]; size K + 1,
                                   // cumulative[K] = 1
  int size() const { return static_cast<int>(values.size()); }
  // The type whose prior interval (cumulative[k], cumulative[k + 1]] holds mass s in (0, 1]
  // (types of zero prior hold none); s = 0 gives the first type of positive prior.
  int TypeAt(double s) const;
  // Posterior mean of the hidden value given that the mass below s has accepted (s < 1), or the
  // value of the last type of positive prior at s = 1 (the off-path convention of pbe.h).
  double PosteriorMean(double s) const;
  // Posterior probability of type k at state s (same convention).
  double Posterior(int k, double s) const;
};

// The parameters' type space (a single type, the parameter's own value, with complete
// information). The prior defaults to uniform. Requires validated parameters.
TypeSpace MakeTypeSpace(const Parameters& params);

// The parameters as Pyongyang of type value `value` sees them (the hidden key set to it).
Parameters WithType(const Parameters& params, double value);

// The hidden key's scenario name ("pyongyang.blame_weight", ...; "" for kNone) and its value in
// `params`.
std::string_view HiddenKeyName(HiddenParameter hidden);
double HiddenValue(const Parameters& params, HiddenParameter hidden);

}  // namespace kaesong::model
