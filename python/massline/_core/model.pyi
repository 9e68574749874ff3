"""Type stubs of massline._core.model: enums, flag sets, value types, the Registry and its views
(python/src/register_model.cpp). Kept in step with the compiled module by
python/tests/test_packaging.py."""

import datetime
from typing import Any, ClassVar, Iterable, Optional, Union, overload

from .core import (
    ActivityId,
    AppealId,
    CommitmentId,
    ContactId,
    HouseholdId,
    Location,
    MemberId,
    OrgId,
    PairingId,
    Period,
    ServicePostId,
    SurveyResponseId,
)

class Activity:
    """An activity that is not a visit (situation meeting, training, study, a delegate group's concentrated activity) held by an organisation, with the members who attended."""
    def __init__(self, *, kind: ActivityKind = ..., organization: OrgId = ..., date: Optional[datetime.date] = ..., ad_hoc: bool = ..., attendees: list[MemberId] = ..., topic: str = ..., id: ActivityId = ...) -> None:
        """Keyword-only; defaults as in C++."""
    @property
    def id(self) -> ActivityId:
        """ActivityId, assigned by Registry.add."""
    @id.setter
    def id(self, value: ActivityId) -> None: ...
    @property
    def kind(self) -> ActivityKind:
        """ActivityKind."""
    @kind.setter
    def kind(self, value: ActivityKind) -> None: ...
    @property
    def organization(self) -> OrgId:
        """OrgId of the organisation holding it."""
    @organization.setter
    def organization(self, value: OrgId) -> None: ...
    @property
    def date(self) -> Optional[datetime.date]:
        """Date of the activity."""
    @date.setter
    def date(self, value: Optional[datetime.date]) -> None: ...
    @property
    def ad_hoc(self) -> bool:
        """Called for an emergency rather than on the regular schedule."""
    @ad_hoc.setter
    def ad_hoc(self, value: bool) -> None: ...
    @property
    def attendees(self) -> list[MemberId]:
        """MemberIds who attended, none twice (a copy; empty = attendance not recorded)."""
    @attendees.setter
    def attendees(self, value: list[MemberId]) -> None: ...
    @property
    def topic(self) -> str:
        """Free text."""
    @topic.setter
    def topic(self, value: str) -> None: ...
    def check(self) -> None:
        """Raises InvalidArgument without a date or with an attendee listed twice."""
    def __repr__(self) -> str: ...
    def __eq__(self, arg0: Activity) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __copy__(self) -> Activity: ...
    def __deepcopy__(self, memo: dict) -> Activity: ...
    def __getstate__(self) -> dict: ...
    def __setstate__(self, arg0: dict) -> None: ...

class ActivityKind:
    """What an activity (not a visit) is.

Members:

  situation_meeting

  training

  study

  concentrated_activity"""
    situation_meeting: ClassVar[ActivityKind]
    training: ClassVar[ActivityKind]
    study: ClassVar[ActivityKind]
    concentrated_activity: ClassVar[ActivityKind]
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

class ActivityView:
    """Live, read-only view of the registry's activities: len(), iteration in id order (yielding copies), view[id], id in view, get(). A plain int is accepted as the id number; another kind of id raises TypeError."""
    def __len__(self) -> int: ...
    def __iter__(self) -> ActivityViewIterator: ...
    @overload
    def __getitem__(self, id: ActivityId) -> Activity: ...
    @overload
    def __getitem__(self, id: int) -> Activity: ...
    @overload
    def __contains__(self, id: ActivityId) -> bool: ...
    @overload
    def __contains__(self, id: int) -> bool: ...
    def get(self, id: ActivityId, default: object = ...) -> object:
        """The entity with `id`, or `default` when absent."""
    def ids(self) -> list[ActivityId]:
        """Live ids in order."""
    @property
    def id_bound(self) -> int:
        """One past the largest id ever assigned (length of per-id arrays)."""
    def __repr__(self) -> str: ...

class ActivityViewIterator:
    """Iterator over a registry view."""
    def __iter__(self) -> ActivityViewIterator: ...
    def __next__(self) -> Activity: ...

class Appeal:
    """An appeal from the public; its life cycle (registered -> sorted -> fed back -> disposed, with transfers, escalations, pauses, extensions, reopening, closing, dropping) is the append-only `history`, from which the stage and the stage dates are derived."""
    def __init__(self, *, code: str = ..., household: Optional[HouseholdId] = ..., collected_by: Optional[MemberId] = ..., origin: OrgId = ..., handler: OrgId = ..., channel: AppealChannel = ..., subject: SubjectArea = ..., appeal_class: Optional[AppealClass] = ..., routing: Optional[Routing] = ..., leader_in_charge: Optional[MemberId] = ..., summary: str = ..., due: Optional[datetime.date] = ..., history: list[AppealEvent] = ..., outcome: Optional[AppealOutcome] = ..., public_answer: Optional[PublicAnswer] = ..., id: AppealId = ...) -> None:
        """Keyword-only; defaults as in C++. See also Appeal.registered_on(...)."""
    @staticmethod
    def registered_on(day: datetime.date, unit: OrgId, due: Optional[datetime.date] = ...) -> Appeal:
        """A new appeal registered on `day` at `unit` (origin and handler), due on `due` if given."""
    @property
    def id(self) -> AppealId:
        """AppealId, assigned by Registry.add."""
    @id.setter
    def id(self, value: AppealId) -> None: ...
    @property
    def code(self) -> str:
        """External code, unique when not empty."""
    @code.setter
    def code(self, value: str) -> None: ...
    @property
    def household(self) -> Optional[HouseholdId]:
        """HouseholdId who raised it, when known."""
    @household.setter
    def household(self, value: Optional[HouseholdId]) -> None: ...
    @property
    def collected_by(self) -> Optional[MemberId]:
        """MemberId who took it in."""
    @collected_by.setter
    def collected_by(self, value: Optional[MemberId]) -> None: ...
    @property
    def origin(self) -> OrgId:
        """OrgId of the unit where it was registered."""
    @origin.setter
    def origin(self, value: OrgId) -> None: ...
    @property
    def handler(self) -> OrgId:
        """OrgId currently handling it (the last transfer or escalation, if any)."""
    @handler.setter
    def handler(self, value: OrgId) -> None: ...
    @property
    def channel(self) -> AppealChannel:
        """AppealChannel."""
    @channel.setter
    def channel(self, value: AppealChannel) -> None: ...
    @property
    def subject(self) -> SubjectArea:
        """SubjectArea."""
    @subject.setter
    def subject(self, value: SubjectArea) -> None: ...
    @property
    def appeal_class(self) -> Optional[AppealClass]:
        """AppealClass, set exactly when sorted."""
    @appeal_class.setter
    def appeal_class(self, value: Optional[AppealClass]) -> None: ...
    @property
    def routing(self) -> Optional[Routing]:
        """Routing, set exactly when sorted."""
    @routing.setter
    def routing(self, value: Optional[Routing]) -> None: ...
    @property
    def leader_in_charge(self) -> Optional[MemberId]:
        """MemberId of the leader in charge of a key case."""
    @leader_in_charge.setter
    def leader_in_charge(self, value: Optional[MemberId]) -> None: ...
    @property
    def summary(self) -> str:
        """Free text."""
    @summary.setter
    def summary(self, value: str) -> None: ...
    @property
    def due(self) -> Optional[datetime.date]:
        """The original due date, or None (extensions are events)."""
    @due.setter
    def due(self, value: Optional[datetime.date]) -> None: ...
    @property
    def history(self) -> list[AppealEvent]:
        """List of AppealEvent, first one 'registered' (a copy)."""
    @history.setter
    def history(self, value: list[AppealEvent]) -> None: ...
    @property
    def outcome(self) -> Optional[AppealOutcome]:
        """AppealOutcome, only once disposed."""
    @outcome.setter
    def outcome(self, value: Optional[AppealOutcome]) -> None: ...
    @property
    def public_answer(self) -> Optional[PublicAnswer]:
        """PublicAnswer to the feedback, only once fed back."""
    @public_answer.setter
    def public_answer(self, value: Optional[PublicAnswer]) -> None: ...
    @property
    def registered(self) -> Optional[datetime.date]:
        """Registration date (the first event's)."""
    @property
    def sorted(self) -> Optional[datetime.date]:
        """Date of the first sorting, or None."""
    @property
    def fed_back(self) -> Optional[datetime.date]:
        """Date of the first feedback, or None."""
    @property
    def disposed(self) -> Optional[datetime.date]:
        """Date of the disposal in force (none after a later reopening), or None."""
    @property
    def current_due(self) -> Optional[datetime.date]:
        """Due date in force: the last extension's, else the original; None without one."""
    @property
    def stage(self) -> AppealStage:
        """AppealStage derived from the history."""
    def record(self, event: AppealEvent, *, appeal_class: Optional[AppealClass] = ..., routing: Optional[Routing] = ..., outcome: Optional[AppealOutcome] = ..., public_answer: Optional[PublicAnswer] = ...) -> None:
        """Appends `event` with the fields it settles; raises InvalidArgument ('model.appeal.event') and changes nothing when the life cycle refuses it. A transfer or escalation moves `handler`."""
    def check(self) -> None:
        """Raises InvalidArgument for an impossible history (naming the event index) or fields that do not fit it."""
    def __repr__(self) -> str: ...
    def __eq__(self, arg0: Appeal) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __copy__(self) -> Appeal: ...
    def __deepcopy__(self, memo: dict) -> Appeal: ...
    def __getstate__(self) -> dict: ...
    def __setstate__(self, arg0: dict) -> None: ...

class AppealChannel:
    """Where an appeal came in.

Members:

  home_visit

  reception_day

  suggestion_box

  hotline

  report_phone

  online

  letters_and_visits"""
    home_visit: ClassVar[AppealChannel]
    reception_day: ClassVar[AppealChannel]
    suggestion_box: ClassVar[AppealChannel]
    hotline: ClassVar[AppealChannel]
    report_phone: ClassVar[AppealChannel]
    online: ClassVar[AppealChannel]
    letters_and_visits: ClassVar[AppealChannel]
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

class AppealClass:
    """Class assigned to an appeal when sorting.

Members:

  reasonable_lawful

  reasonable_not_lawful

  hardship_relief

  unresolvable"""
    reasonable_lawful: ClassVar[AppealClass]
    reasonable_not_lawful: ClassVar[AppealClass]
    hardship_relief: ClassVar[AppealClass]
    unresolvable: ClassVar[AppealClass]
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

class AppealEvent:
    """One dated event of an appeal's history."""
    def __init__(self, *, kind: AppealEventKind = ..., date: Optional[datetime.date] = ..., organization: Optional[OrgId] = ..., note: str = ..., new_due: Optional[datetime.date] = ...) -> None:
        """Keyword-only."""
    @property
    def kind(self) -> AppealEventKind:
        """AppealEventKind."""
    @kind.setter
    def kind(self, value: AppealEventKind) -> None: ...
    @property
    def date(self) -> Optional[datetime.date]:
        """Date of the event."""
    @date.setter
    def date(self, value: Optional[datetime.date]) -> None: ...
    @property
    def organization(self) -> Optional[OrgId]:
        """OrgId acting, or receiving for transferred/escalated (required there); None when not recorded."""
    @organization.setter
    def organization(self, value: Optional[OrgId]) -> None: ...
    @property
    def note(self) -> str:
        """Free text."""
    @note.setter
    def note(self, value: str) -> None: ...
    @property
    def new_due(self) -> Optional[datetime.date]:
        """Extended only (required there): the new due date."""
    @new_due.setter
    def new_due(self, value: Optional[datetime.date]) -> None: ...
    def __repr__(self) -> str: ...
    def __eq__(self, arg0: AppealEvent) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __copy__(self) -> AppealEvent: ...
    def __deepcopy__(self, memo: dict) -> AppealEvent: ...
    def __getstate__(self) -> dict: ...
    def __setstate__(self, arg0: dict) -> None: ...

class AppealEventKind:
    """What happened to an appeal: one entry of its history.

Members:

  registered

  sorted

  fed_back

  transferred

  escalated

  paused

  resumed

  extended

  disposed

  reopened

  closed

  dropped"""
    registered: ClassVar[AppealEventKind]
    sorted: ClassVar[AppealEventKind]
    fed_back: ClassVar[AppealEventKind]
    transferred: ClassVar[AppealEventKind]
    escalated: ClassVar[AppealEventKind]
    paused: ClassVar[AppealEventKind]
    resumed: ClassVar[AppealEventKind]
    extended: ClassVar[AppealEventKind]
    disposed: ClassVar[AppealEventKind]
    reopened: ClassVar[AppealEventKind]
    closed: ClassVar[AppealEventKind]
    dropped: ClassVar[AppealEventKind]
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

class AppealOutcome:
    """How an appeal was disposed of.

Members:

  solved

  partly_solved

  explained

  relief_granted"""
    solved: ClassVar[AppealOutcome]
    partly_solved: ClassVar[AppealOutcome]
    explained: ClassVar[AppealOutcome]
    relief_granted: ClassVar[AppealOutcome]
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

class AppealStage:
    """Stage of an appeal, derived from its history ('sorted' = in handling).

Members:

  registered

  sorted

  fed_back

  disposed

  paused

  closed

  dropped"""
    registered: ClassVar[AppealStage]
    sorted: ClassVar[AppealStage]
    fed_back: ClassVar[AppealStage]
    disposed: ClassVar[AppealStage]
    paused: ClassVar[AppealStage]
    closed: ClassVar[AppealStage]
    dropped: ClassVar[AppealStage]
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

class AppealView:
    """Live, read-only view of the registry's appeals: len(), iteration in id order (yielding copies), view[id], id in view, get(). A plain int is accepted as the id number; another kind of id raises TypeError."""
    def __len__(self) -> int: ...
    def __iter__(self) -> AppealViewIterator: ...
    @overload
    def __getitem__(self, id: AppealId) -> Appeal: ...
    @overload
    def __getitem__(self, id: int) -> Appeal: ...
    @overload
    def __contains__(self, id: AppealId) -> bool: ...
    @overload
    def __contains__(self, id: int) -> bool: ...
    def get(self, id: AppealId, default: object = ...) -> object:
        """The entity with `id`, or `default` when absent."""
    def ids(self) -> list[AppealId]:
        """Live ids in order."""
    @property
    def id_bound(self) -> int:
        """One past the largest id ever assigned (length of per-id arrays)."""
    def __repr__(self) -> str: ...

class AppealViewIterator:
    """Iterator over a registry view."""
    def __iter__(self) -> AppealViewIterator: ...
    def __next__(self) -> Appeal: ...

class CadreRank:
    """Cadre rank; all but 'village' are leading cadres.

Members:

  province_ministry

  city_county

  county_division

  township

  village"""
    province_ministry: ClassVar[CadreRank]
    city_county: ClassVar[CadreRank]
    county_division: ClassVar[CadreRank]
    township: ClassVar[CadreRank]
    village: ClassVar[CadreRank]
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

class Commitment:
    """A pledge by one or more members (joint when several), with dated status transitions. Build new ones with Commitment.pledge(...)."""
    def __init__(self, *, members: list[MemberId] = ..., category: CommitmentCategory = ..., description: str = ..., due: Optional[datetime.date] = ..., history: list[StatusChange] = ..., evidence: list[str] = ..., id: CommitmentId = ...) -> None:
        """Keyword-only, every field as stored; see also pledge()."""
    @staticmethod
    def pledge(members: list[MemberId], category: CommitmentCategory, pledged: datetime.date, due: datetime.date, description: str = ...) -> Commitment:
        """A new pledge by `members` on `pledged`, due on `due`; raises InvalidArgument when inconsistent."""
    @property
    def id(self) -> CommitmentId:
        """CommitmentId, assigned by Registry.add."""
    @id.setter
    def id(self, value: CommitmentId) -> None: ...
    @property
    def members(self) -> list[MemberId]:
        """Pledging MemberIds (a copy; assign a new list to change)."""
    @members.setter
    def members(self, value: list[MemberId]) -> None: ...
    @property
    def category(self) -> CommitmentCategory:
        """CommitmentCategory."""
    @category.setter
    def category(self, value: CommitmentCategory) -> None: ...
    @property
    def description(self) -> str:
        """Free text."""
    @description.setter
    def description(self, value: str) -> None: ...
    @property
    def due(self) -> Optional[datetime.date]:
        """Due date."""
    @due.setter
    def due(self, value: Optional[datetime.date]) -> None: ...
    @property
    def history(self) -> list[StatusChange]:
        """List of StatusChange, first one 'pledged' (a copy)."""
    @history.setter
    def history(self, value: list[StatusChange]) -> None: ...
    @property
    def evidence(self) -> list[str]:
        """References to photos, reports, signatures (a copy)."""
    @evidence.setter
    def evidence(self, value: list[str]) -> None: ...
    @property
    def joint(self) -> bool:
        """More than one pledger."""
    @property
    def status(self) -> CommitmentStatus:
        """Current CommitmentStatus (last change)."""
    @property
    def pledged_on(self) -> Optional[datetime.date]:
        """Date of the pledge."""
    def transition(self, status: CommitmentStatus, date: datetime.date, note: str = ...) -> None:
        """Moves to `status` on `date`; raises InvalidArgument for a move out of a final state, back to pledged, to the same state, or dated before the previous change."""
    def check(self) -> None:
        """Raises InvalidArgument when pledgers, dates or history are inconsistent."""
    def __repr__(self) -> str: ...
    def __eq__(self, arg0: Commitment) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __copy__(self) -> Commitment: ...
    def __deepcopy__(self, memo: dict) -> Commitment: ...
    def __getstate__(self) -> dict: ...
    def __setstate__(self, arg0: dict) -> None: ...

class CommitmentCategory:
    """Category of a pledge.

Members:

  research_report

  practical_deed

  petition_resolved

  public_welfare

  difficult_family_helped

  general"""
    research_report: ClassVar[CommitmentCategory]
    practical_deed: ClassVar[CommitmentCategory]
    petition_resolved: ClassVar[CommitmentCategory]
    public_welfare: ClassVar[CommitmentCategory]
    difficult_family_helped: ClassVar[CommitmentCategory]
    general: ClassVar[CommitmentCategory]
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

class CommitmentStatus:
    """Pledged -> in_progress -> fulfilled | lapsed | withdrawn.

Members:

  pledged

  in_progress

  fulfilled

  lapsed

  withdrawn"""
    pledged: ClassVar[CommitmentStatus]
    in_progress: ClassVar[CommitmentStatus]
    fulfilled: ClassVar[CommitmentStatus]
    lapsed: ClassVar[CommitmentStatus]
    withdrawn: ClassVar[CommitmentStatus]
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

class CommitmentView:
    """Live, read-only view of the registry's commitments: len(), iteration in id order (yielding copies), view[id], id in view, get(). A plain int is accepted as the id number; another kind of id raises TypeError."""
    def __len__(self) -> int: ...
    def __iter__(self) -> CommitmentViewIterator: ...
    @overload
    def __getitem__(self, id: CommitmentId) -> Commitment: ...
    @overload
    def __getitem__(self, id: int) -> Commitment: ...
    @overload
    def __contains__(self, id: CommitmentId) -> bool: ...
    @overload
    def __contains__(self, id: int) -> bool: ...
    def get(self, id: CommitmentId, default: object = ...) -> object:
        """The entity with `id`, or `default` when absent."""
    def ids(self) -> list[CommitmentId]:
        """Live ids in order."""
    @property
    def id_bound(self) -> int:
        """One past the largest id ever assigned (length of per-id arrays)."""
    def __repr__(self) -> str: ...

class CommitmentViewIterator:
    """Iterator over a registry view."""
    def __iter__(self) -> CommitmentViewIterator: ...
    def __next__(self) -> Commitment: ...

class Contact:
    """One contact by a member: with a household (individual) or at an organisation (collective)."""
    def __init__(self, *, member: MemberId = ..., household: Optional[HouseholdId] = ..., organization: Optional[OrgId] = ..., mode: VisitMode = ..., collective: bool = ..., concentrated: bool = ..., date: Optional[datetime.date] = ..., duration_minutes: int = ..., reports: list[SituationReport] = ..., id: ContactId = ...) -> None:
        """Keyword-only; defaults as in C++."""
    @property
    def id(self) -> ContactId:
        """ContactId, assigned by Registry.add."""
    @id.setter
    def id(self, value: ContactId) -> None: ...
    @property
    def member(self) -> MemberId:
        """MemberId who made the contact."""
    @member.setter
    def member(self, value: MemberId) -> None: ...
    @property
    def household(self) -> Optional[HouseholdId]:
        """HouseholdId met (individual contacts) or None."""
    @household.setter
    def household(self, value: Optional[HouseholdId]) -> None: ...
    @property
    def organization(self) -> Optional[OrgId]:
        """OrgId where a collective contact took place, or None."""
    @organization.setter
    def organization(self, value: Optional[OrgId]) -> None: ...
    @property
    def mode(self) -> VisitMode:
        """VisitMode."""
    @mode.setter
    def mode(self, value: VisitMode) -> None: ...
    @property
    def collective(self) -> bool:
        """Collective (forum, group) rather than individual."""
    @collective.setter
    def collective(self, value: bool) -> None: ...
    @property
    def concentrated(self) -> bool:
        """Part of a concentrated campaign."""
    @concentrated.setter
    def concentrated(self, value: bool) -> None: ...
    @property
    def date(self) -> Optional[datetime.date]:
        """Date of the contact."""
    @date.setter
    def date(self, value: Optional[datetime.date]) -> None: ...
    @property
    def duration_minutes(self) -> int:
        """Duration in minutes, 0..65535."""
    @duration_minutes.setter
    def duration_minutes(self, value: int) -> None: ...
    @property
    def reports(self) -> list[SituationReport]:
        """List of SituationReport (a copy)."""
    @reports.setter
    def reports(self, value: list[SituationReport]) -> None: ...
    def check(self) -> None:
        """Raises InvalidArgument without date or without anyone contacted."""
    def __repr__(self) -> str: ...
    def __eq__(self, arg0: Contact) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __copy__(self) -> Contact: ...
    def __deepcopy__(self, memo: dict) -> Contact: ...
    def __getstate__(self) -> dict: ...
    def __setstate__(self, arg0: dict) -> None: ...

class ContactView:
    """Live, read-only view of the registry's contacts: len(), iteration in id order (yielding copies), view[id], id in view, get(). A plain int is accepted as the id number; another kind of id raises TypeError."""
    def __len__(self) -> int: ...
    def __iter__(self) -> ContactViewIterator: ...
    @overload
    def __getitem__(self, id: ContactId) -> Contact: ...
    @overload
    def __getitem__(self, id: int) -> Contact: ...
    @overload
    def __contains__(self, id: ContactId) -> bool: ...
    @overload
    def __contains__(self, id: int) -> bool: ...
    def get(self, id: ContactId, default: object = ...) -> object:
        """The entity with `id`, or `default` when absent."""
    def ids(self) -> list[ContactId]:
        """Live ids in order."""
    @property
    def id_bound(self) -> int:
        """One past the largest id ever assigned (length of per-id arrays)."""
    def __repr__(self) -> str: ...

class ContactViewIterator:
    """Iterator over a registry view."""
    def __iter__(self) -> ContactViewIterator: ...
    def __next__(self) -> Contact: ...

class DelegateLevel:
    """Level of the party congress a delegate sits in.

Members:

  district

  township"""
    district: ClassVar[DelegateLevel]
    township: ClassVar[DelegateLevel]
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

FIVE_MUST_VISIT: HouseholdCategories
class Household:
    """A household of the public, belonging to exactly one level-4 unit."""
    def __init__(self, *, code: str = ..., unit: OrgId = ..., categories: Union[HouseholdCategories, Iterable[HouseholdCategory]] = ..., party_household: bool = ..., size: int = ..., head_name: str = ..., address: str = ..., phone: str = ..., id_number: str = ..., id: HouseholdId = ...) -> None:
        """Keyword-only; defaults as in C++. `categories` accepts any iterable of HouseholdCategory."""
    @property
    def id(self) -> HouseholdId:
        """HouseholdId, assigned by Registry.add."""
    @id.setter
    def id(self, value: HouseholdId) -> None: ...
    @property
    def code(self) -> str:
        """External code, unique when not empty."""
    @code.setter
    def code(self, value: str) -> None: ...
    @property
    def unit(self) -> OrgId:
        """OrgId of the level-4 unit."""
    @unit.setter
    def unit(self, value: OrgId) -> None: ...
    @property
    def categories(self) -> HouseholdCategories:
        """HouseholdCategories (immutable set; assign to change)."""
    @categories.setter
    def categories(self, value: Union[HouseholdCategories, Iterable[HouseholdCategory]]) -> None: ...
    @property
    def party_household(self) -> bool:
        """Has party members."""
    @party_household.setter
    def party_household(self, value: bool) -> None: ...
    @property
    def size(self) -> int:
        """People in the household, 1..65535."""
    @size.setter
    def size(self, value: int) -> None: ...
    @property
    def head_name(self) -> str:
        """The household head's name, empty when unknown (personal field, docs/model.md)."""
    @head_name.setter
    def head_name(self, value: str) -> None: ...
    @property
    def address(self) -> str:
        """Address, empty when unknown (personal field)."""
    @address.setter
    def address(self, value: str) -> None: ...
    @property
    def phone(self) -> str:
        """Phone number, empty when unknown (personal field)."""
    @phone.setter
    def phone(self, value: str) -> None: ...
    @property
    def id_number(self) -> str:
        """The head's resident identity number, empty when unknown (personal field)."""
    @id_number.setter
    def id_number(self, value: str) -> None: ...
    def check(self) -> None:
        """Raises InvalidArgument when size is 0 or the phone or ID number breaks its rule."""
    def __repr__(self) -> str: ...
    def __eq__(self, arg0: Household) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __copy__(self) -> Household: ...
    def __deepcopy__(self, memo: dict) -> Household: ...
    def __getstate__(self) -> dict: ...
    def __setstate__(self, arg0: dict) -> None: ...

class HouseholdCategories:
    """Immutable set of HouseholdCategory (hashable, set-like: in, iter, len, |, &, -). Sets, lists and tuples of categories convert to it implicitly."""
    @overload
    def __init__(self) -> None: ...
    @overload
    def __init__(self, values: Iterable[HouseholdCategory]) -> None: ...
    @staticmethod
    def from_bits(bits: int) -> HouseholdCategories:
        """From the raw bit pattern (bit i = enumerator i)."""
    @property
    def bits(self) -> int:
        """The raw bit pattern (bit i = enumerator i)."""
    def __int__(self) -> int: ...
    def __len__(self) -> int: ...
    def __bool__(self) -> bool: ...
    def __contains__(self, value: HouseholdCategory) -> bool: ...
    def __iter__(self) -> Iterator: ...
    def names(self) -> list[str]:
        """Names of the members, in enumerator order."""
    def with_(self, value: HouseholdCategory) -> HouseholdCategories:
        """A copy with `value` added."""
    def without(self, value: HouseholdCategory) -> HouseholdCategories:
        """A copy with `value` removed."""
    def intersects(self, other: HouseholdCategories) -> bool:
        """True when the sets share a member."""
    def __or__(self, arg0: HouseholdCategories) -> HouseholdCategories: ...
    def __ror__(self, arg0: HouseholdCategories) -> HouseholdCategories: ...
    def __and__(self, arg0: HouseholdCategories) -> HouseholdCategories: ...
    def __rand__(self, arg0: HouseholdCategories) -> HouseholdCategories: ...
    def __sub__(self, arg0: HouseholdCategories) -> HouseholdCategories: ...
    def __eq__(self, arg0: HouseholdCategories) -> bool: ...
    def __hash__(self) -> int: ...
    def __le__(self, arg0: HouseholdCategories) -> bool: ...
    def __ge__(self, arg0: HouseholdCategories) -> bool: ...
    def __repr__(self) -> str: ...
    def __getstate__(self) -> tuple: ...
    def __setstate__(self, arg0: tuple) -> None: ...

class HouseholdCategory:
    """Household categories; a household can have several.

Members:

  difficult

  minimum_living_allowance

  petitioner

  repeat_petitioner

  with_complaints

  empty_nest_elderly

  left_behind_children

  public_representative

  wealth_creation_expert

  laid_off_worker

  four_olds

  party_central

  entrepreneurship_leader

  special_hardship"""
    difficult: ClassVar[HouseholdCategory]
    minimum_living_allowance: ClassVar[HouseholdCategory]
    petitioner: ClassVar[HouseholdCategory]
    repeat_petitioner: ClassVar[HouseholdCategory]
    with_complaints: ClassVar[HouseholdCategory]
    empty_nest_elderly: ClassVar[HouseholdCategory]
    left_behind_children: ClassVar[HouseholdCategory]
    public_representative: ClassVar[HouseholdCategory]
    wealth_creation_expert: ClassVar[HouseholdCategory]
    laid_off_worker: ClassVar[HouseholdCategory]
    four_olds: ClassVar[HouseholdCategory]
    party_central: ClassVar[HouseholdCategory]
    entrepreneurship_leader: ClassVar[HouseholdCategory]
    special_hardship: ClassVar[HouseholdCategory]
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

class HouseholdView:
    """Live, read-only view of the registry's households: len(), iteration in id order (yielding copies), view[id], id in view, get(). A plain int is accepted as the id number; another kind of id raises TypeError."""
    def __len__(self) -> int: ...
    def __iter__(self) -> HouseholdViewIterator: ...
    @overload
    def __getitem__(self, id: HouseholdId) -> Household: ...
    @overload
    def __getitem__(self, id: int) -> Household: ...
    @overload
    def __contains__(self, id: HouseholdId) -> bool: ...
    @overload
    def __contains__(self, id: int) -> bool: ...
    def get(self, id: HouseholdId, default: object = ...) -> object:
        """The entity with `id`, or `default` when absent."""
    def ids(self) -> list[HouseholdId]:
        """Live ids in order."""
    @property
    def id_bound(self) -> int:
        """One past the largest id ever assigned (length of per-id arrays)."""
    def __repr__(self) -> str: ...

class HouseholdViewIterator:
    """Iterator over a registry view."""
    def __iter__(self) -> HouseholdViewIterator: ...
    def __next__(self) -> Household: ...

class ItemScore:
    """Answer to one survey item; a missing answer (score None) and don't-know are distinct."""
    def __init__(self, *, item: str = ..., score: Optional[float] = ..., dont_know: bool = ...) -> None:
        """Keyword-only."""
    @property
    def item(self) -> str:
        """Item name, e.g. 'overall'."""
    @item.setter
    def item(self, value: str) -> None: ...
    @property
    def score(self) -> Optional[float]:
        """Score on the survey's scale, None when missing or don't-know."""
    @score.setter
    def score(self, value: Optional[float]) -> None: ...
    @property
    def dont_know(self) -> bool:
        """Answered don't-know."""
    @dont_know.setter
    def dont_know(self, value: bool) -> None: ...
    def __repr__(self) -> str: ...
    def __eq__(self, arg0: ItemScore) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __copy__(self) -> ItemScore: ...
    def __deepcopy__(self, memo: dict) -> ItemScore: ...
    def __getstate__(self) -> dict: ...
    def __setstate__(self, arg0: dict) -> None: ...

class Member:
    """A party member."""
    def __init__(self, *, code: str = ..., name: str = ..., kinds: Union[MemberKinds, Iterable[MemberKind]] = ..., cadre_rank: Optional[CadreRank] = ..., delegate_level: Optional[DelegateLevel] = ..., capable_of_helping: bool = ..., specialties: list[str] = ..., organization: OrgId = ..., residence_community: Optional[OrgId] = ..., role: MemberRole = ..., joined: Optional[datetime.date] = ..., left: Optional[datetime.date] = ..., phone: str = ..., id_number: str = ..., id: MemberId = ...) -> None:
        """Keyword-only; defaults as in C++. `kinds` accepts any iterable of MemberKind."""
    @property
    def id(self) -> MemberId:
        """MemberId, assigned by Registry.add."""
    @id.setter
    def id(self, value: MemberId) -> None: ...
    @property
    def code(self) -> str:
        """External code, unique when not empty."""
    @code.setter
    def code(self, value: str) -> None: ...
    @property
    def name(self) -> str:
        """Name."""
    @name.setter
    def name(self, value: str) -> None: ...
    @property
    def kinds(self) -> MemberKinds:
        """MemberKinds (immutable set; assign a new one to change)."""
    @kinds.setter
    def kinds(self, value: Union[MemberKinds, Iterable[MemberKind]]) -> None: ...
    @property
    def cadre_rank(self) -> Optional[CadreRank]:
        """CadreRank, set exactly when kinds has cadre."""
    @cadre_rank.setter
    def cadre_rank(self, value: Optional[CadreRank]) -> None: ...
    @property
    def delegate_level(self) -> Optional[DelegateLevel]:
        """DelegateLevel, set exactly when kinds has delegate."""
    @delegate_level.setter
    def delegate_level(self, value: Optional[DelegateLevel]) -> None: ...
    @property
    def capable_of_helping(self) -> bool:
        """Expected to pair and pledge."""
    @capable_of_helping.setter
    def capable_of_helping(self, value: bool) -> None: ...
    @property
    def specialties(self) -> list[str]:
        """List of specialties (a copy; assign a new list to change)."""
    @specialties.setter
    def specialties(self, value: list[str]) -> None: ...
    @property
    def organization(self) -> OrgId:
        """Home OrgId (any level)."""
    @organization.setter
    def organization(self, value: OrgId) -> None: ...
    @property
    def residence_community(self) -> Optional[OrgId]:
        """Where an in-service member also serves."""
    @residence_community.setter
    def residence_community(self, value: Optional[OrgId]) -> None: ...
    @property
    def role(self) -> MemberRole:
        """MemberRole: role beyond kinds and ranks (none for most)."""
    @role.setter
    def role(self, value: MemberRole) -> None: ...
    @property
    def joined(self) -> Optional[datetime.date]:
        """Date the member joined (for pro-rating quotas), None when unknown."""
    @joined.setter
    def joined(self, value: Optional[datetime.date]) -> None: ...
    @property
    def left(self) -> Optional[datetime.date]:
        """Date the member left, None while still a member; not before `joined`."""
    @left.setter
    def left(self, value: Optional[datetime.date]) -> None: ...
    @property
    def phone(self) -> str:
        """Phone number, empty when unknown (personal field, docs/model.md)."""
    @phone.setter
    def phone(self, value: str) -> None: ...
    @property
    def id_number(self) -> str:
        """Resident identity number, empty when unknown (personal field)."""
    @id_number.setter
    def id_number(self, value: str) -> None: ...
    @property
    def is_leading_cadre(self) -> bool:
        """Has a leading cadre rank."""
    def check(self) -> None:
        """Raises InvalidArgument when rank/delegate level/role disagree with the kinds, `left` is before `joined` or the phone or ID number breaks its rule."""
    def __repr__(self) -> str: ...
    def __eq__(self, arg0: Member) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __copy__(self) -> Member: ...
    def __deepcopy__(self, memo: dict) -> Member: ...
    def __getstate__(self) -> dict: ...
    def __setstate__(self, arg0: dict) -> None: ...

class MemberKind:
    """Kinds of party member; a member can be several.

Members:

  rural

  community

  organ_enterprise

  in_service

  mobile

  cadre

  delegate

  hardship

  old"""
    rural: ClassVar[MemberKind]
    community: ClassVar[MemberKind]
    organ_enterprise: ClassVar[MemberKind]
    in_service: ClassVar[MemberKind]
    mobile: ClassVar[MemberKind]
    cadre: ClassVar[MemberKind]
    delegate: ClassVar[MemberKind]
    hardship: ClassVar[MemberKind]
    old: ClassVar[MemberKind]
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

class MemberRole:
    """Role of a member beyond kinds and ranks; one per member.

Members:

  none

  police

  judicial_officer

  delegate_group_leader

  delegate_group_liaison

  village_cadre

  town_cadre_stationed

  party_committee_member

  organ_member"""
    none: ClassVar[MemberRole]
    police: ClassVar[MemberRole]
    judicial_officer: ClassVar[MemberRole]
    delegate_group_leader: ClassVar[MemberRole]
    delegate_group_liaison: ClassVar[MemberRole]
    village_cadre: ClassVar[MemberRole]
    town_cadre_stationed: ClassVar[MemberRole]
    party_committee_member: ClassVar[MemberRole]
    organ_member: ClassVar[MemberRole]
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

class MemberKinds:
    """Immutable set of MemberKind (hashable, set-like: in, iter, len, |, &, -). Sets, lists and tuples of kinds convert to it implicitly."""
    @overload
    def __init__(self) -> None: ...
    @overload
    def __init__(self, values: Iterable[MemberKind]) -> None: ...
    @staticmethod
    def from_bits(bits: int) -> MemberKinds:
        """From the raw bit pattern (bit i = enumerator i)."""
    @property
    def bits(self) -> int:
        """The raw bit pattern (bit i = enumerator i)."""
    def __int__(self) -> int: ...
    def __len__(self) -> int: ...
    def __bool__(self) -> bool: ...
    def __contains__(self, value: MemberKind) -> bool: ...
    def __iter__(self) -> Iterator: ...
    def names(self) -> list[str]:
        """Names of the members, in enumerator order."""
    def with_(self, value: MemberKind) -> MemberKinds:
        """A copy with `value` added."""
    def without(self, value: MemberKind) -> MemberKinds:
        """A copy with `value` removed."""
    def intersects(self, other: MemberKinds) -> bool:
        """True when the sets share a member."""
    def __or__(self, arg0: MemberKinds) -> MemberKinds: ...
    def __ror__(self, arg0: MemberKinds) -> MemberKinds: ...
    def __and__(self, arg0: MemberKinds) -> MemberKinds: ...
    def __rand__(self, arg0: MemberKinds) -> MemberKinds: ...
    def __sub__(self, arg0: MemberKinds) -> MemberKinds: ...
    def __eq__(self, arg0: MemberKinds) -> bool: ...
    def __hash__(self) -> int: ...
    def __le__(self, arg0: MemberKinds) -> bool: ...
    def __ge__(self, arg0: MemberKinds) -> bool: ...
    def __repr__(self) -> str: ...
    def __getstate__(self) -> tuple: ...
    def __setstate__(self, arg0: tuple) -> None: ...

class MemberView:
    """Live, read-only view of the registry's members: len(), iteration in id order (yielding copies), view[id], id in view, get(). A plain int is accepted as the id number; another kind of id raises TypeError."""
    def __len__(self) -> int: ...
    def __iter__(self) -> MemberViewIterator: ...
    @overload
    def __getitem__(self, id: MemberId) -> Member: ...
    @overload
    def __getitem__(self, id: int) -> Member: ...
    @overload
    def __contains__(self, id: MemberId) -> bool: ...
    @overload
    def __contains__(self, id: int) -> bool: ...
    def get(self, id: MemberId, default: object = ...) -> object:
        """The entity with `id`, or `default` when absent."""
    def ids(self) -> list[MemberId]:
        """Live ids in order."""
    @property
    def id_bound(self) -> int:
        """One past the largest id ever assigned (length of per-id arrays)."""
    def __repr__(self) -> str: ...

class MemberViewIterator:
    """Iterator over a registry view."""
    def __iter__(self) -> MemberViewIterator: ...
    def __next__(self) -> Member: ...

class OrgKind:
    """What an organisation is (work office, station, branch...).

Members:

  work_office

  work_centre

  work_station

  delegate_station

  responsibility_area

  village_group

  party_committee

  general_branch

  branch

  other"""
    work_office: ClassVar[OrgKind]
    work_centre: ClassVar[OrgKind]
    work_station: ClassVar[OrgKind]
    delegate_station: ClassVar[OrgKind]
    responsibility_area: ClassVar[OrgKind]
    village_group: ClassVar[OrgKind]
    party_committee: ClassVar[OrgKind]
    general_branch: ClassVar[OrgKind]
    branch: ClassVar[OrgKind]
    other: ClassVar[OrgKind]
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

class OrgLevel:
    """Level in the network: 1 county (top) .. 4 grid (bottom). Compares with ints and orders, so `org.level == 3` and `org.level < OrgLevel.grid` work; hash(OrgLevel.community) == hash(3).

Members:

  county

  township

  community

  grid"""
    county: ClassVar[OrgLevel]
    township: ClassVar[OrgLevel]
    community: ClassVar[OrgLevel]
    grid: ClassVar[OrgLevel]
    def __init__(self, value: int) -> None: ...
    def __repr__(self) -> str: ...
    @property
    def name(self) -> str:
        """name(self: handle) -> str"""
    def __str__(self) -> str: ...
    def __eq__(self, other: object) -> object: ...
    def __ne__(self, other: object) -> object: ...
    def __lt__(self, other: object) -> object: ...
    def __gt__(self, other: object) -> object: ...
    def __le__(self, other: object) -> object: ...
    def __ge__(self, other: object) -> object: ...
    def __getstate__(self) -> int: ...
    def __hash__(self) -> int: ...
    @property
    def value(self) -> int: ...
    def __int__(self) -> int: ...
    def __index__(self) -> int: ...
    def __setstate__(self, state: int) -> None: ...

class Organization:
    """An organisation of the four-level network (or an organ/school/enterprise that joins it). Cross-organisation rules (parent level, cycles, unique codes) are kept by the Registry; check() covers what one value can tell about itself."""
    def __init__(self, *, code: str = ..., name: str = ..., level: Union[OrgLevel, int] = ..., parent: Optional[OrgId] = ..., sector: Sector = ..., kind: OrgKind = ..., has_service_station: bool = ..., is_service_point: bool = ..., id: OrgId = ...) -> None:
        """Keyword-only; defaults as in C++. `level` also accepts 1..4."""
    @property
    def id(self) -> OrgId:
        """OrgId, assigned by Registry.add."""
    @id.setter
    def id(self, value: OrgId) -> None: ...
    @property
    def code(self) -> str:
        """External code, unique when not empty."""
    @code.setter
    def code(self, value: str) -> None: ...
    @property
    def name(self) -> str:
        """Name."""
    @name.setter
    def name(self, value: str) -> None: ...
    @property
    def level(self) -> OrgLevel:
        """OrgLevel (1 county .. 4 grid)."""
    @level.setter
    def level(self, value: Union[OrgLevel, int]) -> None: ...
    @property
    def parent(self) -> Optional[OrgId]:
        """Parent OrgId, None only for a root."""
    @parent.setter
    def parent(self, value: Optional[OrgId]) -> None: ...
    @property
    def sector(self) -> Sector:
        """Sector."""
    @sector.setter
    def sector(self, value: Sector) -> None: ...
    @property
    def kind(self) -> OrgKind:
        """OrgKind."""
    @kind.setter
    def kind(self, value: OrgKind) -> None: ...
    @property
    def has_service_station(self) -> bool:
        """Runs a party-member service station."""
    @has_service_station.setter
    def has_service_station(self, value: bool) -> None: ...
    @property
    def is_service_point(self) -> bool:
        """Is a party-member service point."""
    @is_service_point.setter
    def is_service_point(self, value: bool) -> None: ...
    def check(self) -> None:
        """Raises InvalidArgument when the level is outside 1..4."""
    def __repr__(self) -> str: ...
    def __eq__(self, arg0: Organization) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __copy__(self) -> Organization: ...
    def __deepcopy__(self, memo: dict) -> Organization: ...
    def __getstate__(self) -> dict: ...
    def __setstate__(self, arg0: dict) -> None: ...

class OrganizationView:
    """Live, read-only view of the registry's organizations: len(), iteration in id order (yielding copies), view[id], id in view, get(). A plain int is accepted as the id number; another kind of id raises TypeError."""
    def __len__(self) -> int: ...
    def __iter__(self) -> OrganizationViewIterator: ...
    @overload
    def __getitem__(self, id: OrgId) -> Organization: ...
    @overload
    def __getitem__(self, id: int) -> Organization: ...
    @overload
    def __contains__(self, id: OrgId) -> bool: ...
    @overload
    def __contains__(self, id: int) -> bool: ...
    def get(self, id: OrgId, default: object = ...) -> object:
        """The entity with `id`, or `default` when absent."""
    def ids(self) -> list[OrgId]:
        """Live ids in order."""
    @property
    def id_bound(self) -> int:
        """One past the largest id ever assigned (length of per-id arrays)."""
    def __repr__(self) -> str: ...

class OrganizationViewIterator:
    """Iterator over a registry view."""
    def __iter__(self) -> OrganizationViewIterator: ...
    def __next__(self) -> Organization: ...

class Pairing:
    """A dated relation. Allowed ends per kind: assistance member|org -> household|hardship member; dual_organization org -> org; contact_household member -> household; contact_point member -> org."""
    def __init__(self, *, kind: PairingKind = ..., source: Union[MemberId, OrgId] = ..., target: Union[HouseholdId, OrgId, MemberId] = ..., key_contact: bool = ..., capacity: Optional[int] = ..., start: Optional[datetime.date] = ..., end: Optional[datetime.date] = ..., id: PairingId = ...) -> None:
        """Keyword-only. `source` is a MemberId or OrgId, `target` a HouseholdId, OrgId or (assistance only) the MemberId of a difficult member; `capacity` None or >= 1."""
    @property
    def id(self) -> PairingId:
        """PairingId, assigned by Registry.add."""
    @id.setter
    def id(self, value: PairingId) -> None: ...
    @property
    def kind(self) -> PairingKind:
        """PairingKind."""
    @kind.setter
    def kind(self, value: PairingKind) -> None: ...
    @property
    def source(self) -> Union[MemberId, OrgId]:
        """The serving side: MemberId or OrgId."""
    @source.setter
    def source(self, value: Union[MemberId, OrgId]) -> None: ...
    @property
    def target(self) -> Union[HouseholdId, OrgId, MemberId]:
        """The served side: HouseholdId, OrgId, or (assistance only) MemberId of a hardship member."""
    @target.setter
    def target(self, value: Union[HouseholdId, OrgId, MemberId]) -> None: ...
    @property
    def key_contact(self) -> bool:
        """For contact_household: marked key by hardship."""
    @key_contact.setter
    def key_contact(self, value: bool) -> None: ...
    @property
    def capacity(self) -> Optional[int]:
        """How many targets the source can take for this kind (>= 1), None when not set; Registry.validate reports a source over it."""
    @capacity.setter
    def capacity(self, value: Optional[int]) -> None: ...
    @property
    def start(self) -> Optional[datetime.date]:
        """Start date (None when unset)."""
    @start.setter
    def start(self, value: Optional[datetime.date]) -> None: ...
    @property
    def end(self) -> Optional[datetime.date]:
        """End date, None while active."""
    @end.setter
    def end(self, value: Optional[datetime.date]) -> None: ...
    def check(self) -> None:
        """Raises InvalidArgument when the ends do not fit the kind or dates are wrong."""
    def active_on(self, day: datetime.date) -> bool:
        """Started and not yet ended on `day`."""
    def __repr__(self) -> str: ...
    def __eq__(self, arg0: Pairing) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __copy__(self) -> Pairing: ...
    def __deepcopy__(self, memo: dict) -> Pairing: ...
    def __getstate__(self) -> dict: ...
    def __setstate__(self, arg0: dict) -> None: ...

class PairingKind:
    """What a pairing is; fixes which ends are allowed.

Members:

  assistance

  dual_organization

  contact_household

  contact_point"""
    assistance: ClassVar[PairingKind]
    dual_organization: ClassVar[PairingKind]
    contact_household: ClassVar[PairingKind]
    contact_point: ClassVar[PairingKind]
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

class PairingView:
    """Live, read-only view of the registry's pairings: len(), iteration in id order (yielding copies), view[id], id in view, get(). A plain int is accepted as the id number; another kind of id raises TypeError."""
    def __len__(self) -> int: ...
    def __iter__(self) -> PairingViewIterator: ...
    @overload
    def __getitem__(self, id: PairingId) -> Pairing: ...
    @overload
    def __getitem__(self, id: int) -> Pairing: ...
    @overload
    def __contains__(self, id: PairingId) -> bool: ...
    @overload
    def __contains__(self, id: int) -> bool: ...
    def get(self, id: PairingId, default: object = ...) -> object:
        """The entity with `id`, or `default` when absent."""
    def ids(self) -> list[PairingId]:
        """Live ids in order."""
    @property
    def id_bound(self) -> int:
        """One past the largest id ever assigned (length of per-id arrays)."""
    def __repr__(self) -> str: ...

class PairingViewIterator:
    """Iterator over a registry view."""
    def __iter__(self) -> PairingViewIterator: ...
    def __next__(self) -> Pairing: ...

class PostAssignment:
    """How the holder came to a service post.

Members:

  self_declared

  assigned

  self_declared_and_assigned"""
    self_declared: ClassVar[PostAssignment]
    assigned: ClassVar[PostAssignment]
    self_declared_and_assigned: ClassVar[PostAssignment]
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

class Problem:
    """One problem found by Registry.validate()."""
    @property
    def code(self) -> str:
        """Stable code, e.g. 'integrity.orphan'."""
    @property
    def message(self) -> str:
        """What is wrong and why."""
    @property
    def where(self) -> Location:
        """Location (entity and field)."""
    def __str__(self) -> str: ...
    def __repr__(self) -> str: ...
    def __getstate__(self) -> tuple: ...
    def __setstate__(self, arg0: tuple) -> None: ...

class PublicAnswer:
    """The public's answer to the feedback on an appeal.

Members:

  satisfied

  basically_satisfied

  unsatisfied

  no_answer"""
    satisfied: ClassVar[PublicAnswer]
    basically_satisfied: ClassVar[PublicAnswer]
    unsatisfied: ClassVar[PublicAnswer]
    no_answer: ClassVar[PublicAnswer]
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

class Registry:
    """Owns every entity of a network and keeps references between them valid.

add(value) stores a copy and returns its new id; update(value) replaces the entity with value.id; remove(id) deletes (IntegrityError while still referenced); get(id) returns a copy (NotFound when absent). Each mutation succeeds completely or raises InvalidArgument/NotFound/IntegrityError with a located message and leaves the registry unchanged. Tables are exposed as live views (registry.households etc.)."""
    def __init__(self) -> None:
        """An empty registry."""
    def __eq__(self, other: object) -> bool:
        """True when both hold the same live ids in every table with equal entities under them (next ids, indexes and the order of children are not compared; docs/model.md). Registries are mutable, so unhashable."""
    __hash__: ClassVar[None]  # type: ignore[assignment]
    @overload
    def add(self, value: Organization) -> OrgId: ...
    @overload
    def add(self, value: Member) -> MemberId: ...
    @overload
    def add(self, value: Household) -> HouseholdId: ...
    @overload
    def add(self, value: Pairing) -> PairingId: ...
    @overload
    def add(self, value: Commitment) -> CommitmentId: ...
    @overload
    def add(self, value: ServicePost) -> ServicePostId: ...
    @overload
    def add(self, value: Contact) -> ContactId: ...
    @overload
    def add(self, value: Appeal) -> AppealId: ...
    @overload
    def add(self, value: SurveyResponse) -> SurveyResponseId: ...
    @overload
    def add(self, value: Activity) -> ActivityId: ...
    @overload
    def update(self, value: Organization) -> None: ...
    @overload
    def update(self, value: Member) -> None: ...
    @overload
    def update(self, value: Household) -> None: ...
    @overload
    def update(self, value: Pairing) -> None: ...
    @overload
    def update(self, value: Commitment) -> None: ...
    @overload
    def update(self, value: ServicePost) -> None: ...
    @overload
    def update(self, value: Contact) -> None: ...
    @overload
    def update(self, value: Appeal) -> None: ...
    @overload
    def update(self, value: SurveyResponse) -> None: ...
    @overload
    def update(self, value: Activity) -> None: ...
    @overload
    def remove(self, id: OrgId) -> None: ...
    @overload
    def remove(self, id: MemberId) -> None: ...
    @overload
    def remove(self, id: HouseholdId) -> None: ...
    @overload
    def remove(self, id: PairingId) -> None: ...
    @overload
    def remove(self, id: CommitmentId) -> None: ...
    @overload
    def remove(self, id: ServicePostId) -> None: ...
    @overload
    def remove(self, id: ContactId) -> None: ...
    @overload
    def remove(self, id: AppealId) -> None: ...
    @overload
    def remove(self, id: SurveyResponseId) -> None: ...
    @overload
    def remove(self, id: ActivityId) -> None: ...
    @overload
    def get(self, id: OrgId) -> Organization: ...
    @overload
    def get(self, id: MemberId) -> Member: ...
    @overload
    def get(self, id: HouseholdId) -> Household: ...
    @overload
    def get(self, id: PairingId) -> Pairing: ...
    @overload
    def get(self, id: CommitmentId) -> Commitment: ...
    @overload
    def get(self, id: ServicePostId) -> ServicePost: ...
    @overload
    def get(self, id: ContactId) -> Contact: ...
    @overload
    def get(self, id: AppealId) -> Appeal: ...
    @overload
    def get(self, id: SurveyResponseId) -> SurveyResponse: ...
    @overload
    def get(self, id: ActivityId) -> Activity: ...
    @overload
    def contains(self, id: OrgId) -> bool: ...
    @overload
    def contains(self, id: MemberId) -> bool: ...
    @overload
    def contains(self, id: HouseholdId) -> bool: ...
    @overload
    def contains(self, id: PairingId) -> bool: ...
    @overload
    def contains(self, id: CommitmentId) -> bool: ...
    @overload
    def contains(self, id: ServicePostId) -> bool: ...
    @overload
    def contains(self, id: ContactId) -> bool: ...
    @overload
    def contains(self, id: AppealId) -> bool: ...
    @overload
    def contains(self, id: SurveyResponseId) -> bool: ...
    @overload
    def contains(self, id: ActivityId) -> bool: ...
    @overload
    def __contains__(self, id: OrgId) -> bool: ...
    @overload
    def __contains__(self, id: MemberId) -> bool: ...
    @overload
    def __contains__(self, id: HouseholdId) -> bool: ...
    @overload
    def __contains__(self, id: PairingId) -> bool: ...
    @overload
    def __contains__(self, id: CommitmentId) -> bool: ...
    @overload
    def __contains__(self, id: ServicePostId) -> bool: ...
    @overload
    def __contains__(self, id: ContactId) -> bool: ...
    @overload
    def __contains__(self, id: AppealId) -> bool: ...
    @overload
    def __contains__(self, id: SurveyResponseId) -> bool: ...
    @overload
    def __contains__(self, id: ActivityId) -> bool: ...
    def find_organization(self, code: str) -> Optional[OrgId]:
        """OrgId with that code, or None."""
    def find_member(self, code: str) -> Optional[MemberId]:
        """MemberId with that code, or None."""
    def find_household(self, code: str) -> Optional[HouseholdId]:
        """HouseholdId with that code, or None."""
    def record(self, appeal: AppealId, event: AppealEvent, *, appeal_class: Optional[AppealClass] = ..., routing: Optional[Routing] = ..., outcome: Optional[AppealOutcome] = ..., public_answer: Optional[PublicAnswer] = ...) -> None:
        """Appends `event` to the appeal's history (with the fields it settles, as Appeal.record); raises InvalidArgument/IntegrityError/NotFound and changes nothing on failure."""
    def find_appeal(self, code: str) -> Optional[AppealId]:
        """AppealId with that code, or None."""
    def children(self, org: OrgId) -> list[OrgId]:
        """Direct children of `org` (list of OrgId), in insertion order."""
    def members_of(self, org: OrgId) -> list[MemberId]:
        """Members whose home organisation is `org`."""
    def households_of(self, unit: OrgId) -> list[HouseholdId]:
        """Households of the level-4 unit `unit` (empty for other levels)."""
    def roots(self) -> list[OrgId]:
        """Organisations without a parent, in id order."""
    def subtree(self, org: OrgId) -> list[OrgId]:
        """`org` and every organisation below it, pre-order."""
    def members_under(self, org: OrgId) -> list[MemberId]:
        """Every member whose home organisation is in the subtree of `org`."""
    def households_under(self, org: OrgId) -> list[HouseholdId]:
        """Every household of a level-4 unit in the subtree of `org`."""
    def ancestors(self, org: OrgId) -> list[OrgId]:
        """Path from `org` up to its root, `org` first."""
    def reserve(
        self,
        *,
        organizations: int = ...,
        members: int = ...,
        households: int = ...,
        pairings: int = ...,
        commitments: int = ...,
        service_posts: int = ...,
        contacts: int = ...,
        appeals: int = ...,
        survey_responses: int = ...,
        activities: int = ...,
    ) -> None:
        """Pre-sizes storage for bulk construction (counts per entity kind are hints; never shrinks)."""
    def validate(self) -> list[Problem]:
        """A full audit; returns a list of Problem (empty when all is well). Releases the GIL."""
    def copy(self) -> Registry:
        """An independent deep copy."""
    def __copy__(self) -> Registry: ...
    def __deepcopy__(self, memo: dict) -> Registry: ...
    @property
    def organizations(self) -> OrganizationView:
        """Live view of the organisations."""
    @property
    def members(self) -> MemberView:
        """Live view of the members."""
    @property
    def households(self) -> HouseholdView:
        """Live view of the households."""
    @property
    def pairings(self) -> PairingView:
        """Live view of the pairings."""
    @property
    def commitments(self) -> CommitmentView:
        """Live view of the commitments."""
    @property
    def service_posts(self) -> ServicePostView:
        """Live view of the service posts."""
    @property
    def contacts(self) -> ContactView:
        """Live view of the contacts."""
    @property
    def appeals(self) -> AppealView:
        """Live view of the appeals."""
    @property
    def survey_responses(self) -> SurveyResponseView:
        """Live view of the survey responses."""
    @property
    def activities(self) -> ActivityView:
        """Live view of the activities."""
    def __repr__(self) -> str: ...

class Routing:
    """How a sorted appeal is routed.

Members:

  direct

  transfer

  assignment

  supervision"""
    direct: ClassVar[Routing]
    transfer: ClassVar[Routing]
    assignment: ClassVar[Routing]
    supervision: ClassVar[Routing]
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

class Sector:
    """The kind of society an organisation belongs to.

Members:

  rural

  urban

  organ

  school

  enterprise

  public_institution

  other"""
    rural: ClassVar[Sector]
    urban: ClassVar[Sector]
    organ: ClassVar[Sector]
    school: ClassVar[Sector]
    enterprise: ClassVar[Sector]
    public_institution: ClassVar[Sector]
    other: ClassVar[Sector]
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

class ServicePost:
    """A post with duties defined by an organisation; vacant without holder."""
    def __init__(self, *, organization: OrgId = ..., title: str = ..., duties: list[str] = ..., holder: Optional[MemberId] = ..., assignment: PostAssignment = ..., since: Optional[datetime.date] = ..., id: ServicePostId = ...) -> None:
        """Keyword-only; defaults as in C++."""
    @property
    def id(self) -> ServicePostId:
        """ServicePostId, assigned by Registry.add."""
    @id.setter
    def id(self, value: ServicePostId) -> None: ...
    @property
    def organization(self) -> OrgId:
        """OrgId defining the post."""
    @organization.setter
    def organization(self, value: OrgId) -> None: ...
    @property
    def title(self) -> str:
        """Title (required)."""
    @title.setter
    def title(self, value: str) -> None: ...
    @property
    def duties(self) -> list[str]:
        """List of duties (a copy)."""
    @duties.setter
    def duties(self, value: list[str]) -> None: ...
    @property
    def holder(self) -> Optional[MemberId]:
        """MemberId holding it, None when vacant."""
    @holder.setter
    def holder(self, value: Optional[MemberId]) -> None: ...
    @property
    def assignment(self) -> PostAssignment:
        """PostAssignment."""
    @assignment.setter
    def assignment(self, value: PostAssignment) -> None: ...
    @property
    def since(self) -> Optional[datetime.date]:
        """When the holder took the post."""
    @since.setter
    def since(self, value: Optional[datetime.date]) -> None: ...
    def check(self) -> None:
        """Raises InvalidArgument without title or with a date but no holder."""
    def __repr__(self) -> str: ...
    def __eq__(self, arg0: ServicePost) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __copy__(self) -> ServicePost: ...
    def __deepcopy__(self, memo: dict) -> ServicePost: ...
    def __getstate__(self) -> dict: ...
    def __setstate__(self, arg0: dict) -> None: ...

class ServicePostView:
    """Live, read-only view of the registry's service posts: len(), iteration in id order (yielding copies), view[id], id in view, get(). A plain int is accepted as the id number; another kind of id raises TypeError."""
    def __len__(self) -> int: ...
    def __iter__(self) -> ServicePostViewIterator: ...
    @overload
    def __getitem__(self, id: ServicePostId) -> ServicePost: ...
    @overload
    def __getitem__(self, id: int) -> ServicePost: ...
    @overload
    def __contains__(self, id: ServicePostId) -> bool: ...
    @overload
    def __contains__(self, id: int) -> bool: ...
    def get(self, id: ServicePostId, default: object = ...) -> object:
        """The entity with `id`, or `default` when absent."""
    def ids(self) -> list[ServicePostId]:
        """Live ids in order."""
    @property
    def id_bound(self) -> int:
        """One past the largest id ever assigned (length of per-id arrays)."""
    def __repr__(self) -> str: ...

class ServicePostViewIterator:
    """Iterator over a registry view."""
    def __iter__(self) -> ServicePostViewIterator: ...
    def __next__(self) -> ServicePost: ...

class Situation:
    """The five situations a contact may report on.

Members:

  public_sentiment

  public_opinion

  police_matter

  disaster

  pregnancy"""
    public_sentiment: ClassVar[Situation]
    public_opinion: ClassVar[Situation]
    police_matter: ClassVar[Situation]
    disaster: ClassVar[Situation]
    pregnancy: ClassVar[Situation]
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

class SituationReport:
    """A five-situation report made during a contact."""
    def __init__(self, *, situation: Situation = ..., abnormal: bool = ..., note: str = ...) -> None:
        """Keyword-only."""
    @property
    def situation(self) -> Situation:
        """Situation."""
    @situation.setter
    def situation(self, value: Situation) -> None: ...
    @property
    def abnormal(self) -> bool:
        """Abnormal reports must reach the leader in charge."""
    @abnormal.setter
    def abnormal(self, value: bool) -> None: ...
    @property
    def note(self) -> str:
        """Free text."""
    @note.setter
    def note(self, value: str) -> None: ...
    def __repr__(self) -> str: ...
    def __eq__(self, arg0: SituationReport) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __copy__(self) -> SituationReport: ...
    def __deepcopy__(self, memo: dict) -> SituationReport: ...
    def __getstate__(self) -> dict: ...
    def __setstate__(self, arg0: dict) -> None: ...

class StatusChange:
    """One dated status change of a commitment."""
    def __init__(self, *, status: CommitmentStatus = ..., date: Optional[datetime.date] = ..., note: str = ...) -> None:
        """Keyword-only."""
    @property
    def status(self) -> CommitmentStatus:
        """CommitmentStatus."""
    @status.setter
    def status(self, value: CommitmentStatus) -> None: ...
    @property
    def date(self) -> Optional[datetime.date]:
        """Date of the change."""
    @date.setter
    def date(self, value: Optional[datetime.date]) -> None: ...
    @property
    def note(self) -> str:
        """Free text."""
    @note.setter
    def note(self, value: str) -> None: ...
    def __repr__(self) -> str: ...
    def __eq__(self, arg0: StatusChange) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __copy__(self) -> StatusChange: ...
    def __deepcopy__(self, memo: dict) -> StatusChange: ...
    def __getstate__(self) -> dict: ...
    def __setstate__(self, arg0: dict) -> None: ...

class SubjectArea:
    """Subject area of an appeal.

Members:

  employment

  education

  medical

  environment

  political

  cultural

  legal

  infrastructure

  elderly_care

  other"""
    employment: ClassVar[SubjectArea]
    education: ClassVar[SubjectArea]
    medical: ClassVar[SubjectArea]
    environment: ClassVar[SubjectArea]
    political: ClassVar[SubjectArea]
    cultural: ClassVar[SubjectArea]
    legal: ClassVar[SubjectArea]
    infrastructure: ClassVar[SubjectArea]
    elderly_care: ClassVar[SubjectArea]
    other: ClassVar[SubjectArea]
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

class SurveyResponse:
    """One household's answers about a member or a unit for a period."""
    def __init__(self, *, respondent: HouseholdId = ..., target: Union[MemberId, OrgId] = ..., period: Period = ..., items: list[ItemScore] = ..., weight: float = ..., id: SurveyResponseId = ...) -> None:
        """Keyword-only. `target` is a MemberId or an OrgId."""
    @property
    def id(self) -> SurveyResponseId:
        """SurveyResponseId, assigned by Registry.add."""
    @id.setter
    def id(self, value: SurveyResponseId) -> None: ...
    @property
    def respondent(self) -> HouseholdId:
        """HouseholdId answering."""
    @respondent.setter
    def respondent(self, value: HouseholdId) -> None: ...
    @property
    def target(self) -> Union[MemberId, OrgId]:
        """MemberId or OrgId rated."""
    @target.setter
    def target(self, value: Union[MemberId, OrgId]) -> None: ...
    @property
    def period(self) -> Period:
        """Period rated."""
    @period.setter
    def period(self, value: Period) -> None: ...
    @property
    def items(self) -> list[ItemScore]:
        """List of ItemScore (a copy)."""
    @items.setter
    def items(self, value: list[ItemScore]) -> None: ...
    @property
    def weight(self) -> float:
        """Survey weight, positive."""
    @weight.setter
    def weight(self, value: float) -> None: ...
    def check(self) -> None:
        """Raises InvalidArgument for a non-positive weight, a repeated item or a scored don't-know."""
    def __repr__(self) -> str: ...
    def __eq__(self, arg0: SurveyResponse) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __copy__(self) -> SurveyResponse: ...
    def __deepcopy__(self, memo: dict) -> SurveyResponse: ...
    def __getstate__(self) -> dict: ...
    def __setstate__(self, arg0: dict) -> None: ...

class SurveyResponseView:
    """Live, read-only view of the registry's survey responses: len(), iteration in id order (yielding copies), view[id], id in view, get(). A plain int is accepted as the id number; another kind of id raises TypeError."""
    def __len__(self) -> int: ...
    def __iter__(self) -> SurveyResponseViewIterator: ...
    @overload
    def __getitem__(self, id: SurveyResponseId) -> SurveyResponse: ...
    @overload
    def __getitem__(self, id: int) -> SurveyResponse: ...
    @overload
    def __contains__(self, id: SurveyResponseId) -> bool: ...
    @overload
    def __contains__(self, id: int) -> bool: ...
    def get(self, id: SurveyResponseId, default: object = ...) -> object:
        """The entity with `id`, or `default` when absent."""
    def ids(self) -> list[SurveyResponseId]:
        """Live ids in order."""
    @property
    def id_bound(self) -> int:
        """One past the largest id ever assigned (length of per-id arrays)."""
    def __repr__(self) -> str: ...

class SurveyResponseViewIterator:
    """Iterator over a registry view."""
    def __iter__(self) -> SurveyResponseViewIterator: ...
    def __next__(self) -> SurveyResponse: ...

class VisitMode:
    """How a contact happened.

Members:

  home_visit

  forum

  reception

  going_down_regular

  going_down_fixed_point

  going_down_circuit

  appointment"""
    home_visit: ClassVar[VisitMode]
    forum: ClassVar[VisitMode]
    reception: ClassVar[VisitMode]
    going_down_regular: ClassVar[VisitMode]
    going_down_fixed_point: ClassVar[VisitMode]
    going_down_circuit: ClassVar[VisitMode]
    appointment: ClassVar[VisitMode]
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

_TABLES: list[str]
def _table_columns(registry: Registry, table: str) -> list:
    """Column-wise export of one table of the io table schema (used by massline.frames): list of (name, cell type, values, extra)."""

def is_final(status: CommitmentStatus) -> bool:
    """True for fulfilled, lapsed and withdrawn."""

def is_leading(rank: CadreRank) -> bool:
    """True for ranks counted as leading cadres."""

def find_duplicate_households(registry: Registry) -> dict[str, Any]:
    """Pairs of households that look registered twice, as columns: group, first, second and one bool per shared field (id_number, head_name, phone, address). Keeps the GIL (it reads the registry); Ctrl-C stops it."""

def find_repeat_appeals(registry: Registry, window_days: int = ...) -> dict[str, Any]:
    """Appeals raised again by the same household on the same subject within window_days, as columns: earlier, later, household, days_apart."""

def id_number_problem(number: str) -> str:
    """Why `number` is not a resident identity number (GB 11643), or '' when it is one (or empty)."""

def phone_problem(phone: str) -> str:
    """Why `phone` is not a phone number as registers write it, or '' when it is one (or empty)."""

def normalized_phone(phone: str) -> str:
    """The digits of `phone`, without a leading +86/0086."""

def normalized_text(text: str) -> str:
    """A name or address for comparison: ASCII lower-cased, full-width forms folded, spaces, '-', '.', '·' removed."""
