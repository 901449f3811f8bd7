#include "sim/io/scenario_suggest.h"

#include <catch2/catch.hpp>

namespace kaesong::io {
namespace {

TEST_CASE("EditDistance counts insertions, deletions, substitutions, transpositions", "[suggest]") {
  struct Case {
    const char* a;
    const char* b;
    int distance;
  };
  const Case cases[] = {
      {"", "", 0},
      {"abc", "abc", 0},
      {"", "abc", 3},
      {"abc", "", 3},
      {"discount", "discont", 1},
      {"discount", "dicsount", 1},
      {"seoul", "seol", 1},
      {"kitten", "sitting", 3},
      {"ca", "abc", 3},
      {"lambda", "lamdba", 1},
      {"pyongyang", "pyeongyang", 1},
  };
  for (const Case& c : cases) {
    INFO(c.a << " -> " << c.b);
    CHECK(EditDistance(c.a, c.b) == c.distance);
    CHECK(EditDistance(c.b, c.a) == c.distance);
  }
}

TEST_CASE("SuggestKey picks the nearest key, or a same-named key elsewhere", "[suggest]") {
  const std::vector<std::string> keys = {
      "seoul", "seoul.pi", "seoul.discount", "pyongyang.discount", "durability.discount", "deal.m"};
  CHECK(SuggestKey("pyongyang.discont", keys) == "pyongyang.discount");
  CHECK(SuggestKey("pyeongyang.discount", keys) == "pyongyang.discount");
  CHECK(SuggestKey("seol", keys) == "seoul");
  CHECK(SuggestKey("pyongyang.pi", keys) == "seoul.pi");
  CHECK(SuggestKey("protocol.discount", keys) == "seoul.discount");
  CHECK(SuggestKey("deal.x", keys) == "deal.m");
  CHECK(!SuggestKey("weather", keys));
  CHECK(!SuggestKey("de", keys));  // short keys need a closer match
  CHECK(!SuggestKey("seoul.discountfactor", keys));
  // Two deletions away (lengths 16 and 18): still within the limit of 2.
  CHECK(SuggestKey("pyongyang.discou", keys) == "pyongyang.discount");
  // Three insertions away: too far, and no key shares its last component.
  CHECK(!SuggestKey("pyongyang.discountxyz", keys));
  // A candidate whose length alone puts it beyond the limit is not suggested, however long.
  CHECK(!SuggestKey(std::string(100000, 'x'), keys));
}

TEST_CASE("SuggestKey keeps the first of equally near keys", "[suggest]") {
  const std::vector<std::string> keys = {"seoul.pie", "seoul.pi", "seoul.p"};
  CHECK(SuggestKey("seoul.pix", keys) == "seoul.pie");  // distance 1 to both of the first two
  CHECK(SuggestKey("seoul.px", keys) == "seoul.pi");    // 2 to the first, 1 to the others
}

}  // namespace
}  // namespace kaesong::io
