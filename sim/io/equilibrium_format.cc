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

std::vector<std::string> ProbabilityTexts(const MixedProfile& profile, int decimals) {
  std::vector<std::string> texts;
  texts.reserve(static_cast<std::size_t>(profile.row.size() + profile.col.size()));
  for (const Eigen::VectorXd* v : {&profile.row, &profile.col}) {
    for (Eigen::Index k = 0; k < v->size(); ++k) texts.push_back(FormatFixed((*v)(k), decimals));
  }
  return texts;
}

std::string GambitLine(const std::vector<std::string>& probabilities, std::string_view tag) {
  std::string line(tag);
  for (const std::string& p : probabilities) {
    line += ',';
    line += p;
  }
  line += '\n';
  return line;
}

std::string FormatGambitLine(const MixedProfile& profile, int decimals, const char* tag) {
  return GambitLine(ProbabilityTexts(profile, decimals), tag);
}

std::string CsvHeader(const Bimatrix& game, bool with_component) {
  std::string header = "eq";
  for (Eigen::Index i = 1; i <= game.rows(); ++i) header += fmt::format(",p1_{}", i);
  for (Eigen::Index j = 1; j <= game.cols(); ++j) header += fmt::format(",p2_{}", j);
  header += ",max_regret,payoff_1,payoff_2";
  header += with_component ? ",component\n" : "\n";
  return header;
}

std::string CsvRow(int index, const Equilibrium& eq, int decimals) {
  return CsvRow(index, eq, ProbabilityTexts(eq.profile, decimals), decimals);
}

std::string CsvRow(int index, const Equilibrium& eq, const std::vector<std::string>& probabilities,
                   int decimals, int component) {
  std::string row = GambitLine(probabilities, std::to_string(index));
  row.pop_back();  // the newline
  row += fmt::format(",{:.3e},{},{}", eq.max_regret, FormatFixed(eq.row_payoff, decimals),
                     FormatFixed(eq.col_payoff, decimals));
  row += component > 0 ? fmt::format(",{}\n", component) : "\n";
  return row;
}

namespace {

// lambda, std_error and log_likelihood, comma separated.
std::string EstimateValues(const LogitEstimate& estimate, int decimals, std::string_view lambda,
                           std::string_view std_error, std::string_view log_likelihood) {
  return fmt::format("{}{},{}{},{}{}", lambda, FormatFixed(estimate.lambda, decimals), std_error,
                     FormatFixed(estimate.std_error, decimals), log_likelihood,
                     FormatFixed(estimate.log_likelihood, decimals));
}

}  // namespace

std::string_view BoundName(EstimateBound bound) {
  switch (bound) {
    case EstimateBound::kInterior: return "none";
    case EstimateBound::kLower: return "lower";
    case EstimateBound::kUpper: return "upper";
  }
  return "none";
}

std::string EstimateGambitLines(const LogitEstimate& estimate, int decimals) {
  return FormatGambitLine(estimate.result.equilibria.at(0).profile, decimals, "QRE") +
         fmt::format("estimate,{},bound={}\n",
                     EstimateValues(estimate, decimals, "lambda=", "std_error=", "log_likelihood="),
                     BoundName(estimate.bound));
}

std::string EstimateCsvHeader(const Bimatrix& game) {
  std::string header = CsvHeader(game);
  header.pop_back();  // the newline
  return header + ",lambda,std_error,log_likelihood,bound\n";
}

std::string EstimateCsvRow(const LogitEstimate& estimate, int decimals) {
  std::string row = CsvRow(1, estimate.result.equilibria.at(0), decimals);
  row.pop_back();  // the newline
  return fmt::format("{},{},{}\n", row, EstimateValues(estimate, decimals, "", "", ""),
                     BoundName(estimate.bound));
}

}  // namespace kaesong
