"""Hostile-input tests: each case in its own interpreter (see conftest.py)."""
