"""Synthetic populations built from the real presets (docs/domain.md section 1).

``massline.synth.generate(preset, seed=0, **params)`` returns a :class:`massline.Registry`
holding a whole network: organisations on four levels, households, members, pairings,
pledges, service posts and a year of contacts and appeals. The result is a pure function of
(preset, params, seed): the same arguments give an identical registry on every machine.

Presets: ``"quyuan"`` (a town), ``"wujiagang"`` (a district) and ``"county"`` (a
parametrised four-level county). Every numeric parameter of the generator can be overridden
by keyword (``households=5000``, ``contacts=False``, ``rate_difficult=0.1``...);
:func:`parameters` lists them with their domains and sources and :func:`preset` gives a
preset's values. docs/synth.md documents each parameter. Three parameters are not numbers:
``code_prefix`` (a str starting every external code), ``community_kind`` and ``grid_kind``
(the :class:`massline.OrgKind`, or its name, of the level-3 and level-4 units).

Errors: an unknown preset or parameter name, or a value outside its domain, raises
:class:`massline.InvalidArgument` (a ``ValueError``) whose message names the parameter (and,
for a misspelt name, the closest known one); a value that is not a number raises
``TypeError``. The GIL is released while the C++ generator runs.
"""

from __future__ import annotations

import numbers
from typing import Dict, List, Tuple, Union

from ._core import synth as _synth
from ._core.core import InvalidArgument, Location
from ._core.model import OrgKind, Registry
from ._core.synth import ParameterInfo, ParameterType
from ._errors import raise_error
from ._facade import publish

__all__ = ["PRESETS", "generate", "parameters", "preset", "ParameterInfo", "ParameterType"]
publish(__name__, globals(), __all__)

#: The preset names generate() accepts.
PRESETS: Tuple[str, ...] = tuple(_synth.preset_names())

_MAX_SEED = 2**64 - 1


def generate(preset: str, seed: int = 0, **params: Union[int, float, bool, str, OrgKind]) -> Registry:
    """Builds the synthetic population of ``preset`` from ``seed`` with ``params`` overriding
    the preset's parameters (names as in :func:`parameters`, plus ``code_prefix``,
    ``community_kind`` and ``grid_kind``).

    ``seed`` is an integer in 0 .. 2**64-1. Counts must be whole numbers and flags True/False
    (or 0/1). Raises :class:`massline.InvalidArgument` ("synth.unknown_preset",
    "synth.unknown_parameter", "synth.bad_parameter") and ``TypeError`` for a value of the
    wrong type.
    """
    if not isinstance(preset, str):
        raise TypeError(f"preset must be a str, got {type(preset).__name__}")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be an int, got {type(seed).__name__}")
    if not 0 <= int(seed) <= _MAX_SEED:
        raise_error(InvalidArgument, "synth.bad_parameter", "seed out of range", Location(entity="synth", field="seed"),
                    f"seeds are 0 .. 2**64-1, got {int(seed)}")
    overrides: Dict[str, float] = {}
    text: Dict[str, object] = {}
    for name, value in params.items():
        if name == "code_prefix":
            if not isinstance(value, str):
                raise TypeError(f"synth parameter 'code_prefix' must be a str, got {type(value).__name__}")
            text[name] = value
            continue
        if name in ("community_kind", "grid_kind"):
            text[name] = _org_kind(name, value)
            continue
        if not isinstance(value, numbers.Real):
            raise TypeError(f"synth parameter {name!r} must be a number or bool, got {type(value).__name__}")
        overrides[name] = float(value)
    return _synth.generate(preset, int(seed), overrides, **text)


def _org_kind(name: str, value: object) -> OrgKind:
    if isinstance(value, OrgKind):
        return value
    if isinstance(value, str):
        if value not in OrgKind.__members__:
            known = ", ".join(OrgKind.__members__)
            raise_error(InvalidArgument, "synth.bad_parameter", "unknown organisation kind",
                        Location(entity="synth", field=name), f"{value!r} is not an OrgKind name (known: {known})")
        return OrgKind.__members__[value]
    raise TypeError(f"synth parameter {name!r} must be an OrgKind or its name, got {type(value).__name__}")


def parameters() -> List[ParameterInfo]:
    """Every numeric parameter (name, type, min, max, description, source), in the order of
    docs/synth.md."""
    return list(_synth.parameters())


def preset(name: str) -> Dict[str, Union[int, float, bool]]:
    """The parameters of preset ``name`` as ``{parameter: value}``: counts as int, flags as
    bool, the rest as float. Raises :class:`massline.InvalidArgument` for an unknown preset."""
    types = {info.name: info.type for info in _synth.parameters()}
    values: Dict[str, Union[int, float, bool]] = {}
    for key, value in _synth.preset(name).items():
        kind = types.get(key)
        if kind == ParameterType.count:
            values[key] = int(value)
        elif kind == ParameterType.flag:
            values[key] = bool(value)
        else:
            values[key] = float(value)
    return values
