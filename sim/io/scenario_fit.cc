#include "sim/io/scenario_fit.h"

#include "models/kaesong/belief_history_likelihood.h"
#include "models/kaesong/belief_qre.h"
#include "models/kaesong/information.h"
#include "models/kaesong/negotiation.h"
#include "models/kaesong/offer_quadrature.h"
#include "sim/engine/run.h"
#include "sim/io/csv.h"
#include "sim/io/scenario_schema.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <limits>
#include <mutex>
#include <numeric>

namespace kaesong::io {

namespace {

constexpr double kMinusInfinity = -std::numeric_limits<double>::infinity();
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
// Half the 95% quantile of chi-square(1): the drop of the profile log-likelihood at the ends of
// a likelihood-ratio interval (Pawitan 2001, sec. 2.4; Venzon & Moolgavkar 1988).
constexpr double kProfileDrop = 3.841458820694124 / 2.0;

std::optional<double> Number(std::string_view text) {
  double value = 0.0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::string Value(double x) { return fmt::format("{:.17g}", x); }

[[noreturn]] void FlagError(const std::string& origin, const std::string& message) {
  throw ScenarioError(SourcePosition{origin, 0, 0}, message);
}

}  // namespace

FreeKey ParseFreeKey(const Scenario& scenario, const std::string& text) {
  FreeKey free;
  free.origin = fmt::format("--free {}", text);
  const std::size_t equals = text.find('=');
  const std::size_t colon = text.find(':', equals == std::string::npos ? 0 : equals);
  if (equals == std::string::npos || colon == std::string::npos) {
    FlagError(free.origin, "expected KEY=LO:HI");
  }
  free.key = text.substr(0, equals);
  const KeySpec* spec = FindKey(free.key);
  if (spec == nullptr) {
    // The scenario loader's message, with its suggestion of a near key.
    ApplyOverrides(scenario,
                   {{free.key, text.substr(equals + 1, colon - equals - 1), free.origin}});
    FlagError(free.origin, fmt::format("unknown key '{}'", free.key));
  }
  if (spec->type != ValueType::kNumber && spec->type != ValueType::kNumberOrNone) {
    FlagError(free.origin, fmt::format("{} is not a numeric key ({}); only numbers can be fitted",
                                       free.key, ExpectedText(*spec)));
  }
  const std::optional<double> lo =
      Number(std::string_view(text).substr(equals + 1, colon - equals - 1));
  const std::optional<double> hi = Number(std::string_view(text).substr(colon + 1));
  if (!lo || !hi) FlagError(free.origin, "LO and HI must be finite numbers");
  if (!(*lo < *hi)) {
    FlagError(free.origin, fmt::format("the box is empty: LO ({}) must be below HI ({})",
                                       Value(*lo), Value(*hi)));
  }
  free.lo = *lo;
  free.hi = *hi;
  for (const double end : {free.lo, free.hi}) {
    ApplyOverrides(scenario, {{free.key, Value(end), free.origin}});
  }
  return free;
}

std::string FitRefusal(const model::Parameters& params) {
  if (params.solution.solution_concept == model::SolutionConcept::kSpe ||
      params.solution.solution_concept == model::SolutionConcept::kPbe) {
    return fmt::format(
        "solution.concept = \"{}\" cannot be fitted: its strategies are pure, so a history off "
        "the equilibrium path has probability zero and the likelihood is not defined; use "
        "solution.concept = \"qre\"",
        params.solution.solution_concept == model::SolutionConcept::kSpe ? "spe" : "pbe");
  }
  if (params.protocol.kind == model::ProtocolKind::kSimultaneous) {
    return "protocol.kind = \"simultaneous\" cannot be fitted yet: the likelihood covers "
           "alternating offers";
  }
  return "";
}

Scenario ScenarioAt(const Scenario& scenario, const std::vector<FreeKey>& keys,
                    const Eigen::VectorXd& x) {
  std::vector<Override> overrides;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    overrides.push_back({keys[i].key, Value(x(static_cast<Eigen::Index>(i))), keys[i].origin});
  }
  return ApplyOverrides(scenario, overrides);
}

std::array<int, 3> HeldSubdivision(const Scenario& scenario, const std::vector<FreeKey>& keys) {
  const std::size_t k = keys.size();
  std::vector<Eigen::VectorXd> points;
  Eigen::VectorXd centre(static_cast<Eigen::Index>(k));
  for (std::size_t i = 0; i < k; ++i) {
    centre(static_cast<Eigen::Index>(i)) = 0.5 * (keys[i].lo + keys[i].hi);
  }
  points.push_back(centre);
  if (k <= 5) {
    for (std::size_t corner = 0; corner < (std::size_t{1} << k); ++corner) {
      Eigen::VectorXd x = centre;
      for (std::size_t i = 0; i < k; ++i) {
        x(static_cast<Eigen::Index>(i)) = (corner >> i & 1U) != 0 ? keys[i].hi : keys[i].lo;
      }
      points.push_back(x);
    }
  } else {
    for (std::size_t i = 0; i < k; ++i) {
      for (const double end : {keys[i].lo, keys[i].hi}) {
        Eigen::VectorXd x = centre;
        x(static_cast<Eigen::Index>(i)) = end;
        points.push_back(x);
      }
    }
  }
  std::array<int, 3> held = {1, 1, 1};
  for (const Eigen::VectorXd& x : points) {
    model::Parameters params;
    try {
      params = ScenarioAt(scenario, keys, x).parameters;
    } catch (const ScenarioError&) {
      continue;  // a corner where two free keys together are invalid
    }
    // With hidden information the solver takes the finest quadrature any type of positive
    // prior needs (belief_qre.h), so hold the finest over those types.
    std::vector<model::Parameters> solved = {params};
    if (params.information.hidden != model::HiddenParameter::kNone) {
      const model::TypeSpace types = model::MakeTypeSpace(params);
      solved.clear();
      for (std::size_t t = 0; t < types.values.size(); ++t) {
        if (types.prior[t] > 0.0) solved.push_back(model::WithType(params, types.values[t]));
      }
    }
    for (const model::Parameters& p : solved) {
      const std::array<int, 3> wanted = model::WantedSubdivision(p);
      for (std::size_t d = 0; d < 3; ++d) held[d] = std::max(held[d], wanted[d]);
    }
  }
  return held;
}

double FitLogLikelihood(const Scenario& scenario, const std::vector<FreeKey>& keys,
                        const std::vector<model::ObservedHistory>& histories,
                        const std::array<int, 3>& subdivision, const Eigen::VectorXd& x) {
  model::Parameters params;
  try {
    params = ScenarioAt(scenario, keys, x).parameters;
  } catch (const ScenarioError&) {
    return kMinusInfinity;  // e.g. a point where two free keys together are invalid
  }
  params.solution.quadrature_subdivision = subdivision;
  if (params.information.hidden != model::HiddenParameter::kNone) {  // the QRE with beliefs
    const model::BeliefQreSolution solution = model::SolveBeliefQre(params);
    if (!solution.ok()) return kMinusInfinity;
    return model::BeliefHistoryLikelihood(solution).LogLikelihood(histories);
  }
  params.solution.choice_tables = false;  // the likelihood looks up values and normalisers only
  const model::NegotiationSolution solution = model::SolveNegotiation(params);
  if (!solution.ok()) return kMinusInfinity;
  return model::HistoriesLogLikelihood(params, solution, histories);
}

FitResult FitScenario(const Scenario& scenario, const std::vector<FreeKey>& keys,
                      const std::vector<model::ObservedHistory>& histories,
                      const FitOptions& options, const std::function<void(int, int)>& progress) {
  const Eigen::Index k = static_cast<Eigen::Index>(keys.size());
  Box box;
  box.lower.resize(k);
  box.upper.resize(k);
  for (Eigen::Index i = 0; i < k; ++i) {
    box.lower(i) = keys[static_cast<std::size_t>(i)].lo;
    box.upper(i) = keys[static_cast<std::size_t>(i)].hi;
  }
  FitResult fit;
  fit.subdivision =
      options.subdivision[0] > 0 ? options.subdivision : HeldSubdivision(scenario, keys);
  std::atomic<long long> evaluations{0};
  const BoxObjective minus_log_l = [&](const Eigen::VectorXd& x) {
    ++evaluations;
    return -FitLogLikelihood(scenario, keys, histories, fit.subdivision, x);
  };
  const int total = options.starts + 2 * static_cast<int>(k);
  std::atomic<int> done{0};
  std::mutex progress_mutex;
  const auto tick = [&] {
    const int now = ++done;
    if (progress) {
      const std::lock_guard<std::mutex> lock(progress_mutex);
      progress(now, total);
    }
  };

  const std::vector<Eigen::VectorXd> points = SpreadStarts(box, options.starts, options.seed);
  fit.starts.resize(points.size());
  ParallelTasks(static_cast<int>(points.size()), options.threads, [&](int s) {
    FitStart& start = fit.starts[static_cast<std::size_t>(s)];
    start.start = points[static_cast<std::size_t>(s)];
    start.result = MinimizeInBox(minus_log_l, box, start.start, options.minimize);
    tick();
  });
  for (std::size_t s = 1; s < fit.starts.size(); ++s) {
    if (fit.starts[s].result.value < fit.starts[static_cast<std::size_t>(fit.best)].result.value) {
      fit.best = static_cast<int>(s);
    }
  }
  fit.start_evaluations = evaluations.exchange(0);
  const MinimizeResult& best = fit.starts[static_cast<std::size_t>(fit.best)].result;
  fit.estimate = best.x;
  fit.log_likelihood = -best.value;
  fit.aic = 2.0 * static_cast<double>(k) - 2.0 * fit.log_likelihood;
  fit.parameters.resize(static_cast<std::size_t>(k));
  if (!std::isfinite(fit.log_likelihood)) return fit;  // nothing to measure the curvature of

  // Observed information: the Hessian of -log L at the estimate, inverted.
  const Eigen::VectorXd width = box.upper - box.lower;
  const Eigen::VectorXd h = 1e-4 * width;
  bool interior = true;
  for (Eigen::Index i = 0; i < k; ++i) {
    interior &= fit.estimate(i) - h(i) >= box.lower(i) && fit.estimate(i) + h(i) <= box.upper(i);
  }
  std::string note;
  Eigen::VectorXd se = Eigen::VectorXd::Constant(k, kNan);
  Eigen::MatrixXd covariance;  // the inverse observed information, when defined
  if (!interior) {
    note = "the estimate is at a bound of the box";
  } else {
    const Eigen::MatrixXd hessian = NumericalHessian(minus_log_l, fit.estimate, best.value, h);
    const Eigen::LDLT<Eigen::MatrixXd> ldlt(hessian);
    if (!hessian.allFinite() || ldlt.info() != Eigen::Success || !ldlt.isPositive() ||
        (ldlt.vectorD().array() <= 1e-12 * std::max(1.0, hessian.diagonal().cwiseAbs().maxCoeff()))
            .any()) {
      note = "the observed information is singular or not positive definite";
    } else {
      covariance = ldlt.solve(Eigen::MatrixXd::Identity(k, k));
      se = covariance.diagonal().cwiseSqrt();
    }
  }
  fit.information_evaluations = evaluations.exchange(0);
  // The profiles' guides: where the quadratic approximation puts each crossing, and the path of
  // the other keys along each profile (unguided when the observed information is not defined).
  std::vector<ProfileGuide> guides(static_cast<std::size_t>(k));
  if (covariance.size() > 0) {
    for (Eigen::Index i = 0; i < k; ++i) {
      ProfileGuide& guide = guides[static_cast<std::size_t>(i)];
      guide.crossing = std::sqrt(2.0 * kProfileDrop * covariance(i, i));
      std::vector<Eigen::Index> others;
      others.reserve(static_cast<std::size_t>(k - 1));
      for (Eigen::Index r = 0; r < k; ++r) {
        if (r != i) others.push_back(r);
      }
      guide.slope = covariance(others, i) / covariance(i, i);
      guide.inner_inverse_hessian =
          covariance(others, others) - guide.slope * covariance(i, others);
    }
  }

  // Profiles: one task per parameter and side.
  std::vector<ProfileSide> sides(static_cast<std::size_t>(2 * k));
  ParallelTasks(static_cast<int>(2 * k), options.threads, [&](int task) {
    sides[static_cast<std::size_t>(task)] =
        ProfileToBound(minus_log_l, box, fit.estimate, best.value, task / 2, task % 2 == 1,
                       kProfileDrop, options.profile_steps, options.profile_refinements,
                       options.minimize, guides[static_cast<std::size_t>(task / 2)]);
    tick();
  });
  fit.profile_evaluations = evaluations.exchange(0);
  for (Eigen::Index i = 0; i < k; ++i) {
    ParameterEstimate& p = fit.parameters[static_cast<std::size_t>(i)];
    p.estimate = fit.estimate(i);
    p.std_error = se(i);
    p.std_error_note = std::isnan(se(i)) ? note : "";
    const ProfileSide& down = sides[static_cast<std::size_t>(2 * i)];
    const ProfileSide& up = sides[static_cast<std::size_t>(2 * i + 1)];
    p.profile_lower = down.limit;
    p.profile_upper = up.limit;
    p.lower_at_bound = down.reached_bound;
    p.upper_at_bound = up.reached_bound;
    p.profile_converged = down.all_converged && up.all_converged;
    std::vector<std::pair<double, double>> curve = {{p.estimate, fit.log_likelihood}};
    double largest_drop = 0.0;
    for (const ProfileSide* side : {&down, &up}) {
      for (std::size_t j = 0; j < side->values.size(); ++j) {
        curve.emplace_back(side->values[j], -side->profile[j]);
        largest_drop = std::max(largest_drop, side->profile[j] - best.value);
      }
    }
    p.flat = largest_drop < 0.01;
    std::sort(curve.begin(), curve.end());
    for (const auto& [value, log_l] : curve) {
      p.profile_values.push_back(value);
      p.profile_log_likelihood.push_back(log_l);
    }
  }

  const Scenario at = ScenarioAt(scenario, keys, fit.estimate);
  model::Parameters held = at.parameters;
  held.solution.quadrature_subdivision = fit.subdivision;
  if (held.information.hidden != model::HiddenParameter::kNone) {
    // The QRE with beliefs has no exact outcome distribution (histories branch over every
    // offer): the record probability is counted over simulation.replications replications
    // from simulation.seed, as `kaesong run` counts it (run_belief_qre.h).
    engine::RunOptions run_options;
    run_options.replications = held.simulation.replications;
    run_options.seed = held.simulation.seed;
    run_options.record_rounds = false;
    const engine::RunResult run = engine::RunScenario(held, run_options);
    fit.warnings = run.warnings;
    fit.record_prob = run.summary.solver_status == ToString(SolveStatus::kSuccess)
                          ? run.summary.record_prob
                          : kNan;
    return fit;
  }
  const model::NegotiationSolution solution = model::SolveNegotiation(held);
  fit.warnings = solution.warnings;
  fit.record_prob = solution.ok() ? model::ComputeOutcomes(
                                        solution, std::max(1, at.parameters.simulation.max_rounds))
                                        .record_prob
                                  : kNan;
  return fit;
}

namespace {

std::string AtBound(const ParameterEstimate& p) {
  return p.lower_at_bound && p.upper_at_bound ? "both"
         : p.lower_at_bound                   ? "lower"
         : p.upper_at_bound                   ? "upper"
                                              : "none";
}

}  // namespace

std::string EstimatesCsv(const std::vector<FreeKey>& keys, const FitResult& fit) {
  std::string out = "parameter,estimate,std_error,profile_lower,profile_upper,at_bound\n";
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const ParameterEstimate& p = fit.parameters[i];
    out += fmt::format("{},{},{},{},{},{}\n", CsvField(keys[i].key), CsvNumber(p.estimate),
                       CsvNumber(p.std_error), CsvNumber(p.profile_lower),
                       CsvNumber(p.profile_upper), AtBound(p));
  }
  return out;
}

std::string FitCsv(const std::vector<FreeKey>& keys, const FitResult& fit, std::size_t histories) {
  const MinimizeResult& best = fit.starts[static_cast<std::size_t>(fit.best)].result;
  return fmt::format(
      "log_likelihood,histories,free_parameters,aic,status,iterations,record_prob\n"
      "{},{},{},{},{},{},{}\n",
      CsvNumber(fit.log_likelihood), histories, keys.size(), CsvNumber(fit.aic),
      MinimizeStatusName(best.status), best.iterations, CsvNumber(fit.record_prob));
}

std::string StartsCsv(const std::vector<FreeKey>& keys, const FitResult& fit) {
  std::string out = "start";
  for (const FreeKey& key : keys) out += fmt::format(",start_{}", CsvField(key.key));
  for (const FreeKey& key : keys) out += fmt::format(",{}", CsvField(key.key));
  out += ",log_likelihood,status,iterations,evaluations\n";
  for (std::size_t s = 0; s < fit.starts.size(); ++s) {
    const FitStart& start = fit.starts[s];
    out += fmt::format("{}", s + 1);
    for (Eigen::Index i = 0; i < start.start.size(); ++i) {
      out += fmt::format(",{}", CsvNumber(start.start(i)));
    }
    for (Eigen::Index i = 0; i < start.result.x.size(); ++i) {
      out += fmt::format(",{}", CsvNumber(start.result.x(i)));
    }
    out += fmt::format(",{},{},{},{}\n", CsvNumber(-start.result.value),
                       MinimizeStatusName(start.result.status), start.result.iterations,
                       start.result.evaluations);
  }
  return out;
}

std::string ProfileCsv(const std::vector<FreeKey>& keys, const FitResult& fit) {
  std::string out = "parameter,value,profile_log_likelihood\n";
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const ParameterEstimate& p = fit.parameters[i];
    for (std::size_t j = 0; j < p.profile_values.size(); ++j) {
      out += fmt::format("{},{},{}\n", CsvField(keys[i].key), CsvNumber(p.profile_values[j]),
                         CsvNumber(p.profile_log_likelihood[j]));
    }
  }
  return out;
}

}  // namespace kaesong::io
