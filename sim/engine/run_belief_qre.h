// Running a scenario under the QRE with beliefs (solution.concept = "qre" with information.hidden
// set): solve the value functions over Seoul's beliefs once (models/kaesong/belief_qre.h), then
// simulate replications, each with its own drawn type and Seoul's exact posterior
// (simulate_belief_qre.h). Histories branch over every offer, so the outcome distribution is not
// computed exactly: record_prob and agree_prob_by_type are counted over the replications (their
// standard errors are those of shares, sqrt(p (1 - p) / n)). The summary's first offer is the
// mean of Seoul's round-1 offers as the simulation draws them at the prior (simulate_belief_qre.h)
// and its acceptance probability over the prior; the equilibrium values are Seoul's and the
// prior mean of the types', interpolated at the prior. The belief path
// is the mean posterior over the replications still negotiating at each round's start.
// critical_face_cost is a complete-information quantity and reads nan here.
#pragma once

#include "models/kaesong/parameters.h"
#include "sim/engine/run.h"

namespace kaesong::engine {

// As RunScenario (run.h), which calls it for "qre" with a hidden parameter.
RunResult RunBeliefQreScenario(const model::Parameters& params, const RunOptions& options);

}  // namespace kaesong::engine
