"""Source health: states from run histories shaped like the raw store's runs and failures rows."""
from __future__ import annotations

import json

import pytest

from crawler.health import FAILING_RUNS, alarms, assess, assess_all, runs_from_rows

START = "http://www.x.gov.cn/zwgk/nb/"


def run(n, listed=5, pages=2, new=0, failed=0, portal="x"):
    return {"id": f"{portal}-r{n}", "portal": portal, "started_at": f"2026-01-{n:02d}T00:00:00+00:00",
            "finished_at": f"2026-01-{n:02d}T00:10:00+00:00",
            "stats": json.dumps({"reports_listed": listed, "list_pages": pages, "new": new, "failed": failed})}


def fail(n, url=START, status=None, reason="HTTP 500", portal="x"):
    return {"url": url, "portal": portal, "run_id": f"{portal}-r{n}", "at": "2026-01-01", "status": status, "reason": reason}


def health(runs, failures=(), **kwargs):
    history = runs_from_rows(list(runs), list(failures))["x"]
    return assess(history, start_urls=[START], **kwargs)


def test_healthy_portal_stays_healthy_without_alarm():
    result = health([run(1), run(2, listed=6, new=1)])
    assert (result.state, result.changed, result.previous_state) == ("healthy", False, "healthy")
    assert result.reason == "6 reports listed, 1 new, 0 failed"
    assert (result.reports_listed, result.new, result.failed) == (6, 1, 0)


@pytest.mark.parametrize("pages", [2, 0])
def test_quiet_when_reports_were_listed_before(pages):
    result = health([run(1), run(2), run(3, listed=0, pages=pages)])
    assert result.state == "quiet" and result.changed and result.previous_state == "healthy"
    assert "run x-r2 listed 5" in result.reason


def test_failing_after_three_runs_without_a_list_page():
    runs = [run(1)] + [run(n, listed=0, pages=0, failed=1) for n in range(2, 2 + FAILING_RUNS)]
    failures = [fail(n, reason="timeout (after retries): took too long") for n in range(2, 2 + FAILING_RUNS)]
    states = [health(runs[:k], failures).state for k in range(1, len(runs) + 1)]
    assert states == ["healthy", "quiet", "quiet", "failing"]
    result = health(runs, failures)
    assert result.changed and result.previous_state == "quiet"
    assert result.reason.startswith("3 runs in a row without a list page (latest: timeout")


def test_a_new_portal_that_never_answers_is_failing_at_once_and_empty_when_nothing_is_listed():
    assert health([run(1, listed=0, pages=0)], [fail(1)]).state == "failing"
    empty = health([run(1, listed=0, pages=3)])
    assert empty.state == "empty" and empty.changed and empty.previous_state is None
    assert health([run(1)]).changed is False  # a first healthy run raises no alarm


@pytest.mark.parametrize("status,reason", [
    (412, "anti-bot challenge: HTTP 412"),
    (521, "anti-bot challenge: HTTP 521"),
    (200, "anti-bot challenge: JavaScript challenge page (HTTP 200)"),
])
def test_blocked_by_challenges(status, reason):
    result = health([run(1), run(2, listed=0, pages=0, failed=1)], [fail(2, status=status, reason=reason)])
    assert result.state == "blocked" and result.changed and reason in result.reason


def test_a_challenged_file_on_a_working_portal_is_not_blocked():
    failures = [fail(2, url="http://www.x.gov.cn/a.pdf", status=412, reason="anti-bot challenge: HTTP 412")]
    assert health([run(1), run(2, failed=1)], failures).state == "healthy"


def test_moved_by_redirect_to_another_origin():
    reason = ("redirect to https://www.new.gov.cn/nb/ not followed: off-site link not followed "
              "(allowed: x.gov.cn)")
    result = health([run(1), run(2, listed=0, pages=0)], [fail(2, reason=reason)])
    assert result.state == "moved" and result.details == {"target": "https://www.new.gov.cn/nb/"}
    same = "redirect to http://www.x.gov.cn/other/ not followed: crawl limit"
    assert health([run(1), run(2, listed=0, pages=0)], [fail(2, reason=same)]).state == "quiet"


def test_moved_by_404_only_while_the_home_page_answers():
    runs, failures = [run(1), run(2, listed=0, pages=0)], [fail(2, status=404, reason="HTTP 404")]
    assert health(runs, failures, home_answers=True).state == "moved"
    assert health(runs, failures, home_answers=False).state == "quiet"
    assert health(runs, failures).state == "quiet"  # home page not checked: no guess


def test_assess_all_and_alarms_from_store_rows():
    runs = [run(1, portal="a"), run(2, portal="a", listed=0, pages=0), run(1, portal="b"), run(2, portal="b"),
            run(1, portal="c", listed=0, pages=0)]
    failures = [fail(2, portal="a", status=412, reason="anti-bot challenge: HTTP 412"),
                fail(1, portal="c", reason="DNS lookup failed")]
    for row in failures:
        row["url"] = "http://a/"
    healths = assess_all(runs, failures)
    assert [(h.portal, h.state) for h in healths] == [("a", "blocked"), ("b", "healthy"), ("c", "failing")]
    assert [(h.portal, h.state) for h in alarms(healths)] == [("a", "blocked"), ("c", "failing")]
    with pytest.raises(ValueError):
        assess([])


def test_cli_health_reads_the_store_and_exits_1_on_a_change(tmp_path):
    from click.testing import CliRunner

    from ogi.cli import cli
    from store import RawStore

    store = RawStore(tmp_path / "store")
    try:
        for n, listed in ((1, 4), (2, 0)):
            store.start_run(f"beijing-r{n}", "beijing", f"2026-01-0{n}T00:00:00+00:00")
            store.finish_run(f"beijing-r{n}", {"reports_listed": listed, "list_pages": 1, "new": 0, "failed": 0})
        store.start_run("hebei-r1", "hebei", "2026-01-01T00:00:00+00:00")
        store.finish_run("hebei-r1", {"reports_listed": 3, "list_pages": 2, "new": 3, "failed": 0})
    finally:
        store.close()
    result = CliRunner().invoke(cli, ["sites", "health", "--store", str(tmp_path / "store")])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:4] == ["beijing", "quiet", "(was", "healthy)"]
    assert lines[1].split()[:2] == ["hebei", "healthy"] and "(was" not in lines[1]
    as_json = CliRunner().invoke(cli, ["sites", "health", "--store", str(tmp_path / "store"), "--json"])
    assert [json.loads(line)["state"] for line in as_json.output.splitlines()] == ["quiet", "healthy"]
    missing = CliRunner().invoke(cli, ["sites", "health", "--store", str(tmp_path / "nowhere")])
    assert missing.exit_code == 1 and "no raw store" in missing.output
