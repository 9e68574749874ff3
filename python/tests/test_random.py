"""massline.RandomStream: keyed deterministic streams (C++ massline/core/random.hpp)."""

from __future__ import annotations

import copy
import pickle

import numpy as np
import pytest

import massline as ml
from massline import RandomStream


# ---- an independent model of docs/core.md "Random streams" (pure Python) ---------------------

M64 = 2**64 - 1


def mix(z):
    z ^= z >> 30
    z = (z * 0xBF58476D1CE4E5B9) & M64
    z ^= z >> 27
    z = (z * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


def fnv1a64(text):
    h = 0xCBF29CE484222325
    for byte in text.encode():
        h = ((h ^ byte) * 0x100000001B3) & M64
    return h


def step(key, v, salt):
    hi, lo = key
    lo = mix((lo + v * 0xD1342543DE82EF95 + salt) & M64)
    return mix(hi ^ lo ^ 0x3C6EF372FE94F82B), lo


def model_key(seed, *parts):
    key = (mix(seed ^ 0x6A09E667F3BCC908), mix(seed ^ 0xBB67AE8584CAA73B))
    for part in parts:
        if isinstance(part, str):
            key = step(key, fnv1a64(part), 0xA54FF53A5F1D36F1)
        elif isinstance(part, int):
            key = step(key, part & M64, 0x9E3779B97F4A7C15)
        else:  # a massline id: its kind, then its number
            key = step(key, fnv1a64(type(part).kind), 0x510E527FADE682D1)
            key = step(key, part.value, 0x9E3779B97F4A7C15)
    return key


def model_outputs(key, n):
    def splitmix(state):
        while True:
            state = (state + 0x9E3779B97F4A7C15) & M64
            yield mix(state)

    a, b = splitmix(key[0]), splitmix(key[1])
    s = [next(a), next(b), next(a), next(b)]
    out = []
    for _ in range(n):
        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & M64  # noqa: E731
        out.append((rotl((s[1] * 5) & M64, 7) * 9) & M64)
        t = (s[1] << 17) & M64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
    return out


@pytest.mark.parametrize("seed,parts", [(0, ()), (42, (0, 0)), (2**64 - 1, ("visits",)),
                                        (7, (3, ml.HouseholdId(12), "appeals", -5))])
def test_matches_an_independent_model_of_the_documented_algorithm(seed, parts):
    stream = RandomStream(seed).derive(*parts)
    assert stream.key == model_key(seed, *parts)
    assert stream.bits(size=8).tolist() == model_outputs(model_key(seed, *parts), 8)


def test_same_key_same_numbers_and_derivation_rules():
    a, b = RandomStream(7), RandomStream(7)
    assert [a.bits() for _ in range(5)] == [b.bits() for _ in range(5)]
    assert RandomStream(8).bits() != RandomStream(7).bits()
    root = RandomStream(9)
    child = root.derive(1, "visits")
    root.uniform(size=1000)  # drawing from a parent does not move its children
    assert root.derive(1, "visits") == child
    assert root.derive(1, "visits").key == root.derive(1).derive("visits").key
    assert RandomStream(9, 2, 3).key == RandomStream(9).derive(2, 3).key
    assert RandomStream(9, 2, ml.HouseholdId(3)).key == RandomStream(9).derive(2, ml.HouseholdId(3)).key
    # an id's kind is part of the key; ints are taken modulo 2**64
    assert root.derive(ml.OrgId(3)).key != root.derive(ml.MemberId(3)).key != root.derive(3).key
    assert root.derive(-1).key == root.derive(2**64 - 1).key
    assert root.derive("a").key != root.derive("b").key


def test_arrays_are_the_same_numbers_as_single_draws():
    draws = {
        "bits": ((), np.uint64),
        "uniform": ((2.0, 5.0), np.float64),
        "uniform_index": ((10,), np.uint64),
        "uniform_int": ((-3, 3), np.int64),
        "bernoulli": ((0.3,), np.bool_),
        "normal": ((1.0, 2.0), np.float64),
        "exponential": ((0.5,), np.float64),
        "poisson": ((25.0,), np.uint64),
        "binomial": ((40, 0.4), np.uint64),
    }
    for name, (args, dtype) in draws.items():
        one, many = RandomStream(3).derive(name), RandomStream(3).derive(name)
        singles = [getattr(one, name)(*args) for _ in range(50)]
        array = getattr(many, name)(*args, size=50)
        assert array.dtype == dtype and array.shape == (50,), name
        assert array.tolist() == singles, name
        assert getattr(one, name)(*args) == getattr(many, name)(*args), name  # both streams moved alike
    assert RandomStream(1).uniform(size=0).shape == (0,)


def test_moments_are_plausible():
    s = RandomStream(2024)
    u = s.uniform(size=200_000)
    assert 0.0 <= u.min() and u.max() < 1.0 and abs(u.mean() - 0.5) < 0.005
    x = s.normal(10.0, 3.0, size=200_000)
    assert abs(x.mean() - 10.0) < 0.05 and abs(x.std() - 3.0) < 0.05
    k = s.poisson(4.5, size=200_000)
    assert abs(k.mean() - 4.5) < 0.03 and abs(k.var() - 4.5) < 0.1
    n = s.binomial(30, 0.2, size=200_000)
    assert abs(n.mean() - 6.0) < 0.03 and abs(n.var() - 4.8) < 0.1
    i = s.uniform_int(1, 6, size=60_000)
    assert set(np.unique(i)) == {1, 2, 3, 4, 5, 6}


def test_checkpoint_copy_and_pickle_resume_mid_sequence():
    s = RandomStream(5).derive("x")
    s.bits(size=17)
    for clone in (copy.copy(s), copy.deepcopy(s), s.copy(), pickle.loads(pickle.dumps(s)),
                  RandomStream.from_checkpoint(s.key, s.state)):
        assert clone == s
        assert clone.bits(size=5).tolist() == s.copy().bits(size=5).tolist()
    fresh = RandomStream.from_checkpoint(s.key)
    assert fresh == RandomStream(5).derive("x")
    assert fresh != s


def test_bad_arguments_are_clear_errors_and_draw_nothing():
    s = RandomStream(1)
    before = s.state
    for call in (lambda: s.uniform(1.0, 1.0), lambda: s.uniform_index(0), lambda: s.uniform_int(3, 2),
                 lambda: s.bernoulli(1.5), lambda: s.normal(0.0, -1.0), lambda: s.exponential(0.0),
                 lambda: s.poisson(-1.0), lambda: s.binomial(5, 2.0), lambda: s.bernoulli(2.0, size=0),
                 lambda: s.poisson(-1.0, size=10)):
        with pytest.raises(ml.InvalidArgument) as info:
            call()
        assert info.value.code == "random.invalid_argument"
    assert s.state == before
    with pytest.raises(ml.InvalidArgument, match="size"):
        s.uniform(size=-1)
    with pytest.raises(ml.InvalidArgument, match="seed"):
        RandomStream(-1)
    with pytest.raises(ml.InvalidArgument, match="seed"):
        RandomStream(2**64)
    assert RandomStream(2**64 - 1).bits() >= 0
    with pytest.raises(TypeError):
        RandomStream(1.5)
    with pytest.raises(TypeError, match="key parts"):
        s.derive(1.5)
    with pytest.raises(TypeError, match="key parts"):
        s.derive(True)
    with pytest.raises(ml.InvalidArgument) as info:
        RandomStream.from_checkpoint(s.key, (0, 0, 0, 0))
    assert info.value.code == "random.invalid_state"
    with pytest.raises(TypeError):
        RandomStream.from_checkpoint((1, 2, 3))
