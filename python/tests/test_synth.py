"""massline.synth: the fixed entry point generate(preset, seed=0, **params)."""

from __future__ import annotations

import threading
import time

import pandas as pd
import pytest

import massline as ml
from massline import frames, synth


def test_presets_listed():
    assert synth.PRESETS == ("quyuan", "wujiagang", "county")


@pytest.mark.parametrize("preset", ["quyuan", "wujiagang"])
def test_real_presets(preset):
    reg = synth.generate(preset)
    assert isinstance(reg, ml.Registry)
    assert len(reg.households) > 0 and len(reg.members) > 0
    levels = {int(o.level) for o in reg.organizations}
    assert levels <= {1, 2, 3, 4} and 4 in levels
    assert reg.validate() == []
    if preset == "quyuan":
        # docs/domain.md: Quyuan town has 7,902 households, 66 village groups, 884 members
        assert len(reg.households) == 7902
        assert len([o for o in reg.organizations if o.level == 4]) == 66
        assert len(reg.members) == 884


def test_county_with_overrides():
    reg = synth.generate("county", seed=5, households=3000, contacts=False, appeals=False)
    assert len(reg.households) == 3000
    assert len(reg.contacts) == 0 and len(reg.appeals) == 0
    assert len([o for o in reg.organizations if o.level == 1]) == 1
    assert reg.validate() == []


def test_deterministic_by_seed():
    a = synth.generate("county", seed=11, households=2000)
    b = synth.generate("county", seed=11, households=2000)
    c = synth.generate("county", seed=12, households=2000)
    for name in frames.TABLES:
        pd.testing.assert_frame_equal(frames.frame(a, name), frames.frame(b, name), obj=name)
    assert not frames.households(a).equals(frames.households(c)) or not frames.contacts(a).equals(frames.contacts(c))
    assert synth.generate("quyuan").households.ids() == synth.generate("quyuan", seed=0).households.ids()


def test_unknown_parameter_is_a_clear_value_error():
    with pytest.raises(ValueError) as info:
        synth.generate("county", househlds=10)
    e = info.value
    assert isinstance(e, ml.InvalidArgument) and e.code == "synth.unknown_parameter"
    assert "househlds" in str(e) and "households" in str(e)  # names the closest known parameter


def test_bad_values():
    with pytest.raises(ml.InvalidArgument, match="synth.bad_parameter") as info:
        synth.generate("county", households=-5)
    assert "households" in str(info.value)
    with pytest.raises(ml.InvalidArgument, match="synth.bad_parameter"):
        synth.generate("county", households=10.5)  # a count must be whole
    with pytest.raises(ml.InvalidArgument, match="synth.bad_parameter"):
        synth.generate("county", contacts=2)  # a flag is 0/1
    with pytest.raises(TypeError, match="'households' must be a number"):
        synth.generate("county", households="many")
    with pytest.raises(ml.InvalidArgument, match="synth.unknown_preset") as info:
        synth.generate("atlantis")
    assert "quyuan" in str(info.value)
    with pytest.raises(TypeError):
        synth.generate(3)
    with pytest.raises(TypeError):
        synth.generate("county", seed=1.5)
    with pytest.raises(ValueError, match="seed"):
        synth.generate("county", seed=-1)
    with pytest.raises(ValueError, match="seed"):
        synth.generate("county", seed=2**64)
    assert len(synth.generate("county", seed=2**64 - 1, households=500).households) == 500


def test_non_numeric_parameters():
    reg = synth.generate("county", seed=3, households=800, contacts=False, appeals=False, code_prefix="ZX",
                         community_kind="village_group", grid_kind=ml.OrgKind.branch)
    orgs = frames.organizations(reg)
    assert set(orgs.loc[orgs.level == "community", "kind"].astype(str)) == {"village_group"}
    assert set(orgs.loc[orgs.level == "grid", "kind"].astype(str)) == {"branch"}
    assert frames.households(reg)["code"].str.startswith("ZX").all()
    with pytest.raises(ml.InvalidArgument, match="synth.bad_parameter") as info:
        synth.generate("county", households=500, grid_kind="hamlet")
    assert "grid_kind" in str(info.value) and "village_group" in str(info.value)
    with pytest.raises(ml.InvalidArgument, match="code_prefix"):
        synth.generate("county", households=500, code_prefix="")  # codes are on by default
    with pytest.raises(TypeError, match="code_prefix"):
        synth.generate("county", households=500, code_prefix=7)
    with pytest.raises(TypeError, match="community_kind"):
        synth.generate("county", households=500, community_kind=3)


def test_parameters_and_preset_values():
    params = synth.parameters()
    names = [p.name for p in params]
    assert "households" in names and len(names) == len(set(names))
    info = params[names.index("households")]
    assert info.type == synth.ParameterType.count and info.min <= 100000 <= info.max and info.description
    values = synth.preset("quyuan")
    assert set(values) == set(names)
    assert isinstance(values["households"], int) and values["households"] == 7902
    flags = [p.name for p in params if p.type == synth.ParameterType.flag]
    assert flags and all(isinstance(values[name], bool) for name in flags)
    reals = [p.name for p in params if p.type == synth.ParameterType.real]
    assert reals and all(isinstance(values[name], float) for name in reals)
    with pytest.raises(ml.InvalidArgument, match="synth.unknown_preset"):
        synth.preset("nowhere")
    # a preset's own values are accepted back as overrides and change nothing
    small = dict(synth.preset("county"), households=1500)
    pd.testing.assert_frame_equal(frames.households(synth.generate("county", seed=2, **small)),
                                  frames.households(synth.generate("county", seed=2, households=1500)))


def test_generation_releases_the_gil():
    started = time.perf_counter()
    synth.generate("county", seed=1, households=60000)
    solo = time.perf_counter() - started

    result = {}

    def work():
        result["registry"] = synth.generate("county", seed=1, households=60000)

    worker = threading.Thread(target=work)
    ticks = []
    worker.start()
    while worker.is_alive():
        ticks.append(time.perf_counter())
        time.sleep(0.001)
    worker.join()
    assert len(result["registry"].households) == 60000
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    # With the GIL held for the whole generation the main thread would stall for about `solo`
    # seconds in one gap; released, it keeps ticking.
    assert solo > 0.05, f"generation too fast to measure ({solo:.3f} s)"
    assert len(ticks) > 5 and max(gaps) < 0.5 * solo, (solo, max(gaps), len(ticks))
