// Fuzzes the history reader of `kaesong fit` (sim/io/history_csv.h) against a fixed 6-round
// alternating protocol. Histories it accepts must be well formed: rounds 1, 2, ... in order,
// within the horizon, the proposer the protocol names, only the last round ending the talks, a deal
// never with an opt-out or a breakdown, and a known offer's terms finite.
#include "sim/io/history_csv.h"
#include "tests/fuzz/fuzz_input.h"

#include <cmath>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kaesong;
  static const model::Parameters params = [] {
    model::Parameters p;
    p.protocol.rounds = 6;
    p.protocol.order = model::ProposerOrder::kAlternate;
    p.protocol.first = model::Proposer::kSeoul;
    p.solution.solution_concept = model::SolutionConcept::kQre;
    return p;
  }();
  std::vector<model::ObservedHistory> histories;
  try {
    histories = io::ParseHistories(fuzz::Text(data, size), "fuzz.csv", params);
  } catch (const io::InputError&) {
    return 0;
  }
  for (const model::ObservedHistory& history : histories) {
    if (history.empty()) std::abort();
    for (std::size_t r = 0; r < history.size(); ++r) {
      const model::ObservedRound& round = history[r];
      if (round.round != static_cast<int>(r) + 1 || round.round > 6) std::abort();
      const model::Proposer expected =
          round.round % 2 == 1 ? model::Proposer::kSeoul : model::Proposer::kPyongyang;
      if (round.proposer != expected) std::abort();
      const bool ends = round.accepted || round.opted_out || round.breakdown;
      if (ends && r + 1 != history.size()) std::abort();
      if (round.accepted && (round.opted_out || round.breakdown)) std::abort();
      if (round.choice == model::ObservedChoice::kOffer &&
          !(std::isfinite(round.offer.m) && std::isfinite(round.offer.g) &&
            std::isfinite(round.offer.beta))) {
        std::abort();
      }
    }
  }
  return 0;
}
