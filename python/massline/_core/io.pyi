"""Type stubs of massline._core.io: file formats, the indicator-system file and the appeal logs
(python/src/register_io.cpp), the registry JSON file, CSV directory and SQLite store
(python/src/register_io_registry.cpp; docs/formats.md); use massline.scoring.IndicatorSystem's
to_json, from_json, save and load, and massline.io's readers, load and save. Kept in step with the compiled module by
python/tests/test_packaging.py."""

import datetime
import os
from typing import Any, ClassVar, List, Optional, Union

import numpy as np
import numpy.typing as npt

from .core import AppealId, ContactId, OrgId, Period, SurveyResponseId, WorkCalendar
from .model import Appeal, Contact, Registry, SurveyResponse
from .policy import PolicySet
from .scoring import IndicatorSystem, ResponseScale

def indicator_system_to_json(system: IndicatorSystem, indent: int = ...) -> str:
    """The system as JSON text (docs/formats.md); indent < 0 writes one line. Raises InvalidArgument 'indicator_file.value' for a non-finite number."""

def indicator_system_from_json(text: str, source: str = ..., check_structure: bool = ...) -> IndicatorSystem:
    """Reads JSON text (docs/formats.md); raises ParseError located by line and column or by node and JSON pointer, with `source` as the file name. check_structure=False skips IndicatorSystem.check(), so a half-built system (as pickled) reads back."""

def save_indicator_system(system: IndicatorSystem, path: Union[str, os.PathLike[str]]) -> None:
    """Writes the system as JSON; an existing file is replaced whole or left untouched."""

def load_indicator_system(path: Union[str, os.PathLike[str]]) -> IndicatorSystem:
    """Reads an indicator-system JSON file (errors located in the file)."""

def read_nyc311(path: Union[str, os.PathLike[str]]) -> Registry:
    """Reads a NYC 311 service-request CSV export into a new Registry: a root 'NYC 311', one organisation per Agency, one appeal per row (docs/formats.md, 'Appeal logs'). Raises ParseError 'nyc311.*' located by file, line and column; nothing is returned unless every row is good. The GIL is released while reading."""

def read_open311(path: Union[str, os.PathLike[str]]) -> Registry:
    """Reads an Open311 GeoReport v2 JSON array of service requests into a new Registry: a root 'Open311', one organisation per agency_responsible (docs/formats.md, 'Appeal logs'). Raises ParseError 'open311.*' located by file and JSON pointer. The GIL is released while reading."""

def read_cn_messages(path: Union[str, os.PathLike[str]]) -> Registry:
    """Reads the TipDM 2020 government message-board CSV into a new Registry: one organisation for the board, one appeal per message (docs/formats.md, 'Appeal logs'). Raises ParseError 'cn_messages.*' located by file, line and column. The GIL is released while reading."""

def import_appeal_log(registry: Registry, path: Union[str, os.PathLike[str]], format: str, parent: Optional[OrgId] = ...) -> OrgId:
    """Imports the appeal log at `path` ('nyc311', 'open311' or 'cn_messages') into `registry`, whole or not at all: its root goes one level below `parent` (at level 1 or 2), or becomes a new level-1 root. Returns the root's OrgId. Raises the reader's ParseError, InvalidArgument 'appeal_log.parent', NotFound for an unknown parent, IntegrityError 'integrity.duplicate_code' for a code already in the registry; on error the registry is unchanged."""

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

def save_registry_sqlite(registry: Registry, path: Union[str, os.PathLike[str]]) -> bool:
    """Saves the registry to the SQLite store in one transaction (WAL mode), replacing what it held; a failure or a crash part way leaves the previous contents. Refuses files that are not massline stores. Returns True."""

def load_registry_sqlite(path: Union[str, os.PathLike[str]]) -> Registry:
    """Reads the registry of a SQLite store, upgrading an older layout first; whole or nothing, every problem located by file, table, row id and column."""

def sqlite_store_version(path: Union[str, os.PathLike[str]]) -> int:
    """The layout version of a SQLite store (PRAGMA user_version), without upgrading it."""

SQLITE_STORE_VERSION: int

def append_contacts(path: Union[str, os.PathLike[str]], contacts: List[Contact]) -> List[ContactId]:
    """Appends contacts to a SQLite store in one transaction, each checked against the stored registry; returns their new ids. Nothing is written when any fails."""

def append_appeals(path: Union[str, os.PathLike[str]], appeals: List[Appeal]) -> List[AppealId]:
    """Appends appeals to a SQLite store in one transaction (codes new to the store); returns their new ids."""

def append_survey_responses(path: Union[str, os.PathLike[str]], responses: List[SurveyResponse]) -> List[SurveyResponseId]:
    """Appends survey responses to a SQLite store in one transaction; returns their new ids."""

def chinese_column_label(column: str) -> str:
    """The Chinese label of a column name, accepted in CSV headers ('' for an unknown name)."""

def scope_registry(registry: Registry, root: OrgId) -> tuple[Registry, list[tuple[str, str, int]], list[tuple[str, str, int]]]:
    """The part of the registry inside root's subtree (ids unchanged) and what was left out: (registry, dropped, cleared), the last two lists of (table, reason, count). docs/formats.md, "Privacy"."""

def pseudonym(key: str, field: str, value: str) -> str:
    """The token of a personal value under a key: '#' and 20 hex digits of HMAC-SHA-256 over the field and the value's normal form ('' for '')."""

def pseudonymize(registry: Registry, key: str) -> bool:
    """Replaces every personal field by its pseudonym under the key, in place, whole or not at all. Returns True."""

# ---- the appraisal and its report (python/src/register_io_appraisal.cpp); use massline.report ----

class ReportLanguage:
    """Language of a report's labels: zh (Chinese, the default) or en.

Members:

  zh

  en"""
    zh: ClassVar[ReportLanguage]
    en: ClassVar[ReportLanguage]
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

class Appraisal:
    """The appraisal of a period (docs/report.md); made by appraise(), read-only. massline.report.Appraisal wraps it with pandas frames."""
    @property
    def period(self) -> Period: ...
    @property
    def as_of(self) -> datetime.date: ...
    @property
    def policy_name(self) -> str: ...
    @property
    def threshold(self) -> float: ...
    @property
    def threshold_source(self) -> str: ...
    @property
    def confidence(self) -> float: ...
    @property
    def basis(self) -> str: ...
    @property
    def min_sample(self) -> int: ...
    @property
    def scale(self) -> str: ...
    @property
    def has_responses(self) -> bool: ...
    @property
    def responses(self) -> int: ...
    @property
    def answers(self) -> int: ...
    @property
    def dont_know(self) -> int: ...
    @property
    def items(self) -> list[str]: ...
    @property
    def list_level(self) -> int: ...
    @property
    def households(self) -> int: ...
    @property
    def covered_households(self) -> int: ...
    @property
    def must_visit_categories(self) -> list[str]: ...
    @property
    def must_visit_households(self) -> int: ...
    @property
    def must_visit_covered(self) -> int: ...
    @property
    def must_visit_unpaired(self) -> npt.NDArray[np.int64]: ...
    @property
    def compliance_subjects(self) -> int: ...
    @property
    def compliance_compliant(self) -> int: ...
    def satisfaction_columns(self) -> dict[str, Any]: ...
    def under_threshold_columns(self) -> dict[str, Any]: ...
    def list_columns(self) -> dict[str, Any]: ...
    def coverage_columns(self) -> dict[str, Any]: ...
    def gap_columns(self) -> dict[str, Any]: ...
    def overdue_columns(self) -> dict[str, Any]: ...
    def compliance_columns(self) -> dict[str, Any]: ...
    def __repr__(self) -> str: ...

def appraise(registry: Registry, policy: PolicySet, period: Period, *, items: List[str] = ..., scale: Optional[ResponseScale] = ..., confidence: float = ..., basis: str = ..., min_sample: int = ..., list_level: int = ..., red_count: int = ..., black_count: int = ..., as_of: Optional[datetime.date] = ..., calendar: Optional[WorkCalendar] = ...) -> Appraisal:
    """The appraisal of a period from a registry and a policy set (docs/report.md). Holds the GIL (it reads the registry); Ctrl-C stops it."""

def appraisal_html(appraisal: Appraisal, language: ReportLanguage = ...) -> str:
    """The report as one self-contained HTML page. The GIL is released."""

def write_appraisal_html(appraisal: Appraisal, path: Union[str, os.PathLike[str]], language: ReportLanguage = ...) -> None:
    """Writes the HTML report to path atomically; ParseError 'report.write' located at the path when it cannot."""

def appraisal_json(appraisal: Appraisal) -> str:
    """The appraisal as JSON (docs/report.md)."""

def appraisal_text(appraisal: Appraisal, language: ReportLanguage = ...) -> str:
    """A compact plain-text summary."""
