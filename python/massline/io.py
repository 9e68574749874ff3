"""Appeal logs from real systems, read into a :class:`massline.Registry`.

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
"""

from __future__ import annotations

import os
from typing import Optional, Tuple, Union

from ._core import io as _io
from ._core.core import OrgId
from ._core.model import Registry

__all__ = ["FORMATS", "read_nyc311", "read_open311", "read_cn_messages", "import_appeal_log"]

PathLike = Union[str, "os.PathLike[str]"]

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
