// A sweep spread over MPI ranks with dynamic load balancing: rank 0 hands out chunks of points on
// request, evaluates chunks itself while no request waits, and hands rows to the sink in point
// order, so the output is byte-identical to a single-process run. Built only when MPI is
// found (KAESONG_HAVE_MPI). Callers initialise and finalise MPI.
#pragma once

#include "sim/engine/sweep_runner.h"

namespace kaesong::engine {

// Collective over MPI_COMM_WORLD. Only rank 0 uses `sink` (other ranks pass nullptr); the range
// [next_point, end_point) is broadcast from it. An exception on any rank aborts the whole job with
// MPI_Abort after printing it.
void RunSweepMpi(const SweepPlan& plan, const PointEvaluator& evaluate, RowSink* sink,
                 long long chunk_points = 4);

}  // namespace kaesong::engine
