#include "sim/io/csv.h"

#include "sim/io/scenario_dates.h"

#include <fmt/format.h>

#include <cmath>

namespace kaesong::io {
namespace {

const char* Bool(bool value) { return value ? "true" : "false"; }

const char* ProposerWord(model::Proposer p) {
  return p == model::Proposer::kSeoul ? "seoul" : "pyongyang";
}

void WriteHeader(std::ostream& out, const std::vector<std::string>& columns) {
  for (std::size_t i = 0; i < columns.size(); ++i) out << (i == 0 ? "" : ",") << columns[i];
  out << '\n';
}

}  // namespace

const std::vector<std::string>& RoundsCsvColumns() {
  static const std::vector<std::string> columns = {
      "scenario",  "replication",      "round",        "date",
      "proposer",  "offer_m",          "offer_g",      "offer_beta",
      "accepted",  "opted_out",        "breakdown",    "drill",
      "seoul_option_active", "pyongyang_option_active", "value_seoul", "value_pyongyang"};
  return columns;
}

std::vector<std::string> RoundsCsvColumns(int types) {
  std::vector<std::string> columns = RoundsCsvColumns();
  if (types <= 0) return columns;
  columns.push_back("type");
  columns.push_back("belief_mean");
  for (int k = 1; k <= types; ++k) columns.push_back(fmt::format("belief_{}", k));
  return columns;
}

const std::vector<std::string>& SummaryCsvColumns() {
  static const std::vector<std::string> columns = {
      "scenario",
      "replications",
      "agree_prob",
      "breakdown_prob",
      "opt_out_prob",
      "mean_agreement_round",
      "mean_agreement_day",
      "record_prob",
      "mean_m",
      "mean_g",
      "mean_beta",
      "mean_value_seoul",
      "mean_value_pyongyang",
      "shutdown_hazard",
      "first_offer_m",
      "first_offer_g",
      "first_offer_beta",
      "first_offer_accept_prob",
      "equilibrium_value_seoul",
      "equilibrium_value_pyongyang",
      "critical_face_cost",
      "nash_m",
      "nash_g",
      "nash_beta",
      "ks_m",
      "ks_g",
      "ks_beta",
      "solver_status",
      "solver_iterations",
      "solver_residual"};
  return columns;
}

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string CsvNumber(double value) {
  if (std::isnan(value)) return "nan";
  return fmt::format("{}", value);
}

void WriteRoundsCsv(std::ostream& out, std::string_view scenario,
                    const std::vector<engine::RoundRecord>& rounds,
                    const engine::BeliefColumns& beliefs) {
  WriteHeader(out, RoundsCsvColumns(beliefs.types));
  const std::string name = CsvField(scenario);
  for (const engine::RoundRecord& r : rounds) {
    out << fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}", name, r.replication,
                       r.round, IsoDate(r.date), r.simultaneous ? "both" : ProposerWord(r.proposer), CsvNumber(r.offer_m),
                       CsvNumber(r.offer_g), CsvNumber(r.offer_beta), Bool(r.accepted),
                       Bool(r.opted_out), Bool(r.breakdown), Bool(r.drill),
                       Bool(r.seoul_option_active), Bool(r.pyongyang_option_active),
                       CsvNumber(r.value_seoul), CsvNumber(r.value_pyongyang));
    if (beliefs.types > 0) {
      const std::size_t j = static_cast<std::size_t>(r.belief_state);
      out << fmt::format(",{},{}", r.type, CsvNumber(beliefs.mean[j]));
      for (int k = 0; k < beliefs.types; ++k) {
        out << ',' << CsvNumber(beliefs.posterior[j * static_cast<std::size_t>(beliefs.types) + k]);
      }
    }
    out << '\n';
  }
}

std::string SummaryCsvCells(const engine::RunSummary& s) {
  return fmt::format(
      "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
      s.replications, CsvNumber(s.agree_prob), CsvNumber(s.breakdown_prob),
      CsvNumber(s.opt_out_prob), CsvNumber(s.mean_agreement_round),
      CsvNumber(s.mean_agreement_day), CsvNumber(s.record_prob), CsvNumber(s.mean_m), CsvNumber(s.mean_g),
      CsvNumber(s.mean_beta), CsvNumber(s.mean_value_seoul), CsvNumber(s.mean_value_pyongyang),
      CsvNumber(s.shutdown_hazard), CsvNumber(s.first_offer_m), CsvNumber(s.first_offer_g),
      CsvNumber(s.first_offer_beta), CsvNumber(s.first_offer_accept_prob),
      CsvNumber(s.equilibrium_value_seoul), CsvNumber(s.equilibrium_value_pyongyang),
      CsvNumber(s.critical_face_cost), CsvNumber(s.nash.m), CsvNumber(s.nash.g),
      CsvNumber(s.nash.beta), CsvNumber(s.kalai_smorodinsky.m), CsvNumber(s.kalai_smorodinsky.g),
      CsvNumber(s.kalai_smorodinsky.beta), CsvField(s.solver_status), s.solver_iterations, CsvNumber(s.solver_residual));
}

std::vector<std::string> RunSummaryCsvColumns(const engine::RunSummary& s) {
  std::vector<std::string> columns = SummaryCsvColumns();
  for (std::size_t k = 1; k <= s.agree_prob_by_type.size(); ++k) {
    columns.push_back(fmt::format("agree_prob_{}", k));
  }
  return columns;
}

std::string RunSummaryCsvCells(const engine::RunSummary& s) {
  std::string cells = SummaryCsvCells(s);
  for (double p : s.agree_prob_by_type) cells += ',' + CsvNumber(p);
  return cells;
}

void WriteSummaryCsv(std::ostream& out, std::string_view scenario,
                     const engine::RunSummary& s) {
  WriteHeader(out, RunSummaryCsvColumns(s));
  out << CsvField(scenario) << ',' << RunSummaryCsvCells(s) << '\n';
}

}  // namespace kaesong::io
