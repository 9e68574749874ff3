# Warnings live on an interface target linked PRIVATE, so consumers never inherit them.
add_library(massline_warnings INTERFACE)
target_compile_options(massline_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wnull-dereference>
  $<$<BOOL:${MASSLINE_WERROR}>:-Werror>)
