// Running a sweep plan on a pool of threads: points are evaluated in any order and handed to a
// RowSink strictly in point order, with only a bounded window of finished rows held in memory, so
// the output is byte-identical for any thread count. Where rows go (a file with resume and shard
// records, standard output) is the sink's business (see sim/io/sweep_file.h).
#pragma once

#include "sim/engine/sweep_plan.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace kaesong::engine {

// Computes the cells of point p after its index and varied values (comma-separated, no newline).
// Must be deterministic and safe to call from several threads at once.
using PointEvaluator =
    std::function<std::string(long long point, const std::vector<std::string>& values)>;

// Receives finished rows in point order.
class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual long long next_point() const = 0;  // first point still to compute
  virtual long long end_point() const = 0;   // one past the last point to compute
  // Appends `rows` (complete lines: the next `row_count` points in order).
  virtual void Write(const std::string& rows, long long row_count) = 0;
};

// One CSV row (with newline) for point p: index, varied values, evaluator cells.
std::string FormatPointRow(const SweepPlan& plan, const PointEvaluator& evaluate, long long p);

// The CSV header: "point", the varied keys, then `header_tail` (no newline).
std::string SweepHeader(const SweepPlan& plan, const std::string& header_tail);

// Points [first, end) of shard i of n: contiguous blocks whose sizes differ by at most one.
std::pair<long long, long long> ShardRange(long long points, int shard_index, int shard_count);

// "i/N" -> (i, N); throws SweepSpecError naming --shard.
std::pair<int, int> ParseShardSpec(const std::string& text);

// Evaluates points [sink.next_point(), sink.end_point()) on `threads` threads (0: all hardware
// threads). Rethrows the first exception of the evaluator or the sink after the workers stop;
// rows finished in order before it have reached the sink (a valid prefix).
void RunSweep(const SweepPlan& plan, const PointEvaluator& evaluate, int threads, RowSink& sink);

}  // namespace kaesong::engine
