#include "sim/io/action_counts.h"

#include "sim/io/bounded_read.h"
#include "sim/io/csv_row.h"

#include <fmt/format.h>

#include <cstddef>
#include <optional>
#include <vector>

namespace kaesong::io {

namespace {

constexpr std::string_view kHeader = "player,strategy,count";
constexpr std::size_t kMaxCountDigits = 15;  // below 2^53: every count is an exact double

using Field = CsvCell;

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// A 1-based index in 1..size given by a field of digits, or the position of `text` in `names`;
// 0 when neither, -1 for an index out of range.
int Resolve(const std::string& text, const std::vector<std::string>& names) {
  if (AllDigits(text)) {
    if (text.size() > 9) return -1;
    const int index = std::stoi(text);
    return index >= 1 && static_cast<std::size_t>(index) <= names.size() ? index : -1;
  }
  for (std::size_t k = 0; k < names.size(); ++k) {
    if (names[k] == text) return static_cast<int>(k) + 1;
  }
  return 0;
}

std::string Quoted(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += fmt::format("{}'{}'", out.empty() ? "" : ", ", name);
  return out;
}

class Parser {
 public:
  Parser(const std::string& file_name, const Bimatrix& game) : file_(file_name), game_(game) {
    counts_.row = Eigen::VectorXd::Zero(game.rows());
    counts_.col = Eigen::VectorXd::Zero(game.cols());
    first_line_[0].assign(static_cast<std::size_t>(game.rows()), 0);
    first_line_[1].assign(static_cast<std::size_t>(game.cols()), 0);
  }

  StrategyCounts Parse(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    int line = 0;
    bool header = true;
    while (!text.empty() || line == 0) {
      const std::size_t end = text.find('\n');
      std::string_view row = text.substr(0, end);
      text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
      ++line;
      if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
      if (header) {
        if (row != kHeader) {
          Error(line, 1, fmt::format("expected the header '{}', got '{}'", kHeader, row));
          break;
        }
        header = false;
        continue;
      }
      if (row.empty()) continue;
      std::vector<Field> fields;
      if (!Split(row, line, &fields)) continue;
      Row(line, fields);
    }
    if (diagnostics_.empty()) CheckTotals();
    if (!diagnostics_.empty()) throw InputError(CapDiagnostics(std::move(diagnostics_), file_));
    return counts_;
  }

 private:
  void Error(int line, int column, std::string message) {
    diagnostics_.push_back({{file_, line, column}, std::move(message)});
  }

  // RFC 4180 fields of one line; false (with an error) for a stray or unterminated quote.
  bool Split(std::string_view row, int line, std::vector<Field>* fields) {
    if (const std::optional<CsvRowError> error = SplitCsvRow(row, fields)) {
      Error(line, error->column, error->message);
      return false;
    }
    return true;
  }

  void Row(int line, const std::vector<Field>& fields) {
    if (fields.size() != 3) {
      Error(line, 1, fmt::format("expected 3 fields ({}), got {}", kHeader, fields.size()));
      return;
    }
    const Field& player_field = fields[0];
    const Field& strategy_field = fields[1];
    const Field& count_field = fields[2];
    const std::vector<std::string> players(game_.player_names.begin(), game_.player_names.end());
    const int player = Resolve(player_field.text, players);
    if (player <= 0) {
      Error(line, player_field.column,
            player < 0 ? fmt::format("player index must be 1 or 2, got {}", player_field.text)
                       : fmt::format("unknown player '{}' (the game's players: {})",
                                     player_field.text, Quoted(players)));
    }
    std::optional<double> count;
    if (!AllDigits(count_field.text) || count_field.text.size() > kMaxCountDigits) {
      Error(line, count_field.column,
            fmt::format("count must be a non-negative integer of at most {} digits, got '{}'",
                        kMaxCountDigits, count_field.text));
    } else {
      count = std::stod(count_field.text);
    }
    if (player <= 0) return;
    const std::vector<std::string>& labels = player == 1 ? game_.row_labels : game_.col_labels;
    const int strategy = Resolve(strategy_field.text, labels);
    if (strategy <= 0) {
      Error(line, strategy_field.column,
            strategy < 0 ? fmt::format("strategy index of player {} must be in 1..{}, got {}",
                                       player, labels.size(), strategy_field.text)
                         : fmt::format("unknown strategy '{}' of player {} (its strategies: {})",
                                       strategy_field.text, player, Quoted(labels)));
      return;
    }
    const std::size_t p = static_cast<std::size_t>(player - 1);
    const std::size_t s = static_cast<std::size_t>(strategy - 1);
    if (first_line_[p][s] != 0) {
      Error(line, player_field.column,
            fmt::format("duplicate row for player {} strategy {} (first given on line {})", player,
                        strategy, first_line_[p][s]));
      return;
    }
    first_line_[p][s] = line;
    if (count) (player == 1 ? counts_.row : counts_.col)(static_cast<Eigen::Index>(s)) = *count;
  }

  void CheckTotals() {
    const Eigen::VectorXd* totals[2] = {&counts_.row, &counts_.col};
    bool any = false;
    for (std::size_t p = 0; p < 2; ++p) {
      int first = 0;
      for (const int line : first_line_[p]) {
        if (line != 0 && (first == 0 || line < first)) first = line;
      }
      if (first != 0 && totals[p]->sum() == 0.0) {
        Error(first, 1,
              fmt::format("every count of player {} is 0 (leave out the rows of a "
                          "player with no observations)",
                          p + 1));
      }
      any |= totals[p]->sum() > 0.0;
    }
    if (!any && diagnostics_.empty()) Error(0, 0, "no observations: the file has no counts");
  }

  const std::string& file_;
  const Bimatrix& game_;
  StrategyCounts counts_;
  std::vector<int> first_line_[2];  // per player and strategy: the line that gave it, or 0
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace

StrategyCounts ParseActionCounts(std::string_view text, const std::string& file_name,
                                 const Bimatrix& game) {
  return Parser(file_name, game).Parse(text);
}

StrategyCounts ReadActionCounts(const std::string& path, const Bimatrix& game) {
  return ParseActionCounts(ReadInputFile(path), path == "-" ? "<stdin>" : path, game);
}

}  // namespace kaesong::io
