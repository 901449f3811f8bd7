#include "sim/io/scenario_schema.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace kaesong::io {
namespace {

using model::Parameters;

// A field accessor is a generic lambda `[](auto& p) -> auto& { return p.x.y; }`, usable on both
// const and mutable Parameters.
template <typename Field>
KeySpec Number(std::string name, Field field) {
  return {std::move(name), ValueType::kNumber, {}, "",
          [field](Parameters& p, const KeyValue& v) { field(p) = std::get<double>(v); },
          [field](const Parameters& p) -> KeyValue { return field(p); }};
}

template <typename Field>
KeySpec Integer(std::string name, Field field) {
  return {std::move(name), ValueType::kInteger, {}, "",
          [field](Parameters& p, const KeyValue& v) {
            field(p) = static_cast<int>(std::get<long long>(v));
          },
          [field](const Parameters& p) -> KeyValue { return static_cast<long long>(field(p)); }};
}

template <typename Field>
KeySpec String(std::string name, Field field) {
  return {std::move(name), ValueType::kString, {}, "",
          [field](Parameters& p, const KeyValue& v) { field(p) = std::get<std::string>(v); },
          [field](const Parameters& p) -> KeyValue { return field(p); }};
}

template <typename Field>
KeySpec Boolean(std::string name, Field field) {
  return {std::move(name), ValueType::kBoolean, {}, "",
          [field](Parameters& p, const KeyValue& v) { field(p) = std::get<bool>(v); },
          [field](const Parameters& p) -> KeyValue { return field(p); }};
}

template <typename Field>
KeySpec NumberOrNone(std::string name, Field field) {
  return {std::move(name), ValueType::kNumberOrNone, {}, "",
          [field](Parameters& p, const KeyValue& v) {
            if (const double* x = std::get_if<double>(&v)) {
              field(p) = *x;
            } else {
              field(p).reset();
            }
          },
          [field](const Parameters& p) -> KeyValue {
            if (field(p)) return *field(p);
            return std::monostate{};
          }};
}

template <typename Field>
KeySpec DateOrNone(std::string name, Field field) {
  return {std::move(name), ValueType::kDateOrNone, {}, "",
          [field](Parameters& p, const KeyValue& v) {
            if (const model::Day* d = std::get_if<model::Day>(&v)) {
              field(p) = *d;
            } else {
              field(p).reset();
            }
          },
          [field](const Parameters& p) -> KeyValue {
            if (field(p)) return *field(p);
            return std::monostate{};
          }};
}

template <typename Field>
KeySpec NumberList(std::string name, Field field) {
  return {std::move(name), ValueType::kNumberList, {}, "",
          [field](Parameters& p, const KeyValue& v) { field(p) = std::get<std::vector<double>>(v); },
          [field](const Parameters& p) -> KeyValue { return field(p); }};
}

// An enum written as one of `words`; values[i] is the enumerator for words[i].
template <typename Enum, typename Field>
KeySpec Word(std::string name, std::vector<std::pair<std::string, Enum>> table, Field field) {
  std::vector<std::string> words;
  for (const auto& entry : table) words.push_back(entry.first);
  return {std::move(name), ValueType::kWord, std::move(words), "",
          [table, field](Parameters& p, const KeyValue& v) {
            const std::string& word = std::get<std::string>(v);
            for (const auto& [w, e] : table) {
              if (w == word) field(p) = e;
            }
          },
          [table, field](const Parameters& p) -> KeyValue {
            for (const auto& [w, e] : table) {
              if (field(p) == e) return w;
            }
            return table.front().first;
          }};
}

void AddDimension(std::vector<KeySpec>& keys, const std::string& name,
                  model::DealDimension model::DealSpace::*dimension) {
  const auto dim = [dimension](auto& p) -> auto& { return p.deal.*dimension; };
  const auto set_fixed = [dim](Parameters& p, const KeyValue& v) {
    dim(p).fixed = std::get<double>(v);
  };
  const auto get_fixed = [dim](const Parameters& p) -> KeyValue {
    if (dim(p).fixed) return *dim(p).fixed;
    return std::monostate{};
  };
  // "deal.m = 90" fixes the dimension.
  keys.push_back({name, ValueType::kNumber, {}, "a number or a table { min, max, grid }",
                  set_fixed, get_fixed});
  // Range parts make the dimension a range again.
  KeySpec min = Number(name + ".min", [dim](auto& p) -> auto& { return dim(p).min; });
  min.set = [dim](Parameters& p, const KeyValue& v) {
    dim(p).min = std::get<double>(v);
    dim(p).fixed.reset();
  };
  keys.push_back(min);
  KeySpec max = Number(name + ".max", [dim](auto& p) -> auto& { return dim(p).max; });
  max.set = [dim](Parameters& p, const KeyValue& v) {
    dim(p).max = std::get<double>(v);
    dim(p).fixed.reset();
  };
  keys.push_back(max);
  KeySpec grid = Integer(name + ".grid", [dim](auto& p) -> auto& { return dim(p).grid; });
  grid.set = [dim](Parameters& p, const KeyValue& v) {
    dim(p).grid = static_cast<int>(std::get<long long>(v));
    dim(p).fixed.reset();
  };
  keys.push_back(grid);
  // In a sub-table, "fixed" is applied after the range parts.
  keys.push_back({name + ".fixed", ValueType::kNumber, {}, "", set_fixed, get_fixed});
}

void AddSide(std::vector<KeySpec>& keys, const std::string& side_name,
             model::Side Parameters::*side) {
  const auto s = [side](auto& p) -> auto& { return p.*side; };
  const std::string prefix = side_name + ".";
  if (side_name == "seoul") {
    keys.push_back(Number(prefix + "pi", [s](auto& p) -> auto& { return s(p).pi; }));
  }
  keys.push_back(Number(prefix + "guarantee_weight",
                        [s](auto& p) -> auto& { return s(p).guarantee_weight; }));
  keys.push_back(
      Number(prefix + "blame_weight", [s](auto& p) -> auto& { return s(p).blame_weight; }));
  keys.push_back(Number(prefix + "discount", [s](auto& p) -> auto& { return s(p).discount; }));
  keys.push_back(Number(prefix + "impasse", [s](auto& p) -> auto& { return s(p).impasse; }));
  keys.push_back(Number(prefix + "breakdown_payoff",
                        [s](auto& p) -> auto& { return s(p).breakdown_payoff; }));
  keys.push_back(NumberOrNone(prefix + "outside_option",
                              [s](auto& p) -> auto& { return s(p).outside_option; }));
  keys.push_back(DateOrNone(prefix + "outside_option_from",
                            [s](auto& p) -> auto& { return s(p).outside_option_from; }));
  keys.push_back(Word<model::TemptationKind>(
      prefix + "temptation",
      {{"none", model::TemptationKind::kNone},
       {"fixed", model::TemptationKind::kFixed},
       {"exponential", model::TemptationKind::kExponential}},
      [s](auto& p) -> auto& { return s(p).temptation.kind; }));
  keys.push_back(Number(prefix + "temptation_mean",
                        [s](auto& p) -> auto& { return s(p).temptation.mean; }));
  keys.push_back(Number(prefix + "temptation_drill_mean",
                        [s](auto& p) -> auto& { return s(p).temptation.drill_mean; }));
}

std::vector<KeySpec> BuildKeys() {
  std::vector<KeySpec> keys;
  keys.push_back(String("scenario.name", [](auto& p) -> auto& { return p.name; }));
  keys.push_back(String("scenario.description", [](auto& p) -> auto& { return p.description; }));

  AddDimension(keys, "deal.m", &model::DealSpace::m);
  AddDimension(keys, "deal.g", &model::DealSpace::g);
  AddDimension(keys, "deal.beta", &model::DealSpace::beta);

  AddSide(keys, "seoul", &Parameters::seoul);
  AddSide(keys, "pyongyang", &Parameters::pyongyang);

  keys.push_back(Number("durability.penalty_max",
                        [](auto& p) -> auto& { return p.durability.penalty_max; }));
  keys.push_back(
      Number("durability.discount", [](auto& p) -> auto& { return p.durability.discount; }));
  keys.push_back(
      Number("durability.drill_share", [](auto& p) -> auto& { return p.durability.drill_share; }));
  keys.push_back(Boolean("durability.seoul_may_shut",
                         [](auto& p) -> auto& { return p.durability.seoul_may_shut; }));
  keys.push_back(
      Number("durability.reopen_prob", [](auto& p) -> auto& { return p.durability.reopen_prob; }));

  keys.push_back(Word<model::ProtocolKind>(
      "protocol.kind",
      {{"alternating", model::ProtocolKind::kAlternating},
       {"simultaneous", model::ProtocolKind::kSimultaneous}},
      [](auto& p) -> auto& { return p.protocol.kind; }));
  keys.push_back(Word<model::Proposer>(
      "protocol.first",
      {{"seoul", model::Proposer::kSeoul}, {"pyongyang", model::Proposer::kPyongyang}},
      [](auto& p) -> auto& { return p.protocol.first; }));
  keys.push_back(Word<model::ProposerOrder>(
      "protocol.order",
      {{"alternate", model::ProposerOrder::kAlternate},
       {"random", model::ProposerOrder::kRandom},
       {"fixed", model::ProposerOrder::kFixed}},
      [](auto& p) -> auto& { return p.protocol.order; }));
  keys.push_back(Number("protocol.seoul_proposes_prob",
                        [](auto& p) -> auto& { return p.protocol.seoul_proposes_prob; }));
  keys.push_back({"protocol.rounds", ValueType::kRounds, {}, "",
                  [](Parameters& p, const KeyValue& v) {
                    if (const long long* n = std::get_if<long long>(&v)) {
                      p.protocol.rounds = static_cast<int>(*n);
                    } else {
                      p.protocol.rounds.reset();
                    }
                  },
                  [](const Parameters& p) -> KeyValue {
                    if (p.protocol.rounds) return static_cast<long long>(*p.protocol.rounds);
                    return std::monostate{};
                  }});
  keys.push_back(
      Number("protocol.breakdown", [](auto& p) -> auto& { return p.protocol.breakdown; }));
  keys.push_back(Number("protocol.drill_breakdown",
                        [](auto& p) -> auto& { return p.protocol.drill_breakdown; }));
  keys.push_back(Integer("protocol.drafts", [](auto& p) -> auto& { return p.protocol.drafts; }));

  keys.push_back({"calendar.rounds", ValueType::kDateList, {}, "",
                  [](Parameters& p, const KeyValue& v) {
                    p.calendar.round_dates = std::get<std::vector<model::Day>>(v);
                  },
                  [](const Parameters& p) -> KeyValue { return p.calendar.round_dates; }});
  keys.push_back(Integer("calendar.spacing_days",
                         [](auto& p) -> auto& { return p.calendar.spacing_days; }));
  keys.push_back({"calendar.drills", ValueType::kDrillList, {}, "",
                  [](Parameters& p, const KeyValue& v) {
                    p.calendar.drills = std::get<std::vector<model::DrillWindow>>(v);
                  },
                  [](const Parameters& p) -> KeyValue { return p.calendar.drills; }});

  keys.push_back(Word<model::SolutionConcept>(
      "solution.concept",
      {{"spe", model::SolutionConcept::kSpe},
       {"qre", model::SolutionConcept::kQre},
       {"pbe", model::SolutionConcept::kPbe}},
      [](auto& p) -> auto& { return p.solution.solution_concept; }));
  keys.push_back(Number("solution.lambda", [](auto& p) -> auto& { return p.solution.lambda; }));
  keys.push_back(
      Number("solution.tolerance", [](auto& p) -> auto& { return p.solution.tolerance; }));
  keys.push_back(Integer("solution.max_iterations",
                         [](auto& p) -> auto& { return p.solution.max_iterations; }));
  keys.push_back(
      Number("solution.nash_weight", [](auto& p) -> auto& { return p.solution.nash_weight; }));

  keys.push_back(Word<model::HiddenParameter>(
      "information.hidden",
      {{"none", model::HiddenParameter::kNone},
       {"pyongyang.blame_weight", model::HiddenParameter::kBlameWeight},
       {"pyongyang.discount", model::HiddenParameter::kDiscount},
       {"pyongyang.impasse", model::HiddenParameter::kImpasse},
       {"pyongyang.breakdown_payoff", model::HiddenParameter::kBreakdownPayoff}},
      [](auto& p) -> auto& { return p.information.hidden; }));
  keys.push_back(NumberList("information.values", [](auto& p) -> auto& { return p.information.values; }));
  keys.push_back(NumberList("information.prior", [](auto& p) -> auto& { return p.information.prior; }));
  keys.push_back(Integer("information.belief_points",
                         [](auto& p) -> auto& { return p.information.belief_points; }));

  keys.push_back(Integer("simulation.replications",
                         [](auto& p) -> auto& { return p.simulation.replications; }));
  keys.push_back({"simulation.seed", ValueType::kSeed, {}, "",
                  [](Parameters& p, const KeyValue& v) {
                    p.simulation.seed = static_cast<unsigned long long>(std::get<long long>(v));
                  },
                  [](const Parameters& p) -> KeyValue {
                    return static_cast<long long>(p.simulation.seed);
                  }});
  keys.push_back(Integer("simulation.max_rounds",
                         [](auto& p) -> auto& { return p.simulation.max_rounds; }));
  return keys;
}

const std::vector<std::string>& Sections() {
  static const std::vector<std::string> sections = {
      "scenario", "deal",       "deal.m",   "deal.g",     "deal.beta", "seoul",
      "pyongyang", "durability", "protocol", "calendar", "solution",  "information",
      "simulation"};
  return sections;
}

// Keys and sections interleaved in reference order: each section just before its first key.
const std::vector<std::string>& RankedNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const KeySpec& key : ScenarioKeys()) {
      for (const std::string& section : Sections()) {
        const bool inside = key.name.size() > section.size() &&
                            key.name.compare(0, section.size(), section) == 0 &&
                            key.name[section.size()] == '.';
        if ((inside || key.name == section) &&
            std::find(out.begin(), out.end(), section) == out.end()) {
          out.push_back(section);
        }
      }
      out.push_back(key.name);
    }
    return out;
  }();
  return names;
}

}  // namespace

const std::vector<KeySpec>& ScenarioKeys() {
  static const std::vector<KeySpec> keys = BuildKeys();
  return keys;
}

namespace {

// information.values.K and information.prior.K (FindKey's contract).
std::vector<KeySpec> BuildEntryKeys() {
  std::vector<KeySpec> keys;
  for (int k = 1; k <= model::kMaxTypes; ++k) {
    const std::size_t i = static_cast<std::size_t>(k - 1);
    keys.push_back({"information.values." + std::to_string(k), ValueType::kNumber, {}, "",
                    [i](Parameters& p, const KeyValue& v) {
                      std::vector<double>& values = p.information.values;
                      if (values.size() <= i) values.resize(i + 1, std::nan(""));
                      values[i] = std::get<double>(v);
                    },
                    [i](const Parameters& p) -> KeyValue {
                      const std::vector<double>& values = p.information.values;
                      return i < values.size() ? values[i] : std::nan("");
                    }});
    keys.push_back({"information.prior." + std::to_string(k), ValueType::kNumber, {}, "",
                    [i](Parameters& p, const KeyValue& v) {
                      std::vector<double>& prior = p.information.prior;
                      const std::size_t n = std::max(p.information.values.size(), i + 1);
                      if (prior.empty()) prior.assign(n, 1.0 / static_cast<double>(n));
                      if (prior.size() <= i) prior.resize(i + 1, 0.0);
                      const double x = std::get<double>(v);
                      double others = 0.0;
                      for (std::size_t j = 0; j < prior.size(); ++j) others += j == i ? 0.0 : prior[j];
                      const double rest = 1.0 - x;
                      for (std::size_t j = 0; j < prior.size(); ++j) {
                        if (j == i) continue;
                        prior[j] = others > 0.0 ? prior[j] * rest / others
                                                : rest / static_cast<double>(prior.size() - 1);
                      }
                      prior[i] = x;
                    },
                    [i](const Parameters& p) -> KeyValue {
                      const std::vector<double>& prior = p.information.prior;
                      return i < prior.size() ? prior[i] : std::nan("");
                    }});
  }
  return keys;
}

}  // namespace

const KeySpec* FindKey(std::string_view name) {
  for (const KeySpec& key : ScenarioKeys()) {
    if (key.name == name) return &key;
  }
  static const std::vector<KeySpec> entries = BuildEntryKeys();
  for (const KeySpec& key : entries) {
    if (key.name == name) return &key;
  }
  return nullptr;
}

bool IsSection(std::string_view name) {
  const auto& sections = Sections();
  return std::find(sections.begin(), sections.end(), name) != sections.end();
}

int SchemaRank(std::string_view name) {
  const auto& names = RankedNames();
  const auto it = std::find(names.begin(), names.end(), name);
  return static_cast<int>(it - names.begin());
}

const std::vector<std::string>& KeyCandidates() {
  static const std::vector<std::string> candidates = [] {
    std::vector<std::string> out = RankedNames();
    out.push_back("base");
    return out;
  }();
  return candidates;
}

std::string ExpectedText(const KeySpec& spec) {
  if (!spec.expected.empty()) return spec.expected;
  switch (spec.type) {
    case ValueType::kString:
      return "a string";
    case ValueType::kNumber:
      return "a number";
    case ValueType::kInteger:
    case ValueType::kSeed:
      return "an integer";
    case ValueType::kBoolean:
      return "true or false";
    case ValueType::kWord: {
      std::string text;
      for (std::size_t i = 0; i < spec.words.size(); ++i) {
        if (i > 0) text += i + 1 == spec.words.size() ? " or " : ", ";
        text += "\"" + spec.words[i] + "\"";
      }
      return text;
    }
    case ValueType::kNumberOrNone:
      return "a number or \"none\"";
    case ValueType::kDateOrNone:
      return "a date (YYYY-MM-DD) or \"none\"";
    case ValueType::kRounds:
      return "an integer or \"infinite\"";
    case ValueType::kDateList:
      return "an array of dates (YYYY-MM-DD)";
    case ValueType::kDrillList:
      return "an array of tables { start = DATE, end = DATE }";
    case ValueType::kNumberList:
      return "an array of numbers";
  }
  return "a value";
}

}  // namespace kaesong::io
