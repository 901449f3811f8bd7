#include "sim/cli/commands.h"

namespace kaesong::cli {
int RunGenerate(const Args&) { throw UsageError("not yet available"); }
}  // namespace kaesong::cli
