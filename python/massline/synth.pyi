"""Type stubs of massline.synth (synthetic populations)."""

from typing import Dict, List, Tuple, Union

from ._core.io import ParameterInfo as ParameterInfo
from ._core.io import ParameterType as ParameterType
from ._core.model import OrgKind, Registry

__all__ = ["PRESETS", "generate", "parameters", "preset", "ParameterInfo", "ParameterType"]

PRESETS: Tuple[str, ...]

def generate(preset: str, seed: int = ..., **params: Union[int, float, bool, str, OrgKind]) -> Registry: ...
def parameters() -> List[ParameterInfo]: ...
def preset(name: str) -> Dict[str, Union[int, float, bool]]: ...
