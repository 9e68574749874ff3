"""massline.io's appeal-log readers against pandas on the raw files (docs/formats.md, "Appeal
logs"): the real NYC 311 extracts and the TipDM message board in tests/data, each appeal's
dates equal to pandas' parse of the raw cells, day by day."""

from __future__ import annotations

import json
import pathlib

import pandas as pd
import pytest

import massline as ml

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
NYC_FILES = sorted((DATA / "nyc311").glob("*.csv"))
BOARD = DATA / "cn_gov_messages_tipdm2020" / "messages_with_replies.csv"
NYC_FORMAT = "%m/%d/%Y %I:%M:%S %p"


def _day(column: pd.Series, fmt: str) -> pd.Series:
    """pandas' parse of the raw cells, times of day dropped (empty cell = NaT)."""
    return pd.to_datetime(column.replace("", None), format=fmt).dt.normalize()


def _imported(registry: ml.Registry) -> pd.DataFrame:
    appeals = ml.frames.appeals(registry).set_index("code")
    orgs = ml.frames.organizations(registry).set_index("id")
    appeals["origin_code"] = orgs.loc[appeals["origin"], "code"].to_numpy()
    return appeals


def _same_days(ours: pd.Series, theirs: pd.Series, what: str) -> None:
    ours = ours.astype("datetime64[ns]")
    theirs = theirs.astype("datetime64[ns]")
    differ = ~((ours == theirs) | (ours.isna() & theirs.isna()))
    assert not differ.any(), f"{what}: {int(differ.sum())} appeals differ, e.g.\n{pd.DataFrame({'ours': ours, 'pandas': theirs})[differ].head()}"


def test_the_three_nyc_files_are_here():
    assert [p.name for p in NYC_FILES] == ["nyc311_2013-12-25_all_requests.csv", "nyc311_2018-09-02_early_morning.csv",
                                           "nyc311_dohmh_illegal_animals_2010_2025.csv"]


@pytest.mark.parametrize("path", NYC_FILES, ids=lambda p: p.name)
def test_nyc311_matches_pandas_on_the_raw_csv(path):
    raw = pd.read_csv(path, dtype=str, keep_default_na=False).set_index("Unique Key")
    ours = _imported(ml.io.read_nyc311(path)).loc[raw.index]

    # one organisation per Agency, one appeal per row
    assert ours["origin_code"].value_counts().sort_index().to_dict() == \
        ("nyc311:" + raw["Agency"]).value_counts().sort_index().to_dict()
    assert (ours["origin"] == ours["handler"]).all()

    created = _day(raw["Created Date"], NYC_FORMAT)
    is_closed = raw["Status"].str.lower() == "closed"
    closed = _day(raw["Closed Date"], NYC_FORMAT).where(is_closed)
    resolved = _day(raw["Resolution Action Updated Date"], NYC_FORMAT)
    due = _day(raw["Due Date"], NYC_FORMAT)
    fed_back = pd.concat([resolved, closed], axis=1).min(axis=1)  # the earlier of the two present

    assert int((ours["stage"] == "closed").sum()) == int(is_closed.sum())
    _same_days(ours["registered"], created, "registered")
    _same_days(ours["disposed"], closed, "disposed")
    _same_days(ours["due"], due, "due")
    _same_days(ours["fed_back"], fed_back, "fed_back")

    # on time: closed on or before the due date, among closed requests that have one
    both = is_closed & due.notna()
    assert int(((ours["disposed"] <= ours["due"]) & both).sum()) == int((closed[both] <= due[both]).sum())
    # time to feedback in days
    lag_ours = (ours["fed_back"] - ours["registered"]).dt.days
    lag_pandas = (fed_back - created).dt.days
    assert lag_ours.fillna(-1).astype(int).tolist() == lag_pandas.fillna(-1).astype(int).tolist()

    if "Open Data Channel Type" in raw:
        online = raw["Open Data Channel Type"].isin(["ONLINE", "MOBILE"])
        assert ((ours["channel"] == "online") == online).all()
    else:
        assert (ours["channel"] == "hotline").all()


def test_message_board_matches_pandas_on_the_raw_csv():
    raw = pd.read_csv(BOARD, dtype=str, keep_default_na=False).set_index("留言编号")
    ours = _imported(ml.io.read_cn_messages(BOARD)).loc[raw.index]
    posted = pd.to_datetime(raw["留言时间"], format="%Y/%m/%d %H:%M:%S").dt.normalize()
    # one reply time is a bare date (留言编号 27610, README): parse both shapes
    replied = pd.to_datetime(raw["答复时间"], format="%Y/%m/%d %H:%M:%S", errors="coerce")
    replied = replied.fillna(pd.to_datetime(raw["答复时间"], format="%Y/%m/%d", errors="coerce")).dt.normalize()
    assert replied.notna().all()
    assert len(ours) == 2816 and (ours["origin_code"] == "cn_messages").all()
    _same_days(ours["registered"], posted, "registered")
    _same_days(ours["fed_back"], replied, "fed_back")
    _same_days(ours["disposed"], replied, "disposed")
    assert (ours["stage"] == "closed").all() and (ours["channel"] == "online").all()
    assert ours["summary"].tolist() == raw["留言主题"].str.strip(" \t\r\n").tolist()  # ASCII blanks only
    assert ((ours["fed_back"] - ours["registered"]).dt.days.median()
            == (replied - posted).dt.days.median())


def test_labeled_subset_is_refused_for_its_repeated_id():
    path = DATA / "cn_gov_messages_tipdm2020" / "messages_labeled_subset.csv"
    with pytest.raises(ml.ParseError) as caught:
        ml.io.read_cn_messages(str(path))
    assert caught.value.code == "cn_messages.duplicate"
    assert caught.value.where.column == "留言编号"
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    second = raw.index[raw["留言编号"].duplicated()][0]
    # the line of the second 37042 in the file: header line 1, then count the lines of each record
    text = path.read_text(encoding="utf-8")
    assert "37042" in str(caught.value) and caught.value.where.row > second + 1
    assert text.split("\n")[caught.value.where.row - 1].startswith("37042,")


def test_open311_paths_and_mapping(tmp_path):
    requests = [
        {"service_request_id": "a1", "status": "closed", "status_notes": "Fixed.", "service_name": "Street Light Condition",
         "agency_responsible": "DPW", "requested_datetime": "2012-02-02T23:30:00-05:00",
         "updated_datetime": "2012-02-05T08:00:00-05:00", "expected_datetime": "2012-02-09T00:00:00-05:00",
         "lat": 40.7, "long": -73.9, "address": "1 Main St"},
        {"service_request_id": "a2", "status": "open", "service_name": "Pothole", "agency_responsible": "DPW",
         "requested_datetime": "2012-02-03T01:00:00Z"},
    ]
    path = tmp_path / "requests.json"
    path.write_text(json.dumps(requests), encoding="utf-8")
    for given in (path, str(path)):  # os.PathLike and str
        reg = ml.io.read_open311(given)
        ours = _imported(reg)
        assert ours.loc["a1", "origin_code"] == "open311:DPW"
        assert ours.loc["a1", "registered"] == pd.Timestamp("2012-02-02")  # the day in its own offset
        assert ours.loc["a1", "fed_back"] == ours.loc["a1", "disposed"] == pd.Timestamp("2012-02-05")
        assert ours.loc["a1", "due"] == pd.Timestamp("2012-02-09")
        assert ours.loc["a1", "subject"] == "infrastructure"
        assert ours.loc["a2", "stage"] == "registered"
    with pytest.raises(TypeError):
        ml.io.read_open311(3)


@pytest.mark.parametrize("reader, name, data, code", [
    ("read_nyc311", "e.csv", b"", "nyc311.header"),
    ("read_nyc311", "u.csv", b"Unique Key,Created Date,Closed Date,Agency,Status\n1,\xff,,A,Open\n", "nyc311.encoding"),
    ("read_nyc311", "u16.csv", "Unique Key\n".encode("utf-16"), "nyc311.encoding"),
    ("read_cn_messages", "e.csv", b"", "cn_messages.header"),
    ("read_cn_messages", "u.csv", "留言编号,留言时间\n".encode("gbk"), "cn_messages.encoding"),
    ("read_open311", "t.json", b'[{"service_request_id": "1", "status": "op', "open311.syntax"),
    ("read_open311", "e.json", b"", "open311.syntax"),
    ("read_open311", "u.json", b'[{"service_request_id": "\xff"}]', "open311.encoding"),
    ("read_open311", "n.json", b"{}", "open311.type"),
])
def test_bad_files_give_located_parse_errors(tmp_path, reader, name, data, code):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ml.ParseError) as caught:
        getattr(ml.io, reader)(path)
    assert caught.value.code == code
    assert caught.value.where.file == str(path)
    str(caught.value).encode("utf-8")


@pytest.mark.parametrize("reader, prefix", [("read_nyc311", "nyc311"), ("read_open311", "open311"),
                                            ("read_cn_messages", "cn_messages")])
def test_missing_files_and_directories_are_refused(tmp_path, reader, prefix):
    for path in (tmp_path / "missing", tmp_path):
        with pytest.raises(ml.ParseError) as caught:
            getattr(ml.io, reader)(path)
        assert caught.value.code == prefix + ".io"


def test_a_huge_field_is_refused_not_read(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as f:
        f.write(b"Unique Key,Created Date,Closed Date,Agency,Status\n1,\"")
        f.write(b"x" * (17 << 20))
        f.write(b"\",,A,Open\n")
    with pytest.raises(ml.ParseError) as caught:
        ml.io.read_nyc311(path)
    assert caught.value.code == "nyc311.limit"
    assert caught.value.where.row == 2


def test_import_into_an_existing_registry_is_whole_or_nothing(tmp_path):
    reg = ml.synth.generate("quyuan", seed=1)
    county = next(o for o in reg.organizations if o.level == ml.OrgLevel.county)
    before = (len(reg.organizations), len(reg.appeals))
    path = NYC_FILES[1]  # 2018-09-02: 13 agencies, 1,300 requests
    root = ml.io.import_appeal_log(reg, path, "nyc311", county.id)
    assert reg.organizations[root].level == ml.OrgLevel.township and reg.organizations[root].parent == county.id
    assert (len(reg.organizations), len(reg.appeals)) == (before[0] + 14, before[1] + 1300)
    assert reg.validate() == []
    after = (len(reg.organizations), len(reg.appeals))

    bad = tmp_path / "bad.csv"
    bad.write_text("Unique Key,Created Date,Closed Date,Agency,Status\n"
                   "x1,09/02/2018 12:00:00 AM,,NEW,Open\nx2,09/02/2018 12:00:00 PM,,NEW,Closed\n", encoding="utf-8")
    with pytest.raises(ml.ParseError) as caught:
        ml.io.import_appeal_log(reg, bad, "nyc311")
    assert (caught.value.code, caught.value.where.row, caught.value.where.column) == ("nyc311.missing", 3, "Closed Date")
    with pytest.raises(ml.IntegrityError):  # the same file again: its codes are taken
        ml.io.import_appeal_log(reg, path, "nyc311", county.id)
    township = reg.organizations[root]
    agency = reg.children(township.id)[0]
    with pytest.raises(ml.InvalidArgument):  # level 3: no room for two levels below
        ml.io.import_appeal_log(reg, BOARD, "cn_messages", agency)
    with pytest.raises(ml.InvalidArgument):
        ml.io.import_appeal_log(reg, BOARD, "csv", None)
    assert (len(reg.organizations), len(reg.appeals)) == after


def test_reads_run_concurrently_and_agree():
    # The readers release the GIL; four threads reading the same file get four equal registries.
    from concurrent.futures import ThreadPoolExecutor

    path = NYC_FILES[2]
    with ThreadPoolExecutor(4) as pool:
        frames = list(pool.map(lambda _: ml.frames.appeals(ml.io.read_nyc311(path)), range(4)))
    for other in frames[1:]:
        pd.testing.assert_frame_equal(frames[0], other)
