# `kaesong solve GAME.toml` end to end on the stochastic game examples. The expected numbers come
# from the closed forms derived in each file's comments (tests/data/stochastic/*.toml), not from
# the program; golden CSVs (tests/data/golden/solve/*.csv) were written out by hand from them.
# Text output ends in a report line with the solve time, so it is matched by regex.
set(g tests/data/stochastic)
set(o tests/data/golden/solve)
set(any "[^\n]*")  # the rest of a line

# Rubinstein (1982): whichever solver, A proposing keeps x* = (1 - 0.8) / (1 - 0.9 * 0.8) = 5/7
# for sure and B proposing keeps y* = (1 - 0.9) / (1 - 0.72) = 5/14; the responders' values are
# 1 - 5/7 = 2/7 and 1 - 5/14 = 9/14. (How a responder mixes over its rules is not unique.)
set(rubinstein_text
    "^state \"A proposes\"\n  A  value 0\\.714286  \"keep 5/7\" 1\\.000000\n  B  value 0\\.285714  ${any}\nstate \"B proposes\"\n  A  value 0\\.642857  ${any}\n  B  value 0\\.357143  \"keep 5/14\" 1\\.000000\n")
kaesong_cli_test(NAME "solve stochastic rubinstein qre" EXIT 0
                 STDOUT_MATCH "${rubinstein_text}logit Markov QRE: success: ${any}\n$"
                 ARGS solve ${g}/rubinstein.toml)
foreach(rule IN ITEMS lemke_howson first_support_enumeration payoff_dominant logit_limit)
  kaesong_cli_test(NAME "solve stochastic rubinstein vi ${rule}" EXIT 0
                   STDOUT_MATCH "${rubinstein_text}value iteration \\(${rule}\\): success: ${any}\n$"
                   ARGS solve ${g}/rubinstein.toml --method vi --selection ${rule})
endforeach()
# Support enumeration's first equilibrium is the Rubinstein SPE itself: each responder accepts
# exactly the Rubinstein share. A greedier proposer is rejected and gets d_A * 9/14 = 0.578571
# (A) or d_B * 2/7 = 0.228571 (B) instead.
kaesong_cli_test(NAME "solve stochastic rubinstein csv" EXIT 0
                 STDOUT ${o}/rubinstein.first_support_enumeration.csv
                 ARGS solve ${g}/rubinstein.toml --method vi --selection first_support_enumeration
                      --format csv)

# Nash demand game: every MPE is one of the five efficient splits, each side's value its demand;
# breakdown is worth b / (1 - d) = (0.2, 0.1).
set(splits)
foreach(pair IN ITEMS "2;8" "4;6" "5;5" "6;4" "8;2")
  list(GET pair 0 d1)
  list(GET pair 1 d2)
  list(APPEND splits
       "  Player 1  value 0\\.${d1}00000  \"0\\.${d1}\" 1\\.000000\n  Player 2  value 0\\.${d2}00000  \"0\\.${d2}\" 1\\.000000\n")
endforeach()
list(JOIN splits "|" splits)
set(demand_text
    "^state \"bargain\"\n(${splits})state \"breakdown\"\n  Player 1  value 0\\.200000  \"wait\" 1\\.000000\n  Player 2  value 0\\.100000  \"wait\" 1\\.000000\n")
kaesong_cli_test(NAME "solve stochastic nash_demand qre" EXIT 0
                 STDOUT_MATCH "${demand_text}logit Markov QRE: success: ${any}\n$"
                 ARGS solve ${g}/nash_demand.toml)
foreach(rule IN ITEMS lemke_howson first_support_enumeration payoff_dominant logit_limit)
  kaesong_cli_test(NAME "solve stochastic nash_demand vi ${rule}" EXIT 0
                   STDOUT_MATCH "${demand_text}value iteration \\(${rule}\\): success: ${any}\n$"
                   ARGS solve ${g}/nash_demand.toml --method vi --selection ${rule})
endforeach()

# One state, discount 0: the stage game's own equilibria. The payoff-dominant one is (bottom,
# right) paying (1, 4); support enumeration's first is (top, left) paying (3, 1); the logit QRE
# limit, as on the bimatrix game, is (bottom, right).
kaesong_cli_test(NAME "solve stochastic one state payoff dominant" EXIT 0
                 STDOUT ${o}/one_state_bimatrix.payoff_dominant.csv
                 ARGS solve ${g}/one_state_bimatrix.toml --method vi --selection payoff_dominant
                      --format csv -d 4)
kaesong_cli_test(NAME "solve stochastic one state first support" EXIT 0
                 STDOUT ${o}/one_state_bimatrix.first_support_enumeration.csv
                 ARGS solve ${g}/one_state_bimatrix.toml --method vi
                      --selection first_support_enumeration --format csv -d 4)
kaesong_cli_test(NAME "solve stochastic one state qre from stdin" EXIT 0
                 STDOUT ${o}/one_state_bimatrix.payoff_dominant.csv STDIN ${g}/one_state_bimatrix.toml
                 ARGS solve - --game-type stochastic --format csv -d 4)

# Finite horizon: backward induction by default; both defect in every period.
kaesong_cli_test(NAME "solve stochastic finite horizon period 1" EXIT 0
                 STDOUT_MATCH "^period 1, state \"play\"\n  Row     value 1\\.75  \"defect\" 1\\.00\n  Column  value 1\\.75  \"defect\" 1\\.00\nbackward induction \\(lemke_howson\\): success: 3 iterations, ${any}\n$"
                 ARGS solve ${g}/finite_prisoners_dilemma.toml -d 2)
kaesong_cli_test(NAME "solve stochastic finite horizon all periods" EXIT 0
                 STDOUT ${o}/finite_prisoners_dilemma.all_periods.csv
                 ARGS solve ${g}/finite_prisoners_dilemma.toml --all-periods --format csv -d 4)

# Solver trouble: value iteration cycles on this generated game (kaesong generate --stochastic
# --states 2 --max-actions 2 --density 1 --seed 12); exit 1, the last iterate still printed. The
# logit Markov QRE solves it.
kaesong_cli_test(NAME "solve stochastic vi cycle" EXIT 1
                 STDOUT_MATCH "^state \"s1\"\n${any}\n${any}\nstate \"s2\"\n${any}\n${any}\nvalue iteration \\(lemke_howson\\): cycle: ${any}\n$"
                 STDERR_MATCH "^kaesong solve: error: value iteration \\(lemke_howson\\): cycle: ${any}\\(the strategies of round [0-9]+ were already selected in round [0-9]+ ${any}\n$"
                 ARGS solve ${g}/random_vi_cycle.toml --method vi)
kaesong_cli_test(NAME "solve stochastic qre where vi cycles" EXIT 0
                 STDOUT_MATCH "\nlogit Markov QRE: success: ${any}\n$"
                 ARGS solve ${g}/random_vi_cycle.toml)
kaesong_cli_test(NAME "solve stochastic iteration limit" EXIT 1
                 STDERR_MATCH "^kaesong solve: error: logit Markov QRE: iteration_limit: 3 iterations, ${any}\n$"
                 ARGS solve ${g}/random_vi_cycle.toml --max-iterations 3)

# Broken files: exactly the reader's diagnostics, exit 2.
file(GLOB stochastic_bad RELATIVE "${PROJECT_SOURCE_DIR}/${g}/bad"
     CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/${g}/bad/*.toml")
foreach(file IN LISTS stochastic_bad)
  string(REGEX REPLACE "\\.toml$" "" name "${file}")
  kaesong_cli_test(NAME "solve stochastic rejects ${name}" EXIT 2
                   STDERR ${g}/bad/${name}.stderr ARGS solve ${g}/bad/${file})
endforeach()
kaesong_cli_test(NAME "solve stochastic rejects a bad file on stdin" EXIT 2
# (A square bracket would upset CMake's list splitting of the arguments: '.' stands for ']'.)
                 STDERR_MATCH "^<stdin>:4:1: error: Error while parsing array: expected comma or closing '.', saw 'd'\n$"
                 STDIN ${g}/bad/syntax.toml ARGS solve - --game-type stochastic)
kaesong_cli_test(NAME "solve stochastic missing file" EXIT 2
                 STDERR_MATCH "^no_such_game\\.toml: error: cannot open: No such file or directory\n$"
                 ARGS solve no_such_game.toml)

# Flags that do not fit the game or the method: exit 2, the flag named.
function(stochastic_rejects name message)
  kaesong_cli_test(NAME "solve stochastic rejects ${name}" EXIT 2
                   STDERR_MATCH "^kaesong solve: error: ${message}\n$" ARGS solve ${ARGN})
endfunction()
set(r ${g}/rubinstein.toml)
set(f ${g}/finite_prisoners_dilemma.toml)
stochastic_rejects("method enum" "--method must be vi or qre for a stochastic game, got 'enum'"
                   ${r} --method enum)
stochastic_rejects("label" "--label does not apply to stochastic games" ${r} --label 2)
stochastic_rejects("all-labels" "--all-labels does not apply to stochastic games" ${r} --all-labels)
stochastic_rejects("branch" "--branch does not apply to stochastic games" ${r} --branch)
stochastic_rejects("max-regret"
                   "--max-regret does not apply to stochastic games \\(use --tolerance\\)"
                   ${r} --max-regret 1e-6)
stochastic_rejects("format gambit"
                   "--format must be text or csv for a stochastic game, got 'gambit'"
                   ${r} --format gambit)
stochastic_rejects("selection with qre" "--selection applies to --method vi only"
                   ${r} --method qre --selection payoff_dominant)
stochastic_rejects("selection with default qre"
                   "--selection applies to --method vi only \\(the default for an infinite horizon is qre; give --method vi\\)"
                   ${r} --selection payoff_dominant)
stochastic_rejects("unknown selection"
                   "--selection must be lemke_howson, first_support_enumeration, payoff_dominant or logit_limit, got 'best'"
                   ${r} --method vi --selection best)
stochastic_rejects("qre with finite horizon"
                   "--method qre needs an infinite horizon, but this game has horizon 3 \\(use --method vi: backward induction\\)"
                   ${f} --method qre)
stochastic_rejects("all-periods with infinite horizon"
                   "--all-periods applies to finite-horizon games only \\(this game's strategies are stationary\\)"
                   ${r} --all-periods)
stochastic_rejects("max-iterations with finite horizon"
                   "--max-iterations does not apply to a finite-horizon game \\(backward induction runs its 3 periods\\)"
                   ${f} --max-iterations 10)
stochastic_rejects("zero max-iterations" "--max-iterations must be >= 1, got 0"
                   ${r} --max-iterations 0)
stochastic_rejects("negative time limit"
                   "--time-limit must be >= 0 seconds \\(0: no limit\\), got -1" ${r} --time-limit -1)
stochastic_rejects("tolerance" "--tolerance must be in \\(0, 1\\), got 2" ${r} --tolerance 2)
stochastic_rejects("game type" "--game-type must be nfg or stochastic, got 'bimatrix'"
                   ${r} --game-type bimatrix)
# ... and the stochastic flags on a strategic-form game.
set(n tests/data/games/matching_pennies.nfg)
stochastic_rejects("selection on nfg" "--selection applies to stochastic games \\(GAME\\.toml\\) only"
                   ${n} --selection lemke_howson)
stochastic_rejects("tolerance on nfg"
                   "--tolerance applies to stochastic games \\(GAME\\.toml\\) only \\(use --max-regret\\)"
                   ${n} --tolerance 1e-6)
stochastic_rejects("all-periods on nfg"
                   "--all-periods applies to stochastic games \\(GAME\\.toml\\) only" ${n} --all-periods)
kaesong_cli_test(NAME "solve help shows stochastic usage" EXIT 0
                 STDOUT_MATCH "kaesong solve GAME\\.toml \\[--method vi\\|qre\\]" ARGS solve --help)
