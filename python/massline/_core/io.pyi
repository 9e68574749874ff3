"""Type stubs of massline._core.io: file formats, so far the indicator-system file
(python/src/register_io.cpp, docs/formats.md); use massline.scoring.IndicatorSystem's to_json,
from_json, save and load. Kept in step with the compiled module by
python/tests/test_packaging.py."""

import os
from typing import Union

from .scoring import IndicatorSystem

def indicator_system_to_json(system: IndicatorSystem, indent: int = ...) -> str:
    """The system as JSON text (docs/formats.md); indent < 0 writes one line. Raises InvalidArgument 'indicator_file.value' for a non-finite number."""

def indicator_system_from_json(text: str, source: str = ..., check_structure: bool = ...) -> IndicatorSystem:
    """Reads JSON text (docs/formats.md); raises ParseError located by line and column or by node and JSON pointer, with `source` as the file name. check_structure=False skips IndicatorSystem.check(), so a half-built system (as pickled) reads back."""

def save_indicator_system(system: IndicatorSystem, path: Union[str, os.PathLike[str]]) -> None:
    """Writes the system as JSON; an existing file is replaced whole or left untouched."""

def load_indicator_system(path: Union[str, os.PathLike[str]]) -> IndicatorSystem:
    """Reads an indicator-system JSON file (errors located in the file)."""
