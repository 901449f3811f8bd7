# A write that fails once the output is open -- a full disk, simulated by /dev/full, which accepts
# the open and refuses the data with ENOSPC -- is a runtime failure: exit 1 with the system's
# reason. A path that cannot be written at all is bad input (exit 2; the "unwritable" cases of the
# other files). /dev/full itself is written in place, never replaced.
kaesong_cli_test(NAME "sweep on a full disk exits 1" EXIT 1
  STDERR_MATCH "^kaesong sweep: error: cannot write '/dev/full': No space left on device\n$"
  ARGS sweep scenarios/limits/brw.toml --vary seoul.discount=0.5:0.9:3 --replications 5
       --out /dev/full)
kaesong_cli_test(NAME "generate on a full disk exits 1" EXIT 1
  STDERR_MATCH "^kaesong generate: error: cannot write '/dev/full': No space left on device\n$"
  ARGS generate --stochastic --out /dev/full)
kaesong_cli_test(NAME "check --export-game on a full disk exits 1" EXIT 1
  STDERR_MATCH "^kaesong check: error: cannot write '/dev/full': No space left on device\n$"
  ARGS check scenarios/kaesong_2013_simultaneous.toml --export-game /dev/full)
kaesong_cli_test(NAME "run --out onto a device is bad input" EXIT 2
  STDERR_MATCH "^kaesong run: error: cannot create directory '/dev/full': "
  ARGS run scenarios/limits/brw.toml --replications 5 --out /dev/full)
kaesong_cli_test(NAME "generate writes a device in place" EXIT 0
  STDOUT_MATCH "^title = \"random stochastic game"
  ARGS generate --stochastic --out /dev/stdout)
