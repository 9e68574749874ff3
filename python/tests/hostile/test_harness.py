"""The harness itself tells crashes, hangs, foreign exceptions and massline errors apart."""

import pytest


def test_a_massline_error_is_reported_with_its_class_and_code(hostile):
    result = hostile("massline.scoring.proportion_interval(5, 3)")
    assert (result.kind, result.error_type, result.code) == ("error", "InvalidArgument", "interval.counts")


def test_a_finished_snippet_keeps_what_it_printed(hostile):
    result = hostile("print(len(massline.Registry().households))")
    assert (result.kind, result.stdout) == ("ok", "0")


@pytest.mark.parametrize("snippet, verdict", [
    ("import os, signal; os.kill(os.getpid(), signal.SIGSEGV)", "crash"),
    ("import time; time.sleep(60)", "hang"),
    ("raise KeyError('x')", "not a massline.Error"),
])
def test_crashes_hangs_and_foreign_exceptions_fail_the_test(hostile, snippet, verdict):
    with pytest.raises(pytest.fail.Exception, match=verdict):
        hostile(snippet, timeout=3)
