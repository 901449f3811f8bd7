// Splitting one line of a CSV file into fields (RFC 4180: comma separated, fields optionally
// double-quoted with "" for a quote), remembering each field's column for diagnostics. The line
// excludes its end ("\n" or "\r\n"); the readers of sim/io iterate the lines themselves.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kaesong::io {

struct CsvCell {
  std::string text;
  int column = 0;  // 1-based byte column of the field's first byte
};

// What is wrong with a line that cannot be split, and where.
struct CsvRowError {
  int column = 0;
  std::string message;  // "unterminated quoted field", ...
};

// The fields of `row` appended to *cells; an error for a stray or unterminated quote.
std::optional<CsvRowError> SplitCsvRow(std::string_view row, std::vector<CsvCell>* cells);

}  // namespace kaesong::io
