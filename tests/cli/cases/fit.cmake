# kaesong fit: refusals of bad data, bad free keys and concepts without a likelihood (exit 2,
# nothing written), a fit of a small simulated dataset, and one under the QRE with beliefs.
set(fit_scenario tests/data/fit/small.toml)
kaesong_cli_test(NAME "fit refuses a history file missing a column" EXIT 2
  STDERR_MATCH "^tests/data/fit/bad/missing_column.csv:1:1: error: missing column 'breakdown' \\(a history file needs replication, round, proposer, offer_m, offer_g, offer_beta, accepted, opted_out, breakdown\\)\n$"
  ARGS fit ${fit_scenario} --data tests/data/fit/bad/missing_column.csv --free solution.lambda=2:20)
kaesong_cli_test(NAME "fit refuses rows out of order" EXIT 2
  STDERR_MATCH "^tests/data/fit/bad/out_of_order.csv:4:9: error: replication 1 starts at round 2, expected round 1\n"
  ARGS fit ${fit_scenario} --data tests/data/fit/bad/out_of_order.csv --free solution.lambda=2:20)
kaesong_cli_test(NAME "fit refuses a deal after breakdown" EXIT 2
  STDERR_MATCH "^tests/data/fit/bad/deal_after_breakdown.csv:4:1: error: replication 0 goes on after it ended \\(breakdown on line 3\\)\n$"
  ARGS fit ${fit_scenario} --data tests/data/fit/bad/deal_after_breakdown.csv
       --free solution.lambda=2:20)
kaesong_cli_test(NAME "fit refuses an unknown free key" EXIT 2
  STDERR_MATCH "^--free solution.lamda=2:20: error: unknown key 'solution.lamda'; did you mean 'solution.lambda'\\?\n$"
  ARGS fit ${fit_scenario} --data tests/data/fit/ok.csv --free solution.lamda=2:20)
kaesong_cli_test(NAME "fit refuses an empty box" EXIT 2
  STDERR_MATCH "^--free solution.lambda=5:5: error: the box is empty: LO \\(5\\) must be below HI \\(5\\)\n$"
  ARGS fit ${fit_scenario} --data tests/data/fit/ok.csv --free solution.lambda=5:5)
kaesong_cli_test(NAME "fit refuses spe" EXIT 2
  STDERR_MATCH "^kaesong fit: error: solution.concept = \"spe\" cannot be fitted: its strategies are pure, so a history off the equilibrium path has probability zero and the likelihood is not defined; use solution.concept = \"qre\"\n$"
  ARGS fit ${fit_scenario} --data tests/data/fit/ok.csv --free solution.lambda=2:20
       --set solution.concept=spe)
kaesong_cli_test(NAME "fit refuses pbe" EXIT 2
  STDERR_MATCH "^kaesong fit: error: solution.concept = \"pbe\" cannot be fitted"
  ARGS fit ${fit_scenario} --data tests/data/fit/ok.csv --free solution.lambda=2:20
       --set protocol.order=fixed --set solution.concept=pbe)
kaesong_cli_test(NAME "fit refuses an --out that cannot be a directory before any work" EXIT 2
  STDERR_MATCH "^kaesong fit: error: cannot create directory '/dev/full': File exists\n$"
  ARGS fit ${fit_scenario} --data tests/data/fit/ok.csv --free solution.lambda=2:20
       --out /dev/full)
kaesong_cli_test(NAME "fit estimates lambda from a small dataset" EXIT 0
  STDOUT_MATCH "solution.lambda +[0-9.e+-]+ \\(se "
  ARGS fit ${fit_scenario} --data tests/data/fit/ok.csv --free solution.lambda=2:20 --threads 1)
kaesong_cli_test(NAME "fit fails when the histories are impossible everywhere in the box" EXIT 1
  STDERR_MATCH "^kaesong fit: error: the histories have probability zero at every point the optimiser tried \\(2 starts; e.g. an offer outside the deal box there\\): no estimate, nothing written\n$"
  ARGS fit ${fit_scenario} --data tests/data/fit/ok.csv --free deal.m.max=0.1:0.2 --starts 2
       --threads 1)
kaesong_cli_test(NAME "fit refuses a malformed --quadrature" EXIT 2
  STDERR_MATCH "^kaesong fit: error: --quadrature expects MxGxB, three integers in 1..1000 \\(e.g. 2x3x4\\), got '2x0x1'\n$"
  ARGS fit ${fit_scenario} --data tests/data/fit/ok.csv --free solution.lambda=2:20
       --quadrature 2x0x1)
kaesong_cli_test(NAME "fit refuses a Pyongyang proposer in a hidden-information history" EXIT 2
  STDERR_MATCH "^tests/data/fit/ok.csv:3:[0-9]+: error: pyongyang cannot propose in round 2: under the scenario's protocol seoul does\n"
  ARGS fit tests/data/fit/belief.toml --data tests/data/fit/ok.csv --free solution.lambda=2:20)
add_test(NAME "cli: fit estimates the prior of the QRE with beliefs from run's histories"
         COMMAND ${CMAKE_COMMAND} "-DEXE=$<TARGET_FILE:kaesong>"
           "-DWORK=${CMAKE_CURRENT_BINARY_DIR}/fit_belief"
           "-DSCENARIO=tests/data/fit/belief.toml"
           -P "${CMAKE_CURRENT_LIST_DIR}/../fit_belief.cmake"
         WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}")
# tests/data/fit/blocked_out holds a directory named estimates.csv: the fit runs, then its first
# output cannot be written; nothing is written (the directory keeps only its README).
kaesong_cli_test(NAME "fit refuses an output it cannot write after the fit, writing nothing" EXIT 2
  STDERR_MATCH "^kaesong fit: error: cannot write 'tests/data/fit/blocked_out/estimates.csv': Is a directory\n$"
  ARGS fit ${fit_scenario} --data tests/data/fit/ok.csv --free solution.lambda=2:20 --threads 1
       --out tests/data/fit/blocked_out)
