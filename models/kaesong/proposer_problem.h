// The proposer's problem in one round of alternating offers (Rubinstein 1982):
//   maximise V_prop(x) over the deal box  subject to  V_resp(x) >= R
// (R: the responder's value of not accepting; the responder accepts when indifferent).
//
// Linear values (no durability): a linear program over a box with one half-space. Its optimum is
// a vertex of box ∩ {V_resp >= R}, and those vertices are the box vertices inside the half-space
// and the intersections of the plane V_resp = R with the box edges: all are enumerated and the
// best is exact (ties: larger V_resp, then enumeration order).
//
// Nonlinear values (durability on): for each (g, beta) of the deal grid the problem in m is solved
// on the tabulated m grid (screening, with linear interpolation across the acceptance boundary);
// the best few pairs are solved exactly in m -- the boundary V_resp(m) = R by a bracketing root
// finder to solution.tolerance in the responder's value, an interior maximum by golden section --
// and the best pair is refined over continuous (g, beta) by coordinate-wise golden section within
// one grid step; where the optimum along g or beta is a kink (m at a bound while the responder's
// constraint binds through that coordinate) the constraint is located by the root finder too.
// Stated accuracy: the acceptance boundary to `tolerance` (responder's value; the responder's
// constraint always holds exactly); interior optima in m, g, beta to sqrt(tolerance) relative to
// the dimension's range (value error of order `tolerance`); bounds exactly. A set of acceptable m
// narrower than the m grid spacing can be missed (reported as infeasible), and for non-concave
// problems the refinement is local to the best few grid pairs.
#pragma once

#include "models/kaesong/deal.h"
#include "models/kaesong/deal_value.h"
#include "models/kaesong/parameters.h"

namespace kaesong::model {

struct ProposerChoice {
  bool feasible = false;  // some deal gives the responder at least R
  Deal deal;              // the proposer's optimal acceptable deal (its ideal when not feasible)
  DealValue value;        // V_S, V_P, h at `deal`
};

class ProposerProblem {
 public:
  // `table` (values over the deal grid) is required when the valuation is not linear and must
  // outlive this object, as must `valuation`.
  ProposerProblem(const DealValuation& valuation, const DealSpace& space, const DealTable* table,
                  double tolerance);

  // Best deal for `proposer` among those the responder accepts at reservation value R.
  ProposerChoice Solve(Proposer proposer, double reservation) const;
  // The proposer's most preferred deal over the box, ignoring acceptance (exact for linear values;
  // the best grid deal otherwise). Ties: the deal better for the other side.
  ProposerChoice Ideal(Proposer proposer) const;

 private:
  struct MOutcome {
    bool feasible = false;
    double m = 0.0;
    double proposer_value = 0.0;
    double responder_value = 0.0;
  };
  ProposerChoice SolveLinear(Proposer proposer, double reservation) const;
  ProposerChoice SolveNonlinear(Proposer proposer, double reservation) const;
  // The problem in m for fixed (g, beta), given values at sorted m points.
  MOutcome SolveColumn(double g, double beta, const double* m, const double* v_prop,
                       const double* v_resp, int n, Proposer proposer, double reservation,
                       bool refine) const;
  MOutcome SolveOffGrid(double g, double beta, double m_hint, Proposer proposer,
                        double reservation) const;
  DealValue Value(double m, double g, double beta) const {
    return valuation_.Evaluate(Deal{m, g, beta});
  }

  const DealValuation& valuation_;
  DealSpace space_;
  const DealTable* table_;
  double tolerance_;
};

}  // namespace kaesong::model
