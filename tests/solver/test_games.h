// Games and helpers shared by the solver tests: textbook games built from their published
// payoffs, a small seeded generator (independent of sim/solver/game_generator.h), and profile
// matching. Each game here also exists as a Gambit .nfg payoff file in tests/data/games/.
#pragma once

#include "sim/solver/normal_form.h"
#include "sim/solver/solve_result.h"

#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace kaesong::testing {

inline Eigen::MatrixXd Mat(Eigen::Index rows, Eigen::Index cols, std::vector<double> values) {
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i) {
    for (Eigen::Index j = 0; j < cols; ++j) {
      m(i, j) = values[static_cast<std::size_t>(i * cols + j)];
    }
  }
  return m;
}

inline Eigen::VectorXd Vec(std::vector<double> values) {
  return Eigen::Map<Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(values.size()));
}

inline MixedProfile Profile(std::vector<double> row, std::vector<double> col) {
  return MixedProfile{Vec(std::move(row)), Vec(std::move(col))};
}

// Heads/tails; the row player wins on a match.
inline Bimatrix MatchingPennies() {
  const Eigen::MatrixXd a = Mat(2, 2, {1, -1, -1, 1});
  return MakeBimatrix(a, -a, "Matching pennies");
}

// Rock, paper, scissors; win 1, lose -1.
inline Bimatrix RockPaperScissors() {
  const Eigen::MatrixXd a = Mat(3, 3, {0, -1, 1, 1, 0, -1, -1, 1, 0});
  return MakeBimatrix(a, -a, "Rock-paper-scissors");
}

// Row player prefers the first event (2 vs 1), column player the second.
inline Bimatrix BattleOfTheSexes() {
  return MakeBimatrix(Mat(2, 2, {2, 0, 0, 1}), Mat(2, 2, {1, 0, 0, 2}), "Battle of the sexes");
}

// Cooperate/defect with T = 5, R = 3, P = 1, S = 0.
inline Bimatrix PrisonersDilemma() {
  return MakeBimatrix(Mat(2, 2, {3, 0, 5, 1}), Mat(2, 2, {3, 5, 0, 1}), "Prisoner's dilemma");
}

// Shapley (1974), "A note on the Lemke-Howson algorithm", Fig. 3: three equilibria, two of which
// are joined to each other by the Lemke-Howson path of every label, so that no path from the
// artificial equilibrium reaches them.
inline Bimatrix ShapleyInaccessible() {
  return MakeBimatrix(Mat(3, 3, {0, 3, 0, 2, 2, 0, 3, 0, 1}),
                      Mat(3, 3, {0, 2, 3, 3, 2, 0, 0, 0, 1}), "Shapley (1974) Fig. 3");
}

// von Stengel (2002), "Computing equilibria for two-person games", the 3x2 example.
inline Bimatrix VonStengel3x2() {
  return MakeBimatrix(Mat(3, 2, {3, 3, 2, 5, 0, 6}), Mat(3, 2, {3, 2, 2, 6, 3, 1}),
                      "von Stengel (2002) 3x2");
}

// The degenerate variant: the top row gives the column player 3 against both columns, so the
// pure top row has two best responses and a segment of equilibria appears.
inline Bimatrix VonStengel3x2Degenerate() {
  return MakeBimatrix(Mat(3, 2, {3, 3, 2, 5, 0, 6}), Mat(3, 2, {3, 3, 2, 6, 3, 1}),
                      "von Stengel (2002) 3x2, degenerate variant");
}

// O'Neill (1987): cards Ace, Two, Three, Joker. Player 1 wins (5 cents) if both show the joker
// or both show different numbers; player 2 wins if exactly one joker is shown or the numbers
// match. Zero-sum.
inline Bimatrix ONeill() {
  const Eigen::MatrixXd a = 5.0 * Mat(4, 4,
                                      {-1, 1, 1, -1,  //
                                       1, -1, 1, -1,  //
                                       1, 1, -1, -1,  //
                                       -1, -1, -1, 1});
  return MakeBimatrix(a, -a, "O'Neill (1987)");
}

// von Stengel (1999), "New maximal numbers of equilibria in bimatrix games", Discrete Comput.
// Geom. 21: a nondegenerate 6x6 game with 75 equilibria (payoffs as published, from vS 1997).
inline Bimatrix VonStengel6x6() {
  const Eigen::MatrixXd a = Mat(6, 6, {9504,    -660,    19976,   -20526,   1776,  -8976,    //
                                       -111771, 31680,   -130944, 168124,   -8514, 52764,    //
                                       397584,  -113850, 451176,  -586476,  29216, -178761,  //
                                       171204,  -45936,  208626,  -263076,  14124, -84436,   //
                                       1303104, -453420, 1227336, -1718376, 72336, -461736,  //
                                       737154,  -227040, 774576,  -1039236, 48081, -300036});
  const Eigen::MatrixXd b = Mat(6, 6, {72336,    48081,    29216,   14124,   1776,   -8514,    //
                                       -461736,  -300036,  -178761, -84436,  -8976,  52764,    //
                                       1227336,  774576,   451176,  208626,  19976,  -130944,  //
                                       -1718376, -1039236, -586476, -263076, -20526, 168124,   //
                                       1303104,  737154,   397584,  171204,  9504,   -111771,  //
                                       -453420,  -227040,  -113850, -45936,  -660,   31680});
  return MakeBimatrix(a, b, "von Stengel (1999) 6x6 with 75 equilibria");
}

// Seeded random games; the same (kind, shape, seed) gives the same game everywhere (no
// implementation-defined std:: distributions).
enum class RandomKind {
  kUniform,  // doubles in [0, 1): nondegenerate with probability one
  kInteger,  // integers 0..99: often degenerate (ties)
  kTies,     // integers 0..2: highly degenerate
};

inline Bimatrix RandomGame(std::uint64_t seed, Eigen::Index rows, Eigen::Index cols,
                           RandomKind kind) {
  std::mt19937_64 rng(seed);
  auto draw = [&]() -> double {
    switch (kind) {
      case RandomKind::kUniform:
        return static_cast<double>(rng() >> 11) * 0x1.0p-53;
      case RandomKind::kInteger:
        return static_cast<double>(rng() % 100);
      case RandomKind::kTies:
        return static_cast<double>(rng() % 3);
    }
    return 0.0;
  };
  Eigen::MatrixXd a(rows, cols);
  Eigen::MatrixXd b(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i) {
    for (Eigen::Index j = 0; j < cols; ++j) {
      a(i, j) = draw();
      b(i, j) = draw();
    }
  }
  return MakeBimatrix(a, b, "random " + std::to_string(seed));
}

inline bool Near(const MixedProfile& p, const MixedProfile& q, double tol = 1e-7) {
  return p.row.size() == q.row.size() && p.col.size() == q.col.size() &&
         (p.row - q.row).cwiseAbs().maxCoeff() <= tol &&
         (p.col - q.col).cwiseAbs().maxCoeff() <= tol;
}

inline bool Contains(const std::vector<Equilibrium>& set, const MixedProfile& p,
                     double tol = 1e-7) {
  for (const Equilibrium& e : set) {
    if (Near(e.profile, p, tol)) return true;
  }
  return false;
}

inline std::string Describe(const MixedProfile& p) {
  Eigen::IOFormat flat(Eigen::StreamPrecision, Eigen::DontAlignCols, ", ", ", ", "", "", "(", ")");
  std::ostringstream out;
  out << p.row.transpose().format(flat) << " x " << p.col.transpose().format(flat);
  return out.str();
}

inline std::string Describe(const std::vector<Equilibrium>& set) {
  std::string s;
  for (const Equilibrium& e : set) s += Describe(e.profile) + "\n";
  return s;
}

}  // namespace kaesong::testing
