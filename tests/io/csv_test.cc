#include "sim/io/csv.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <sstream>

namespace kaesong::io {
namespace {

TEST_CASE("rounds.csv: header, column order and value formats", "[csv]") {
  engine::RoundRecord a;
  a.replication = 0;
  a.round = 7;
  a.date = 15931;  // 2013-08-14
  a.proposer = model::Proposer::kPyongyang;
  a.offer_m = 90;
  a.offer_g = 0.1;
  a.offer_beta = 0.5;
  a.accepted = true;
  a.drill = true;
  a.seoul_option_active = true;
  a.value_seoul = 1.0 / 3.0;
  a.value_pyongyang = -12.5;
  engine::RoundRecord b;
  b.replication = 1;
  b.round = 1;
  b.opted_out = true;
  b.breakdown = true;
  b.pyongyang_option_active = true;
  b.value_seoul = std::nan("");
  std::ostringstream out;
  WriteRoundsCsv(out, "kaesong_2013", {a, b});
  CHECK(out.str() ==
        "scenario,replication,round,date,proposer,offer_m,offer_g,offer_beta,accepted,"
        "opted_out,breakdown,drill,seoul_option_active,pyongyang_option_active,value_seoul,"
        "value_pyongyang\n"
        "kaesong_2013,0,7,2013-08-14,pyongyang,90,0.1,0.5,true,false,false,true,true,false,"
        "0.3333333333333333,-12.5\n"
        "kaesong_2013,1,1,1970-01-01,seoul,0,0,0,false,true,true,false,false,true,nan,0\n");
}

TEST_CASE("summary.csv: scenario then every RunSummary field", "[csv]") {
  engine::RunSummary s;
  s.replications = 1000;
  s.agree_prob = 0.75;
  s.breakdown_prob = 0.2;
  s.opt_out_prob = 0.05;
  s.mean_agreement_round = 6.5;
  s.mean_agreement_day = 15925.25;
  s.record_prob = 0.0625;
  s.mean_m = 91.25;
  s.mean_g = 0.5;
  s.mean_beta = 0.5;
  s.mean_value_seoul = 1e-17;
  s.mean_value_pyongyang = 1e20;
  s.shutdown_hazard = 0.03125;
  s.first_offer_m = 80;
  s.first_offer_g = 0.4;
  s.first_offer_beta = 0.6;
  s.first_offer_accept_prob = 0.3;
  s.equilibrium_value_seoul = -std::numeric_limits<double>::infinity();
  s.equilibrium_value_pyongyang = std::nan("");
  s.critical_face_cost = 175.5;
  s.nash = model::Deal{120.5, 1, 0};
  s.kalai_smorodinsky = model::Deal{std::nan(""), 0.25, 0.125};
  s.solver_status = "no_convergence";
  s.solver_iterations = 123456789012LL;
  s.solver_residual = 2.5e-11;
  std::ostringstream out;
  WriteSummaryCsv(out, "a, \"quoted\" name", s);
  CHECK(out.str() ==
        "scenario,replications,agree_prob,breakdown_prob,opt_out_prob,mean_agreement_round,"
        "mean_agreement_day,record_prob,mean_m,mean_g,mean_beta,mean_value_seoul,"
        "mean_value_pyongyang,"
        "shutdown_hazard,first_offer_m,first_offer_g,first_offer_beta,first_offer_accept_prob,"
        "equilibrium_value_seoul,equilibrium_value_pyongyang,critical_face_cost,nash_m,nash_g,"
        "nash_beta,ks_m,ks_g,ks_beta,solver_status,solver_iterations,"
        "solver_residual\n"
        "\"a, \"\"quoted\"\" name\",1000,0.75,0.2,0.05,6.5,15925.25,0.0625,91.25,0.5,0.5,1e-17,1e+20,"
        "0.03125,80,0.4,0.6,0.3,-inf,nan,175.5,120.5,1,0,nan,0.25,0.125,no_convergence,"
        "123456789012,2.5e-11\n");
  CHECK(SummaryCsvColumns().size() == 30);
  CHECK(RoundsCsvColumns().size() == 16);
}

TEST_CASE("Hidden information adds per-type summary cells and belief columns", "[csv]") {
  engine::RunSummary s;
  s.agree_prob_by_type = {1.0, 0.25};
  const std::vector<std::string> columns = RunSummaryCsvColumns(s);
  REQUIRE(columns.size() == 32);
  CHECK(columns[30] == "agree_prob_1");
  CHECK(columns[31] == "agree_prob_2");
  const std::string cells = RunSummaryCsvCells(s);
  CHECK(cells.substr(cells.size() - 7) == ",1,0.25");
  CHECK(SummaryCsvCells(s) + ",1,0.25" == cells);  // sweeps keep the fixed columns

  engine::BeliefColumns beliefs;
  beliefs.types = 2;
  beliefs.mean = {1.4, 2.0};
  beliefs.posterior = {0.6, 0.4, 0.0, 1.0};
  engine::RoundRecord r;
  r.replication = 3;
  r.round = 2;
  r.type = 2;
  r.belief_state = 1;
  std::ostringstream out;
  WriteRoundsCsv(out, "screening", {r}, beliefs);
  CHECK(out.str() ==
        "scenario,replication,round,date,proposer,offer_m,offer_g,offer_beta,accepted,opted_out,"
        "breakdown,drill,seoul_option_active,pyongyang_option_active,value_seoul,"
        "value_pyongyang,type,belief_mean,belief_1,belief_2\n"
        "screening,3,2,1970-01-01,seoul,0,0,0,false,false,false,false,false,false,0,0,2,2,0,1\n");
}

TEST_CASE("CSV fields and numbers", "[csv]") {
  CHECK(CsvField("plain") == "plain");
  CHECK(CsvField("a,b") == "\"a,b\"");
  CHECK(CsvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(CsvField("two\nlines") == "\"two\nlines\"");
  CHECK(CsvNumber(0.1 + 0.2) == "0.30000000000000004");
  CHECK(CsvNumber(-std::nan("")) == "nan");
  CHECK(std::stod(CsvNumber(1.0 / 7.0)) == 1.0 / 7.0);
}

}  // namespace
}  // namespace kaesong::io
