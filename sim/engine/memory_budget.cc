#include "sim/engine/memory_budget.h"

#include "models/kaesong/belief_qre.h"
#include "models/kaesong/calendar.h"
#include "models/kaesong/deal_value.h"
#include "sim/engine/run.h"
#include "sim/solver/simplex_lattice.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <limits>
#include <string>
#include <thread>

namespace kaesong::engine {

namespace {

constexpr double kDouble = sizeof(double);

double DealCount(const model::DealSpace& deal) {
  const auto points = [](const model::DealDimension& d) { return d.fixed ? 1.0 : double(d.grid); };
  return points(deal.m) * points(deal.g) * points(deal.beta);
}

// Rounds whose plans are stored: the dated rounds, and one for the stationary tail.
double StoredRounds(const model::Parameters& p) {
  if (p.protocol.rounds) return *p.protocol.rounds;
  const model::RoundCalendar calendar(p.calendar, p.seoul, p.pyongyang);
  return std::max(1, calendar.TailStart() - 1) + 1.0;
}

std::string Count(double x) { return fmt::format("{:.0f}", x); }

}  // namespace

int SolveThreads() {
  return std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1,
                    model::kMaxBeliefQreThreads);
}

MemoryEstimate EstimateSolveMemory(const model::Parameters& p, int threads) {
  const double deals = DealCount(p.deal);
  const double rounds = StoredRounds(p);
  const double types = std::max<std::size_t>(1, p.information.values.size());
  const double per_deal_table = 3 * kDouble + 3 * kDouble;  // the grid's deals and their values
  const bool hidden = p.information.hidden != model::HiddenParameter::kNone;
  MemoryEstimate e;
  if (p.solution.solution_concept == model::SolutionConcept::kPbe) {
    // pbe.h ScreeningRound: per belief point a target, two flags, an offer and Seoul's value; per
    // point and type the offer's DealValue and the type's value. The grid joins the prior's
    // cumulative masses to information.belief_points.
    const double points = p.information.belief_points + types;
    const double per_point = sizeof(int) + 2 + 3 * kDouble + 2 * kDouble +
                             types * (sizeof(model::DealValue) + kDouble);
    e.bytes = rounds * points * per_point + types * deals * per_deal_table;
    e.what = fmt::format("{} rounds x {} belief points x {} types", Count(rounds), Count(points),
                         Count(types));
  } else if (hidden) {
    // belief_qre.h: (K + 1) values per lattice point and stored round; each thread's stage holds
    // per offer the choice, K acceptance and posterior probabilities and the values after a
    // rejection; each type's deal values over the offers.
    const long long limit = std::numeric_limits<long long>::max() / 4;
    const double points = static_cast<double>(solver::SimplexLattice::CountPoints(
        static_cast<int>(types), std::max(1, p.information.belief_points - 1), limit));
    const double stage = deals * (4 + 3 * types) * kDouble;
    e.bytes = rounds * points * (types + 1) * kDouble + threads * stage +
              types * deals * per_deal_table;
    e.what = fmt::format("{} rounds x {} belief lattice points x {} values, {} offers x {} types "
                         "per thread",
                         Count(rounds), Count(points), Count(types + 1), Count(deals),
                         Count(types));
  } else if (p.protocol.kind == model::ProtocolKind::kSimultaneous) {
    const double drafts = p.protocol.drafts;
    e.bytes = rounds * drafts * drafts * 4 * kDouble + deals * per_deal_table;
    e.what = fmt::format("{} rounds x {} x {} drafts, {} deals", Count(rounds), Count(drafts),
                         Count(drafts), Count(deals));
  } else if (p.solution.solution_concept == model::SolutionConcept::kQre) {
    // negotiation.h Proposal: per stored round and proposer, the offer CDF, acceptance and
    // opting-out probabilities over the offers (the quadrature keeps offers x rounds bounded,
    // offer_quadrature.h; counted here on the scenario's grid).
    e.bytes = rounds * 2 * deals * 3 * kDouble + deals * per_deal_table;
    e.what = fmt::format("{} rounds x 2 proposers x {} offers", Count(rounds), Count(deals));
  } else {
    e.bytes = rounds * 512 + deals * per_deal_table;
    e.what = fmt::format("{} rounds, {} deals", Count(rounds), Count(deals));
  }
  return e;
}

double RowBytes(const model::Parameters& p) {
  const bool hidden = p.information.hidden != model::HiddenParameter::kNone;
  const double types = static_cast<double>(p.information.values.size());
  return sizeof(RoundRecord) + (hidden ? (types + 1) * kDouble : 0.0);
}

std::uint64_t DefaultMemoryLimit() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGE_SIZE);
  double memory = pages > 0 && page_size > 0 ? double(pages) * double(page_size) : 4.0 * (1 << 30);
  std::ifstream cgroup("/sys/fs/cgroup/memory.max");
  std::string text;
  if (cgroup >> text && !text.empty() && std::isdigit(static_cast<unsigned char>(text[0]))) {
    memory = std::min(memory, std::stod(text));
  }
  return static_cast<std::uint64_t>(0.8 * memory);
}

std::optional<std::uint64_t> ParseMemorySize(std::string_view text) {
  std::size_t end = 0;
  while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) ||
                               text[end] == '.' || text[end] == 'e' || text[end] == 'E' ||
                               ((text[end] == '+' || text[end] == '-') && end > 0 &&
                                (text[end - 1] == 'e' || text[end - 1] == 'E')))) {
    ++end;
  }
  if (end == 0) return std::nullopt;
  double value = 0.0;
  try {
    std::size_t used = 0;
    value = std::stod(std::string(text.substr(0, end)), &used);
    if (used != end) return std::nullopt;
  } catch (const std::exception&) {
    return std::nullopt;
  }
  std::string unit(text.substr(end));
  for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  double scale = 0.0;
  if (unit.empty() || unit == "B") scale = 1.0;
  const char* prefixes = "KMGT";
  for (int i = 0; i < 4; ++i) {
    const std::string p(1, prefixes[i]);
    if (unit == p || unit == p + "B" || unit == p + "IB") scale = std::pow(1024.0, i + 1);
  }
  const double bytes = value * scale;
  if (!(scale > 0.0) || !std::isfinite(bytes) || !(bytes >= 1.0) || bytes > 1.8e19) {
    return std::nullopt;
  }
  return static_cast<std::uint64_t>(bytes);
}

std::string FormatBytes(double bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  int u = 0;
  while (bytes >= 1024.0 && u < 6) {
    bytes /= 1024.0;
    ++u;
  }
  return u == 0 ? fmt::format("{:.0f} B", bytes) : fmt::format("{:.3g} {}", bytes, units[u]);
}

void RequireWithinMemory(const MemoryEstimate& estimate, std::uint64_t limit,
                         std::string_view subject) {
  if (limit == 0 || !(estimate.bytes > static_cast<double>(limit))) return;
  throw MemoryLimitError(fmt::format(
      "{} would hold about {} ({}), above the memory limit of {} (--max-memory)", subject,
      FormatBytes(estimate.bytes), estimate.what, FormatBytes(static_cast<double>(limit))));
}

}  // namespace kaesong::engine
