#include "sim/io/equilibrium_format.h"

#include <fmt/format.h>

#include <cmath>

namespace kaesong {

std::string FormatFixed(double value, int decimals) {
  std::string text = fmt::format("{:.{}f}", value, decimals);
  // A tiny negative value rounds to "-0.00..."; print it as zero.
  if (!text.empty() && text.front() == '-' &&
      text.find_first_not_of("-0.") == std::string::npos) {
    text.erase(0, 1);
  }
  return text;
}

namespace {

void AppendVector(std::string& out, const Eigen::VectorXd& v, int decimals) {
  for (Eigen::Index k = 0; k < v.size(); ++k) {
    out += ',';
    out += FormatFixed(v(k), decimals);
  }
}

}  // namespace

std::string FormatGambitLine(const MixedProfile& profile, int decimals, const char* tag) {
  std::string line = tag;
  AppendVector(line, profile.row, decimals);
  AppendVector(line, profile.col, decimals);
  line += '\n';
  return line;
}

std::string CsvHeader(const Bimatrix& game) {
  std::string header = "eq";
  for (Eigen::Index i = 1; i <= game.rows(); ++i) header += fmt::format(",p1_{}", i);
  for (Eigen::Index j = 1; j <= game.cols(); ++j) header += fmt::format(",p2_{}", j);
  header += ",max_regret,payoff_1,payoff_2\n";
  return header;
}

std::string CsvRow(int index, const Equilibrium& eq, int decimals) {
  std::string row = std::to_string(index);
  AppendVector(row, eq.profile.row, decimals);
  AppendVector(row, eq.profile.col, decimals);
  row += fmt::format(",{:.3e},{},{}\n", eq.max_regret, FormatFixed(eq.row_payoff, decimals),
                     FormatFixed(eq.col_payoff, decimals));
  return row;
}

}  // namespace kaesong
