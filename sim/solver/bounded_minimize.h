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
// x(index) = v, walked from the minimiser `best` (value best_value) toward the bound in `steps`
// equal steps, each minimisation started from the previous one's solution, until P rises by more
// than `rise` above best_value; the crossing is then refined by `refinements` bisections.
struct ProfileSide {
  std::vector<double> values;   // the coordinate values visited, in walking order
  std::vector<double> profile;  // P at each
  double limit = 0.0;           // where P - best_value crosses `rise` (linear interpolation
                                // between the bracketing points), else the bound
  bool reached_bound = false;   // P stayed within `rise` up to the bound
  bool all_converged = true;    // every inner minimisation converged
};
ProfileSide ProfileToBound(const BoxObjective& f, const Box& box, const Eigen::VectorXd& best,
                           double best_value, Eigen::Index index, bool upward, double rise,
                           int steps, int refinements, const MinimizeOptions& options = {});

// Runs task(0), ..., task(count - 1) on up to `threads` threads (at least one); each task must
// write only its own results, so the outcome does not depend on the thread count.
void ParallelTasks(int count, int threads, const std::function<void(int)>& task);

}  // namespace kaesong
