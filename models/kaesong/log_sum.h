// Sums of probabilities held as logarithms, for the likelihoods of observed histories
// (history_likelihood.h, belief_history_likelihood.h): at large lambda an observed but unlikely
// move has a probability below the smallest double, while its logarithm stays finite.
#pragma once

#include <cmath>
#include <limits>
#include <utility>

namespace kaesong::model {

// log(e^a + e^b), exact when either is -infinity.
inline double LogAdd(double a, double b) {
  if (a < b) std::swap(a, b);
  if (b == -std::numeric_limits<double>::infinity()) return a;
  return a + std::log1p(std::exp(b - a));
}

}  // namespace kaesong::model
