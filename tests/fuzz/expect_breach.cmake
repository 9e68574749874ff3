# Runs fuzz_replay on a target that breaks the contract on purpose and passes only when the
# runner fails and says why: proof that the fuzz_replay.<target> tests can fail.
execute_process(COMMAND ${RUNNER} broken_on_purpose ${INPUT} RESULT_VARIABLE result ERROR_VARIABLE err OUTPUT_QUIET)
if(result EQUAL 0)
  message(FATAL_ERROR "fuzz_replay accepted a broken contract")
endif()
if(NOT err MATCHES "fuzz contract broken: exception that is not a massline::Error: not a massline error")
  message(FATAL_ERROR "fuzz_replay failed (${result}) without naming the broken rule:\n${err}")
endif()
message(STATUS "fuzz_replay refused the broken contract (${result})")
