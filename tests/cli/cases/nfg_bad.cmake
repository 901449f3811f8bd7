# `kaesong solve` on malformed .nfg files: exit 2 with exactly the parser's message
# ("FILE:LINE:COL: error: MESSAGE") on stderr. One file per error kind in tests/data/bad/; each
# NAME.nfg.stderr holds the expected line and is shared with the unit test in tests/io/nfg_test.cc.
set(KAESONG_NFG_BAD_FILES
  bad_number
  bad_outcome_index
  binary_junk
  division_by_zero
  empty
  missing_brace
  no_players
  number_out_of_range
  outcome_payoff_count
  strategy_count_mismatch
  too_many_payoffs
  too_many_profiles
  trailing_junk
  truncated
  truncated_outcomes
  unsupported_version
  unterminated_string
  wrong_header
  zero_strategies
)
foreach(name IN LISTS KAESONG_NFG_BAD_FILES)
  kaesong_cli_test(NAME "solve rejects ${name}" EXIT 2
                   STDERR tests/data/bad/${name}.nfg.stderr
                   ARGS solve tests/data/bad/${name}.nfg)
endforeach()

# A file that does not exist has no position: "FILE: error: cannot open: REASON".
kaesong_cli_test(NAME "solve rejects a missing file" EXIT 2
                 STDERR_MATCH "^tests/data/bad/no_such_file\\.nfg: error: cannot open: No such file or directory\n$"
                 ARGS solve tests/data/bad/no_such_file.nfg)
