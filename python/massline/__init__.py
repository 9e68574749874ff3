"""massline: the contact-and-service network, its compliance, scoring and simulation.

The package wraps the C++ library (compiled module ``massline._core``) in Python idiom:

* :class:`Registry` keeps organisations, members, households, pairings, commitments, service
  posts, contacts, appeals and survey responses, checks every reference and exposes each table
  as a live view (``len(registry.households)``, ``for org in registry.organizations``).
* Value types (:class:`Organization`, :class:`Household`, ...) are plain records with keyword
  constructors, ``==``, ``repr`` and pickling; ids are distinct types (:class:`OrgId`,
  :class:`MemberId`, ...) that never mix.
* Errors derive from :class:`Error` and also from the matching built-in exception
  (:class:`InvalidArgument` is a ``ValueError``, :class:`NotFound` a ``KeyError``...), with
  ``code``, ``where`` and ``why`` attributes.
* :class:`RandomStream` gives seeded, keyed random streams whose numbers do not depend on
  thread count or creation order.
* :mod:`massline.frames` turns tables into pandas DataFrames; :mod:`massline.synth` builds
  synthetic populations; :mod:`massline.scoring` scores them; :mod:`massline.network` analyses
  the network as a graph (coverage, escalation paths, components); :mod:`massline.compliance`
  checks a registry against a :class:`PolicySet`; :mod:`massline.appeals` runs the appeal
  clock (deadlines in working days, overdue lists, escalation, metrics per unit and period);
  :mod:`massline.points` keeps the points ledger; :mod:`massline.duplicates` finds households
  registered twice and repeat appeals, for review; :mod:`massline.sim` runs the satisfaction
  simulation (scenarios, seeded replications and sweeps in parallel), and :mod:`massline.distributed`
  runs its sweeps on a Dask cluster or any Executor; :mod:`massline.io` loads and saves whole
  registries (a registry JSON file or a directory of CSV files, ids included) and reads appeal
  logs from real systems (NYC 311, Open311, a Chinese message board) into a registry;
  :mod:`massline.report` appraises a period and writes the appraisal as one HTML file, JSON or text;
  :mod:`massline.cli` runs the ``massline`` command shipped with the package (docs/cli.md).

See docs/python.md for the full tour.
"""

from __future__ import annotations

import importlib as _importlib
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from . import _core
from ._core.core import (
    ActivityId,
    AppealId,
    CommitmentId,
    ContactId,
    ConvergenceError,
    Error,
    HouseholdId,
    IntegrityError,
    InvalidArgument,
    Location,
    MemberId,
    NotFound,
    OrgId,
    PairingId,
    ParseError,
    Period,
    PeriodKind,
    RandomStream,
    ServicePostId,
    StateError,
    SurveyResponseId,
    Weekday,
    WorkCalendar,
)
from ._core.model import (
    FIVE_MUST_VISIT,
    Activity,
    ActivityKind,
    ActivityView,
    Appeal,
    AppealChannel,
    AppealClass,
    AppealEvent,
    AppealEventKind,
    AppealOutcome,
    AppealStage,
    AppealView,
    CadreRank,
    Commitment,
    CommitmentCategory,
    CommitmentStatus,
    CommitmentView,
    Contact,
    ContactView,
    DelegateLevel,
    Household,
    HouseholdCategories,
    HouseholdCategory,
    HouseholdView,
    ItemScore,
    Member,
    MemberKind,
    MemberRole,
    MemberKinds,
    MemberView,
    Organization,
    OrganizationView,
    OrgKind,
    OrgLevel,
    Pairing,
    PairingKind,
    PairingView,
    PostAssignment,
    Problem,
    PublicAnswer,
    Registry,
    Routing,
    Sector,
    ServicePost,
    ServicePostView,
    Situation,
    SituationReport,
    StatusChange,
    SubjectArea,
    SurveyResponse,
    SurveyResponseView,
    VisitMode,
    is_final,
    is_leading,
)
from ._core.policy import PolicySet
from . import frames, synth
from ._facade import publish as _publish

if _TYPE_CHECKING:  # imported lazily at run time (see __getattr__ below)
    from . import appeals, cli, compliance, distributed, duplicates, io, network, points, report, scoring, sim

__version__: str = _core.__version__

__all__ = [
    # registry and views
    "Registry",
    "Problem",
    "OrganizationView",
    "MemberView",
    "HouseholdView",
    "PairingView",
    "CommitmentView",
    "ServicePostView",
    "ContactView",
    "AppealView",
    "SurveyResponseView",
    "ActivityView",
    # value types
    "Organization",
    "Member",
    "Household",
    "Pairing",
    "Commitment",
    "StatusChange",
    "ServicePost",
    "Contact",
    "SituationReport",
    "Appeal",
    "AppealEvent",
    "ItemScore",
    "SurveyResponse",
    "Activity",
    # ids
    "OrgId",
    "MemberId",
    "HouseholdId",
    "PairingId",
    "CommitmentId",
    "ServicePostId",
    "ContactId",
    "AppealId",
    "SurveyResponseId",
    "ActivityId",
    # enums and flag sets
    "OrgLevel",
    "Sector",
    "OrgKind",
    "MemberKind",
    "MemberRole",
    "MemberKinds",
    "CadreRank",
    "DelegateLevel",
    "HouseholdCategory",
    "HouseholdCategories",
    "FIVE_MUST_VISIT",
    "PairingKind",
    "CommitmentCategory",
    "CommitmentStatus",
    "PostAssignment",
    "VisitMode",
    "Situation",
    "AppealChannel",
    "SubjectArea",
    "AppealClass",
    "Routing",
    "AppealStage",
    "AppealEventKind",
    "AppealOutcome",
    "PublicAnswer",
    "ActivityKind",
    "is_final",
    "is_leading",
    # policy
    "PolicySet",
    # dates and periods
    "Period",
    "PeriodKind",
    "Weekday",
    "WorkCalendar",
    "RandomStream",
    # errors
    "Error",
    "InvalidArgument",
    "NotFound",
    "IntegrityError",
    "ParseError",
    "ConvergenceError",
    "StateError",
    "Location",
    # submodules
    "frames",
    "synth",
    "scoring",
    "network",
    "compliance",
    "appeals",
    "points",
    "duplicates",
    "sim",
    "distributed",
    "io",
    "report",
    "cli",
    "__version__",
]

# Public classes report themselves as massline.X (repr, help, pickling) rather than as the
# private massline._core.<layer>.X where they are defined.
_publish(__name__, globals(), __all__)


#: Submodules imported on first use.
_LAZY = ("scoring", "network", "compliance", "appeals", "points", "duplicates", "sim", "distributed", "io", "report",
         "cli")


def __getattr__(name: str) -> _Any:
    # massline.scoring, .network, .compliance, .appeals, .points, .duplicates, .sim, .io, .report and .cli are imported on first use: they are their layers'
    # own facades and may pull in heavier dependencies than the registry needs.
    if name in _LAZY:
        module = _importlib.import_module("." + name, __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
