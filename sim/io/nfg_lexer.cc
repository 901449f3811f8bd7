#include "sim/io/nfg_lexer.h"
#include "sim/io/nfg.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

namespace kaesong {

namespace {

constexpr std::size_t kDescribeLimit = 40;

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// Bytes that never occur in a text file: C0 controls other than whitespace, and DEL.
bool IsBinaryByte(unsigned char c) {
  return (c < 0x20 && !IsSpace(static_cast<char>(c))) || c == 0x7f;
}

// Line and column counters stop at INT_MAX instead of overflowing in absurdly large inputs.
void Step(char c, int& line, int& column) {
  if (c == '\n') {
    if (line < std::numeric_limits<int>::max()) ++line;
    column = 1;
  } else if (column < std::numeric_limits<int>::max()) {
    ++column;
  }
}

bool EndsWord(char c) { return IsSpace(c) || c == '{' || c == '}' || c == '"' || c == ','; }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Length of the run of digits starting at s[i].
std::size_t DigitRun(std::string_view s, std::size_t i) {
  std::size_t n = 0;
  while (i + n < s.size() && IsDigit(s[i + n])) ++n;
  return n;
}

// Parses [-]digits[.digits][e[+-]digits] (the caller has removed a leading '+'), requiring that
// the whole of `s` is consumed.
NfgNumberStatus ConvertDecimal(std::string_view s, double* value) {
  double v = 0.0;
  const auto [ptr, ec] =
      std::from_chars(s.data(), s.data() + s.size(), v, std::chars_format::general);
  if (ec == std::errc::result_out_of_range) return NfgNumberStatus::kOutOfRange;
  if (ec != std::errc() || ptr != s.data() + s.size()) return NfgNumberStatus::kBadSyntax;
  if (!std::isfinite(v)) return NfgNumberStatus::kOutOfRange;
  *value = v;
  return NfgNumberStatus::kOk;
}

}  // namespace

std::string DescribeToken(const NfgToken& token) {
  if (token.kind == NfgTokenKind::kEnd) return "end of file";
  std::string_view shown = token.text;
  bool cut = false;
  if (const auto newline = shown.find_first_of("\r\n"); newline != std::string_view::npos) {
    shown = shown.substr(0, newline);
    cut = true;
  }
  if (shown.size() > kDescribeLimit) {
    shown = shown.substr(0, kDescribeLimit);
    cut = true;
  }
  return fmt::format("'{}{}'", shown, cut ? "..." : "");
}

NfgLexer::NfgLexer(std::string_view text, std::string file_name)
    : text_(text), file_name_(std::move(file_name)) {
  // Reject binary data before anything else, so that such a file always gets this message
  // rather than whichever syntax error its first bytes happen to make.
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // UTF-8 byte-order mark
  int line = 1;
  int column = 1;
  for (const char c : text_.substr(pos_)) {
    const auto byte = static_cast<unsigned char>(c);
    if (IsBinaryByte(byte)) {
      throw NfgParseError(file_name_, line, column,
                          fmt::format("file is not text (byte 0x{:02x})", byte));
    }
    Step(c, line, column);
  }
  Scan();
}

const NfgToken& NfgLexer::Peek() const {
  ThrowIfPending();
  return lookahead_;
}

void NfgLexer::ThrowIfPending() const {
  if (!pending_error_.empty()) {
    throw NfgParseError(file_name_, lookahead_.line, lookahead_.column, pending_error_);
  }
}

void NfgLexer::Advance() {
  Step(text_[pos_], line_, column_);
  ++pos_;
}

NfgToken NfgLexer::Next() {
  ThrowIfPending();
  NfgToken current = std::move(lookahead_);
  if (current.kind != NfgTokenKind::kEnd) {
    Scan();
  } else {
    lookahead_ = current;
  }
  return current;
}

void NfgLexer::Fail(const NfgToken& at, const std::string& message) const {
  throw NfgParseError(file_name_, at.line, at.column, message);
}

void NfgLexer::Scan() {
  while (pos_ < text_.size() && IsSpace(text_[pos_])) Advance();
  NfgToken token;
  token.line = line_;
  token.column = column_;
  if (pos_ >= text_.size()) {
    token.kind = NfgTokenKind::kEnd;
    token.line = end_line_;
    token.column = end_column_;
    lookahead_ = std::move(token);
    return;
  }
  const std::size_t start = pos_;
  const char c = text_[pos_];
  if (c == '{' || c == '}' || c == ',') {
    token.kind = c == '{'   ? NfgTokenKind::kLeftBrace
                 : c == '}' ? NfgTokenKind::kRightBrace
                            : NfgTokenKind::kComma;
    Advance();
  } else if (c == '"') {
    token.kind = NfgTokenKind::kString;
    Advance();
    bool closed = false;
    while (pos_ < text_.size()) {
      const char d = text_[pos_];
      if (d == '"') {
        Advance();
        closed = true;
        break;
      }
      if (d == '\\' && pos_ + 1 < text_.size() &&
          (text_[pos_ + 1] == '"' || text_[pos_ + 1] == '\\')) {
        token.value.push_back(text_[pos_ + 1]);
        Advance();
        Advance();
        continue;
      }
      token.value.push_back(d);
      Advance();
    }
    if (!closed) {
      // Reported only when the parser reaches this token, so earlier errors come first.
      pending_error_ = "unterminated string";
    }
  } else {
    token.kind = NfgTokenKind::kWord;
    while (pos_ < text_.size() && !EndsWord(text_[pos_])) Advance();
  }
  token.text = text_.substr(start, pos_ - start);
  end_line_ = line_;
  end_column_ = column_;
  lookahead_ = std::move(token);
}

NfgNumberStatus ParseNfgNumber(std::string_view word, double* value) {
  std::string_view s = word;
  std::size_t sign = 0;  // length of a '-' kept in s (from_chars takes '-' but not '+')
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
  } else if (!s.empty() && s.front() == '-') {
    sign = 1;
  }

  // Rational: [-]digits/digits.
  if (const auto slash = s.find('/'); slash != std::string_view::npos) {
    const std::size_t num_digits = DigitRun(s, sign);
    if (num_digits == 0 || sign + num_digits != slash) return NfgNumberStatus::kBadSyntax;
    const std::size_t den_digits = DigitRun(s, slash + 1);
    if (den_digits == 0 || slash + 1 + den_digits != s.size()) return NfgNumberStatus::kBadSyntax;
    double numerator = 0.0;
    double denominator = 0.0;
    if (const auto st = ConvertDecimal(s.substr(0, slash), &numerator);
        st != NfgNumberStatus::kOk) {
      return st;
    }
    if (const auto st = ConvertDecimal(s.substr(slash + 1), &denominator);
        st != NfgNumberStatus::kOk) {
      return st;
    }
    if (denominator == 0.0) return NfgNumberStatus::kDivisionByZero;
    const double quotient = numerator / denominator;  // correctly rounded when both are exact
    if (!std::isfinite(quotient) || (quotient == 0.0 && numerator != 0.0)) {
      return NfgNumberStatus::kOutOfRange;
    }
    *value = quotient;
    return NfgNumberStatus::kOk;
  }

  // Decimal: [-](digits[.digits?] | .digits)([eE][+-]?digits)? -- checked here because
  // from_chars alone would also take "inf", "nan" and hexadecimal-looking forms.
  std::size_t i = sign;
  const std::size_t int_digits = DigitRun(s, i);
  i += int_digits;
  std::size_t frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    frac_digits = DigitRun(s, i);
    i += frac_digits;
  }
  if (int_digits + frac_digits == 0) return NfgNumberStatus::kBadSyntax;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const std::size_t exp_digits = DigitRun(s, i);
    if (exp_digits == 0) return NfgNumberStatus::kBadSyntax;
    i += exp_digits;
  }
  if (i != s.size()) return NfgNumberStatus::kBadSyntax;
  return ConvertDecimal(s, value);
}

NfgNumberStatus ParseNfgInteger(std::string_view word, std::int64_t* value) {
  std::string_view s = word;
  std::size_t sign = 0;  // length of a '-' kept in s (from_chars takes '-' but not '+')
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
  } else if (!s.empty() && s.front() == '-') {
    sign = 1;
  }
  const std::size_t digits = DigitRun(s, sign);
  if (digits == 0 || sign + digits != s.size()) return NfgNumberStatus::kBadSyntax;
  std::int64_t v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc::result_out_of_range) return NfgNumberStatus::kOutOfRange;
  if (ec != std::errc() || ptr != s.data() + s.size()) return NfgNumberStatus::kBadSyntax;
  *value = v;
  return NfgNumberStatus::kOk;
}

}  // namespace kaesong
