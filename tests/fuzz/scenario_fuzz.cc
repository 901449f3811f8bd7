// Fuzzes the scenario loader (sim/io/scenario.h): the bytes before the first NUL are a scenario
// file's text, each line after it a --set KEY=VALUE flag applied on top. The loader resolves
// `base` chains relative to the working directory, which scripts/fuzz makes an empty one.
// Inputs naming a device or kernel file (any "dev/", "proc/" or "sys/") are skipped: such a base
// reads the machine, not the input, and a device costs the full 64 MiB input bound per execution
// (tests/data/bad_scenarios/base_device.toml holds its message).
#include "sim/io/scenario.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kaesong;
  const std::string input = fuzz::Text(data, size);
  for (const char* machine_path : {"dev/", "proc/", "sys/"}) {
    if (input.find(machine_path) != std::string::npos) return 0;
  }
  const std::size_t nul = input.find('\0');
  const std::string text = input.substr(0, nul);
  std::vector<std::string> flags;
  if (nul != std::string::npos) flags = fuzz::Split(std::string_view(input).substr(nul + 1), '\n');
  try {
    io::LoadScenarioText(text, "fuzz.toml", io::ParseSetFlags(flags));
  } catch (const io::InputError&) {
  }
  return 0;
}
