// Fuzzes the stochastic game-file reader (sim/io/stochastic_game_file.h). A game it accepts must
// survive the writer: WriteStochasticGame's text parses again.
#include "sim/io/stochastic_game_file.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kaesong;
  try {
    const StochasticGame game =
        ParseStochasticGame(fuzz::Text(data, size), "fuzz.toml");
    ParseStochasticGame(WriteStochasticGame(game), "written.toml");
  } catch (const io::InputError&) {
  }
  return 0;
}
