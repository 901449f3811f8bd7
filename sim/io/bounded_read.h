// Reading an input file whole, with a bound: a scenario, game file or .nfg larger than
// kMaxInputBytes is refused instead of read (a device such as /dev/zero would otherwise be read
// for ever). Every reader of user input goes through it.
#pragma once

#include <cstddef>
#include <istream>
#include <string>

namespace kaesong::io {

inline constexpr std::size_t kMaxInputBytes = std::size_t{64} << 20;  // 64 MiB

// Appends the stream's remaining bytes to *text. Returns false, having read just past
// kMaxInputBytes, when the stream holds more; the caller reports TooLargeMessage().
bool ReadBounded(std::istream& in, std::string* text);

// The whole text of file `path`, or of standard input for "-" (then named "<stdin>"), read with
// ReadBounded. Throws InputError at the file, with no position: "cannot open: REASON" (also for a
// directory) or "cannot read: REASON" (also for more than kMaxInputBytes).
std::string ReadInputFile(const std::string& path);

// "larger than 64 MiB (67108864 bytes), the limit for input files"
std::string TooLargeMessage();

}  // namespace kaesong::io
