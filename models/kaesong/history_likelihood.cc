#include "models/kaesong/history_likelihood.h"

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

// The probability of choice k (cumulative table of the proposal, index as in Proposal).
double ChoiceProbability(const Proposal& proposal, int k) {
  const double below = k == 0 ? 0.0 : proposal.offer_cdf[k - 1];
  return std::max(0.0, proposal.offer_cdf[k] - below);
}

// P(the observed response | choice k): accept, opt out or reject.
double ResponseProbability(const Proposal& proposal, int k, const ObservedRound& round) {
  const double accept = proposal.accept_by_offer[k];
  const double opt_out = proposal.opt_out_by_offer[k];
  if (round.accepted) return accept;
  if (round.opted_out) return opt_out;
  return std::max(0.0, 1.0 - accept - opt_out);
}

// log of P(choice) x P(response | choice) for one round (the choice's term a density for an
// offer), -infinity when impossible.
double LogChoiceAndResponse(const NegotiationSolution& solution, const Proposal& proposal,
                            const ObservedRound& round) {
  const DealGrid& grid = solution.table.grid;
  const int offers = grid.size();
  const int no_draft = offers, walk_away = offers + 1;
  double p = 0.0;
  switch (round.choice) {
    case ObservedChoice::kOffer: {
      const int k = OfferCell(grid, round.offer);
      if (k < 0) return kMinusInfinity;
      p = ChoiceProbability(proposal, k) * ResponseProbability(proposal, k, round);
      return p > 0.0 ? std::log(p) - LogCellWeight(grid, k) : kMinusInfinity;
    }
    case ObservedChoice::kNoDraft:
      if (round.accepted || round.opted_out) return kMinusInfinity;
      p = ChoiceProbability(proposal, no_draft);
      break;
    case ObservedChoice::kWalkAway:
      if (!round.opted_out || round.accepted) return kMinusInfinity;
      p = ChoiceProbability(proposal, walk_away);
      break;
    case ObservedChoice::kUnknown:
      for (int k = 0; k < offers; ++k) {
        p += ChoiceProbability(proposal, k) * ResponseProbability(proposal, k, round);
      }
      if (!round.accepted && !round.opted_out) p += ChoiceProbability(proposal, no_draft);
      if (round.opted_out && !round.accepted) p += ChoiceProbability(proposal, walk_away);
      break;
  }
  return p > 0.0 ? std::log(p) : kMinusInfinity;
}

}  // namespace

int OfferCell(const DealGrid& grid, const Deal& offer) {
  const int m = NearestPoint(grid.m(), offer.m);
  const int g = NearestPoint(grid.g(), offer.g);
  const int beta = NearestPoint(grid.beta(), offer.beta);
  if (m < 0 || g < 0 || beta < 0) return -1;
  return grid.Index(m, g, beta);
}

double LogCellWeight(const DealGrid& grid, int k) {
  const int i_m = k % grid.n_m();
  const int rest = k / grid.n_m();
  const int i_g = rest % grid.n_g();
  const int i_beta = rest / grid.n_g();
  // TrapezoidWeights(n)[i] of offer_quadrature.h, without building the array.
  const auto log_weight = [](int n, int i) {
    if (n <= 1) return 0.0;
    return std::log((i == 0 || i == n - 1 ? 0.5 : 1.0) / (n - 1));
  };
  return log_weight(grid.n_m(), i_m) + log_weight(grid.n_g(), i_g) +
         log_weight(grid.n_beta(), i_beta);
}

double HistoryLogLikelihood(const NegotiationSolution& solution, const ObservedHistory& history) {
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
    sum += LogChoiceAndResponse(solution, plan.proposal[seoul ? 0 : 1], round);
    if (round.accepted || round.opted_out) continue;
    // After a rejection: the horizon's end breaks down for sure; otherwise with p_t.
    const double p_break = plan.state.last ? 1.0 : std::max(0.0, plan.state.breakdown_prob);
    const double p = round.breakdown ? p_break : 1.0 - p_break;
    if (!(p > 0.0)) return kMinusInfinity;
    sum += std::log(p);
  }
  return sum;
}

double HistoriesLogLikelihood(const NegotiationSolution& solution,
                              const std::vector<ObservedHistory>& histories) {
  double sum = 0.0;
  for (const ObservedHistory& history : histories) sum += HistoryLogLikelihood(solution, history);
  return sum;
}

}  // namespace kaesong::model
