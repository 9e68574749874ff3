"""Type stubs of massline._core.core: ids, errors, locations, periods, the working-day
calendar (python/src/register_core.cpp) and random streams (register_random.cpp). Kept in step with the compiled module by
python/tests/test_packaging.py."""

import datetime
from typing import Any, ClassVar, Iterable, Optional, overload

import numpy as np
import numpy.typing as npt

class ActivityId:
    """Id of an activity. A distinct type: it never compares equal to, nor is accepted in place of, another kind of id. int(id) gives the number."""
    def __init__(self, value: int) -> None:
        """Id with number `value` (0 .. 2**32-1)."""
    @property
    def value(self) -> int:
        """The number."""
    def __int__(self) -> int: ...
    def __hash__(self) -> int: ...
    def __eq__(self, arg0: ActivityId) -> bool: ...
    def __lt__(self, arg0: ActivityId) -> bool: ...
    def __le__(self, arg0: ActivityId) -> bool: ...
    def __gt__(self, arg0: ActivityId) -> bool: ...
    def __ge__(self, arg0: ActivityId) -> bool: ...
    def __repr__(self) -> str: ...
    def __str__(self) -> str:
        """e.g. 'household 12', as used in error locations."""
    def __getstate__(self) -> tuple: ...
    def __setstate__(self, arg0: tuple) -> None: ...
    kind: ClassVar[str]
    """Name of the entity kind, e.g. 'household'."""

class AppealId:
    """Id of an appeal. A distinct type: it never compares equal to, nor is accepted in place of, another kind of id. int(id) gives the number."""
    def __init__(self, value: int) -> None:
        """Id with number `value` (0 .. 2**32-1)."""
    @property
    def value(self) -> int:
        """The number."""
    def __int__(self) -> int: ...
    def __hash__(self) -> int: ...
    def __eq__(self, arg0: AppealId) -> bool: ...
    def __lt__(self, arg0: AppealId) -> bool: ...
    def __le__(self, arg0: AppealId) -> bool: ...
    def __gt__(self, arg0: AppealId) -> bool: ...
    def __ge__(self, arg0: AppealId) -> bool: ...
    def __repr__(self) -> str: ...
    def __str__(self) -> str:
        """e.g. 'household 12', as used in error locations."""
    def __getstate__(self) -> tuple: ...
    def __setstate__(self, arg0: tuple) -> None: ...
    kind: ClassVar[str]
    """Name of the entity kind, e.g. 'household'."""

class CommitmentId:
    """Id of a commitment. A distinct type: it never compares equal to, nor is accepted in place of, another kind of id. int(id) gives the number."""
    def __init__(self, value: int) -> None:
        """Id with number `value` (0 .. 2**32-1)."""
    @property
    def value(self) -> int:
        """The number."""
    def __int__(self) -> int: ...
    def __hash__(self) -> int: ...
    def __eq__(self, arg0: CommitmentId) -> bool: ...
    def __lt__(self, arg0: CommitmentId) -> bool: ...
    def __le__(self, arg0: CommitmentId) -> bool: ...
    def __gt__(self, arg0: CommitmentId) -> bool: ...
    def __ge__(self, arg0: CommitmentId) -> bool: ...
    def __repr__(self) -> str: ...
    def __str__(self) -> str:
        """e.g. 'household 12', as used in error locations."""
    def __getstate__(self) -> tuple: ...
    def __setstate__(self, arg0: tuple) -> None: ...
    kind: ClassVar[str]
    """Name of the entity kind, e.g. 'household'."""

class ContactId:
    """Id of a contact. A distinct type: it never compares equal to, nor is accepted in place of, another kind of id. int(id) gives the number."""
    def __init__(self, value: int) -> None:
        """Id with number `value` (0 .. 2**32-1)."""
    @property
    def value(self) -> int:
        """The number."""
    def __int__(self) -> int: ...
    def __hash__(self) -> int: ...
    def __eq__(self, arg0: ContactId) -> bool: ...
    def __lt__(self, arg0: ContactId) -> bool: ...
    def __le__(self, arg0: ContactId) -> bool: ...
    def __gt__(self, arg0: ContactId) -> bool: ...
    def __ge__(self, arg0: ContactId) -> bool: ...
    def __repr__(self) -> str: ...
    def __str__(self) -> str:
        """e.g. 'household 12', as used in error locations."""
    def __getstate__(self) -> tuple: ...
    def __setstate__(self, arg0: tuple) -> None: ...
    kind: ClassVar[str]
    """Name of the entity kind, e.g. 'household'."""

class HouseholdId:
    """Id of a household. A distinct type: it never compares equal to, nor is accepted in place of, another kind of id. int(id) gives the number."""
    def __init__(self, value: int) -> None:
        """Id with number `value` (0 .. 2**32-1)."""
    @property
    def value(self) -> int:
        """The number."""
    def __int__(self) -> int: ...
    def __hash__(self) -> int: ...
    def __eq__(self, arg0: HouseholdId) -> bool: ...
    def __lt__(self, arg0: HouseholdId) -> bool: ...
    def __le__(self, arg0: HouseholdId) -> bool: ...
    def __gt__(self, arg0: HouseholdId) -> bool: ...
    def __ge__(self, arg0: HouseholdId) -> bool: ...
    def __repr__(self) -> str: ...
    def __str__(self) -> str:
        """e.g. 'household 12', as used in error locations."""
    def __getstate__(self) -> tuple: ...
    def __setstate__(self, arg0: tuple) -> None: ...
    kind: ClassVar[str]
    """Name of the entity kind, e.g. 'household'."""

class Error(Exception):
    """Root of every error massline raises; str() is "[massline.<code>] <summary> (at <where>): <why>"."""
    code: str
    summary: str
    where: Location
    why: str
    def __init__(self, message: str = ..., code: str = ..., where: Optional[Location] = ..., why: str = ..., summary: str = ...) -> None: ...

class InvalidArgument(Error, ValueError):
    """A value is out of its domain."""

class NotFound(Error, KeyError):
    """An id or code that does not exist."""

class IntegrityError(Error, ValueError):
    """An operation would break the registry's referential integrity."""

class ParseError(Error, ValueError):
    """Malformed input file."""

class ConvergenceError(Error, ArithmeticError):
    """A numerical method did not converge."""

class StateError(Error, RuntimeError):
    """An object was used in the wrong state."""

class Location:
    """Where a problem was found; every part is optional. str() gives e.g. "file.csv row 4 column 'level', household 12 field 'unit'"."""
    def __init__(self, *, file: str = ..., row: Optional[int] = ..., column: str = ..., entity: str = ..., field: str = ...) -> None:
        """Builds a location from its parts (all optional)."""
    @property
    def file(self) -> str:
        """Input file, if the problem came from one (else '')."""
    @property
    def row(self) -> Optional[int]:
        """1-based data row in that file, or None."""
    @property
    def column(self) -> str:
        """Column or field name in the file (else '')."""
    @property
    def entity(self) -> str:
        """Entity, e.g. 'household 12' (else '')."""
    @property
    def field(self) -> str:
        """Member of the entity, e.g. 'unit' (else '')."""
    def empty(self) -> bool:
        """True when no part is set."""
    def __bool__(self) -> bool:
        """False when no part is set."""
    def __str__(self) -> str: ...
    def __repr__(self) -> str: ...
    def __eq__(self, arg0: Location) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __getstate__(self) -> tuple: ...
    def __setstate__(self, arg0: tuple) -> None: ...

class MemberId:
    """Id of a member. A distinct type: it never compares equal to, nor is accepted in place of, another kind of id. int(id) gives the number."""
    def __init__(self, value: int) -> None:
        """Id with number `value` (0 .. 2**32-1)."""
    @property
    def value(self) -> int:
        """The number."""
    def __int__(self) -> int: ...
    def __hash__(self) -> int: ...
    def __eq__(self, arg0: MemberId) -> bool: ...
    def __lt__(self, arg0: MemberId) -> bool: ...
    def __le__(self, arg0: MemberId) -> bool: ...
    def __gt__(self, arg0: MemberId) -> bool: ...
    def __ge__(self, arg0: MemberId) -> bool: ...
    def __repr__(self) -> str: ...
    def __str__(self) -> str:
        """e.g. 'household 12', as used in error locations."""
    def __getstate__(self) -> tuple: ...
    def __setstate__(self, arg0: tuple) -> None: ...
    kind: ClassVar[str]
    """Name of the entity kind, e.g. 'household'."""

class OrgId:
    """Id of an organization. A distinct type: it never compares equal to, nor is accepted in place of, another kind of id. int(id) gives the number."""
    def __init__(self, value: int) -> None:
        """Id with number `value` (0 .. 2**32-1)."""
    @property
    def value(self) -> int:
        """The number."""
    def __int__(self) -> int: ...
    def __hash__(self) -> int: ...
    def __eq__(self, arg0: OrgId) -> bool: ...
    def __lt__(self, arg0: OrgId) -> bool: ...
    def __le__(self, arg0: OrgId) -> bool: ...
    def __gt__(self, arg0: OrgId) -> bool: ...
    def __ge__(self, arg0: OrgId) -> bool: ...
    def __repr__(self) -> str: ...
    def __str__(self) -> str:
        """e.g. 'household 12', as used in error locations."""
    def __getstate__(self) -> tuple: ...
    def __setstate__(self, arg0: tuple) -> None: ...
    kind: ClassVar[str]
    """Name of the entity kind, e.g. 'household'."""

class PairingId:
    """Id of a pairing. A distinct type: it never compares equal to, nor is accepted in place of, another kind of id. int(id) gives the number."""
    def __init__(self, value: int) -> None:
        """Id with number `value` (0 .. 2**32-1)."""
    @property
    def value(self) -> int:
        """The number."""
    def __int__(self) -> int: ...
    def __hash__(self) -> int: ...
    def __eq__(self, arg0: PairingId) -> bool: ...
    def __lt__(self, arg0: PairingId) -> bool: ...
    def __le__(self, arg0: PairingId) -> bool: ...
    def __gt__(self, arg0: PairingId) -> bool: ...
    def __ge__(self, arg0: PairingId) -> bool: ...
    def __repr__(self) -> str: ...
    def __str__(self) -> str:
        """e.g. 'household 12', as used in error locations."""
    def __getstate__(self) -> tuple: ...
    def __setstate__(self, arg0: tuple) -> None: ...
    kind: ClassVar[str]
    """Name of the entity kind, e.g. 'household'."""

class Period:
    """A closed range of days [first, last] with the kind it was built as (year, half-year, quarter, month or custom). Immutable, hashable, picklable."""
    def __init__(self, first: datetime.date, last: datetime.date) -> None:
        """Custom range; raises InvalidArgument ('period.invalid') when last < first."""
    @staticmethod
    def custom(first: datetime.date, last: datetime.date) -> Period:
        """Same as Period(first, last)."""
    @staticmethod
    def year(year: int) -> Period:
        """The calendar year."""
    @staticmethod
    def half_year(year: int, half: int) -> Period:
        """Half 1 (Jan-Jun) or 2 (Jul-Dec) of `year`."""
    @staticmethod
    def quarter(year: int, quarter: int) -> Period:
        """Quarter 1..4 of `year`."""
    @staticmethod
    def month(year: int, month: int) -> Period:
        """Month 1..12 of `year`."""
    @property
    def kind(self) -> PeriodKind:
        """The PeriodKind."""
    @property
    def first(self) -> Optional[datetime.date]:
        """First day (datetime.date)."""
    @property
    def last(self) -> Optional[datetime.date]:
        """Last day, included (datetime.date)."""
    @property
    def days(self) -> int:
        """Number of calendar days, both ends included."""
    @property
    def label(self) -> str:
        """'2024', '2024-H1', '2024-Q3', '2024-07' or '2024-03-01..2024-05-15'."""
    def contains(self, day: datetime.date) -> bool:
        """True when `day` lies in [first, last]."""
    def __contains__(self, day: datetime.date) -> bool: ...
    def next(self) -> Period:
        """The following period of the same kind (custom: same length)."""
    def __str__(self) -> str: ...
    def __repr__(self) -> str: ...
    def __eq__(self, arg0: Period) -> bool: ...
    def __hash__(self) -> int: ...
    def __getstate__(self) -> tuple: ...
    def __setstate__(self, arg0: tuple) -> None: ...

class PeriodKind:
    """The granularity a Period was built with; custom for arbitrary ranges.

Members:

  year

  half_year

  quarter

  month

  custom"""
    year: ClassVar[PeriodKind]
    half_year: ClassVar[PeriodKind]
    quarter: ClassVar[PeriodKind]
    month: ClassVar[PeriodKind]
    custom: ClassVar[PeriodKind]
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

class ServicePostId:
    """Id of a service post. A distinct type: it never compares equal to, nor is accepted in place of, another kind of id. int(id) gives the number."""
    def __init__(self, value: int) -> None:
        """Id with number `value` (0 .. 2**32-1)."""
    @property
    def value(self) -> int:
        """The number."""
    def __int__(self) -> int: ...
    def __hash__(self) -> int: ...
    def __eq__(self, arg0: ServicePostId) -> bool: ...
    def __lt__(self, arg0: ServicePostId) -> bool: ...
    def __le__(self, arg0: ServicePostId) -> bool: ...
    def __gt__(self, arg0: ServicePostId) -> bool: ...
    def __ge__(self, arg0: ServicePostId) -> bool: ...
    def __repr__(self) -> str: ...
    def __str__(self) -> str:
        """e.g. 'household 12', as used in error locations."""
    def __getstate__(self) -> tuple: ...
    def __setstate__(self, arg0: tuple) -> None: ...
    kind: ClassVar[str]
    """Name of the entity kind, e.g. 'household'."""

class SurveyResponseId:
    """Id of a survey response. A distinct type: it never compares equal to, nor is accepted in place of, another kind of id. int(id) gives the number."""
    def __init__(self, value: int) -> None:
        """Id with number `value` (0 .. 2**32-1)."""
    @property
    def value(self) -> int:
        """The number."""
    def __int__(self) -> int: ...
    def __hash__(self) -> int: ...
    def __eq__(self, arg0: SurveyResponseId) -> bool: ...
    def __lt__(self, arg0: SurveyResponseId) -> bool: ...
    def __le__(self, arg0: SurveyResponseId) -> bool: ...
    def __gt__(self, arg0: SurveyResponseId) -> bool: ...
    def __ge__(self, arg0: SurveyResponseId) -> bool: ...
    def __repr__(self) -> str: ...
    def __str__(self) -> str:
        """e.g. 'household 12', as used in error locations."""
    def __getstate__(self) -> tuple: ...
    def __setstate__(self, arg0: tuple) -> None: ...
    kind: ClassVar[str]
    """Name of the entity kind, e.g. 'household'."""

class Weekday:
    """Day of the week (values as in the C++ library: sunday = 0 .. saturday = 6).

Members:

  sunday

  monday

  tuesday

  wednesday

  thursday

  friday

  saturday"""
    sunday: ClassVar[Weekday]
    monday: ClassVar[Weekday]
    tuesday: ClassVar[Weekday]
    wednesday: ClassVar[Weekday]
    thursday: ClassVar[Weekday]
    friday: ClassVar[Weekday]
    saturday: ClassVar[Weekday]
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

class RandomStream:
    """A deterministic random stream (xoshiro256** keyed by hashing): the same key gives the same sequence on every machine and thread count, and streams for different keys are independent. Name streams by what they are for, never by creation order: RandomStream(seed).derive(replication, household_id, 'visits')."""
    @overload
    def __init__(self, seed: int) -> None:
        """The root stream of `seed` (0 .. 2**64-1)."""
    @overload
    def __init__(self, seed: int, replication: int, entity: object) -> None:
        """The stream of one entity (an int or a massline id) in one replication: RandomStream(seed).derive(replication, entity)."""
    @staticmethod
    def from_checkpoint(key: tuple[int, int], state: Optional[tuple[int, int, int, int]] = None) -> RandomStream:
        """The stream with `key` (a pair from .key) at the start of its sequence, or resumed at `state` (from .state). Raises InvalidArgument 'random.invalid_state' for an all-zero state."""
    def derive(self, *args: object) -> RandomStream:
        """A child stream named by the parts (int, str or massline id). It depends on this stream's key only, not on how many numbers were drawn: derive(a, b) == derive(a).derive(b)."""
    @property
    def key(self) -> tuple[int, int]:
        """The stream's 128-bit identity as (hi, lo)."""
    @property
    def state(self) -> tuple[int, int, int, int]:
        """The engine's position (4 ints): with .key a checkpoint for from_checkpoint()."""
    def copy(self) -> RandomStream:
        """An independent copy that continues with the same numbers."""
    def __copy__(self) -> RandomStream: ...
    def __deepcopy__(self, memo: dict) -> RandomStream: ...
    def __eq__(self, arg0: RandomStream) -> bool: ...
    def __getstate__(self) -> tuple: ...
    def __setstate__(self, arg0: tuple) -> None: ...
    @overload
    def bits(self, size: None = None) -> int:
        """Raw 64-bit outputs (int, or a uint64 array of `size`)."""
    @overload
    def bits(self, size: int) -> npt.NDArray[np.uint64]: ...
    @overload
    def uniform(self, low: float = 0.0, high: float = 1.0, size: None = None) -> float:
        """Uniform on [low, high) (default [0, 1) with 53 random bits)."""
    @overload
    def uniform(self, low: float = 0.0, high: float = 1.0, *, size: int) -> npt.NDArray[np.float64]: ...
    @overload
    def uniform_index(self, n: int, size: None = None) -> int:
        """Uniform integer in [0, n), without modulo bias; n > 0."""
    @overload
    def uniform_index(self, n: int, size: int) -> npt.NDArray[np.uint64]: ...
    @overload
    def uniform_int(self, low: int, high: int, size: None = None) -> int:
        """Uniform integer in the closed range [low, high]."""
    @overload
    def uniform_int(self, low: int, high: int, size: int) -> npt.NDArray[np.int64]: ...
    @overload
    def bernoulli(self, p: float, size: None = None) -> bool:
        """True with probability p in [0, 1]."""
    @overload
    def bernoulli(self, p: float, size: int) -> npt.NDArray[np.bool_]: ...
    @overload
    def normal(self, mean: float = 0.0, sd: float = 1.0, size: None = None) -> float:
        """Normal with `mean` and standard deviation `sd` >= 0 (Box-Muller)."""
    @overload
    def normal(self, mean: float = 0.0, sd: float = 1.0, *, size: int) -> npt.NDArray[np.float64]: ...
    @overload
    def exponential(self, rate: float = 1.0, size: None = None) -> float:
        """Exponential with `rate` > 0 (mean 1 / rate)."""
    @overload
    def exponential(self, rate: float = 1.0, *, size: int) -> npt.NDArray[np.float64]: ...
    @overload
    def poisson(self, lam: float, size: None = None) -> int:
        """Poisson with mean `lam` (exact sampler)."""
    @overload
    def poisson(self, lam: float, size: int) -> npt.NDArray[np.uint64]: ...
    @overload
    def binomial(self, n: int, p: float, size: None = None) -> int:
        """Binomial(n, p) (exact sampler)."""
    @overload
    def binomial(self, n: int, p: float, size: int) -> npt.NDArray[np.uint64]: ...

class WorkCalendar:
    """Which days are working days: a weekend (set of Weekday), holidays and extra (make-up) working days. working_days_between(a, b) counts (a, b]; add_working_days(start, n) is the n-th working day after start; deadline(start, n) is the last day allowed for 'within n working days'."""
    def __init__(self, weekend: Iterable[Weekday] = ..., holidays: list[datetime.date] = ..., extra_working_days: list[datetime.date] = ...) -> None:
        """Raises InvalidArgument ('calendar.invalid_weekend', 'calendar.conflict', 'date.invalid')."""
    @staticmethod
    def load_csv(path: str, weekend: Iterable[Weekday] = ...) -> WorkCalendar:
        """Reads a 'date,kind[,note]' CSV file (kind holiday|workday, date may be 'A..B'); raises ParseError with file/row/column, NotFound when unreadable."""
    @staticmethod
    def from_csv_text(text: str, source: str = ..., weekend: Iterable[Weekday] = ...) -> WorkCalendar:
        """Same as load_csv on the CSV text itself; `source` names it in errors."""
    @property
    def weekend(self) -> frozenset:
        """frozenset of Weekday not worked."""
    @property
    def holidays(self) -> list[datetime.date]:
        """Declared holidays, sorted (list of date)."""
    @property
    def extra_working_days(self) -> list[datetime.date]:
        """Declared extra working days, sorted (list of date)."""
    def add_holiday(self, day: datetime.date) -> None:
        """Declares `day` a holiday ('calendar.conflict' when it is an extra working day)."""
    def add_working_day(self, day: datetime.date) -> None:
        """Declares `day` an extra working day ('calendar.conflict' when it is a holiday)."""
    def is_working_day(self, day: datetime.date) -> bool:
        """True when `day` is worked."""
    def working_days_between(self, a: datetime.date, b: datetime.date) -> int:
        """Working days in (a, b] when a <= b; minus those in [b, a) when b < a."""
    def working_days_in(self, period: Period) -> int:
        """Working days in the period, both ends included."""
    def add_working_days(self, start: datetime.date, n: int) -> datetime.date:
        """The n-th working day after `start` (n > 0), the |n|-th before (n < 0), or `start` (n == 0)."""
    def deadline(self, start: datetime.date, working_days: int) -> datetime.date:
        """Last day allowed for a task registered on `start` to be done within `working_days` working days."""
    def next_working_day(self, day: datetime.date) -> datetime.date:
        """First working day after `day`."""
    def previous_working_day(self, day: datetime.date) -> datetime.date:
        """Last working day before `day`."""
    def __repr__(self) -> str: ...
    def __getstate__(self) -> tuple: ...
    def __setstate__(self, arg0: tuple) -> None: ...

def _raise(kind: str, code: str, what: str, entity: str = ..., field: str = ..., why: str = ...) -> None:
    """Throws the C++ error of class `kind` (for testing the translation; not public API)."""
