# Failed writes and refused sizes. A write that fails once the output is open -- a full disk,
# simulated by /dev/full, which accepts the open and refuses the data with ENOSPC -- is a runtime
# failure: exit 1 with the system's reason. A path that cannot be written at all is bad input
# (exit 2; the "unwritable" cases of the other files). /dev/full itself is written in place, never replaced.
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

# Sizes past the screening solver's limit are refused before any work, as bad input.
kaesong_cli_test(NAME "run refuses a screening equilibrium past the size limit" EXIT 2
  STDERR_MATCH "^kaesong run: error: the screening equilibrium needs 10000 rounds x 100001 belief points x 4 types = 4000040000 stored values, above the limit of 200000000; lower information.belief_points or the number of rounds\n$"
  ARGS run scenarios/limits/screening.toml --set information.values=1,2,3,4
       --set information.prior=0.25,0.25,0.25,0.25 --set information.belief_points=100001
       --set protocol.rounds=10000 --max-memory 1T)
kaesong_cli_test(NAME "run refuses a deal grid of 10^9 deals" EXIT 2
  STDERR_MATCH "^--set deal.m.grid=1001: error: the deal grid must have at most 1000000 deals, got 1001 x 1001 x 1001 = 1003003001 \\(deal.m.grid, deal.g.grid, deal.beta.grid\\)\n$"
  ARGS run scenarios/kaesong_2013.toml --set deal.m.grid=1001 --set deal.g.grid=1001
       --set deal.beta.grid=1001)
kaesong_cli_test(NAME "sweep refuses a grid of 10^9 points" EXIT 2
  STDERR_MATCH "^--vary: error: the grid has 1000 x 1000 x 1000 points = 1000000000, above the limit of 100000000; use --sample or fewer values\n$"
  ARGS sweep scenarios/kaesong_2013.toml --vary seoul.discount=0.5:0.99:1000
       --vary seoul.pi=0:100:1000 --vary pyongyang.discount=0.5:0.9:1000)
kaesong_cli_test(NAME "check refuses a QRE belief lattice past the limit, at the key" EXIT 2
  STDERR_MATCH "^scenarios/kaesong_2013.toml:340:17: error: information.belief_points = 1001 gives a lattice of more than 100001 beliefs over 3 types under solution.concept = \"qre\"; at most 446 points per edge fit with 3 types\n$"
  ARGS check scenarios/kaesong_2013.toml --set solution.concept=qre)
kaesong_cli_test(NAME "run refuses 64 types x 10^4 belief points x 10^4 rounds before any work"
  EXIT 2
  STDERR_MATCH "^kaesong run: error: the screening equilibrium needs 10000 rounds x 10049 belief points x 64 types = 6431360000 stored values, above the limit of 200000000"
  ARGS run scenarios/limits/screening.toml --set information.belief_points=10001
       --set protocol.rounds=10000 --max-memory 1T
       --set "information.values=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64"
       --set "information.prior=0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625")
kaesong_cli_test(NAME "run refuses a QRE with beliefs over 64 types x 10^4 belief points, at the flag"
  EXIT 2
  STDERR_MATCH "^--set information.belief_points=10001: error: information.belief_points = 10001 gives a lattice of more than 100001 beliefs over 64 types under solution.concept = \"qre\"; at most 4 points per edge fit with 64 types\n$"
  ARGS run scenarios/limits/screening.toml --set information.belief_points=10001
       --set protocol.rounds=10000 --set solution.concept=qre
       --set "information.values=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64"
       --set "information.prior=0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625,0.015625")

# Work estimated to need more memory than --max-memory (default 80% of the machine's) is refused
# before it starts (sim/engine/memory_budget.h), nothing written. 10000 rounds x 100005 belief
# points x 4 types at 4 x 40 + 50 bytes per point and round is about 192 GiB.
kaesong_cli_test(NAME "run refuses an equilibrium past --max-memory" EXIT 2
  STDERR_MATCH "^kaesong run: error: the equilibrium would hold about 192 GiB \\(10000 rounds x 100005 belief points x 4 types\\), above the memory limit of 100 GiB \\(--max-memory\\)\n$"
  ARGS run scenarios/limits/screening.toml --set information.values=1,2,3,4
       --set information.prior=0.25,0.25,0.25,0.25 --set information.belief_points=100001
       --set protocol.rounds=10000 --max-memory 100G)
kaesong_cli_test(NAME "run refuses kept rows past --max-memory, nothing written" EXIT 2
  STDERR_MATCH "^kaesong run: error: the run would hold about [0-9.]+ MiB \\(the equilibrium's tables and 100000 replications x [0-9.]+ rounds of rounds.csv rows, [0-9]+ bytes each\\), above the memory limit of 8 MiB \\(--max-memory\\)\n$"
  ARGS run scenarios/limits/rubinstein.toml --replications 100000 --max-memory 8M
       --out "${CMAKE_CURRENT_BINARY_DIR}/memory-refused")
kaesong_cli_test(NAME "sweep refuses a corner past --max-memory" EXIT 2
  STDERR_MATCH "^kaesong sweep: error: the sweep point information.belief_points=100001 would hold about [0-9.]+ GiB \\([^)]*\\), above the memory limit of [0-9.]+ GiB \\(--max-memory\\) \\(the limit shared by 1 points run at once\\)\n$"
  ARGS sweep scenarios/kaesong_2013.toml --vary information.belief_points=11,100001
       --set protocol.rounds=2000 --threads 1 --max-memory 2G)
kaesong_cli_test(NAME "run --max-memory needs a size" EXIT 2
  STDERR_MATCH "^kaesong run: error: --max-memory must be a size such as 8G, 512M or 2e9 \\(bytes\\), got '8X'\n$"
  ARGS run scenarios/limits/rubinstein.toml --max-memory 8X)

# Input files are read up to 64 MiB (sim/io/bounded_read.h): a device that never ends is refused.
kaesong_cli_test(NAME "check refuses a scenario that never ends" EXIT 2
  STDERR_MATCH "^/dev/zero: error: cannot open: larger than 64 MiB \\(67108864 bytes\\), the limit for input files\n$"
  ARGS check /dev/zero)
kaesong_cli_test(NAME "solve refuses a game file that never ends" EXIT 2
  STDERR_MATCH "^/dev/zero: error: cannot read: larger than 64 MiB \\(67108864 bytes\\), the limit for input files\n$"
  ARGS solve /dev/zero)
