# `kaesong generate --stochastic`: seeded random stochastic game files. The golden file is the
# generator's own output, stored once: it pins the bytes across runs and platforms (and is the
# game on which value iteration cycles in stochastic_solve.cmake).
kaesong_cli_test(NAME "generate stochastic golden" EXIT 0
                 STDOUT tests/data/stochastic/random_vi_cycle.toml
                 ARGS generate --stochastic --states 2 --max-actions 2 --density 1 --seed 12)
foreach(case IN ITEMS "5;--states;6"
                      "99;--states;3;--min-actions;1;--max-actions;4;--density;0.5;--continuation;0.8;--discount;0.5,0.95")
  list(POP_FRONT case seed)
  string(REPLACE ";" " " spec_name "${case} --seed ${seed}")
  string(MAKE_C_IDENTIFIER "${spec_name}" work_name)
  add_test(NAME "cli: generate stochastic repeatable and solvable ${spec_name}"
           COMMAND ${CMAKE_COMMAND} "-DEXE=$<TARGET_FILE:kaesong>"
             "-DWORK=${CMAKE_CURRENT_BINARY_DIR}/generate_${work_name}" "-DSPEC=${case}"
             "-DSEED=${seed}" -P "${CMAKE_CURRENT_LIST_DIR}/../generate_identity.cmake"
           WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}")
endforeach()
# A finite horizon, as backward induction reads it.
kaesong_cli_test(NAME "generate stochastic horizon" EXIT 0
                 STDOUT_MATCH "\ndiscount = \\[0\\.9, 0\\.9\\]\nhorizon = 4\n"
                 ARGS generate --stochastic --states 2 --horizon 4)
kaesong_cli_test(NAME "generate stochastic help" EXIT 0
                 STDOUT_MATCH "^Usage: kaesong generate --stochastic "
                 ARGS generate --stochastic --help)
kaesong_cli_test(NAME "generate help mentions stochastic" EXIT 0
                 STDOUT_MATCH "kaesong generate --stochastic --help"
                 ARGS generate --help)

function(generate_rejects name message)
  kaesong_cli_test(NAME "generate stochastic rejects ${name}" EXIT 2
                   STDERR_MATCH "^kaesong generate: error: ${message}\n$"
                   ARGS generate --stochastic ${ARGN})
endfunction()
generate_rejects("states" "--states must be in 1\\.\\.100000, got 0" --states 0)
generate_rejects("min-actions" "--min-actions must be in 1\\.\\.1000, got 0" --min-actions 0)
generate_rejects("max-actions below min-actions"
                 "--max-actions must be in 3\\.\\.1000 \\(--min-actions\\.\\.1000\\), got 2"
                 --min-actions 3 --max-actions 2)
# A lone square bracket would upset CMake's list splitting of the arguments: '.' stands for it.
generate_rejects("density" "--density must be in \\(0, 1., got 0" --density 0)
generate_rejects("continuation" "--continuation must be in \\[0, 1\\], got 1\\.5"
                 --continuation 1.5)
generate_rejects("discount of 1"
                 "--discount must be D or D1,D2 with each factor in .0, 1\\), got '1'"
                 --discount 1)
generate_rejects("malformed discount"
                 "--discount must be D or D1,D2 with each factor in .0, 1\\), got '0\\.9,x'"
                 --discount 0.9,x)
generate_rejects("horizon" "--horizon must be in 0\\.\\.1000000, got -1" --horizon -1)
generate_rejects("rows" "unrecognised option '--rows'" --rows 3)
kaesong_cli_test(NAME "generate stochastic rejects an unwritable --out" EXIT 2
                 STDERR_MATCH "^kaesong generate: error: cannot write 'no_such_dir/game\\.toml': "
                 ARGS generate --stochastic --out no_such_dir/game.toml)
