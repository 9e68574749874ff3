# The layer map (docs/architecture.md), checked: cmake -DROOT=<source dir> -P layers.cmake
#
# Layers, lowest first. A file of a layer may include massline headers of its own layer or of a
# lower one, never of a higher one. Rules checked on every file under include/massline and
# src/massline:
#   1. each file lies in a layer folder (or is one of the two top-level headers);
#   2. no `#include <massline/...>` (or "massline/...") reaches a higher layer, and nothing
#      inside the library includes the umbrella header;
#   3. namespaces equal folders: core and model declare `massline`; every other folder its
#      path, include/massline/scoring/pls/ -> massline::scoring::pls (deeper nesting is free);
#   4. src/ mirrors include/: every src/massline/<layer>/<sub>/ folder exists under
#      include/massline/ too.
# Every violation is printed with file, line and reason; the script fails if there is any.
cmake_minimum_required(VERSION 3.20)

set(layers core model policy synth network scoring sim io cli)
if(NOT ROOT)
  message(FATAL_ERROR "layers.cmake: pass -DROOT=<source dir>")
endif()

set(problems 0)
function(report file line why)
  file(RELATIVE_PATH rel ${ROOT} ${file})
  message(NOTICE "layer map: ${rel}:${line}: ${why}")
  math(EXPR n "${problems} + 1")
  set(problems ${n} PARENT_SCOPE)
endfunction()

function(rank_of layer out)
  list(FIND layers "${layer}" index)
  set(${out} ${index} PARENT_SCOPE)
endfunction()

file(GLOB_RECURSE files LIST_DIRECTORIES false
  ${ROOT}/include/massline/*.hpp ${ROOT}/include/massline/*.h
  ${ROOT}/src/massline/*.cpp ${ROOT}/src/massline/*.hpp ${ROOT}/src/massline/*.h)
list(SORT files)
list(LENGTH files count)
if(count EQUAL 0)
  message(FATAL_ERROR "layers.cmake: no sources under ${ROOT}/include/massline or ${ROOT}/src/massline")
endif()

foreach(file IN LISTS files)
  file(RELATIVE_PATH rel ${ROOT} ${file})
  string(REGEX REPLACE "^(include|src)/massline/" "" inner ${rel})
  if(NOT inner MATCHES "/")
    # Top level: the umbrella header may include everything; fwd.hpp is core vocabulary.
    if(inner STREQUAL "massline.hpp")
      continue()
    elseif(inner STREQUAL "fwd.hpp")
      set(layer core)
    else()
      report(${file} 1 "outside every layer folder (layers: ${layers})")
      continue()
    endif()
  else()
    string(REGEX REPLACE "/.*$" "" layer ${inner})
  endif()
  rank_of(${layer} own)
  if(own EQUAL -1)
    report(${file} 1 "folder '${layer}' is not a layer (layers: ${layers})")
    continue()
  endif()

  if(rel MATCHES "^src/")
    get_filename_component(dir ${inner} DIRECTORY)
    if(NOT IS_DIRECTORY ${ROOT}/include/massline/${dir})
      report(${file} 1 "src/massline/${dir} has no include/massline/${dir} to mirror")
    endif()
  endif()

  # Namespace of the file's folder: include/massline/scoring/pls/x.hpp -> massline::scoring::pls.
  get_filename_component(folder ${inner} DIRECTORY)
  string(REPLACE "/" "::" folder_namespace "${folder}")
  if(layer STREQUAL "core" OR layer STREQUAL "model" OR folder STREQUAL "")
    set(expected "massline")
  else()
    set(expected "massline::${folder_namespace}")
  endif()

  file(STRINGS ${file} lines)
  set(number 0)
  foreach(line IN LISTS lines)
    math(EXPR number "${number} + 1")
    if(line MATCHES "^[ \t]*#[ \t]*include[ \t]*[<\"]massline/([^>\"]+)[>\"]")
      set(target ${CMAKE_MATCH_1})
      if(target STREQUAL "massline.hpp")
        report(${file} ${number} "includes the umbrella header; include what is used")
        continue()
      endif()
      if(target STREQUAL "fwd.hpp")
        set(target_layer core)
      else()
        string(REGEX REPLACE "/.*$" "" target_layer ${target})
      endif()
      rank_of(${target_layer} other)
      if(other EQUAL -1)
        report(${file} ${number} "includes <massline/${target}>, which is in no layer")
      elseif(other GREATER own)
        report(${file} ${number} "layer '${layer}' includes <massline/${target}> from the higher layer '${target_layer}'")
      endif()
    elseif(line MATCHES "^[ \t]*namespace[ \t]+(massline[A-Za-z0-9_:]*)[ \t]*{")
      set(name ${CMAKE_MATCH_1})
      if(expected STREQUAL "massline")
        # core and model are the shared vocabulary in `massline` itself; they may nest helper
        # namespaces (massline::detail) but never open another layer's.
        set(first "")
        if(name MATCHES "^massline::([A-Za-z0-9_]+)")
          set(first ${CMAKE_MATCH_1})
        endif()
        list(FIND layers "${first}" clash)
        if(clash EQUAL -1)
          set(ok TRUE)
        else()
          set(ok FALSE)
        endif()
      elseif(name STREQUAL expected OR name MATCHES "^${expected}::")
        set(ok TRUE)
      else()
        set(ok FALSE)
      endif()
      if(NOT ok)
        report(${file} ${number} "declares namespace ${name}; files of layer '${layer}' live in ${expected}")
      endif()
    endif()
  endforeach()
endforeach()

if(problems GREATER 0)
  message(FATAL_ERROR "layers.cmake: ${problems} violation(s) of the layer map (docs/architecture.md)")
endif()
message(STATUS "layers.cmake: ${count} files obey the layer map (${layers})")
