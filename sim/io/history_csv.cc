#include "sim/io/history_csv.h"

#include "models/kaesong/calendar.h"
#include "models/kaesong/negotiation.h"
#include "sim/io/bounded_read.h"
#include "sim/io/csv_row.h"
#include "sim/io/scenario_dates.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

namespace kaesong::io {

namespace {

enum Column {
  kReplication,
  kRound,
  kProposer,
  kOfferM,
  kOfferG,
  kOfferBeta,
  kAccepted,
  kOptedOut,
  kBreakdown,
  kColumns
};

std::optional<long long> Integer(const std::string& text) {
  long long value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

class Parser {
 public:
  Parser(const std::string& file_name, const model::Parameters& params)
      : file_(file_name),
        params_(params),
        calendar_(params.calendar, params.seoul, params.pyongyang),
        last_round_(params.protocol.rounds ? *params.protocol.rounds
                                           : std::max(1, params.simulation.max_rounds)) {}

  std::vector<model::ObservedHistory> Parse(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    int line = 0;
    bool header = true;
    while (!text.empty()) {
      const std::size_t end = text.find('\n');
      std::string_view row = text.substr(0, end);
      text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
      ++line;
      if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
      if (row.empty()) continue;
      std::vector<CsvCell> cells;
      if (const std::optional<CsvRowError> error = SplitCsvRow(row, &cells)) {
        Error(line, error->column, error->message);
        if (header) break;
        continue;
      }
      if (header) {
        header = false;
        if (!Header(line, cells)) break;
        continue;
      }
      Row(line, cells);
    }
    if (header && diagnostics_.empty()) Error(0, 0, "empty file: expected a header line");
    if (!header && histories_.empty() && diagnostics_.empty()) {
      Error(0, 0, "no histories: the file has no rows");
    }
    if (!diagnostics_.empty()) throw InputError(CapDiagnostics(std::move(diagnostics_), file_));
    return std::move(histories_);
  }

 private:
  void Error(int line, int column, std::string message) {
    diagnostics_.push_back({{file_, line, column}, std::move(message)});
  }

  bool Header(int line, const std::vector<CsvCell>& cells) {
    std::map<std::string, std::size_t> where;
    for (std::size_t c = 0; c < cells.size(); ++c) where.emplace(cells[c].text, c);
    const std::vector<std::string>& needed = HistoryCsvColumns();
    bool ok = true;
    for (std::size_t c = 0; c < needed.size(); ++c) {
      const auto it = where.find(needed[c]);
      if (it == where.end()) {
        Error(line, 1,
              fmt::format("missing column '{}' (a history file needs {})", needed[c],
                          fmt::join(needed, ", ")));
        ok = false;
      } else {
        index_[c] = it->second;
      }
    }
    if (const auto it = where.find("date"); it != where.end()) date_index_ = it->second;
    width_ = cells.size();
    return ok;
  }

  std::optional<bool> Bool(int line, const CsvCell& cell, const char* name) {
    if (cell.text == "true") return true;
    if (cell.text == "false") return false;
    Error(line, cell.column, fmt::format("{} must be true or false, got '{}'", name, cell.text));
    return std::nullopt;
  }

  // A term: a number, nan, or empty (unknown); nullopt (with an error) otherwise.
  std::optional<double> Term(int line, const CsvCell& cell, const char* name) {
    if (cell.text.empty()) return std::numeric_limits<double>::infinity();  // unknown marker
    if (cell.text == "nan") return std::numeric_limits<double>::quiet_NaN();
    double value = 0.0;
    const char* end = cell.text.data() + cell.text.size();
    const auto [ptr, ec] = std::from_chars(cell.text.data(), end, value);
    if (ec != std::errc() || ptr != end || !std::isfinite(value)) {
      Error(line, cell.column,
            fmt::format("{} must be a number, nan (no draft) or empty (unknown terms), got '{}'",
                        name, cell.text));
      return std::nullopt;
    }
    return value;
  }

  void Row(int line, const std::vector<CsvCell>& cells) {
    if (cells.size() != width_) {
      Error(line, 1,
            fmt::format("expected {} fields as in the header, got {}", width_, cells.size()));
      return;
    }
    const auto cell = [&](Column c) -> const CsvCell& { return cells[index_[c]]; };
    const std::size_t before = diagnostics_.size();
    const std::optional<long long> replication = Integer(cell(kReplication).text);
    if (!replication || *replication < 0) {
      Error(line, cell(kReplication).column,
            fmt::format("replication must be a non-negative integer, got '{}'",
                        cell(kReplication).text));
    }
    const std::optional<long long> round = Integer(cell(kRound).text);
    if (!round || *round < 1) {
      Error(line, cell(kRound).column,
            fmt::format("round must be a positive integer, got '{}'", cell(kRound).text));
    }
    model::ObservedRound r;
    const std::string& proposer = cell(kProposer).text;
    if (proposer == "seoul" || proposer == "pyongyang") {
      r.proposer = proposer == "seoul" ? model::Proposer::kSeoul : model::Proposer::kPyongyang;
    } else {
      Error(line, cell(kProposer).column,
            fmt::format("proposer must be seoul or pyongyang, got '{}'{}", proposer,
                        proposer == "both" ? " (simultaneous drafts cannot be fitted)" : ""));
    }
    const std::optional<double> m = Term(line, cell(kOfferM), "offer_m");
    const std::optional<double> g = Term(line, cell(kOfferG), "offer_g");
    const std::optional<double> beta = Term(line, cell(kOfferBeta), "offer_beta");
    const std::optional<bool> accepted = Bool(line, cell(kAccepted), "accepted");
    const std::optional<bool> opted_out = Bool(line, cell(kOptedOut), "opted_out");
    const std::optional<bool> breakdown = Bool(line, cell(kBreakdown), "breakdown");
    if (diagnostics_.size() != before) return;

    r.round = static_cast<int>(std::min<long long>(*round, last_round_ + 1));
    r.accepted = *accepted;
    r.opted_out = *opted_out;
    r.breakdown = *breakdown;
    const auto kind = [](double x) { return std::isnan(x) ? 1 : std::isinf(x) ? 2 : 0; };
    if (kind(*m) != kind(*g) || kind(*m) != kind(*beta)) {
      Error(line, cell(kOfferM).column,
            "offer_m, offer_g and offer_beta must be all numbers, all nan or all empty");
      return;
    }
    r.choice = kind(*m) == 2   ? model::ObservedChoice::kUnknown
               : kind(*m) == 0 ? model::ObservedChoice::kOffer
               : r.opted_out   ? model::ObservedChoice::kWalkAway
                               : model::ObservedChoice::kNoDraft;
    r.offer = {*m, *g, *beta};

    // Order: a new history starts at round 1 with a larger replication number; a history's
    // rounds are consecutive and stop at its ending.
    const bool new_history = histories_.empty() || *replication != replication_;
    if (new_history) {
      if (!histories_.empty() && *replication < replication_) {
        Error(line, cell(kReplication).column,
              fmt::format("replication {} comes after replication {}: rows must be ordered by "
                          "replication, then round",
                          *replication, replication_));
      }
      if (*round != 1) {
        Error(line, cell(kRound).column,
              fmt::format("replication {} starts at round {}, expected round 1", *replication,
                          *round));
      }
      histories_.emplace_back();
      replication_ = *replication;
      ended_line_ = 0;
      unknown_line_ = 0;
      branching_line_ = 0;
    } else {
      // Under the QRE with beliefs Seoul's belief after a rejected offer whose terms are unknown
      // depends on those terms, so the likelihood of the rounds that follow is summed over every
      // offer (belief_history_likelihood.h): one such round per history is supported.
      if (unknown_line_ != 0 && params_.information.hidden != model::HiddenParameter::kNone) {
        if (branching_line_ != 0) {
          Error(unknown_line_, unknown_column_,
                fmt::format("replication {} has a second rejected offer with unknown terms "
                            "followed by more rounds (the first on line {}): with hidden "
                            "information each one multiplies the likelihood's work by the number "
                            "of offers, and at most one per history is supported",
                            *replication, branching_line_));
        } else {
          branching_line_ = unknown_line_;
        }
      }
      if (ended_line_ != 0) {
        Error(line, 1,
              fmt::format("replication {} goes on after it ended ({} on line {})", *replication,
                          ended_what_, ended_line_));
      }
      const int expected = histories_.back().back().round + 1;
      if (*round != expected) {
        Error(line, cell(kRound).column,
              fmt::format("round {} of replication {} is out of order, expected round {}", *round,
                          *replication, expected));
      }
    }
    if (r.accepted && r.opted_out) {
      Error(line, cell(kOptedOut).column, "accepted and opted_out cannot both be true");
    }
    if (r.breakdown && (r.accepted || r.opted_out)) {
      Error(line, cell(kBreakdown).column,
            fmt::format("breakdown follows only a rejection, but the round {}",
                        r.accepted ? "reached a deal" : "ended with an opt-out"));
    }
    if (r.accepted && r.choice != model::ObservedChoice::kOffer &&
        r.choice != model::ObservedChoice::kUnknown) {
      Error(line, cell(kOfferM).column, "a deal needs terms (numbers, or empty when unknown)");
    }
    if (*round > last_round_) {
      Error(line, cell(kRound).column,
            fmt::format("round {} is past the scenario's last round {} ({})", *round, last_round_,
                        params_.protocol.rounds ? "protocol.rounds" : "simulation.max_rounds"));
    } else {
      const int t = static_cast<int>(*round);
      const double q = model::MakeRoundState(params_, calendar_, t).seoul_proposes_prob;
      if ((q >= 1.0 && r.proposer != model::Proposer::kSeoul) ||
          (q <= 0.0 && r.proposer != model::Proposer::kPyongyang)) {
        Error(line, cell(kProposer).column,
              fmt::format("{} cannot propose in round {}: under the scenario's protocol {} does",
                          proposer, t, q >= 1.0 ? "seoul" : "pyongyang"));
      }
      if (date_index_) {
        const CsvCell& date = cells[*date_index_];
        const std::string expected = IsoDate(calendar_.Date(t));
        if (date.text != expected) {
          Error(line, date.column,
                fmt::format("date {} is not round {}'s date in the scenario's calendar, {}",
                            date.text, t, expected));
        }
      }
    }
    const bool unknown = r.choice == model::ObservedChoice::kUnknown;
    unknown_line_ = unknown ? line : 0;
    unknown_column_ = unknown ? cell(kOfferM).column : 0;
    if (r.accepted || r.opted_out || r.breakdown) {
      ended_line_ = line;
      ended_what_ = r.accepted ? "a deal" : r.opted_out ? "an opt-out" : "breakdown";
    }
    histories_.back().push_back(r);
  }

  const std::string& file_;
  const model::Parameters& params_;
  model::RoundCalendar calendar_;
  long long last_round_;
  std::size_t index_[kColumns] = {};
  std::optional<std::size_t> date_index_;
  std::size_t width_ = 0;
  std::vector<model::ObservedHistory> histories_;
  long long replication_ = -1;
  int ended_line_ = 0;      // the line where the current history ended, 0 while it goes on
  int unknown_line_ = 0;    // the previous row's line when its terms were unknown, else 0
  int unknown_column_ = 0;  // and its offer_m column
  int branching_line_ = 0;  // the current history's unknown round followed by more, else 0
  const char* ended_what_ = "";
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace

const std::vector<std::string>& HistoryCsvColumns() {
  static const std::vector<std::string> columns = {"replication", "round",     "proposer",
                                                   "offer_m",     "offer_g",   "offer_beta",
                                                   "accepted",    "opted_out", "breakdown"};
  return columns;
}

std::vector<model::ObservedHistory> ParseHistories(std::string_view text,
                                                   const std::string& file_name,
                                                   const model::Parameters& params) {
  return Parser(file_name, params).Parse(text);
}

std::vector<model::ObservedHistory> ReadHistories(const std::string& path,
                                                  const model::Parameters& params) {
  return ParseHistories(ReadInputFile(path), path == "-" ? "<stdin>" : path, params);
}

}  // namespace kaesong::io
