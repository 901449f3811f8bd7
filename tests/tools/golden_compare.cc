// golden_compare GOLDEN OUTPUT: compares a golden text file (CSV or TOML) with a fresh output,
// line by line and field by field (fields split at commas). Fields that both read in full as
// numbers (including nan and inf) are equal when they agree to 12 significant digits, with an
// absolute floor of 1e-9 for values near zero (the solvers' tolerances are of order 1e-10, so
// digits below that are rounding noise that differs between compilers and -march flags); every
// other field must match exactly. Exit 0 when equal, 1 with the first differences on stderr, 2 on
// bad usage or an unreadable file.
#include <charconv>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr double kRelative = 1e-12;
constexpr double kAbsolute = 1e-9;
constexpr int kMaxReported = 10;

bool ReadLines(const char* path, std::vector<std::string>* lines) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) lines->push_back(line);
  return true;
}

std::vector<std::string_view> Split(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    fields.push_back(line.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (comma == std::string_view::npos) return fields;
    start = comma + 1;
  }
}

bool Number(std::string_view text, double* value) {
  if (text.empty()) return false;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, *value);
  return ec == std::errc() && ptr == end;
}

bool SameField(std::string_view a, std::string_view b) {
  if (a == b) return true;
  double x, y;
  if (!Number(a, &x) || !Number(b, &y)) return false;
  if (std::isnan(x) || std::isnan(y) || std::isinf(x) || std::isinf(y)) return false;
  return std::abs(x - y) <= std::max(kRelative * std::max(std::abs(x), std::abs(y)), kAbsolute);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: golden_compare GOLDEN OUTPUT\n";
    return 2;
  }
  std::vector<std::string> golden, output;
  for (const auto& [path, lines] : {std::pair{argv[1], &golden}, std::pair{argv[2], &output}}) {
    if (!ReadLines(path, lines)) {
      std::cerr << "golden_compare: cannot read " << path << "\n";
      return 2;
    }
  }
  int reported = 0;
  if (golden.size() != output.size()) {
    std::cerr << argv[2] << ": " << output.size() << " lines, golden " << argv[1] << " has "
              << golden.size() << "\n";
    ++reported;
  }
  const std::size_t lines = std::min(golden.size(), output.size());
  for (std::size_t i = 0; i < lines && reported < kMaxReported; ++i) {
    if (golden[i] == output[i]) continue;
    const std::vector<std::string_view> a = Split(golden[i]), b = Split(output[i]);
    bool same = a.size() == b.size();
    for (std::size_t k = 0; same && k < a.size(); ++k) same = SameField(a[k], b[k]);
    if (same) continue;
    std::cerr << argv[2] << ":" << i + 1 << ": differs from the golden file\n  golden: "
              << golden[i] << "\n  output: " << output[i] << "\n";
    ++reported;
  }
  return reported == 0 ? 0 : 1;
}
