"""Statutory deadlines of the annual report and how late a report was.

Article 49 of the Regulation on Open Government Information (政府信息公开条例, 2019
revision):

- 县级以上人民政府部门 — departments of people's governments at county level and
  above, State Council departments included — publish their report on the previous
  year **by 31 January** (rule ``art49_department``);
- 县级以上地方人民政府 — the report of a local people's government at county level
  and above, published by its OGI office (usually the 办公厅/办公室), is due **by
  31 March** (rule ``art49_government``). The administrative committee of a
  development zone or new area that governs a territory counts as one;
- townships, towns and street offices, and bodies whose level is unknown, have no
  date in the Regulation (local rules vary): rule ``none``, no due date, lateness
  left empty.

Levels are those of :mod:`archive.bodies`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: rule → (month, day of the year after the report's year) or None, Chinese and English wording
RULES = {
    "art49_department": ((1, 31), "条例第四十九条：县级以上人民政府部门，次年1月31日前",
                         "Art. 49: departments at county level and above, by 31 January of the next year"),
    "art49_government": ((3, 31), "条例第四十九条：县级以上地方人民政府（含管理一定区域的开发区管委会），次年3月31日前",
                         "Art. 49: people's governments at county level and above (and zone committees "
                         "governing a territory), by 31 March of the next year"),
    "none": (None, "条例未规定期限（乡镇、街道或层级不明）",
             "no statutory date (township, street office or level unknown)"),
}

_LEVEL_RULE = {
    "state_council_department": "art49_department",
    "department": "art49_department",
    "province": "art49_government",
    "city": "art49_government",
    "county": "art49_government",
    "zone": "art49_government",
    "township": "none",
    "unknown": "none",
}


@dataclass(frozen=True)
class Lateness:
    """How a report stands against its deadline.

    :ivar rule: a key of :data:`RULES`.
    :ivar due: ISO due date, ``None`` under rule ``none``.
    :ivar late: 1 late, 0 on time, ``None`` when it cannot be told (no date, or rule ``none``).
    :ivar days_late: days after the due date (0 when on time); ``None`` when unknown or
        when lateness rests on the first fetch rather than a publication date.
    :ivar basis: ``published`` or ``first_seen`` (what the judgement rests on), or ``None``.
    """

    rule: str
    due: str | None
    late: int | None = None
    days_late: int | None = None
    basis: str | None = None


def rule_for(level: str | None) -> str:
    """The Article 49 rule for a body level (``none`` for unknown levels).

    :param level: a level key of :data:`archive.bodies.LEVELS`.
    """
    return _LEVEL_RULE.get(level or "unknown", "none")


def due_date(level: str | None, year: int) -> str | None:
    """ISO due date of a body's report on ``year``, or ``None`` (rule ``none``).

    :param level: a body level.
    :param year: the year reported on.
    """
    month_day = RULES[rule_for(level)][0]
    return date(year + 1, *month_day).isoformat() if month_day else None


def lateness(level: str | None, year: int, published: str | None = None, first_seen: str | None = None,
             watched_since: str | None = None) -> Lateness:
    """Judge one report against its Article 49 deadline.

    The publication date decides. Without one, the report is late only if it was
    first fetched after the due date from a portal already watched on or before it
    (then ``days_late`` stays empty: the fetch date says it was late, not by how much).

    :param level: the body's level.
    :param year: the year reported on.
    :param published: ISO publication date (``"2024-03-04"``) or ``None``.
    :param first_seen: ISO time the report was first fetched, or ``None``.
    :param watched_since: ISO time the portal was first crawled, or ``None``.
    """
    rule = rule_for(level)
    due = due_date(level, year)
    if due is None:
        return Lateness(rule, None)
    if published:
        try:
            days = (date.fromisoformat(published[:10]) - date.fromisoformat(due)).days
        except ValueError:
            days = None
        if days is not None:
            return Lateness(rule, due, int(days > 0), max(days, 0), "published")
    if first_seen and first_seen[:10] > due and watched_since and watched_since[:10] <= due:
        return Lateness(rule, due, 1, None, "first_seen")
    return Lateness(rule, due)


def last_expected_year(as_of: str, level: str | None = None) -> int:
    """The latest report year that should be out by ``as_of``.

    For a level with a deadline, its due date must have passed; for rule ``none`` the
    later date (31 March) is used, so a report is not called missing earlier than any
    report could be due.

    :param as_of: ISO date or time.
    :param level: a body level; ``None`` → the 31 January rule.
    """
    day = date.fromisoformat(as_of[:10])
    rule = rule_for(level) if level is not None else "art49_department"
    month_day = RULES[rule][0] or RULES["art49_government"][0]
    return day.year - 1 if (day.month, day.day) > month_day else day.year - 2
