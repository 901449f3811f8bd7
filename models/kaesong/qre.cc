#include "models/kaesong/qre.h"

#include "models/kaesong/deal_value.h"


#include <limits>

namespace kaesong::model {

NegotiationSolution SolveQre(const Parameters& params) {
  NegotiationSolution solution;
  solution.solution_concept = SolutionConcept::kQre;
  solution.rounds = params.protocol.rounds;
  solution.calendar = RoundCalendar(params.calendar, params.seoul, params.pyongyang);
  const DealValuation valuation(params);
  const DealGrid grid(params.deal);
  solution.table = TabulateDeals(valuation, grid);
  const DealTable& table = solution.table;
  const int n = grid.size();
  Eigen::ArrayXd grid_m(n), grid_g(n), grid_beta(n);
  for (int k = 0; k < n; ++k) {
    const Deal x = grid.At(k);
    grid_m[k] = x.m;
    grid_g[k] = x.g;
    grid_beta[k] = x.beta;
  }
  const double lambda = params.solution.lambda;
  const Side* sides[2] = {&params.seoul, &params.pyongyang};

  const RoundSolver solve_round = [&](const RoundState& state, const Eigen::Vector2d& next) {
    RoundPlan plan;
    plan.state = state;
    const double reject[2] = {RejectValue(params.seoul, state, next[0]),
                              RejectValue(params.pyongyang, state, next[1])};
    plan.reject_value_seoul = reject[0];
    plan.reject_value_pyongyang = reject[1];
    for (int i = 0; i < 2; ++i) {
      Proposal& prop = plan.proposal[i];
      prop.probability = i == 0 ? state.seoul_proposes_prob : 1.0 - state.seoul_proposes_prob;
      if (prop.probability <= 0.0) continue;
      const int j = 1 - i;
      const bool option = state.option_active[j];
      const double w = option ? *sides[j]->outside_option : 0.0;
      // Choice index n is "no acceptable draft": the proposer tables nothing the responder can
      // accept, and the round counts as a rejection (as the SPE proposer may choose delay).
      Eigen::ArrayXd v_i(n + 1), v_j(n + 1);
      v_i.head(n) = i == 0 ? table.seoul : table.pyongyang;
      v_j.head(n) = j == 0 ? table.seoul : table.pyongyang;
      v_i[n] = reject[i];
      v_j[n] = reject[j];
      // Responder: logit over accept / reject / opt out, stabilised by the largest value.
      Eigen::ArrayXd top = v_j.max(reject[j]);
      if (option) top = top.max(w);
      Eigen::ArrayXd e_accept = (lambda * (v_j - top)).exp();
      e_accept[n] = 0.0;
      const Eigen::ArrayXd e_reject = (lambda * (reject[j] - top)).exp();
      Eigen::ArrayXd e_opt = Eigen::ArrayXd::Zero(n + 1);
      if (option) e_opt.head(n) = (lambda * (w - top.head(n))).exp();
      const Eigen::ArrayXd z = e_accept + e_reject + e_opt;
      prop.accept_by_offer = e_accept / z;
      prop.opt_out_by_offer = e_opt / z;
      const Eigen::ArrayXd p_reject = e_reject / z;
      // Proposer: logit over the drafts and "no acceptable draft" in its expected value.
      const Eigen::ArrayXd e_i = prop.accept_by_offer * v_i + p_reject * reject[i] +
                                 prop.opt_out_by_offer * sides[i]->breakdown_payoff;
      const Eigen::ArrayXd e_j =
          prop.accept_by_offer * v_j + p_reject * reject[j] + prop.opt_out_by_offer * w;
      Eigen::ArrayXd pi = (lambda * (e_i - e_i.maxCoeff())).exp();
      pi /= pi.sum();
      const double value_i = (pi * e_i).sum(), value_j = (pi * e_j).sum();
      prop.value_seoul = i == 0 ? value_i : value_j;
      prop.value_pyongyang = i == 0 ? value_j : value_i;
      prop.accept_prob = (pi * prop.accept_by_offer).sum();
      prop.opt_out_prob = (pi * prop.opt_out_by_offer).sum();
      prop.no_draft_prob = pi[n];
      // Mean draft and its values over the drafts actually tabled (NaN when none is).
      const Eigen::ArrayXd drafts = pi.head(n);
      const double tabled = drafts.sum();
      const double nan = std::numeric_limits<double>::quiet_NaN();
      const auto mean = [&](const Eigen::ArrayXd& x) {
        return tabled > 0.0 ? (drafts * x).sum() / tabled : nan;
      };
      prop.offer = Deal{mean(grid_m), mean(grid_g), mean(grid_beta)};
      prop.offer_value.seoul = mean(table.seoul);
      prop.offer_value.pyongyang = mean(table.pyongyang);
      prop.offer_value.hazard = mean(table.hazard);
      prop.offer_cdf.resize(n + 1);
      double cumulative = 0.0;
      for (int k = 0; k <= n; ++k) {
        cumulative += pi[k];
        prop.offer_cdf[k] = cumulative;
      }
      prop.offer_cdf[n] = 1.0;
    }
    SetExAnteValues(&plan);
    return plan;
  };
  SolveRounds(params, solve_round, &solution);
  ReportValuation(valuation, &solution);
  return solution;
}

}  // namespace kaesong::model
