// Sweep output files: FILE.csv streamed in point order, and beside it FILE.csv.sweep, a small
// key=value record of which sweep (plan fingerprint, scenario identity) and which shard the file
// holds and whether it is complete. `--resume` continues a file from its last complete row after
// checking the record; MergeSweepParts joins shard files into the file a single run writes.
#pragma once

#include "sim/engine/sweep_runner.h"

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace kaesong::io {

struct SweepOutputOptions {
  int shard_index = 0;      // run slice shard_index of shard_count (0-based)
  int shard_count = 1;
  std::string out_path;     // empty: standard output (no resume, no record)
  bool resume = false;      // continue from what out_path already holds
  bool progress = false;    // progress line on stderr (callers pass isatty(stderr)); without it
                            // a sweep whose estimated time left after kAnnounceAfter of work
                            // is at least kAnnounceLongerThan says so once on stderr
  std::string identity;     // what else defines the rows (scenario, seed, ...), checked on resume
};

struct SweepRunReport {
  long long first_point = 0;     // this shard's range [first_point, end_point)
  long long end_point = 0;
  long long resumed_points = 0;  // rows already present when resuming
  long long computed_points = 0;
  double seconds = 0.0;
};

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
class SweepOutput : public engine::RowSink {
 public:
  // Throws as RunSweep does for bad options, resume mismatches and unwritable paths.
  SweepOutput(const engine::SweepPlan& plan, const std::string& header_tail,
              const SweepOutputOptions& options);
  ~SweepOutput();
  SweepOutput(const SweepOutput&) = delete;
  SweepOutput& operator=(const SweepOutput&) = delete;

  long long first_point() const { return first_point_; }
  long long next_point() const override { return next_point_; }
  long long end_point() const override { return end_point_; }
  // Appends and flushes; throws FileWriteError-style runtime_error when the disk refuses.
  void Write(const std::string& rows, long long row_count) override;
  SweepRunReport Finish();

 private:
  void Announce();  // the one-time size and time estimate without a progress line

  std::string out_path_;
  bool progress_ = false;
  std::FILE* file_ = nullptr;
  SweepRecord record_;
  long long first_point_ = 0, next_point_ = 0, end_point_ = 0, resumed_points_ = 0;
  long long written_ = 0;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_progress_{};
  bool announced_ = false;
};

// When a sweep without a progress line announces its size and estimated time (SweepOutputOptions).
inline constexpr double kAnnounceAfter = 1.0;         // seconds of work measured
inline constexpr double kAnnounceLongerThan = 10.0;   // seconds estimated to go

// Joins shard outputs into the file a single run would have written (atomically). Refuses parts
// of different sweeps, overlapping or missing shards, and incomplete parts, naming the file.
void MergeSweepParts(const std::string& out_path, const std::vector<std::string>& part_paths);

}  // namespace kaesong::io
