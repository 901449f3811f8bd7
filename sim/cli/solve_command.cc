#include "sim/cli/commands.h"

namespace kaesong::cli {
int RunSolve(const Args&) { throw UsageError("not yet available"); }
}  // namespace kaesong::cli
