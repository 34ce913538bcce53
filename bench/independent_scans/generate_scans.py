#!/usr/bin/env python3
"""Generate scanned (image-only) test reports of the 政府信息公开工作年度报告 with truth files.

Usage:
    python bench/independent_scans/generate_scans.py OUT_DIR [--n N] [--seed S] [--dpi 150,200,300]
                                                            [--docx-pictures] [--keep-work]

Each report is built as a DOCX in the national template's layout (python-docx), converted
to PDF by LibreOffice, rasterised with pdftoppm, degraded like a real scan (rotation,
shift, keystone, paper tone, specks, blur, JPEG, faint/broken/thick ruling lines, cut or
missing pages) and wrapped as an image-only PDF.  With --docx-pictures the output is a
DOCX whose text is real text and whose tables are pasted pictures (the WPS habit).

Next to every output file ``<id>.truth.json`` holds the printed figures in the format of
/work/shared/cases/*.truth.json.  ``manifest.json`` lists every document's rendering
parameters.  Deterministic for a given seed.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

import cv2
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import docbuild  # noqa: E402
import reportgen as RG  # noqa: E402
import scanfx  # noqa: E402

from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402

HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
SCANNERS = [("Canon iR-ADV C5535", "Canon"), ("EPSON Scan", "EPSON Scan 2"), ("HP Digital Sending", "HP Scan"),
            ("KONICA MINOLTA bizhub C368", "bizhub"), ("RICOH MP C3004", "RICOH"), ("Kyocera TASKalfa", "KYOCERA"),
            ("Founder PDF", "Founder"), ("", "")]


# ---------------------------------------------------------------------------
# the report: figures, display strings, layout style
# ---------------------------------------------------------------------------
def est_width_pt(s, size):
    w = 0.0
    for ch in s:
        if ch.isdigit():
            w += 0.64
        elif ch in ",.":
            w += 0.3
        elif ch in "-+":
            w += 0.4
        elif ord(ch) < 128:
            w += 0.75
        else:
            w += 1.0
    return w * size


def choose_display(rng, rep):
    fig = rep["values"]
    zero = {}
    r = rng.random()
    if r < 0.68:
        zero = {"t2": "0", "t3": "0", "t4": "0"}
    else:
        z = rng.choice(["", "", "—", "/", "无"])
        # blanks usually in table 3 (the big one), sometimes everywhere
        zero = {"t2": z if rng.random() < 0.5 else "0", "t3": z, "t4": z if rng.random() < 0.6 else "0"}
        if z == "无" or z == "/":
            zero["t3"] = z if rng.random() < 0.5 else ""
    rep["zero_style"] = zero
    comma = rng.random() < 0.35
    fullwidth_minus = rng.random() < 0.2
    plus_sign = rng.random() < 0.1
    disp = {}
    for k, v in fig.items():
        t = k.split(".")[0]
        if k == "t2.fees.amount":
            if v == 0:
                s = zero["t2"] if zero["t2"] != "0" else rng.choice(["0", "0", "0.00"])
            elif isinstance(v, float):
                s = "%.2f" % v
                if rng.random() < 0.5:
                    s = s.rstrip("0")
                    if s.endswith("."):
                        s += "0"
            else:
                s = f"{v:,}" if comma and v >= 1000 else str(v)
        elif k == "t2.procurement.amount":
            s = rep["proc_display"]
        elif v == 0:
            s = zero[t]
        elif v < 0:
            s = ("－" if fullwidth_minus else "-") + (f"{-v:,}" if comma and -v >= 1000 else str(-v))
        else:
            s = f"{v:,}" if comma and v >= 1000 else str(v)
            if plus_sign and k.endswith(".change"):
                s = "+" + s
        disp[k] = s
    for k in rep.get("blank_cells", []):
        disp[k] = ""
    rep["display"] = disp


def printed_value(key, s):
    """The truth value of a printed cell string."""
    s = s.strip()
    if s in ("", "—", "/", "无", "-"):
        return 0
    s = s.replace(",", "").replace("－", "-").replace("+", "").replace("元", "")
    if "." in s:
        return float(s)
    return int(s)


def inject_break(rng, rep):
    fig = rep["values"]
    single = rep["single_other"]
    rows = RG.t3_row_keys(single)
    result_rows = rows[2:-2]
    kinds = ["row_total_typo", "cell_typo", "results_total_off", "carried_forward_off", "t4_total_off",
             "narrative_off", "blank_totals"]
    kind = rng.choices(kinds, [3, 2, 2, 2, 2, 3, 1])[0]
    d = rng.choice([1, 1, 2, 3, 10])
    if kind == "row_total_typo":
        r = rng.choice(rows)
        k = f"t3.{r}.total"
        fig[k] = fig[k] + d if (fig[k] < d or rng.random() < 0.5) else fig[k] - d
    elif kind == "cell_typo":
        r = rng.choice(result_rows)
        fig[f"t3.{r}.natural"] += d
    elif kind == "results_total_off":
        fig["t3.results_total.natural"] += d
        fig["t3.results_total.total"] += d
    elif kind == "carried_forward_off":
        fig["t3.carried_forward.natural"] += d
        fig["t3.carried_forward.total"] += d
    elif kind == "t4_total_off":
        g = rng.choice(RG.T4_GROUPS)
        fig[f"t4.{g}.total"] += d
    elif kind == "narrative_off":
        n = fig["t3.new.total"]
        rep["narrative_n"] = max(0, n + rng.choice([-1, 1, 2, 5]) * max(1, d)) if n else rng.randint(1, 9)
        if rep["narrative_n"] == n:
            rep["narrative_n"] = n + 1
    elif kind == "blank_totals":
        if any(fig[f"t3.{r}.total"] for r in result_rows):
            rep["blank_cells"] = [f"t3.{r}.total" for r in result_rows]
        else:
            fig["t3.carried_forward.total"] += d
            kind = "carried_forward_off"
    return kind


def make_style(rng, rep):
    st = {}
    st["margins"] = rng.choice([(3.7, 3.5, 2.8, 2.6), (2.54, 2.54, 3.18, 3.18), (2.5, 2.5, 2.5, 2.5),
                                (3.0, 2.5, 2.8, 2.6), (2.54, 2.54, 2.54, 2.54)])
    serif = rng.random() < 0.65
    st["body_east"] = "Noto Serif CJK SC" if serif else "Noto Sans CJK SC"
    st["body_latin"] = rng.choice(["Liberation Serif", "Liberation Serif", "DejaVu Serif"]) if serif else \
        rng.choice(["Liberation Sans", "DejaVu Sans"])
    st["body_size"] = rng.choice([16, 16, 15, 14, 14, 12])
    st["line"] = rng.choice([1.0, 1.15, 1.3, 1.5])
    st["title_east"] = rng.choice(["Noto Serif CJK SC", "Noto Sans CJK SC"])
    st["title_latin"] = "Liberation Serif"
    st["title_size"] = rng.choice([22, 20, 18, 16])
    st["title_bold"] = rng.random() < 0.7
    st["title_after"] = rng.choice([6, 12, 18])
    st["head_east"] = rng.choice(["Noto Sans CJK SC", "Noto Sans CJK SC", st["body_east"]])
    st["head_latin"] = "Liberation Sans"
    st["heading_bold"] = rng.random() < 0.5
    st["heading_indent"] = rng.random() < 0.6
    st["heading_before"] = rng.choice([0, 0, 6])
    tserif = rng.random() < 0.55
    st["table_east"] = "Noto Serif CJK SC" if tserif else "Noto Sans CJK SC"
    st["table_latin"] = rng.choice(["Liberation Serif", "Liberation Sans", "DejaVu Sans"])
    st["table_size"] = rng.choice([9, 10, 10, 10.5, 10.5, 10.5, 11, 12])
    st["t4_size"] = min(st["table_size"], rng.choice([9, 10, 10.5]))
    st["border_outer"], st["border_inner"] = rng.choice([(4, 4), (4, 4), (6, 6), (8, 8), (12, 4), (12, 6), (18, 4),
                                                        (12, 12), (2, 2)])
    st["cell_pad_twips"] = rng.choice([57, 80, 108])
    st["row_h"] = rng.choice([0.5, 0.6, 0.7, 0.8, 0.9])
    st["cant_split"] = rng.random() < 0.7
    st["repeat_header"] = rng.random() < 0.3
    st["value_align"] = rng.choices([WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT],
                                    [80, 15, 5])[0]
    st["label_align"] = WD_ALIGN_PARAGRAPH.LEFT if rng.random() < 0.8 else WD_ALIGN_PARAGRAPH.CENTER
    st["sec_center"] = rng.random() < 0.6
    st["sec_bold"] = rng.random() < 0.3
    st["head_bold"] = rng.random() < 0.4
    st["sec_shade"] = rng.choice(["D9D9D9", "DCE6F1", "BDD7EE", "E7E6E6"]) if rng.random() < 0.2 else None
    st["head_shade"] = rng.choice(["F2F2F2", "D9D9D9", "DEEAF6"]) if rng.random() < 0.12 else None
    st["t2_label_frac"] = rng.uniform(0.24, 0.36)
    st["gap_after_table"] = rng.random() < 0.5
    st["break_before_t3"] = rng.random() < 0.15
    st["t3_c0_w"] = rng.uniform(0.8, 1.4)
    st["t3_c1_w"] = rng.uniform(1.4, 2.1)
    # value column width: wide enough for the widest printed value (and for the probe codes)
    text_w = 21.0 - st["margins"][2] - st["margins"][3]
    pad_cm = 2 * st["cell_pad_twips"] / 567.0
    for _ in range(8):
        widest = max([est_width_pt(rep["display"][k], st["table_size"]) for k in rep["display"] if k.startswith("t3.")]
                     + [est_width_pt("WW", st["table_size"])])
        need = widest / 72 * 2.54 + pad_cm + 0.1
        vw = max(need, rng.uniform(1.0, 1.45))
        if text_w - st["t3_c0_w"] - st["t3_c1_w"] - 7 * vw >= 3.6:
            break
        st["table_size"] = max(8, st["table_size"] - 1)
        st["t3_c0_w"], st["t3_c1_w"] = 0.8, 1.4
    st["t3_value_w"] = vw
    t4w = text_w / 15
    while True:
        widest = max([est_width_pt(rep["display"][k], st["t4_size"]) for k in rep["display"] if k.startswith("t4.")]
                     + [est_width_pt("WW", st["t4_size"])])
        if widest / 72 * 2.54 + 2 * 57 / 567 + 0.05 <= t4w or st["t4_size"] <= 7:
            break
        st["t4_size"] -= 0.5
    rep["style"] = st


def make_report(seed, idx, kind, dpis):
    rng = random.Random(f"indep-scans:{seed}:{kind}:{idx}")
    rep = {}
    fmt = "2021" if rng.random() < 0.7 else "2019"
    year = rng.choice([2021, 2022, 2023, 2024]) if fmt == "2021" else rng.choice([2019, 2020])
    level, agency = RG.pick_agency(rng)
    single_other = True if fmt == "2019" else rng.random() < 0.12
    rep.update(format=fmt, year=year, level=level, agency=agency, single_other=single_other)
    fig = {}
    fig.update(RG.make_t2_2021(rng, level, agency) if fmt == "2021" else RG.make_t2_2019(rng, level, agency))
    fig.update(RG.make_t3(rng, level, single_other))
    fig.update(RG.make_t4(rng, level, fig["t3.new.total"]))
    rep["proc_header"] = "采购总金额"
    rep["proc_display"] = None
    if fmt == "2019":
        if fig["t2.procurement.amount"] is None:
            r = rng.random()
            if r < 0.4:
                v = int(_round_money(rng, 5000, 9e6))
                rep["proc_display"] = f"{v}元"
            elif r < 0.55:
                v = round(rng.uniform(1e4, 8e7), 2)
                rep["proc_display"] = "%.2f元" % v
                v = float("%.2f" % v)
            else:
                rep["proc_header"] = "采购总金额（万元）"
                v = round(rng.uniform(0.5, 3000), 2)
                rep["proc_display"] = "%.2f" % v
                v = float("%.2f" % v)
            fig["t2.procurement.amount"] = v
        else:
            rep["proc_display"] = "0"
    rep["values"] = fig
    rep["narrative_n"] = fig["t3.new.total"] if rng.random() < 0.8 else None
    rep["break_kind"] = inject_break(rng, rep) if rng.random() < 0.22 else None
    choose_display(rng, rep)
    # the truth value is what is printed
    for k, s in rep["display"].items():
        if k == "t2.procurement.amount":
            continue
        pv = printed_value(k, s)
        if pv != fig[k] and not (s.strip() in ("", "—", "/", "无")):
            raise AssertionError((k, s, fig[k]))
        fig[k] = pv
    make_style(rng, rep)
    rep["t3_col_labels"] = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    rep["t3_total_label"] = "（七）总计"
    H = list(HEADINGS)
    if rng.random() < 0.15:
        H[4] = "五、政府信息公开工作存在的主要问题及改进情况"
    if rng.random() < 0.08:
        H[2], H[3] = H[2][2:], H[3][2:]  # numbering dropped, as in some real reports
    rep["headings"] = H
    t = rng.random()
    if t < 0.45:
        title = f"{agency}{year}年政府信息公开工作年度报告"
    elif t < 0.7:
        title = f"{agency}{year}年度政府信息公开工作年度报告"
    elif t < 0.85:
        title = f"{agency}\n{year}年政府信息公开工作年度报告"
    else:
        title = f"{agency}{year}年度政府信息公开\n工作年度报告"
    rep["title_text"] = title
    doc_no = "国办公开办函〔2021〕30号" if fmt == "2021" else "国办公开办函〔2019〕60号"
    rep["intro"] = rng.choice([
        f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》"
        f"（{doc_no}）要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
        f"政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。"
        f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
        f"根据《中华人民共和国政府信息公开条例》规定，现公布{agency}{year}年政府信息公开工作年度报告。"
        f"本报告所列数据统计期为{year}年1月1日至{year}年12月31日。如对本报告有疑问，请与{agency}办公室联系。",
    ])
    paras, problems, other = RG.narrative(rng, agency, level, year, fig, fmt, rep["narrative_n"])
    rep["overview"], rep["problems"], rep["other"] = paras, problems, other
    rep["signature"] = agency
    rep["sign_date"] = f"{year + 1}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日"
    rep["proc_note"] = None
    rep["dpi"] = rng.choice(dpis)
    rep["rng_state"] = rng.getrandbits(64)
    return rep


def _round_money(rng, lo, hi):
    v = RG._loguniform(rng, lo, hi)
    return int(round(v, -2)) if rng.random() < 0.6 else int(v)


# ---------------------------------------------------------------------------
# rendering helpers
# ---------------------------------------------------------------------------
def soffice_convert(paths, outdir, profile):
    for i in range(0, len(paths), 40):
        chunk = paths[i:i + 40]
        cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", outdir] + chunk
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1800)
    for p in paths:
        pdf = os.path.join(outdir, os.path.splitext(os.path.basename(p))[0] + ".pdf")
        if not os.path.exists(pdf):
            raise RuntimeError(f"LibreOffice did not convert {p}")


WORD_RE = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
PAGE_RE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def pdf_words(pdf):
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], check=True, capture_output=True).stdout.decode("utf-8")
    pages = []
    for chunk in out.split("<page ")[1:]:
        m = PAGE_RE.match("<page " + chunk)
        words = [(float(a), float(b), float(c), float(d), html_unescape(t)) for a, b, c, d, t in WORD_RE.findall(chunk)]
        pages.append({"w": float(m.group(1)), "h": float(m.group(2)), "words": words})
    return pages


def html_unescape(s):
    import html
    return html.unescape(s)


def locate_cells(rep, probe_pdf, real_pdf, codes):
    """Page and box (pt) of every value cell; checks that the real PDF prints the display string there."""
    ppages = pdf_words(probe_pdf)
    rpages = pdf_words(real_pdf)
    if len(ppages) != len(rpages):
        raise RuntimeError(f"probe has {len(ppages)} pages, real {len(rpages)}")
    where = {}
    code_to_key = {c: k for k, c in codes.items()}
    for pi, pg in enumerate(ppages):
        for (x0, y0, x1, y1, t) in pg["words"]:
            if t in code_to_key:
                k = code_to_key[t]
                if k in where:
                    raise RuntimeError(f"code {t} twice")
                where[k] = (pi, x0, y0, x1, y1)
    missing = [k for k in codes if k not in where]
    if missing:
        raise RuntimeError(f"cells not found in probe PDF: {missing[:5]}")
    align = rep["style"]["value_align"]
    cells = {}
    for k, (pi, x0, y0, x1, y1) in where.items():
        yc = (y0 + y1) / 2
        xc = (x0 + x1) / 2
        cand = []
        for (a0, b0, a1, b1, t) in rpages[pi]["words"]:
            if not (b0 - 1 <= yc <= b1 + 1):
                continue
            if align == WD_ALIGN_PARAGRAPH.LEFT:
                ok = abs(a0 - x0) < 2.5
            elif align == WD_ALIGN_PARAGRAPH.RIGHT:
                ok = abs(a1 - x1) < 2.5
            else:
                ok = abs((a0 + a1) / 2 - xc) < 3.0 or (a0 - 1 <= xc <= a1 + 1)
            if ok:
                cand.append((a0, b0, a1, b1, t))
        # words that touch an accepted word on the same line belong to the same cell ("251000" + "元")
        grown = True
        while cand and grown:
            grown = False
            for w in rpages[pi]["words"]:
                if w in cand or not (w[1] - 1 <= yc <= w[3] + 1):
                    continue
                if any(-1 < w[0] - c[2] < 4 or -1 < c[0] - w[2] < 4 for c in cand):
                    cand.append(w)
                    grown = True
        got = "".join(t for *_, t in sorted(cand))
        want = rep["display"][k].replace(" ", "")
        if got != want:
            raise RuntimeError(f"{rep['id']}: cell {k}: real PDF prints {got!r} where {want!r} was meant")
        bx = [x0, y0, x1, y1]
        for (a0, b0, a1, b1, _) in cand:
            bx = [min(bx[0], a0), min(bx[1], b0), max(bx[2], a1), max(bx[3], b1)]
        cells[k] = (pi, bx)
    return cells, rpages


LAYOUT_RETRIES = [
    {},
    {"cant_split": False, "row_h": 0.5},
    {"cant_split": False, "row_h": 0.5, "break_before_t3": True, "repeat_header": False},
    {"cant_split": False, "row_h": 0.5, "break_before_t3": True, "break_before_t4": True, "repeat_header": False},
]


def check_overlaps(rpages):
    """Raise if two words of the real PDF are drawn over each other (a broken layout)."""
    for pi, pg in enumerate(rpages):
        ws = pg["words"]
        for i in range(len(ws)):
            a0, b0, a1, b1, ta = ws[i]
            for j in range(i + 1, len(ws)):
                c0, d0, c1, d1, tb = ws[j]
                ix = min(a1, c1) - max(a0, c0)
                iy = min(b1, d1) - max(b0, d0)
                if ix > 1.0 and iy > 1.0:
                    small = min((a1 - a0) * (b1 - b0), (c1 - c0) * (d1 - d0))
                    if ix * iy > 0.25 * small:
                        raise RuntimeError(f"words drawn over each other on page {pi + 1}: {ta!r} / {tb!r}")


def verify_layout(rep, work):
    real_pdf = os.path.join(work, rep["id"] + ".pdf")
    probe_pdf = os.path.join(work, rep["id"] + "_probe.pdf")
    cells, rpages = locate_cells(rep, probe_pdf, real_pdf, rep["codes"])
    check_overlaps(rpages)
    check_overlaps(pdf_words(probe_pdf))
    rep["cells"] = cells


def rasterise(pdf, dpi, prefix):
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", pdf, prefix], check=True)
    d = os.path.dirname(prefix)
    base = os.path.basename(prefix)
    files = sorted((f for f in os.listdir(d) if f.startswith(base + "-") and f.endswith(".pgm")),
                   key=lambda f: int(f[len(base) + 1:-4]))
    return [cv2.imread(os.path.join(d, f), cv2.IMREAD_GRAYSCALE) for f in files]


# ---------------------------------------------------------------------------
# scan mode
# ---------------------------------------------------------------------------
def scan_profile(rng, dpi, n_pages):
    s = dpi / 200.0
    p = {}
    p["mode"] = rng.choice(["gray"] * 11 + ["color"] * 5 + (["bw"] * 4 if dpi >= 200 else []))
    p["canvas"] = rng.choices(["a4", "letter", "trim"], [70, 10, 20])[0]
    p["paper"] = rng.uniform(228, 252)
    p["illum"] = rng.uniform(0, 12)
    p["ink"] = rng.uniform(5, 45)
    p["gamma"] = rng.uniform(0.8, 1.3)
    p["noise"] = rng.uniform(1.5, 6)
    p["blur"] = rng.uniform(0, 1.0) * s if p["mode"] != "bw" else rng.uniform(0.4, 1.0) * s
    p["specks"] = rng.choice([0, 2e-6, 5e-6, 1e-5, 2e-5]) / (s * s)
    p["dropout"] = rng.choice([0, 0, 5e-4, 1.5e-3, 3e-3])
    p["hairs"] = rng.choice([0, 0, 0, 1, 2, 3])
    p["holes"] = [(0.04, 0.3), (0.04, 0.7)] if rng.random() < 0.08 else []
    p["edge_shadow"] = (rng.choice("lrtb"), int(rng.uniform(8, 40) * s)) if rng.random() < 0.25 else None
    p["bleed"] = rng.uniform(0.04, 0.12) if rng.random() < 0.15 else 0
    p["jpeg_q"] = int(rng.uniform(30, 80))
    p["tint"] = (rng.uniform(0, 6), rng.uniform(-1, 3), rng.uniform(-12, -2))
    p["lid"] = rng.choice([255.0, 240.0, 90.0, 40.0])
    p["threshold"] = rng.uniform(130, 175)
    p["adaptive"] = rng.random() < 0.3
    p["thicken"] = int(rng.choice([1, 2]) * s + 0.5) if rng.random() < 0.2 else 0
    p["faint"] = int(rng.uniform(150, 215)) if rng.random() < 0.25 else 0
    if p["faint"] and p["mode"] == "bw":
        p["faint"] = int(rng.uniform(90, 150))
    p["edge_dark"] = rng.uniform(0, 120)
    p["broken"] = rng.uniform(0.05, 0.25) if rng.random() < 0.3 else 0
    p["max_angle"] = 1.2 if rng.random() < 0.5 else 0.4
    p["cut"] = rng.random() < 0.12
    p["drop_last"] = rng.random() < 0.05 and n_pages >= 3
    return p


def canvas_size(p, W, H, dpi, rng):
    if p["cut"]:
        # a short page: the bottom of the sheet fell outside the scan area
        return int(W * rng.uniform(0.985, 1.0)), int(H * rng.uniform(0.88, 0.95))
    if p["canvas"] == "letter":
        return int(8.5 * dpi), int(11 * dpi)
    if p["canvas"] == "trim":
        return int(W * rng.uniform(0.97, 1.02)), int(H * rng.uniform(0.96, 1.01))
    return W, H


NUDGES = [0] + [s * d for d in range(2, 90, 2) for s in (1, -1)]


def _shift(M, dy):
    return np.array([[1, 0, 0], [0, 1, dy], [0, 0, 1]], float) @ M


def page_transform(rng, p, W, H, ow, oh, boxes, cut=None, allow_loss=False):
    """Choose a transform under which no value cell is cut through.

    Without cut/allow_loss every cell must stay whole on the page.  With cut=(y, x) the
    src row boundary y is placed at the bottom edge, so the rows below it are lost whole.
    Returns (M, states, params)."""
    for attempt in range(8):
        shrink = 0.5 ** attempt if attempt < 7 else 0
        ang = rng.uniform(-p["max_angle"], p["max_angle"]) * shrink
        if cut is not None:
            ang = max(-0.4, min(0.4, ang))
        scale = 1 + rng.uniform(-0.02, 0.015) * shrink
        tx = (ow - W) / 2 + rng.uniform(-0.02, 0.02) * W * shrink
        ty = (oh - H) / 2 + rng.uniform(-0.015, 0.015) * H * shrink if (cut is None and not allow_loss) else \
            rng.uniform(-0.01, 0.01) * H * shrink
        jit = 0.003 * max(W, H) * shrink
        persp = [[rng.uniform(-jit, jit), rng.uniform(-jit, jit)] for _ in range(4)]
        M = scanfx.homography(W, H, ang, scale, tx, ty, persp)
        if cut is not None:
            y_now = scanfx.apply_h(M, [[cut[1], cut[0]]])[0, 1]
            M = _shift(M, oh - 1 - y_now)
        for nudge in (NUDGES if (cut is not None or allow_loss) else [0]):
            M2 = _shift(M, nudge)
            states = {k: scanfx.box_state(M2, b, ow, oh) for k, b in boxes.items()}
            if "partial" in states.values():
                continue
            if cut is None and not allow_loss and any(v != "in" for v in states.values()):
                break
            if cut is not None and "out" not in states.values():
                continue
            return M2, states, dict(angle=ang, scale=scale, tx=tx, ty=float(M2[1, 2]), persp=persp,
                                    cut=cut is not None)
    if cut is not None:
        return None, None, None
    M = scanfx.homography(W, H, 0, 1, (ow - W) / 2, 0 if allow_loss else (oh - H) / 2, [[0, 0]] * 4)
    for nudge in NUDGES:
        M2 = _shift(M, nudge)
        states = {k: scanfx.box_state(M2, b, ow, oh) for k, b in boxes.items()}
        if "partial" not in states.values():
            return M2, states, dict(angle=0, scale=1, tx=(ow - W) / 2, ty=float(M2[1, 2]), persp=None, cut=False)
    raise RuntimeError("no transform keeps the cells whole")


def row_bounds(page_cells):
    rows = []
    for k, b in sorted(page_cells.items(), key=lambda kv: kv[1][1]):
        if rows and abs(((b[1] + b[3]) / 2) - rows[-1][0]) < 3:
            rows[-1][1].append(b)
        else:
            rows.append([(b[1] + b[3]) / 2, [b]])
    out = []
    for i in range(1, len(rows)):
        top = min(b[1] for b in rows[i][1])
        bot = max(b[3] for b in rows[i - 1][1])
        if top - bot > 4:
            xs = [((b[0] + b[2]) / 2) for b in rows[i - 1][1]]
            out.append((bot, top, float(np.mean(xs)), len(rows) - i))
    return out


def choose_cut(rng, page_cells, oh, H, top_px):
    """A src y between two value rows that lies near the bottom edge of the short page."""
    cands = [(bot, top, x) for (bot, top, x, lost) in row_bounds(page_cells)
             if 1 <= lost <= 8 and oh - 0.05 * H <= (bot + top) / 2 <= oh + 0.6 * top_px]
    if not cands:
        return None
    bot, top, x = rng.choice(cands)
    return bot + (top - bot) * rng.uniform(0.3, 0.7), x


def render_scan(rep, work, out_dir):
    dpi = rep["dpi"]
    rid = rep["id"]
    nrng = np.random.default_rng(rep["rng_state"])
    prng = random.Random(rep["rng_state"])
    real_pdf = os.path.join(work, rid + ".pdf")
    cells = rep["cells"]
    pages = rasterise(real_pdf, dpi, os.path.join(work, rid + "_pg"))
    n = len(pages)
    prof = scan_profile(prng, dpi, n)
    px = dpi / 72.0
    cell_px = {k: (pi, [v * px for v in b]) for k, (pi, b) in cells.items()}
    lost = set()
    keep_pages = list(range(n))
    if prof["drop_last"]:
        keep_pages = keep_pages[:-1]
        lost |= {k for k, (pi, _) in cell_px.items() if pi == n - 1}
    encoded = []
    page_params = []
    lost_by_page = {}
    H, W = pages[0].shape
    ow, oh = canvas_size(prof, W, H, dpi, prng)
    cut_page, cut = None, None
    if prof["cut"]:
        top_px = rep["style"]["margins"][0] / 2.54 * dpi
        order = list(keep_pages)
        prng.shuffle(order)
        for pi in order:
            c = choose_cut(prng, {k: b for k, (q, b) in cell_px.items() if q == pi}, oh, H, top_px)
            if c:
                cut_page, cut = pi, c
                break
    for pi in keep_pages:
        clean = pages[pi]
        boxes = {k: b for k, (q, b) in cell_px.items() if q == pi}
        M = None
        if pi == cut_page:
            M, states, params = page_transform(prng, prof, W, H, ow, oh, boxes, cut=cut)
        if M is None:
            M, states, params = page_transform(prng, prof, W, H, ow, oh, boxes, allow_loss=prof["cut"])
        page_lost = {k for k, s in states.items() if s == "out"}
        if page_lost:
            lost_by_page[pi + 1] = len(page_lost)
        lost |= page_lost
        if any(s == "partial" for s in states.values()):
            raise RuntimeError(f"{rid}: partial cell on page {pi}")
        clean2 = scanfx.ruling_effects(clean, dpi, prof, nrng)
        back = pages[pi + 1] if (prof["bleed"] and pi + 1 < n) else None
        img = scanfx.degrade(clean2, M, ow, oh, prof, nrng, dpi, back=back)
        encoded.append((scanfx.encode_page(img, prof["jpeg_q"]), dpi))
        page_params.append({k: (round(v, 3) if isinstance(v, float) else v) for k, v in params.items()
                            if k != "persp"} | {"size": [ow, oh]})
    producer, creator = SCANNERS[prng.randrange(len(SCANNERS))]
    y = rep["year"] + 1
    scanfx.write_image_pdf(os.path.join(out_dir, rid + ".pdf"), encoded, producer=producer, creator=creator,
                           creation=f"D:{y}{prng.randint(1, 3):02d}{prng.randint(1, 28):02d}"
                                    f"{prng.randint(8, 17):02d}{prng.randint(0, 59):02d}00+08'00'")
    return lost, {"profile": {k: v for k, v in prof.items()}, "pages": page_params, "n_pages_rendered": n,
                  "cut_page": cut_page, "lost_by_page": lost_by_page, "canvas_px": [ow, oh], "page_px": [W, H]}


# ---------------------------------------------------------------------------
# DOCX-with-table-pictures mode
# ---------------------------------------------------------------------------
def crop_ink(img, pad):
    ys, xs = np.where(img < 200)
    y0, y1 = max(0, ys.min() - pad), min(img.shape[0], ys.max() + pad + 1)
    x0, x1 = max(0, xs.min() - pad), min(img.shape[1], xs.max() + pad + 1)
    return img[y0:y1, x0:x1]


def split_at_rule(img, dpi, frac):
    h, _ = scanfx.line_masks(img, dpi)
    rows = np.where(h.sum(axis=1) > img.shape[1] * 0.5)[0]
    if len(rows) == 0:
        return [img]
    target = img.shape[0] * frac
    y = int(rows[np.argmin(np.abs(rows - target))])
    # include the whole rule in both halves
    y0 = y
    while y0 - 1 >= 0 and (y0 - 1) in set(rows):
        y0 -= 1
    y1 = y
    while (y1 + 1) in set(rows):
        y1 += 1
    return [img[:y1 + 1], img[y0:]]


def picture_degrade(img, rng, prof, dpi):
    if prof["scale"] != 1.0:
        img = cv2.resize(img, None, fx=prof["scale"], fy=prof["scale"], interpolation=cv2.INTER_AREA)
    if prof["angle"]:
        h, w = img.shape
        M = cv2.getRotationMatrix2D((w / 2, h / 2), prof["angle"], 1.0)
        img = cv2.warpAffine(img, M, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    f = img.astype(np.float32)
    if prof["blur"]:
        f = cv2.GaussianBlur(f, (0, 0), prof["blur"])
    if prof["noise"] and prof["format"] == "jpg":  # a photographed/scanned printout; screenshots are clean
        f = f + rng.normal(0, prof["noise"], f.shape)
    f = np.clip(f, 0, 255).astype(np.uint8)
    if prof["format"] == "png":
        ok, buf = cv2.imencode(".png", f)
    else:
        ok, buf = cv2.imencode(".jpg", f, [cv2.IMWRITE_JPEG_QUALITY, prof["jpeg_q"]])
    return buf.tobytes(), f.shape[1]


def render_docx_pictures(rep, work, out_dir):
    dpi = rep["dpi"]
    rid = rep["id"]
    nrng = np.random.default_rng(rep["rng_state"])
    prng = random.Random(rep["rng_state"])
    real_pdf = os.path.join(work, rid + ".pdf")
    pages = rasterise(real_pdf, dpi, os.path.join(work, rid + "_pg"))
    if len(pages) != 3:
        raise RuntimeError(f"{rid}: tables document has {len(pages)} pages, expected 3")
    st = rep["style"]
    text_w = 21.0 - st["margins"][2] - st["margins"][3]
    prof = {"scale": prng.choice([1.0, 1.0, 0.9, 0.8, 0.75]), "angle": prng.uniform(-0.6, 0.6) if prng.random() < 0.25 else 0,
            "blur": prng.choice([0, 0, 0.4, 0.7]), "noise": prng.choice([0, 0, 2, 4]),
            "format": prng.choice(["png", "jpg"]), "jpeg_q": prng.randint(40, 90),
            "split_t3": prng.random() < 0.35, "pad": prng.randint(2, 20)}
    pics = {}
    for name, img in zip(("t2", "t3", "t4"), pages):
        img = crop_ink(img, prof["pad"])
        parts = split_at_rule(img, dpi, prng.uniform(0.4, 0.6)) if (name == "t3" and prof["split_t3"]) else [img]
        pics[name] = []
        for part in parts:
            data, wpx = picture_degrade(part, nrng, prof, dpi)
            wcm = min(text_w, wpx / (dpi * prof["scale"]) * 2.54)
            pics[name].append((data, wcm))
    docbuild.build_picture_docx(rep, os.path.join(out_dir, rid + ".docx"), pics)
    return set(), {"picture": prof}


# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------
def truth_for(rep, lost, fname, rendering, notes):
    keys = (RG.T2_2021_KEYS if rep["format"] == "2021" else RG.T2_2019_KEYS) + \
        [f"t3.{r}.{c}" for r in RG.t3_row_keys(rep["single_other"]) for c in RG.T3_COLS] + \
        [f"t4.{g}.{c}" for g in RG.T4_GROUPS for c in RG.T4_COLS]
    figs = {k: rep["values"][k] for k in keys if k not in lost}
    breaks = RG.check_breaks(figs, rep["single_other"])
    if rep["narrative_n"] is not None and "t3.new.total" in figs and rep["narrative_n"] != figs["t3.new.total"]:
        breaks.add("narrative.requests")
    order = ["t3.balance", "t3.row_sum", "t3.results_sum", "t4.group_sum", "narrative.requests"]
    return {"file": fname, "format": rep["format"], "agency": rep["agency"], "year": rep["year"], "figures": figs,
            "breaks": [b for b in order if b in breaks], "rendering": rendering, "notes": notes}


def generate(a, kind, dpis, work, profile):
    """Make every document; returns (reports, failed ids, manifest rows)."""
    reps = []
    only = {int(x) for x in a.only.split(",") if x.strip()}
    for i in range(a.n):
        if only and i not in only:
            continue
        rep = make_report(a.seed, i, kind, dpis)
        tag = "scan" if kind == "scan" else "pic"
        rep["id"] = f"indep_{kind}_s{a.seed}_{i:03d}_{rep['format']}_{tag}{rep['dpi']}"
        reps.append(rep)
    # LibreOffice sometimes lays a table out wrongly where it breaks across pages (rows lost,
    # tables drawn over each other).  Every document is checked against its probe twin; a
    # document that fails is rebuilt with a safer layout (deterministically) and checked again.
    pending = list(reps)
    for attempt, tweak in enumerate(LAYOUT_RETRIES):
        if not pending:
            break
        to_convert = []
        for rep in pending:
            rep["style"].update(tweak)
            rep["layout_attempt"] = attempt
            real = os.path.join(work, rep["id"] + ".docx")
            probe = os.path.join(work, rep["id"] + "_probe.docx")
            if kind == "scan":
                docbuild.build_docx(rep, real)
                rep["codes"] = docbuild.build_docx(rep, probe, probe=True)
            else:
                docbuild.build_tables_docx(rep, real)
                rep["codes"] = docbuild.build_tables_docx(rep, probe, probe=True)
            to_convert += [real, probe]
        print(f"converting {len(to_convert)} DOCX files with LibreOffice (layout attempt {attempt}) ...", flush=True)
        soffice_convert(to_convert, work, profile)
        still = []
        for rep in pending:
            try:
                verify_layout(rep, work)
            except Exception as e:
                print(f"  layout check failed for {rep['id']}: {e}", flush=True)
                rep["layout_error"] = str(e)
                still.append(rep)
        pending = still
    manifest = []
    failed = [rep["id"] for rep in pending]
    for rep in pending:
        print(f"FAILED {rep['id']}: {rep['layout_error']}", file=sys.stderr, flush=True)
    for rep in reps:
        if rep in pending:
            continue
        try:
            if kind == "scan":
                lost, info = render_scan(rep, work, a.out_dir)
                fname = rep["id"] + ".pdf"
                rendering = f"scan{rep['dpi']}"
            else:
                lost, info = render_docx_pictures(rep, work, a.out_dir)
                fname = rep["id"] + ".docx"
                rendering = f"docx_pictures{rep['dpi']}"
        except Exception as e:  # a self-check failed: say so loudly, write nothing for this one
            print(f"FAILED {rep['id']}: {e}", file=sys.stderr, flush=True)
            failed.append(rep["id"])
            continue
        notes = ("Constructed by bench/independent_scans/generate_scans.py (figures invented; the body name is "
                 "only a realistic name). ")
        if kind == "scan":
            p = info["profile"]
            notes += (f"Image-only PDF, {rep['dpi']} dpi, {p['mode']} scan, JPEG q{p['jpeg_q']}"
                      if p["mode"] != "bw" else f"Image-only PDF, {rep['dpi']} dpi, bilevel scan")
            notes += "."
            if p["drop_last"]:
                notes += " The last page is missing from the scan; its cells are not in figures."
            if info["lost_by_page"]:
                notes += (f" The scan area is shorter than the sheet ({info['canvas_px'][1]} px high for a "
                          f"{info['page_px'][1]} px page): the bottom edge cuts between table rows on page(s) "
                          + ", ".join(str(k) for k in sorted(info["lost_by_page"]))
                          + "; rows beyond the edge are not printed and not in figures.")
        else:
            notes += "DOCX with real text; tables 2-4 pasted as pictures (table 3 maybe in two pictures)."
        if rep["single_other"] and rep["format"] == "2021":
            notes += " Table 3 prints (六) 其他处理 as one row."
        if rep["break_kind"]:
            notes += f" Rule broken on purpose: {rep['break_kind']}."
        z = rep["zero_style"]
        if any(v != "0" for v in z.values()):
            notes += " Zero cells printed as " + ", ".join(f"{t}: {v!r}" for t, v in z.items()) + "."
        truth = truth_for(rep, lost, fname, rendering, notes)
        with open(os.path.join(a.out_dir, rep["id"] + ".truth.json"), "w", encoding="utf-8") as fh:
            json.dump(truth, fh, ensure_ascii=False, indent=1)
        manifest.append({"id": rep["id"], "file": fname, "format": rep["format"], "level": rep["level"],
                         "agency": rep["agency"], "year": rep["year"], "dpi": rep["dpi"],
                         "n_figures": len(truth["figures"]), "lost_cells": sorted(lost), "breaks": truth["breaks"],
                         "break_kind": rep["break_kind"], "zero_style": rep["zero_style"],
                         "style": {k: (str(v) if not isinstance(v, (int, float, str, type(None), list, tuple)) else v)
                                   for k, v in rep["style"].items()},
                         **json.loads(json.dumps(info, default=str))})
        print(f"{fname}: {len(truth['figures'])} figures, breaks={truth['breaks']}, lost={len(lost)}", flush=True)
    return reps, failed, manifest


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dpi", default="150,200,300", help="comma-separated; each document picks one")
    ap.add_argument("--docx-pictures", action="store_true",
                    help="write DOCX files whose tables are pasted pictures instead of scanned PDFs")
    ap.add_argument("--keep-work", action="store_true", help="keep the intermediate DOCX/PDF files (OUT_DIR/_work)")
    ap.add_argument("--only", default="", help="comma-separated document indices to (re)make, for debugging")
    a = ap.parse_args(argv)
    for tool in ("soffice", "pdftoppm", "pdftotext"):
        if not shutil.which(tool):
            sys.exit(f"missing tool: {tool} (apt-get install libreoffice-writer poppler-utils)")
    dpis = [int(x) for x in a.dpi.split(",") if x.strip()]
    kind = "docx" if a.docx_pictures else "scan"
    os.makedirs(a.out_dir, exist_ok=True)
    work = os.path.join(a.out_dir, "_work") if a.keep_work else tempfile.mkdtemp(prefix="indep_scans_")
    os.makedirs(work, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="indep_scans_lo_")
    try:
        reps, failed, manifest = generate(a, kind, dpis, work, profile)
        with open(os.path.join(a.out_dir, "manifest.json"), "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, ensure_ascii=False, indent=1)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
        if not a.keep_work:
            shutil.rmtree(work, ignore_errors=True)
    print(f"wrote {len(reps) - len(failed)} documents to {a.out_dir}" + (f"; {len(failed)} FAILED" if failed else ""))
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
