"""Type stubs of massline._core.io: file formats, so far the indicator-system file
(python/src/register_io.cpp, docs/formats.md); use massline.scoring.IndicatorSystem's to_json,
from_json, save and load. Kept in step with the compiled module by
python/tests/test_packaging.py."""

import os
from typing import Union

from .model import Registry
from .scoring import IndicatorSystem

def indicator_system_to_json(system: IndicatorSystem, indent: int = ...) -> str:
    """The system as JSON text (docs/formats.md); indent < 0 writes one line. Raises InvalidArgument 'indicator_file.value' for a non-finite number."""

def indicator_system_from_json(text: str, source: str = ..., check_structure: bool = ...) -> IndicatorSystem:
    """Reads JSON text (docs/formats.md); raises ParseError located by line and column or by node and JSON pointer, with `source` as the file name. check_structure=False skips IndicatorSystem.check(), so a half-built system (as pickled) reads back."""

def save_indicator_system(system: IndicatorSystem, path: Union[str, os.PathLike[str]]) -> None:
    """Writes the system as JSON; an existing file is replaced whole or left untouched."""

def load_indicator_system(path: Union[str, os.PathLike[str]]) -> IndicatorSystem:
    """Reads an indicator-system JSON file (errors located in the file)."""

# ---- registry files (python/src/register_io_registry.cpp); use massline.io.load/save ----

def registry_to_json(registry: Registry) -> str:
    """The whole registry as registry JSON text (format 'massline.registry', docs/formats.md), ids included."""

def registry_from_json(text: str, source: str = ...) -> Registry:
    """Reads registry JSON text into a new Registry with the saved ids. Raises ParseError (or the problem itself) listing every problem with file, row, column and reason; `source` names the text."""

def save_registry_json(registry: Registry, path: Union[str, os.PathLike[str]]) -> bool:
    """Writes the registry JSON file; an existing file is replaced whole or left untouched. Returns True."""

def load_registry_json(path: Union[str, os.PathLike[str]]) -> Registry:
    """Reads a registry JSON file into a new Registry (errors located in the file)."""

def save_registry_csv(registry: Registry, directory: Union[str, os.PathLike[str]], *, byte_order_mark: bool = ..., chinese_headers: bool = ...) -> bool:
    """Writes one <table>.csv per table into the directory (created if missing), each file replaced atomically. byte_order_mark starts each file with the UTF-8 BOM; chinese_headers writes the Chinese column labels. Returns True."""

def load_registry_csv(directory: Union[str, os.PathLike[str]]) -> Registry:
    """Reads a registry CSV directory into a new Registry; whole or nothing, every problem of every file listed with file, row, column and reason."""

def chinese_column_label(column: str) -> str:
    """The Chinese label of a column name, accepted in CSV headers ('' for an unknown name)."""
