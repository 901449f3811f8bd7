#include "models/kaesong/critical_face_cost.h"


#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace kaesong::model {
namespace {

constexpr double kSearchLimit = 1e12;
constexpr int kMaxBisections = 200;
// A bracket this narrow (relative) is reported as A_P* when the solver fails inside it.
constexpr double kUncertifiedWidth = 1e-3;

}  // namespace

bool DealExists(const NegotiationSolution& solution, int max_rounds) {
  return ComputeOutcomes(solution, max_rounds).agree > 0.0;
}

CriticalFaceCost ComputeCriticalFaceCost(const Parameters& params) {
  CriticalFaceCost out;
  out.status = SolveStatus::kSuccess;  // until a solve on the way fails
  out.message.clear();
  Parameters p = params;
  p.deal.beta.fixed = 1.0;
  p.solution.solution_concept = SolutionConcept::kSpe;
  const int max_rounds = std::max(1, p.simulation.max_rounds);
  // For each face cost found with a deal: whether a deal accepted there pays the cap on hard
  // currency (checked on the solution at hand, so the bracket's end need not be solved again).
  std::map<double, bool> deal_at_cap;
  const auto exists = [&](double face_cost) {
    p.pyongyang.blame_weight = face_cost;
    const NegotiationSolution s = SolveNegotiation(p);
    ++out.solves;
    if (!s.ok() && out.status == SolveStatus::kSuccess) {
      out.status = s.status;
      out.message = fmt::format("equilibrium at A_P = {}: {}", face_cost, s.message);
    }
    if (!DealExists(s, max_rounds)) return false;
    bool& at_cap = deal_at_cap[face_cost];
    for (const std::vector<RoundPlan>* plans : {&s.dated, &s.tail}) {
      for (const RoundPlan& plan : *plans) {
        for (const Proposal& prop : plan.proposal) {
          if (prop.probability > 0.0 && prop.accept_prob > 0.0 &&
              AtUpperBound(p.deal.m, prop.offer.m)) {
            at_cap = true;
          }
        }
      }
    }
    return true;
  };

  const double start = params.pyongyang.blame_weight;
  const double scale = std::max({1.0, std::abs(start), std::abs(params.seoul.pi),
                                 std::abs(params.deal.m.Hi() - params.deal.m.Lo())});
  double lower, upper;
  double step = scale;
  if (exists(start)) {
    lower = start;
    upper = start + step;
    while (exists(upper)) {
      lower = upper;
      step *= 2.0;
      upper = start + step;
      if (step > kSearchLimit) {
        out.status = SolveStatus::kInvalidInput;
        out.message = "a deal exists at every face cost tried (A_P up to 1e12)";
        out.lower = out.upper = out.value = lower;
        return out;
      }
    }
  } else {
    upper = start;
    lower = start - step;
    while (!exists(lower)) {
      upper = lower;
      step *= 2.0;
      lower = start - step;
      if (step > kSearchLimit) {
        out.status = SolveStatus::kInvalidInput;
        out.message = "no deal exists at any face cost tried (A_P down to -1e12)";
        out.lower = out.upper = out.value = upper;
        return out;
      }
    }
  }
  // Bisection. Close to A_P* the equilibrium is nearly degenerate (a deal barely worth signing);
  // if the solver cannot certify it there, the bisection stops at the bracket reached and says so.
  for (int i = 0; i < kMaxBisections; ++i) {
    if (upper - lower <= p.solution.tolerance * (1.0 + std::abs(lower))) break;
    const double mid = 0.5 * (lower + upper);
    if (mid <= lower || mid >= upper) break;
    const bool deal = exists(mid);
    if (out.status != SolveStatus::kSuccess) {
      const bool narrow = upper - lower <= kUncertifiedWidth * (1.0 + std::abs(lower));
      out.message = fmt::format("bisection stopped at A_P in [{}, {}]: {}", lower, upper,
                                out.message);
      if (narrow) out.status = SolveStatus::kSuccess;
      break;
    }
    (deal ? lower : upper) = mid;
  }
  out.lower = lower;
  out.upper = upper;
  out.value = 0.5 * (lower + upper);
  // `lower` is always a face cost found with a deal (also when the bisection stops early).
  const auto at_lower = deal_at_cap.find(lower);
  out.at_cap = at_lower != deal_at_cap.end() && at_lower->second;
  return out;
}

}  // namespace kaesong::model
