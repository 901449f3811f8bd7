#include "sim/engine/mpi/sweep_mpi.h"

#include <fmt/format.h>
#include <mpi.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <map>
#include <vector>

namespace kaesong::engine {

namespace {

constexpr int kTagWork = 1;    // rank 0 -> worker: long long chunk start, or -1 to stop
constexpr int kTagResult = 2;  // worker -> rank 0: long long start (-1: first request), rows
constexpr int kTagRows = 3;    // worker -> rank 0: the rows text of the chunk just announced

std::string EvaluateChunk(const SweepPlan& plan, const PointEvaluator& evaluate, long long start,
                          long long end) {
  std::string rows;
  for (long long p = start; p < end; ++p) rows += FormatPointRow(plan, evaluate, p);
  return rows;
}

[[noreturn]] void Abort(const std::exception& e) {
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  fmt::print(stderr, "kaesong sweep: error: rank {}: {}\n", rank, e.what());
  std::fflush(stderr);
  MPI_Abort(MPI_COMM_WORLD, 1);
  std::abort();
}

void RunWorker(const SweepPlan& plan, const PointEvaluator& evaluate, long long end_point,
               long long chunk) {
  long long announce = -1;
  std::string rows;
  while (true) {
    MPI_Send(&announce, 1, MPI_LONG_LONG, 0, kTagResult, MPI_COMM_WORLD);
    if (announce >= 0) {
      MPI_Send(rows.data(), static_cast<int>(rows.size()), MPI_CHAR, 0, kTagRows, MPI_COMM_WORLD);
    }
    long long start = -1;
    MPI_Recv(&start, 1, MPI_LONG_LONG, 0, kTagWork, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (start < 0) return;
    rows = EvaluateChunk(plan, evaluate, start, std::min(start + chunk, end_point));
    announce = start;
  }
}

}  // namespace

void RunSweepMpi(const SweepPlan& plan, const PointEvaluator& evaluate, RowSink* sink,
                 long long chunk_points) {
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const long long chunk = std::max(1LL, chunk_points);

  // Everyone learns from rank 0's sink the range to compute.
  long long range[2] = {0, 0};
  if (rank == 0) {
    range[0] = sink->next_point();
    range[1] = sink->end_point();
  }
  MPI_Bcast(range, 2, MPI_LONG_LONG, 0, MPI_COMM_WORLD);
  if (rank != 0) {
    try {
      RunWorker(plan, evaluate, range[1], chunk);
    } catch (const std::exception& e) {
      Abort(e);
    }
    return;
  }

  try {
    long long next_chunk = range[0];
    long long next_write = range[0];
    std::map<long long, std::string> finished;  // chunk start -> rows
    int active_workers = size - 1;
    const auto flush_ready = [&] {
      for (auto it = finished.begin(); it != finished.end() && it->first == next_write;
           it = finished.erase(it)) {
        const long long count = std::min(chunk, range[1] - it->first);
        sink->Write(it->second, count);
        next_write += count;
      }
    };
    while (active_workers > 0 || next_chunk < range[1]) {
      int pending = 0;
      MPI_Status status;
      MPI_Iprobe(MPI_ANY_SOURCE, kTagResult, MPI_COMM_WORLD, &pending, &status);
      if (pending || (next_chunk >= range[1] && active_workers > 0)) {
        long long announced = -1;
        MPI_Recv(&announced, 1, MPI_LONG_LONG, MPI_ANY_SOURCE, kTagResult, MPI_COMM_WORLD,
                 &status);
        const int worker = status.MPI_SOURCE;
        if (announced >= 0) {
          MPI_Status rows_status;
          MPI_Probe(worker, kTagRows, MPI_COMM_WORLD, &rows_status);
          int length = 0;
          MPI_Get_count(&rows_status, MPI_CHAR, &length);
          std::string rows(static_cast<std::size_t>(length), '\0');
          MPI_Recv(rows.data(), length, MPI_CHAR, worker, kTagRows, MPI_COMM_WORLD,
                   MPI_STATUS_IGNORE);
          finished.emplace(announced, std::move(rows));
          flush_ready();
        }
        long long assignment = -1;
        if (next_chunk < range[1]) {
          assignment = next_chunk;
          next_chunk += chunk;
        } else {
          --active_workers;
        }
        MPI_Send(&assignment, 1, MPI_LONG_LONG, worker, kTagWork, MPI_COMM_WORLD);
        continue;
      }
      // No request waiting: rank 0 evaluates a chunk itself.
      const long long start = next_chunk;
      next_chunk += chunk;
      finished.emplace(start, EvaluateChunk(plan, evaluate, start,
                                            std::min(start + chunk, range[1])));
      flush_ready();
    }
    flush_ready();
  } catch (const std::exception& e) {
    Abort(e);
  }
}

}  // namespace kaesong::engine
