// Range and consistency rules for Parameters, one function per scenario section, in the key order
// of the reference scenario (scenarios/kaesong_2013.toml). Messages read
// "<key> must be <condition>, got <value>" so that the loader can prefix a file position.
#include "models/kaesong/validate.h"

#include "models/kaesong/belief_qre.h"
#include "sim/solver/simplex_lattice.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>

namespace kaesong::model {
namespace {

// Documented limits (scenarios/kaesong_2013.toml states them next to each key).
constexpr int kMaxGrid = 1001;
// Deals on the grid (the product of the dimensions' points, 1 for a fixed one): the solvers keep
// a few numbers per deal and round, so 10^6 deals stay within a few hundred MB.
constexpr long long kMaxDeals = 1'000'000;
// Money (US$ million per year, or one-off US$ million): at most 1e12 in magnitude, so that sums
// and products of a few amounts stay far from overflow and from losing every digit of a small one.
constexpr double kMaxMoney = 1e12;
constexpr int kMaxRounds = 10000;
constexpr int kMaxSpacingDays = 3650;
constexpr int kMaxReplications = 10'000'000;
constexpr int kMaxSimulatedRounds = 1'000'000;
constexpr unsigned long long kMaxSeed =
    static_cast<unsigned long long>(std::numeric_limits<std::int64_t>::max());

std::string IsoDate(Day day) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

class Checker {
 public:
  explicit Checker(std::vector<ParameterIssue>& issues) : issues_(issues) {}

  void Fail(std::string key, std::string message) {
    issues_.push_back({std::move(key), std::move(message)});
  }

  // A finite real number, any sign.
  bool Finite(const std::string& key, double value) {
    if (std::isfinite(value)) return true;
    Fail(key, fmt::format("{} must be a finite number, got {}", key, value));
    return false;
  }
  // An amount of money, any sign: finite and |value| <= kMaxMoney.
  bool Money(const std::string& key, double value) {
    if (!Finite(key, value)) return false;
    if (std::abs(value) <= kMaxMoney) return true;
    Fail(key, fmt::format("{} must be at most 1e12 in magnitude (US$ million), got {}", key, value));
    return false;
  }
  void NonNegativeMoney(const std::string& key, double value) {
    if (!Money(key, value)) return;
    if (!(value >= 0.0)) Fail(key, fmt::format("{} must be >= 0, got {}", key, value));
  }
  void Positive(const std::string& key, double value) {
    if (!Finite(key, value)) return;
    if (!(value > 0.0)) Fail(key, fmt::format("{} must be > 0, got {}", key, value));
  }
  // [0, 1]; NaN fails every interval check.
  bool Probability(const std::string& key, double value) {
    if (value >= 0.0 && value <= 1.0) return true;
    Fail(key, fmt::format("{} must be in [0, 1], got {}", key, value));
    return false;
  }
  // (0, 1]
  void RoundDiscount(const std::string& key, double value) {
    if (!(value > 0.0 && value <= 1.0)) {
      Fail(key, fmt::format("{} must be in (0, 1], got {}", key, value));
    }
  }
  void IntegerIn(const std::string& key, long long value, long long lo, long long hi) {
    if (value < lo || value > hi) {
      Fail(key, fmt::format("{} must be in [{}, {}], got {}", key, lo, hi, value));
    }
  }

 private:
  std::vector<ParameterIssue>& issues_;
};

// m: hard currency, any amount >= 0; g and beta: shares in [0, 1].
void CheckDimension(Checker& c, const std::string& key, const DealDimension& d,
                    bool unit_interval) {
  const auto check_value = [&](const std::string& k, double v) {
    if (unit_interval) return c.Probability(k, v);
    if (!c.Money(k, v)) return false;
    if (v >= 0.0) return true;
    c.Fail(k, fmt::format("{} must be >= 0, got {}", k, v));
    return false;
  };
  if (d.fixed) {
    check_value(key, *d.fixed);
    return;
  }
  const bool min_ok = check_value(key + ".min", d.min);
  const bool max_ok = check_value(key + ".max", d.max);
  if (min_ok && max_ok && d.min > d.max) {
    c.Fail(key + ".min",
           fmt::format("{0}.min must be <= {0}.max ({1}), got {2}", key, d.max, d.min));
  }
  c.IntegerIn(key + ".grid", d.grid, 2, kMaxGrid);
}

void CheckDeal(Checker& c, const DealSpace& deal) {
  CheckDimension(c, "deal.m", deal.m, false);
  CheckDimension(c, "deal.g", deal.g, true);
  CheckDimension(c, "deal.beta", deal.beta, true);
  const auto points = [](const DealDimension& d) -> long long {
    return d.fixed ? 1 : std::clamp(d.grid, 1, kMaxGrid);
  };
  const long long deals = points(deal.m) * points(deal.g) * points(deal.beta);
  if (deals > kMaxDeals) {
    c.Fail("deal.m.grid",
           fmt::format("the deal grid must have at most {} deals, got {} x {} x {} = {} (deal.m.grid, "
                       "deal.g.grid, deal.beta.grid)",
                       kMaxDeals, points(deal.m), points(deal.g), points(deal.beta), deals));
  }
}

void CheckSide(Checker& c, const std::string& side, const Side& s, const Protocol& protocol) {
  if (side == "seoul") c.Money("seoul.pi", s.pi);
  c.NonNegativeMoney(side + ".guarantee_weight", s.guarantee_weight);
  c.NonNegativeMoney(side + ".blame_weight", s.blame_weight);
  const std::string discount = side + ".discount";
  if (!(s.discount > 0.0 && s.discount <= 1.0)) {
    c.RoundDiscount(discount, s.discount);
  } else if (!protocol.rounds && protocol.breakdown == 0.0 && s.discount == 1.0) {
    // Without a horizon or a breakdown risk nothing ends the game, so waiting must cost something.
    c.Fail(discount, fmt::format("{} must be < 1 when protocol.rounds is \"infinite\" and "
                                 "protocol.breakdown is 0, got 1",
                                 discount));
  }
  c.Money(side + ".impasse", s.impasse);
  c.Money(side + ".breakdown_payoff", s.breakdown_payoff);
  if (s.outside_option) c.Money(side + ".outside_option", *s.outside_option);
  c.NonNegativeMoney(side + ".temptation_mean", s.temptation.mean);
  c.NonNegativeMoney(side + ".temptation_drill_mean", s.temptation.drill_mean);
}

void CheckDurability(Checker& c, const Durability& d) {
  c.NonNegativeMoney("durability.penalty_max", d.penalty_max);
  // Values after a deal are annuities V / (1 - discount): 1 is excluded.
  if (!(d.discount > 0.0 && d.discount < 1.0)) {
    c.Fail("durability.discount",
           fmt::format("durability.discount must be in (0, 1), got {}", d.discount));
  }
  c.Probability("durability.drill_share", d.drill_share);
  c.Probability("durability.reopen_prob", d.reopen_prob);
}

void CheckProtocol(Checker& c, const Protocol& p) {
  c.Probability("protocol.seoul_proposes_prob", p.seoul_proposes_prob);
  if (p.rounds) c.IntegerIn("protocol.rounds", *p.rounds, 1, kMaxRounds);
  c.IntegerIn("protocol.drafts", p.drafts, 1, kMaxDrafts);
  const bool breakdown_ok = c.Probability("protocol.breakdown", p.breakdown);
  const bool drill_ok = c.Probability("protocol.drill_breakdown", p.drill_breakdown);
  if (breakdown_ok && drill_ok && p.breakdown + p.drill_breakdown > 1.0) {
    c.Fail("protocol.drill_breakdown",
           fmt::format("protocol.breakdown + protocol.drill_breakdown must be <= 1, got {} + {}",
                       p.breakdown, p.drill_breakdown));
  }
}

void CheckCalendar(Checker& c, const Calendar& cal) {
  for (std::size_t i = 1; i < cal.round_dates.size(); ++i) {
    if (cal.round_dates[i] <= cal.round_dates[i - 1]) {
      c.Fail(fmt::format("calendar.rounds[{}]", i),
             fmt::format("calendar.rounds[{}] must be after calendar.rounds[{}] ({}), got {}", i,
                         i - 1, IsoDate(cal.round_dates[i - 1]), IsoDate(cal.round_dates[i])));
    }
  }
  c.IntegerIn("calendar.spacing_days", cal.spacing_days, 1, kMaxSpacingDays);
  for (std::size_t i = 0; i < cal.drills.size(); ++i) {
    const DrillWindow& w = cal.drills[i];
    if (w.end < w.start) {
      const std::string key = fmt::format("calendar.drills[{}].end", i);
      c.Fail(key, fmt::format("{} must be on or after calendar.drills[{}].start ({}), got {}", key,
                              i, IsoDate(w.start), IsoDate(w.end)));
    }
  }
}

void CheckSolution(Checker& c, const Solution& s) {
  c.Positive("solution.lambda", s.lambda);
  c.Positive("solution.tolerance", s.tolerance);
  c.IntegerIn("solution.max_iterations", s.max_iterations, 1,
              std::numeric_limits<int>::max());
  if (!(s.nash_weight > 0.0 && s.nash_weight < 1.0)) {
    c.Fail("solution.nash_weight",
           fmt::format("solution.nash_weight must be in (0, 1), got {}", s.nash_weight));
  }
}

// Hidden information and the screening equilibrium (pbe.h): the game it solves, and the types.
void CheckInformation(Checker& c, const Parameters& p) {
  const Information& info = p.information;
  const bool pbe = p.solution.solution_concept == SolutionConcept::kPbe;
  const bool qre = p.solution.solution_concept == SolutionConcept::kQre;
  // The screening game (Seoul, the uninformed side, makes every offer): "pbe" always, "qre"
  // when a parameter is hidden (belief_qre.h).
  const bool screening = pbe || (qre && info.hidden != HiddenParameter::kNone);
  const std::string game = pbe ? "solution.concept is \"pbe\""
                               : "solution.concept is \"qre\" with information.hidden set";
  if (screening) {
    if (p.protocol.kind != ProtocolKind::kAlternating) {
      c.Fail("protocol.kind", fmt::format("protocol.kind must be \"alternating\" when {}, got "
                                          "\"simultaneous\"",
                                          game));
    }
    if (p.protocol.order != ProposerOrder::kFixed) {
      c.Fail("protocol.order",
             fmt::format("protocol.order must be \"fixed\" when {} (Seoul, the uninformed side, "
                         "makes every offer), got \"{}\"",
                         game, p.protocol.order == ProposerOrder::kRandom ? "random" : "alternate"));
    }
    if (p.protocol.first != Proposer::kSeoul) {
      c.Fail("protocol.first", fmt::format("protocol.first must be \"seoul\" when {} (the "
                                           "uninformed side screens), got \"pyongyang\"",
                                           game));
    }
    if (p.pyongyang.outside_option) {
      c.Fail("pyongyang.outside_option",
             fmt::format("pyongyang.outside_option must be \"none\" when {} (the screening "
                         "game gives the informed side no walk-away), got {}",
                         game, *p.pyongyang.outside_option));
    }
  }
  c.IntegerIn("information.belief_points", info.belief_points, 2, kMaxBeliefPoints);
  if (info.hidden == HiddenParameter::kNone) {
    if (!info.values.empty()) {
      c.Fail("information.values", "information.values needs information.hidden, got none");
    }
    return;
  }
  if (!pbe && !qre) {
    c.Fail("information.hidden",
           "information.hidden needs solution.concept = \"pbe\" or \"qre\" (\"spe\" is a "
           "complete-information concept), got \"spe\"");
  }
  if (info.hidden == HiddenParameter::kBreakdownPayoff &&
      p.pyongyang.temptation.kind != TemptationKind::kNone) {
    c.Fail("information.hidden",
           "information.hidden = \"pyongyang.breakdown_payoff\" needs pyongyang.temptation = "
           "\"none\" (with a temptation the type would change Seoul's value of every deal), got "
           "a temptation");
  }
  const int n = static_cast<int>(info.values.size());
  if (n < 1 || n > kMaxTypes) {
    c.Fail("information.values",
           fmt::format("information.values must list 1 to {} values, got {}", kMaxTypes, n));
    return;
  }
  if (qre && info.belief_points >= 2 && info.belief_points <= kMaxBeliefPoints &&
      solver::SimplexLattice::CountPoints(n, info.belief_points - 1, kMaxBeliefLattice) >
          kMaxBeliefLattice) {
    // The largest edge that fits: the lattice grows with the edge, so bisect on it.
    int lo = 1, hi = info.belief_points - 1;  // resolutions: lo fits (or is the least), hi not
    while (hi - lo > 1) {
      const int mid = lo + (hi - lo) / 2;
      (solver::SimplexLattice::CountPoints(n, mid, kMaxBeliefLattice) <= kMaxBeliefLattice ? lo
                                                                                          : hi) =
          mid;
    }
    const bool any = solver::SimplexLattice::CountPoints(n, 1, kMaxBeliefLattice) <=
                     kMaxBeliefLattice;
    c.Fail("information.belief_points",
           fmt::format("information.belief_points = {} gives a lattice of more than {} beliefs "
                       "over {} types under solution.concept = \"qre\"; {}",
                       info.belief_points, kMaxBeliefLattice, n,
                       any ? fmt::format("at most {} points per edge fit with {} types", lo + 1, n)
                           : fmt::format("no lattice fits with {} types: use fewer types", n)));
  }
  for (int i = 0; i < n; ++i) {
    const std::string key = fmt::format("information.values[{}]", i);
    const double v = info.values[static_cast<std::size_t>(i)];
    switch (info.hidden) {
      case HiddenParameter::kBlameWeight: c.NonNegativeMoney(key, v); break;
      case HiddenParameter::kDiscount:
        if (!(v > 0.0 && v <= 1.0)) {
          c.RoundDiscount(key, v);
        } else if (!p.protocol.rounds && p.protocol.breakdown == 0.0 && v == 1.0) {
          c.Fail(key, fmt::format("{} must be < 1 when protocol.rounds is \"infinite\" and "
                                  "protocol.breakdown is 0, got 1",
                                  key));
        }
        break;
      case HiddenParameter::kImpasse:
      case HiddenParameter::kBreakdownPayoff: c.Money(key, v); break;
      case HiddenParameter::kNone: break;
    }
    for (int j = 0; j < i; ++j) {
      if (info.values[static_cast<std::size_t>(j)] == v) {
        c.Fail(key, fmt::format("{} must differ from information.values[{}], got {} twice", key, j,
                                v));
        break;
      }
    }
  }
  if (info.prior.empty()) return;
  if (static_cast<int>(info.prior.size()) != n) {
    c.Fail("information.prior",
           fmt::format("information.prior must have one entry per value ({}), got {}", n,
                       info.prior.size()));
    return;
  }
  double sum = 0.0;
  bool entries_ok = true;
  for (int i = 0; i < n; ++i) {
    const std::string key = fmt::format("information.prior[{}]", i);
    const double q = info.prior[static_cast<std::size_t>(i)];
    entries_ok = c.Probability(key, q) && entries_ok;
    sum += q;
  }
  if (entries_ok && std::abs(sum - 1.0) > 1e-9) {
    c.Fail("information.prior", fmt::format("information.prior must sum to 1, got {}", sum));
  }
}

void CheckSimulation(Checker& c, const Simulation& s) {
  c.IntegerIn("simulation.replications", s.replications, 1, kMaxReplications);
  if (s.seed > kMaxSeed) {
    c.Fail("simulation.seed",
           fmt::format("simulation.seed must be in [0, {}], got {}", kMaxSeed, s.seed));
  }
  c.IntegerIn("simulation.max_rounds", s.max_rounds, 1, kMaxSimulatedRounds);
}

}  // namespace

std::vector<ParameterIssue> ValidateParameters(const Parameters& p) {
  std::vector<ParameterIssue> issues;
  Checker c(issues);
  CheckDeal(c, p.deal);
  CheckSide(c, "seoul", p.seoul, p.protocol);
  CheckSide(c, "pyongyang", p.pyongyang, p.protocol);
  CheckDurability(c, p.durability);
  CheckProtocol(c, p.protocol);
  CheckCalendar(c, p.calendar);
  CheckSolution(c, p.solution);
  CheckInformation(c, p);
  CheckSimulation(c, p.simulation);
  return issues;
}

}  // namespace kaesong::model
