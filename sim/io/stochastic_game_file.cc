#include "sim/io/stochastic_game_file.h"

#include "sim/io/bounded_read.h"

#include "sim/io/toml_text.h"
#include "sim/io/toml_type_name.h"

#include <fmt/format.h>

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <iostream>
#include <optional>
#include <sstream>
#include <unordered_map>

namespace kaesong {

namespace {

constexpr double kMassSlack = 1e-12;  // same slack as ValidationErrors

class Parser {
 public:
  explicit Parser(std::string file) : file_(std::move(file)) {}

  StochasticGame Parse(std::string_view text) {
    toml::table root;
    try {
      root = toml::parse(text, std::string_view(file_));
    } catch (const toml::parse_error& e) {
      Error(e.source(), std::string(e.description()));
      Fail();
    }
    StochasticGame game;
    CheckKeys(root, {"title", "players", "discount", "horizon", "state"});
    if (const toml::node* title = root.get("title")) {
      if (const auto s = title->value<std::string>()) {
        game.title = *s;
      } else {
        Error(*title, fmt::format("'title' must be a string, got {}", io::TomlTypeName(*title)));
      }
    }
    ParsePlayers(root, game);
    ParseDiscount(root, game);
    ParseHorizon(root, game);
    ParseStates(root, game);
    if (!diagnostics_.empty()) Fail();
    std::string why;
    if (!Validate(game, &why)) {  // not expected after the checks above
      Error(root.source(), why);
      Fail();
    }
    return game;
  }

 private:
  std::string file_;
  std::vector<io::Diagnostic> diagnostics_;

  [[noreturn]] void Fail() { throw StochasticGameFileError(io::CapDiagnostics(diagnostics_, file_)); }

  void Error(const toml::source_region& where, std::string message) {
    diagnostics_.push_back({{file_, static_cast<int>(where.begin.line),
                             static_cast<int>(where.begin.column)},
                            std::move(message)});
  }
  void Error(const toml::node& where, std::string message) {
    Error(where.source(), std::move(message));
  }

  void CheckKeys(const toml::table& table, std::initializer_list<std::string_view> allowed) {
    for (const auto& [key, node] : table) {
      bool known = false;
      for (std::string_view k : allowed) known = known || key.str() == k;
      if (!known) Error(key.source(), fmt::format("unknown key '{}'", key.str()));
    }
  }

  const toml::node* Require(const toml::table& table, std::string_view key,
                            std::string_view where) {
    const toml::node* node = table.get(key);
    if (node == nullptr) Error(table, fmt::format("missing key '{}'{}", key, where));
    return node;
  }

  static std::optional<double> Number(const toml::node& node) {
    if (node.is_integer()) return static_cast<double>(*node.value<std::int64_t>());
    if (node.is_floating_point()) return *node.value<double>();
    return std::nullopt;
  }

  void ParsePlayers(const toml::table& root, StochasticGame& game) {
    const toml::node* node = Require(root, "players", "");
    if (node == nullptr) return;
    const toml::array* arr = node->as_array();
    if (arr == nullptr || arr->size() != 2 || !(*arr)[0].is_string() || !(*arr)[1].is_string()) {
      Error(*node, "'players' must be an array of two strings");
      return;
    }
    game.player_names = {*(*arr)[0].value<std::string>(), *(*arr)[1].value<std::string>()};
  }

  void ParseDiscount(const toml::table& root, StochasticGame& game) {
    const toml::node* node = Require(root, "discount", "");
    if (node == nullptr) return;
    const toml::array* arr = node->as_array();
    if (arr == nullptr || arr->size() != 2) {
      Error(*node, "'discount' must be an array of two numbers");
      return;
    }
    for (std::size_t i = 0; i < 2; ++i) {
      const std::optional<double> d = Number((*arr)[i]);
      if (!d) {
        Error((*arr)[i],
              fmt::format("discount factor must be a number, got {}", io::TomlTypeName((*arr)[i])));
      } else if (!(*d >= 0.0 && *d <= 1.0)) {
        Error((*arr)[i],
              fmt::format("discount factor of player {} must be in [0, 1], got {}", i + 1, *d));
      } else {
        game.discount[i] = *d;
      }
    }
  }

  void ParseHorizon(const toml::table& root, StochasticGame& game) {
    const toml::node* node = root.get("horizon");
    if (node == nullptr) return;
    const std::optional<std::int64_t> h =
        node->is_integer() ? node->value<std::int64_t>() : std::nullopt;
    if (!h || *h < 0 || *h > 1000000) {
      Error(*node, fmt::format("'horizon' must be an integer in [0, 1000000] (0 = infinite "
                               "horizon), got {}",
                               h ? fmt::format("{}", *h) : io::TomlTypeName(*node)));
      return;
    }
    game.horizon = static_cast<int>(*h);
  }

  // Action labels of one player: an array of distinct strings or a positive count.
  std::optional<std::vector<std::string>> ParseActionList(const toml::node& node, int player,
                                                          const std::string& state) {
    std::vector<std::string> labels;
    if (node.is_integer()) {
      const std::int64_t n = *node.value<std::int64_t>();
      if (n < 1 || n > 100000) {
        Error(node,
              fmt::format("player {} must have at least one action in state '{}'", player, state));
        return std::nullopt;
      }
      for (std::int64_t k = 1; k <= n; ++k) labels.push_back(std::to_string(k));
      return labels;
    }
    const toml::array* arr = node.as_array();
    if (arr == nullptr) {
      Error(node, fmt::format("actions of player {} must be an array of labels or a count, got {}",
                              player, io::TomlTypeName(node)));
      return std::nullopt;
    }
    if (arr->empty()) {
      Error(node,
            fmt::format("player {} must have at least one action in state '{}'", player, state));
      return std::nullopt;
    }
    bool ok = true;
    for (const toml::node& item : *arr) {
      const std::optional<std::string> label = item.value<std::string>();
      if (!label) {
        Error(item, fmt::format("action label must be a string, got {}", io::TomlTypeName(item)));
        ok = false;
      } else if (*label == "*") {
        Error(item, "'*' is reserved (it means every action in 'from')");
        ok = false;
      } else if (std::find(labels.begin(), labels.end(), *label) != labels.end()) {
        Error(item, fmt::format("duplicate action label '{}' of player {} in state '{}'", *label,
                                player, state));
        ok = false;
      } else {
        labels.push_back(*label);
      }
    }
    if (!ok) return std::nullopt;
    return labels;
  }

  // One player's payoff matrix, rows x cols.
  std::optional<Eigen::MatrixXd> ParseMatrix(const toml::node& node, int player, Eigen::Index rows,
                                             Eigen::Index cols, const std::string& state) {
    const std::string expected = fmt::format(
        "payoffs of player {} in state '{}' must be a {}x{} matrix ({} rows of {} "
        "numbers)",
        player, state, rows, cols, rows, cols);
    const toml::array* arr = node.as_array();
    if (arr == nullptr) {
      Error(node, expected + fmt::format(", got {}", io::TomlTypeName(node)));
      return std::nullopt;
    }
    if (static_cast<Eigen::Index>(arr->size()) != rows) {
      Error(node, expected + fmt::format(", got {} rows", arr->size()));
      return std::nullopt;
    }
    Eigen::MatrixXd m(rows, cols);
    bool ok = true;
    for (Eigen::Index i = 0; i < rows; ++i) {
      const toml::node& row_node = (*arr)[static_cast<std::size_t>(i)];
      const toml::array* row = row_node.as_array();
      if (row == nullptr || static_cast<Eigen::Index>(row->size()) != cols) {
        Error(row_node,
              expected + fmt::format(", got row {} with {}", i + 1,
                                     row == nullptr ? std::string(io::TomlTypeName(row_node))
                                                    : fmt::format("{} entries", row->size())));
        ok = false;
        continue;
      }
      for (Eigen::Index j = 0; j < cols; ++j) {
        const toml::node& item = (*row)[static_cast<std::size_t>(j)];
        const std::optional<double> v = Number(item);
        if (!v || !std::isfinite(*v)) {
          Error(item, fmt::format("payoff must be a finite number, got {}",
                                  v ? fmt::format("{}", *v) : std::string(io::TomlTypeName(item))));
          ok = false;
        } else {
          m(i, j) = *v;
        }
      }
    }
    if (!ok) return std::nullopt;
    return m;
  }

  // Resolves one entry of `from`: a label, a 1-based index or "*" (returns -1 for "*").
  std::optional<Eigen::Index> ParseActionRef(const toml::node& node, int player,
                                             const std::vector<std::string>& labels,
                                             const std::string& state) {
    if (node.is_integer()) {
      const std::int64_t k = *node.value<std::int64_t>();
      if (k < 1 || k > static_cast<std::int64_t>(labels.size())) {
        Error(node, fmt::format("action index {} out of range 1..{} for player {} in state '{}'", k,
                                labels.size(), player, state));
        return std::nullopt;
      }
      return static_cast<Eigen::Index>(k - 1);
    }
    if (const std::optional<std::string> label = node.value<std::string>()) {
      if (*label == "*") return -1;
      const auto it = std::find(labels.begin(), labels.end(), *label);
      if (it == labels.end()) {
        Error(node,
              fmt::format("unknown action '{}' of player {} in state '{}'", *label, player, state));
        return std::nullopt;
      }
      return static_cast<Eigen::Index>(it - labels.begin());
    }
    Error(node, fmt::format("an action in 'from' must be a label, a 1-based index or \"*\", got {}",
                            io::TomlTypeName(node)));
    return std::nullopt;
  }

  void ParseStates(const toml::table& root, StochasticGame& game) {
    const toml::node* node = Require(root, "state", " (at least one [[state]] table)");
    if (node == nullptr) return;
    const toml::array* states = node->as_array();
    if (states == nullptr || states->empty() || !states->is_array_of_tables()) {
      Error(*node, "'state' must be one or more [[state]] tables");
      return;
    }
    // Names first, so that transitions may refer to later states.
    std::unordered_map<std::string, Eigen::Index> index;
    std::vector<std::string> names(states->size());
    for (std::size_t s = 0; s < states->size(); ++s) {
      const toml::table& table = *(*states)[s].as_table();
      const toml::node* name = Require(table, "name", fmt::format(" in state {}", s + 1));
      if (name == nullptr) {
        names[s] = fmt::format("#{}", s + 1);
        continue;
      }
      if (!name->is_string()) {
        Error(*name, fmt::format("state name must be a string, got {}", io::TomlTypeName(*name)));
        names[s] = fmt::format("#{}", s + 1);
        continue;
      }
      names[s] = *name->value<std::string>();
      if (!index.emplace(names[s], static_cast<Eigen::Index>(s)).second) {
        Error(*name, fmt::format("duplicate state name '{}'", names[s]));
      }
    }
    const Eigen::Index num_states = static_cast<Eigen::Index>(states->size());
    for (std::size_t s = 0; s < states->size(); ++s) {
      const toml::table& table = *(*states)[s].as_table();
      const std::string& name = names[s];
      CheckKeys(table, {"name", "actions", "payoffs", "transitions"});
      StochasticState state;
      state.name = name;
      bool shape_ok = false;
      if (const toml::node* actions =
              Require(table, "actions", fmt::format(" in state '{}'", name))) {
        const toml::array* arr = actions->as_array();
        if (arr == nullptr || arr->size() != 2) {
          Error(*actions, fmt::format("'actions' in state '{}' must list the actions of both "
                                      "players: [[labels of player 1], [labels of player 2]]",
                                      name));
        } else {
          auto a1 = ParseActionList((*arr)[0], 1, name);
          auto a2 = ParseActionList((*arr)[1], 2, name);
          if (a1 && a2) {
            state.action_labels = {std::move(*a1), std::move(*a2)};
            shape_ok = true;
          }
        }
      }
      const Eigen::Index n1 = static_cast<Eigen::Index>(state.action_labels[0].size());
      const Eigen::Index n2 = static_cast<Eigen::Index>(state.action_labels[1].size());
      if (const toml::node* payoffs =
              Require(table, "payoffs", fmt::format(" in state '{}'", name))) {
        const toml::array* arr = payoffs->as_array();
        if (arr == nullptr || arr->size() != 2) {
          Error(*payoffs, fmt::format("'payoffs' in state '{}' must hold two matrices, one per "
                                      "player",
                                      name));
          shape_ok = false;
        } else if (shape_ok) {
          auto u1 = ParseMatrix((*arr)[0], 1, n1, n2, name);
          auto u2 = ParseMatrix((*arr)[1], 2, n1, n2, name);
          if (u1 && u2) {
            state.payoffs = {std::move(*u1), std::move(*u2)};
          } else {
            shape_ok = false;
          }
        }
      } else {
        shape_ok = false;
      }
      std::vector<TransitionEntry> entries;
      if (const toml::node* transitions = table.get("transitions")) {
        ParseTransitions(*transitions, name, shape_ok, state.action_labels, index, entries);
      }
      if (shape_ok) SetTransitions(state, num_states, entries);
      game.states.push_back(std::move(state));
    }
  }

  void ParseTransitions(const toml::node& node, const std::string& state, bool shape_ok,
                        const std::array<std::vector<std::string>, 2>& labels,
                        const std::unordered_map<std::string, Eigen::Index>& index,
                        std::vector<TransitionEntry>& entries) {
    const toml::array* arr = node.as_array();
    if (arr == nullptr) {
      Error(node, fmt::format("'transitions' in state '{}' must be an array of "
                              "{{ from = [a1, a2], to = \"state\", prob = p }} tables",
                              state));
      return;
    }
    const std::size_t n1 = labels[0].size(), n2 = labels[1].size();
    std::vector<double> mass(shape_ok ? n1 * n2 : 0, 0.0);
    // Where each action pair's total first went above 1 (reported with the final total).
    std::vector<const toml::node*> exceeded(mass.size(), nullptr);
    for (const toml::node& item : *arr) {
      const toml::table* t = item.as_table();
      if (t == nullptr) {
        Error(item, fmt::format("a transition must be a table {{ from = [a1, a2], to = \"state\", "
                                "prob = p }}, got {}",
                                io::TomlTypeName(item)));
        continue;
      }
      CheckKeys(*t, {"from", "to", "prob"});
      const std::string where = fmt::format(" in a transition of state '{}'", state);
      const toml::node* from = Require(*t, "from", where);
      const toml::node* to = Require(*t, "to", where);
      const toml::node* prob = Require(*t, "prob", where);
      std::optional<Eigen::Index> target;
      if (to != nullptr) {
        if (const auto name = to->value<std::string>()) {
          const auto it = index.find(*name);
          if (it == index.end()) {
            Error(*to, fmt::format("unknown state '{}'", *name));
          } else {
            target = it->second;
          }
        } else {
          Error(*to, fmt::format("'to' must be a state name, got {}", io::TomlTypeName(*to)));
        }
      }
      double p = 0.0;
      bool p_ok = false;
      if (prob != nullptr) {
        const std::optional<double> value = Number(*prob);
        if (!value) {
          Error(*prob, fmt::format("'prob' must be a number, got {}", io::TomlTypeName(*prob)));
        } else if (!(*value >= 0.0 && *value <= 1.0)) {
          Error(*prob, fmt::format("probability must be in [0, 1], got {}", *value));
        } else {
          p = *value;
          p_ok = true;
        }
      }
      std::optional<Eigen::Index> a1, a2;
      if (from != nullptr) {
        const toml::array* pair = from->as_array();
        if (pair == nullptr || pair->size() != 2) {
          Error(*from, "'from' must name one action of each player: [a1, a2]");
        } else if (shape_ok) {
          a1 = ParseActionRef((*pair)[0], 1, labels[0], state);
          a2 = ParseActionRef((*pair)[1], 2, labels[1], state);
        }
      }
      if (!a1 || !a2 || !target || !p_ok) continue;
      const Eigen::Index lo1 = *a1 < 0 ? 0 : *a1,
                         hi1 = *a1 < 0 ? static_cast<Eigen::Index>(n1) : *a1 + 1;
      const Eigen::Index lo2 = *a2 < 0 ? 0 : *a2,
                         hi2 = *a2 < 0 ? static_cast<Eigen::Index>(n2) : *a2 + 1;
      for (Eigen::Index j = lo2; j < hi2; ++j) {
        for (Eigen::Index i = lo1; i < hi1; ++i) {
          entries.push_back({i, j, *target, p});
          const std::size_t cell = static_cast<std::size_t>(i + static_cast<Eigen::Index>(n1) * j);
          mass[cell] += p;
          if (mass[cell] > 1.0 + kMassSlack && exceeded[cell] == nullptr) exceeded[cell] = prob;
        }
      }
    }
    for (std::size_t cell = 0; cell < exceeded.size(); ++cell) {
      if (exceeded[cell] == nullptr) continue;
      Error(*exceeded[cell],
            fmt::format("probabilities of actions (\"{}\", \"{}\") in state '{}' sum to {} > 1",
                        labels[0][cell % n1], labels[1][cell / n1], state, mass[cell]));
    }
  }
};

std::string Labels(const std::vector<std::string>& labels) {
  std::string out = "[";
  for (std::size_t k = 0; k < labels.size(); ++k) {
    if (k > 0) out += ", ";
    out += io::TomlString(labels[k]);
  }
  return out + "]";
}

std::string Matrix(const Eigen::MatrixXd& m) {
  std::string out = "[";
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    out += i > 0 ? ", [" : "[";
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      if (j > 0) out += ", ";
      out += fmt::format("{}", m(i, j));  // shortest representation that reads back exactly
    }
    out += "]";
  }
  return out + "]";
}

}  // namespace

StochasticGame ParseStochasticGame(std::string_view text, const std::string& file_name) {
  return Parser(file_name).Parse(text);
}

StochasticGame ReadStochasticGameFile(const std::string& path) {
  if (path == "-") {
    std::string text;
    if (!io::ReadBounded(std::cin, &text)) {
      throw StochasticGameFileError({"<stdin>", 0, 0}, "cannot read: " + io::TooLargeMessage());
    }
    return ParseStochasticGame(text, "<stdin>");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw StochasticGameFileError(
        {path, 0, 0}, fmt::format("cannot open: {}", std::strerror(errno)));
  }
  std::string text;
  if (!io::ReadBounded(in, &text)) {
    throw StochasticGameFileError({path, 0, 0}, "cannot read: " + io::TooLargeMessage());
  }
  if (in.bad()) {
    throw StochasticGameFileError(
        {path, 0, 0}, fmt::format("cannot read: {}", std::strerror(errno)));
  }
  return ParseStochasticGame(text, path);
}

std::string WriteStochasticGame(const StochasticGame& game) {
  std::string out;
  if (!game.title.empty()) out += fmt::format("title = {}\n", io::TomlString(game.title));
  out += fmt::format("players = [{}, {}]\n", io::TomlString(game.player_names[0]),
                     io::TomlString(game.player_names[1]));
  out += fmt::format("discount = [{}, {}]\n", game.discount[0], game.discount[1]);
  if (game.horizon > 0) out += fmt::format("horizon = {}\n", game.horizon);
  for (const StochasticState& state : game.states) {
    out += fmt::format("\n[[state]]\nname = {}\n", io::TomlString(state.name));
    out += fmt::format("actions = [{}, {}]\n", Labels(state.action_labels[0]),
                       Labels(state.action_labels[1]));
    out += fmt::format("payoffs = [\n  {},\n  {},\n]\n", Matrix(state.payoffs[0]),
                       Matrix(state.payoffs[1]));
    if (state.transitions.nonZeros() == 0) continue;
    out += "transitions = [\n";
    const Eigen::Index n1 = state.actions(0);
    for (Eigen::Index r = 0; r < state.transitions.outerSize(); ++r) {
      for (TransitionMatrix::InnerIterator it(state.transitions, r); it; ++it) {
        const std::string& to = game.states[static_cast<std::size_t>(it.col())].name;
        out += fmt::format("  {{ from = [{}, {}], to = {}, prob = {} }},\n", r % n1 + 1, r / n1 + 1,
                           io::TomlString(to), it.value());
      }
    }
    out += "]\n";
  }
  return out;
}

}  // namespace kaesong
