// A sweep spread over MPI ranks with dynamic load balancing: rank 0 hands out chunks of points on
// request, evaluates chunks itself while no request waits, and writes rows in point order through
// SweepOutput, so the file is byte-identical to a single-process run. Built only when MPI is
// found (KAESONG_HAVE_MPI). Callers initialise and finalise MPI.
#pragma once

#include "sim/engine/sweep_runner.h"

namespace kaesong::engine {

// Collective over MPI_COMM_WORLD. Only rank 0 touches the output and returns a full report; an
// exception on any rank aborts the whole job with MPI_Abort after printing it.
SweepRunReport RunSweepMpi(const SweepPlan& plan, const std::string& header_tail,
                           const PointEvaluator& evaluate, const SweepRunOptions& options,
                           long long chunk_points = 4);

}  // namespace kaesong::engine
