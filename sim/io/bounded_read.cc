#include "sim/io/bounded_read.h"

#include "sim/io/diagnostic.h"

#include <fmt/format.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <system_error>

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

std::string ReadInputFile(const std::string& path) {
  std::string text;
  if (path == "-") {
    if (!ReadBounded(std::cin, &text)) {
      throw InputError({"<stdin>", 0, 0}, "cannot read: " + TooLargeMessage());
    }
    return text;
  }
  auto reason = [](std::errc fallback) {
    return std::make_error_code(errno != 0 ? std::errc(errno) : fallback).message();
  };
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw InputError({path, 0, 0},
                     "cannot open: " + std::make_error_code(std::errc::is_a_directory).message());
  }
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError({path, 0, 0}, "cannot open: " + reason(std::errc::no_such_file_or_directory));
  }
  if (!ReadBounded(in, &text)) throw InputError({path, 0, 0}, "cannot read: " + TooLargeMessage());
  if (in.bad()) throw InputError({path, 0, 0}, "cannot read: " + reason(std::errc::io_error));
  return text;
}

}  // namespace kaesong::io
