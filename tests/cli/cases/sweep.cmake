# `kaesong sweep` end to end: identical bytes across thread counts, shards, resume and MPI ranks;
# bad --vary and --shard flags exit 2 with a message naming the flag.
set(sweep_mpirun "")
if(TARGET kaesong_mpi AND MPIEXEC_EXECUTABLE)
  set(sweep_mpirun "${MPIEXEC_EXECUTABLE};--oversubscribe;-np;2")
  execute_process(COMMAND id -u OUTPUT_VARIABLE sweep_uid OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(sweep_uid STREQUAL "0")
    list(APPEND sweep_mpirun --allow-run-as-root)
  endif()
endif()
foreach(case IN ITEMS limits/brw kaesong_2013_complete kaesong_2013_simultaneous kaesong_2013)
  string(REPLACE "/" "_" case_name "${case}")
  if(case STREQUAL "kaesong_2013_complete")
    set(case_vary "pyongyang.blame_weight=0:200:4;seoul.discount=0.9,0.99")
  elseif(case STREQUAL "kaesong_2013")
    set(case_vary "information.prior.1=0.1:0.7:4;seoul.blame_weight=50,100")
  elseif(case STREQUAL "kaesong_2013_simultaneous")
    set(case_vary "protocol.drafts=3,9;pyongyang.blame_weight=0:200:3")
  else()
    set(case_vary "seoul.discount=0.5:0.95:4;protocol.breakdown=0.1:0.5:3")
  endif()
  add_test(NAME "cli: sweep bytes identical ${case}"
           COMMAND ${CMAKE_COMMAND} "-DEXE=$<TARGET_FILE:kaesong>"
             "-DWORK=${CMAKE_CURRENT_BINARY_DIR}/sweep_${case_name}"
             "-DSCENARIO=scenarios/${case}.toml" "-DVARY=${case_vary}"
             "-DEXTRA=--replications;200" "-DMPIRUN=${sweep_mpirun}"
             -P "${CMAKE_CURRENT_LIST_DIR}/../sweep_identity.cmake"
           WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}")
endforeach()

set(s scenarios/limits/rubinstein.toml)
kaesong_cli_test(NAME "sweep rejects lo above hi" EXIT 2
  STDERR_MATCH "^--vary seoul.discount=0.9:0.5:3: error: lo \\(0.9\\) must not exceed hi \\(0.5\\)\n$"
  ARGS sweep ${s} --vary seoul.discount=0.9:0.5:3)
kaesong_cli_test(NAME "sweep rejects n = 0" EXIT 2
  STDERR_MATCH "^--vary seoul.discount=0.5:0.9:0: error: n must be at least 1, got 0\n$"
  ARGS sweep ${s} --vary seoul.discount=0.5:0.9:0)
kaesong_cli_test(NAME "sweep rejects non-numeric range" EXIT 2
  STDERR_MATCH "^--vary seoul.discount=low:0.9:3: error: lo 'low' is not a number\n$"
  ARGS sweep ${s} --vary seoul.discount=low:0.9:3)
kaesong_cli_test(NAME "sweep rejects a key varied twice" EXIT 2
  STDERR_MATCH "^--vary seoul.discount=0.6,0.7: error: seoul.discount is varied twice\n$"
  ARGS sweep ${s} --vary seoul.discount=0.5:0.9:3 --vary seoul.discount=0.6,0.7)
kaesong_cli_test(NAME "sweep rejects an oversized grid" EXIT 2
  STDERR_MATCH "the grid has 100000 x 100000 x 100000 points = 1000000000000000, above the limit of 100000000"
  ARGS sweep ${s} --vary seoul.discount=0.1:0.9:100000 --vary pyongyang.discount=0.1:0.9:100000
       --vary protocol.breakdown=0:0.5:100000)
kaesong_cli_test(NAME "sweep rejects an unknown key" EXIT 2
  STDERR_MATCH "^--vary seoul.discont=0.5: error: unknown key 'seoul.discont'; did you mean 'seoul.discount'\\?\n$"
  ARGS sweep ${s} --vary seoul.discont=0.5:0.9:3)
kaesong_cli_test(NAME "sweep rejects an out-of-range value" EXIT 2
  STDERR_MATCH "^--vary seoul.discount=1.5: error: seoul.discount must be in \\(0, 1., got 1.5\n$"
  ARGS sweep ${s} --vary seoul.discount=0.5:1.5:3)
kaesong_cli_test(NAME "sweep rejects a bad shard" EXIT 2
  STDERR_MATCH "^--shard 3/3: error: i must be in 0..2, got 3\n$"
  ARGS sweep ${s} --vary seoul.discount=0.5:0.9:3 --shard 3/3)
kaesong_cli_test(NAME "sweep rejects a bad sample" EXIT 2
  STDERR_MATCH "^--sample lhs:0: error: N must be at least 1, got 0\n$"
  ARGS sweep ${s} --vary seoul.discount=0.5:0.9:3 --sample lhs:0)
kaesong_cli_test(NAME "sweep needs a vary" EXIT 2
  STDERR_MATCH "^kaesong sweep: error: give at least one --vary"
  ARGS sweep ${s})
kaesong_cli_test(NAME "sweep rejects an unwritable output" EXIT 2
  STDERR_MATCH "cannot write '/proc/kaesong/sweep.csv'"
  ARGS sweep ${s} --vary seoul.discount=0.5:0.9:3 --out /proc/kaesong/sweep.csv)
