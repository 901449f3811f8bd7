// The memory a run will hold, estimated before the work starts, and the limit it is checked
// against (`--max-memory`). A run is refused (MemoryLimitError, exit 2 at the command line) when
// the estimate exceeds the limit, rather than started and killed by the system part way through.
//
// What is counted: the equilibrium's stored tables (round plans over the deal grid, value
// functions over Seoul's belief grid or lattice, each type's deal values, per-thread work
// buffers), from the same sizes the solvers allocate (negotiation.h, pbe.h, belief_qre.h), and the
// rows of rounds.csv a run keeps (one RoundRecord per replication and round, plus Seoul's belief
// per row with hidden information). Small fixed costs (the program, a few MB) are not counted.
// The estimate is of the order of what the process holds at its peak, not a byte count: the QRE's
// offer quadrature may refine the scenario's grid by a factor that is only known once solved (it is
// capped, offer_quadrature.h), and the rows are known once the equilibrium gives the expected
// number of rounds; where the rows are not known in advance the replication loop checks them as it
// goes.
#pragma once

#include "models/kaesong/parameters.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kaesong::engine {

struct MemoryEstimate {
  double bytes = 0.0;
  std::string what;  // the sizes behind the figure, e.g. "12 rounds x 1001 belief points x 3 types"
};

// A run or sweep past its memory limit. what() names the estimate, its sizes and the limit.
class MemoryLimitError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Threads the equilibrium solve uses (the QRE with beliefs sweeps its lattice in parallel).
int SolveThreads();

// The equilibrium's stored tables for `params` (validated), solved with `threads` threads.
MemoryEstimate EstimateSolveMemory(const model::Parameters& params, int threads);

// Bytes per kept row of rounds.csv (a RoundRecord, and Seoul's belief with hidden information).
double RowBytes(const model::Parameters& params);

// The default limit: 80% of the machine's memory (physical memory, or the control group's limit
// when lower; Linux's /sys/fs/cgroup/memory.max).
std::uint64_t DefaultMemoryLimit();

// "8G", "512M", "1.5GiB", "2e9" (bytes), "750k": K, M, G, T are powers of 1024, with or without a
// trailing "B" or "iB"; a plain number is bytes. nullopt for anything else, zero or negative.
std::optional<std::uint64_t> ParseMemorySize(std::string_view text);

// "1.5 GiB", "512 MiB", "900 B".
std::string FormatBytes(double bytes);

// Throws MemoryLimitError when estimate.bytes > limit (limit 0: no limit). `subject` starts the
// message ("the run", "each of the 2 sweep threads").
void RequireWithinMemory(const MemoryEstimate& estimate, std::uint64_t limit,
                         std::string_view subject);

}  // namespace kaesong::engine
