"""The consistency rules: each one found when broken, silent when kept or not checkable."""
from __future__ import annotations

from extract import schema
from extract.checks import check_figures, check_year_chain, narrative_request_count

COLS = schema.T3_COLUMN_KEYS


def consistent_t3(generation: str = "2021") -> dict:
    """A small consistent table 3: 5 new (3 natural, 2 commercial), 1 carried over."""
    rows = schema.T3_ROW_ORDER[generation]
    figures = {f"t3.{r}.{c}": 0 for r in rows for c in COLS}

    def put(row, natural, commercial):
        figures[f"t3.{row}.natural"] = natural
        figures[f"t3.{row}.commercial"] = commercial
        figures[f"t3.{row}.total"] = natural + commercial
    put("new", 3, 2)
    put("carried_over", 1, 0)
    put("granted", 2, 1)
    put("unable_not_held", 1, 1)
    put("results_total", 3, 2)
    put("carried_forward", 1, 0)
    return figures


def consistent_t4() -> dict:
    figures = {k: 0 for k in schema.T4_KEYS}
    figures.update({"t4.review.upheld": 1, "t4.review.pending": 1, "t4.review.total": 2})
    return figures


def rules(findings):
    return sorted(f["rule"] for f in findings)


def test_consistent_tables_give_no_findings():
    assert check_figures({**consistent_t3(), **consistent_t4()}, "2021") == []
    assert check_figures(consistent_t3("2019"), "2019") == []


def test_balance_breach():
    figures = consistent_t3()
    figures["t3.carried_forward.natural"] = 2
    figures["t3.carried_forward.total"] = 2
    found = check_figures(figures, "2021")
    assert rules(found) == ["t3.balance", "t3.balance"]
    assert "natural" in found[0]["detail"] and "≠" in found[0]["detail"]


def test_row_sum_breach_and_blank_total_column():
    figures = consistent_t3()
    figures["t3.granted.total"] = 0  # a total column left blank (read as 0)
    assert rules(check_figures(figures, "2021")) == ["t3.results_sum", "t3.row_sum"]


def test_results_sum_uses_the_single_other_row_when_printed_so():
    figures = consistent_t3("2019")
    figures["t3.other.natural"] = 1
    figures["t3.other.total"] = 1
    assert "t3.results_sum" in rules(check_figures(figures, "2021"))


def test_group_sum_breach():
    figures = consistent_t4()
    figures["t4.suit_direct.total"] = 4
    found = check_figures(figures, "2021")
    assert rules(found) == ["t4.group_sum"]
    assert "suit_direct" in found[0]["detail"]


def test_rules_need_every_figure_they_use():
    figures = consistent_t3()
    del figures["t3.carried_forward.natural"]
    figures["t3.results_total.natural"] = 99
    del figures["t3.results_total.natural"]
    assert check_figures(figures, "2021") == []
    assert check_figures({"t3.new.natural": 5, "t3.new.total": 7}, "2021") == []


def test_free_format_has_no_rules():
    assert check_figures({"t3.new.natural": 1, "t3.new.total": 5}, "free") == []


def test_narrative_request_counts():
    assert narrative_request_count("本年度，共受理政府信息公开申请2件，都在法定期限内予以答复。") == 2
    assert narrative_request_count("2024年度，我街道共收到9条要求公开政府信息的申请，已按照要求") == 9
    assert narrative_request_count("2024年，北塬街道未收到政府信息公开申请。") == 0
    assert narrative_request_count("区政府办代表区政府受理政府信息公开申请 17 件") == 17
    assert narrative_request_count("全区共受理依申请公开案件430件，已全部按期办结。") == 430
    assert narrative_request_count("全年新收政府信息公开申请数量0件，上年结转政府信息公开申请数量0件。") == 0
    assert narrative_request_count("主动公开政府信息108条。") is None


def test_narrative_breach_is_soft_finding():
    figures = consistent_t3()
    found = check_figures(figures, "2021", "全年共受理政府信息公开申请4件。")
    assert rules(found) == ["narrative.requests"]
    assert check_figures(figures, "2021", "全年共受理政府信息公开申请5件。") == []


def test_year_chain():
    last_year = consistent_t3()
    this_year = consistent_t3()
    assert check_year_chain(last_year, this_year) == []
    this_year["t3.carried_over.natural"] = 0
    found = check_year_chain(last_year, this_year)
    assert rules(found) == ["year.chain"] and "natural" in found[0]["detail"]


def test_every_rule_id_is_in_the_schema():
    ids = {r.id for r in schema.RULES}
    figures = consistent_t3()
    figures.update(consistent_t4())
    figures["t3.new.total"] = 1
    figures["t4.review.total"] = 9
    figures["t3.results_total.research"] = 1
    found = check_figures(figures, "2021", "共受理政府信息公开申请3件") + check_year_chain({"t3.carried_forward.total": 7}, figures)
    assert {f["rule"] for f in found} <= ids
    assert {f["rule"] for f in found} == ids
