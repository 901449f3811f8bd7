// Maximum-likelihood estimation of the logit QRE's lambda from observed play of a bimatrix game
// (McKelvey & Palfrey 1995, sec. 5; Bajari & Hortaçsu 2005): with counts c_i(s) of how often
// player i chose strategy s, the log-likelihood of lambda is
//   log L(lambda) = sum_i sum_s c_i(s) log sigma_lambda,i(s),
// sigma_lambda the logit QRE on the principal branch (sim/solver/logit_qre.h). Lambda is in that
// header's units: per unit of the payoff range, PayoffScale(game).
#pragma once

#include "sim/solver/logit_qre.h"
#include "sim/solver/normal_form.h"
#include "sim/solver/solve_result.h"

#include <Eigen/Dense>

#include <cmath>
#include <limits>
#include <string>

namespace kaesong {

// Observed choices: how often each row and each column was played (non-negative, finite; a
// player with all zeros contributes nothing).
struct StrategyCounts {
  Eigen::VectorXd row;  // game.rows() entries
  Eigen::VectorXd col;  // game.cols() entries
};

// sum c log p over both players; terms with c = 0 count as 0, c > 0 with p = 0 give -infinity.
double LogitLogLikelihood(const StrategyCounts& counts, const MixedProfile& profile);

struct LogitEstimateOptions {
  LogitQreOptions qre;  // the branch; qre.max_lambda is the upper end of the searched range
  // The 1-D search on the branch stops when its bracket is this narrow relative to (1 + lambda).
  double lambda_tolerance = 1e-12;
  // Step of the central second difference of log L, relative to (1 + lambda).
  double curvature_step = 1e-3;
};

// Where the maximum of log L over the traced range lies.
enum class EstimateBound {
  kInterior,  // a local maximum inside the range (the global one over the traced points)
  kLower,     // at lambda = 0: the data are no closer to any QRE than to uniform play
  kUpper,     // at the end of the traced range: log L still rises, lambda is unbounded (the data
              // are consistent with the branch's limiting Nash play)
};

struct LogitEstimate {
  SolveResult result;  // status and message of the estimation; equilibria[0]: the fitted QRE
  double lambda = 0.0;
  double log_likelihood = -std::numeric_limits<double>::infinity();
  // 1 / sqrt(-d^2 log L / d lambda^2) at the estimate (observed information, by a central second
  // difference on the branch); NaN on a bound, +infinity when log L is not concave there.
  double std_error = std::numeric_limits<double>::quiet_NaN();
  EstimateBound bound = EstimateBound::kInterior;
  // False when the maximum lies where the branch bends back in lambda, so that the search by
  // lambda (which lands on the first point at a lambda) could not be used: the estimate is then
  // the best traced point, with no standard error.
  bool refined = true;
};

// Traces the principal branch from lambda = 0 to options.qre.max_lambda, evaluates log L at every
// traced point, brackets the global maximum over them by its two neighbours on the branch and
// refines it by golden-section search (Kiefer 1953) over lambda with LogitQreAt. On a bound the
// traced end point is reported. kInvalidInput (no equilibria) when the counts do not fit the game,
// are negative or not finite, or are all zero; the tracer's status when it fails.
LogitEstimate EstimateLogitLambda(const Bimatrix& game, const StrategyCounts& counts,
                                  const LogitEstimateOptions& options = {});

}  // namespace kaesong
