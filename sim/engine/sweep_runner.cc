#include "sim/engine/sweep_runner.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

namespace kaesong::engine {

namespace {

// Rows finished ahead of the next row to write, per thread, before a worker waits.
constexpr long long kWindowPerThread = 256;

}  // namespace

std::pair<long long, long long> ShardRange(long long points, int shard_index, int shard_count) {
  const long long base = points / shard_count;
  const long long extra = points % shard_count;
  const long long first = shard_index * base + std::min<long long>(shard_index, extra);
  return {first, first + base + (shard_index < extra ? 1 : 0)};
}

std::pair<int, int> ParseShardSpec(const std::string& text) {
  int index = -1, count = 0;
  const std::size_t slash = text.find('/');
  const auto fail = [&](const std::string& why) {
    return SweepSpecError("--shard " + text, why);
  };
  if (slash == std::string::npos) throw fail("expected i/N with 0 <= i < N");
  const auto parse = [](std::string_view s, int* out) {
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
    return ec == std::errc() && ptr == s.data() + s.size() && !s.empty();
  };
  if (!parse(std::string_view(text).substr(0, slash), &index) ||
      !parse(std::string_view(text).substr(slash + 1), &count)) {
    throw fail("expected i/N with whole numbers");
  }
  if (count < 1) throw fail(fmt::format("N must be at least 1, got {}", count));
  if (index < 0 || index >= count) throw fail(fmt::format("i must be in 0..{}, got {}", count - 1, index));
  return {index, count};
}

std::string SweepHeader(const SweepPlan& plan, const std::string& header_tail) {
  std::string header = "point";
  for (const SweepAxis& axis : plan.axes()) header += "," + axis.key;
  if (!header_tail.empty()) header += "," + header_tail;
  return header;
}

std::string FormatPointRow(const SweepPlan& plan, const PointEvaluator& evaluate, long long p) {
  const std::vector<std::string> values = plan.PointValues(p);
  std::string row = std::to_string(p);
  for (const std::string& v : values) row += "," + v;
  const std::string cells = evaluate(p, values);
  if (!cells.empty()) row += "," + cells;
  row += '\n';
  return row;
}

void RunSweep(const SweepPlan& plan, const PointEvaluator& evaluate, int threads, RowSink& output) {
  threads = threads > 0 ? threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  const long long window = kWindowPerThread * threads;
  std::atomic<long long> next_claim{output.next_point()};
  std::mutex mutex;
  std::condition_variable row_written;
  std::map<long long, std::string> finished;
  long long next_write = output.next_point();
  std::exception_ptr failure;

  const auto worker = [&] {
    while (true) {
      const long long p = next_claim.fetch_add(1);
      if (p >= output.end_point()) return;
      {
        std::unique_lock lock(mutex);
        row_written.wait(lock, [&] { return p < next_write + window || failure; });
        if (failure) return;
      }
      std::string row;
      try {
        row = FormatPointRow(plan, evaluate, p);
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::current_exception();
        row_written.notify_all();
        return;
      }
      std::lock_guard lock(mutex);
      if (failure) return;
      finished.emplace(p, std::move(row));
      std::string ready;
      long long count = 0;
      for (auto it = finished.begin(); it != finished.end() && it->first == next_write;
           it = finished.erase(it)) {
        ready += it->second;
        ++next_write;
        ++count;
      }
      if (count == 0) continue;
      try {
        output.Write(ready, count);
      } catch (...) {
        failure = std::current_exception();
      }
      row_written.notify_all();
    }
  };

  const long long remaining = output.end_point() - output.next_point();
  const int spawned =
      static_cast<int>(std::clamp<long long>(remaining, 1, static_cast<long long>(threads)));
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(spawned));
  for (int t = 0; t < spawned; ++t) pool.emplace_back(worker);
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace kaesong::engine
