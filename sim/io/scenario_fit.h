// Maximum-likelihood estimation of scenario keys from observed histories (`kaesong fit`): the
// free keys are addressed as --set and --vary address them (any numeric key, and list entries
// such as information.prior.1), each within a box [lo, hi]; the log-likelihood at a point is that
// of the histories under the scenario's QRE with the keys set to the point's values: the
// complete-information QRE (models/kaesong/history_likelihood.h) or, with an [information]
// section, the QRE with beliefs (models/kaesong/belief_history_likelihood.h). The optimiser, the
// observed information and the profiles are the model-free ones of sim/solver/bounded_minimize.h.
#pragma once

#include "models/kaesong/history_likelihood.h"
#include "sim/io/scenario.h"
#include "sim/solver/bounded_minimize.h"

#include <array>
#include <string>
#include <vector>

namespace kaesong::io {

struct FreeKey {
  std::string key;
  double lo = 0.0, hi = 0.0;
  std::string origin;  // "--free KEY=LO:HI"
};

// Parses "KEY=LO:HI" and checks it against the scenario: the key must be a numeric key, lo < hi,
// and both ends valid values of the key. Throws ScenarioError (at the flag) otherwise.
FreeKey ParseFreeKey(const Scenario& scenario, const std::string& text);

// Why `fit` cannot use this scenario ("" when it can): a solution concept other than "qre"
// (whose likelihood is not defined off the equilibrium path), simultaneous drafts.
std::string FitRefusal(const model::Parameters& params);

// The scenario with the free keys set to x (ApplyOverrides; values written with {:.17g}).
Scenario ScenarioAt(const Scenario& scenario, const std::vector<FreeKey>& keys,
                    const Eigen::VectorXd& x);

// The QRE offer quadrature held fixed over the fit (Solution::quadrature_subdivision): on each
// dimension the largest subdivision the resolution rule asks for at the box's corners (at the
// 2 k points where one key is at an end and the others at the centre, when k > 5 keys). With the
// rule's own subdivision the quadrature grid, and with it the likelihood, would jump wherever
// the rule's step count changes; held fixed, the likelihood is smooth in the parameters and fine
// enough everywhere in the box. With hidden information the rule is asked for every type of
// positive prior at each point (the solver takes the finest of them, belief_qre.h).
std::array<int, 3> HeldSubdivision(const Scenario& scenario, const std::vector<FreeKey>& keys);

// The log-likelihood of the histories at x with the quadrature held at `subdivision`;
// -infinity when the scenario at x is invalid or its solve does not succeed.
double FitLogLikelihood(const Scenario& scenario, const std::vector<FreeKey>& keys,
                        const std::vector<model::ObservedHistory>& histories,
                        const std::array<int, 3>& subdivision, const Eigen::VectorXd& x);

struct FitOptions {
  int starts = 4;
  unsigned long long seed = 1;
  int threads = 1;
  int profile_steps = 8;        // points from the estimate to each bound
  int profile_refinements = 4;  // bisections of each interval end
  MinimizeOptions minimize;
  // The quadrature's subdivision (m, g, beta); {0, 0, 0}: HeldSubdivision of the box.
  std::array<int, 3> subdivision = {0, 0, 0};
};

struct FitStart {
  Eigen::VectorXd start;
  MinimizeResult result;  // of -log L
};

struct ParameterEstimate {
  double estimate = 0.0;
  double std_error = 0.0;      // nan with std_error_note saying why
  std::string std_error_note;  // "" when the standard error is defined
  double profile_lower = 0.0, profile_upper = 0.0;
  bool lower_at_bound = false, upper_at_bound = false;
  bool flat = false;  // the profile does not drop by 0.01 anywhere in the box
  bool profile_converged = true;
  std::vector<double> profile_values;  // sorted by value
  std::vector<double> profile_log_likelihood;
};

struct FitResult {
  std::vector<FitStart> starts;
  int best = 0;  // index of the best start
  Eigen::VectorXd estimate;
  double log_likelihood = 0.0;
  std::vector<ParameterEstimate> parameters;
  std::array<int, 3> subdivision = {1, 1, 1};  // HeldSubdivision
  std::vector<std::string> warnings;           // of the solve at the estimate (e.g. a capped
                                               // quadrature)
  double record_prob = 0.0;                    // under the estimate: exact (ComputeOutcomes),
                                               // or with hidden information the share of
                                               // simulation.replications replications from
                                               // simulation.seed, as `kaesong run` counts it
  double aic = 0.0;                            // 2 k - 2 log L
  // Likelihood points evaluated: by the starts, for the observed information, by the profiles.
  long long start_evaluations = 0, information_evaluations = 0, profile_evaluations = 0;
};

// Multi-start maximisation, standard errors and profiles (when the best log-likelihood is not
// finite, only the starts are filled in). `progress`, when given, is called after
// each unit of work (a start, a profile side) with (done, total).
FitResult FitScenario(const Scenario& scenario, const std::vector<FreeKey>& keys,
                      const std::vector<model::ObservedHistory>& histories,
                      const FitOptions& options,
                      const std::function<void(int, int)>& progress = nullptr);

// The CSV texts of the outputs (header line included).
std::string EstimatesCsv(const std::vector<FreeKey>& keys, const FitResult& fit);
std::string FitCsv(const std::vector<FreeKey>& keys, const FitResult& fit, std::size_t histories);
std::string StartsCsv(const std::vector<FreeKey>& keys, const FitResult& fit);
std::string ProfileCsv(const std::vector<FreeKey>& keys, const FitResult& fit);

}  // namespace kaesong::io
