# kaesong_target_settings(<target>): the per-target compile settings every kaesong target shares:
# C++20, strict warnings (errors with KAESONG_WERROR), optional sanitizers and -march=native.
function(kaesong_target_settings target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  set_target_properties(${target} PROPERTIES CXX_EXTENSIONS OFF)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(KAESONG_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(KAESONG_SANITIZE)
    target_compile_options(${target} PUBLIC -fsanitize=${KAESONG_SANITIZE} -fno-omit-frame-pointer
                                            -fno-sanitize-recover=all)
    target_link_options(${target} PUBLIC -fsanitize=${KAESONG_SANITIZE})
    # GCC 12's -Wmaybe-uninitialized misfires on sanitizer-instrumented code (e.g. inside
    # std::regex as used by Catch2); the uninstrumented build keeps the warning.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
    endif()
  endif()
  if(KAESONG_NATIVE)
    target_compile_options(${target} PRIVATE -march=native)
  endif()
endfunction()

# kaesong_add_layer(<target> <dir> [DEPS <targets>...]): one library per source directory, built
# from every *.cc in it (an interface library while the directory has only headers).
function(kaesong_add_layer target dir)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS "${dir}/*.cc")
  list(FILTER sources EXCLUDE REGEX "/main\\.cc$")
  if(sources)
    add_library(${target} STATIC ${sources})
    target_include_directories(${target} PUBLIC "${PROJECT_SOURCE_DIR}")
    target_link_libraries(${target} PUBLIC ${ARG_DEPS})
    kaesong_target_settings(${target})
  else()
    add_library(${target} INTERFACE)
    target_include_directories(${target} INTERFACE "${PROJECT_SOURCE_DIR}")
    target_link_libraries(${target} INTERFACE ${ARG_DEPS})
    target_compile_features(${target} INTERFACE cxx_std_20)
  endif()
endfunction()
