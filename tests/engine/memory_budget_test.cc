// Sizes for --max-memory (memory_budget.h): the accepted spellings, what is refused, how sizes
// are printed, and the refusal message of a run over its limit.
#include "sim/engine/memory_budget.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace kaesong::engine {
namespace {

TEST_CASE("ParseMemorySize reads bytes and binary prefixes", "[memory]") {
  constexpr std::uint64_t kKi = 1024, kMi = kKi * 1024, kGi = kMi * 1024, kTi = kGi * 1024;
  CHECK(ParseMemorySize("2e9") == std::uint64_t{2'000'000'000});
  CHECK(ParseMemorySize("900") == std::uint64_t{900});
  CHECK(ParseMemorySize("900B") == std::uint64_t{900});
  CHECK(ParseMemorySize("750k") == 750 * kKi);
  CHECK(ParseMemorySize("512M") == 512 * kMi);
  CHECK(ParseMemorySize("512MB") == 512 * kMi);
  CHECK(ParseMemorySize("8G") == 8 * kGi);
  CHECK(ParseMemorySize("8g") == 8 * kGi);
  CHECK(ParseMemorySize("1.5GiB") == 3 * kGi / 2);
  CHECK(ParseMemorySize("1T") == kTi);
  CHECK(ParseMemorySize("1e-3G") == static_cast<std::uint64_t>(1e-3 * static_cast<double>(kGi)));
  CHECK(ParseMemorySize("1.5") == std::uint64_t{1});  // whole bytes
}

TEST_CASE("ParseMemorySize refuses what is not a positive size", "[memory]") {
  for (const char* text : {"", "G", "8X", "8 G", "8GB ", "-1G", "0", "0.5", "1e30", "nan", "inf",
                           "1..2G", "8PiB", "0x10", "e9", "1e", "8Gi"}) {
    INFO(text);
    CHECK(ParseMemorySize(text) == std::nullopt);
  }
}

TEST_CASE("FormatBytes prints three significant digits in binary units", "[memory]") {
  CHECK(FormatBytes(0.0) == "0 B");
  CHECK(FormatBytes(900.0) == "900 B");
  CHECK(FormatBytes(1023.0) == "1023 B");
  CHECK(FormatBytes(1024.0) == "1 KiB");
  CHECK(FormatBytes(1536.0) == "1.5 KiB");
  CHECK(FormatBytes(512.0 * 1024 * 1024) == "512 MiB");
  CHECK(FormatBytes(6.82 * 1024 * 1024 * 1024) == "6.82 GiB");
  CHECK(FormatBytes(192.4 * 1024.0 * 1024 * 1024) == "192 GiB");
  CHECK(FormatBytes(2.0 * 1024.0 * 1024 * 1024 * 1024) == "2 TiB");
}

TEST_CASE("RequireWithinMemory refuses an estimate above the limit, and 0 is no limit",
          "[memory]") {
  const MemoryEstimate e{3.0 * 1024 * 1024, "3 rounds x 1 MiB"};
  CHECK_NOTHROW(RequireWithinMemory(e, 0, "the run"));
  CHECK_NOTHROW(RequireWithinMemory(e, std::uint64_t{3} << 20, "the run"));  // equal is within
  CHECK_THROWS_MATCHES(
      RequireWithinMemory(e, std::uint64_t{2} << 20, "the run"), MemoryLimitError,
      Catch::Message("the run would hold about 3 MiB (3 rounds x 1 MiB), above the memory limit "
                     "of 2 MiB (--max-memory)"));
}

TEST_CASE("The default limit is a positive share of the machine", "[memory]") {
  const std::uint64_t limit = DefaultMemoryLimit();
  CHECK(limit > 0);
}

}  // namespace
}  // namespace kaesong::engine
