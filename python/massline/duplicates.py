"""Likely duplicates for review: households registered twice and appeals raised again. Nothing
is merged or removed; each row carries its evidence and a person decides.

    >>> import massline as ml
    >>> r = ml.synth.generate("quyuan", seed=0)
    >>> ml.duplicates.find_duplicate_households(r).columns.tolist()
    ['group', 'first', 'second', 'id_number', 'head_name', 'phone', 'address']

Households match on the same identity number, or on two of head's name, phone and address,
compared in normal forms (:func:`normalized_text`, :func:`normalized_phone`): docs/model.md,
"Duplicates". Both searches read the registry and hold the GIL (docs/python.md, "Threads");
Ctrl-C stops them.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._core import model as _cm
from ._core.model import Registry

__all__ = ["find_duplicate_households", "find_repeat_appeals", "id_number_problem", "phone_problem",
           "normalized_phone", "normalized_text"]

id_number_problem = _cm.id_number_problem
phone_problem = _cm.phone_problem
normalized_phone = _cm.normalized_phone
normalized_text = _cm.normalized_text


def _registry(registry: object) -> Registry:
    if not isinstance(registry, Registry):
        raise TypeError(f"registry must be a massline.Registry, got {type(registry).__name__}")
    return registry


def find_duplicate_households(registry: Registry) -> pd.DataFrame:
    """One row per pair of households that look registered twice: ``group`` (pairs linked
    directly or through other pairs share it; numbered by their lowest household), ``first`` and
    ``second`` (household id values, first < second) and one bool column per field they share:
    ``id_number``, ``head_name``, ``phone``, ``address``. Empty fields never match."""
    return pd.DataFrame(dict(_cm.find_duplicate_households(_registry(registry))), copy=False)


def find_repeat_appeals(registry: Registry, window_days: int = 30) -> pd.DataFrame:
    """One row per appeal raised again by the same household on the same subject area at most
    ``window_days`` (default 30) after the previous one: ``earlier``, ``later`` (appeal id
    values), ``household`` and ``days_apart``. Appeals without a household are not compared."""
    if isinstance(window_days, (bool, np.bool_)) or not isinstance(window_days, (int, np.integer)):
        raise TypeError(f"window_days must be an int, got {type(window_days).__name__}")
    if not -2**63 <= int(window_days) < 2**63:
        window_days = -1 if window_days < 0 else 2**63 - 1
    return pd.DataFrame(dict(_cm.find_repeat_appeals(_registry(registry), int(window_days))), copy=False)
