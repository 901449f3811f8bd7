#include "models/kaesong/qre.h"

#include "models/kaesong/deal_value.h"
#include "models/kaesong/offer_quadrature.h"

#include <limits>

namespace kaesong::model {
namespace {

// Round plans the solution keeps (each with one stored proposal per possible proposer).
long long StoredProposals(const Parameters& params, const RoundCalendar& calendar) {
  const bool random = params.protocol.order == ProposerOrder::kRandom;
  const long long rounds = params.protocol.rounds ? *params.protocol.rounds
                                                  : calendar.TailStart() - 1 + (random ? 1 : 2);
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

  const RoundSolver solve_round = [&](const RoundState& state, const Eigen::Vector2d& next) {
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
      // Responder: logit over accept / reject / opt out, stabilised by the largest value.
      Eigen::ArrayXd top = v_j.max(reject[j]);
      if (option) top = top.max(w);
      const Eigen::ArrayXd e_accept = (lambda * (v_j - top)).exp();
      const Eigen::ArrayXd e_reject = (lambda * (reject[j] - top)).exp();
      Eigen::ArrayXd e_opt = Eigen::ArrayXd::Zero(n);
      if (option) e_opt = (lambda * (w - top)).exp();
      const Eigen::ArrayXd z = e_accept + e_reject + e_opt;
      const Eigen::ArrayXd accept = e_accept / z, opt = e_opt / z, rej = e_reject / z;
      // Proposer: the offers' expected values, then the two discrete moves (indices n, n + 1).
      const Eigen::ArrayXd e_i = accept * v_i + rej * reject[i] + opt * sides[i]->breakdown_payoff;
      const Eigen::ArrayXd e_j = accept * v_j + rej * reject[j] + opt * w;
      Eigen::ArrayXd utility(n + 2), gain_i(n + 2), gain_j(n + 2);
      utility.head(n) = lambda * e_i + log_weight;
      gain_i.head(n) = e_i;
      gain_j.head(n) = e_j;
      utility[n] = lambda * reject[i];  // no acceptable draft: the round counts as a rejection
      gain_i[n] = reject[i];
      gain_j[n] = reject[j];
      utility[n + 1] = walk ? lambda * w_i : -std::numeric_limits<double>::infinity();
      gain_i[n + 1] = walk ? w_i : 0.0;
      gain_j[n + 1] = walk ? sides[j]->breakdown_payoff : 0.0;
      Eigen::ArrayXd pi = (utility - utility.maxCoeff()).exp();
      pi /= pi.sum();
      const double value_i = (pi * gain_i).sum(), value_j = (pi * gain_j).sum();
      prop.value_seoul = i == 0 ? value_i : value_j;
      prop.value_pyongyang = i == 0 ? value_j : value_i;
      const Eigen::ArrayXd drafts = pi.head(n);
      prop.accept_prob = (drafts * accept).sum();
      prop.opt_out_prob = (drafts * opt).sum();
      prop.no_draft_prob = pi[n];
      prop.proposer_opt_out_prob = pi[n + 1];
      // Mean draft and its values over the drafts actually tabled (NaN when none is).
      const double tabled = drafts.sum();
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

}  // namespace kaesong::model
