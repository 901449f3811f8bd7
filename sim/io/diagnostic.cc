#include "sim/io/diagnostic.h"

#include <fmt/format.h>

#include <utility>

namespace kaesong::io {

std::string FormatPosition(const SourcePosition& where) {
  if (where.line == 0) return where.source;
  return fmt::format("{}:{}:{}", where.source, where.line, where.column);
}

std::string FormatDiagnostic(const Diagnostic& diagnostic) {
  return fmt::format("{}: {}: {}", FormatPosition(diagnostic.where),
                     diagnostic.severity == Severity::kNote ? "note" : "error",
                     diagnostic.message);
}

std::string FormatError(const std::string& source, const std::string& message) {
  Diagnostic error;
  error.where.source = source;
  error.message = message;
  return FormatDiagnostic(error);
}

std::string FormatDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& d : diagnostics) {
    if (!text.empty()) text += '\n';
    text += FormatDiagnostic(d);
  }
  return text;
}

std::vector<Diagnostic> CapDiagnostics(std::vector<Diagnostic> diagnostics,
                                       const std::string& source) {
  if (diagnostics.size() <= kMaxDiagnostics) return diagnostics;
  const std::size_t more = diagnostics.size() - kMaxDiagnostics;
  diagnostics.resize(kMaxDiagnostics);
  Diagnostic note;
  note.where.source = source;
  note.message = fmt::format("too many errors; {} more not shown", more);
  note.severity = Severity::kNote;
  diagnostics.push_back(std::move(note));
  return diagnostics;
}

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(FormatDiagnostics(diagnostics)), diagnostics_(std::move(diagnostics)) {}

namespace {
std::vector<Diagnostic> OneError(SourcePosition where, std::string message) {
  Diagnostic error;
  error.where = std::move(where);
  error.message = std::move(message);
  return {std::move(error)};
}
}  // namespace

InputError::InputError(SourcePosition where, std::string message)
    : InputError(OneError(std::move(where), std::move(message))) {}

}  // namespace kaesong::io
