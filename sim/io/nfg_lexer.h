// Tokens of Gambit .nfg text (see sim/io/nfg.h for the grammar): braces, commas, double-quoted
// strings, and bare words (numbers and the header's "NFG"/"R"/"D"), each with its 1-based line
// and byte column. Numbers are kept as words here; ParseNfgNumber/ParseNfgInteger convert them so
// the parser can say "bad number 'x3'" where it expected one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kaesong {

enum class NfgTokenKind { kLeftBrace, kRightBrace, kComma, kString, kWord, kEnd };

struct NfgToken {
  NfgTokenKind kind = NfgTokenKind::kEnd;
  std::string_view text;  // the source bytes (a string token includes its quotes)
  std::string value;      // kString only: the contents with escapes resolved
  int line = 1;
  int column = 1;
};

// How a token reads in an error message: 'TEXT' (quoted, cut at a newline or 40 bytes) or
// "end of file".
std::string DescribeToken(const NfgToken& token);

// Splits `text` into tokens on demand. `text` must outlive the lexer. The constructor throws
// NfgParseError ("file is not text (byte 0x01)") when the text holds a control byte other than
// whitespace; Peek() and Next() throw it when they reach an unterminated string. The kEnd token
// sits just after the last token (1:1 in an empty file) and is returned again on every later
// call.
class NfgLexer {
 public:
  NfgLexer(std::string_view text, std::string file_name);

  const NfgToken& Peek() const;
  NfgToken Next();

  // Throws NfgParseError at the token's position.
  [[noreturn]] void Fail(const NfgToken& at, const std::string& message) const;

 private:
  void Scan();     // reads the token after the current position into lookahead_
  void Advance();  // moves one byte forward, tracking line and column
  void ThrowIfPending() const;

  std::string_view text_;
  std::string file_name_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
  int end_line_ = 1;  // position just after the last token scanned
  int end_column_ = 1;
  NfgToken lookahead_;
  std::string pending_error_;  // set when lookahead_ is malformed; thrown on reaching it
};

enum class NfgNumberStatus { kOk, kBadSyntax, kOutOfRange, kDivisionByZero };

// Converts a payoff word (syntax in sim/io/nfg.h) to the nearest double (subnormals included).
// kOutOfRange when the value, a numerator or a denominator overflows a double or is nonzero yet
// rounds to zero; kDivisionByZero for "n/0".
NfgNumberStatus ParseNfgNumber(std::string_view word, double* value);

// Converts an integer word ([+-]digits). kBadSyntax for anything else (including "2.0"),
// kOutOfRange beyond int64.
NfgNumberStatus ParseNfgInteger(std::string_view word, std::int64_t* value);

}  // namespace kaesong
