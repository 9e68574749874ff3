"""massline.io and the SQLite store (issue 13, item 4): save/load by path, appended logs,
layout versions, bad files with located errors, and the store read back by pandas' read_sql
(an oracle that is not massline) matching massline.frames."""

import sqlite3

import pandas as pd
import pytest

import massline
import massline.io


def with_gaps(r):
    contacts = [c.id for c in r.contacts]
    for cid in (contacts[1], contacts[2], contacts[-1]):
        r.remove(cid)
    return r


@pytest.fixture(scope="module")
def quyuan():
    return with_gaps(massline.synth.generate("quyuan", seed=5))


def test_round_trip_keeps_ids_gaps_and_next_ids(quyuan, tmp_path):
    path = tmp_path / "r.sqlite"
    assert massline.io.save(quyuan, path) is None
    back = massline.io.load(path)
    assert back == quyuan
    assert back.contacts.id_bound == quyuan.contacts.id_bound
    # CSV -> registry -> SQLite -> JSON -> registry
    massline.io.save(quyuan, tmp_path / "csv")
    from_csv = massline.io.load(tmp_path / "csv")
    massline.io.save(from_csv, tmp_path / "chain.db")
    assert massline.io.from_json(massline.io.to_json(massline.io.load(tmp_path / "chain.db"))) == from_csv


def test_pandas_read_sql_sees_the_frames(quyuan, tmp_path):
    path = tmp_path / "r.sqlite"
    massline.io.save(quyuan, path)
    with sqlite3.connect(path) as connection:
        households = pd.read_sql("SELECT * FROM households ORDER BY id", connection)
        contacts = pd.read_sql("SELECT id, member, household, mode, date FROM contacts ORDER BY id", connection)
        stages = pd.read_sql("SELECT stage, count(*) AS n FROM appeals GROUP BY stage", connection)
    frame = massline.frames.households(quyuan)
    assert list(households["id"]) == list(frame["id"])
    assert list(households["size"]) == list(frame["size"])
    expected = massline.frames.contacts(quyuan)
    assert list(contacts["id"]) == list(expected["id"])
    assert list(contacts["mode"]) == list(expected["mode"].astype(str))
    assert list(pd.to_datetime(contacts["date"])) == list(expected["date"])
    by_stage = massline.frames.appeals(quyuan)["stage"].astype(str).value_counts()
    assert dict(zip(stages["stage"], stages["n"])) == by_stage.to_dict()


def test_appends_take_the_next_ids(quyuan, tmp_path):
    path = tmp_path / "r.sqlite"
    massline.io.save(quyuan, path)
    expected = quyuan.copy()
    contacts = list(quyuan.contacts)[:3]
    want = [expected.add(c) for c in contacts]
    got = massline.io.append_contacts(path, contacts)
    assert got == want and all(isinstance(i, massline.ContactId) for i in got)
    appeals = list(quyuan.appeals)[:2]
    for i, a in enumerate(appeals):
        a.code = f"NEW-{i}"
    assert massline.io.append_appeals(path, appeals) == [expected.add(a) for a in appeals]
    household = list(quyuan.households)[0]
    response = massline.SurveyResponse(respondent=household.id, target=household.unit,
                                       period=massline.Period.year(2024))
    assert massline.io.append_survey_responses(path, [response]) == [expected.add(response)]
    assert massline.io.load(path) == expected


def test_a_bad_append_writes_nothing(quyuan, tmp_path):
    path = tmp_path / "r.sqlite"
    massline.io.save(quyuan, path)
    bad = list(quyuan.contacts)[:2]
    bad[1].member = massline.MemberId(99999)
    with pytest.raises(massline.IntegrityError) as info:
        massline.io.append_contacts(path, bad)
    assert info.value.code == "integrity.dangling"
    assert "appended contact 1" in str(info.value) and info.value.where.file == str(path)
    with pytest.raises(TypeError):
        massline.io.append_contacts(path, [list(quyuan.appeals)[0]])
    with pytest.raises(TypeError):
        massline.io.append_contacts(path, "contacts")
    assert massline.io.load(path) == quyuan


@pytest.mark.parametrize("content, code", [
    (b"id,code\n1,x\n", "sqlite_store.format"),
    (b"", "sqlite_store.format"),
    (b"SQLite format 3\x00" + b"\x00" * 50, "sqlite_store."),
], ids=["text", "empty", "header-only"])
def test_what_is_not_a_store_is_refused_and_left_alone(quyuan, tmp_path, content, code):
    path = tmp_path / "r.sqlite"
    path.write_bytes(content)
    with pytest.raises(massline.ParseError) as info:
        massline.io.load(path)
    assert info.value.code.startswith(code) and info.value.where.file == str(path)
    if content:
        with pytest.raises(massline.ParseError):
            massline.io.save(quyuan, path)
        assert path.read_bytes() == content
    else:  # an empty file is an empty database (as `touch r.sqlite` leaves): a save fills it
        massline.io.save(quyuan, path)
        assert massline.io.load(path) == quyuan


def test_truncated_newer_and_tampered_stores(quyuan, tmp_path):
    path = tmp_path / "r.sqlite"
    massline.io.save(quyuan, path)
    data = path.read_bytes()
    (tmp_path / "cut.sqlite").write_bytes(data[: len(data) // 2])
    with pytest.raises(massline.ParseError) as info:
        massline.io.load(tmp_path / "cut.sqlite")
    assert info.value.code in ("sqlite_store.corrupt", "sqlite_store.format")

    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {massline.io.STORE_VERSION + 1}")
    with pytest.raises(massline.ParseError) as info:
        massline.io.load(path)
    assert info.value.code == "sqlite_store.version" and "newer" in str(info.value)

    massline.io.save(quyuan.copy(), tmp_path / "t.sqlite")
    connection = sqlite3.connect(tmp_path / "t.sqlite")
    first = connection.execute("SELECT min(id) FROM households").fetchone()[0]
    connection.execute("UPDATE households SET unit = 4242 WHERE id = ?", (first,))
    connection.commit()
    connection.close()
    with pytest.raises(massline.ParseError) as info:  # the household, and what refers to it
        massline.io.load(tmp_path / "t.sqlite")
    assert info.value.code == "registry_file.problems"
    assert (f"[massline.integrity.dangling] reference to a missing organization (at {tmp_path / 't.sqlite'} "
            f"column 'unit', table 'households' id {first} ") in str(info.value)


def test_an_older_store_is_upgraded(quyuan, tmp_path):
    path = tmp_path / "r.sqlite"
    massline.io.save(quyuan, path)
    with sqlite3.connect(path) as connection:
        connection.executescript("ALTER TABLE appeals DROP COLUMN stage; ALTER TABLE activities DROP COLUMN attendance;"
                                 "PRAGMA user_version = 1;")
    assert massline.io.store_version(path) == 1
    assert massline.io.load(path) == quyuan
    assert massline.io.store_version(path) == massline.io.STORE_VERSION
