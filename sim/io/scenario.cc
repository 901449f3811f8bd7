#include "sim/io/scenario.h"

#include "sim/io/bounded_read.h"

#include "models/kaesong/validate.h"
#include "sim/io/scenario_dates.h"
#include "sim/io/scenario_schema.h"
#include "sim/io/scenario_suggest.h"
#include "sim/io/toml_type_name.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <tuple>
#include <utility>

namespace kaesong::io {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxBaseDepth = 16;

// Where the values being applied come from: a file (positions from the TOML nodes) or an
// override (every position is the flag).
struct Origin {
  std::string source;
  bool is_file = true;
};

// The "got ..." part of a wrong-type message: the type, or the string itself where words are
// expected.
std::string Got(const toml::node& node, bool quote_strings) {
  if (quote_strings && node.is_string()) {
    return fmt::format("\"{}\"", node.as_string()->get());
  }
  return TomlTypeName(node);
}

bool TakesWords(ValueType type) {
  return type == ValueType::kWord || type == ValueType::kNumberOrNone ||
         type == ValueType::kDateOrNone || type == ValueType::kRounds;
}

std::string JoinKey(const std::string& prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
}

// The enclosing key: "a.b[2].c" -> "a.b[2]" -> "a.b" -> "a" -> "".
std::string ParentKey(const std::string& key) {
  const std::size_t cut = key.find_last_of(".[");
  return cut == std::string::npos ? std::string() : key.substr(0, cut);
}

// toml++ describes syntax errors as "Error while parsing X: ...".
std::string SyntaxMessage(std::string_view description) {
  constexpr std::string_view kPrefix = "Error while";
  if (description.substr(0, kPrefix.size()) == kPrefix) {
    return fmt::format("TOML syntax error{}", description.substr(5));
  }
  return fmt::format("TOML syntax error: {}", description);
}

// The file's text, or nullopt with the system's reason.
std::optional<std::string> ReadText(const std::string& path, std::string& reason) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    reason = std::strerror(EISDIR);
    return std::nullopt;
  }
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    reason = std::strerror(errno != 0 ? errno : ENOENT);
    return std::nullopt;
  }
  std::string text;
  if (!ReadBounded(in, &text)) {
    reason = TooLargeMessage();
    return std::nullopt;
  }
  if (in.bad()) {
    reason = std::strerror(errno != 0 ? errno : EIO);
    return std::nullopt;
  }
  return text;
}

class Loader {
 public:
  Scenario Load(const std::string& file, const std::optional<std::string_view>& text,
                const std::vector<Override>& overrides) {
    scenario_.file = file;
    std::vector<ChainLink> chain{{Canonical(file), file}};
    if (text) {
      LoadText(*text, file, chain);
    } else {
      LoadFile(file, nullptr, chain);
    }
    for (const Override& o : overrides) ApplyOverride(o);
    if (scenario_.parameters.name.empty()) {
      scenario_.parameters.name = fs::path(file).stem().string();
    }
    for (const model::ParameterIssue& issue : model::ValidateParameters(scenario_.parameters)) {
      if (!Failed(issue.key)) Error(scenario_.PositionOf(issue.key), issue.message);
    }
    if (!diagnostics_.empty()) throw ScenarioError(Sorted());
    return std::move(scenario_);
  }

  Scenario Apply(Scenario base, const std::vector<Override>& overrides) {
    scenario_ = std::move(base);
    Register(scenario_.file);
    for (const Override& o : overrides) ApplyOverride(o);
    for (const model::ParameterIssue& issue : model::ValidateParameters(scenario_.parameters)) {
      if (!Failed(issue.key)) Error(scenario_.PositionOf(issue.key), issue.message);
    }
    if (!diagnostics_.empty()) throw ScenarioError(Sorted());
    return std::move(scenario_);
  }

 private:
  struct ChainLink {
    std::string canonical;
    std::string display;
  };

  static std::string Canonical(const std::string& file) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(file, ec);
    return ec ? fs::path(file).lexically_normal().string() : canonical.string();
  }

  void LoadFile(const std::string& file, const SourcePosition* included_from,
                std::vector<ChainLink>& chain) {
    std::string reason;
    const std::optional<std::string> text = ReadText(file, reason);
    if (!text) {
      if (included_from != nullptr) {
        Error(*included_from, fmt::format("cannot open base '{}': {}", file, reason));
      } else {
        Error({file, 0, 0}, fmt::format("cannot open: {}", reason));
      }
      return;
    }
    LoadText(*text, file, chain);
  }

  void LoadText(std::string_view text, const std::string& file, std::vector<ChainLink>& chain) {
    toml::table document;
    try {
      document = toml::parse(text, std::string(file));
    } catch (const toml::parse_error& e) {
      const toml::source_position begin = e.source().begin;
      Error({file, static_cast<int>(begin.line), static_cast<int>(begin.column)},
            SyntaxMessage(e.description()));
      return;
    }
    const Origin origin{file, true};
    if (const toml::node* base = document.get("base")) ApplyBase(*base, file, origin, chain);
    Register(file);
    ApplyTable(document, "", origin);
  }

  // Loads the base scenario into the parameters; the file's own keys then apply on top.
  void ApplyBase(const toml::node& base, const std::string& file, const Origin& origin,
                 std::vector<ChainLink>& chain) {
    const SourcePosition where = Where(base, origin);
    if (!base.is_string()) {
      Error(where, fmt::format("base must be a string (a path relative to this file), got {}",
                               TomlTypeName(base)));
    } else {
      const std::string path =
          (fs::path(file).parent_path() / base.as_string()->get()).lexically_normal().string();
      const std::string canonical = Canonical(path);
      const auto same = [&](const ChainLink& link) { return link.canonical == canonical; };
      if (std::any_of(chain.begin(), chain.end(), same)) {
        std::string cycle;
        const auto first = std::find_if(chain.begin(), chain.end(), same);
        for (auto it = first; it != chain.end(); ++it) cycle += it->display + " -> ";
        Error(where, fmt::format("base cycle: {}{}", cycle, path));
      } else if (chain.size() > kMaxBaseDepth) {
        Error(where, fmt::format("base chain deeper than {} files", kMaxBaseDepth));
      } else {
        chain.push_back({canonical, path});
        LoadFile(path, &where, chain);
        chain.pop_back();
      }
    }
    // The name and description describe a file; they are not inherited.
    scenario_.parameters.name.clear();
    scenario_.parameters.description.clear();
    scenario_.positions.erase("scenario.name");
    scenario_.positions.erase("scenario.description");
  }

  void ApplyOverride(const Override& o) {
    const Origin origin{o.origin, false};
    Register(o.origin);
    const SourcePosition where{o.origin, 0, 0};
    if (o.key == "base") {
      Error(where, "base can only be set in a scenario file");
      return;
    }
    toml::table parsed;
    const toml::node* node = nullptr;
    try {
      parsed = toml::parse("v = " + o.value);
      if (parsed.size() == 1) node = parsed.get("v");
    } catch (const toml::parse_error&) {
    }
    // Bare words (and, for string keys, any text not written as a TOML string) are strings.
    const KeySpec* spec = FindKey(o.key);
    const toml::value<std::string> as_string(o.value);
    if (node == nullptr ||
        (spec != nullptr && spec->type == ValueType::kString && !node->is_string())) {
      node = &as_string;
    }
    ApplyNode(o.key, *node, where, origin);
  }

  void ApplyTable(const toml::table& table, const std::string& prefix, const Origin& origin) {
    std::vector<std::pair<const toml::key*, const toml::node*>> members;
    for (auto&& [key, node] : table) {
      if (prefix.empty() && key.str() == "base" && origin.is_file) continue;
      members.emplace_back(&key, &node);
    }
    // Schema order, so that a sub-table's "fixed" applies after its range parts.
    std::stable_sort(members.begin(), members.end(), [&](const auto& a, const auto& b) {
      return SchemaRank(JoinKey(prefix, a.first->str())) <
             SchemaRank(JoinKey(prefix, b.first->str()));
    });
    for (const auto& [key, node] : members) {
      ApplyNode(JoinKey(prefix, key->str()), *node, Where(key->source(), origin), origin);
    }
  }

  void ApplyNode(const std::string& key, const toml::node& node, const SourcePosition& key_where,
                 const Origin& origin) {
    if (IsSection(key) && node.is_table()) {
      Record(key, node, origin);
      ApplyTable(*node.as_table(), key, origin);
      return;
    }
    if (const KeySpec* spec = FindKey(key)) {
      if (const std::optional<KeyValue> value = Convert(*spec, node, origin)) {
        spec->set(scenario_.parameters, *value);
        Record(key, node, origin);
      } else {
        failed_keys_.insert(key);
      }
      return;
    }
    if (IsSection(key)) {
      Error(Where(node, origin), fmt::format("{} must be a table, got {}", key, TomlTypeName(node)));
      failed_keys_.insert(key);
      return;
    }
    std::string message = fmt::format("unknown key '{}'", key);
    if (const auto suggestion = SuggestKey(key, KeyCandidates())) {
      message += fmt::format("; did you mean '{}'?", *suggestion);
    }
    Error(key_where, message);
  }

  // The node's value in the key's type, or nullopt after reporting why not.
  std::optional<KeyValue> Convert(const KeySpec& spec, const toml::node& node,
                                  const Origin& origin) {
    const auto wrong = [&]() -> std::optional<KeyValue> {
      Error(Where(node, origin), fmt::format("{} must be {}, got {}", spec.name,
                                             ExpectedText(spec), Got(node, TakesWords(spec.type))));
      return std::nullopt;
    };
    const auto word = [&](std::string_view w) {
      return node.is_string() && node.as_string()->get() == w;
    };
    switch (spec.type) {
      case ValueType::kString:
        if (node.is_string()) return KeyValue(node.as_string()->get());
        return wrong();
      case ValueType::kNumber:
        if (node.is_number()) return KeyValue(NumberOf(node));
        return wrong();
      case ValueType::kInteger:
        if (!node.is_integer()) return wrong();
        return IntValue(spec.name, node, origin);
      case ValueType::kSeed: {
        if (!node.is_integer()) return wrong();
        const std::int64_t v = node.as_integer()->get();
        if (v < 0) {
          Error(Where(node, origin), fmt::format("{} must be in [0, {}], got {}", spec.name,
                                                 std::numeric_limits<std::int64_t>::max(), v));
          return std::nullopt;
        }
        return KeyValue(static_cast<long long>(v));
      }
      case ValueType::kBoolean:
        if (node.is_boolean()) return KeyValue(node.as_boolean()->get());
        return wrong();
      case ValueType::kWord:
        for (const std::string& w : spec.words) {
          if (word(w)) return KeyValue(w);
        }
        return wrong();
      case ValueType::kNumberOrNone:
        if (node.is_number()) return KeyValue(NumberOf(node));
        if (word("none")) return KeyValue(std::monostate{});
        return wrong();
      case ValueType::kDateOrNone:
        if (node.is_date()) return KeyValue(ToDay(*node.as_date()));
        if (word("none")) return KeyValue(std::monostate{});
        return wrong();
      case ValueType::kRounds:
        if (node.is_integer()) return IntValue(spec.name, node, origin);
        if (word("infinite")) return KeyValue(std::monostate{});
        return wrong();
      case ValueType::kDateList:
        if (!node.is_array()) return wrong();
        return DateList(spec.name, *node.as_array(), origin);
      case ValueType::kDrillList:
        if (!node.is_array()) return wrong();
        return DrillList(spec.name, *node.as_array(), origin);
      case ValueType::kNumberList:
        if (node.is_array()) return NumberList(spec.name, *node.as_array(), origin);
        if (node.is_number() && !origin.is_file) return KeyValue(std::vector<double>{NumberOf(node)});
        if (node.is_string() && !origin.is_file) {
          if (auto list = CommaNumbers(node.as_string()->get())) return KeyValue(std::move(*list));
        }
        return wrong();
    }
    return wrong();
  }

  std::optional<KeyValue> IntValue(const std::string& key, const toml::node& node,
                                   const Origin& origin) {
    const std::int64_t v = node.as_integer()->get();
    if (v < INT_MIN || v > INT_MAX) {
      Error(Where(node, origin), fmt::format("{} is out of range, got {}", key, v));
      return std::nullopt;
    }
    return KeyValue(static_cast<long long>(v));
  }

  static double NumberOf(const toml::node& node) {
    if (node.is_integer()) return static_cast<double>(node.as_integer()->get());
    return node.as_floating_point()->get();
  }

  static model::Day ToDay(const toml::value<toml::date>& node) {
    const toml::date d = node.get();
    // toml++ accepts only valid calendar dates.
    return DayFromDate(d.year, d.month, d.day).value_or(0);
  }

  std::optional<KeyValue> DateList(const std::string& key, const toml::array& array,
                                   const Origin& origin) {
    std::vector<model::Day> days;
    bool ok = true;
    for (std::size_t i = 0; i < array.size(); ++i) {
      const toml::node& element = *array.get(i);
      const std::string element_key = fmt::format("{}[{}]", key, i);
      if (element.is_date()) {
        days.push_back(ToDay(*element.as_date()));
        Record(element_key, element, origin);
      } else {
        Error(Where(element, origin), fmt::format("{} must be a date (YYYY-MM-DD), got {}",
                                                  element_key, TomlTypeName(element)));
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    return KeyValue(std::move(days));
  }

  std::optional<KeyValue> NumberList(const std::string& key, const toml::array& array,
                                     const Origin& origin) {
    std::vector<double> numbers;
    bool ok = true;
    for (std::size_t i = 0; i < array.size(); ++i) {
      const toml::node& element = *array.get(i);
      const std::string element_key = fmt::format("{}[{}]", key, i);
      if (element.is_number()) {
        numbers.push_back(NumberOf(element));
        Record(element_key, element, origin);
      } else {
        Error(Where(element, origin),
              fmt::format("{} must be a number, got {}", element_key, TomlTypeName(element)));
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    return KeyValue(std::move(numbers));
  }

  // "0.2,0.8" (a --set value that is not a TOML array): the numbers, or nullopt.
  static std::optional<std::vector<double>> CommaNumbers(const std::string& text) {
    std::vector<double> numbers;
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t end = std::min(text.find(',', start), text.size());
      try {
        const toml::table parsed = toml::parse("v = " + text.substr(start, end - start));
        const toml::node* v = parsed.get("v");
        if (v == nullptr || !v->is_number() || parsed.size() != 1) return std::nullopt;
        numbers.push_back(NumberOf(*v));
      } catch (const toml::parse_error&) {
        return std::nullopt;
      }
      start = end + 1;
    }
    return numbers;
  }

  std::optional<KeyValue> DrillList(const std::string& key, const toml::array& array,
                                    const Origin& origin) {
    std::vector<model::DrillWindow> windows;
    bool ok = true;
    for (std::size_t i = 0; i < array.size(); ++i) {
      const toml::node& element = *array.get(i);
      const std::string element_key = fmt::format("{}[{}]", key, i);
      if (!element.is_table()) {
        Error(Where(element, origin),
              fmt::format("{} must be a table {{ start = DATE, end = DATE }}, got {}", element_key,
                          TomlTypeName(element)));
        ok = false;
        continue;
      }
      Record(element_key, element, origin);
      bool element_ok = true;
      const std::vector<std::string> parts = {element_key + ".start", element_key + ".end"};
      std::optional<model::Day> dates[2];
      for (auto&& [member_key, member] : *element.as_table()) {
        const std::string member_name = JoinKey(element_key, member_key.str());
        const auto part = std::find(parts.begin(), parts.end(), member_name);
        if (part == parts.end()) {
          std::string message = fmt::format("unknown key '{}'", member_name);
          if (const auto suggestion = SuggestKey(member_name, parts)) {
            message += fmt::format("; did you mean '{}'?", *suggestion);
          }
          Error(Where(member_key.source(), origin), message);
          element_ok = false;
        } else if (!member.is_date()) {
          Error(Where(member, origin), fmt::format("{} must be a date (YYYY-MM-DD), got {}",
                                                   member_name, TomlTypeName(member)));
          element_ok = false;
        } else {
          dates[part - parts.begin()] = ToDay(*member.as_date());
          Record(member_name, member, origin);
        }
      }
      for (int p = 0; p < 2 && element_ok; ++p) {
        if (!dates[p]) {
          Error(Where(element, origin), fmt::format("{} must have {} date", element_key,
                                                    p == 0 ? "a start" : "an end"));
          element_ok = false;
        }
      }
      if (element_ok) windows.push_back({*dates[0], *dates[1]});
      ok = ok && element_ok;
    }
    if (!ok) return std::nullopt;
    return KeyValue(std::move(windows));
  }

  SourcePosition Where(const toml::source_region& region, const Origin& origin) const {
    if (!origin.is_file) return {origin.source, 0, 0};
    return {origin.source, static_cast<int>(region.begin.line),
            static_cast<int>(region.begin.column)};
  }
  SourcePosition Where(const toml::node& node, const Origin& origin) const {
    return Where(node.source(), origin);
  }

  void Record(const std::string& key, const toml::node& node, const Origin& origin) {
    scenario_.positions[key] = Where(node, origin);
  }

  // Whether the key, or a key enclosing it, could not be read (its problem is already reported).
  bool Failed(std::string key) const {
    for (; !key.empty(); key = ParentKey(key)) {
      if (failed_keys_.count(key) != 0) return true;
    }
    return false;
  }

  void Register(const std::string& source) {
    if (std::find(sources_.begin(), sources_.end(), source) == sources_.end()) {
      sources_.push_back(source);
    }
  }

  void Error(SourcePosition where, std::string message) {
    Register(where.source);
    diagnostics_.push_back({std::move(where), std::move(message)});
  }

  // By source (bases first, then the file, then overrides), then line and column; capped.
  std::vector<Diagnostic> Sorted() {
    const auto rank = [&](const Diagnostic& d) {
      const auto source = std::find(sources_.begin(), sources_.end(), d.where.source);
      const int line = d.where.line == 0 ? INT_MAX : d.where.line;
      return std::make_tuple(source - sources_.begin(), line, d.where.column);
    };
    std::vector<Diagnostic> sorted = diagnostics_;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [&](const Diagnostic& a, const Diagnostic& b) { return rank(a) < rank(b); });
    return CapDiagnostics(std::move(sorted), scenario_.file);
  }

  Scenario scenario_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<std::string> sources_;
  std::set<std::string> failed_keys_;
};

}  // namespace

std::optional<Override> ParseSetFlag(std::string_view key_value) {
  const std::size_t eq = key_value.find('=');
  if (eq == std::string_view::npos) return std::nullopt;
  return Override{std::string(key_value.substr(0, eq)), std::string(key_value.substr(eq + 1)),
                  fmt::format("--set {}", key_value)};
}

std::vector<Override> ParseSetFlags(const std::vector<std::string>& key_values) {
  std::vector<Override> overrides;
  std::vector<Diagnostic> malformed;
  for (const std::string& key_value : key_values) {
    if (auto o = ParseSetFlag(key_value)) {
      overrides.push_back(std::move(*o));
    } else {
      Diagnostic d;
      d.where.source = fmt::format("--set {}", key_value);
      d.message = "expected KEY=VALUE";
      malformed.push_back(std::move(d));
    }
  }
  if (!malformed.empty()) throw ScenarioError(std::move(malformed));
  return overrides;
}

SourcePosition Scenario::PositionOf(std::string_view key) const {
  for (std::string k(key); !k.empty(); k = ParentKey(k)) {
    const auto it = positions.find(k);
    if (it != positions.end()) return it->second;
  }
  return {file, 0, 0};
}

Scenario LoadScenario(const std::string& path, const std::vector<Override>& overrides) {
  return Loader().Load(path, std::nullopt, overrides);
}

Scenario LoadScenarioText(std::string_view text, const std::string& file_name,
                          const std::vector<Override>& overrides) {
  return Loader().Load(file_name, text, overrides);
}

Scenario ApplyOverrides(Scenario scenario, const std::vector<Override>& overrides) {
  return Loader().Apply(std::move(scenario), overrides);
}

}  // namespace kaesong::io
