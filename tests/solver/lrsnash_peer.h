// A small bridge to lrsnash (lrslib, Avis et al. 2010), the peer the vertex enumeration is
// checked against: writes a game in lrsnash's input format (payoffs as exact fractions of the
// doubles), runs it, and reads back the extreme equilibria it prints ("2 y... v" lines for the
// column player, then "1 x... u" for the row player; every x of a block pairs with every y).
#pragma once

#include "sim/solver/normal_form.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace kaesong::testing {

// The path of lrsnash, or empty when it is not installed.
inline std::string LrsnashPath() {
  for (const char* dir : {"/usr/bin", "/usr/local/bin"}) {
    const std::string path = std::string(dir) + "/lrsnash";
    if (std::ifstream(path).good()) return path;
  }
  return {};
}

// A double as the exact fraction "m/2^e" (or an integer).
inline std::string ExactFraction(double v) {
  if (v == std::floor(v) && std::abs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  int exponent = 0;
  const double mantissa = std::frexp(v, &exponent);  // v = mantissa * 2^exponent
  const auto numerator = static_cast<long long>(std::ldexp(mantissa, 53));
  int shift = 53 - exponent;  // v = numerator / 2^shift
  long long num = numerator;
  while (shift > 0 && num % 2 == 0) {
    num /= 2;
    --shift;
  }
  if (shift <= 0) return std::to_string(num * (1LL << -shift));
  return std::to_string(num) + "/" + std::to_string(1ULL << shift);
}

inline double ParseFraction(const std::string& text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) return std::stod(text);
  return std::stod(text.substr(0, slash)) / std::stod(text.substr(slash + 1));
}

// The extreme equilibria lrsnash reports for the game, or nullopt when it could not be run.
inline std::optional<std::vector<MixedProfile>> RunLrsnash(const Bimatrix& game,
                                                           const std::string& work_file) {
  const std::string lrsnash = LrsnashPath();
  if (lrsnash.empty()) return std::nullopt;
  {
    std::ofstream out(work_file);
    out << game.rows() << ' ' << game.cols() << "\n\n";
    for (const Eigen::MatrixXd* m : {&game.a, &game.b}) {
      for (Eigen::Index i = 0; i < game.rows(); ++i) {
        for (Eigen::Index j = 0; j < game.cols(); ++j) out << ExactFraction((*m)(i, j)) << ' ';
        out << '\n';
      }
      out << '\n';
    }
  }
  const std::string command = lrsnash + " " + work_file + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return std::nullopt;
  std::string text;
  char buffer[4096];
  while (std::size_t got = std::fread(buffer, 1, sizeof buffer, pipe)) text.append(buffer, got);
  if (pclose(pipe) != 0) return std::nullopt;
  std::vector<MixedProfile> found;
  std::vector<Eigen::VectorXd> xs, ys;
  auto flush = [&]() {
    for (const Eigen::VectorXd& x : xs) {
      for (const Eigen::VectorXd& y : ys) found.push_back(MixedProfile{x, y});
    }
    xs.clear();
    ys.clear();
  };
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream tokens(line);
    std::string player;
    if (!(tokens >> player) || (player != "1" && player != "2")) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) flush();
      continue;
    }
    const Eigen::Index size = player == "1" ? game.rows() : game.cols();
    Eigen::VectorXd v(size);
    std::string t;
    for (Eigen::Index k = 0; k < size && (tokens >> t); ++k) v(k) = ParseFraction(t);
    (player == "1" ? xs : ys).push_back(v);
  }
  flush();
  return found;
}

}  // namespace kaesong::testing
