// The one diagnostic shape every reader reports: its formatting and its cap.
#include "sim/io/diagnostic.h"
#include "sim/io/nfg.h"
#include "sim/io/scenario.h"
#include "sim/io/stochastic_game_file.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace kaesong::io {
namespace {

// Built member by member (GCC 12 warns, falsely, of nested brace-initialised strings).
Diagnostic At(const std::string& source, int line, int column, const std::string& message,
              Severity severity = Severity::kError) {
  Diagnostic d;
  d.where.source = source;
  d.where.line = line;
  d.where.column = column;
  d.message = message;
  d.severity = severity;
  return d;
}

std::vector<Diagnostic> Errors(int n) {
  std::vector<Diagnostic> list;
  for (int i = 1; i <= n; ++i) list.push_back(At("f.toml", i, 3, "bad " + std::to_string(i)));
  return list;
}

TEST_CASE("Diagnostics format compiler style, with and without a position", "[diagnostic]") {
  CHECK(FormatDiagnostic(At("g.nfg", 3, 14, "bad number 'x3'")) ==
        "g.nfg:3:14: error: bad number 'x3'");
  CHECK(FormatDiagnostic(At("g.nfg", 0, 0, "cannot open: No such file or directory")) ==
        "g.nfg: error: cannot open: No such file or directory");
  CHECK(FormatError("g.nfg", "cannot open: No such file or directory") ==
        "g.nfg: error: cannot open: No such file or directory");
  CHECK(FormatDiagnostic(At("--set seoul.pi=x", 0, 0, "seoul.pi must be a number, got string")) ==
        "--set seoul.pi=x: error: seoul.pi must be a number, got string");
  CHECK(FormatDiagnostic(At("f.toml", 0, 0, "too many errors; 2 more not shown",
                            Severity::kNote)) == "f.toml: note: too many errors; 2 more not shown");
  CHECK(FormatDiagnostics(Errors(2)) == "f.toml:1:3: error: bad 1\nf.toml:2:3: error: bad 2");
  CHECK(FormatDiagnostics({}).empty());
}

TEST_CASE("The cap keeps 20 errors and counts the rest in one note", "[diagnostic]") {
  CHECK(CapDiagnostics(Errors(kMaxDiagnostics), "f.toml").size() == kMaxDiagnostics);
  for (const int extra : {1, 7}) {
    const std::vector<Diagnostic> capped =
        CapDiagnostics(Errors(static_cast<int>(kMaxDiagnostics) + extra), "f.toml");
    REQUIRE(capped.size() == kMaxDiagnostics + 1);
    CHECK(capped[kMaxDiagnostics - 1].message == "bad 20");
    CHECK(FormatDiagnostic(capped.back()) ==
          "f.toml: note: too many errors; " + std::to_string(extra) + " more not shown");
  }
}

TEST_CASE("Every reader's error is an InputError with what() from the one formatter",
          "[diagnostic]") {
  const auto check = [](const InputError& e) {
    REQUIRE_FALSE(e.diagnostics().empty());
    CHECK(std::string(e.what()) == FormatDiagnostics(e.diagnostics()));
  };
  try {
    ParseNfg("NFG 1 R \"t\" { \"A\" } { 2 }\n1 x\n", "g.nfg");
    FAIL("no error");
  } catch (const InputError& e) {
    check(e);
    CHECK(dynamic_cast<const NfgParseError*>(&e) != nullptr);
  }
  try {
    ParseStochasticGame("players = 3\n", "s.toml");
    FAIL("no error");
  } catch (const InputError& e) {
    check(e);
    CHECK(dynamic_cast<const StochasticGameFileError*>(&e) != nullptr);
  }
  try {
    ParseSetFlags({"seoul.pi"});
    FAIL("no error");
  } catch (const InputError& e) {
    check(e);
    CHECK(std::string(e.what()) == "--set seoul.pi: error: expected KEY=VALUE");
  }
}

TEST_CASE("A stochastic game file with many errors shows 20 and counts the rest",
          "[diagnostic][stochastic]") {
  std::string text = "players = [\"A\", \"B\"]\ndiscount = [0.9, 0.9]\n";
  for (int i = 0; i < 30; ++i) text += "unknown_" + std::to_string(10 + i) + " = 1\n";
  try {
    ParseStochasticGame(text, "many.toml");
    FAIL("no error");
  } catch (const StochasticGameFileError& e) {
    REQUIRE(e.diagnostics().size() == kMaxDiagnostics + 1);
    CHECK(FormatDiagnostic(e.diagnostics()[0]) == "many.toml:3:1: error: unknown key 'unknown_10'");
    // 30 unknown keys and the missing [[state]] table: 31 errors, 11 past the cap.
    CHECK(FormatDiagnostic(e.diagnostics().back()) ==
          "many.toml: note: too many errors; 11 more not shown");
  }
}

}  // namespace
}  // namespace kaesong::io
