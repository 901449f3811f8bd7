// Fuzzes the action-counts reader (sim/io/action_counts.h) against a fixed 2x3 game. Counts it
// accepts must fit the game: one entry per strategy, whole numbers >= 0, some positive.
#include "sim/io/action_counts.h"
#include "tests/fuzz/fuzz_input.h"

#include <cmath>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kaesong;
  static const Bimatrix game = [] {
    Bimatrix g = MakeBimatrix(Eigen::MatrixXd::Zero(2, 3), Eigen::MatrixXd::Zero(2, 3));
    g.player_names = {"Seoul", "Pyongyang"};
    g.row_labels = {"Opera", "Football"};
    g.col_labels = {"A", "B", "7"};
    return g;
  }();
  StrategyCounts counts;
  try {
    counts = io::ParseActionCounts(fuzz::Text(data, size), "fuzz.csv", game);
  } catch (const io::InputError&) {
    return 0;
  }
  if (counts.row.size() != 2 || counts.col.size() != 3) std::abort();
  for (const Eigen::VectorXd* v : {&counts.row, &counts.col}) {
    for (Eigen::Index k = 0; k < v->size(); ++k) {
      if (!((*v)(k) >= 0.0) || std::floor((*v)(k)) != (*v)(k)) std::abort();
    }
  }
  if (!(counts.row.sum() + counts.col.sum() > 0.0)) std::abort();
  return 0;
}
