#include "sim/io/csv_row.h"

namespace kaesong::io {

std::optional<CsvRowError> SplitCsvRow(std::string_view row, std::vector<CsvCell>* cells) {
  std::size_t i = 0;
  while (true) {
    CsvCell cell;
    cell.column = static_cast<int>(i) + 1;
    if (i < row.size() && row[i] == '"') {
      ++i;
      while (true) {
        if (i >= row.size()) return CsvRowError{cell.column, "unterminated quoted field"};
        if (row[i] == '"') {
          if (i + 1 < row.size() && row[i + 1] == '"') {
            cell.text += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        cell.text += row[i++];
      }
      if (i < row.size() && row[i] != ',') {
        return CsvRowError{static_cast<int>(i) + 1, "expected ',' after a quoted field"};
      }
    } else {
      const std::size_t comma = row.find(',', i);
      const std::size_t stop = comma == std::string_view::npos ? row.size() : comma;
      cell.text = std::string(row.substr(i, stop - i));
      if (cell.text.find('"') != std::string::npos) {
        return CsvRowError{static_cast<int>(i + cell.text.find('"')) + 1,
                           "a quote inside an unquoted field"};
      }
      i = stop;
    }
    cells->push_back(std::move(cell));
    if (i >= row.size()) return std::nullopt;
    ++i;  // the comma
  }
}

}  // namespace kaesong::io
