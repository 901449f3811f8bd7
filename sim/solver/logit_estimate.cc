#include "sim/solver/logit_estimate.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <vector>

namespace kaesong {

namespace {

using Eigen::Index;
using Eigen::VectorXd;

constexpr double kMinusInfinity = -std::numeric_limits<double>::infinity();

double PlayerLogLikelihood(const VectorXd& counts, const VectorXd& probabilities) {
  double sum = 0.0;
  for (Index s = 0; s < counts.size(); ++s) {
    if (counts(s) == 0.0) continue;
    if (!(probabilities(s) > 0.0)) return kMinusInfinity;
    sum += counts(s) * std::log(probabilities(s));
  }
  return sum;
}

bool ValidCounts(const VectorXd& counts, Index size) {
  return counts.size() == size && (counts.array() >= 0.0).all() && counts.allFinite();
}

// The QRE at lambda on the branch and its log-likelihood; nothing when the tracer fails.
struct Fit {
  double lambda = 0.0;
  double log_likelihood = kMinusInfinity;
  MixedProfile profile;
};

std::optional<Fit> FitAt(const Bimatrix& game, const StrategyCounts& counts, double lambda,
                         const LogitQreOptions& qre) {
  const LogitQreResult at = LogitQreAt(game, lambda, qre);
  if (!at.result.ok() || at.result.equilibria.empty()) return std::nullopt;
  Fit fit{lambda, 0.0, at.result.equilibria[0].profile};
  fit.log_likelihood = LogitLogLikelihood(counts, fit.profile);
  return fit;
}

// Golden-section search (Kiefer 1953) for the maximum of log L over [lo, hi] on the branch.
std::optional<Fit> GoldenSection(const Bimatrix& game, const StrategyCounts& counts, double lo,
                                 double hi, const LogitEstimateOptions& options) {
  const double inverse_phi = (std::sqrt(5.0) - 1.0) / 2.0;
  double a = lo, b = hi;
  std::optional<Fit> c = FitAt(game, counts, b - inverse_phi * (b - a), options.qre);
  std::optional<Fit> d = FitAt(game, counts, a + inverse_phi * (b - a), options.qre);
  while (c && d && b - a > options.lambda_tolerance * (1.0 + b)) {
    if (c->log_likelihood >= d->log_likelihood) {
      b = d->lambda;
      d = c;
      c = FitAt(game, counts, b - inverse_phi * (b - a), options.qre);
    } else {
      a = c->lambda;
      c = d;
      d = FitAt(game, counts, a + inverse_phi * (b - a), options.qre);
    }
  }
  if (!c || !d) return std::nullopt;
  return c->log_likelihood >= d->log_likelihood ? c : d;
}

}  // namespace

double LogitLogLikelihood(const StrategyCounts& counts, const MixedProfile& profile) {
  return PlayerLogLikelihood(counts.row, profile.row) +
         PlayerLogLikelihood(counts.col, profile.col);
}

LogitEstimate EstimateLogitLambda(const Bimatrix& game, const StrategyCounts& counts,
                                  const LogitEstimateOptions& options) {
  LogitEstimate out;
  SolveResult& result = out.result;
  auto invalid = [&](std::string message) {
    result.status = SolveStatus::kInvalidInput;
    result.message = std::move(message);
    return out;
  };
  if (!ValidCounts(counts.row, game.rows()) || !ValidCounts(counts.col, game.cols())) {
    return invalid(fmt::format(
        "counts must be non-negative and finite, {} for the rows and {} for the columns",
        game.rows(), game.cols()));
  }
  if (counts.row.sum() + counts.col.sum() <= 0.0) return invalid("every count is zero");
  if (!(options.lambda_tolerance > 0.0) || !(options.curvature_step > 0.0) ||
      !(options.curvature_step < 0.5)) {
    return invalid(fmt::format(
        "lambda_tolerance must be positive and curvature_step in (0, 0.5), got {} and {}",
        options.lambda_tolerance, options.curvature_step));
  }

  LogitQreOptions trace_options = options.qre;
  trace_options.record_branch = true;
  const LogitQreResult traced = SolveLogitQre(game, trace_options);
  const std::vector<QrePoint>& branch = traced.branch;
  if (branch.empty()) {
    result.status = traced.result.status;
    result.message = traced.result.message;
    return out;
  }
  // The tracer's own trouble is the estimate's; a limit that is not certified is not, since only
  // the branch is used.
  const bool traced_to_end = traced.result.status == SolveStatus::kSuccess ||
                             traced.final_lambda >= trace_options.max_lambda;
  std::size_t best = 0;
  std::vector<double> log_likelihood(branch.size());
  for (std::size_t k = 0; k < branch.size(); ++k) {
    log_likelihood[k] = LogitLogLikelihood(counts, branch[k].profile);
    // Ties go to the later point: where log L has reached its supremum in rounding (Nash play),
    // the maximum is the end of the range, not the first point where it rounds to it.
    if (log_likelihood[k] >= log_likelihood[best]) best = k;
  }
  const std::size_t last = branch.size() - 1;
  out.lambda = branch[best].lambda;
  out.log_likelihood = log_likelihood[best];
  out.bound = best == 0      ? EstimateBound::kLower
              : best == last ? EstimateBound::kUpper
                             : EstimateBound::kInterior;

  if (out.bound == EstimateBound::kInterior) {
    // LogitQreAt lands on the first point at a lambda, so the search by lambda stays on the
    // branch only where lambda has increased all the way from 0 to the bracket's right end.
    bool monotone = true;
    for (std::size_t k = 0; k <= best; ++k) monotone &= branch[k].lambda < branch[k + 1].lambda;
    if (monotone) {
      const std::optional<Fit> fit = GoldenSection(game, counts, branch[best - 1].lambda,
                                                   branch[best + 1].lambda, options);
      if (!fit) {
        result.status = SolveStatus::kNumericalIssue;
        result.message = "the logit QRE could not be traced to a lambda in the search bracket";
        return out;
      }
      if (fit->log_likelihood >= out.log_likelihood) {
        out.lambda = fit->lambda;
        out.log_likelihood = fit->log_likelihood;
        result.equilibria.push_back(Certify(game, fit->profile));
      }
      // Observed information: central second difference of log L, its step inside (0, lambda).
      const double h = std::min(options.curvature_step * (1.0 + out.lambda), out.lambda / 2.0);
      const std::optional<Fit> below = FitAt(game, counts, out.lambda - h, options.qre);
      const std::optional<Fit> above = FitAt(game, counts, out.lambda + h, options.qre);
      if (below && above) {
        const double curvature =
            (above->log_likelihood - 2.0 * out.log_likelihood + below->log_likelihood) / (h * h);
        out.std_error = curvature < 0.0 ? 1.0 / std::sqrt(-curvature)
                                        : std::numeric_limits<double>::infinity();
      }
    } else {
      out.refined = false;
    }
  }
  if (result.equilibria.empty()) result.equilibria.push_back(Certify(game, branch[best].profile));
  result.iterations = traced.result.iterations;
  if (!traced_to_end && out.bound == EstimateBound::kUpper) {
    result.status = traced.result.status;
    result.message = fmt::format("the branch was traced only to lambda = {:.6g}: {}",
                                 traced.final_lambda, traced.result.message);
    return out;
  }
  result.status = SolveStatus::kSuccess;
  result.message.clear();
  result.max_regret = result.equilibria[0].max_regret;
  return out;
}

}  // namespace kaesong
