#include "sim/engine/sweep_plan.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>

namespace kaesong::engine {
namespace {

TEST_CASE("Vary specs parse into ranges and lists", "[sweep]") {
  const SweepAxis range = ParseVarySpec("seoul.discount=0.5:0.9:5");
  CHECK(range.key == "seoul.discount");
  CHECK(range.is_range);
  CHECK(range.size() == 5);
  CHECK(range.GridValue(0) == "0.5");
  CHECK(range.GridValue(2) == "0.69999999999999996");  // 0.5 + 2 * 0.1 as a double
  CHECK(range.GridValue(4) == "0.90000000000000002");  // the literal 0.9, exactly hi

  const SweepAxis log_range = ParseVarySpec("solution.lambda=0.1:1000:5:log");
  CHECK(log_range.log);
  CHECK(std::stod(log_range.GridValue(1)) == Approx(1.0).epsilon(1e-14));
  CHECK(std::stod(log_range.GridValue(3)) == Approx(100.0).epsilon(1e-14));

  const SweepAxis list = ParseVarySpec("protocol.first=seoul,pyongyang");
  CHECK_FALSE(list.is_range);
  CHECK(list.values == std::vector<std::string>{"seoul", "pyongyang"});
  CHECK(ParseVarySpec("deal.g=0.25").size() == 1);
}

TEST_CASE("Bad vary specs name the flag", "[sweep]") {
  using Catch::Matchers::Equals;
  const auto message = [](const std::string& spec) {
    try {
      ParseVarySpec(spec);
    } catch (const SweepSpecError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message("x=0.9:0.1:3") == "--vary x=0.9:0.1:3: lo (0.9) must not exceed hi (0.1)");
  CHECK(message("x=0:1:0") == "--vary x=0:1:0: n must be at least 1, got 0");
  CHECK(message("x=a:1:3") == "--vary x=a:1:3: lo 'a' is not a number");
  CHECK(message("x=0:1:2.5") == "--vary x=0:1:2.5: n '2.5' is not a whole number");
  CHECK(message("x") == "--vary x: expected key=lo:hi:n, key=lo:hi:n:log or key=v1,v2,...");
  CHECK(message("=1,2") == "--vary =1,2: missing parameter key before '='");
  CHECK(message("x=0:1:3:cube") == "--vary x=0:1:3:cube: unknown spacing 'cube' (only 'log')");
  CHECK(message("x=0:1:3:log") == "--vary x=0:1:3:log: log spacing needs lo > 0");
  CHECK(message("x=1,,2") == "--vary x=1,,2: empty value in list");
  CHECK(message("x=1,2,1") == "--vary x=1,2,1: value '1' listed twice");
  CHECK(message("x=nan:1:3") == "--vary x=nan:1:3: lo 'nan' is not a number");
}

TEST_CASE("Grid plans enumerate the Cartesian product, first axis slowest", "[sweep]") {
  SweepPlan plan({ParseVarySpec("a=1,2"), ParseVarySpec("b=0:1:3")});
  REQUIRE(plan.PointCount() == 6);
  CHECK(plan.PointValues(0) == std::vector<std::string>{"1", "0"});
  CHECK(plan.PointValues(2) == std::vector<std::string>{"1", "1"});
  CHECK(plan.PointValues(3) == std::vector<std::string>{"2", "0"});
  CHECK(plan.PointValues(5) == std::vector<std::string>{"2", "1"});
}

TEST_CASE("Plans refuse duplicate keys and oversized grids", "[sweep]") {
  CHECK_THROWS_WITH(SweepPlan({ParseVarySpec("a=1,2"), ParseVarySpec("a=0:1:3")}),
                    "--vary a=0:1:3: a is varied twice");
  CHECK_THROWS_WITH(SweepPlan({ParseVarySpec("a=0:1:100000"), ParseVarySpec("b=0:1:100000"),
                               ParseVarySpec("c=0:1:100000")}),
                    "--vary: the grid has 100000 x 100000 x 100000 points = 1000000000000000, "
                    "above the limit of 100000000; use --sample or fewer values");
  // 10^20 points do not fit in a 64-bit count: named without the product.
  CHECK_THROWS_WITH(SweepPlan({ParseVarySpec("a=0:1:100000"), ParseVarySpec("b=0:1:100000"),
                               ParseVarySpec("c=0:1:100000"), ParseVarySpec("d=0:1:100000")}),
                    "--vary: the grid has 100000 x 100000 x 100000 x 100000 points (more than the "
                    "limit), above the limit of 100000000; use --sample or fewer values");
  // 10^9 points: counted exactly, then refused.
  CHECK_THROWS_WITH(SweepPlan({ParseVarySpec("a=0:1:1000"), ParseVarySpec("b=0:1:1000"),
                               ParseVarySpec("c=0:1:1000")}),
                    "--vary: the grid has 1000 x 1000 x 1000 points = 1000000000, above the limit "
                    "of 100000000; use --sample or fewer values");
  CHECK(SweepPlan({ParseVarySpec("a=0:1:10000"), ParseVarySpec("b=0:1:10000")}).PointCount() ==
        100'000'000);
  // 2^62 * 4 overflows a 64-bit count; the check must fire before the product is formed.
  CHECK_THROWS_WITH(
      SweepPlan({ParseVarySpec("a=0:1:4611686018427387904"), ParseVarySpec("b=0:1:4")}),
      "--vary: the grid has 4611686018427387904 x 4 points (more than the limit), above the limit "
      "of 100000000; use --sample or fewer values");
  CHECK_THROWS_WITH(SweepPlan({}), "--vary: give at least one parameter to vary");
}

TEST_CASE("Latin hypercube samples put one point in each stratum of every axis", "[sweep]") {
  const long long n = 200;
  SweepPlan plan({ParseVarySpec("a=0:1:2"), ParseVarySpec("b=10:20:2")},
                 SampleKind::kLatinHypercube, n, 42);
  std::set<long long> strata_a, strata_b;
  for (long long p = 0; p < n; ++p) {
    const auto values = plan.PointValues(p);
    const double a = std::stod(values[0]);
    const double b = std::stod(values[1]);
    REQUIRE(a >= 0.0);
    REQUIRE(a < 1.0);
    strata_a.insert(static_cast<long long>(std::floor(a * n)));
    strata_b.insert(static_cast<long long>(std::floor((b - 10.0) / 10.0 * n)));
  }
  CHECK(strata_a.size() == static_cast<std::size_t>(n));
  CHECK(strata_b.size() == static_cast<std::size_t>(n));
}

TEST_CASE("Random samples are a pure function of seed and point", "[sweep]") {
  SweepPlan one({ParseVarySpec("a=0:1:2")}, SampleKind::kRandom, 50, 7);
  SweepPlan same({ParseVarySpec("a=0:1:2")}, SampleKind::kRandom, 50, 7);
  SweepPlan other({ParseVarySpec("a=0:1:2")}, SampleKind::kRandom, 50, 8);
  CHECK(one.PointValues(17) == same.PointValues(17));
  CHECK(one.PointValues(17) != other.PointValues(17));
  double mean = 0.0;
  SweepPlan big({ParseVarySpec("a=0:1:2")}, SampleKind::kRandom, 20000, 3);
  for (long long p = 0; p < big.PointCount(); ++p) mean += std::stod(big.PointValues(p)[0]);
  mean /= static_cast<double>(big.PointCount());
  CHECK(mean == Approx(0.5).margin(0.01));  // 5 standard errors (sd 0.2887 / sqrt(20000))
}

TEST_CASE("Sample specs", "[sweep]") {
  CHECK(ParseSampleSpec("lhs:100") == std::pair{SampleKind::kLatinHypercube, 100LL});
  CHECK(ParseSampleSpec("random:5") == std::pair{SampleKind::kRandom, 5LL});
  CHECK_THROWS_WITH(ParseSampleSpec("sobol:5"), "--sample sobol:5: unknown sampling 'sobol' (random or lhs)");
  CHECK_THROWS_WITH(ParseSampleSpec("lhs:0"), "--sample lhs:0: N must be at least 1, got 0");
  CHECK_THROWS_WITH(ParseSampleSpec("lhs"), "--sample lhs: expected random:N or lhs:N");
}

}  // namespace
}  // namespace kaesong::engine
