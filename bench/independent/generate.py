#!/usr/bin/env python3
"""Independent test documents for the annual-report extractor, with truth files.

    python bench/independent/generate.py OUT_DIR [--n-per-kind N] [--seed S] [--kinds a,b,...]

Writes OUT_DIR/<id>.<ext> and OUT_DIR/<id>.truth.json for every document. Written from
/work/shared (report-format.md, real samples, seeds, cases) only, not from the extractor.
"""
import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import docx_doc  # noqa: E402
import html_page  # noqa: E402
import report  # noqa: E402
import text_export  # noqa: E402

KINDS = ["html_utf8", "html_gbk", "docx", "pdf_lo", "pdf_chromium", "doc", "txt_cells", "txt_rows"]
EXT = {"html_utf8": "html", "html_gbk": "html", "docx": "docx", "pdf_lo": "pdf", "pdf_chromium": "pdf",
       "doc": "doc", "txt_cells": "txt", "txt_rows": "txt"}
BREAK_ROWS = (["carried_forward"] * 4 + ["results_total", "ignored_petition", "unable_not_held", "denied_third_party"])


def set_t3_break(rep, rng):
    """Force table 3 over a page break before one of its rows; returns the row key."""
    tb = next(b[1] for b in rep.blocks if b[0] == "table" and b[1].name == "t3")
    key = rng.choice(BREAK_ROWS)
    tb.break_before = tb.row_index[key]
    rep.notes.append(f"t3 forced onto a new page before row {key}")
    return key


def need_tool(name, wait=900):
    """LibreOffice/Chromium may still be installing: wait for them a while."""
    t0 = time.time()
    while not shutil.which(name):
        if time.time() - t0 > wait:
            sys.exit(f"{name} not found on PATH")
        print(f"waiting for {name} ...", file=sys.stderr)
        time.sleep(20)
    return shutil.which(name)


def soffice_convert(files, fmt, outdir, work):
    """Convert files with one LibreOffice run (own profile, so it never meets a running instance)."""
    exe = need_tool("soffice")
    profile = Path(work, "lo_profile").as_uri()
    for i in range(0, len(files), 20):
        subprocess.run([exe, "--headless", "--norestore", f"-env:UserInstallation={profile}", "--convert-to", fmt,
                        "--outdir", str(outdir)] + [str(f) for f in files[i:i + 20]],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)


def chromium_pdf(src, dst, work):
    exe = need_tool("chromium")
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
           f"--user-data-dir={work}/chrome_profile", f"--print-to-pdf={dst}", Path(src).as_uri()]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    if not Path(dst).exists():
        raise RuntimeError(f"chromium made no PDF for {src}")


def make_one(kind, i, seed, out, work, pending):
    rng = random.Random(f"{seed}:{kind}:{i}")
    doc_id = f"{kind}_{i:03d}"
    name = f"{doc_id}.{EXT[kind]}"
    allow_blank = True
    style = None
    if kind == "txt_cells":
        style = rng.choice(text_export.CELL_STYLES)
        allow_blank = style != "plain"
    elif kind == "txt_rows":
        style = rng.choice(text_export.ROW_STYLES)
        allow_blank = style != "spaces"
    rep = report.make_report(rng, allow_blank=allow_blank)
    published = False
    if kind in ("html_utf8", "html_gbk"):
        charset = "utf-8" if kind == "html_utf8" else "gbk"
        page = html_page.portal_page(rep, rng, charset)
        data = page.encode("gbk", errors="xmlcharrefreplace") if charset == "gbk" else page.encode("utf-8")
        if charset == "utf-8" and rng.random() < 0.1:
            data = b"\xef\xbb\xbf" + data
        Path(out, name).write_bytes(data)
        published = True
    elif kind in ("docx", "pdf_lo", "doc"):
        if rng.random() < 0.12:
            report.drop_title(rep)
        split = kind == "pdf_lo" and rng.random() < 0.4
        if split:
            set_t3_break(rep, rng)
        target = Path(out, name) if kind == "docx" else Path(work, kind, f"{doc_id}.docx")
        target.parent.mkdir(parents=True, exist_ok=True)
        docx_doc.build_docx(rep, rng, target, split_t3_page=split)
        if kind != "docx":
            pending.setdefault(kind, []).append(target)
    elif kind == "pdf_chromium":
        if rng.random() < 0.45:
            set_t3_break(rep, rng)
        if rng.random() < 0.6:
            page = html_page.portal_page(rep, rng, "utf-8", for_print=True)
            published = True
            rep.notes.append("printed with the portal page around it")
        else:
            page = html_page.print_page(rep, rng)
        src = Path(work, "chromium", f"{doc_id}.html")
        src.parent.mkdir(parents=True, exist_ok=True)
        src.write_text(page, encoding="utf-8")
        pending.setdefault(kind, []).append(src)
    else:
        text, published = text_export.export(rep, rng, "cells" if kind == "txt_cells" else "rows", style)
        rep.notes.append(f"style {style}")
        Path(out, name).write_text(text, encoding="utf-8")
    truth = rep.truth(name, kind, published=published)
    Path(out, f"{doc_id}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--n-per-kind", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma-separated, from: " + ", ".join(KINDS))
    args = ap.parse_args(argv)
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        ap.error(f"unknown kinds: {bad}")
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="indep_gen_"))
    try:
        pending = {}
        for kind in kinds:
            for i in range(args.n_per_kind):
                make_one(kind, i, args.seed, out, work, pending)
        if pending.get("pdf_lo"):
            soffice_convert(pending["pdf_lo"], "pdf", out, work)
        if pending.get("doc"):
            soffice_convert(pending["doc"], "doc", out, work)
        for src in pending.get("pdf_chromium", []):
            chromium_pdf(src, out / (src.stem + ".pdf"), work)
        missing = [f"{k}_{i:03d}" for k in kinds for i in range(args.n_per_kind)
                   if not (out / f"{k}_{i:03d}.{EXT[k]}").exists()]
        if missing:
            sys.exit(f"conversion failed for {len(missing)} documents: {missing[:5]} ...")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"wrote {len(kinds) * args.n_per_kind} documents ({', '.join(kinds)}) to {out}")


if __name__ == "__main__":
    main()
