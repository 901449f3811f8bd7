# `kaesong solve GAME.nfg --method logit --estimate COUNTS.csv`: the maximum-likelihood logit QRE.
set(g tests/data/games)
set(c tests/data/counts)

# Battle of the sexes, 30/70 and 45/55: an interior estimate. The numbers are checked by the unit
# tests (tests/solver/logit_estimate_test.cc); here the form of the output.
set(fixed "[0-9]+\\.[0-9][0-9][0-9][0-9]")
kaesong_cli_test(NAME "solve estimate gambit form" EXIT 0
                 STDOUT_MATCH "^QRE,${fixed},${fixed},${fixed},${fixed}\nestimate,lambda=${fixed},std_error=${fixed},log_likelihood=-${fixed},bound=none\n$"
                 ARGS solve ${g}/battle_of_the_sexes.nfg -m logit --estimate ${c}/bos.csv -d 4)
kaesong_cli_test(NAME "solve estimate csv form" EXIT 0
                 STDOUT_MATCH "^eq,p1_1,p1_2,p2_1,p2_2,max_regret,payoff_1,payoff_2,lambda,std_error,log_likelihood,bound\n1,[^\n]*,none\n$"
                 ARGS solve ${g}/battle_of_the_sexes.nfg -m logit --estimate ${c}/bos.csv -f csv)
# Everyone defects in the prisoner's dilemma: the estimate is on the upper bound, and says so.
kaesong_cli_test(NAME "solve estimate of Nash play is on the bound" EXIT 0
                 STDOUT_MATCH "^QRE,0\\.000000,1\\.000000,0\\.000000,1\\.000000\nestimate,lambda=1000000\\.000000,std_error=nan,log_likelihood=0\\.000000,bound=upper\n$"
                 STDERR_MATCH "^kaesong solve: note: the likelihood is largest at the end of the traced range \\(lambda = 1e\\+06\\): lambda is unbounded"
                 ARGS solve ${g}/prisoners_dilemma.nfg -m logit --estimate ${c}/pd_nash.csv)

# Bad counts files: exit 2, exactly the reader's message, nothing on stdout.
set(KAESONG_COUNTS_BAD_FILES
  bad_header duplicate_row empty field_count fractional_count negative_count player_all_zero
  player_out_of_range strategy_out_of_range unknown_player unknown_strategy)
foreach(name IN LISTS KAESONG_COUNTS_BAD_FILES)
  kaesong_cli_test(NAME "solve estimate rejects ${name}" EXIT 2
                   STDERR ${c}/bad/${name}.csv.stderr STDOUT_LINES 0
                   ARGS solve ${g}/battle_of_the_sexes.nfg -m logit --estimate ${c}/bad/${name}.csv)
endforeach()
kaesong_cli_test(NAME "solve estimate rejects a missing counts file" EXIT 2
                 STDERR_MATCH "^${c}/bad/no_such\\.csv: error: cannot open: No such file or directory\n$"
                 STDOUT_LINES 0
                 ARGS solve ${g}/battle_of_the_sexes.nfg -m logit --estimate ${c}/bad/no_such.csv)
kaesong_cli_test(NAME "solve estimate needs --method logit" EXIT 2
                 STDERR_MATCH "--estimate applies to --method logit only"
                 ARGS solve ${g}/battle_of_the_sexes.nfg --estimate ${c}/bos.csv)
kaesong_cli_test(NAME "solve estimate does not apply to stochastic games" EXIT 2
                 STDERR_MATCH "--estimate does not apply to stochastic games"
                 ARGS solve tests/data/stochastic/finite_prisoners_dilemma.toml --estimate ${c}/bos.csv)
