"""massline.PathModel (python/massline/_pls.py) against published PLS results on
tests/data/satisfaction_bank.csv. The expected numbers are read from
tests/data/pls_bank_reference.md (R plspm fixtures and ADANCO 2.2.1 tables copied there from
their public sources), so this file does not retype them; the C++ tests carry literal copies."""
from __future__ import annotations

import importlib.util
import io
import pathlib
import re
import threading

import numpy as np
import pandas as pd
import pytest

import massline
from massline._pls import PathModel, PathModelBootstrap, PathModelResult

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
REFERENCE = (DATA / "pls_bank_reference.md").read_text(encoding="utf-8")

BLOCKS = {
    "IMAG": [f"imag{i}" for i in range(1, 6)],
    "EXPE": [f"expe{i}" for i in range(1, 6)],
    "QUAL": [f"qual{i}" for i in range(1, 6)],
    "VAL": [f"val{i}" for i in range(1, 5)],
    "SAT": [f"sat{i}" for i in range(1, 5)],
    "LOY": [f"loy{i}" for i in range(1, 5)],
}
PATHS = [("IMAG", "EXPE"), ("EXPE", "QUAL"), ("EXPE", "VAL"), ("QUAL", "VAL"),
         ("IMAG", "SAT"), ("EXPE", "SAT"), ("QUAL", "SAT"), ("VAL", "SAT"),
         ("IMAG", "LOY"), ("SAT", "LOY")]
LV = list(BLOCKS)
MV = [c for cols in BLOCKS.values() for c in cols]
PLSPM = dict(scheme="centroid", standardize=False, tolerance=1e-6, max_iterations=100, stop_rule="plspm")


# ---- reading the reference file -----------------------------------------------------------

def plspm_csv(name: str) -> pd.DataFrame:
    """The fenced csv block that follows the caption naming plspm-python tests/data/<name>."""
    match = re.search(r"tests/data/" + re.escape(name) + r"`[^\n]*\n+```csv\n(.*?)```", REFERENCE, re.S)
    assert match, name
    return pd.read_csv(io.StringIO(match.group(1)), index_col=0)


def adanco_sheet(model: str, sheet: str) -> list[list[str]]:
    """Rows (cells as text) of the markdown table under *Sheet "<sheet>"* in the ADANCO section."""
    section = REFERENCE.split(f"#### ADANCO 2.2.1 — {model}")[1].split("####")[0]
    table = section.split(f'*Sheet "{sheet}"*')[1].strip().split("\n\n")[0]
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in table.splitlines()]
    return [r for r in rows[2:]]  # drop header and separator


def adanco_diagonal_column(model: str, sheet: str) -> pd.Series:
    """Weights/Loadings sheets: one non-empty cell per indicator row."""
    out = {}
    for row in adanco_sheet(model, sheet):
        cells = [c for c in row[1:] if c]
        if row[0] in MV:
            out[row[0]] = float(cells[0])
    return pd.Series(out)


def adanco_lower_triangle(model: str, sheet: str) -> pd.DataFrame:
    values = pd.DataFrame(np.nan, index=LV, columns=LV)
    for row in adanco_sheet(model, sheet):
        for j, cell in enumerate(row[1:]):
            if cell:
                values.loc[row[0], LV[j]] = float(cell)
    return values


@pytest.fixture(scope="module")
def bank() -> pd.DataFrame:
    return pd.read_csv(DATA / "satisfaction_bank.csv", index_col=0)


@pytest.fixture(scope="module")
def plspm_fit(bank) -> PathModelResult:
    return PathModel(BLOCKS, PATHS).fit(bank, **PLSPM)


# ---- plspm -------------------------------------------------------------------------------

def test_mode_a_outer_model_matches_plspm(plspm_fit):
    expected = plspm_csv("satisfaction.outer-model.csv")
    assert plspm_fit.iterations == 4
    for column, actual in [("weight", plspm_fit.weights), ("loading", plspm_fit.loadings),
                           ("communality", plspm_fit.communality), ("redundancy", plspm_fit.redundancy)]:
        np.testing.assert_allclose(actual[expected.index], expected[column], rtol=0, atol=1e-10,
                                   err_msg=column)
    assert (plspm_fit.block[expected.index] == expected["block"]).all()
    pd.testing.assert_frame_equal(plspm_fit.outer_model.loc[expected.index, ["block"]],
                                  expected[["block"]], check_names=False)


def test_mode_a_inner_model_matches_plspm(plspm_fit):
    summary = plspm_csv("satisfaction.inner-summary.csv")
    np.testing.assert_allclose(plspm_fit.inner_summary.loc[summary.index, "r_squared"],
                               summary["r_squared"], atol=1e-10)
    np.testing.assert_allclose(plspm_fit.r_squared, summary["r_squared"][plspm_fit.r_squared.index], atol=1e-10)
    np.testing.assert_allclose(plspm_fit.ave[summary.index], summary["ave"], atol=1e-10)
    np.testing.assert_allclose(plspm_fit.inner_summary["block_communality"], summary["block_communality"], atol=1e-10)
    np.testing.assert_allclose(plspm_fit.mean_redundancy[summary.index], summary["mean_redundancy"], atol=1e-10)
    assert list(plspm_fit.inner_summary["type"]) == list(summary["type"])

    effects = plspm_csv("satisfaction.effects.csv")
    ours = plspm_fit.effects.loc[effects.index]
    assert list(ours["from"]) == list(effects["from"]) and list(ours["to"]) == list(effects["to"])
    for column in ("direct", "indirect", "total"):
        np.testing.assert_allclose(ours[column], effects[column], atol=1e-10, err_msg=column)
    for _, row in effects.iterrows():
        assert plspm_fit.paths.loc[row["from"], row["to"]] == pytest.approx(row["direct"], abs=1e-10)

    inner = plspm_csv("satisfaction.inner-model.csv")  # regression of SAT
    np.testing.assert_allclose(plspm_fit.paths.loc[inner.index, "SAT"], inner["Estimate"], atol=1e-10)
    assert plspm_fit.gof == pytest.approx(0.609741624338411, abs=1e-10)


def test_unidimensionality_matches_plspm(plspm_fit):
    expected = plspm_csv("satisfaction_unidim.csv")
    ours = plspm_fit.unidimensionality.loc[expected.index]
    assert list(ours["mode"]) == list(expected["mode"]) and list(ours["mvs"]) == list(expected["mvs"])
    for column in ("cronbach_alpha", "dillon_goldstein_rho", "eig_1st", "eig_2nd"):
        np.testing.assert_allclose(ours[column], expected[column], atol=1e-10, err_msg=column)
    # plspm's alpha is the standardised one; the raw one (covariances) differs.
    np.testing.assert_allclose(plspm_fit.cronbach_alpha_standardized[expected.index],
                               expected["cronbach_alpha"], atol=1e-10)
    assert (plspm_fit.cronbach_alpha - plspm_fit.cronbach_alpha_standardized).abs().max() > 1e-4


def test_mode_b_matches_plspm_early_stop(bank):
    expected = plspm_csv("satisfaction.modeb.inner-summary.csv")
    fit = PathModel(BLOCKS, PATHS, modes={lv: "B" for lv in LV}).fit(bank, **PLSPM)
    assert fit.iterations == 6
    np.testing.assert_allclose(fit.inner_summary.loc[expected.index, "r_squared"], expected["r_squared"], atol=1e-10)
    np.testing.assert_allclose(fit.inner_summary.loc[expected.index, "block_communality"],
                               expected["block_communality"], atol=1e-10)
    np.testing.assert_allclose(fit.mean_redundancy[expected.index], expected["mean_Redundancy"], atol=1e-10)


def test_converged_mode_a_agrees_with_plspm_to_six_decimals(bank):
    expected = plspm_csv("satisfaction.outer-model.csv")
    fit = PathModel(BLOCKS, PATHS).fit(bank, standardize=False)
    assert fit.iterations > 4 and fit.final_change < 1e-10
    np.testing.assert_allclose(fit.weights[expected.index], expected["weight"], atol=1e-6)
    np.testing.assert_allclose(fit.loadings[expected.index], expected["loading"], atol=1e-6)
    assert fit.gof == pytest.approx(0.609741624338411, abs=1e-6)


# ---- ADANCO ------------------------------------------------------------------------------

def test_mode_b_composite_matches_adanco(bank):
    fit = PathModel(BLOCKS, PATHS, modes={lv: "B" for lv in LV}).fit(bank)
    model = "COMPOSITE model (all Mode B)"
    np.testing.assert_allclose(fit.weights[MV], adanco_diagonal_column(model, "Weights")[MV], atol=1e-6)
    np.testing.assert_allclose(fit.loadings[MV], adanco_diagonal_column(model, "Loadings")[MV], atol=1e-6)
    r2 = {row[0]: (float(row[1]), float(row[2])) for row in adanco_sheet(model, "R-Squared")}
    for lv, (value, adjusted) in r2.items():
        assert fit.r_squared[lv] == pytest.approx(value, abs=1e-6), lv
        assert fit.adjusted_r_squared[lv] == pytest.approx(adjusted, abs=1e-6), lv
    for row in adanco_sheet(model, "Effect Overview"):
        source, target = row[0].split(" -> ")
        direct = float(row[1]) if row[1] else 0.0
        indirect = float(row[2]) if row[2] else 0.0
        assert fit.paths.loc[source, target] == pytest.approx(direct, abs=1e-6), row[0]
        assert fit.indirect_effects.loc[source, target] == pytest.approx(indirect, abs=1e-6), row[0]
        assert fit.total_effects.loc[source, target] == pytest.approx(float(row[3]), abs=1e-6), row[0]
    correlations = adanco_lower_triangle(model, "Inter-Construct Correlations")
    mask = correlations.notna().to_numpy()
    np.testing.assert_allclose(fit.latent_correlations.to_numpy()[mask], correlations.to_numpy()[mask], atol=1e-6)


def test_htmt_alpha_rho_a_and_mode_a_weights_match_adanco(bank):
    fit = PathModel(BLOCKS, PATHS).fit(bank)
    model = 'COMMON-FACTOR model (all "Mode A consistent" = PLSc)'
    htmt = adanco_lower_triangle(model, "Discriminant Validity  Heterotr")
    mask = htmt.notna().to_numpy()
    assert mask.sum() == 15
    np.testing.assert_allclose(fit.htmt.to_numpy()[mask], htmt.to_numpy()[mask], atol=1e-6)
    np.testing.assert_allclose(fit.htmt.to_numpy(), fit.htmt.to_numpy().T)  # symmetric (NaN diagonal)
    reliability = {row[0]: [float(c) for c in row[1:]] for row in adanco_sheet(model, "Construct Reliability")}
    for lv, (rho_a, _rho_c_consistent, alpha) in reliability.items():
        assert fit.rho_a[lv] == pytest.approx(rho_a, abs=1e-6), lv
        assert fit.cronbach_alpha_standardized[lv] == pytest.approx(alpha, abs=1e-6), lv
    np.testing.assert_allclose(fit.weights[MV], adanco_diagonal_column(model, "Weights")[MV], atol=1e-6)


def test_consistent_pls_matches_adanco(bank):
    fit = PathModel(BLOCKS, PATHS, modes={lv: "A_consistent" for lv in LV}).fit(bank)
    model = 'COMMON-FACTOR model (all "Mode A consistent" = PLSc)'
    np.testing.assert_allclose(fit.weights[MV], adanco_diagonal_column(model, "Weights")[MV], atol=1e-6)
    np.testing.assert_allclose(fit.loadings[MV], adanco_diagonal_column(model, "Loadings")[MV], atol=1e-6)
    rows = adanco_sheet(model, "Path Coefficients")
    header = rows[0]
    checked = 0
    for row in rows[1:]:
        for target, cell in zip(header[1:], row[1:]):
            expected = float(cell) if cell else 0.0
            assert fit.paths.loc[row[0], target] == pytest.approx(expected, abs=1e-6), (row[0], target)
            checked += bool(cell)
    assert checked == len(PATHS)
    for lv, value, adjusted in adanco_sheet(model, "R-Squared"):
        assert fit.r_squared[lv] == pytest.approx(float(value), abs=1e-6), lv
        assert fit.adjusted_r_squared[lv] == pytest.approx(float(adjusted), abs=1e-6), lv
    for lv, rho_a, rho_c, alpha in adanco_sheet(model, "Construct Reliability"):
        assert fit.rho_a[lv] == pytest.approx(float(rho_a), abs=1e-6), lv
        assert fit.composite_reliability[lv] == pytest.approx(float(rho_c), abs=1e-6), lv
        assert fit.cronbach_alpha_standardized[lv] == pytest.approx(float(alpha), abs=1e-6), lv
    for lv, ave in adanco_sheet(model, "Convergent Validity"):
        assert fit.ave[lv] == pytest.approx(float(ave), abs=1e-6), lv


def test_consistent_mode_names_and_inadmissible_solutions(bank):
    # Case-insensitive, like "A" and "B"; anything else is refused before fitting.
    lower = PathModel(BLOCKS, PATHS, modes={"SAT": "a_consistent"}).fit(bank)
    upper = PathModel(BLOCKS, PATHS, modes={"SAT": "A_CONSISTENT"}).fit(bank)
    pd.testing.assert_frame_equal(lower.paths, upper.paths)
    plain = PathModel(BLOCKS, PATHS).fit(bank)
    q = np.sqrt(plain.rho_a["SAT"])
    assert lower.latent_correlations.loc["SAT", "LOY"] == pytest.approx(plain.latent_correlations.loc["SAT", "LOY"] / q,
                                                                        rel=1e-12)
    with pytest.raises(ValueError, match="'A', 'B' or 'A_consistent'"):
        PathModel(BLOCKS, PATHS, modes={"SAT": "C"})
    # Indicators correlating .3 within and .5 across two blocks: disattenuated correlation 1.67.
    rng = np.random.default_rng(5)
    target = np.array([[1, .3, .5, .5], [.3, 1, .5, .5], [.5, .5, 1, .3], [.5, .5, .3, 1]])
    frame = pd.DataFrame(rng.multivariate_normal(np.zeros(4), target, size=2000), columns=["x1", "x2", "y1", "y2"])
    model = PathModel({"X": ["x1", "x2"], "Y": ["y1", "y2"]}, [("X", "Y")], modes={"X": "A_consistent", "Y": "A_consistent"})
    with pytest.raises(massline.ConvergenceError, match="pls.inadmissible"):
        model.fit(frame)


# ---- against the independent numpy implementation (bench/pls_peer.py) ----------------------

def _peer():
    spec = importlib.util.spec_from_file_location("pls_peer", ROOT / "bench" / "pls_peer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("scheme", ["centroid", "factorial", "path"])
@pytest.mark.parametrize("standardize", [True, False])
def test_consistent_pls_agrees_with_numpy_peer_weighted(bank, scheme, standardize):
    # PLSc mixed with Mode A and Mode B blocks, survey-weighted, standardised or centred: the
    # correction is made on the prepared scale in both implementations.
    peer = _peer()
    weights = 0.5 + (np.arange(len(bank)) % 7) / 3.0
    modes = {"IMAG": "A_consistent", "VAL": "A_consistent", "SAT": "A_consistent", "LOY": "B"}
    fit = PathModel(BLOCKS, PATHS, modes=modes).fit(bank, scheme=scheme, standardize=standardize, weights=weights)
    sizes = [len(v) for v in BLOCKS.values()]
    index_paths = [(LV.index(a), LV.index(b)) for a, b in PATHS]
    ref = peer.fit(bank[MV].to_numpy(float), sizes, index_paths, modes=[modes.get(lv, "A") for lv in LV],
                   scheme=scheme, scaled=standardize, weights=weights)
    np.testing.assert_allclose(fit.construct_reliability[LV], ref["reliability"], atol=1e-9)
    np.testing.assert_allclose(fit.loadings[MV], ref["loadings"], atol=1e-9)
    np.testing.assert_allclose(fit.cross_loadings.loc[MV, LV].to_numpy(), ref["cross_loadings"], atol=1e-9)
    np.testing.assert_allclose(fit.latent_correlations.to_numpy(), ref["latent_correlations"], atol=1e-9)
    np.testing.assert_allclose(fit.paths.to_numpy(), ref["paths"], atol=1e-9)
    np.testing.assert_allclose(fit.r_squared, ref["r_squared"][[LV.index(lv) for lv in fit.r_squared.index]],
                               atol=1e-9)
    assert (fit.construct_reliability[["EXPE", "QUAL", "LOY"]] == 1.0).all()
    assert (fit.construct_reliability[["IMAG", "VAL", "SAT"]] < 1.0).all()


@pytest.mark.parametrize("scheme", ["centroid", "factorial", "path"])
@pytest.mark.parametrize("standardize", [True, False])
def test_agrees_with_numpy_peer_weighted(bank, scheme, standardize):
    peer = _peer()
    weights = 0.5 + (np.arange(len(bank)) % 7) / 3.0
    modes = {"IMAG": "B", "LOY": "B"}
    fit = PathModel(BLOCKS, PATHS, modes=modes).fit(bank, scheme=scheme, standardize=standardize,
                                                    weights=weights)
    sizes = [len(v) for v in BLOCKS.values()]
    index_paths = [(LV.index(a), LV.index(b)) for a, b in PATHS]
    ref = peer.fit(bank[MV].to_numpy(float), sizes, index_paths,
                   modes=[modes.get(lv, "A") for lv in LV], scheme=scheme, scaled=standardize,
                   weights=weights)
    np.testing.assert_allclose(fit.weights[MV], ref["weights"], atol=1e-9)
    np.testing.assert_allclose(fit.loadings[MV], ref["loadings"], atol=1e-9)
    np.testing.assert_allclose(fit.paths.to_numpy(), ref["paths"], atol=1e-9)
    np.testing.assert_allclose(fit.total_effects.to_numpy(), ref["total"], atol=1e-9)
    np.testing.assert_allclose(fit.scores.to_numpy(), ref["scores"], atol=1e-8)
    assert fit.iterations == ref["iterations"]


# ---- facade behaviour ----------------------------------------------------------------------

def test_paths_as_mapping_and_weights_as_column(bank):
    as_dict = {"EXPE": ["IMAG"], "QUAL": "EXPE", "VAL": ["EXPE", "QUAL"],
               "SAT": ["IMAG", "EXPE", "QUAL", "VAL"], "LOY": ["IMAG", "SAT"]}
    a = PathModel(BLOCKS, PATHS).fit(bank)
    b = PathModel(BLOCKS, as_dict).fit(bank)
    pd.testing.assert_frame_equal(a.paths, b.paths)
    assert list(a.paths.index) == LV and a.paths.loc["IMAG", "QUAL"] == 0.0
    assert list(a.r_squared.index) == LV[1:]
    assert list(a.weights.index) == MV and a.block["val3"] == "VAL"
    assert a.scores.index.equals(bank.index)
    np.testing.assert_allclose(a.scores.mean(), 0, atol=1e-12)
    np.testing.assert_allclose(a.scores.var(ddof=0), 1, atol=1e-12)
    assert len(a.effects) == 15

    framed = bank.assign(w=1 + (np.arange(len(bank)) * 7) % 3)
    by_name = PathModel(BLOCKS, PATHS).fit(framed, weights="w")
    by_array = PathModel(BLOCKS, PATHS).fit(framed, weights=framed["w"].to_numpy())
    pd.testing.assert_series_equal(by_name.weights, by_array.weights)
    duplicated = bank.loc[bank.index.repeat(framed["w"])]
    dup = PathModel(BLOCKS, PATHS).fit(duplicated)
    np.testing.assert_allclose(by_name.weights, dup.weights, atol=1e-10)
    np.testing.assert_allclose(by_name.paths, dup.paths, atol=1e-10)
    np.testing.assert_allclose(by_name.htmt.fillna(0), dup.htmt.fillna(0), atol=1e-10)
    assert by_name.weight_sum == pytest.approx(len(duplicated))


def test_errors(bank):
    with pytest.raises(ValueError, match="imag9"):
        PathModel({**BLOCKS, "IMAG": ["imag1", "imag9"]}, PATHS).fit(bank)
    with pytest.raises(ValueError, match="cycle"):
        PathModel(BLOCKS, PATHS + [("LOY", "IMAG")])
    with pytest.raises(ValueError, match="mode"):
        PathModel(BLOCKS, PATHS, modes={"IMAG": "C"})
    with pytest.raises(ValueError, match="unknown latents"):
        PathModel(BLOCKS, PATHS, modes={"TRUST": "A"})
    with pytest.raises(ValueError, match="scheme"):
        PathModel(BLOCKS, PATHS).fit(bank, scheme="horst")
    broken = bank.copy()
    broken.loc[broken.index[4], "sat2"] = np.nan
    with pytest.raises(ValueError, match="sat2"):
        PathModel(BLOCKS, PATHS).fit(broken)
    constant = bank.assign(loy3=3.0)
    with pytest.raises(ValueError, match="loy3"):
        PathModel(BLOCKS, PATHS).fit(constant)
    with pytest.raises(ValueError, match="numeric"):
        PathModel({**BLOCKS, "LOY": ["loy1", "gender"]}, PATHS).fit(bank)
    with pytest.raises(ValueError, match="too few rows"):
        PathModel(BLOCKS, PATHS).fit(bank.head(4))
    with pytest.raises(ArithmeticError, match="after 2 iterations"):
        PathModel(BLOCKS, PATHS).fit(bank, max_iter=2)


def test_bootstrap_is_thread_count_invariant(bank):
    fit = PathModel(BLOCKS, PATHS).fit(bank)
    runs = [fit.bootstrap(n=60, seed=11, threads=t) for t in (1, 2, 4)]
    for other in runs[1:]:
        for name in ("paths", "total_effects", "r_squared", "weights", "loadings"):
            pd.testing.assert_frame_equal(getattr(runs[0], name), getattr(other, name), check_exact=True)
            pd.testing.assert_frame_equal(runs[0].draws[name], other.draws[name], check_exact=True)
    boot = runs[0]
    assert isinstance(boot, PathModelBootstrap) and boot.failed == 0
    assert list(boot.paths.index) == [f"{a} -> {b}" for a, b in PATHS]
    assert list(boot.paths.columns) == ["estimate", "mean", "std_error", "lower", "upper"]
    assert boot.paths.loc["SAT -> LOY", "estimate"] == pytest.approx(fit.paths.loc["SAT", "LOY"], abs=0)
    assert (boot.paths["lower"] <= boot.paths["upper"]).all()
    np.testing.assert_allclose(boot.paths["std_error"], boot.draws["paths"].std(ddof=1), rtol=1e-12)
    np.testing.assert_allclose(boot.paths["lower"], boot.draws["paths"].quantile(0.025), rtol=1e-12)
    assert list(boot.weights.index) == MV and boot.draws["weights"].shape == (60, 27)
    assert len(boot.total_effects) == 15
    assert fit.bootstrap(n=20, seed=12).draws["paths"].iloc[0, 0] != boot.draws["paths"].iloc[0, 0]


def test_bootstrap_releases_the_gil(bank):
    fit = PathModel(BLOCKS, PATHS).fit(bank)
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(1)
            stop.wait(0.001)

    thread = threading.Thread(target=tick)
    thread.start()
    try:
        fit.bootstrap(n=400, seed=3, threads=1)
    finally:
        stop.set()
        thread.join()
    assert len(ticks) > 5  # the Python thread kept running during the C++ bootstrap
