#include "sim/io/scenario_writer.h"

#include "sim/io/scenario_dates.h"
#include "sim/io/scenario_schema.h"

#include <fmt/format.h>

#include <variant>

namespace kaesong::io {
namespace {

std::string SectionOf(const std::string& key) { return key.substr(0, key.rfind('.')); }

std::string LeafOf(const std::string& key) { return key.substr(key.rfind('.') + 1); }

std::string FormatValue(const KeySpec& spec, const KeyValue& value) {
  return std::visit(
      [&spec](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return spec.type == ValueType::kRounds ? "\"infinite\"" : "\"none\"";
        } else if constexpr (std::is_same_v<T, bool>) {
          return v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, long long>) {
          return fmt::format("{}", v);
        } else if constexpr (std::is_same_v<T, double>) {
          return TomlNumber(v);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return TomlString(v);
        } else if constexpr (std::is_same_v<T, model::Day>) {
          return IsoDate(v);
        } else if constexpr (std::is_same_v<T, std::vector<model::Day>>) {
          std::string text = "[";
          for (std::size_t i = 0; i < v.size(); ++i) {
            text += (i == 0 ? "" : ", ") + IsoDate(v[i]);
          }
          return text + "]";
        } else if constexpr (std::is_same_v<T, std::vector<double>>) {
          std::string text = "[";
          for (std::size_t i = 0; i < v.size(); ++i) text += (i == 0 ? "" : ", ") + TomlNumber(v[i]);
          return text + "]";
        } else {
          std::string text = "[";
          for (std::size_t i = 0; i < v.size(); ++i) {
            text += fmt::format("{}{{ start = {}, end = {} }}", i == 0 ? "" : ", ",
                                IsoDate(v[i].start), IsoDate(v[i].end));
          }
          return text + "]";
        }
      },
      value);
}

// "m = 90.0" when fixed with the default range, else a table with the range (and "fixed").
std::string FormatDimension(const model::DealDimension& d, const model::DealDimension& defaults) {
  if (d.fixed && d.min == defaults.min && d.max == defaults.max && d.grid == defaults.grid) {
    return TomlNumber(*d.fixed);
  }
  std::string text = fmt::format("{{ min = {}, max = {}, grid = {}", TomlNumber(d.min),
                                 TomlNumber(d.max), d.grid);
  if (d.fixed) text += fmt::format(", fixed = {}", TomlNumber(*d.fixed));
  return text + " }";
}

}  // namespace

std::string WriteResolvedScenario(const model::Parameters& params, std::string_view header) {
  std::string out;
  while (!header.empty()) {
    const std::size_t end = header.find('\n');
    const std::string_view line = header.substr(0, end);
    out += line.empty() ? std::string("#\n") : fmt::format("# {}\n", line);
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
  }
  const model::DealSpace default_deal;
  std::string section;
  for (const KeySpec& spec : ScenarioKeys()) {
    const std::string key_section = SectionOf(spec.name);
    if (key_section.find('.') != std::string::npos) continue;  // deal.m.* : written with deal.m
    if (key_section != section) {
      out += fmt::format("{}[{}]\n", out.empty() ? "" : "\n", key_section);
      section = key_section;
    }
    std::string value;
    if (spec.name == "deal.m") {
      value = FormatDimension(params.deal.m, default_deal.m);
    } else if (spec.name == "deal.g") {
      value = FormatDimension(params.deal.g, default_deal.g);
    } else if (spec.name == "deal.beta") {
      value = FormatDimension(params.deal.beta, default_deal.beta);
    } else {
      value = FormatValue(spec, spec.get(params));
    }
    out += fmt::format("{} = {}\n", LeafOf(spec.name), value);
  }
  return out;
}

}  // namespace kaesong::io
