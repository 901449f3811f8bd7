# Script mode: the same sweep written in several ways must give the same bytes.
#   -DEXE=kaesong -DWORK=dir -DSCENARIO=file -DVARY="a=..;b=.." -DEXTRA="--replications;50"
#   -DMPIRUN="mpirun;--oversubscribe;-np;2" (optional; adds the MPI comparison)
# Compares: --threads 1, --threads 2, three shards merged, a killed-and-resumed run, and MPI.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(vary_args)
foreach(v IN LISTS VARY)
  list(APPEND vary_args --vary "${v}")
endforeach()
set(common sweep "${SCENARIO}" ${vary_args} ${EXTRA})

function(run_kaesong)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "command failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
endfunction()

function(expect_same reference candidate)
  file(READ "${reference}" a)
  file(READ "${candidate}" b)
  if(NOT a STREQUAL b)
    message(FATAL_ERROR "${candidate} differs from ${reference}\n--- ${reference}\n${a}\n--- ${candidate}\n${b}")
  endif()
endfunction()

run_kaesong("${EXE}" ${common} --threads 1 --out "${WORK}/t1.csv")
file(STRINGS "${WORK}/t1.csv" lines)
list(LENGTH lines line_count)
if(line_count LESS 3)
  message(FATAL_ERROR "sweep wrote only ${line_count} lines")
endif()
run_kaesong("${EXE}" ${common} --threads 2 --out "${WORK}/t2.csv")
expect_same("${WORK}/t1.csv" "${WORK}/t2.csv")

foreach(i 0 1 2)
  run_kaesong("${EXE}" ${common} --threads 2 --shard ${i}/3 --out "${WORK}/part${i}.csv")
endforeach()
run_kaesong("${EXE}" merge "${WORK}/merged.csv" "${WORK}/part2.csv" "${WORK}/part0.csv"
            "${WORK}/part1.csv")
expect_same("${WORK}/t1.csv" "${WORK}/merged.csv")

# A merge with a missing shard is refused and writes nothing.
execute_process(COMMAND "${EXE}" merge "${WORK}/bad.csv" "${WORK}/part0.csv" "${WORK}/part2.csv"
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "missing shard 1/3" OR EXISTS "${WORK}/bad.csv")
  message(FATAL_ERROR "merge with a missing shard: exit ${rc}, stderr ${err}")
endif()

# A killed sweep: keep the header and two rows plus half a row, mark the record incomplete, resume.
math(EXPR keep "3")
list(SUBLIST lines 0 ${keep} prefix_lines)
list(GET lines 3 torn)
string(SUBSTRING "${torn}" 0 5 torn)
string(REPLACE ";" "\n" prefix "${prefix_lines}")
file(WRITE "${WORK}/killed.csv" "${prefix}\n${torn}")
file(READ "${WORK}/t1.csv.sweep" record)
string(REPLACE "complete=1" "complete=0" record "${record}")
file(WRITE "${WORK}/killed.csv.sweep" "${record}")
run_kaesong("${EXE}" ${common} --threads 2 --out "${WORK}/killed.csv" --resume)
expect_same("${WORK}/t1.csv" "${WORK}/killed.csv")

if(MPIRUN)
  # Open MPI's runtime leaks memory at exit (its own dlopen'ed components), which LeakSanitizer
  # would report in sanitizer builds; leaks stay checked everywhere else.
  run_kaesong("${CMAKE_COMMAND}" -E env "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1"
              ${MPIRUN} "${EXE}" ${common} --mpi --out "${WORK}/mpi.csv")
  expect_same("${WORK}/t1.csv" "${WORK}/mpi.csv")
endif()
