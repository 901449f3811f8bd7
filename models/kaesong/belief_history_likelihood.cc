#include "models/kaesong/belief_history_likelihood.h"

#include "models/kaesong/log_sum.h"
#include "models/kaesong/offer_quadrature.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace kaesong::model {

namespace {

constexpr double kMinusInfinity = -std::numeric_limits<double>::infinity();

}  // namespace

BeliefHistoryLikelihood::BeliefHistoryLikelihood(const BeliefQreSolution& solution)
    : sol_(solution),
      stage_(solution),
      k_(solution.type_count()),
      n_(solution.offer_count()),
      cache_((solution.dated.size() + solution.tail.size()) *
             static_cast<std::size_t>(solution.lattice.size())),
      accept_(static_cast<std::size_t>(k_)),
      posterior_(static_cast<std::size_t>(k_)),
      log_accept_(static_cast<std::size_t>(k_)),
      log_reject_(static_cast<std::size_t>(k_)) {}

const Eigen::ArrayXd& BeliefHistoryLikelihood::LatticeLogChoice(int t, long long point) {
  // Indexed as the simulator's cache: dated rounds, then one entry for the stationary tail.
  const int dated = static_cast<int>(sol_.dated.size());
  const std::size_t round = static_cast<std::size_t>(std::min(t, dated + 1) - 1);
  Eigen::ArrayXd& log_choice = cache_[round * static_cast<std::size_t>(sol_.lattice.size()) +
                                      static_cast<std::size_t>(point)];
  if (log_choice.size() == 0) {
    const Eigen::VectorXd mu = sol_.lattice.Point(point);
    log_choice = stage_.Evaluate(t, mu.data()).log_choice;
  }
  return log_choice;
}

double BeliefHistoryLikelihood::LogSeoulChoice(int t, const double* mu, int c) {
  sol_.lattice.Locate(mu, &stencil_);
  double sum = kMinusInfinity;
  for (int s = 0; s < stencil_.size; ++s) {
    const double w = stencil_.weight[static_cast<std::size_t>(s)];
    if (!(w > 0.0)) continue;  // never drawn
    sum = LogAdd(sum,
                 std::log(w) + LatticeLogChoice(t, stencil_.point[static_cast<std::size_t>(s)])[c]);
  }
  return sum;
}

void BeliefHistoryLikelihood::LogSeoulChoices(int t, const double* mu, Eigen::ArrayXd* out) {
  sol_.lattice.Locate(mu, &stencil_);
  out->setConstant(n_ + 2, kMinusInfinity);
  for (int s = 0; s < stencil_.size; ++s) {
    const double w = stencil_.weight[static_cast<std::size_t>(s)];
    if (!(w > 0.0)) continue;
    const double log_w = std::log(w);
    const Eigen::ArrayXd& log_choice =
        LatticeLogChoice(t, stencil_.point[static_cast<std::size_t>(s)]);
    for (int c = 0; c < n_ + 2; ++c) (*out)[c] = LogAdd((*out)[c], log_w + log_choice[c]);
  }
}

void BeliefHistoryLikelihood::Respond(int t, const double* mu, int x) {
  stage_.Respond(t, mu, x, accept_.data(), posterior_.data(), log_accept_.data(),
                 log_reject_.data());
}

double BeliefHistoryLikelihood::FromRound(const ObservedHistory& history, std::size_t i,
                                          Path path) {
  for (; i < history.size(); ++i) {
    const ObservedRound& round = history[i];
    const int t = round.round;
    if (t < 1 || (sol_.rounds && t > *sol_.rounds)) return kMinusInfinity;
    if (round.proposer != Proposer::kSeoul) return kMinusInfinity;  // Seoul makes every offer
    if (round.accepted && round.opted_out) return kMinusInfinity;
    const RoundState& state = sol_.Round(t).state;
    const double* mu = path.mu.data();
    const bool goes_on = !round.accepted && !round.opted_out;
    // After a rejection or a delay: the horizon's end breaks down for sure, otherwise p_t.
    double log_break = 0.0;
    if (goes_on) {
      const double p_break = state.last ? 1.0 : std::max(0.0, state.breakdown_prob);
      const double p = round.breakdown ? p_break : 1.0 - p_break;
      if (!(p > 0.0)) return kMinusInfinity;
      log_break = std::log(p);
    }
    switch (round.choice) {
      case ObservedChoice::kOffer: {
        if (round.opted_out) return kMinusInfinity;  // the type has no outside option
        const int x = OfferCell(sol_.grid, round.offer);
        if (x < 0) return kMinusInfinity;
        path.log_common += LogSeoulChoice(t, mu, x) - LogCellWeight(sol_.grid, x);
        Respond(t, mu, x);
        const std::vector<double>& response = round.accepted ? log_accept_ : log_reject_;
        for (int k = 0; k < k_; ++k) path.log_type[k] += response[k];
        if (!round.accepted) path.mu = posterior_;  // Bayes' rule on the rejection
        break;
      }
      case ObservedChoice::kNoDraft:
        if (!goes_on) return kMinusInfinity;
        path.log_common += LogSeoulChoice(t, mu, n_);  // a delay: the belief stays
        break;
      case ObservedChoice::kWalkAway:
        if (!round.opted_out) return kMinusInfinity;
        path.log_common += LogSeoulChoice(t, mu, n_ + 1);
        break;
      case ObservedChoice::kUnknown: {
        Eigen::ArrayXd log_seoul;
        LogSeoulChoices(t, mu, &log_seoul);
        if (round.opted_out) {  // only Seoul can walk away
          path.log_common += log_seoul[n_ + 1];
          break;
        }
        if (goes_on && i + 1 < history.size()) {
          // The next belief depends on the unseen choice: sum the rest of the history over it.
          path.log_common += log_break;
          double total = kMinusInfinity;
          for (int x = 0; x < n_; ++x) {
            Respond(t, mu, x);
            Path next{posterior_, path.log_type, path.log_common + log_seoul[x]};
            for (int k = 0; k < k_; ++k) next.log_type[k] += log_reject_[k];
            total = LogAdd(total, FromRound(history, i + 1, std::move(next)));
          }
          Path delay = path;
          delay.log_common += log_seoul[n_];
          return LogAdd(total, FromRound(history, i + 1, std::move(delay)));
        }
        // Nothing follows that depends on the belief: per type, the probability of what was seen.
        std::vector<double> seen(static_cast<std::size_t>(k_), kMinusInfinity);
        for (int x = 0; x < n_; ++x) {
          Respond(t, mu, x);
          const std::vector<double>& response = round.accepted ? log_accept_ : log_reject_;
          for (int k = 0; k < k_; ++k) seen[k] = LogAdd(seen[k], log_seoul[x] + response[k]);
        }
        if (!round.accepted) {
          for (int k = 0; k < k_; ++k) seen[k] = LogAdd(seen[k], log_seoul[n_]);
        }
        for (int k = 0; k < k_; ++k) path.log_type[k] += seen[k];
        break;
      }
    }
    path.log_common += log_break;
  }
  // The mixture over the types.
  double mixture = kMinusInfinity;
  for (int k = 0; k < k_; ++k) mixture = LogAdd(mixture, path.log_type[k]);
  return path.log_common + mixture;
}

double BeliefHistoryLikelihood::LogLikelihood(const ObservedHistory& history) {
  Path start{sol_.types.prior, std::vector<double>(static_cast<std::size_t>(k_)), 0.0};
  for (int k = 0; k < k_; ++k) start.log_type[k] = std::log(sol_.types.prior[k]);
  return FromRound(history, 0, std::move(start));
}

double BeliefHistoryLikelihood::LogLikelihood(const std::vector<ObservedHistory>& histories) {
  double sum = 0.0;
  for (const ObservedHistory& history : histories) sum += LogLikelihood(history);
  return sum;
}

}  // namespace kaesong::model
