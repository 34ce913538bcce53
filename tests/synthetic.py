"""Synthetic raw stores for tests and benchmarks: records stored as JSON files.

:func:`make_store` fills a raw store with one JSON file per report, each holding the
record the extractor would return (figures from :func:`demo.render.make_spec`, which
obey the template's rules unless asked not to); :func:`json_extractor` reads them back.
This exercises the whole archive build without the cost of rendering and parsing
PDFs, so a 100,000-report archive can be built in minutes.
"""
from __future__ import annotations

import json
import random

from extract import schema

#: bodies of synthetic reports: real-looking names across levels and provinces
_PLACES = ("宁波市江北区", "成都市武侯区", "合肥市蜀山区", "杭州市余杭区", "昆明市五华区", "长沙县",
           "淮安市洪泽区", "西安市长安区", "武汉市汉阳区", "包头市东河区", "福州市晋安区", "曲阜市")
_DEPARTMENTS = ("人民政府", "人民政府办公室", "教育局", "卫生健康局", "市场监督管理局", "自然资源局",
                "人力资源和社会保障局", "民政局", "住房和城乡建设局", "司法局")


def body_name(i: int) -> str:
    """The ``i``-th synthetic body name (distinct for every ``i``)."""
    place = _PLACES[i % len(_PLACES)]
    dept = _DEPARTMENTS[(i // len(_PLACES)) % len(_DEPARTMENTS)]
    n = i // (len(_PLACES) * len(_DEPARTMENTS))
    if n == 0:
        return f"{place}{dept}"
    if dept == "人民政府":
        return f"{place}第{n}街道办事处"
    if dept == "人民政府办公室":
        return f"{place}第{n}镇人民政府"
    return f"{place}{dept}第{n}分局"


def json_extractor(data: bytes, source: str = "<bytes>") -> dict:
    """Read a record written by :func:`make_store` (the extractor of synthetic stores).

    :param data: the stored JSON bytes.
    :param source: ignored; kept for the extractor signature.
    """
    return json.loads(data.decode("utf-8"))


def make_record(seed: int, agency: str, year: int, inconsistent: bool = False, version: str = "0.1.0") -> dict:
    """An extractor-shaped record for a synthetic report.

    :param seed: random seed.
    :param agency: the body.
    :param year: the year reported on.
    :param inconsistent: break one hard rule and list it as a finding.
    :param version: extractor version written in the record.
    """
    from demo.render import make_spec

    spec = make_spec(seed, agency=agency, year=year, inconsistent=inconsistent)
    findings = [{"rule": rule, "detail": f"synthetic breach of {rule}"} for rule in spec.broken_rules]
    sections = {str(n): text for n, text in spec.narrative.items()}
    return {
        "source": None, "sha256": None, "size": None, "kind": "html", "format": spec.generation,
        "agency": spec.agency, "year": spec.year, "title": spec.title, "is_report": True,
        "sections": sections, "figures": dict(spec.figures), "findings": findings, "warnings": [],
        "extractor_version": version, "error": None,
    }


def make_store(root, reports: int, years: tuple[int, ...] = (2020, 2021, 2022, 2023, 2024), seed: int = 0,
               portal: str = "synthetic", inconsistent_share: float = 0.05, fetched_at: str = "2025-03-01T00:00:00+00:00"):
    """Fill a raw store at ``root`` with ``reports`` synthetic reports; return the store.

    Bodies each report for consecutive ``years``; about ``inconsistent_share`` of the
    reports break a rule.

    :param root: the store directory.
    :param reports: number of reports.
    :param years: the years each body reports on.
    :param seed: random seed.
    :param portal: portal name written in the store.
    :param inconsistent_share: share of reports with a broken rule.
    :param fetched_at: fetch time written for every file.
    """
    from store import RawStore

    store = RawStore(root)
    rng = random.Random(seed)
    template = {}
    rows = []
    for i in range(reports):
        body, year = body_name(i // len(years)), years[i % len(years)]
        generation = "2021" if year >= 2021 else "2019"
        # rendering a spec costs ~1 ms; reuse a few per generation and vary the figures
        key = (generation, i % 7)
        if key not in template:
            template[key] = make_record(seed * 1000 + len(template), body, year)
        record = dict(template[key], agency=body, year=year, format=generation,
                      title=f"{body}{year}年政府信息公开工作年度报告")
        record["figures"] = {k: (v + rng.randint(0, 3) if isinstance(v, int) else v)
                             for k, v in record["figures"].items()}
        record["findings"] = [{"rule": "t3.row_sum", "detail": "synthetic"}] if rng.random() < inconsistent_share else []
        record["sections"] = {n: f"{body}{year}年：" + t for n, t in record["sections"].items()}
        data = json.dumps(record, ensure_ascii=False).encode("utf-8")
        sha, rel = store.put_bytes(data, ".json")
        rows.append((f"http://127.0.0.1/report/{i}.json", sha, rel, len(data), "application/json", fetched_at,
                     portal, body, year, "page"))
    store.import_fetches(rows, run={"id": "synthetic-1", "portal": portal, "started_at": fetched_at,
                                    "finished_at": fetched_at, "stats": {"files": reports}})
    return store


def records_for(store, extractor=json_extractor, version: str = "0.1.0", settings: str = "ocr=tesseract"):
    """The store's records made in this process by ``extractor`` (a test's stand-in for
    the extraction stage); return the :class:`store.RecordStore`.

    :param store: a :class:`store.RawStore`.
    :param extractor: ``(bytes, source) -> record``.
    :param version: the extractor version the records are stored under.
    """
    from store import RecordStore

    records = RecordStore.beside(store.root, version, settings)
    known = records.known()
    made = []
    for sha256, path, url in store.documents():
        if sha256 in known:
            continue
        try:
            record = dict(extractor(store.read(sha256), url))
        except Exception as exc:  # noqa: BLE001 - recorded like the runner does
            record = {"source": url, "error": f"extractor crashed: {type(exc).__name__}: {exc}", "figures": {}}
        record["sha256"] = sha256
        made.append(record)
    records.put_many(made)
    return records


def all_keys_valid(record: dict) -> bool:
    """True when every figure key of ``record`` is a canonical key."""
    return all(schema.is_valid_key(k) for k in record.get("figures", {}))
