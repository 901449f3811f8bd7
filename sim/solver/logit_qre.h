// Logit quantal response equilibrium (McKelvey & Palfrey 1995) of a bimatrix game: the principal
// branch traced from the centroid at lambda = 0 by predictor–corrector path following in
// (log-probabilities, lambda) with arc-length steps and a Newton corrector on an Eigen LU of the
// Jacobian (Turocy 2005, "A dynamic homotopy interpretation of the logistic quantal response
// equilibrium correspondence"). As lambda -> infinity the branch converges to a Nash equilibrium
// (the limiting logit equilibrium), which is reported as the solution.
#pragma once

#include "sim/solver/normal_form.h"
#include "sim/solver/solve_result.h"

#include <vector>

namespace kaesong {

struct LogitQreOptions {
  double max_lambda = 1e6;        // stop tracing here (lambda is scaled by 1/PayoffScale)
  double first_step = 0.03;       // initial arc-length step
  double max_step = 1.0;          // largest arc-length step
  double min_step = 1e-10;        // below this the tracer reports kNumericalIssue
  double max_decel = 1.1;         // step control (Allgower & Georg 1990)
  double corrector_tolerance = 1e-10;
  long long max_steps = 200000;   // path steps before kIterationLimit
  double tolerance = 1e-9;        // relative regret for the reported limit equilibrium
  bool record_branch = true;      // keep the (lambda, profile) points in LogitQreResult::branch
  bool IsValid(std::string* why) const;
};

struct QrePoint {
  double lambda = 0.0;
  MixedProfile profile;
};

struct LogitQreResult {
  SolveResult result;             // the limit Nash equilibrium (one) with its certificate
  std::vector<QrePoint> branch;   // traced points, lambda increasing from 0
};

// The limit equilibrium is obtained from the last traced point by support identification and an
// exact indifference solve (falling back to the traced profile when that fails); `iterations`
// counts path steps.
LogitQreResult SolveLogitQre(const Bimatrix& game, const LogitQreOptions& options = {},
                             const OnEquilibrium& on_equilibrium = {});

// The logit QRE on the principal branch at one given lambda (traced from 0 up to it).
LogitQreResult LogitQreAt(const Bimatrix& game, double lambda, const LogitQreOptions& options = {});

}  // namespace kaesong
