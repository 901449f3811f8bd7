// The single Catch2 test binary's entry point; test cases live in *_test.cc files beside it.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
