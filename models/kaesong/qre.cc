#include "models/kaesong/qre.h"

#include "models/kaesong/deal_value.h"
#include "models/kaesong/offer_quadrature.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kaesong::model {
namespace {

// Round plans the solution keeps (each with one stored proposal per possible proposer).
long long StoredProposals(const Parameters& params, const RoundCalendar& calendar) {
  const bool random = params.protocol.order == ProposerOrder::kRandom;
  const bool alternate = params.protocol.order == ProposerOrder::kAlternate;
  const long long rounds = params.protocol.rounds ? *params.protocol.rounds
                                                  : calendar.TailStart() - 1 + (alternate ? 2 : 1);
  return rounds * (random ? 2 : 1);
}

}  // namespace

NegotiationSolution SolveQre(const Parameters& params) {
  NegotiationSolution solution;
  solution.solution_concept = SolutionConcept::kQre;
  solution.rounds = params.protocol.rounds;
  solution.calendar = RoundCalendar(params.calendar, params.seoul, params.pyongyang);
  const DealValuation valuation(params);
  OfferQuadrature quadrature =
      MakeOfferQuadrature(params, valuation, TabulateDeals(valuation, DealGrid(params.deal)),
                          StoredProposals(params, solution.calendar));
  if (!quadrature.warning.empty()) solution.warnings.push_back(quadrature.warning);
  solution.table = std::move(quadrature.table);
  const DealTable& table = solution.table;
  const DealGrid& grid = table.grid;
  const int n = grid.size();
  Eigen::ArrayXd grid_m(n), grid_g(n), grid_beta(n);
  for (int k = 0; k < n; ++k) {
    const Deal x = grid.At(k);
    grid_m[k] = x.m;
    grid_g[k] = x.g;
    grid_beta[k] = x.beta;
  }
  const Eigen::ArrayXd& log_weight = quadrature.log_weight;
  const double lambda = params.solution.lambda;
  const Side* sides[2] = {&params.seoul, &params.pyongyang};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Work arrays of solve_round, allocated once per solve (the round solver runs sequentially).
  Eigen::ArrayXd accept(n), opt(n), scratch(n), utility(n + 2), pi(n + 2);

  const RoundSolver solve_round = [&](const RoundState& state, const Eigen::Vector2d& next,
                                      bool values_only) {
    RoundPlan plan;
    plan.state = state;
    const double reject[2] = {RejectValue(params.seoul, Proposer::kSeoul, state, next[0]),
                              RejectValue(params.pyongyang, Proposer::kPyongyang, state, next[1])};
    plan.reject_value_seoul = reject[0];
    plan.reject_value_pyongyang = reject[1];
    for (int i = 0; i < 2; ++i) {
      Proposal& prop = plan.proposal[i];
      prop.probability = i == 0 ? state.seoul_proposes_prob : 1.0 - state.seoul_proposes_prob;
      if (prop.probability <= 0.0) continue;
      const int j = 1 - i;
      const bool option = state.option_active[j];
      const bool walk = state.option_active[i];
      const double w = option ? *sides[j]->outside_option : 0.0;
      const double w_i = walk ? *sides[i]->outside_option : 0.0;
      const Eigen::ArrayXd& v_i = i == 0 ? table.seoul : table.pyongyang;
      const Eigen::ArrayXd& v_j = j == 0 ? table.seoul : table.pyongyang;
      // Responder: logit over accept / reject / opt out. Without an option, one exponential per
      // offer: with d = lambda (V_j - W_j), P(accept) = 1 / (1 + e^-d), evaluated as
      // t = e^-|d| on either side of d = 0 so that nothing overflows.
      if (!option) {
        scratch = lambda * (v_j - reject[j]);  // d
        opt = (-scratch.abs()).exp();          // t, for the moment
        accept = (scratch >= 0.0).select(1.0 / (1.0 + opt), opt / (1.0 + opt));
        opt.setZero();
      } else {
        scratch = v_j.max(reject[j]).max(w);  // the largest of the three values
        accept = (lambda * (v_j - scratch)).exp();
        opt = (lambda * (w - scratch)).exp();
        scratch = (lambda * (reject[j] - scratch)).exp();
        scratch = accept + scratch + opt;  // the normaliser
        accept /= scratch;
        opt /= scratch;
      }
      // Proposer: each offer's expected value E_i = W_i + P_acc (V_i - W_i) + P_opt (b_i - W_i),
      // then the two discrete moves (indices n, n + 1).
      const double b_i = sides[i]->breakdown_payoff;
      utility.head(n) =
          lambda * (reject[i] + accept * (v_i - reject[i]) + opt * (b_i - reject[i])) + log_weight;
      utility[n] = lambda * reject[i];  // no acceptable draft: the round counts as a rejection
      utility[n + 1] = walk ? lambda * w_i : -std::numeric_limits<double>::infinity();
      const double top_utility = utility.maxCoeff();
      pi = (utility - top_utility).exp();
      const double total = pi.sum();
      pi /= total;
      prop.log_normaliser = top_utility + std::log(total);
      const auto drafts = pi.head(n);
      const double tabled = drafts.sum();
      prop.accept_prob = (drafts * accept).sum();
      prop.opt_out_prob = option ? (drafts * opt).sum() : 0.0;
      const double rejected = tabled - prop.accept_prob - prop.opt_out_prob;
      const double deal_i = (drafts * accept * v_i).sum(), deal_j = (drafts * accept * v_j).sum();
      const double value_i = deal_i + (rejected + pi[n]) * reject[i] + prop.opt_out_prob * b_i +
                             (walk ? pi[n + 1] * w_i : 0.0);
      const double value_j = deal_j + (rejected + pi[n]) * reject[j] + prop.opt_out_prob * w +
                             (walk ? pi[n + 1] * sides[j]->breakdown_payoff : 0.0);
      prop.value_seoul = i == 0 ? value_i : value_j;
      prop.value_pyongyang = i == 0 ? value_j : value_i;
      prop.no_draft_prob = pi[n];
      prop.proposer_opt_out_prob = pi[n + 1];
      if (values_only) continue;
      // Mean draft and its values over the drafts actually tabled (NaN when none is).
      const auto mean = [&](const Eigen::ArrayXd& x) {
        return tabled > 0.0 ? (drafts * x).sum() / tabled : nan;
      };
      prop.offer = Deal{mean(grid_m), mean(grid_g), mean(grid_beta)};
      prop.offer_value.seoul = mean(table.seoul);
      prop.offer_value.pyongyang = mean(table.pyongyang);
      prop.offer_value.hazard = mean(table.hazard);
      prop.accept_by_offer = Eigen::ArrayXd::Zero(n + 2);
      prop.accept_by_offer.head(n) = accept;
      prop.opt_out_by_offer = Eigen::ArrayXd::Zero(n + 2);
      prop.opt_out_by_offer.head(n) = opt;
      prop.offer_cdf.resize(n + 2);
      double cumulative = 0.0;
      for (int k = 0; k < n + 2; ++k) {
        cumulative += pi[k];
        prop.offer_cdf[k] = cumulative;
      }
      // The last possible choice closes the distribution (walking away only when it is possible).
      prop.offer_cdf.tail(walk ? 1 : 2).setOnes();
    }
    SetExAnteValues(&plan);
    return plan;
  };
  SolveRounds(params, solve_round, &solution);
  ReportValuation(valuation, &solution);
  return solution;
}

QreMoveLogProbability QreLogProbabilities(const Parameters& params,
                                          const NegotiationSolution& solution,
                                          const RoundPlan& plan, int i, int k) {
  constexpr double kMinusInfinity = -std::numeric_limits<double>::infinity();
  const DealTable& table = solution.table;
  const int n = table.grid.size();
  const double lambda = params.solution.lambda;
  const Side* sides[2] = {&params.seoul, &params.pyongyang};
  const int j = 1 - i;
  const Proposal& prop = plan.proposal[i];
  const double reject[2] = {plan.reject_value_seoul, plan.reject_value_pyongyang};
  const bool option = plan.state.option_active[j];
  const bool walk = plan.state.option_active[i];
  QreMoveLogProbability out;
  if (k >= n) {  // the two discrete moves: the talks go on as after a rejection, or end
    out.accept = out.opt_out = kMinusInfinity;
    if (k == n) {
      out.choice = lambda * reject[i] - prop.log_normaliser;
    } else {
      out.choice = walk ? lambda * *sides[i]->outside_option - prop.log_normaliser : kMinusInfinity;
    }
    return out;
  }
  // The responder's logit over accept / reject / opt out, as in SolveQre.
  const double v_i = i == 0 ? table.seoul[k] : table.pyongyang[k];
  const double v_j = j == 0 ? table.seoul[k] : table.pyongyang[k];
  const double w = option ? *sides[j]->outside_option : 0.0;
  const double top = std::max({v_j, reject[j], option ? w : v_j});
  const double e_accept = std::exp(lambda * (v_j - top));
  const double e_reject = std::exp(lambda * (reject[j] - top));
  const double e_opt = option ? std::exp(lambda * (w - top)) : 0.0;
  const double log_z = std::log(e_accept + e_reject + e_opt);
  out.accept = lambda * (v_j - top) - log_z;
  out.reject = lambda * (reject[j] - top) - log_z;
  out.opt_out = option ? lambda * (w - top) - log_z : kMinusInfinity;
  const double accept = std::exp(out.accept);
  const double opt = option ? std::exp(out.opt_out) : 0.0;
  const double b_i = sides[i]->breakdown_payoff;
  const double utility =
      lambda * (reject[i] + accept * (v_i - reject[i]) + opt * (b_i - reject[i])) +
      LogCellWeight(table.grid, k);
  out.choice = utility - prop.log_normaliser;
  return out;
}

}  // namespace kaesong::model
