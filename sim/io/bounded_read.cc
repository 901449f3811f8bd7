#include "sim/io/bounded_read.h"

#include <fmt/format.h>

namespace kaesong::io {

bool ReadBounded(std::istream& in, std::string* text) {
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text->append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text->size() > kMaxInputBytes) return false;
  }
  return true;
}

std::string TooLargeMessage() {
  return fmt::format("larger than {} MiB ({} bytes), the limit for input files",
                     kMaxInputBytes >> 20, kMaxInputBytes);
}

}  // namespace kaesong::io
