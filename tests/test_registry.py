"""The site registry: the shipped rows, the directory importer, merging and the site-code checks."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.profiles import load_profiles
from crawler.recognition import read_site_identity, site_code_division, site_code_kind
from extract import divisions
from crawler.cms import ADAPTERS
from crawler.registry import (CMS_FAMILIES, SITE_COLUMNS, SITES_TABLE, RegistryError, Site, check_division, check_identity,
                              check_registry, merge_sites, read_directory_csv, read_sites, registrable_domain,
                              summary, write_sites)
from ogi.cli import cli

PAGES = Path(__file__).parent / "pages"
#: real saved list pages, kept in the repository (copies of the shared real samples)
REAL = Path(__file__).resolve().parent / "examples" / "listpages"
HEADER = "网站名称,首页网址,主办单位,主管单位,政府网站标识码,ICP备案号,公安机关备案号,地区,网站类型"
# rows in the directory export's shape; the bad ones each break one rule
GOOD = [
    "邯郸市人民政府,www.hd.gov.cn,邯郸市人民政府,邯郸市人民政府办公室,1304000009,冀ICP备05001234号,冀公网安备13040202000001号,河北省邯郸市,政府门户网站",
    "工业和信息化部,https://www.miit.gov.cn/,中华人民共和国工业和信息化部,中华人民共和国工业和信息化部,bm07000001,京ICP备04000001号,,全国,部门网站",
    '"某县人民政府, 门户",http://www.mouxian.gov.cn/index.html,某县人民政府,某市人民政府,3609220011,,,江西省宜春市某县,政府门户网站',
    # a zone whose code's prefix is no division: the place named is resolved instead
    "平潭综合实验区党工委管委会,www.pingtan.gov.cn,平潭综合实验区管委会,,3590000001,,,福建省平潭综合实验区,政府门户网站",
    "某开发区管委会,www.kfq.gov.cn,某开发区管委会,,3599990001,,,,部门网站",
]
BAD = [
    ("无码县人民政府,www.wuma.gov.cn,无码县人民政府,,,,,某省,政府门户网站", "政府网站标识码 is empty"),
    ("坏码县人民政府,www.huaima.gov.cn,坏码县人民政府,,13040000,,,某省,政府门户网站", "is not 10 digits"),
    ("坏址县人民政府,not a url,坏址县人民政府,,1304000010,,,某省,政府门户网站", "首页网址 'not a url'"),
    ("短行县人民政府,www.duan.gov.cn,短行县人民政府", "3 cells where the header has 9"),
    (",www.noname.gov.cn,某单位,,1304000011,,,某省,部门网站", "网站名称 is empty"),
    ("重复网站,www.dup.gov.cn,重复单位,,1304000009,,,河北省邯郸市,部门网站", "already on line 2"),
]


def export(rows, encoding="utf-8-sig") -> bytes:
    return ("\r\n".join([HEADER, *rows]) + "\r\n").encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk", "utf-8"])
def test_directory_export_in_every_encoding_reads_every_row(encoding):
    result = read_directory_csv(export(GOOD + [""] + [row for row, _ in BAD], encoding))
    assert result.encoding == {"gbk": "gb18030"}.get(encoding, encoding)
    assert result.rows_read == len(GOOD) + len(BAD) and result.complete
    assert [s.site_code for s in result.sites] == ["1304000009", "bm07000001", "3609220011", "3590000001",
                                                   "3599990001"]
    handan, miit, county, zone, unknown = result.sites
    assert (zone.division_code, unknown.division_code) == ("350000", "")  # the province, never 359000
    assert "359000 is no GB/T 2260 division" in zone.evidence and "names none" in unknown.evidence
    assert county.division_code == "360922" and "a GB/T 2260 division" in county.evidence
    assert (handan.portal, handan.home_url, handan.division_code, handan.body, handan.region) == (
        "1304000009", "http://www.hd.gov.cn/", "130400", "邯郸市人民政府", "河北省邯郸市")
    assert handan.allowed_domains == ["hd.gov.cn"] and handan.icp == "冀ICP备05001234号"
    assert (miit.division_code, miit.site_type, miit.home_url) == ("000000", "部门网站", "https://www.miit.gov.cn/")
    assert county.site_name == "某县人民政府, 门户" and county.home_url == "http://www.mouxian.gov.cn/index.html"
    # each bad row: its own line (blank line 7 skipped), its reason, its values kept
    assert [e.line for e in result.errors] == [8, 9, 10, 11, 12, 13]
    for error, (row, reason) in zip(result.errors, BAD):
        assert reason in error.reason
        assert row.split(",")[1] in "|".join(error.row.values())


def test_directory_export_without_a_required_column_is_refused():
    data = "网站名称,首页网址,主办单位\n某县,www.x.gov.cn,某县人民政府\n".encode()
    with pytest.raises(RegistryError, match="header lacks 政府网站标识码"):
        read_directory_csv(data)
    with pytest.raises(RegistryError, match="empty"):
        read_directory_csv(b"")
    with pytest.raises(RegistryError, match="not UTF-8 nor GBK"):
        read_directory_csv(b"\xff\xfe\x00\x81\x00\xff" * 5)


def test_registry_round_trip_and_profiles(tmp_path):
    sites = read_directory_csv(export(GOOD)).sites
    path = write_sites(sites, tmp_path / "sites.csv")
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(SITE_COLUMNS)
    again = read_sites(path)
    assert [s.to_row() for s in again.values()] == [s.to_row() for s in sites]
    profiles = load_profiles(tmp_path)
    assert profiles["1304000009"].start_urls == ["http://www.hd.gov.cn/"]
    assert profiles["1304000009"].allowed_domains == ["hd.gov.cn"] and profiles["bm07000001"].site_code == "bm07000001"
    assert [name for name, *_ in SITES_TABLE] == list(SITE_COLUMNS)
    assert set(CMS_FAMILIES) == {"auto", *ADAPTERS}  # every family a row may name has an adapter


def test_profile_domains_cover_the_home_page_and_columns_elsewhere():
    site = Site(portal="x", home_url="http://www.x.gov.cn/", column_urls=["http://xxgk.x.gov.cn/nb/",
                                                                         "http://www.city.gov.cn/x/nb/"])
    assert site.to_profile().allowed_domains == ["x.gov.cn", "city.gov.cn"]
    site.allowed_domains = ["www.x.gov.cn"]
    assert site.to_profile().allowed_domains == ["www.x.gov.cn"]


def test_profile_file_overrides_its_row_and_keeps_the_rest(tmp_path):
    write_sites([Site(portal="x", home_url="http://www.x.gov.cn/", site_code="1304000009", division_code="130400",
                      body="X")], tmp_path / "sites.csv")
    (tmp_path / "x.toml").write_text('start_urls = ["http://www.x.gov.cn/nb/"]\ncms = "trs"\n', encoding="utf-8")
    profile = load_profiles(tmp_path)["x"]
    assert profile.start_urls == ["http://www.x.gov.cn/nb/"] and profile.cms == "trs"
    assert (profile.site_code, profile.division_code, profile.body) == ("1304000009", "130400", "X")


def test_bad_registry_rows_are_skipped_with_their_line(tmp_path):
    rows = [",".join(SITE_COLUMNS),
            "ok,,,,,,,http://www.ok.gov.cn/,,,auto,,,,,,,",
            "Bad Name,,,,,,,http://www.b.gov.cn/,,,auto,,,,,,,",
            "nourl,,,,,,,ftp://x,,,auto,,,,,,,",
            "code,12345,,,,,,http://www.c.gov.cn/,,,auto,,,,,,,",
            "cms,,,,,,,http://www.d.gov.cn/,,,drupal,,,,,,,",
            "verified,,,,,,,http://www.e.gov.cn/,,,auto,,,,2026-01-01,,,",
            "ok,,,,,,,http://www.f.gov.cn/,,,auto,,,,,,,"]
    (tmp_path / "sites.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    errors: list = []
    sites = read_sites(tmp_path / "sites.csv", errors=errors)
    assert list(sites) == ["ok"]
    assert [(e.line, e.reason.split(" ")[0]) for e in errors] == [
        (3, "portal"), (4, "home_url"), (5, "site_code"), (6, "cms"), (7, "verified_at"), (8, "portal")]
    with pytest.raises(RegistryError, match="line 3"):
        read_sites(tmp_path / "sites.csv", strict=True)
    profile_errors: list = []
    assert list(load_profiles(tmp_path, errors=profile_errors)) == ["ok"] and len(profile_errors) == 6


def test_merge_keeps_what_the_registry_knows_and_reports_conflicts():
    existing = {"handan": Site(portal="handan", home_url="http://www.hd.gov.cn/", body="邯郸市人民政府",
                               division_code="130400", cms="trs", column_urls=["http://www.hd.gov.cn/nb/"],
                               verified_at="2026-01-02", evidence="crawl found 5 reports"),
                "other": Site(portal="other", home_url="http://www.o.gov.cn/", site_code="3609220011",
                              body="另一个人民政府")}
    incoming = read_directory_csv(export(GOOD)).sites
    merged, report = merge_sites(existing, incoming)
    assert report.added == ["bm07000001", "3590000001", "3599990001"] and report.updated == ["handan", "other"]
    assert report.conflicts == ["other: body is '另一个人民政府' in the registry, '某县人民政府' in the import"]
    handan = merged["handan"]
    assert (handan.site_code, handan.cms, handan.column_urls, handan.verified_at) == (
        "1304000009", "trs", ["http://www.hd.gov.cn/nb/"], "2026-01-02")
    assert existing["handan"].site_code == ""  # the input registry is not changed
    assert list(merged) == ["handan", "other", "bm07000001", "3590000001", "3599990001"]


def test_cli_import_writes_the_registry_and_the_rejects(tmp_path):
    registry = tmp_path / "sites.csv"
    write_sites([], registry)
    (tmp_path / "dir.csv").write_bytes(export(GOOD[:3] + [BAD[0][0], BAD[3][0]], "gbk"))
    result = CliRunner().invoke(cli, ["sites", "import", str(tmp_path / "dir.csv"), "--registry", str(registry),
                                      "--rejects", str(tmp_path / "rejects.csv")])
    assert result.exit_code == 1
    assert "5 rows read (gb18030): 3 sites, 2 rejected; 3 added, 0 updated, 0 conflicts" in result.output
    assert list(read_sites(registry)) == ["1304000009", "bm07000001", "3609220011"]
    rejected = list(csv.DictReader((tmp_path / "rejects.csv").open(encoding="utf-8")))
    assert [(r["line"], r["网站名称"]) for r in rejected] == [("5", "无码县人民政府"), ("6", "短行县人民政府")]
    listing = CliRunner().invoke(cli, ["sites", "list", "--registry", str(registry)])
    assert listing.exit_code == 0 and "3 sites, 3 bodies, 3 with site code, 0 with column, 0 verified" in listing.output


def test_shipped_registry():
    sites = read_sites(strict=True)
    counts = summary(sites)
    assert counts["sites"] == len(sites) >= 37 and counts["verified"] == 0
    assert {s.division_code for s in sites.values()} >= {"110000", "000000", "650000"}
    assert all(s.allowed_domains and s.division_code for s in sites.values())
    assert all(s.division_code == "000000" or divisions.get(s.division_code) for s in sites.values())
    assert registrable_domain("https://www.gov.cn/") == "www.gov.cn"  # never every *.gov.cn
    assert registrable_domain("http://xxgk.wanzai.gov.cn/a/") == "wanzai.gov.cn"
    assert registrable_domain("http://127.0.0.1:8123/x") == "127.0.0.1:8123"
    # the one known exception to the site-code rule is flagged, not hidden
    assert [(name, r.status) for name, r in check_registry(sites)] == [("pingtan", "division_differs")]


# --- site codes --------------------------------------------------------------------------

def evidence_rows():
    with (PAGES / "site_code_evidence.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_site_code_rule_on_saved_pages():
    """The rule: a local code's first six digits are the owner's division code; bm… is national."""
    rows = evidence_rows()
    local = [r for r in rows if site_code_kind(r["site_code"]) == "local"]
    national = [r for r in rows if site_code_kind(r["site_code"]) == "department"]
    agree = [r["site_code"] for r in local if site_code_division(r["site_code"]) == r["owner_division"]]
    assert len(local) == 9 and len(agree) == 8
    assert set(r["site_code"] for r in local) - set(agree) == {"3590000001"}  # 平潭: 359000 is no county code
    assert len(national) == 5 and all(r["owner_division"] == "000000" and site_code_division(r["site_code"]) is None
                                      for r in national)
    # the owners' codes are real divisions with the names the pages give; 359000 is none
    for row in local:
        assert divisions.get(row["owner_division"]).name in row["owner_division_name"]
    assert divisions.get("359000") is None and divisions.get("350128").name == "平潭县"


@pytest.mark.parametrize("name,code", [("pingtan_trs_example.html", "3590000001"),
                                       ("ordos_engebei_trs_example.html", "1506000140")])
def test_site_codes_of_the_real_samples_are_in_the_evidence(name, code):
    assert read_site_identity((REAL / name).read_bytes()).site_code == code
    assert code in {r["site_code"] for r in evidence_rows()}


@pytest.mark.parametrize("code,division,status", [
    ("1304000009", "130400", "agrees"),
    ("bm07000001", "000000", "agrees"),
    ("1304000009", "130000", "division_differs"),   # a city's site filed under its province
    ("1304000009", "130402", "division_differs"),   # ... or under one of its districts
    ("3590000001", "350128", "division_differs"),   # a zone's own prefix
    ("1304000009", "110000", "wrong_body"),         # another province
    ("bm07000001", "130400", "wrong_body"),         # a ministry filed under a city
    ("1304000009", "000000", "wrong_body"),         # a city filed as national
    ("1304000009", "", "unknown"),
])
def test_check_division(code, division, status):
    assert check_division(code, division).status == status


def test_check_identity_flags_a_domain_filed_under_the_wrong_body():
    row = Site(portal="handan", home_url="http://www.hd.gov.cn/", division_code="130400")
    page = lambda code: read_site_identity(f'<meta name="SiteIDCode" content="{code}">')  # noqa: E731
    assert check_identity(row, page("1304000009")).status == "agrees"
    assert check_identity(row, page("3302000071")).flagged
    assert check_identity(row, read_site_identity("<p>no code</p>")).status == "unknown"
    coded = Site(portal="handan", home_url="http://www.hd.gov.cn/", site_code="1304000009", division_code="130400")
    result = check_identity(coded, page("1304000010"))
    assert result.status == "code_differs" and "1304000010" in result.reason
    profile = coded.to_profile()  # the spider's profile carries the same fields
    assert check_identity(profile, page("1304000009")).status == "agrees"
    assert check_identity(profile, page("bm07000001")).flagged
