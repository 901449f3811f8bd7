// Running a scenario with hidden information (solution.concept = "pbe"): solve the screening
// equilibrium (models/kaesong/pbe.h) once, then simulate replications, each with its own drawn
// type (simulate_screening.h). The summary's first offer is Seoul's round-1 offer and its
// acceptance probability over the prior; the equilibrium values are Seoul's and the prior mean of
// the types' values; agree_prob_by_type and record_prob are exact under the equilibrium.
// critical_face_cost is a complete-information quantity and reads nan here.
#pragma once

#include "models/kaesong/parameters.h"
#include "sim/engine/run.h"

namespace kaesong::engine {

// As RunScenario (run.h), which calls it for solution.concept = "pbe".
RunResult RunScreeningScenario(const model::Parameters& params, const RunOptions& options);

}  // namespace kaesong::engine
