#include "sim/io/sweep_file.h"

#include "sim/io/atomic_file.h"

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace kaesong::io {

using engine::ParseShardSpec;
using engine::ShardRange;
using engine::SweepHeader;
using engine::SweepPlan;
using engine::SweepSpecError;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;


std::string RecordPath(const std::string& out_path) { return out_path + ".sweep"; }

void WriteText(const std::string& path, const std::string& text) {
  WriteFileAtomically(path, [&](std::ostream& out) { out << text; });
}

std::string FormatRecord(const SweepRecord& r) {
  return fmt::format(
      "kaesong-sweep 1\nfingerprint={}\nidentity={}\npoints={}\nshard={}/{}\nfirst={}\nend={}\n"
      "complete={}\n",
      r.fingerprint, r.identity, r.points, r.shard_index, r.shard_count, r.first, r.end,
      r.complete ? 1 : 0);
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("cannot read '{}': {}", path, std::strerror(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

SweepRecord ParseRecord(const std::string& path) {
  std::istringstream in(ReadWholeFile(path));
  std::string line;
  SweepRecord r;
  std::getline(in, line);
  const auto bad = [&](const std::string& why) {
    return SweepSpecError(fmt::format("'{}' is not a sweep record: {}", path, why));
  };
  if (line != "kaesong-sweep 1") throw bad("missing 'kaesong-sweep 1' first line");
  std::map<std::string, std::string> fields;
  while (std::getline(in, line)) {
    const std::size_t eq = line.find('=');
    if (eq == std::string::npos) throw bad(fmt::format("line '{}'", line));
    fields[line.substr(0, eq)] = line.substr(eq + 1);
  }
  try {
    r.fingerprint = fields.at("fingerprint");
    r.identity = fields.at("identity");
    r.points = std::stoll(fields.at("points"));
    std::tie(r.shard_index, r.shard_count) = ParseShardSpec(fields.at("shard"));
    r.first = std::stoll(fields.at("first"));
    r.end = std::stoll(fields.at("end"));
    r.complete = fields.at("complete") == "1";
  } catch (const std::out_of_range&) {
    throw bad("a field is missing");
  } catch (const std::invalid_argument&) {
    throw bad("a field is not a number");
  }
  return r;
}

// Rows of a sweep CSV after the header: (point index, whole line with newline). Stops at a final
// line without newline (an interrupted write) and reports where the complete part ends.
struct CsvRows {
  std::string header;
  std::vector<std::pair<long long, std::string_view>> rows;
  std::size_t complete_bytes = 0;
};

CsvRows SplitRows(const std::string& text, const std::string& path) {
  CsvRows out;
  const std::size_t header_end = text.find('\n');
  if (header_end == std::string::npos) return out;
  out.header = text.substr(0, header_end);
  out.complete_bytes = header_end + 1;
  std::size_t pos = header_end + 1;
  while (pos < text.size()) {
    const std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) break;
    const std::string_view line(text.data() + pos, end + 1 - pos);
    long long point = 0;
    const auto [ptr, ec] = std::from_chars(line.data(), line.data() + line.size(), point);
    if (ec != std::errc() || *ptr != ',') {
      throw SweepSpecError(fmt::format("'{}': row at byte {} does not start with a point index",
                                       path, pos));
    }
    out.rows.emplace_back(point, line);
    pos = end + 1;
    out.complete_bytes = pos;
  }
  return out;
}

std::string FormatDuration(double seconds) {
  if (!(seconds < 1e12)) return "?";
  const auto s = static_cast<long long>(seconds + 0.5);
  if (s >= 86400) return fmt::format("{}d{:02}h", s / 86400, (s % 86400) / 3600);
  if (s >= 3600) return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
  if (s >= 60) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}s", s);
}

}  // namespace

SweepOutput::SweepOutput(const SweepPlan& plan, const std::string& header_tail,
                         const SweepOutputOptions& options)
    : out_path_(options.out_path), progress_(options.progress), started_(Clock::now()) {
  if (options.shard_count < 1 || options.shard_index < 0 ||
      options.shard_index >= options.shard_count) {
    throw SweepSpecError("--shard", "index out of range");
  }
  if (options.resume && options.out_path.empty()) {
    throw SweepSpecError("--resume needs --out FILE");
  }
  const std::string header = SweepHeader(plan, header_tail);
  std::tie(first_point_, end_point_) =
      ShardRange(plan.PointCount(), options.shard_index, options.shard_count);
  next_point_ = first_point_;

  record_.fingerprint = plan.Fingerprint();
  record_.identity = options.identity;
  record_.points = plan.PointCount();
  record_.shard_index = options.shard_index;
  record_.shard_count = options.shard_count;
  record_.first = first_point_;
  record_.end = end_point_;

  bool append = false;  // resuming a file that already holds its header
  if (!out_path_.empty()) {
    if (options.resume && fs::exists(out_path_)) {
      const std::string record_path = RecordPath(out_path_);
      if (!fs::exists(record_path)) {
        throw SweepSpecError(fmt::format(
            "--resume: '{}' has no sweep record '{}'; cannot tell which sweep it holds",
            out_path_, record_path));
      }
      const SweepRecord old = ParseRecord(record_path);
      if (old.fingerprint != record_.fingerprint || old.identity != record_.identity ||
          old.shard_index != record_.shard_index || old.shard_count != record_.shard_count) {
        throw SweepSpecError(fmt::format(
            "--resume: '{}' holds a different sweep (other --vary, --sample, --seed, scenario "
            "or --shard)",
            out_path_));
      }
      const std::string text = ReadWholeFile(out_path_);
      const CsvRows existing = SplitRows(text, out_path_);
      if (!existing.header.empty()) {
        if (existing.header != header) {
          throw SweepSpecError(fmt::format("--resume: '{}' has another header", out_path_));
        }
        long long expect = first_point_;
        for (const auto& [point, line] : existing.rows) {
          if (point != expect) {
            throw SweepSpecError(fmt::format("--resume: '{}' has point {} where {} belongs",
                                             out_path_, point, expect));
          }
          ++expect;
        }
        next_point_ = expect;
        fs::resize_file(out_path_, existing.complete_bytes);  // drop a torn last row
        append = true;
      }
    }
    file_ = std::fopen(out_path_.c_str(), append ? "ab" : "wb");
    if (file_ == nullptr) {
      throw FileWriteError(out_path_, errno != 0 ? errno : EIO);
    }
    WriteText(RecordPath(out_path_), FormatRecord(record_));
  } else {
    file_ = stdout;
  }
  resumed_points_ = next_point_ - first_point_;
  written_ = next_point_;
  if (!append) Write(header + "\n", 0);
}

SweepOutput::~SweepOutput() {
  if (file_ != nullptr && file_ != stdout) std::fclose(file_);
}

void SweepOutput::Write(const std::string& rows, long long row_count) {
  if (std::fwrite(rows.data(), 1, rows.size(), file_) != rows.size() || std::fflush(file_) != 0) {
    throw std::runtime_error(fmt::format("cannot write '{}': {}",
                                         out_path_.empty() ? "<stdout>" : out_path_,
                                         std::strerror(errno)));
  }
  written_ += row_count;
  if (row_count == 0) return;
  if (!progress_) {
    Announce();
    return;
  }
  const auto now = Clock::now();
  if (now - last_progress_ < std::chrono::milliseconds(200) && written_ != end_point_) return;
  last_progress_ = now;
  const double elapsed = std::chrono::duration<double>(now - started_).count();
  const long long done = written_ - next_point_;
  const double rate = elapsed > 0 ? done / elapsed : 0.0;
  fmt::print(stderr, "\rsweep: {}/{} points, {:.1f} points/s, ETA {}   ", written_ - first_point_,
             end_point_ - first_point_, rate,
             FormatDuration(rate > 0 ? (end_point_ - written_) / rate : 1e9));
  std::fflush(stderr);
}

void SweepOutput::Announce() {
  if (announced_) return;
  const double elapsed = std::chrono::duration<double>(Clock::now() - started_).count();
  if (elapsed < kAnnounceAfter) return;
  announced_ = true;
  const long long done = written_ - next_point_;
  const double rate = done / elapsed;
  const double left = (end_point_ - written_) / rate;
  if (left < kAnnounceLongerThan) return;
  fmt::print(stderr, "sweep: {} points, {} done in {}: about {} to go at {:.3g} points/s\n",
             end_point_ - first_point_, written_ - first_point_, FormatDuration(elapsed),
             FormatDuration(left), rate);
  std::fflush(stderr);
}

SweepRunReport SweepOutput::Finish() {
  if (progress_) fmt::print(stderr, "\n");
  if (file_ != stdout) {
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!closed) {
      throw std::runtime_error(fmt::format("cannot write '{}': {}", out_path_, std::strerror(errno)));
    }
    record_.complete = true;
    WriteText(RecordPath(out_path_), FormatRecord(record_));
  }
  SweepRunReport report;
  report.first_point = first_point_;
  report.end_point = end_point_;
  report.resumed_points = resumed_points_;
  report.computed_points = written_ - next_point_;
  report.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
  return report;
}

void MergeSweepParts(const std::string& out_path, const std::vector<std::string>& part_paths) {
  if (part_paths.empty()) throw SweepSpecError("merge: no parts given");
  struct Part {
    std::string path;
    SweepRecord record;
  };
  std::vector<Part> parts;
  for (const std::string& path : part_paths) {
    if (!fs::exists(path)) throw SweepSpecError(fmt::format("merge: '{}' does not exist", path));
    const std::string record_path = RecordPath(path);
    if (!fs::exists(record_path)) {
      throw SweepSpecError(fmt::format("merge: '{}' has no sweep record '{}'", path, record_path));
    }
    parts.push_back({path, ParseRecord(record_path)});
  }
  const SweepRecord& first = parts.front().record;
  for (const Part& part : parts) {
    const SweepRecord& r = part.record;
    if (r.fingerprint != first.fingerprint || r.identity != first.identity ||
        r.points != first.points || r.shard_count != first.shard_count) {
      throw SweepSpecError(fmt::format("merge: '{}' belongs to another sweep than '{}'", part.path,
                                       parts.front().path));
    }
    if (!r.complete) {
      throw SweepSpecError(fmt::format("merge: '{}' is incomplete (finish it with --resume)",
                                       part.path));
    }
  }
  std::sort(parts.begin(), parts.end(),
            [](const Part& a, const Part& b) { return a.record.shard_index < b.record.shard_index; });
  for (std::size_t k = 1; k < parts.size(); ++k) {
    if (parts[k].record.shard_index == parts[k - 1].record.shard_index) {
      throw SweepSpecError(fmt::format("merge: '{}' and '{}' are the same shard {}/{}",
                                       parts[k - 1].path, parts[k].path,
                                       parts[k].record.shard_index, first.shard_count));
    }
  }
  std::vector<int> missing;
  std::size_t k = 0;
  for (int s = 0; s < first.shard_count; ++s) {
    if (k < parts.size() && parts[k].record.shard_index == s) {
      ++k;
    } else {
      missing.push_back(s);
    }
  }
  if (!missing.empty()) {
    std::string list;
    for (int s : missing) list += fmt::format("{}{}/{}", list.empty() ? "" : ", ", s, first.shard_count);
    throw SweepSpecError(fmt::format("merge: missing shard{} {}", missing.size() > 1 ? "s" : "", list));
  }
  std::string merged;
  std::string header;
  for (const Part& part : parts) {
    const std::string text = ReadWholeFile(part.path);
    const CsvRows rows = SplitRows(text, part.path);
    if (header.empty()) {
      header = rows.header;
      merged = header + "\n";
    } else if (rows.header != header) {
      throw SweepSpecError(fmt::format("merge: '{}' has another header", part.path));
    }
    long long expect = part.record.first;
    for (const auto& [point, line] : rows.rows) {
      if (point != expect) {
        throw SweepSpecError(fmt::format("merge: '{}' has point {} where {} belongs", part.path,
                                         point, expect));
      }
      merged.append(line);
      ++expect;
    }
    if (expect != part.record.end || rows.complete_bytes != text.size()) {
      throw SweepSpecError(fmt::format("merge: '{}' is truncated (points {}..{} expected)",
                                       part.path, part.record.first, part.record.end - 1));
    }
  }
  WriteText(out_path, merged);
  SweepRecord whole = first;
  whole.shard_index = 0;
  whole.shard_count = 1;
  whole.first = 0;
  whole.end = first.points;
  whole.complete = true;
  WriteText(RecordPath(out_path), FormatRecord(whole));
}

}  // namespace kaesong::io
