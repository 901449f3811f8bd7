# `kaesong check --export-game`: the simultaneous-drafts negotiation written as a stochastic game
# file (its contents are checked against the model by tests/models/simultaneous_test.cc).

set(_export_root "${CMAKE_BINARY_DIR}/cli-out/export")
file(MAKE_DIRECTORY "${_export_root}")

kaesong_cli_test(NAME "check --export-game writes the simultaneous game" EXIT 0
                 STDOUT_MATCH "kind = \"simultaneous\""
                 ARGS check scenarios/kaesong_2013_simultaneous.toml
                      --export-game "${_export_root}/kaesong_2013_simultaneous.toml")
kaesong_cli_test(NAME "check --export-game refuses alternating offers" EXIT 2
                 STDERR_MATCH "^kaesong check: error: --export-game: only protocol.kind = \"simultaneous\" makes the negotiation a stochastic game \\(this scenario is \"alternating\"\\)\n$"
                 ARGS check scenarios/kaesong_2013.toml --export-game "${_export_root}/no.toml")
kaesong_cli_test(NAME "check --export-game unwritable path" EXIT 2
                 STDERR_MATCH "^kaesong check: error: cannot write '/proc/kaesong-game.toml': "
                 ARGS check scenarios/kaesong_2013_simultaneous.toml
                      --export-game /proc/kaesong-game.toml)
