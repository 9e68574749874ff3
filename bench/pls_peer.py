#!/usr/bin/python3
"""Named peer for bench/bench_pls.cpp: a plain numpy PLS path model and bootstrap.

An independent, deliberately straightforward implementation of the same algorithm as
massline::scoring::pls::PathModel (Lohmoeller's iteration on the data matrix, as R plspm does it:
Y = X W, Z = Y E, Mode A w = X'Z/n, Mode B w = (X'X)^-1 X'Z), written for massline so the
benchmark runner can report a speed ratio. No R PLS package is packaged in Debian 12, so this
is the peer. It is also used as an oracle-by-construction in python/tests/test_pls.py.

Run with Debian's interpreter:  /usr/bin/python3 bench/pls_peer.py [--resamples 1000]
Prints one line per timing, "<name> <seconds per run> <runs>", and "# cpu <name> <seconds>".
"""
from __future__ import annotations

import argparse
import pathlib
import time

import numpy as np

BANK_BLOCKS = {
    "IMAG": ["imag1", "imag2", "imag3", "imag4", "imag5"],
    "EXPE": ["expe1", "expe2", "expe3", "expe4", "expe5"],
    "QUAL": ["qual1", "qual2", "qual3", "qual4", "qual5"],
    "VAL": ["val1", "val2", "val3", "val4"],
    "SAT": ["sat1", "sat2", "sat3", "sat4"],
    "LOY": ["loy1", "loy2", "loy3", "loy4"],
}
BANK_PATHS = [("IMAG", "EXPE"), ("EXPE", "QUAL"), ("EXPE", "VAL"), ("QUAL", "VAL"),
              ("IMAG", "SAT"), ("EXPE", "SAT"), ("QUAL", "SAT"), ("VAL", "SAT"),
              ("IMAG", "LOY"), ("SAT", "LOY")]


class NotConverged(ArithmeticError):
    pass


def _wstd(y, d):
    """Columns of y centred and scaled to unit weighted variance (weights d sum to 1)."""
    y = y - d @ y
    return y / np.sqrt(d @ (y * y))


def fit(data, blocks, paths, modes=None, scheme="centroid", scaled=True, tol=1e-10,
        max_iter=300, stop_rule="max_abs_change", weights=None):
    """Fit a PLS path model. data: (n, p) array whose columns are in block order
    (blocks: list of indicator counts). paths: list of (from, to) LV indices."""
    x = np.asarray(data, dtype=float)
    n = x.shape[0]
    d = np.full(n, 1.0 / n) if weights is None else np.asarray(weights, float) / np.sum(weights)
    nlv = len(blocks)
    modes = modes or ["A"] * nlv
    ends = np.cumsum(blocks)
    starts = ends - np.asarray(blocks)
    sl = [slice(s, e) for s, e in zip(starts, ends)]
    x = x - d @ x
    sd = np.sqrt(d @ (x * x))
    if scaled:
        x = x / sd
        sd = np.ones_like(sd)
    dx = x * d[:, None]                       # D X, so X' D z = dx.T @ z
    adj = np.zeros((nlv, nlv))                # adj[i, j] = 1 when i -> j
    for f, t in paths:
        adj[f, t] = 1.0
    nb = adj + adj.T

    w = [np.ones(b) for b in blocks]
    y = np.column_stack([x[:, s] @ wj for s, wj in zip(sl, w)])
    scale = 1.0 / np.sqrt(d @ ((y - d @ y) ** 2))
    w = [wj * c for wj, c in zip(w, scale)]
    old = np.concatenate(w) if stop_rule == "plspm" else np.concatenate(w) * sd
    change = np.inf
    for it in range(1, max_iter + 1):
        y = _wstd(np.column_stack([x[:, s] @ wj for s, wj in zip(sl, w)]), d)
        r = y.T @ (y * d[:, None])
        if scheme == "centroid":
            e = np.sign(r) * nb
        elif scheme == "factorial":
            e = r * nb
        else:
            e = np.zeros((nlv, nlv))
            for k in range(nlv):
                pred = np.flatnonzero(adj[:, k])
                succ = np.flatnonzero(adj[k, :])
                if len(pred):
                    yp = y[:, pred] * np.sqrt(d)[:, None]
                    e[pred, k] = np.linalg.lstsq(yp, y[:, k] * np.sqrt(d), rcond=None)[0]
                if len(succ):
                    e[succ, k] = r[k, succ]
        z = y @ e
        raw = []
        for j in range(nlv):
            xj = x[:, sl[j]]
            if modes[j] in ("A", "A_consistent"):
                raw.append(dx[:, sl[j]].T @ z[:, j])
            else:
                sq = np.sqrt(d)[:, None]
                raw.append(np.linalg.lstsq(xj * sq, z[:, j] * sq[:, 0], rcond=None)[0])
        if stop_rule == "plspm":
            new = np.concatenate(raw)
            change = np.sum((np.abs(old) - np.abs(new)) ** 2)
            old = new
            w = raw
        else:
            w = [rw / np.sqrt(d @ (x[:, s] @ rw) ** 2) for s, rw in zip(sl, raw)]
            new = np.concatenate(w) * sd
            change = np.max(np.abs(new - old))
            old = new
        if change < tol:
            break
    else:
        raise NotConverged(f"no convergence after {max_iter} iterations (change {change})")
    w = [wj / np.sqrt(d @ (x[:, s] @ wj) ** 2) for s, wj in zip(sl, w)]
    y = np.column_stack([x[:, s] @ wj for s, wj in zip(sl, w)])
    r = y.T @ (y * d[:, None])
    xsd = np.sqrt(d @ (x * x))
    cross = (dx.T @ y) / xsd[:, None]
    # Consistent PLS (Dijkstra & Henseler 2015) for "A_consistent" blocks: c^2 from the
    # off-diagonal moments of the block, composite reliability q = (w'w)^2 c^2, loadings c w,
    # correlations divided by sqrt(q_i q_j).
    q = np.ones(nlv)
    for j in range(nlv):
        if modes[j] != "A_consistent":
            continue
        s_jj = dx[:, sl[j]].T @ x[:, sl[j]]
        ww = np.outer(w[j], w[j])
        c2 = (w[j] @ (s_jj - np.diag(np.diag(s_jj))) @ w[j]) / (w[j] @ (ww - np.diag(np.diag(ww))) @ w[j])
        q[j] = (w[j] @ w[j]) ** 2 * c2
        cross[:, j] /= np.sqrt(q[j])
        cross[sl[j], j] = np.sqrt(c2) * w[j] / xsd[sl[j]]
    r = r / np.sqrt(np.outer(q, q))
    np.fill_diagonal(r, 1.0)
    loadings = np.concatenate([cross[s, j] for j, s in enumerate(sl)])
    beta = np.zeros((nlv, nlv))               # beta[i, j]: path i -> j
    r2 = np.zeros(nlv)
    for j in range(nlv):
        pred = np.flatnonzero(adj[:, j])
        if len(pred):
            b = np.linalg.solve(r[np.ix_(pred, pred)], r[pred, j])
            beta[pred, j] = b
            r2[j] = b @ r[pred, j]
    total = np.linalg.inv(np.eye(nlv) - beta) - np.eye(nlv)
    return {"weights": np.concatenate(w), "loadings": loadings, "cross_loadings": cross,
            "paths": beta, "r_squared": r2, "total": total, "scores": y, "iterations": it,
            "latent_correlations": r, "reliability": q}


def bootstrap(data, blocks, paths, resamples, seed, **options):
    """Percentile bootstrap of paths, weights and loadings (numpy's own RNG)."""
    rng = np.random.default_rng(seed)
    n = data.shape[0]
    out = []
    for _ in range(resamples):
        rows = rng.integers(0, n, n)
        fitted = fit(data[rows], blocks, paths, **options)
        out.append(np.concatenate([fitted["paths"].ravel(), fitted["weights"],
                                   fitted["loadings"]]))
    out = np.asarray(out)
    return out.std(axis=0, ddof=1), np.quantile(out, [0.025, 0.975], axis=0)


def load_bank(path):
    import csv
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    cols = [c for block in BANK_BLOCKS.values() for c in block]
    idx = [header.index(c) for c in cols]
    return np.array([[float(r[i]) for i in idx] for r in rows[1:]])


def bank_model():
    names = list(BANK_BLOCKS)
    blocks = [len(v) for v in BANK_BLOCKS.values()]
    paths = [(names.index(f), names.index(t)) for f, t in BANK_PATHS]
    return blocks, paths


def main():
    here = pathlib.Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(here.parent / "tests/data/satisfaction_bank.csv"))
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    data = load_bank(args.data)
    blocks, paths = bank_model()
    print(f"# counts rows={data.shape[0]} indicators={data.shape[1]} latents={len(blocks)} "
          f"paths={len(paths)} resamples={args.resamples}")
    fit(data, blocks, paths)  # warm-up
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(args.repeat):
        fit(data, blocks, paths)
    print(f"pls_fit {(time.perf_counter() - wall) / args.repeat:.6g} {args.repeat}")
    print(f"# cpu pls_fit {(time.process_time() - cpu) / args.repeat:.6g}")
    consistent = ["A_consistent"] * len(blocks)
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(args.repeat):
        fit(data, blocks, paths, modes=consistent)
    print(f"plsc_fit {(time.perf_counter() - wall) / args.repeat:.6g} {args.repeat}")
    print(f"# cpu plsc_fit {(time.process_time() - cpu) / args.repeat:.6g}")
    wall, cpu = time.perf_counter(), time.process_time()
    fit(data, blocks, paths)
    bootstrap(data, blocks, paths, args.resamples, seed=0)
    name = f"pls_fit_bootstrap_{args.resamples}"
    print(f"{name} {time.perf_counter() - wall:.6g} 1")
    print(f"# cpu {name} {time.process_time() - cpu:.6g}")

if __name__ == "__main__":
    main()
