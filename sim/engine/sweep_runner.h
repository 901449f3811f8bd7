// Running a sweep plan: evaluates points on a pool of threads and streams one CSV row per point to
// the output in point order, holding only a bounded window of finished rows in memory. The output
// is byte-identical for any thread count and, after `kaesong merge`, for any split into shards.
// Beside an output file FILE it keeps FILE.sweep, a small key=value record of which sweep and
// which shard the file holds; `resume` and merging check it.
#pragma once

#include "sim/engine/sweep_plan.h"

#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace kaesong::engine {

// Computes the cells of point p after its index and varied values (comma-separated, no newline).
// Must be deterministic and safe to call from several threads at once.
using PointEvaluator =
    std::function<std::string(long long point, const std::vector<std::string>& values)>;

struct SweepRunOptions {
  int threads = 0;          // 0: all hardware threads
  int shard_index = 0;      // run slice shard_index of shard_count (0-based)
  int shard_count = 1;
  std::string out_path;     // empty: standard output (no resume, no record)
  bool resume = false;      // continue from what out_path already holds
  bool progress = false;    // progress line on stderr (callers pass isatty(stderr))
  std::string identity;     // what else defines the rows (scenario, seed, ...), checked on resume
};

struct SweepRunReport {
  long long first_point = 0;     // this shard's range [first_point, end_point)
  long long end_point = 0;
  long long resumed_points = 0;  // rows already present when resuming
  long long computed_points = 0;
  double seconds = 0.0;
};

// Points [first, end) of shard i of n: contiguous blocks whose sizes differ by at most one.
std::pair<long long, long long> ShardRange(long long points, int shard_index, int shard_count);

// "i/N" -> (i, N); throws SweepSpecError naming --shard.
std::pair<int, int> ParseShardSpec(const std::string& text);

// The CSV header: "point", the varied keys, then `header_tail` (no newline).
std::string SweepHeader(const SweepPlan& plan, const std::string& header_tail);

// What FILE.sweep records: which sweep (plan fingerprint and caller identity) and which shard.
struct SweepRecord {
  std::string fingerprint;
  std::string identity;
  long long points = 0;
  int shard_index = 0;
  int shard_count = 1;
  long long first = 0;
  long long end = 0;
  bool complete = false;
};

// The output side of a sweep, shared by the thread and MPI runners: opens the file (or stdout),
// checks and continues a resumed file, writes the header, appends finished rows in order with
// an optional progress line, and marks the record complete at the end.
class SweepOutput {
 public:
  // Throws as RunSweep does for bad options, resume mismatches and unwritable paths.
  SweepOutput(const SweepPlan& plan, const std::string& header_tail,
              const SweepRunOptions& options);
  ~SweepOutput();
  SweepOutput(const SweepOutput&) = delete;
  SweepOutput& operator=(const SweepOutput&) = delete;

  long long first_point() const { return first_point_; }
  long long next_point() const { return next_point_; }  // first point not yet on disk
  long long end_point() const { return end_point_; }
  // Appends `rows` (complete lines, the next `row_count` points in order) and flushes.
  void Write(const std::string& rows, long long row_count);
  SweepRunReport Finish();

 private:
  std::string out_path_;
  bool progress_ = false;
  std::FILE* file_ = nullptr;
  SweepRecord record_;
  long long first_point_ = 0, next_point_ = 0, end_point_ = 0, resumed_points_ = 0;
  long long written_ = 0;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_progress_{};
};

// One CSV row (with newline) for point p: index, varied values, evaluator cells.
std::string FormatPointRow(const SweepPlan& plan, const PointEvaluator& evaluate, long long p);

// Throws SweepSpecError for unusable options or a resume that does not match the file on disk,
// std::runtime_error when the output cannot be written, and rethrows the first evaluator
// exception (rows finished before it remain in the file, a valid prefix for --resume).
SweepRunReport RunSweep(const SweepPlan& plan, const std::string& header_tail,
                        const PointEvaluator& evaluate, const SweepRunOptions& options);

// Joins shard outputs into the file a single run would have written (atomically). Refuses parts
// of different sweeps, overlapping or missing shards, and incomplete parts, naming the file.
void MergeSweepParts(const std::string& out_path, const std::vector<std::string>& part_paths);

}  // namespace kaesong::engine
