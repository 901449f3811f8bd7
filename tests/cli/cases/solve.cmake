# `kaesong solve` end to end on the textbook games. Expected outputs were derived by hand from the
# published payoffs (indifference conditions), not produced by the program: see each game file.
set(g tests/data/games)
set(o tests/data/golden/solve)
foreach(game IN ITEMS matching_pennies battle_of_the_sexes prisoners_dilemma rock_paper_scissors
                      oneill_1987 von_stengel_2002_3x2)
  kaesong_cli_test(NAME "solve enum ${game}" EXIT 0 STDOUT ${o}/${game}.enum.out
                   ARGS solve ${g}/${game}.nfg --method enum --decimals 4)
  # The default method, vertex enumeration, finds the same extreme equilibria.
  kaesong_cli_test(NAME "solve vertex ${game}" EXIT 0 STDOUT ${o}/${game}.enum.out
                   ARGS solve ${g}/${game}.nfg --decimals 4)
endforeach()
kaesong_cli_test(NAME "solve pure battle_of_the_sexes" EXIT 0
                 STDOUT ${o}/battle_of_the_sexes.pure.out
                 ARGS solve ${g}/battle_of_the_sexes.nfg --method pure -d 4)
kaesong_cli_test(NAME "solve logit prisoners_dilemma" EXIT 0
                 STDOUT ${o}/prisoners_dilemma.logit.out
                 ARGS solve ${g}/prisoners_dilemma.nfg --method logit -d 4)
kaesong_cli_test(NAME "solve lh label 2 prisoners_dilemma" EXIT 0
                 STDOUT ${o}/prisoners_dilemma.enum.out
                 ARGS solve ${g}/prisoners_dilemma.nfg --method lh --label 2 -d 4)
kaesong_cli_test(NAME "solve lh all labels matching_pennies" EXIT 0
                 STDOUT ${o}/matching_pennies.enum.out
                 ARGS solve ${g}/matching_pennies.nfg --method lh --all-labels -d 4)
kaesong_cli_test(NAME "solve csv matching_pennies" EXIT 0 STDOUT ${o}/matching_pennies.enum.csv
                 ARGS solve ${g}/matching_pennies.nfg --method enum --format csv)
kaesong_cli_test(NAME "solve reads standard input" EXIT 0 STDOUT ${o}/oneill_1987.enum.out
                 STDIN ${g}/oneill_1987.nfg ARGS solve - -d 4)
kaesong_cli_test(NAME "solve rejects three players" EXIT 2 STDERR ${o}/three_player.stderr
                 ARGS solve ${g}/three_player.nfg)
kaesong_cli_test(NAME "solve rejects unknown method" EXIT 2 STDERR ${o}/bad_method.stderr
                 ARGS solve ${g}/matching_pennies.nfg --method simplex)
kaesong_cli_test(NAME "solve rejects out-of-range label" EXIT 2 STDERR ${o}/bad_label.stderr
                 ARGS solve ${g}/matching_pennies.nfg --method lh --label 5)
kaesong_cli_test(NAME "solve rejects unknown option" EXIT 2 STDERR ${o}/unknown_option.stderr
                 ARGS solve ${g}/matching_pennies.nfg --frobnicate)
kaesong_cli_test(NAME "solve missing file" EXIT 2
                 STDERR_MATCH "^no_such_game.nfg: error: cannot open: No such file or directory\n$"
                 ARGS solve no_such_game.nfg)
kaesong_cli_test(NAME "solve help" EXIT 0 STDOUT_MATCH "Usage: kaesong solve GAME.nfg"
                 ARGS solve --help)
kaesong_cli_test(NAME "version" EXIT 0 STDOUT_MATCH "^kaesong [0-9]+\\.[0-9]+\\.[0-9]+\n$"
                 ARGS --version)
kaesong_cli_test(NAME "help" EXIT 0 STDOUT_MATCH "kaesong solve GAME.nfg" ARGS --help)
kaesong_cli_test(NAME "unknown command" EXIT 2
                 STDERR_MATCH "^kaesong: error: unknown command 'frobnicate' \\(see kaesong --help\\)\n$"
                 ARGS frobnicate)
# The von Stengel (1999) 6x6 game has 75 equilibria.
kaesong_cli_test(NAME "solve enum von_stengel_1999_6x6 finds 75" EXIT 0
                 STDOUT_LINES 75 STDOUT_MATCH "^NE,"
                 ARGS solve ${g}/von_stengel_1999_6x6.nfg)
