"""The template's consistency rules (:data:`extract.schema.RULES`) applied to figures.

A breach is a *finding* ``{"rule": rule id, "detail": text, "keys": [the figures it rests
on]}`` to store and show; the printed figures are never changed to satisfy a rule. A rule is only applied where every
figure it needs was printed: a truncated table gives fewer checks, not false breaches.
"""
from __future__ import annotations

import re

from extract import schema

_T3_PARTS = schema.T3_COLUMN_KEYS[:-1]


def _fmt(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _sum_breach(figures: dict, part_keys: list[str], total_key: str) -> tuple | None:
    """``(sum of parts, printed total)`` when both are printed and differ, else ``None``."""
    if total_key in figures and all(k in figures for k in part_keys):
        parts = sum(figures[k] for k in part_keys)
        if parts != figures[total_key]:
            return parts, figures[total_key]
    return None


def result_rows(figures: dict, generation: str) -> tuple[str, ...] | None:
    """The result rows this report prints: with (六) as three rows or as one."""
    three = tuple(r for r in schema.T3_RESULT_ROWS if r != "other")
    one = tuple(r for r in schema.T3_RESULT_ROWS if not r.startswith("other_"))
    has_three = any(k.startswith("t3.other_") for k in figures)
    has_one = any(k.startswith("t3.other.") for k in figures)
    if has_three and not has_one:
        return three
    if has_one and not has_three:
        return one
    if not has_one and not has_three:
        return None
    return three if generation == "2021" else one


def check_t3(figures: dict, generation: str) -> list[dict]:
    """Rules ``t3.balance``, ``t3.row_sum`` and ``t3.results_sum``.

    :param figures: canonical key → value.
    :param generation: ``"2021"`` or ``"2019"``.
    """
    findings = []
    for column in schema.T3_COLUMN_KEYS:
        keys = [schema.t3_key(r, column) for r in ("new", "carried_over", "results_total", "carried_forward")]
        if all(k in figures for k in keys):
            new, over, total, forward = (figures[k] for k in keys)
            if new + over != total + forward:
                findings.append({"rule": "t3.balance", "detail": (
                    f"column {column}: new {_fmt(new)} + carried_over {_fmt(over)} = {_fmt(new + over)}"
                    f" ≠ results_total {_fmt(total)} + carried_forward {_fmt(forward)} = {_fmt(total + forward)}"),
                    "keys": keys})
    for row in schema.T3_ROWS:
        parts = [schema.t3_key(row, c) for c in _T3_PARTS]
        breach = _sum_breach(figures, parts, schema.t3_key(row, "total"))
        if breach:
            findings.append({"rule": "t3.row_sum", "detail": (
                f"row {row}: natural…other sum to {_fmt(breach[0])} ≠ total {_fmt(breach[1])}"),
                "keys": parts + [schema.t3_key(row, "total")]})
    rows = result_rows(figures, generation)
    if rows:
        for column in schema.T3_COLUMN_KEYS:
            parts = [schema.t3_key(r, column) for r in rows]
            breach = _sum_breach(figures, parts, schema.t3_key("results_total", column))
            if breach:
                findings.append({"rule": "t3.results_sum", "detail": (
                    f"column {column}: result rows sum to {_fmt(breach[0])} ≠ results_total {_fmt(breach[1])}"),
                    "keys": parts + [schema.t3_key("results_total", column)]})
    return findings


def check_t4(figures: dict) -> list[dict]:
    """Rule ``t4.group_sum``.

    :param figures: canonical key → value.
    """
    findings = []
    for group in schema.T4_ROWS:
        keys = [f"t4.{group}.{c.key}" for c in schema.T4_COLUMNS]
        breach = _sum_breach(figures, keys[:-1], keys[-1])
        if breach:
            findings.append({"rule": "t4.group_sum", "detail": (
                f"group {group}: upheld+corrected+other+pending = {_fmt(breach[0])} ≠ total {_fmt(breach[1])}"),
                "keys": keys})
    return findings


_NONE_RECEIVED = re.compile(r"(?:未|没有|无)(?:收到|接到|受理)(?:过)?[^。;，,]{0,12}?申请")
_COUNT_AFTER = re.compile(
    r"(?:收到|受理|接到|新收|办理)[^。;，,\d]{0,14}?申请[^。;，,\d人]{0,6}?(\d+)\s*(?:件|条|份|个|宗)")
_COUNT_BEFORE = re.compile(r"(?:收到|受理|接到|新收)[^。;，,\d]{0,4}?(\d+)\s*(?:件|条|份|个|宗)[^。;]{0,14}?申请")


def narrative_request_count(narrative: str) -> int | None:
    """The number of requests received that section 1 states, if it states one.

    ``共受理政府信息公开申请2件`` → 2; ``共收到9条要求公开政府信息的申请`` → 9;
    ``未收到政府信息公开申请`` → 0.

    :param narrative: the text of section 1.
    """
    for pattern in (_COUNT_AFTER, _COUNT_BEFORE):
        match = pattern.search(narrative)
        if match:
            return int(match.group(1))
    if _NONE_RECEIVED.search(narrative):
        return 0
    return None


def check_narrative(figures: dict, narrative: str | None) -> list[dict]:
    """Rule ``narrative.requests``: the count in section 1 against ``t3.new.total``.

    :param figures: canonical key → value.
    :param narrative: the text of section 1, if found.
    """
    if not narrative or "t3.new.total" not in figures:
        return []
    stated = narrative_request_count(narrative)
    if stated is None or stated == figures["t3.new.total"]:
        return []
    return [{"rule": "narrative.requests", "detail": (
        f"section 1 states {stated} requests received; table 3 new.total is {_fmt(figures['t3.new.total'])}"),
        "keys": ["t3.new.total"], "stated": stated}]


def check_figures(figures: dict, generation: str, narrative: str | None = None) -> list[dict]:
    """Every breach of the rules within one report.

    :param figures: canonical key → value, exactly as printed.
    :param generation: ``"2021"``, ``"2019"`` or ``"free"``.
    :param narrative: the text of section 1, for rule ``narrative.requests``.
    :returns: findings, ``[{"rule": …, "detail": …, "keys": […]}]``.
    """
    if generation == "free":
        return []
    return check_t3(figures, generation) + check_t4(figures) + check_narrative(figures, narrative)


def check_year_chain(prev_figures: dict, figures: dict, year: int | None = None) -> list[dict]:
    """Rule ``year.chain`` across two reports of the same body for years N−1 and N: table 3's
    结转上年度 (carried_over) of year N equals 继续办理 (carried_forward) of year N−1, column
    by column (report-format.md, table 3). The one statement of the rule: the archive
    applies it to every pair of consecutive reports it holds.

    :param prev_figures: figures of the year N−1 report (canonical key → number).
    :param figures: figures of the year N report.
    :param year: N, when known (named in the detail).
    :return: one finding per column that differs: ``rule``, ``detail``, ``keys`` (the year
        N cell, then the year N−1 cell), ``column``, ``value`` (year N) and ``previous``.
    """
    findings = []
    for column in schema.T3_COLUMN_KEYS:
        before = prev_figures.get(schema.t3_key("carried_forward", column))
        now = figures.get(schema.t3_key("carried_over", column))
        if before is not None and now is not None and before != now:
            when = f" ({year})" if year is not None else ""
            then = f" ({year - 1})" if year is not None else " of last year"
            findings.append({
                "rule": "year.chain", "column": column, "value": now, "previous": before,
                "keys": [schema.t3_key("carried_over", column), schema.t3_key("carried_forward", column)],
                "detail": f"t3.carried_over.{column}{when} = {_fmt(now)} ≠ t3.carried_forward.{column}{then} = "
                          f"{_fmt(before)}"})
    return findings
