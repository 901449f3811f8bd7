// The critical face cost A_P* (the claim of the analyst quoted in the source article, "if Seoul
// insists Pyongyang is 100% responsible, the talks fail", README.md): with blame fixed at beta = 1,
// the largest face cost pyongyang.blame_weight at which the subgame-perfect equilibrium still
// reaches a deal with positive probability in some round; above it no mutually acceptable deal
// exists in any round. Found by bracketing on A_P (expanding from the scenario's value) and
// bisection on the SPE's existence test to solution.tolerance * (1 + |A_P*|). With linear values
// A_P* has a closed form (no-deal continuation values a_S(t), a_P(t): the largest A_P for which
// some round's box holds a deal with V_S >= a_S and V_P >= a_P); the tests check the bisection
// against it. Under the simultaneous-drafts protocol the existence test is that of its Markov
// perfect equilibrium (simultaneous.h), so A_P* is the largest face cost at which that equilibrium
// still signs.
#pragma once

#include "models/kaesong/negotiation.h"
#include "models/kaesong/parameters.h"
#include "sim/solver/solve_result.h"

#include <string>

namespace kaesong::model {

struct CriticalFaceCost {
  SolveStatus status = SolveStatus::kNotSolved;
  std::string message =
      "not solved";     // with kSuccess: non-empty when the bisection stopped early because the
                        // equilibrium could not be certified inside a bracket of relative width
                        // 1e-3 (the value is then the bracket's midpoint)
  double value = 0.0;   // A_P*, US$ million/yr (midpoint of the final bracket)
  double lower = 0.0;   // a deal exists at A_P = lower
  double upper = 0.0;   // no deal at A_P = upper
  int solves = 0;       // SPE solves used
  bool at_cap = false;  // the deal reached at A_P = lower pays m = deal.m.max: the cap, not the
                        // model, sets A_P*
};

// True when the solution reaches agreement with positive probability within max_rounds rounds.
bool DealExists(const NegotiationSolution& solution, int max_rounds);

// A_P* for the parameters with deal.beta fixed at 1 (SPE, or MPE for simultaneous drafts,
// regardless of solution.concept).
// Status kInvalidInput with a message when a deal exists at every face cost tried or at none
// (|A_P| up to 1e12).
CriticalFaceCost ComputeCriticalFaceCost(const Parameters& params);

}  // namespace kaesong::model
