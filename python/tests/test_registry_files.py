"""massline.io.load/save: the registry JSON file and the registry CSV directory (issue 13,
items 2 and 3; the SQLite store has test_sqlite_store.py). Round trips keep ids and gaps; bad files give located errors and no registry;
one exported CSV is checked against massline.frames with pandas."""

import os

import pytest

import massline
import massline.io


def with_gaps(r):
    contacts = [c.id for c in r.contacts]
    for cid in (contacts[1], contacts[2], contacts[-1]):
        r.remove(cid)
    pairings = [p.id for p in r.pairings]
    r.remove(pairings[3])
    return r


@pytest.fixture(scope="module")
def quyuan():
    return with_gaps(massline.synth.generate("quyuan", seed=5))


def test_json_round_trip_keeps_ids_and_gaps(quyuan, tmp_path):
    path = tmp_path / "r.json"
    assert massline.io.save(quyuan, path) is None
    back = massline.io.load(path)
    assert back == quyuan
    assert [c.id for c in back.contacts] == [c.id for c in quyuan.contacts]
    assert massline.io.from_json(massline.io.to_json(quyuan)) == quyuan
    assert massline.io.load(str(path)) == quyuan  # str paths too


def test_csv_round_trip_then_json(quyuan, tmp_path):
    directory = tmp_path / "tables"
    massline.io.save(quyuan, directory, byte_order_mark=True, chinese_headers=True)
    assert (directory / "organizations.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    from_csv = massline.io.load(directory)
    assert from_csv == quyuan
    assert massline.io.from_json(massline.io.to_json(from_csv)) == quyuan


def test_equality_sees_changes_and_registries_are_unhashable(quyuan):
    other = massline.io.from_json(massline.io.to_json(quyuan))
    assert other == quyuan and not (other != quyuan)
    household = next(iter(other.households))
    household.size += 1
    other.update(household)
    assert other != quyuan
    assert (quyuan == "registry") is False
    with pytest.raises(TypeError):
        hash(quyuan)


def test_csv_matches_the_frames(quyuan, tmp_path):
    pd = pytest.importorskip("pandas")
    massline.io.save(quyuan, tmp_path / "t")
    csv = pd.read_csv(tmp_path / "t" / "households.csv", keep_default_na=False, dtype={"code": str, "category": str})
    frame = massline.frames.households(quyuan)
    assert list(csv["id"]) == list(frame["id"])
    assert list(csv["unit"]) == list(frame["unit"])
    assert list(csv["size"]) == list(frame["size"])
    assert list(csv["code"]) == list(frame["code"])
    assert list(csv["party_household"]) == list(frame["party_household"])
    names = [c[len("category_"):] for c in frame.columns if c.startswith("category_")]
    assert names
    for name in names:
        in_csv = [name in cell.split("|") for cell in csv["category"]]
        assert in_csv == list(frame[f"category_{name}"]), name
    contacts = pd.read_csv(tmp_path / "t" / "contacts.csv", parse_dates=["date"])
    assert list(contacts["date"]) == list(massline.frames.contacts(quyuan)["date"])


def test_sqlite_paths_are_the_store(quyuan, tmp_path):
    for name in ("r.sqlite", "r.SQLITE3", "r.db"):
        massline.io.save(quyuan, tmp_path / name)
        assert massline.io.load(tmp_path / name) == quyuan
        assert massline.io.store_version(tmp_path / name) == massline.io.STORE_VERSION
    with pytest.raises(massline.InvalidArgument) as info:
        massline.io.save(quyuan, tmp_path / "x.sqlite", chinese_headers=True)
    assert info.value.code == "registry_io.option"
    assert not (tmp_path / "x.sqlite").exists()


def test_wrong_arguments_are_type_errors(quyuan, tmp_path):
    with pytest.raises(TypeError):
        massline.io.load(3)
    with pytest.raises(TypeError):
        massline.io.save("not a registry", tmp_path / "r.json")
    with pytest.raises(TypeError):
        massline.io.save(quyuan, tmp_path / "d", byte_order_mark=1)
    with pytest.raises(massline.InvalidArgument):
        massline.io.save(quyuan, tmp_path / "r.json", chinese_headers=True)


BAD_JSON = [
    (b"", "registry_json.syntax"),
    (b'{"format": "massline.registry", "version": 1, "tables": {"organizations": {"columns": [', "registry_json.syntax"),
    (b'{"format": "massline.registry\xff", "version": 1}', "registry_json.encoding"),
    (b'{"format": "massline.registry", "version": 9, "tables": {}}', "registry_json.format"),
]


@pytest.mark.parametrize("data, code", BAD_JSON)
def test_bad_json_files_give_located_errors(tmp_path, data, code):
    path = tmp_path / "bad.json"
    path.write_bytes(data)
    with pytest.raises(massline.ParseError) as info:
        massline.io.load(path)
    assert info.value.code == code
    assert info.value.where.file == str(path)


def test_what_is_not_a_registry_file_is_refused(tmp_path):
    (tmp_path / "dir.json").mkdir()
    for path in (tmp_path / "dir.json", tmp_path / "missing.json", tmp_path / "missing_dir"):
        with pytest.raises(massline.ParseError) as info:
            massline.io.load(path)
        assert info.value.code in ("registry_json.io", "registry_csv.io"), info.value
        assert str(path) in str(info.value)


def test_bad_csv_problems_are_listed_together(tmp_path):
    directory = tmp_path / "bad"
    directory.mkdir()
    header = "id,code,name,level,parent,sector,kind,has_service_station,is_service_point\n"
    (directory / "organizations.csv").write_text(
        header + "0,C,县,county,,rural,branch,false,false\n0,D,镇,township,0,rural,branch,false,false\n"
        "2,E,x,grid,0,rural,branch,maybe,false\n", encoding="utf-8")
    (directory / "households.csv").write_bytes(b"id,code,unit,party_household,size,category\n0,\xe9,2,false,1,\n")
    with pytest.raises(massline.ParseError) as info:
        massline.io.load(directory)
    message = str(info.value)
    assert info.value.code == "registry_file.problems"
    assert "3 problems" in message
    assert "organizations.csv row 3 column 'id'" in message  # duplicate id
    assert "organizations.csv row 4 column 'has_service_station'" in message
    assert "households.csv" in message and "csv.encoding" in message


def test_huge_csv_field_is_refused(tmp_path):
    directory = tmp_path / "huge"
    directory.mkdir()
    header = "id,code,name,level,parent,sector,kind,has_service_station,is_service_point\n"
    with open(directory / "organizations.csv", "w", encoding="utf-8") as out:
        out.write(header + "0,C," + "x" * (17 << 20) + ",county,,rural,branch,false,false\n")
    with pytest.raises(massline.ParseError) as info:
        massline.io.load(directory)
    assert info.value.code == "csv.limit"


def test_an_import_changes_no_existing_registry(quyuan, tmp_path):
    before = massline.io.to_json(quyuan)
    directory = tmp_path / "d"
    massline.io.save(quyuan, directory)
    (directory / "activities.csv").write_text("id,kind,organization,date,ad_hoc,topic\n0,training,0,2023-02-29,false,t\n")
    with pytest.raises(massline.Error):
        massline.io.load(directory)
    assert massline.io.to_json(quyuan) == before
    assert os.path.exists(directory / "members.csv")


def test_formats_doc_lists_every_table_file_and_label():
    doc = (os.path.dirname(__file__) + "/../../docs/formats.md")
    with open(doc, encoding="utf-8") as f:
        text = f.read()
    section = text[text.index("## Registry CSV directory"):text.index("## Registry import errors")]
    labels = text[text.index("### Chinese column labels"):]
    for table in massline.frames.TABLES:
        assert f"`{table}.csv`" in section, table
    names = {name for table in massline.frames.TABLES for name in _column_names(table)}
    for name in names:
        label = massline.io.chinese_column_label(name)
        assert label and f"| `{name}` | {label} |" in labels, name


def _column_names(table):
    header = massline.io.to_json(massline.Registry())
    import json

    return json.loads(header)["tables"][table]["columns"]
