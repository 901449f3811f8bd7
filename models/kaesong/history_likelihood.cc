#include "models/kaesong/history_likelihood.h"

#include "models/kaesong/log_sum.h"
#include "models/kaesong/offer_quadrature.h"
#include "models/kaesong/qre.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kaesong::model {

namespace {

constexpr double kMinusInfinity = -std::numeric_limits<double>::infinity();

// The nearest point of `points` to x, -1 when x is off their range by more than half a step
// (a single point: by more than a millionth of its size).
int NearestPoint(const Eigen::ArrayXd& points, double x) {
  if (!std::isfinite(x)) return -1;
  const Eigen::Index n = points.size();
  if (n == 1) return std::abs(x - points[0]) <= 1e-6 * (1.0 + std::abs(points[0])) ? 0 : -1;
  const double step = (points[n - 1] - points[0]) / static_cast<double>(n - 1);
  const double position = (x - points[0]) / step;
  if (position < -0.5 - 1e-9 || position > static_cast<double>(n - 1) + 0.5 + 1e-9) return -1;
  const long k = std::lround(position);
  return static_cast<int>(std::clamp<long>(k, 0, static_cast<long>(n - 1)));
}

// The log-probability of the observed response given a move.
double LogResponse(const QreMoveLogProbability& move, const ObservedRound& round) {
  if (round.accepted) return move.accept;
  if (round.opted_out) return move.opt_out;
  return move.reject;
}

// log of P(choice) x P(response | choice) for one round (the choice's term a density for an
// offer), -infinity when impossible. All in log space: at large lambda an observed but unlikely
// offer has a probability below the smallest double.
double LogChoiceAndResponse(const Parameters& params, const NegotiationSolution& solution,
                            const RoundPlan& plan, int i, const ObservedRound& round) {
  const DealGrid& grid = solution.table.grid;
  const int offers = grid.size();
  const int no_draft = offers, walk_away = offers + 1;
  const auto move = [&](int k) { return QreLogProbabilities(params, solution, plan, i, k); };
  switch (round.choice) {
    case ObservedChoice::kOffer: {
      const int k = OfferCell(grid, round.offer);
      if (k < 0) return kMinusInfinity;
      const QreMoveLogProbability m = move(k);
      return m.choice + LogResponse(m, round) - LogCellWeight(grid, k);
    }
    case ObservedChoice::kNoDraft:
      if (round.accepted || round.opted_out) return kMinusInfinity;
      return move(no_draft).choice;
    case ObservedChoice::kWalkAway:
      if (!round.opted_out || round.accepted) return kMinusInfinity;
      return move(walk_away).choice;
    case ObservedChoice::kUnknown: {
      double sum = kMinusInfinity;
      for (int k = 0; k < offers; ++k) {
        const QreMoveLogProbability m = move(k);
        sum = LogAdd(sum, m.choice + LogResponse(m, round));
      }
      if (!round.accepted && !round.opted_out) sum = LogAdd(sum, move(no_draft).choice);
      if (round.opted_out && !round.accepted) sum = LogAdd(sum, move(walk_away).choice);
      return sum;
    }
  }
  return kMinusInfinity;
}

}  // namespace

int OfferCell(const DealGrid& grid, const Deal& offer) {
  const int m = NearestPoint(grid.m(), offer.m);
  const int g = NearestPoint(grid.g(), offer.g);
  const int beta = NearestPoint(grid.beta(), offer.beta);
  if (m < 0 || g < 0 || beta < 0) return -1;
  return grid.Index(m, g, beta);
}

double HistoryLogLikelihood(const Parameters& params, const NegotiationSolution& solution,
                            const ObservedHistory& history) {
  double sum = 0.0;
  for (const ObservedRound& round : history) {
    const RoundPlan& plan = solution.Round(round.round);
    const double q = plan.state.seoul_proposes_prob;
    const bool seoul = round.proposer == Proposer::kSeoul;
    // The simulator draws the proposer only when 0 < q < 1.
    const double p_proposer = q >= 1.0   ? (seoul ? 1.0 : 0.0)
                              : q <= 0.0 ? (seoul ? 0.0 : 1.0)
                                         : (seoul ? q : 1.0 - q);
    if (!(p_proposer > 0.0)) return kMinusInfinity;
    sum += std::log(p_proposer);
    sum += LogChoiceAndResponse(params, solution, plan, seoul ? 0 : 1, round);
    if (round.accepted || round.opted_out) continue;
    // After a rejection: the horizon's end breaks down for sure; otherwise with p_t.
    const double p_break = plan.state.last ? 1.0 : std::max(0.0, plan.state.breakdown_prob);
    const double p = round.breakdown ? p_break : 1.0 - p_break;
    if (!(p > 0.0)) return kMinusInfinity;
    sum += std::log(p);
  }
  return sum;
}

double HistoriesLogLikelihood(const Parameters& params, const NegotiationSolution& solution,
                              const std::vector<ObservedHistory>& histories) {
  double sum = 0.0;
  for (const ObservedHistory& history : histories) {
    sum += HistoryLogLikelihood(params, solution, history);
  }
  return sum;
}

}  // namespace kaesong::model
