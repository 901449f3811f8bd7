// Fuzzes the sweep specifications (sim/engine/sweep_plan.h): each input line is a --vary
// specification, except lines starting "sample " (a --sample value) and "shard " (a --shard
// value); the axes are then planned as a grid (the points themselves are not enumerated).
#include "sim/engine/sweep_plan.h"
#include "sim/engine/sweep_runner.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kaesong;
  try {
    std::vector<engine::SweepAxis> axes;
    for (const std::string& line : fuzz::Split(fuzz::Text(data, size), '\n')) {
      if (line.rfind("sample ", 0) == 0) {
        engine::ParseSampleSpec(line.substr(7));
      } else if (line.rfind("shard ", 0) == 0) {
        const auto [index, count] = engine::ParseShardSpec(line.substr(6));
        engine::ShardRange(1000, index, count);
      } else {
        axes.push_back(engine::ParseVarySpec(line));
      }
    }
    if (!axes.empty()) engine::SweepPlan plan(axes);
  } catch (const engine::SweepSpecError&) {
  }
  return 0;
}
