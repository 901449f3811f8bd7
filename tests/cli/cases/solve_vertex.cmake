# `kaesong solve --method vertex` (the default), --exact and --components end to end. Expected
# outputs derived by hand (see tests/solver/equilibrium_components_test.cc for the components and
# indices of von Stengel's degenerate 3x2 game).
set(g tests/data/games)
set(o tests/data/golden/solve)
kaesong_cli_test(NAME "solve vertex exact components von_stengel_2002_3x2_degenerate" EXIT 0
                 STDOUT ${o}/von_stengel_2002_3x2_degenerate.components.out
                 STDERR_MATCH "the game is degenerate"
                 ARGS solve ${g}/von_stengel_2002_3x2_degenerate.nfg --exact --components)
kaesong_cli_test(NAME "solve enum exact components von_stengel_2002_3x2_degenerate" EXIT 0
                 STDOUT ${o}/von_stengel_2002_3x2_degenerate.components.out
                 ARGS solve ${g}/von_stengel_2002_3x2_degenerate.nfg --method enum --exact
                      --components)
# Payoffs written as rationals, decimals and exponents read exactly: (T, L), the mixed
# ((2/3, 1/3), (1/3, 2/3)) and (B, R).
kaesong_cli_test(NAME "solve vertex exact bos_rational" EXIT 0
                 STDOUT ${o}/bos_rational.exact.out
                 ARGS solve ${g}/bos_rational.nfg --exact)
kaesong_cli_test(NAME "solve vertex csv prisoners_dilemma" EXIT 0
                 STDOUT ${o}/prisoners_dilemma.vertex.csv
                 ARGS solve ${g}/prisoners_dilemma.nfg --format csv)
kaesong_cli_test(NAME "solve vertex von_stengel_1999_6x6 finds 75" EXIT 0
                 STDOUT_LINES 75 STDOUT_MATCH "^NE,"
                 ARGS solve ${g}/von_stengel_1999_6x6.nfg --method vertex)
kaesong_cli_test(NAME "solve rejects components with lh" EXIT 2
                 STDERR_MATCH "--components applies to --method vertex and enum only"
                 ARGS solve ${g}/matching_pennies.nfg --method lh --components)
