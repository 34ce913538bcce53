#!/usr/bin/env python3
"""Check a generated corpus: every file opens, and its truth matches what it prints.

    python bench/independent/selfcheck.py CORPUS_DIR [-v]

Per document: the text is pulled out (pdftotext -layout; .doc through LibreOffice to PDF,
and antiword must open it; python-docx; the HTML decoded with its own <meta> charset),
then: the agency and the year are printed; every non-zero truth figure appears, in the
template's order, among the numbers printed after the table-2 heading; the breaks agree
with the figures and with the number of requests the narrative states (recomputed here,
independently of the generator); a forced page break in table 3 really starts a page
with that row.
"""
import html
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import docx

COLS = ["natural", "commercial", "research", "social", "legal", "other"]
RESULT = ["granted", "partial", "denied_state_secret", "denied_law", "denied_three_safety", "denied_third_party",
          "denied_internal", "denied_process", "denied_enforcement", "denied_query", "unable_not_held",
          "unable_create", "unable_unclear", "ignored_petition", "ignored_repeat", "ignored_publication",
          "ignored_massive", "ignored_confirm", "other_no_correction", "other_no_fee", "other_other", "other"]
# short enough not to be cut by a narrow cell's wrapping
BREAK_LABEL = {"carried_forward": "四、结转下", "ignored_petition": "信访举报",
               "unable_not_held": "本机关不掌", "denied_third_party": "保护第三"}


def html_text(data):
    m = re.search(rb'charset\s*=\s*"?([-\w]+)', data[:4096], re.I)
    enc = (m.group(1).decode() if m else "utf-8").lower()
    s = data.decode("gbk" if enc in ("gb2312", "gbk") else enc.replace("utf-8", "utf-8-sig"))
    s = re.sub(r"<(script|style)\b.*?</\1>", " ", s, flags=re.S | re.I)
    s = re.sub(r"<[^>]+>", " ", s)
    return html.unescape(s)


def docx_text(path):
    d = docx.Document(path)
    out = []
    for el in d.element.body:
        if el.tag.endswith("}p"):
            out.append("".join(t.text or "" for t in el.iter() if t.tag.endswith("}t")))
        elif el.tag.endswith("}tbl"):
            for tr in el.iter():
                if tr.tag.endswith("}tr"):
                    out.append(" | ".join("".join(t.text or "" for t in tc.iter() if t.tag.endswith("}t"))
                                          for tc in tr if tc.tag.endswith("}tc")))
    return "\n".join(out)


def pdf_pages(path):
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(path)], capture_output=True,
                                                          text=True, check=True).stdout).group(1))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), str(path), "-"],
                           capture_output=True, text=True, check=True).stdout for p in range(1, n + 1)]


def breaks_of(fig, narrative=None):
    g = lambda k: fig.get(k, 0)
    out = []
    if any(k.startswith("t3.") for k in fig):
        rows = [r for r in RESULT if any(k.startswith(f"t3.{r}.") for k in fig)]
        allc = COLS + ["total"]
        if any(g(f"t3.new.{c}") + g(f"t3.carried_over.{c}") != g(f"t3.results_total.{c}") + g(f"t3.carried_forward.{c}")
               for c in allc):
            out.append("t3.balance")
        every = ["new", "carried_over", "results_total", "carried_forward"] + rows
        if any(sum(g(f"t3.{r}.{c}") for c in COLS) != g(f"t3.{r}.total") for r in every):
            out.append("t3.row_sum")
        if any(sum(g(f"t3.{r}.{c}") for r in rows) != g(f"t3.results_total.{c}") for c in allc):
            out.append("t3.results_sum")
    if any(k.startswith("t4.") for k in fig):
        if any(sum(g(f"t4.{x}.{c}") for c in ["upheld", "corrected", "other", "pending"]) != g(f"t4.{x}.total")
               for x in ["review", "suit_direct", "suit_after_review"]):
            out.append("t4.group_sum")
    return out


def is_subsequence(want, have):
    it = iter(have)
    return all(any(abs(h - w) < 1e-9 for h in it) for w in want)


def check(path, truth, text, pages):
    problems = []
    text = re.sub(r"\[bookmark: [^\]]*\]", "", text)
    flat = re.sub(r"\s+", "", text)
    if re.sub(r"\s+", "", truth["agency"]) not in flat:
        problems.append("agency not printed")
    if f"{truth['year']}年" not in flat:
        problems.append("year not printed")
    if truth.get("published"):
        y, m, d = truth["published"].split("-")
        if truth["published"] not in flat and f"{y}年{m}月{d}日" not in flat:
            problems.append("publication date not printed")
    first_item = text.find("第二十条")                 # the first cell of table 2
    tail = text[text.rfind("主动公开政府信息情况", 0, first_item):]
    tail = re.sub(r"第二十条\s*第\s*[（(]?[一二三四五六七八九]+[)）]?\s*项", " ", tail)
    nums = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", tail)]
    want = [abs(v) for v in truth["figures"].values() if v != 0]
    if not is_subsequence(want, nums):
        problems.append("non-zero figures not all printed in order")
    if path.suffix in (".html", ".txt", ".docx"):      # exact: the tables print these non-zero numbers and no others
        end = re.search(r"五、存在|存在的?主要问题", tail)
        cells = re.sub(r"\d+\s*[.．、](?!\d)", " ", tail[:end.start() if end else len(tail)])
        got = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", cells) if float(x) != 0]
        if got != [float(w) for w in want]:
            problems.append(f"tables print non-zero numbers {got[:12]}... truth has {want[:12]}...")
    narrative = flat[:flat.find("第二十条")]
    m = re.search(r"共(?:收到|受理)(?:政府信息公开申请|依申请公开)?(\d+)(?:件|条)", narrative)
    stated = int(m.group(1)) if m else (0 if "未收到政府信息公开申请" in narrative else None)
    expect_nb = stated is not None and stated != truth["figures"].get("t3.new.total", 0)
    if expect_nb != ("narrative.requests" in truth["breaks"]):
        problems.append(f"narrative states {stated}, breaks {truth['breaks']}")
    if sorted(breaks_of(truth["figures"])) != sorted(b for b in truth["breaks"] if b != "narrative.requests"):
        problems.append(f"breaks {truth['breaks']} but figures say {breaks_of(truth['figures'])}")
    m = re.search(r"before row (\w+)", truth.get("notes", ""))
    if pages and m and m.group(1) in BREAK_LABEL:
        label = BREAK_LABEL[m.group(1)]
        on = [i for i, p in enumerate(pages) if label in re.sub(r"\s+", "", p)]
        if not on or on[0] == 0:
            problems.append(f"forced break before {m.group(1)} not found")
        else:
            p = re.sub(r"\s+", "", pages[on[0]])
            if p.find(label) > p.find("五、") >= 0 or re.search(r"收到和处理政府信息公开申请情况", p[:p.find(label)]):
                problems.append(f"page {on[0] + 1} does not start mid-table")
    return problems


def main():
    corpus = Path(sys.argv[1])
    verbose = "-v" in sys.argv
    truths = sorted(corpus.glob("*.truth.json"))
    docs = {t: corpus / json.loads(t.read_text(encoding="utf-8"))["file"] for t in truths}
    tmp = Path(tempfile.mkdtemp(prefix="indep_check_"))
    dos = [d for d in docs.values() if d.suffix == ".doc"]
    if dos:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(tmp / 'lo').as_uri()}", "--convert-to", "pdf",
                        "--outdir", str(tmp)] + [str(d) for d in dos], check=True, capture_output=True)
    bad = 0
    stats = {}
    for t, doc in docs.items():
        truth = json.loads(t.read_text(encoding="utf-8"))
        pages = None
        try:
            if doc.suffix == ".pdf":
                pages = pdf_pages(doc)
                text = "\n".join(pages)
            elif doc.suffix == ".doc":
                subprocess.run(["antiword", "-m", "UTF-8.txt", str(doc)], capture_output=True, check=True)
                pages = pdf_pages(tmp / (doc.stem + ".pdf"))
                text = "\n".join(pages)
            elif doc.suffix == ".docx":
                text = docx_text(doc)
            elif doc.suffix == ".html":
                text = html_text(doc.read_bytes())
            else:
                text = doc.read_text(encoding="utf-8")
            problems = check(doc, truth, text, pages if doc.suffix == ".pdf" else None)
        except Exception as e:  # noqa: BLE001 - any failure to open is a finding
            problems = [f"cannot open: {e!r}"]
        k = truth["rendering"]
        s = stats.setdefault(k, {"docs": 0, "ok": 0, "2019": 0, "breaks": 0, "pages>1": 0})
        s["docs"] += 1
        s["ok"] += not problems
        s["2019"] += truth["format"] == "2019"
        s["breaks"] += bool(truth["breaks"])
        s["pages>1"] += bool(pages and len(pages) > 1)
        if problems:
            bad += 1
            print(f"FAIL {doc.name}: {'; '.join(problems)}")
        elif verbose:
            print(f"ok   {doc.name}")
    for k, s in stats.items():
        print(f"{k:13s} {s}")
    print(f"{len(docs) - bad} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
