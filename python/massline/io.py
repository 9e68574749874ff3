"""File formats: whole registries in and out, and appeal logs from real systems.

**Registries.** ``massline.io.load(path)`` reads a registry and ``massline.io.save(registry,
path)`` writes one, ids included; the form follows the path:

* a path ending in ``.json``: the registry JSON file (format ``massline.registry``), one
  document holding every table;
* any other path: a directory of CSV files, one ``<table>.csv`` per table of the registry
  schema (``members.csv``, ``member_specialties.csv``...), UTF-8 with or without a byte
  order mark, headers in English or with the Chinese column labels, ISO dates;
* a path ending in ``.sqlite``, ``.sqlite3`` or ``.db``: the SQLite store, one file in WAL
  mode holding every table; a save is one transaction (a crash part way leaves the previous
  registry), an older layout is upgraded when opened and a newer one refused. Logs are added
  to a store without rewriting it: :func:`append_contacts`, :func:`append_appeals`,
  :func:`append_survey_responses` (one transaction each, checked against the stored registry,
  nothing written when any value fails).

The forms are described in docs/formats.md, come from the one C++ table schema (the one
:mod:`massline.frames` uses) and keep every id, gaps left by removed entities included, so
``load(save(r))`` equals ``r``. Loading is whole or nothing: every problem of every file is
collected and raised together, each with file, row, column and reason (a
:class:`massline.ParseError`, or the one problem itself when there is only one); no registry
is returned then. Loading runs without the GIL; saving JSON and CSV holds it (it reads the
registry), saving a store copies the registry and writes the copy without it. All honour
Ctrl-C on big files.

**Appeal logs.**

    >>> import massline as ml
    >>> reg = ml.io.read_nyc311("311_Service_Requests.csv")                    # doctest: +SKIP
    >>> ml.frames.appeals(reg).groupby("origin").size()                        # doctest: +SKIP

* :func:`read_nyc311`: the NYC Open Data "311 Service Requests" CSV export (the portal's column
  names, either the 41- or the 52-column schema, or the API's field names);
* :func:`read_open311`: an Open311 GeoReport v2 JSON array of service requests;
* :func:`read_cn_messages`: the 2020 TipDM government message-board CSV (留言编号, 留言时间, ...).

Each source becomes a root organisation with one organisation per agency or department below
it, and each request an appeal whose history is built from the log's dates (the day only: times
of day are dropped). The mapping of every column is in docs/formats.md, "Appeal logs". A bad
row raises :class:`massline.ParseError` (a ``ValueError``) naming the file, the line and the
column (for Open311 the JSON pointer of the request's field); nothing is returned unless the
whole file is good. A path that is missing, a directory or not readable raises ``ParseError``
too (code ``<format>.io``). The GIL is released while a file is read, and Ctrl-C stops a read.

:func:`import_appeal_log` adds a log to an existing registry instead, under a given
organisation, whole or not at all (the registry is unchanged after any error).

**Privacy.** :func:`scope` cuts a registry down to one organisation's subtree with nothing from
outside it; :func:`pseudonymize` replaces personal fields by keyed tokens (:func:`pseudonym`),
the same person getting the same token in every export made with the same key.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, List, Optional, Tuple, Union

from ._core import io as _io
from ._core.core import AppealId, ContactId, InvalidArgument, Location, NotFound, OrgId, SurveyResponseId
from ._core.model import Appeal, Contact, Registry, SurveyResponse
from ._errors import raise_error, require_flag

__all__ = [
    "load",
    "save",
    "to_json",
    "from_json",
    "chinese_column_label",
    "append_contacts",
    "append_appeals",
    "append_survey_responses",
    "store_version",
    "STORE_VERSION",
    "FORMATS",
    "read_nyc311",
    "read_open311",
    "read_cn_messages",
    "import_appeal_log",
    "scope",
    "pseudonym",
    "pseudonymize",
]

if TYPE_CHECKING:
    import pandas as pd

PathLike = Union[str, "os.PathLike[str]"]

_STORE_SUFFIXES = (".sqlite", ".sqlite3", ".db")

#: The layout version of the SQLite store this library writes (``PRAGMA user_version``).
STORE_VERSION: int = _io.SQLITE_STORE_VERSION


def _check_path(path: PathLike, action: str) -> None:
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"massline.io.{action}: path must be a str or os.PathLike, not {type(path).__name__}")


def _form(path: PathLike, action: str) -> str:
    _check_path(path, action)
    suffix = Path(path).suffix.lower()
    if suffix in _STORE_SUFFIXES:
        return "sqlite"
    return "json" if suffix == ".json" else "csv"


def load(path: PathLike) -> Registry:
    """Reads the registry at ``path``: a ``.json`` registry file, a ``.sqlite``/``.sqlite3``/``.db``
    store (upgraded first when it has an older layout), or a directory of ``<table>.csv`` files.
    Raises :class:`massline.ParseError` (a ``ValueError``) naming every problem with file, row
    (for a store: table and row id), column and reason; nothing is returned then."""
    form = _form(path, "load")
    if form == "sqlite":
        return _io.load_registry_sqlite(path)
    if form == "json":
        return _io.load_registry_json(path)
    return _io.load_registry_csv(path)


def save(registry: Registry, path: PathLike, *, byte_order_mark: bool = False, chinese_headers: bool = False) -> None:
    """Writes ``registry`` to ``path``: a ``.json`` registry file, a ``.sqlite``/``.sqlite3``/``.db``
    store (one transaction; a file that is not a massline store is refused and left alone), or
    a directory (created if missing) of one ``<table>.csv`` per table. Each file is replaced
    whole or left as it was. For CSV, ``byte_order_mark`` starts each file with the UTF-8 BOM
    (for spreadsheet programs) and ``chinese_headers`` writes the Chinese column labels; both
    are refused for the other forms."""
    if not isinstance(registry, Registry):
        raise TypeError(f"massline.io.save: registry must be a massline.Registry, not {type(registry).__name__}")
    byte_order_mark = require_flag(byte_order_mark, "byte_order_mark")
    chinese_headers = require_flag(chinese_headers, "chinese_headers")
    form = _form(path, "save")
    if form != "csv" and (byte_order_mark or chinese_headers):
        raise_error(InvalidArgument, "registry_io.option", f"CSV options given for a {form.upper()} file",
                    Location(file=os.fspath(path)),
                    "byte_order_mark and chinese_headers apply to CSV directories only")
    if form == "sqlite":
        _io.save_registry_sqlite(registry, path)
    elif form == "json":
        _io.save_registry_json(registry, path)
    else:
        _io.save_registry_csv(registry, path, byte_order_mark=byte_order_mark, chinese_headers=chinese_headers)


def _values(values: Iterable[object], cls: type, name: str) -> List[object]:
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise TypeError(f"massline.io.{name}: expected an iterable of {cls.__name__}, not {type(values).__name__}")
    items = list(values)
    for item in items:
        if not isinstance(item, cls):
            raise TypeError(f"massline.io.{name}: expected {cls.__name__} values, got {type(item).__name__}")
    return items


def append_contacts(path: PathLike, contacts: Iterable[Contact]) -> List[ContactId]:
    """Appends ``contacts`` to the SQLite store at ``path`` in one transaction and returns their
    ids (the store's next ids; the values' own ids are ignored). Each is checked as
    ``Registry.add`` checks it against the stored organisations, members and households; when
    any fails nothing is written and every failure is raised together (``appended contact
    <i>``). Runs without the GIL."""
    _check_path(path, "append_contacts")
    return _io.append_contacts(path, _values(contacts, Contact, "append_contacts"))


def append_appeals(path: PathLike, appeals: Iterable[Appeal]) -> List[AppealId]:
    """Appends ``appeals`` to the store as :func:`append_contacts` does; their codes must be new
    to the store and to the batch."""
    _check_path(path, "append_appeals")
    return _io.append_appeals(path, _values(appeals, Appeal, "append_appeals"))


def append_survey_responses(path: PathLike, responses: Iterable[SurveyResponse]) -> List[SurveyResponseId]:
    """Appends survey ``responses`` to the store as :func:`append_contacts` does."""
    _check_path(path, "append_survey_responses")
    return _io.append_survey_responses(path, _values(responses, SurveyResponse, "append_survey_responses"))


def store_version(path: PathLike) -> int:
    """The layout version of the SQLite store at ``path`` (without upgrading it)."""
    _check_path(path, "store_version")
    return _io.sqlite_store_version(path)


def to_json(registry: Registry) -> str:
    """The registry as registry JSON text (what :func:`save` writes to a ``.json`` path)."""
    return _io.registry_to_json(registry)


def from_json(text: str, source: str = "<string>") -> Registry:
    """A new registry from registry JSON text; ``source`` names the text in errors."""
    return _io.registry_from_json(text, source)


def chinese_column_label(column: str) -> str:
    """The Chinese label of a column name, accepted in CSV headers in place of the name
    (``""`` for a name no table has)."""
    return _io.chinese_column_label(column)


#: The formats import_appeal_log() accepts.
FORMATS: Tuple[str, ...] = ("nyc311", "open311", "cn_messages")


def read_nyc311(path: PathLike) -> Registry:
    """Reads a NYC 311 service-request CSV export into a new Registry (docs/formats.md, "Appeal logs")."""
    return _io.read_nyc311(os.fspath(path))


def read_open311(path: PathLike) -> Registry:
    """Reads an Open311 GeoReport v2 JSON file of service requests into a new Registry."""
    return _io.read_open311(os.fspath(path))


def read_cn_messages(path: PathLike) -> Registry:
    """Reads the TipDM 2020 government message-board CSV into a new Registry."""
    return _io.read_cn_messages(os.fspath(path))


def import_appeal_log(registry: Registry, path: PathLike, format: str, parent: Optional[OrgId] = None) -> OrgId:
    """Imports the log at ``path`` (``format`` one of :data:`FORMATS`) into ``registry``, whole or
    not at all: the log's root goes one level below ``parent`` (an organisation at level 1 or 2)
    and its agencies one level further, or, without a parent, the root is a new level-1 root.
    Returns the root's id. Raises the reader's :class:`massline.ParseError`,
    :class:`massline.InvalidArgument` (``appeal_log.parent``; an unknown format),
    :class:`massline.NotFound` (an unknown parent) or :class:`massline.IntegrityError`
    (``integrity.duplicate_code``: a code of the log already in the registry); after any error
    the registry is exactly as it was. The GIL is held (the registry is shared with Python)."""
    return _io.import_appeal_log(registry, os.fspath(path), format, parent)


# ---- privacy: scoped exports and pseudonyms (docs/formats.md, "Privacy") ----


def scope(registry: Registry, root: Union[OrgId, str]) -> Tuple[Registry, "pd.DataFrame"]:
    """The part of ``registry`` inside the subtree of ``root`` (an :class:`massline.OrgId`, or an
    organisation's code), ids unchanged, and a report frame of what was left out: one row per
    (action, table, reason) with ``action`` "dropped" (entities left out) or "cleared"
    (references to outside removed from an entity that was kept) and ``count``. Nothing from
    outside the subtree is in the result; the rules are in docs/formats.md, "Privacy". The
    registry itself is not changed. Raises :class:`massline.NotFound` for an unknown root."""
    import pandas as pd

    if not isinstance(registry, Registry):
        raise TypeError(f"registry must be a massline.Registry, got {type(registry).__name__}")
    if isinstance(root, str):
        found = [o.id for o in registry.organizations if o.code == root]
        if not found:
            raise_error(NotFound, "privacy.scope", f"no organisation with code {root!r}", Location(entity="scope", field="root"),
                        "the scope is named by an organisation's code or OrgId")
        root = found[0]
    elif not isinstance(root, OrgId):
        raise TypeError(f"root must be a massline.OrgId or an organisation code, got {type(root).__name__}")
    scoped, dropped, cleared = _io.scope_registry(registry, root)
    rows = [("dropped", *entry) for entry in dropped] + [("cleared", *entry) for entry in cleared]
    report = pd.DataFrame(rows, columns=["action", "table", "reason", "count"]).astype({"count": "int64"})
    return scoped, report


def pseudonym(key: str, field: str, value: str) -> str:
    """The token of ``value`` of personal field ``field`` ("name", "address", "phone",
    "id_number") under ``key``: ``#`` and 20 hex digits of HMAC-SHA-256 over the field and the
    value's normal form, so spelling variants of one value give one token; ``""`` for ``""``.
    Raises :class:`massline.InvalidArgument` ("privacy.key") for an empty key."""
    return _io.pseudonym(key, field, value)


def pseudonymize(registry: Registry, key: str) -> None:
    """Replaces every personal field of ``registry`` (households' head_name, address, phone,
    id_number; members' name, phone, id_number) by :func:`pseudonym` under ``key``, in place,
    whole or not at all. The same person gets the same token in every export made with the same
    key. Free text (appeal summaries, notes, topics) is left as it is: read it before it leaves."""
    _io.pseudonymize(registry, key)
