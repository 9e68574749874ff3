"""Type stubs of massline._core.synth: the synthetic-population generator
(python/src/register_synth.cpp); use massline.synth. Kept in step with the compiled module by
python/tests/test_packaging.py."""

from typing import ClassVar, Optional

from .model import OrgKind, Registry

class ParameterInfo:
    """Description of one numeric synth parameter."""
    @property
    def name(self) -> str:
        """Keyword name, e.g. 'households'."""
    @property
    def type(self) -> ParameterType:
        """ParameterType: count (int), real (float) or flag (bool)."""
    @property
    def min(self) -> float:
        """Smallest allowed value."""
    @property
    def max(self) -> float:
        """Largest allowed value."""
    @property
    def description(self) -> str:
        """One line."""
    @property
    def source(self) -> str:
        """Where the default comes from."""
    def __repr__(self) -> str: ...

class ParameterType:
    """How a synth parameter's value is read.

Members:

  count

  real

  flag"""
    count: ClassVar[ParameterType]
    real: ClassVar[ParameterType]
    flag: ClassVar[ParameterType]
    def __init__(self, value: int) -> None: ...
    def __repr__(self) -> str: ...
    @property
    def name(self) -> str:
        """name(self: handle) -> str"""
    def __str__(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...
    def __getstate__(self) -> int: ...
    def __hash__(self) -> int: ...
    @property
    def value(self) -> int: ...
    def __int__(self) -> int: ...
    def __index__(self) -> int: ...
    def __setstate__(self, state: int) -> None: ...

def generate(
    preset: str,
    seed: int,
    overrides: dict[str, float],
    *,
    code_prefix: Optional[str] = None,
    community_kind: Optional[OrgKind] = None,
    grid_kind: Optional[OrgKind] = None,
) -> Registry:
    """Builds preset `preset` with `overrides` ({name: number}) and the non-numeric parameters from `seed`; the GIL is released while generating. Raises InvalidArgument 'synth.unknown_preset', 'synth.unknown_parameter' or 'synth.bad_parameter'. Use massline.synth.generate instead."""

def parameters() -> list[ParameterInfo]:
    """Every numeric synth parameter (list of ParameterInfo), in the order of docs/synth.md."""

def preset(preset: str) -> dict[str, float]:
    """The numeric parameters of a preset as {name: value}; raises InvalidArgument 'synth.unknown_preset'."""

def preset_names() -> list[str]:
    """The preset names: 'quyuan', 'wujiagang', 'county'."""
