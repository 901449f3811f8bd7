// Fuzzes the .nfg reader (sim/io/nfg.h). A game it accepts must survive the writer: WriteNfg's
// text parses again to a game of the same shape and payoffs.
#include "sim/io/nfg.h"
#include "tests/fuzz/fuzz_input.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kaesong;
  StrategicGame game;
  try {
    game = ParseNfg(fuzz::Text(data, size), "fuzz.nfg");
  } catch (const io::InputError&) {
    return 0;
  }
  const StrategicGame again = ParseNfg(WriteNfg(game), "written.nfg");
  if (!(again == game)) std::abort();
  return 0;
}
