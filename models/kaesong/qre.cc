#include "models/kaesong/qre.h"

#include "models/kaesong/deal_value.h"
#include "models/kaesong/offer_quadrature.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kaesong::model {
namespace {

constexpr double kMinusInfinity = -std::numeric_limits<double>::infinity();

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
  // Offers are processed in blocks of kBlock that stay in the L1 cache, so that one proposal
  // reads the deal table once: per block the responder's probabilities, the proposer's utilities
  // and their logit weights, with the proposer's normaliser accumulated online (a streaming
  // log-sum-exp: the partial sums are rescaled whenever the running maximum rises). The sums run
  // in offer order, whatever the thread count of a caller. Work arrays are allocated once per
  // solve (the round solver runs sequentially); the full-length `utility` is used only when the
  // choice tables are kept.
  constexpr int kBlock = 256;
  Eigen::Array<double, kBlock, 1> accept_block, opt_block, utility_block, weight_block;
  Eigen::ArrayXd utility, pi;
  // The responder's logit factors, once per solve: F_j(x) = e^{-lambda (V_j(x) - c_j)} about the
  // centre c_j of V_j's range, so that a round's acceptance is 1 / (1 + e^{lambda (W_j - c_j)}
  // F_j(x)) -- no exponential per offer and round. Used only where every factor and product is a
  // normal double (reach + |lambda (W_j - c_j)| <= kFactorReach, reach = lambda x half the range);
  // otherwise a round evaluates the logit directly.
  constexpr double kFactorReach = 700.0;  // e^700 ~ 1e304 < DBL_MAX
  struct ResponderFactors {
    double centre = 0.0, reach = 0.0;
    Eigen::ArrayXd factor;
  };
  ResponderFactors factors[2];
  for (int j = 0; j < 2; ++j) {
    const Eigen::ArrayXd& v = j == 0 ? table.seoul : table.pyongyang;
    ResponderFactors& f = factors[j];
    f.centre = 0.5 * (v.maxCoeff() + v.minCoeff());
    f.reach = 0.5 * lambda * (v.maxCoeff() - v.minCoeff());
    if (f.reach <= kFactorReach) f.factor = (-lambda * (v - f.centre)).exp();
  }

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
      const double b_i = sides[i]->breakdown_payoff;
      const Eigen::ArrayXd& v_i = i == 0 ? table.seoul : table.pyongyang;
      const Eigen::ArrayXd& v_j = j == 0 ? table.seoul : table.pyongyang;
      if (!values_only) {
        utility.resize(n + 2);
        prop.accept_by_offer = Eigen::ArrayXd::Zero(n + 2);
        prop.opt_out_by_offer = Eigen::ArrayXd::Zero(n + 2);
      }
      const ResponderFactors& fj = factors[j];
      const double x_reject = lambda * (reject[j] - fj.centre);
      const double x_option = option ? lambda * (w - fj.centre) : kMinusInfinity;
      // (False where the factors were not tabled: their reach alone exceeds kFactorReach.)
      const bool fast =
          fj.reach + std::max(std::abs(x_reject), option ? std::abs(x_option) : 0.0) <=
          kFactorReach;
      const double c_reject = fast ? std::exp(x_reject) : 0.0;
      const double c_option = fast && option ? std::exp(x_option) : 0.0;
      // Sums over offers of the unnormalised weights e_k = exp(u_k - top): of e_k, e_k P_acc,
      // e_k P_opt and e_k P_acc V (both sides).
      double top = kMinusInfinity, drafts = 0.0, accepted = 0.0, opted = 0.0;
      double deal_i = 0.0, deal_j = 0.0;
      const auto rescale = [&](double new_top) {
        if (new_top <= top) return;
        const double factor = std::exp(top - new_top);  // 0 while nothing is summed
        drafts *= factor;
        accepted *= factor;
        opted *= factor;
        deal_i *= factor;
        deal_j *= factor;
        top = new_top;
      };
      for (int start = 0; start < n; start += kBlock) {
        const int len = std::min(kBlock, n - start);
        const auto vi = v_i.segment(start, len);
        const auto vj = v_j.segment(start, len);
        auto accept = accept_block.head(len);
        auto opt = opt_block.head(len);
        auto u = utility_block.head(len);
        auto e = weight_block.head(len);
        // Responder: logit over accept / reject / opt out. By the factors where they are exact:
        // P(accept) = 1 / (1 + (e^{lambda (W_j - c_j)} + e^{lambda (w_j - c_j)}) F_j) and
        // P(opt out) = e^{lambda (w_j - c_j)} F_j P(accept). Else without an option one
        // exponential per offer, P(accept) = 1 / (1 + e^{lambda (W_j - V_j)}), 0 where it
        // overflows; with one the three weights relative to the largest value.
        if (fast) {
          const auto f = fj.factor.segment(start, len);
          accept = 1.0 / (1.0 + (c_reject + c_option) * f);
          if (option) opt = c_option * f * accept;
        } else if (!option) {
          accept = 1.0 / (1.0 + (lambda * (reject[j] - vj)).exp());
        } else {
          e = vj.max(reject[j]).max(w);  // the largest of the three values, for the moment
          accept = (lambda * (vj - e)).exp();
          opt = (lambda * (w - e)).exp();
          e = accept + opt + (lambda * (reject[j] - e)).exp();  // the normaliser
          accept /= e;
          opt /= e;
        }
        // Proposer: E_i = W_i + P_acc (V_i - W_i) + P_opt (b_i - W_i).
        if (option) {
          u = lambda * (reject[i] + accept * (vi - reject[i]) + opt * (b_i - reject[i])) +
              log_weight.segment(start, len);
        } else {
          u = lambda * (reject[i] + accept * (vi - reject[i])) + log_weight.segment(start, len);
        }
        if (!values_only) {
          utility.segment(start, len) = u;
          prop.accept_by_offer.segment(start, len) = accept;
          if (option) prop.opt_out_by_offer.segment(start, len) = opt;
        }
        const double block_top = u.maxCoeff();
        if (block_top == kMinusInfinity) continue;  // no weight in the block
        rescale(block_top);
        e = (u - top).exp();
        drafts += e.sum();
        accepted += (e * accept).sum();
        if (option) opted += (e * opt).sum();
        deal_i += (e * accept * vi).sum();
        deal_j += (e * accept * vj).sum();
      }
      // The two discrete moves (indices n, n + 1): no acceptable draft (the round counts as a
      // rejection), and walking away.
      const double u_none = lambda * reject[i];
      const double u_walk = walk ? lambda * w_i : kMinusInfinity;
      rescale(std::max(u_none, u_walk));
      const double e_none = std::exp(u_none - top);
      const double e_walk = walk ? std::exp(u_walk - top) : 0.0;
      const double total = drafts + e_none + e_walk;
      prop.log_normaliser = top + std::log(total);
      const double tabled = drafts / total;
      prop.accept_prob = accepted / total;
      prop.opt_out_prob = option ? opted / total : 0.0;
      prop.no_draft_prob = e_none / total;
      prop.proposer_opt_out_prob = e_walk / total;
      const double rejected = tabled - prop.accept_prob - prop.opt_out_prob;
      const double value_i = deal_i / total + (rejected + prop.no_draft_prob) * reject[i] +
                             prop.opt_out_prob * b_i + prop.proposer_opt_out_prob * w_i;
      const double value_j = deal_j / total + (rejected + prop.no_draft_prob) * reject[j] +
                             prop.opt_out_prob * w +
                             prop.proposer_opt_out_prob * sides[j]->breakdown_payoff;
      prop.value_seoul = i == 0 ? value_i : value_j;
      prop.value_pyongyang = i == 0 ? value_j : value_i;
      if (values_only) continue;
      // The choice probabilities themselves, for the cumulative table and the mean draft.
      utility[n] = u_none;
      utility[n + 1] = u_walk;
      pi = (utility - prop.log_normaliser).exp();
      // Mean draft and its values over the drafts actually tabled (NaN when none is).
      const auto mean = [&](const Eigen::ArrayXd& x) {
        return tabled > 0.0 ? (pi.head(n) * x).sum() / tabled : nan;
      };
      prop.offer = Deal{mean(grid_m), mean(grid_g), mean(grid_beta)};
      prop.offer_value.seoul = mean(table.seoul);
      prop.offer_value.pyongyang = mean(table.pyongyang);
      prop.offer_value.hazard = mean(table.hazard);
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
