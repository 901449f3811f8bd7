// One problem found in an input — a file, a `--set` or `--vary` flag — and the one way every
// reader reports it, compiler style (as GCC and Clang print them):
//   scenarios/x.toml:12:7: error: pyongyang.discount must be in (0, 1], got 1.2
//   --set pyongyang.discount=1.2: error: pyongyang.discount must be in (0, 1], got 1.2
//   games/x.nfg: error: cannot open: No such file or directory      (no position: line 0)
// A reader collects every problem it can find, then throws one InputError (or a class derived
// from it: ScenarioError, NfgParseError, StochasticGameFileError) holding at most
// kMaxDiagnostics errors and, past that, a note saying how many more there were.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace kaesong::io {

// Where something was set or went wrong.
struct SourcePosition {
  std::string source;  // file name as the user gave it, or the flag's text ("--set k=v")
  int line = 0;        // 1-based; 0 when the problem concerns the whole source
  int column = 0;      // 1-based; columns count bytes
};

enum class Severity { kError, kNote };

struct Diagnostic {
  SourcePosition where;
  std::string message;
  Severity severity = Severity::kError;
};

// "FILE:LINE:COL", or "FILE" when line is 0.
std::string FormatPosition(const SourcePosition& where);

// "WHERE: error: MESSAGE" (or "WHERE: note: MESSAGE").
std::string FormatDiagnostic(const Diagnostic& diagnostic);

// FormatDiagnostic of an error with no position: "SOURCE: error: MESSAGE".
std::string FormatError(const std::string& source, const std::string& message);

// One diagnostic per line, in order, without a trailing newline.
std::string FormatDiagnostics(const std::vector<Diagnostic>& diagnostics);

// The most errors an input reports; the rest are counted in one note.
inline constexpr std::size_t kMaxDiagnostics = 20;

// The first kMaxDiagnostics of `diagnostics` and, when there were more, a note at `source`
// (line 0): "too many errors; N more not shown".
std::vector<Diagnostic> CapDiagnostics(std::vector<Diagnostic> diagnostics,
                                       const std::string& source);

// Bad input: what() is FormatDiagnostics(diagnostics()). Programs report it with exit code 2.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  InputError(SourcePosition where, std::string message);  // one error
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace kaesong::io
