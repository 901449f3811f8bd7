// Shared by the libFuzzer targets (one per reader, scripts/fuzz): the fuzzer's bytes as text, and
// split into lines. A target treats the readers' documented input errors (io::InputError and
// engine::SweepSpecError) as the expected outcome of bad input; anything else that escapes, or a
// sanitizer report, is a finding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kaesong::fuzz {

inline std::string Text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// Splits at `separator`; the last piece may be empty.
inline std::vector<std::string> Split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

}  // namespace kaesong::fuzz
