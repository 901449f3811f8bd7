#include "sim/io/sweep_file.h"

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kaesong::io {

using engine::ParseShardSpec;
using engine::ParseVarySpec;
using engine::ShardRange;
using engine::SweepPlan;
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / fmt::format("kaesong-{}-{}", name, ::getpid())) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string operator/(const std::string& file) const { return (path / file).string(); }
};

// A deterministic evaluator with uneven cost, so threads finish out of order.
std::string Evaluate(long long point, const std::vector<std::string>& values) {
  double acc = 0.0;
  for (long long k = 0; k < (point % 7) * 2000; ++k) acc += std::sin(static_cast<double>(k));
  double x = 0.0;
  for (const std::string& v : values) x += std::stod(v);
  return fmt::format("{:.17g},{}", x * x, acc > 1e300 ? 1 : 0);
}

// Runs the plan on `threads` threads into the output `options` describe.
SweepRunReport Run(const SweepPlan& plan, const std::string& header_tail,
                   const engine::PointEvaluator& evaluate, const SweepOutputOptions& options,
                   int threads = 2) {
  SweepOutput output(plan, header_tail, options);
  engine::RunSweep(plan, evaluate, threads, output);
  return output.Finish();
}

SweepPlan TestPlan() {
  return SweepPlan({ParseVarySpec("a=0:1:13"), ParseVarySpec("b=1,2,3")});
}

TEST_CASE("Shard ranges partition the points", "[sweep]") {
  CHECK(ShardRange(10, 0, 3) == std::pair{0LL, 4LL});
  CHECK(ShardRange(10, 1, 3) == std::pair{4LL, 7LL});
  CHECK(ShardRange(10, 2, 3) == std::pair{7LL, 10LL});
  CHECK(ShardRange(2, 2, 3) == std::pair{2LL, 2LL});
  CHECK(ParseShardSpec("2/5") == std::pair{2, 5});
  CHECK_THROWS_WITH(ParseShardSpec("5/5"), "--shard 5/5: i must be in 0..4, got 5");
  CHECK_THROWS_WITH(ParseShardSpec("1-3"), "--shard 1-3: expected i/N with 0 <= i < N");
  CHECK_THROWS_WITH(ParseShardSpec("0/0"), "--shard 0/0: N must be at least 1, got 0");
}

TEST_CASE("Sweep output is identical for any thread count", "[sweep]") {
  TempDir dir("sweep-threads");
  const SweepPlan plan = TestPlan();
  SweepOutputOptions options;
  options.out_path = dir / "t1.csv";
  Run(plan, "square,flag", Evaluate, options, 1);
  options.out_path = dir / "t2.csv";
  Run(plan, "square,flag", Evaluate, options, 2);
  options.out_path = dir / "t5.csv";
  Run(plan, "square,flag", Evaluate, options, 5);
  const std::string one = ReadFile(dir / "t1.csv");
  CHECK(one.rfind("point,a,b,square,flag\n0,0,1,1,0\n", 0) == 0);
  CHECK(std::count(one.begin(), one.end(), '\n') == 1 + 39);
  CHECK(ReadFile(dir / "t2.csv") == one);
  CHECK(ReadFile(dir / "t5.csv") == one);
}

TEST_CASE("Merged shards equal the single run: merge refuses bad part sets", "[sweep]") {
  TempDir dir("sweep-shards");
  const SweepPlan plan = TestPlan();
  SweepOutputOptions options;
  options.out_path = dir / "whole.csv";
  Run(plan, "square,flag", Evaluate, options);
  options.shard_count = 3;
  std::vector<std::string> parts;
  for (int s = 0; s < 3; ++s) {
    options.shard_index = s;
    options.out_path = dir / fmt::format("part{}.csv", s);
    parts.push_back(options.out_path);
    Run(plan, "square,flag", Evaluate, options);
  }
  MergeSweepParts(dir / "merged.csv", {parts[2], parts[0], parts[1]});
  CHECK(ReadFile(dir / "merged.csv") == ReadFile(dir / "whole.csv"));

  CHECK_THROWS_WITH(MergeSweepParts(dir / "m.csv", {parts[0], parts[2]}),
                    "merge: missing shard 1/3");
  CHECK_THROWS_WITH(MergeSweepParts(dir / "m.csv", {parts[0], parts[1], parts[1], parts[2]}),
                    fmt::format("merge: '{}' and '{}' are the same shard 1/3", parts[1], parts[1]));
  CHECK_FALSE(fs::exists(dir / "m.csv"));

  // A part of another sweep (different seed fingerprint) is refused.
  SweepOutputOptions other = options;
  other.shard_index = 1;
  other.out_path = dir / "other1.csv";
  Run(SweepPlan({ParseVarySpec("a=0:1:13"), ParseVarySpec("b=1,2,4")}), "square,flag",
           Evaluate, other);
  CHECK_THROWS_WITH(MergeSweepParts(dir / "m.csv", {parts[0], dir / "other1.csv", parts[2]}),
                    fmt::format("merge: '{}' belongs to another sweep than '{}'",
                                dir / "other1.csv", parts[0]));
}

TEST_CASE("An interrupted sweep leaves a valid prefix that resume completes", "[sweep]") {
  TempDir dir("sweep-resume");
  const SweepPlan plan = TestPlan();
  SweepOutputOptions options;
  options.out_path = dir / "whole.csv";
  Run(plan, "square,flag", Evaluate, options);
  const std::string whole = ReadFile(dir / "whole.csv");

  // The evaluator fails at point 20: rows before it are on disk, in order.
  options.out_path = dir / "killed.csv";
  const auto failing = [](long long point, const std::vector<std::string>& values) {
    if (point == 20) throw std::runtime_error("solver failed at point 20");
    return Evaluate(point, values);
  };
  CHECK_THROWS_WITH(Run(plan, "square,flag", failing, options), "solver failed at point 20");
  const std::string prefix = ReadFile(dir / "killed.csv");
  REQUIRE(whole.rfind(prefix, 0) == 0);
  REQUIRE(std::count(prefix.begin(), prefix.end(), '\n') <= 21);

  // A torn last row (a kill in the middle of a write) is dropped on resume.
  {
    std::ofstream torn(dir / "killed.csv", std::ios::app | std::ios::binary);
    torn << "20,0.5,2,6.2";
  }
  options.resume = true;
  const SweepRunReport report = Run(plan, "square,flag", Evaluate, options);
  CHECK(report.resumed_points == std::count(prefix.begin(), prefix.end(), '\n') - 1);
  CHECK(ReadFile(dir / "killed.csv") == whole);

  // Resuming with another plan is refused.
  CHECK_THROWS_WITH(Run(SweepPlan({ParseVarySpec("a=0:1:12"), ParseVarySpec("b=1,2,3")}),
                             "square,flag", Evaluate, options),
                    fmt::format("--resume: '{}' holds a different sweep (other --vary, --sample, "
                                "--seed, scenario or --shard)",
                                dir / "killed.csv"));
}

TEST_CASE("An unwritable output path is an error before any work", "[sweep]") {
  SweepOutputOptions options;
  options.out_path = "/proc/kaesong-no-such-dir/out.csv";
  CHECK_THROWS_WITH(Run(TestPlan(), "x", Evaluate, options),
                    Catch::Matchers::StartsWith("cannot write '/proc/kaesong-no-such-dir/out.csv"));
}

}  // namespace
}  // namespace kaesong::io
