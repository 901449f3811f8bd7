// Minimising a smooth function over a box lo <= x <= hi without analytic derivatives: projected
// quasi-Newton steps (BFGS on the free variables, Nocedal & Wright 2006, ch. 6 and 16.7; the
// active-set idea of L-BFGS-B, Byrd, Lu, Nocedal & Zhu 1995) with a backtracking Armijo search
// along the projected path, gradients by central differences (one-sided at a bound), a numerical
// Hessian for the observed information, deterministic multi-start points (Halton 1960) and profile
// curves (Venzon & Moolgavkar 1988; Pawitan 2001, ch. 2.4). The code knows nothing of the model
// whose function it minimises; a function value that is not finite counts as +infinity.
#pragma once

#include <Eigen/Dense>

#include <functional>
#include <string_view>
#include <vector>

namespace kaesong {

using BoxObjective = std::function<double(const Eigen::VectorXd&)>;

struct Box {
  Eigen::VectorXd lower;
  Eigen::VectorXd upper;  // lower(i) < upper(i), both finite
  Eigen::Index size() const { return lower.size(); }
  Eigen::VectorXd Project(const Eigen::VectorXd& x) const {
    return x.cwiseMax(lower).cwiseMin(upper);
  }
};

enum class MinimizeStatus {
  kConverged,          // the projected gradient or the decrease per step fell below tolerance
  kIterationCap,       // max_iterations steps taken without converging
  kLineSearchFailure,  // no step along the search direction decreased the function
};
std::string_view MinimizeStatusName(MinimizeStatus status);  // "converged", "iteration_cap", ...

struct MinimizeOptions {
  int max_iterations = 100;
  // Converged when max_i |P(x - g) - x|_i <= gradient_tolerance in the box's unit coordinates
  // (each coordinate scaled by its width), or when a step lowers f by at most
  // value_tolerance * (1 + |f|).
  double gradient_tolerance = 1e-5;
  double value_tolerance = 1e-10;
  // Central-difference step in unit coordinates (of the box width).
  double difference_step = 1e-5;
  // The first approximation of the inverse Hessian of f, in f's own coordinates (e.g. from a
  // numerical Hessian at a nearby point); empty: the identity in the box's unit coordinates.
  Eigen::MatrixXd inverse_hessian;
};

struct MinimizeResult {
  Eigen::VectorXd x;
  double value = 0.0;
  MinimizeStatus status = MinimizeStatus::kIterationCap;
  int iterations = 0;
  long long evaluations = 0;  // calls of f
};

// Minimises f over `box` from `start` (projected into the box first).
MinimizeResult MinimizeInBox(const BoxObjective& f, const Box& box, const Eigen::VectorXd& start,
                             const MinimizeOptions& options = {});

// The gradient of f at x by central differences of step h(i) per coordinate, one-sided (forward
// or backward, of the same step) where x + h or x - h leaves the box. `value` is f(x).
Eigen::VectorXd BoxGradient(const BoxObjective& f, const Box& box, const Eigen::VectorXd& x,
                            double value, const Eigen::VectorXd& h, long long* evaluations);

// The Hessian of f at x by central second differences of step h(i) (Nocedal & Wright 2006,
// eq. 8.21), symmetric; f may be evaluated outside any box. `value` is f(x).
Eigen::MatrixXd NumericalHessian(const BoxObjective& f, const Eigen::VectorXd& x, double value,
                                 const Eigen::VectorXd& h);

// `count` points spread over the box: the first is its centre, the others the Halton sequence in
// bases 2, 3, 5, ... scrambled by a seeded shift modulo 1 (Cranley & Patterson 1976), so that the
// points are a pure function of (box, count, seed).
std::vector<Eigen::VectorXd> SpreadStarts(const Box& box, int count, unsigned long long seed);

// One side of the profile of coordinate `index`: P(v) = min over the other coordinates of f with
// x(index) = v, walked from the minimiser `best` (value best_value) toward the bound, each
// minimisation started from the previous one's solution, until P rises by more than `rise` above
// best_value. Unguided: `steps` equal steps to the bound, the crossing then refined by
// `refinements` bisections, and located by linear interpolation of P between the bracketing
// points. Guided by the quadratic approximation at the estimate (ProfileGuide, from the inverse
// Hessian; Venzon & Moolgavkar 1988): points at 0.5, 1, 1.5, 2, 3, 4.5, ... times the predicted
// distance of the crossing (at most `steps` of them, the last one at the bound), the other
// coordinates started on their predicted path and with their inverse Hessian; the crossing is then
// refined by up to `refinements` steps of regula falsi (Illinois) on the signed root z(v) = sqrt(2
// (P(v) - best_value)), which is linear in v for a quadratic profile, until z is within 0.1 % of
// its target; the limit is z's linear interpolation.
struct ProfileSide {
  std::vector<double> values;   // the coordinate values visited, in walking order
  std::vector<double> profile;  // P at each
  double limit = 0.0;           // where P - best_value crosses `rise`, else the bound
  bool reached_bound = false;   // P stayed within `rise` up to the bound
  bool all_converged = true;    // every inner minimisation converged
};
struct ProfileGuide {
  // Predicted distance from best(index) to the crossing, sqrt(2 rise Sigma_ii) for Sigma the
  // inverse Hessian; not positive or not finite: unguided.
  double crossing = 0.0;
  // Predicted change of each other coordinate (in order, `index` left out) per unit of v,
  // Sigma_ri / Sigma_ii; empty: none.
  Eigen::VectorXd slope;
  // The inverse Hessian of f in the other coordinates at fixed v, Sigma_rr - Sigma_ri Sigma_ir /
  // Sigma_ii (the Schur complement), to start each inner minimisation with; empty: none.
  Eigen::MatrixXd inner_inverse_hessian;
};
ProfileSide ProfileToBound(const BoxObjective& f, const Box& box, const Eigen::VectorXd& best,
                           double best_value, Eigen::Index index, bool upward, double rise,
                           int steps, int refinements, const MinimizeOptions& options = {},
                           const ProfileGuide& guide = {});

// Runs task(0), ..., task(count - 1) on up to `threads` threads (at least one); each task must
// write only its own results, so the outcome does not depend on the thread count.
void ParallelTasks(int count, int threads, const std::function<void(int)>& task);

}  // namespace kaesong
