#include "models/kaesong/proposer_problem.h"

#include "sim/solver/scalar_search.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <vector>

namespace kaesong::model {
namespace {

constexpr int kScreenKeep = 3;  // (g, beta) pairs solved exactly after screening
constexpr int kMaxSweeps = 3;   // coordinate-search sweeps over (g, beta)
constexpr int kMaxRootEvaluations = 200;
constexpr int kMaxGoldenEvaluations = 200;
constexpr double kTieSlack = 1e-12;  // relative: equal values, and the responder's indifference

Proposer Other(Proposer p) {
  return p == Proposer::kSeoul ? Proposer::kPyongyang : Proposer::kSeoul;
}

// Is (f, c) a better outcome than (best_f, best_c) for the proposer (f its value, c the
// responder's)? Equal proposer values are broken in favour of the responder.
bool Better(double f, double c, double best_f, double best_c) {
  const double eps = kTieSlack * (1.0 + std::abs(best_f));
  if (f > best_f + eps) return true;
  if (f < best_f - eps) return false;
  return c > best_c + kTieSlack * (1.0 + std::abs(best_c));
}

}  // namespace

ProposerProblem::ProposerProblem(const DealValuation& valuation, const DealSpace& space,
                                 const DealTable* table, double tolerance)
    : valuation_(valuation), space_(space), table_(table), tolerance_(tolerance) {
  assert(valuation.linear() || table != nullptr);
}

ProposerChoice ProposerProblem::Solve(Proposer proposer, double reservation) const {
  return valuation_.linear() ? SolveLinear(proposer, reservation)
                             : SolveNonlinear(proposer, reservation);
}

ProposerChoice ProposerProblem::SolveLinear(Proposer proposer, double reservation) const {
  const FlowPayoffs& flows = valuation_.flows();
  const AffinePayoff& up = proposer == Proposer::kSeoul ? flows.seoul : flows.pyongyang;
  const AffinePayoff& ur = proposer == Proposer::kSeoul ? flows.pyongyang : flows.seoul;
  const std::array<const DealDimension*, 3> dims = {&space_.m, &space_.g, &space_.beta};
  std::array<double, 3> lo, hi;
  for (int k = 0; k < 3; ++k) {
    lo[k] = dims[k]->Lo();
    hi[k] = dims[k]->Hi();
  }
  const double slack = kTieSlack * (1.0 + std::abs(reservation));
  bool found = false;
  Eigen::Vector3d best_x = Eigen::Vector3d::Zero();
  double best_f = 0.0, best_c = 0.0;
  const auto consider = [&](const Eigen::Vector3d& x) {
    const double c = ur.constant + ur.slope.dot(x);
    if (c < reservation - slack) return;
    const double f = up.constant + up.slope.dot(x);
    if (!found || Better(f, c, best_f, best_c)) {
      found = true;
      best_x = x;
      best_f = f;
      best_c = c;
    }
  };
  // Box vertices.
  for (int bits = 0; bits < 8; ++bits) {
    Eigen::Vector3d x;
    for (int k = 0; k < 3; ++k) x[k] = (bits >> k) & 1 ? hi[k] : lo[k];
    consider(x);
  }
  // The plane V_resp = R on each box edge (dimension k free, the others at a bound).
  const double rhs = reservation - ur.constant;
  for (int k = 0; k < 3; ++k) {
    if (ur.slope[k] == 0.0) continue;
    const int a = (k + 1) % 3, b = (k + 2) % 3;
    for (int bits = 0; bits < 4; ++bits) {
      Eigen::Vector3d x;
      x[a] = bits & 1 ? hi[a] : lo[a];
      x[b] = bits & 2 ? hi[b] : lo[b];
      x[k] = (rhs - ur.slope[a] * x[a] - ur.slope[b] * x[b]) / ur.slope[k];
      if (x[k] >= lo[k] && x[k] <= hi[k]) consider(x);
    }
  }
  if (!found) return Ideal(proposer);
  ProposerChoice choice;
  choice.feasible = true;
  choice.deal = Deal{best_x[0], best_x[1], best_x[2]};
  choice.value = valuation_.Evaluate(choice.deal);
  return choice;
}

ProposerChoice ProposerProblem::Ideal(Proposer proposer) const {
  ProposerChoice choice;
  if (valuation_.linear()) {
    const FlowPayoffs& flows = valuation_.flows();
    const AffinePayoff& up = proposer == Proposer::kSeoul ? flows.seoul : flows.pyongyang;
    const AffinePayoff& ur = proposer == Proposer::kSeoul ? flows.pyongyang : flows.seoul;
    const std::array<const DealDimension*, 3> dims = {&space_.m, &space_.g, &space_.beta};
    double x[3];
    for (int k = 0; k < 3; ++k) {
      const double direction = up.slope[k] != 0.0 ? up.slope[k] : ur.slope[k];
      x[k] = direction > 0.0 ? dims[k]->Hi() : dims[k]->Lo();
    }
    choice.deal = Deal{x[0], x[1], x[2]};
  } else {
    const Eigen::ArrayXd& vp = table_->Of(proposer);
    const Eigen::ArrayXd& vr = table_->Of(Other(proposer));
    int best = 0;
    for (int k = 1; k < vp.size(); ++k) {
      if (Better(vp[k], vr[k], vp[best], vr[best])) best = k;
    }
    choice.deal = table_->grid.At(best);
  }
  choice.value = valuation_.Evaluate(choice.deal);
  return choice;
}

ProposerProblem::MOutcome ProposerProblem::SolveColumn(double g, double beta, const double* m,
                                                       const double* v_prop, const double* v_resp,
                                                       int n, Proposer proposer, double reservation,
                                                       bool refine) const {
  const Proposer responder = Other(proposer);
  MOutcome best;
  const auto consider = [&](double mm, double f, double c) {
    if (!best.feasible || Better(f, c, best.proposer_value, best.responder_value)) {
      best = MOutcome{true, mm, f, c};
    }
  };
  int k_best = -1;
  for (int k = 0; k < n; ++k) {
    if (v_resp[k] < reservation) continue;
    consider(m[k], v_prop[k], v_resp[k]);
    if (k_best < 0 || v_prop[k] > v_prop[k_best]) k_best = k;
  }
  // The acceptance boundary, where the proposer gains by moving towards the refused side.
  for (int k = 0; k + 1 < n; ++k) {
    const bool ok_k = v_resp[k] >= reservation, ok_next = v_resp[k + 1] >= reservation;
    if (ok_k == ok_next) continue;
    const int in = ok_k ? k : k + 1, out = ok_k ? k + 1 : k;
    if (v_prop[out] <= v_prop[in]) continue;
    if (refine) {
      const auto gap = [&](double mm) { return Value(mm, g, beta).Of(responder) - reservation; };
      const solver::BoundaryResult root =
          solver::FindBoundary(gap, m[in], v_resp[in] - reservation, m[out],
                               v_resp[out] - reservation, tolerance_ * (1.0 + std::abs(m[in])),
                               tolerance_ * (1.0 + std::abs(reservation)), kMaxRootEvaluations);
      const DealValue v = Value(root.x_in, g, beta);
      if (v.Of(responder) >= reservation) consider(root.x_in, v.Of(proposer), v.Of(responder));
    } else {
      const double t = (v_resp[in] - reservation) / (v_resp[in] - v_resp[out]);
      consider(m[in] + t * (m[out] - m[in]), v_prop[in] + t * (v_prop[out] - v_prop[in]),
               reservation);
    }
  }
  // An interior maximum of the proposer's value among acceptable deals.
  if (refine && k_best > 0 && k_best + 1 < n && v_resp[k_best - 1] >= reservation &&
      v_resp[k_best + 1] >= reservation &&
      (v_prop[k_best] > v_prop[k_best - 1] || v_prop[k_best] > v_prop[k_best + 1])) {
    double c_at_best = 0.0;
    const auto objective = [&](double mm) {
      const DealValue v = Value(mm, g, beta);
      return v.Of(responder) >= reservation ? v.Of(proposer) : -HUGE_VAL;
    };
    const double range = std::max(m[n - 1] - m[0], 1.0);
    const solver::MaximumResult top =
        solver::GoldenMaximize(objective, m[k_best - 1], m[k_best + 1],
                               std::sqrt(tolerance_) * range, kMaxGoldenEvaluations);
    if (top.fx > -HUGE_VAL) {
      c_at_best = Value(top.x, g, beta).Of(responder);
      consider(top.x, top.fx, c_at_best);
    }
  }
  return best;
}

ProposerProblem::MOutcome ProposerProblem::SolveOffGrid(double g, double beta, double m_hint,
                                                        Proposer proposer,
                                                        double reservation) const {
  const Proposer responder = Other(proposer);
  const DealGrid& grid = table_->grid;
  const int n_m = grid.n_m();
  const double m_lo = grid.m()[0], m_hi = grid.m()[n_m - 1];
  std::array<double, 5> m{}, vp{}, vr{};
  int n = 0;
  if (n_m == 1) {
    m[n++] = m_lo;
  } else {
    const double step = 0.5 * (m_hi - m_lo) / (n_m - 1);
    for (int j = -2; j <= 2; ++j) {
      const double x = std::clamp(m_hint + j * step, m_lo, m_hi);
      if (n == 0 || x > m[n - 1]) m[n++] = x;
    }
  }
  for (int k = 0; k < n; ++k) {
    const DealValue v = Value(m[k], g, beta);
    vp[k] = v.Of(proposer);
    vr[k] = v.Of(responder);
  }
  MOutcome out =
      SolveColumn(g, beta, m.data(), vp.data(), vr.data(), n, proposer, reservation, true);
  const bool at_window_edge =
      out.feasible && ((out.m <= m[0] && m[0] > m_lo) || (out.m >= m[n - 1] && m[n - 1] < m_hi));
  if (n_m > 1 && (!out.feasible || at_window_edge)) {  // the optimum may lie outside the window
    std::vector<double> full_p(n_m), full_r(n_m);
    for (int k = 0; k < n_m; ++k) {
      const DealValue v = Value(grid.m()[k], g, beta);
      full_p[k] = v.Of(proposer);
      full_r[k] = v.Of(responder);
    }
    const MOutcome full = SolveColumn(g, beta, grid.m().data(), full_p.data(), full_r.data(), n_m,
                                      proposer, reservation, true);
    if (full.feasible && (!out.feasible || Better(full.proposer_value, full.responder_value,
                                                  out.proposer_value, out.responder_value))) {
      out = full;
    }
  }
  return out;
}

ProposerChoice ProposerProblem::SolveNonlinear(Proposer proposer, double reservation) const {
  const Proposer responder = Other(proposer);
  const DealGrid& grid = table_->grid;
  const Eigen::ArrayXd& vp = table_->Of(proposer);
  const Eigen::ArrayXd& vr = table_->Of(responder);
  const int n_m = grid.n_m(), n_g = grid.n_g(), n_beta = grid.n_beta();

  // Screening over the (g, beta) grid with interpolated boundaries; keep the best few.
  struct Pair {
    int i_g = -1, i_beta = -1;
    double estimate = -HUGE_VAL;
  };
  std::array<Pair, kScreenKeep> keep{};
  for (int ib = 0; ib < n_beta; ++ib) {
    for (int ig = 0; ig < n_g; ++ig) {
      const int k0 = grid.Index(0, ig, ib);
      const MOutcome e = SolveColumn(grid.g()[ig], grid.beta()[ib], grid.m().data(), vp.data() + k0,
                                     vr.data() + k0, n_m, proposer, reservation, false);
      if (!e.feasible || e.proposer_value <= keep.back().estimate) continue;
      keep.back() = Pair{ig, ib, e.proposer_value};
      std::sort(keep.begin(), keep.end(),
                [](const Pair& x, const Pair& y) { return x.estimate > y.estimate; });
    }
  }
  if (keep[0].i_g < 0) return Ideal(proposer);

  // Exact problem in m for the kept pairs.
  MOutcome best;
  double best_g = 0.0, best_beta = 0.0;
  for (const Pair& p : keep) {
    if (p.i_g < 0) continue;
    const int k0 = grid.Index(0, p.i_g, p.i_beta);
    const double g = grid.g()[p.i_g], beta = grid.beta()[p.i_beta];
    const MOutcome e = SolveColumn(g, beta, grid.m().data(), vp.data() + k0, vr.data() + k0, n_m,
                                   proposer, reservation, true);
    if (e.feasible && (!best.feasible || Better(e.proposer_value, e.responder_value,
                                                best.proposer_value, best.responder_value))) {
      best = e;
      best_g = g;
      best_beta = beta;
    }
  }

  // Coordinate-wise golden-section refinement over continuous g and beta, one grid step around.
  const double range_g = grid.g()[n_g - 1] - grid.g()[0];
  const double range_beta = grid.beta()[n_beta - 1] - grid.beta()[0];
  for (int sweep = 0; sweep < kMaxSweeps && best.feasible; ++sweep) {
    bool improved = false;
    for (int dim = 0; dim < 2; ++dim) {
      const int n_dim = dim == 0 ? n_g : n_beta;
      if (n_dim < 2) continue;
      const double range = dim == 0 ? range_g : range_beta;
      const double lo = dim == 0 ? grid.g()[0] : grid.beta()[0];
      const double center = dim == 0 ? best_g : best_beta;
      const double step = range / (n_dim - 1);
      MOutcome line_best;
      double line_x = center;
      const auto objective = [&](double x) {
        const double g = dim == 0 ? x : best_g, beta = dim == 0 ? best_beta : x;
        const MOutcome e = SolveOffGrid(g, beta, best.m, proposer, reservation);
        if (!e.feasible) return -HUGE_VAL;
        if (!line_best.feasible || Better(e.proposer_value, e.responder_value,
                                          line_best.proposer_value, line_best.responder_value)) {
          line_best = e;
          line_x = x;
        }
        return e.proposer_value;
      };
      const double x_tol = std::sqrt(tolerance_) * std::max(range, 1e-300);
      solver::GoldenMaximize(objective, std::max(lo, center - step),
                             std::min(lo + range, center + step), x_tol, kMaxGoldenEvaluations);
      // Golden section locates a kink of the line's value (m at a bound while the responder's
      // constraint binds through this coordinate) only to x_tol: with m held, move along the line
      // in the proposer's better direction until the constraint binds, located to tolerance.
      if (line_best.feasible &&
          line_best.responder_value - reservation > tolerance_ * (1.0 + std::abs(reservation))) {
        const double m_held = line_best.m;
        const auto at = [&](double x) {
          return Value(m_held, dim == 0 ? x : best_g, dim == 0 ? best_beta : x);
        };
        const double hi = lo + range;
        const double probe = line_x + x_tol <= hi ? line_x + x_tol : line_x - x_tol;
        const double direction =
            (at(probe).Of(proposer) > line_best.proposer_value) == (probe > line_x) ? 1.0 : -1.0;
        double x_in = line_x, c_in = line_best.responder_value - reservation;
        double x_out = x_in, c_out = c_in;
        for (double h = x_tol; h <= range; h *= 2.0) {
          const double x = std::clamp(line_x + direction * h, lo, hi);
          const DealValue v = at(x);
          const double c = v.Of(responder) - reservation;
          if (c < 0.0) {
            x_out = x;
            c_out = c;
            break;
          }
          if (!Better(v.Of(proposer), v.Of(responder), line_best.proposer_value,
                      line_best.responder_value)) {
            break;  // no gain in this direction
          }
          line_best = MOutcome{true, m_held, v.Of(proposer), v.Of(responder)};
          line_x = x_in = x;
          c_in = c;
          if (x == lo || x == hi) break;
        }
        if (c_out < 0.0) {
          const auto gap = [&](double x) { return at(x).Of(responder) - reservation; };
          const solver::BoundaryResult edge = solver::FindBoundary(
              gap, x_in, c_in, x_out, c_out, tolerance_ * (1.0 + std::abs(x_in)),
              tolerance_ * (1.0 + std::abs(reservation)), kMaxRootEvaluations);
          const DealValue v = at(edge.x_in);
          if (v.Of(responder) >= reservation &&
              Better(v.Of(proposer), v.Of(responder), line_best.proposer_value,
                     line_best.responder_value)) {
            line_best = MOutcome{true, m_held, v.Of(proposer), v.Of(responder)};
            line_x = edge.x_in;
          }
        }
      }
      if (line_best.feasible &&
          line_best.proposer_value >
              best.proposer_value + tolerance_ * (1.0 + std::abs(best.proposer_value))) {
        best = line_best;
        (dim == 0 ? best_g : best_beta) = line_x;
        improved = true;
      }
    }
    if (!improved) break;
  }

  ProposerChoice choice;
  choice.feasible = true;
  choice.deal = Deal{best.m, best_g, best_beta};
  choice.value = valuation_.Evaluate(choice.deal);
  return choice;
}

}  // namespace kaesong::model
