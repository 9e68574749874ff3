"""The HTML appraisal report seen in a real browser: headless Chromium (Debian's chromium) opens
the report of the Quyuan preset with simulated survey answers (examples/quyuan_appraisal.py),
dumps the DOM it built and takes a screenshot. The DOM must hold the units' names and every
section title, in Chinese and in English; the screenshot must show a page, not a blank.

Skipped only when chromium is not installed (scripts/setup.sh installs it; so does CI)."""
from __future__ import annotations

import importlib.util
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

import massline as ml
from massline import frames, report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian package chromium; "
                                                          "scripts/setup.sh installs it)")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "quyuan_appraisal.py"
TIMEOUT = 300  # seconds per browser run: generous, a loaded machine starts Chromium slowly

TITLES = {
    "zh": ["党员联系服务群众工作考评报告", "概览", "各单位满意度", "满意度低于阈值的单位", "红榜", "黑榜", "联系覆盖",
           "必访户", "必访户走访缺口", "逾期诉求", "制度落实情况"],
    "en": ["Appraisal: party members contacting and serving the public", "Summary", "Satisfaction by unit",
           "Units under the threshold", "Red list", "Black list", "Coverage", "Must-visit households",
           "Must-visit gaps", "Overdue appeals", "Compliance"],
}


def _simulate(registry: ml.Registry, seed: int) -> None:
    spec = importlib.util.spec_from_file_location("quyuan_appraisal", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.simulate_appraisal(registry, seed)


@pytest.fixture(scope="module")
def quyuan():
    registry = ml.synth.generate("quyuan", seed=1)
    _simulate(registry, 1)
    return registry, report.appraise(registry, ml.PolicySet.standard(), 2025)


def _chromium(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess:
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--no-first-run", "--disable-extensions", "--disable-background-networking",
               f"--user-data-dir={tmp_path / 'profile'}", *arguments]
    # Chromium prints dbus and GPU warnings on stderr; only the exit status and stdout count.
    result = subprocess.run(command, capture_output=True, timeout=TIMEOUT, cwd=tmp_path)
    assert result.returncode == 0, (command, result.stderr.decode("utf-8", "replace")[-3000:])
    return result


def _png_pixels(data: bytes) -> tuple:
    """(width, height, rows of RGB(A) bytes) of a PNG, decoded with zlib and the PNG filters."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, bpp, rows


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_renders_in_chromium(quyuan, tmp_path, lang):
    registry, appraisal = quyuan
    page = tmp_path / f"report-{lang}.html"
    report.write_html(appraisal, page, lang=lang)

    dom = _chromium(tmp_path, "--dump-dom", page.as_uri()).stdout.decode("utf-8")
    for title in TITLES[lang]:
        assert title in dom, title
    other = "en" if lang == "zh" else "zh"
    assert TITLES[other][2] not in dom  # one language only
    orgs = frames.organizations(registry)
    villages = orgs.loc[orgs["level"] == 3, "name"]
    assert len(villages) > 0 and all(name in dom for name in villages)
    flagged = appraisal.under_threshold
    assert len(flagged) > 0 and flagged["name"].iloc[0] in dom
    assert dom.count("<svg") >= 2  # satisfaction and coverage charts

    shot = tmp_path / f"report-{lang}.png"
    _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,2000", "--hide-scrollbars", page.as_uri())
    width, height, bpp, rows = _png_pixels(shot.read_bytes())
    assert (width, height) == (1200, 2000)
    colours, dark, red, blue = set(), 0, 0, 0
    for row in rows[::4]:
        for x in range(0, width * bpp, 4 * bpp):
            r, g, b = row[x], row[x + 1], row[x + 2]
            colours.add((r, g, b))
            dark += r + g + b < 200
            red += r > 180 and g < 140 and b < 140    # flagged bars, the threshold line
            blue += b > 180 and r < 140               # bars above the threshold
    sampled = (height // 4) * (width // 4)
    assert len(colours) > 50, len(colours)            # text, bars, lines: not a blank page
    assert 0.002 < dark / sampled < 0.5, dark / sampled
    assert red > 50 and blue > 50, (red, blue)
