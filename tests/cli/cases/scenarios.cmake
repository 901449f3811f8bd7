# End-to-end tests of `kaesong check` and `kaesong run` on scenario files.
#
# Included by tests/cli/cli_tests.cmake at configure time, where it registers:
#   - every tests/data/bad_scenarios/NAME.toml.stderr: `kaesong check NAME.toml` exits 2 and
#     prints exactly that stderr;
#   - every shipped scenario (scenarios/*.toml, scenarios/limits/*.toml): `check` exits 0, and
#     `run` exits 0;
#   - every shipped scenario with a golden directory tests/data/golden/<scenario>/ (e.g.
#     golden/limits/rubinstein/): `run ... --out` with the arguments in
#     tests/data/golden/run_args.txt, then each file present in the golden directory
#     (rounds.csv, summary.csv, scenario.toml) must equal the output field by field, numbers to
#     12 significant digits (tests/tools/golden_compare.cc), so that builds with other compilers
#     or -DKAESONG_NATIVE=ON pass. Regenerate
#     the golden files with scripts/regenerate-golden;
#   - bad command lines: --set problems, unknown options, unwritable --out.
# The same file also runs in CMake script mode (cmake -DMODE=... -P scenarios.cmake) as the
# helper for the checks kaesong_cli_test() cannot express (see the bottom).

if(CMAKE_SCRIPT_MODE_FILE)
  # Script mode. EXE: the kaesong executable; OUT_DIR: a scratch output directory.
  file(REMOVE_RECURSE "${OUT_DIR}")
  if(MODE STREQUAL "golden")
    # SCENARIO, RUN_ARGS (space separated), GOLDEN_DIR.
    separate_arguments(run_args UNIX_COMMAND "${RUN_ARGS}")
    execute_process(COMMAND "${EXE}" run "${SCENARIO}" ${run_args} --out "${OUT_DIR}"
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc STREQUAL "0")
      message(FATAL_ERROR "kaesong run exited ${rc}\nstdout:\n${out}\nstderr:\n${err}")
    endif()
    file(GLOB golden_files RELATIVE "${GOLDEN_DIR}" "${GOLDEN_DIR}/*")
    foreach(name IN LISTS golden_files)
      if(IS_DIRECTORY "${GOLDEN_DIR}/${name}")
        continue()
      endif()
      if(NOT EXISTS "${OUT_DIR}/${name}")
        message(SEND_ERROR "kaesong run did not write ${name}")
        continue()
      endif()
      execute_process(COMMAND "${COMPARE}" "${GOLDEN_DIR}/${name}" "${OUT_DIR}/${name}"
                      RESULT_VARIABLE differs ERROR_VARIABLE why)
      if(differs)
        message(SEND_ERROR "${OUT_DIR}/${name} differs from ${GOLDEN_DIR}/${name} (at 12 "
                           "significant digits)\n${why}"
                           "(if the change is intended: scripts/regenerate-golden)")
      endif()
    endforeach()
  elseif(MODE STREQUAL "no_partial_output")
    # SCENARIO; BLOCK: an output file name pre-created as a directory so that writing it fails.
    # The run must exit 2 and leave none of its files (nor a temporary file) behind.
    file(MAKE_DIRECTORY "${OUT_DIR}/${BLOCK}")
    execute_process(COMMAND "${EXE}" run "${SCENARIO}" --replications 5 --out "${OUT_DIR}"
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc STREQUAL "2")
      message(SEND_ERROR "exit code ${rc}, expected 2\nstderr:\n${err}")
    endif()
    set(expected "kaesong run: error: cannot write '${OUT_DIR}/${BLOCK}': Is a directory\n")
    if(NOT err STREQUAL expected)
      message(SEND_ERROR "stderr:\n${err}\nexpected:\n${expected}")
    endif()
    file(GLOB left RELATIVE "${OUT_DIR}" "${OUT_DIR}/*" "${OUT_DIR}/.*")
    if(NOT left STREQUAL "${BLOCK}")
      message(SEND_ERROR "files left in ${OUT_DIR}: ${left}")
    endif()
  else()
    message(FATAL_ERROR "unknown MODE '${MODE}'")
  endif()
  file(REMOVE_RECURSE "${OUT_DIR}")
  return()
endif()

set(_this_file "${CMAKE_CURRENT_LIST_FILE}")
set(_out_root "${CMAKE_BINARY_DIR}/cli-out")

# Bad scenario files, one per kind of problem, with their exact messages.
file(GLOB _bad_stderr RELATIVE "${PROJECT_SOURCE_DIR}" CONFIGURE_DEPENDS
     "${PROJECT_SOURCE_DIR}/tests/data/bad_scenarios/*.toml.stderr")
foreach(_stderr IN LISTS _bad_stderr)
  string(REGEX REPLACE "\\.stderr$" "" _scenario "${_stderr}")
  get_filename_component(_name "${_scenario}" NAME_WE)
  kaesong_cli_test(NAME "check bad scenario ${_name}" EXIT 2 STDERR "${_stderr}"
                   ARGS check "${_scenario}")
endforeach()
kaesong_cli_test(NAME "run reports every problem of a bad scenario" EXIT 2
                 STDERR tests/data/bad_scenarios/several_errors.toml.stderr
                 ARGS run tests/data/bad_scenarios/several_errors.toml)

# Shipped scenarios: valid, runnable, and equal to their golden outputs where those exist.
file(READ "${PROJECT_SOURCE_DIR}/tests/data/golden/run_args.txt" _golden_args)
# Re-configure when golden files appear or disappear, so that new golden directories get tests.
file(GLOB_RECURSE _golden_files CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/tests/data/golden/*")
string(STRIP "${_golden_args}" _golden_args)
file(GLOB _shipped RELATIVE "${PROJECT_SOURCE_DIR}/scenarios" CONFIGURE_DEPENDS
     "${PROJECT_SOURCE_DIR}/scenarios/*.toml" "${PROJECT_SOURCE_DIR}/scenarios/limits/*.toml")
foreach(_file IN LISTS _shipped)
  string(REGEX REPLACE "\\.toml$" "" _name "${_file}")
  kaesong_cli_test(NAME "check scenarios/${_file}" EXIT 0 ARGS check "scenarios/${_file}")
  kaesong_cli_test(NAME "run scenarios/${_file}" EXIT 0
                   ARGS run "scenarios/${_file}" --replications 50)
  set(_golden "${PROJECT_SOURCE_DIR}/tests/data/golden/${_name}")
  if(IS_DIRECTORY "${_golden}")
    add_test(NAME "cli: golden ${_name}"
             COMMAND "${CMAKE_COMMAND}" -DMODE=golden "-DEXE=$<TARGET_FILE:kaesong>"
                     "-DCOMPARE=$<TARGET_FILE:golden_compare>" "-DSCENARIO=scenarios/${_file}" "-DRUN_ARGS=${_golden_args}"
                     "-DGOLDEN_DIR=${_golden}" "-DOUT_DIR=${_out_root}/golden/${_name}"
                     -P "${_this_file}"
             WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}")
  endif()
endforeach()

# Bad command lines.
set(_ref scenarios/kaesong_2013.toml)
set(_complete scenarios/kaesong_2013_complete.toml)
kaesong_cli_test(NAME "run --set out of range names the flag" EXIT 2
                 STDERR tests/data/bad_scenarios/set_out_of_range.stderr
                 ARGS run ${_ref} --set pyongyang.discount=1.2)
kaesong_cli_test(NAME "check --set unknown key suggests a key" EXIT 2
                 STDERR tests/data/bad_scenarios/set_unknown_key.stderr
                 ARGS check ${_ref} --set pyongyang.discont=0.99)
kaesong_cli_test(NAME "check --set without '='" EXIT 2
                 STDERR tests/data/bad_scenarios/set_without_value.stderr
                 ARGS check ${_ref} --set seoul.discount)
kaesong_cli_test(NAME "run --set, --replications and --seed problems together" EXIT 2
                 STDERR tests/data/bad_scenarios/run_flags.stderr
                 ARGS run ${_ref} --set protocol.first=north --replications 0 --seed x)
kaesong_cli_test(NAME "run unknown option" EXIT 2
                 STDERR tests/data/bad_scenarios/unknown_option.stderr
                 ARGS run ${_ref} --frobnicate)
kaesong_cli_test(NAME "run without a scenario" EXIT 2
                 STDERR tests/data/bad_scenarios/missing_argument.stderr ARGS run)
kaesong_cli_test(NAME "run --out unwritable path" EXIT 2
                 STDERR_MATCH "^kaesong run: error: cannot create directory '/proc/kaesong-out': "
                 ARGS run ${_ref} --replications 5 --out /proc/kaesong-out)
add_test(NAME "cli: run --out leaves no partial output"
         COMMAND "${CMAKE_COMMAND}" -DMODE=no_partial_output "-DEXE=$<TARGET_FILE:kaesong>"
                 "-DSCENARIO=${_ref}" -DBLOCK=summary.csv
                 "-DOUT_DIR=${_out_root}/no_partial_output" -P "${_this_file}"
         WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}")
kaesong_cli_test(NAME "run --help" EXIT 0 ARGS run --help)
kaesong_cli_test(NAME "check --help" EXIT 0 ARGS check --help)

# Results set by an arbitrary bound are reported on stderr; the shipped calibration has none.
kaesong_cli_test(NAME "run warns when a result sits on the cap on hard currency" EXIT 0
                 STDERR_MATCH "kaesong: warning: the Nash bargaining solution's hard currency \\(m = 70\\) sits on the cap deal.m.max = 70"
                 ARGS run ${_complete} --replications 5 --set solution.concept=spe
                      --set deal.m.max=70 --set deal.m.grid=15)
kaesong_cli_test(NAME "run warns when A_P* is set by the cap" EXIT 0
                 STDERR_MATCH "kaesong: warning: the critical face cost A_P\\* = [0-9.]+ is set by the cap deal.m.max = 60"
                 ARGS run ${_complete} --replications 5 --set deal.beta=1
                      --set deal.m.max=60 --set deal.m.grid=13)
kaesong_cli_test(NAME "run of the reference scenario warns of nothing" EXIT 0 STDERR_MATCH "^$"
                 ARGS run ${_ref} --replications 5)
kaesong_cli_test(NAME "run of the complete-information calibration warns of nothing" EXIT 0
                 STDERR_MATCH "^$" ARGS run ${_complete} --replications 5)

# The QRE with beliefs on the screening limit case: the report names the types and lattice, and
# rounds.csv carries the drawn type and Seoul's posterior.
kaesong_cli_test(NAME "run under qre with a hidden face cost reports the lattice and beliefs"
  EXIT 0
  STDOUT_MATCH "solution      qre \\(lambda 50; 2 types of pyongyang.blame_weight, 11 belief points per edge\\): success.*2013 record   P\\(no deal in rounds 1-6, deal in round 7\\) = [0-9.e-]+ \\(share of the replications\\).*beliefs       Seoul's posterior at each round's start averaged over the replications still negotiating.*round  1: reached 1, mean 1.4, P = \\(0.600, 0.400\\)"
  ARGS run scenarios/limits/screening.toml --set solution.concept=qre --set solution.lambda=50
       --set information.belief_points=11 --replications 200)
