// Two-player strategic-form (bimatrix) games and the regret certificate every solver reports.
// A game is a pair of payoff matrices of equal shape: A for the row player (player 1), B for the
// column player (player 2); entry (i, j) is the payoff when row i meets column j.
#pragma once

#include <Eigen/Dense>

#include <array>
#include <string>
#include <vector>

namespace kaesong {

struct Bimatrix {
  Eigen::MatrixXd a;  // row player's payoffs, rows() x cols()
  Eigen::MatrixXd b;  // column player's payoffs, rows() x cols()
  std::string title;
  std::array<std::string, 2> player_names{"Player 1", "Player 2"};
  std::vector<std::string> row_labels;  // one per row
  std::vector<std::string> col_labels;  // one per column

  Eigen::Index rows() const { return a.rows(); }
  Eigen::Index cols() const { return a.cols(); }
};

// The default strategy labels "1".."n".
std::vector<std::string> NumberedLabels(Eigen::Index n);

// Builds a game with default names and strategy labels "1".."n". Throws std::invalid_argument
// when the matrices are empty, differ in shape, or hold a non-finite payoff.
Bimatrix MakeBimatrix(Eigen::MatrixXd a, Eigen::MatrixXd b, std::string title = {});

// Checks the invariants MakeBimatrix establishes (shapes, label counts, finite payoffs); throws
// std::invalid_argument naming the first violation.
void ValidateBimatrix(const Bimatrix& game);

// A mixed-strategy profile: probability vectors over rows and over columns.
struct MixedProfile {
  Eigen::VectorXd row;
  Eigen::VectorXd col;
};

// Pure profile (i, j) as a mixed profile of the game's shape.
MixedProfile PureProfile(const Bimatrix& game, Eigen::Index i, Eigen::Index j);

// Expected payoffs x'Ay and x'By.
double RowPayoff(const Bimatrix& game, const MixedProfile& p);
double ColPayoff(const Bimatrix& game, const MixedProfile& p);

// Each player's regret: best pure payoff against the opponent's mix minus the payoff of the
// player's own mix (>= 0 up to rounding). A profile is a Nash equilibrium iff both are zero.
struct Regret {
  double row = 0.0;
  double col = 0.0;
  double Max() const { return row > col ? row : col; }
};
Regret PlayerRegrets(const Bimatrix& game, const MixedProfile& p);

// The largest gain either player can get by deviating unilaterally (Nash 1951 certificate), in
// payoff units. Profiles that are not probability vectors (negative entries, sums off 1 by more
// than 1e-9, wrong length) get +infinity.
double MaxRegret(const Bimatrix& game, const MixedProfile& p);

// Scale against which regrets are judged: the larger of the two players' payoff ranges
// (max - min), or 1 when both are constant. Tolerances "relative to the payoff range" multiply it.
double PayoffScale(const Bimatrix& game);

// The payoffs mapped affinely onto [1, 2] (all ones when constant): positive, as best-response
// polytopes and index formulas need, with the same equilibria.
Eigen::MatrixXd PositivePayoffs(const Eigen::MatrixXd& payoffs);

// True when v is a probability vector of the given length within tol.
bool IsDistribution(const Eigen::VectorXd& v, Eigen::Index length, double tol = 1e-9);

}  // namespace kaesong
