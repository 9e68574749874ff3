"""pandas DataFrames of a :class:`massline.Registry`'s tables.

One function per table, each taking the registry: ``frames.households(registry)``, or
``frames.frame(registry, "households")`` by name; :data:`TABLES` lists the names and
:func:`all_tables` builds every one. The tables and their columns are those of the C++ table
schema (``massline::io::registry_tables()``, docs/formats.md), which the CSV, JSON and SQLite
formats share. The columns are filled in C++ (one pass per column, no per-object Python
work), so this scales to registries of 10**7 households.

Conventions, the same in every table:

* one row per live entity, in id order; the entity's id is the column ``id`` (int64) and the
  frame keeps a default RangeIndex (use ``.set_index("id")`` for lookups by id);
* references to other entities are int64 columns named after the field (``unit``,
  ``parent``...); optional references use pandas' nullable ``Int64`` (``<NA>`` when unset);
* enums are ``Categorical`` with the enum's names as categories (``level`` is ordered
  county < township < community < grid); optional enums are NaN when unset;
* flag sets become one boolean column per enumerator: ``category_<name>`` for household
  categories, ``kind_<name>`` for member kinds;
* dates are ``datetime64[ns]`` (NaT when unset); a date outside pandas' range
  (1677-09-22 .. 2262-04-11) raises :class:`massline.InvalidArgument` ("frames.date_range");
* a field holding a variant id (pairing source/target, survey target) is two columns:
  ``<field>_kind`` (Categorical: "member", "organization", "household") and ``<field>``;
* list fields are separate long tables with one row per element: ``member_specialties``,
  ``commitment_members``, ``commitment_history``, ``commitment_evidence``,
  ``service_post_duties``, ``contact_reports`` and ``survey_items``, each with the owner's id
  (column named after the owner, e.g. ``commitment``) and ``position`` in the list.

pandas is imported on first use; the rest of massline does not need it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Tuple

from . import _core
from ._core.core import InvalidArgument, Location
from ._errors import raise_error

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from ._core.model import Registry

__all__ = [
    "TABLES",
    "frame",
    "all_tables",
    "organizations",
    "members",
    "member_specialties",
    "households",
    "pairings",
    "commitments",
    "commitment_members",
    "commitment_history",
    "commitment_evidence",
    "service_posts",
    "service_post_duties",
    "contacts",
    "contact_reports",
    "appeals",
    "appeal_history",
    "survey_responses",
    "survey_items",
    "activities",
    "activity_attendees",
]

#: Names of every table :func:`frame` accepts, entity tables and list tables alike.
TABLES: Tuple[str, ...] = tuple(_core.model._TABLES)

# pandas' datetime64[ns] range, whole days.
_FIRST_DAY = "1677-09-22"
_LAST_DAY = "2262-04-11"


def _dates(values: Any, table: str, name: str) -> Any:
    import numpy as np

    present = values[~np.isnat(values)]
    if present.size:
        first, last = present.min(), present.max()
        if first < np.datetime64(_FIRST_DAY) or last > np.datetime64(_LAST_DAY):
            bad = first if first < np.datetime64(_FIRST_DAY) else last
            raise_error(InvalidArgument, "frames.date_range", "date out of pandas' range",
                        Location(entity=f"table {table}", field=name),
                        f"{bad} is outside {_FIRST_DAY} .. {_LAST_DAY} (datetime64[ns])")
    return values.astype("datetime64[ns]")


def frame(registry: Registry, table: str) -> pandas.DataFrame:
    """The DataFrame of ``table`` (one of :data:`TABLES`) of ``registry``.

    Raises :class:`massline.InvalidArgument` ("frames.unknown_table") for an unknown name.
    """
    import pandas as pd

    data: Dict[str, Any] = {}
    # One numpy array per column of the C++ table schema (massline::io::registry_tables()),
    # typed by its cell type; the pandas conventions of this module are applied here.
    for name, cell_type, values, extra in _core.model._table_columns(registry, table):
        if cell_type == "enum":
            categories, ordered = extra
            data[name] = pd.Categorical.from_codes(values, categories=categories, ordered=ordered)
        elif cell_type == "flags":
            for bit, label in enumerate(extra):
                data[f"{name}_{label}"] = (values & (1 << bit)) != 0
        elif cell_type == "date":
            data[name] = _dates(values, table, name)
        elif extra is not None:  # nullable id or integer: values and the missing mask
            data[name] = pd.arrays.IntegerArray(values, extra)
        else:  # id, integer, real, boolean, text: numpy arrays used as they are
            data[name] = values
    return pd.DataFrame(data, copy=False)


def all_tables(registry: Registry) -> Dict[str, pandas.DataFrame]:
    """Every table of ``registry`` as ``{name: DataFrame}``, in the order of :data:`TABLES`."""
    return {name: frame(registry, name) for name in TABLES}


def organizations(registry: Registry) -> pandas.DataFrame:
    """Organisations: id, code, name, level (ordered), parent (Int64), sector, kind,
    has_service_station, is_service_point."""
    return frame(registry, "organizations")


def members(registry: Registry) -> pandas.DataFrame:
    """Members: id, code, name, organization, residence_community (Int64), cadre_rank,
    delegate_level, capable_of_helping, is_leading_cadre, kind_<name> for each MemberKind, role,
    joined and left (dates, NaT when unknown / still a member)."""
    return frame(registry, "members")


def member_specialties(registry: Registry) -> pandas.DataFrame:
    """One row per specialty of a member: member, position, specialty."""
    return frame(registry, "member_specialties")


def households(registry: Registry) -> pandas.DataFrame:
    """Households: id, code, unit, party_household, size, category_<name> for each
    HouseholdCategory."""
    return frame(registry, "households")


def pairings(registry: Registry) -> pandas.DataFrame:
    """Pairings: id, kind, source_kind, source, target_kind, target, key_contact, capacity, start, end."""
    return frame(registry, "pairings")


def commitments(registry: Registry) -> pandas.DataFrame:
    """Commitments: id, category, description, pledged_on, due, status (current), joint."""
    return frame(registry, "commitments")


def commitment_members(registry: Registry) -> pandas.DataFrame:
    """One row per pledging member: commitment, position, member."""
    return frame(registry, "commitment_members")


def commitment_history(registry: Registry) -> pandas.DataFrame:
    """One row per status change: commitment, position, status, date, note."""
    return frame(registry, "commitment_history")


def commitment_evidence(registry: Registry) -> pandas.DataFrame:
    """One row per piece of evidence: commitment, position, evidence."""
    return frame(registry, "commitment_evidence")


def service_posts(registry: Registry) -> pandas.DataFrame:
    """Service posts: id, organization, title, holder (Int64), assignment, since."""
    return frame(registry, "service_posts")


def service_post_duties(registry: Registry) -> pandas.DataFrame:
    """One row per duty of a post: service_post, position, duty."""
    return frame(registry, "service_post_duties")


def contacts(registry: Registry) -> pandas.DataFrame:
    """Contacts: id, member, household (Int64), organization (Int64), mode, collective,
    concentrated, date, duration_minutes."""
    return frame(registry, "contacts")


def contact_reports(registry: Registry) -> pandas.DataFrame:
    """One row per situation report: contact, position, situation, abnormal, note."""
    return frame(registry, "contact_reports")


def appeals(registry: Registry) -> pandas.DataFrame:
    """Appeals: id, code, household, collected_by, origin, handler, channel, subject,
    appeal_class, routing, leader_in_charge, summary, due, outcome, public_answer, and derived
    from the history: registered, sorted, fed_back, disposed, current_due, stage."""
    return frame(registry, "appeals")


def appeal_history(registry: Registry) -> pandas.DataFrame:
    """One row per event of an appeal: appeal, position, kind, date, organization (Int64),
    note, new_due."""
    return frame(registry, "appeal_history")


def survey_responses(registry: Registry) -> pandas.DataFrame:
    """Survey responses: id, respondent, target_kind, target, period_kind, period_first,
    period_last, weight."""
    return frame(registry, "survey_responses")


def survey_items(registry: Registry) -> pandas.DataFrame:
    """One row per answered item: survey_response, position, item, score (NaN when missing
    or don't-know), dont_know."""
    return frame(registry, "survey_items")


def activities(registry: Registry) -> pandas.DataFrame:
    """Activities that are not visits: id, kind, organization, date, ad_hoc, topic,
    attendance (derived: the number of attendees recorded)."""
    return frame(registry, "activities")


def activity_attendees(registry: Registry) -> pandas.DataFrame:
    """One row per attendee of an activity: activity, position, member."""
    return frame(registry, "activity_attendees")
