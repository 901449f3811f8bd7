# kaesong_cli_test(NAME <name> EXIT <code> [STDOUT <file>] [STDERR <file>] [STDERR_MATCH <regex>]
#                  [STDIN <file>] ARGS <args>...)
# Runs the real `kaesong` executable and checks its exit code and, when given, that stdout or stderr
# equal a golden file byte for byte (or stderr matches a regex). Paths in ARGS and files are
# relative to the source tree; the command runs from the source root so messages carry the same
# relative file names a user sees.
set(KAESONG_CLI_CHECK "${CMAKE_CURRENT_LIST_DIR}/check_cli.cmake")
string(ASCII 31 KAESONG_CLI_ARG_SEPARATOR)  # the unit separator; CMake has no "\x1f" escape
function(kaesong_cli_test)
  cmake_parse_arguments(T "" "NAME;EXIT;STDOUT;STDERR;STDERR_MATCH;STDIN" "ARGS" ${ARGN})
  string(REPLACE ";" "${KAESONG_CLI_ARG_SEPARATOR}" joined_args "${T_ARGS}")
  add_test(NAME "cli: ${T_NAME}"
           COMMAND ${CMAKE_COMMAND}
             "-DEXE=$<TARGET_FILE:kaesong>" "-DARGS=${joined_args}" "-DEXIT=${T_EXIT}"
             "-DSTDOUT_FILE=${T_STDOUT}" "-DSTDERR_FILE=${T_STDERR}"
             "-DSTDERR_MATCH=${T_STDERR_MATCH}" "-DSTDIN_FILE=${T_STDIN}"
             -P "${KAESONG_CLI_CHECK}"
           WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}")
endfunction()

file(GLOB KAESONG_CLI_CASES CONFIGURE_DEPENDS "${CMAKE_CURRENT_LIST_DIR}/cases/*.cmake")
foreach(case_file IN LISTS KAESONG_CLI_CASES)
  include("${case_file}")
endforeach()
