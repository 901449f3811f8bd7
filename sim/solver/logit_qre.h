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

// Lambda is measured in units of the payoff range: the logit response uses the payoffs divided by
// PayoffScale(game), so scaling a game's payoffs by c > 0 leaves its branch unchanged (Gambit's
// lambda for the same game is this lambda / PayoffScale(game)).
struct LogitQreOptions {
  double max_lambda = 1e6;        // stop tracing here (lambda is scaled by 1/PayoffScale)
  double first_step = 0.03;       // initial arc-length step
  // Largest arc-length step per unit of (1 + lambda): a step from lambda is at most
  // max_step * (1 + lambda). Relative because the branch's scale grows with lambda (the
  // log-probabilities of unused strategies fall linearly in lambda); an absolute cap would need
  // >= max_lambda steps to reach max_lambda.
  double max_step = 1.0;
  double min_step = 1e-10;        // below this the tracer reports kNumericalIssue
  // Step control (Allgower & Georg 1990, sec. 6.1): a step whose deceleration factor (ratio of the
  // observed corrector distance, contraction rate or tangent angle to its target) reaches
  // max_decel (> 1) is rejected; otherwise the next step is h / factor, but at most
  // max_accel * h (>= 1; max_accel = max_decel gives Gambit's conservative growth).
  double max_decel = 1.1;
  double max_accel = 2.0;
  double corrector_tolerance = 1e-10;  // Newton update size (max norm) at which a point is accepted
  long long max_steps = 200000;   // accepted path steps before kIterationLimit
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
  // Traced points in path order, starting at the centroid with lambda = 0. Lambda increases at the
  // start but need not be monotone: the principal branch can bend back (turning points).
  std::vector<QrePoint> branch;
  double final_lambda = 0.0;      // lambda of the last traced point
  long long rejected_steps = 0;   // predictor-corrector steps retried with a shorter step
};

// The limit equilibrium is obtained from the last traced point (lambda = max_lambda) by support
// identification and an exact indifference solve, accepted when its max regret is at most
// tolerance * PayoffScale(game); otherwise the traced profile is reported with kNumericalIssue
// and a message stating its regret. `iterations` counts accepted path steps. kIterationLimit
// after max_steps, kNumericalIssue when the step falls below min_step (the message gives the
// lambda reached), kInvalidInput for invalid options or game. on_equilibrium is called for a
// certified limit equilibrium only. Like any predictor-corrector tracer, it can step from the
// principal branch onto another one where two branches nearly touch (games close to degenerate);
// the equilibrium it then reports is still a certified Nash equilibrium, but not the branch's
// limit. Smaller max_step makes that less likely.
LogitQreResult SolveLogitQre(const Bimatrix& game, const LogitQreOptions& options = {},
                             const OnEquilibrium& on_equilibrium = {});

// The logit QRE on the principal branch at one given lambda >= 0 (same units as above), traced from
// 0 with the last step shortened to land on it exactly: the first point along the branch at that
// lambda (where the branch bends back, later points at the same lambda are not reported). On
// success result.equilibria[0] holds that profile, certified (its regret is that of a QRE, > 0 in
// general); options.max_lambda is ignored. On failure `equilibria` is empty.
LogitQreResult LogitQreAt(const Bimatrix& game, double lambda, const LogitQreOptions& options = {});

}  // namespace kaesong
