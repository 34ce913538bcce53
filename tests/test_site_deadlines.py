"""Article 49 deadlines: 31 January for departments, 31 March for governments, none for townships."""
from __future__ import annotations

import pytest

from archive import deadlines
from archive.bodies import classify_body


@pytest.mark.parametrize("name,rule,due", [
    ("教育部", "art49_department", "2024-01-31"),
    ("海淀区卫生健康委员会", "art49_department", "2024-01-31"),
    ("示范市卫生健康委员会", "art49_department", "2024-01-31"),
    ("深圳市人民政府办公厅", "art49_government", "2024-03-31"),
    ("浙江省人民政府", "art49_government", "2024-03-31"),
    ("淮安市洪泽区人民政府", "art49_government", "2024-03-31"),
    ("苏州工业园区管理委员会", "art49_government", "2024-03-31"),
    ("长沙县黄花镇人民政府", "none", None),
    ("曲阜市时庄街道办事处", "none", None),
    ("示范市人民政府", "none", None),
])
def test_rule_and_due_date_by_body(name, rule, due):
    level = classify_body(name).level
    assert deadlines.rule_for(level) == rule
    assert deadlines.due_date(level, 2023) == due


def test_lateness_says_rule_and_days():
    # a zone government publishing in March is on time; a department is 33 days late
    assert deadlines.lateness("zone", 2023, "2024-03-04") == deadlines.Lateness(
        "art49_government", "2024-03-31", 0, 0, "published")
    assert deadlines.lateness("department", 2023, "2024-03-04") == deadlines.Lateness(
        "art49_department", "2024-01-31", 1, 33, "published")
    assert deadlines.lateness("county", 2023, "2024-04-02").days_late == 2
    # leap year: 2024-02-29 exists
    assert deadlines.lateness("department", 2023, "2024-03-01").days_late == 30
    # townships and unknown levels: never late, no date
    for level in ("township", "unknown", None):
        assert deadlines.lateness(level, 2023, "2024-12-31") == deadlines.Lateness("none", None)


def test_lateness_without_a_publication_date():
    # first fetched after the due date from a portal watched before it: late, days unknown
    late = deadlines.lateness("department", 2023, None, "2024-02-10T00:00:00+00:00", "2024-01-01T00:00:00+00:00")
    assert (late.late, late.days_late, late.basis) == (1, None, "first_seen")
    # a portal first crawled after the due date proves nothing
    assert deadlines.lateness("department", 2023, None, "2024-02-10", "2024-02-09").late is None
    # the same fetch is within a government's deadline
    assert deadlines.lateness("city", 2023, None, "2024-02-10", "2024-01-01").late is None


@pytest.mark.parametrize("as_of,level,year", [
    ("2024-02-01", "department", 2023), ("2024-01-31", "department", 2022),
    ("2024-02-01", "city", 2022), ("2024-04-01", "city", 2023),
    ("2024-04-01", "township", 2023), ("2024-03-31", "township", 2022),
])
def test_last_expected_year(as_of, level, year):
    assert deadlines.last_expected_year(as_of, level) == year
