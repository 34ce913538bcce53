"""The site registry: which government body runs which website, and where its reports are.

One row per website in ``crawler/sites.csv`` (UTF-8, header row, columns
:data:`SITE_COLUMNS`): the portal name the crawler uses, the 政府网站标识码 (site code),
the division code and owning body, the home page, the CMS family, the annual-report
column URLs, and the verification evidence and date. Every row is a crawl profile
(:meth:`Site.to_profile`); a ``crawler/portals/<name>.toml`` file with the same name
overrides a row for a special case (list selectors, several start pages).

Rows come from hand-made entries and from the national government-website directory
(全国政府网站基本数据库) CSV export, read by :func:`read_directory_csv` and merged by
:func:`merge_sites`. ``ogi sites import FILE`` does both.

The archive files the rows in a ``sites`` table shaped as :data:`SITES_TABLE`.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from crawler.recognition import SITE_CODE, SiteIdentity, site_code_division, site_code_kind

SITES_FILE = Path(__file__).parent / "sites.csv"

#: the columns of ``sites.csv`` and of the archive's ``sites`` table, in order:
#: (name, SQLite type, 中文 / English description)
SITES_TABLE: list[tuple[str, str, str]] = [
    ("portal", "TEXT PRIMARY KEY", "门户名 / portal name used by the crawler (ogi crawl --portal NAME)"),
    ("site_code", "TEXT", "政府网站标识码 / site code (10 digits, or bm + 8 digits for State Council departments)"),
    ("site_name", "TEXT", "网站名称 / site name"),
    ("body", "TEXT", "主办单位 / owning body (the body whose reports the site publishes)"),
    ("supervisor", "TEXT", "主管单位 / supervising body"),
    ("division_code", "TEXT", "行政区划代码 / GB/T 2260 division code of the owning body (000000: national)"),
    ("region", "TEXT", "地区 / region as the directory writes it"),
    ("home_url", "TEXT", "首页网址 / home page"),
    ("column_urls", "TEXT", "年报栏目 / annual-report column URLs, space-separated (empty: discovered from the home page)"),
    ("allowed_domains", "TEXT", "允许域名 / domains the crawl may fetch, space-separated"),
    ("cms", "TEXT", "CMS 类型 / CMS family: trs, hanweb, jsonapi, ucap, epoint, generic or auto"),
    ("site_type", "TEXT", "网站类型 / site type (政府门户网站, 部门网站)"),
    ("icp", "TEXT", "ICP备案号 / ICP filing number"),
    ("police_record", "TEXT", "公安机关备案号 / public-security filing number"),
    ("verified_at", "TEXT", "核验日期 / date a crawl of the real site found reports (empty: never)"),
    ("evidence", "TEXT", "核验依据 / what the verification or the site code rests on"),
    ("source", "TEXT", "来源 / where the row comes from"),
    ("notes", "TEXT", "备注 / notes"),
]
SITE_COLUMNS: tuple[str, ...] = tuple(name for name, _, _ in SITES_TABLE)

#: the CMS families the crawler has adapters for (see ``crawler/cms``)
CMS_FAMILIES = ("auto", "trs", "hanweb", "jsonapi", "ucap", "epoint", "generic")
_DIVISION = re.compile(r"^\d{6}$")
_PORTAL_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: second-level domains shared by many sites: www.gov.cn stays www.gov.cn, never gov.cn
_PUBLIC_SUFFIXES = {"gov.cn", "com.cn", "org.cn", "net.cn", "edu.cn", "ac.cn", "cn"}


class RegistryError(ValueError):
    """The registry file or a directory export cannot be read at all."""


@dataclass
class RowError:
    """One row that could not be read: its line in the file, why, and its values as given."""

    line: int
    reason: str
    row: dict

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class Site:
    """One government website (a row of ``sites.csv``)."""

    portal: str
    home_url: str
    site_code: str = ""
    site_name: str = ""
    body: str = ""
    supervisor: str = ""
    division_code: str = ""
    region: str = ""
    column_urls: list[str] = field(default_factory=list)
    allowed_domains: list[str] = field(default_factory=list)
    cms: str = "auto"
    site_type: str = ""
    icp: str = ""
    police_record: str = ""
    verified_at: str = ""
    evidence: str = ""
    source: str = ""
    notes: str = ""

    @property
    def verified(self) -> bool:
        """True once a crawl of the real site found reports (``verified_at`` set)."""
        return bool(self.verified_at)

    def to_row(self) -> dict[str, str]:
        """The row as written to ``sites.csv`` (lists space-separated)."""
        data = asdict(self)
        data["column_urls"] = " ".join(self.column_urls)
        data["allowed_domains"] = " ".join(self.allowed_domains)
        return {name: data[name] for name in SITE_COLUMNS}

    def to_profile(self):
        """The crawl profile of this site: start at the column URLs, else the home page; the
        allowed domains as given, else those of the home page and the column URLs."""
        from crawler.profiles import PortalProfile

        domains = list(self.allowed_domains) or list(dict.fromkeys(
            registrable_domain(url) for url in [self.home_url, *self.column_urls]))
        return PortalProfile(
            name=self.portal, start_urls=list(self.column_urls or [self.home_url]), allowed_domains=domains,
            body=self.body, region=self.region, cms=self.cms, verified=self.verified, notes=self.notes,
            site_code=self.site_code, division_code=self.division_code, home_url=self.home_url)


def registrable_domain(url: str) -> str:
    """The domain a site's hosts share: ``www.hd.gov.cn`` → ``hd.gov.cn``; a host with a port as is.

    Separate 信息公开 hosts (``xxgk.``, ``zwgk.``, ``zfxxgk.``) then count as the same site.

    :param url: an absolute URL or a bare host
    """
    parts = urlsplit(url if "//" in url else "http://" + url)
    host = (parts.hostname or "").lower()
    if parts.port:
        return f"{host}:{parts.port}"
    if re.match(r"^\d+\.\d+\.\d+\.\d+$", host):
        return host
    for prefix in ("www.", "xxgk.", "zwgk.", "zfxxgk.", "gk."):
        if host.startswith(prefix) and host.count(".") >= 2 and host[len(prefix):] not in _PUBLIC_SUFFIXES:
            return host[len(prefix):]
    return host


def site_from_row(row: dict, line: int = 0) -> Site:
    """Read one ``sites.csv`` row; raise :class:`ValueError` saying what is wrong.

    :param row: column → value (missing columns count as empty)
    :param line: the row's line in the file, for messages
    """
    values = {name: (row.get(name) or "").strip() for name in SITE_COLUMNS}
    if not _PORTAL_NAME.match(values["portal"]):
        raise ValueError(f"portal name {values['portal']!r} is empty or not lower-case letters, digits, - and _")
    if urlsplit(values["home_url"]).scheme not in ("http", "https"):
        raise ValueError(f"home_url {values['home_url']!r} is not an http(s) URL")
    if values["site_code"] and not SITE_CODE.match(values["site_code"]):
        raise ValueError(f"site_code {values['site_code']!r} is not 10 digits or bm + 8 digits")
    if values["division_code"] and not _DIVISION.match(values["division_code"]):
        raise ValueError(f"division_code {values['division_code']!r} is not 6 digits")
    if values["cms"] and values["cms"] not in CMS_FAMILIES:
        raise ValueError(f"cms {values['cms']!r} is not one of {', '.join(CMS_FAMILIES)}")
    if values["verified_at"] and not (_DATE.match(values["verified_at"]) and values["evidence"]):
        raise ValueError("verified_at must be a YYYY-MM-DD date and come with evidence")
    columns = values["column_urls"].split()
    bad = [u for u in columns if urlsplit(u).scheme not in ("http", "https")]
    if bad:
        raise ValueError(f"column URL {bad[0]!r} is not an http(s) URL")
    values.update(column_urls=columns, allowed_domains=values["allowed_domains"].split(),
                  site_code=values["site_code"].lower(), cms=values["cms"] or "auto")
    return Site(**values)


def read_sites(path: str | Path | None = None, *, errors: list | None = None,
               strict: bool = False) -> dict[str, Site]:
    """Every site in a registry file, by portal name.

    A bad row is skipped and its :class:`RowError` appended to ``errors`` (or raised as
    :class:`RegistryError` when ``strict``); the other rows still load. Two rows with one
    portal name or one site code: the second is an error.

    :param path: a ``sites.csv`` (default: the shipped ``crawler/sites.csv``)
    :param errors: a list that collects the errors of skipped rows
    :param strict: raise on the first bad row
    :raises RegistryError: the file is missing, not UTF-8, or lacks the ``portal``/``home_url`` columns
    """
    path = Path(path or SITES_FILE)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(f"{path}: {exc}") from exc
    reader = csv.DictReader(io.StringIO(text))
    if not {"portal", "home_url"} <= set(reader.fieldnames or ()):
        raise RegistryError(f"{path}: header lacks portal and home_url (columns: {', '.join(SITE_COLUMNS)})")
    out: dict[str, Site] = {}
    codes: dict[str, str] = {}
    for row in reader:
        line = reader.line_num
        try:
            site = site_from_row(row, line)
            if site.portal in out:
                raise ValueError(f"portal name {site.portal!r} used twice")
            if site.site_code and site.site_code in codes:
                raise ValueError(f"site code {site.site_code} already filed as {codes[site.site_code]!r}")
        except ValueError as exc:
            error = RowError(line, str(exc), dict(row))
            if strict:
                raise RegistryError(f"{path}: {error}") from exc
            if errors is not None:
                errors.append(error)
            continue
        out[site.portal] = site
        if site.site_code:
            codes[site.site_code] = site.portal
    return out


def write_sites(sites, path: str | Path | None = None) -> Path:
    """Write sites to a registry file (UTF-8, header row, :data:`SITE_COLUMNS`).

    :param sites: an iterable of :class:`Site`, written in the order given
    :param path: the file (default: the shipped ``crawler/sites.csv``)
    """
    path = Path(path or SITES_FILE)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SITE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for site in sites:
        writer.writerow(site.to_row())
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


# --- the national directory's CSV export ----------------------------------------------

#: the export's columns (全国政府网站基本数据库), and the ones a row cannot do without
DIRECTORY_COLUMNS = ("网站名称", "首页网址", "主办单位", "主管单位", "政府网站标识码", "ICP备案号",
                     "公安机关备案号", "地区", "网站类型")
_REQUIRED = ("网站名称", "首页网址", "主办单位", "政府网站标识码")
_HOST = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?$", re.I)


@dataclass
class DirectoryImport:
    """What :func:`read_directory_csv` made of a file: a site or an error for every data row."""

    sites: list[Site]
    errors: list[RowError]
    encoding: str
    rows_read: int

    @property
    def complete(self) -> bool:
        """True when every data row became a site or an error (nothing lost)."""
        return self.rows_read == len(self.sites) + len(self.errors)


def decode_export(data: bytes) -> tuple[str, str]:
    """Decode a directory export: UTF-8 with or without BOM, else GB18030 (GBK's superset).

    :returns: ``(text, encoding name)``
    :raises RegistryError: the bytes are none of these
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise RegistryError(f"not UTF-8 nor GBK/GB18030 text: {exc}") from exc


def _home_url(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("首页网址 is empty")
    if "//" not in value:
        if not _HOST.match(value):
            raise ValueError(f"首页网址 {value!r} is not a URL or host name")
        value = "http://" + value
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or not _HOST.match(parts.netloc):
        raise ValueError(f"首页网址 {value!r} is not an http(s) URL")
    return f"{parts.scheme}://{parts.netloc.lower()}{parts.path or '/'}"


def read_directory_csv(data: bytes, *, source: str = "全国政府网站基本数据库") -> DirectoryImport:
    """Read the national government-website directory's CSV export into sites.

    Every data row becomes a :class:`Site` (portal name = the site code, division code =
    the code's first six digits for local governments, ``000000`` for ``bm`` codes) or a
    :class:`RowError` naming its line, the reason and the values as given: a missing
    required value (网站名称, 首页网址, 主办单位, 政府网站标识码), a malformed site code or
    URL, a row with too few or too many cells, a site code given twice.

    :param data: the file's bytes (UTF-8, UTF-8 with BOM, GBK or GB18030)
    :param source: written into each site's ``source`` column
    :raises RegistryError: undecodable bytes, or a header lacking a required column
    """
    text, encoding = decode_export(data)
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if header is None:
        raise RegistryError("the file is empty")
    header = [cell.strip().lstrip("\ufeff") for cell in header]
    missing = [name for name in _REQUIRED if name not in header]
    if missing:
        raise RegistryError(f"header lacks {', '.join(missing)} (found: {', '.join(header)})")
    sites: list[Site] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    read = 0
    line = 1
    for cells in rows:
        line = rows.line_num
        if not any(cell.strip() for cell in cells):
            continue  # blank line, not a row
        read += 1
        row = dict(zip(header, cells))
        if len(cells) != len(header):
            row["_cells"] = "|".join(cells)
            errors.append(RowError(line, f"{len(cells)} cells where the header has {len(header)}", row))
            continue
        try:
            site = _directory_site(row, source)
        except ValueError as exc:
            errors.append(RowError(line, str(exc), row))
            continue
        if site.site_code in seen:
            errors.append(RowError(line, f"site code {site.site_code} already on line {seen[site.site_code]}", row))
            continue
        seen[site.site_code] = line
        sites.append(site)
    return DirectoryImport(sites, errors, encoding, read)


def _directory_site(row: dict, source: str) -> Site:
    value = {key: (row.get(key) or "").strip() for key in DIRECTORY_COLUMNS}
    for key in _REQUIRED:
        if not value[key]:
            raise ValueError(f"{key} is empty")
    code = value["政府网站标识码"].lower()
    if not SITE_CODE.match(code):
        raise ValueError(f"政府网站标识码 {value['政府网站标识码']!r} is not 10 digits or bm + 8 digits")
    home = _home_url(value["首页网址"])
    division, evidence = division_of(code, value["地区"] or value["主办单位"])
    return Site(portal=code, home_url=home, site_code=code, site_name=value["网站名称"],
                body=value["主办单位"], supervisor=value["主管单位"], division_code=division,
                region=value["地区"], allowed_domains=[registrable_domain(home)], site_type=value["网站类型"],
                icp=value["ICP备案号"], police_record=value["公安机关备案号"], source=source, evidence=evidence)


def _division_table():
    """:mod:`extract.divisions` (GB/T 2260 codes), or None when its data cannot be read."""
    try:
        from extract import divisions

        divisions.divisions()
    except Exception:  # noqa: BLE001 - the checks then rest on the site-code rule alone
        return None
    return divisions


def division_of(code: str, place: str = "") -> tuple[str, str]:
    """The owning body's division code for a site code, and what it rests on.

    ``bm`` codes are national (``000000``). A local code's first six digits are taken
    when they are a GB/T 2260 division (:mod:`extract.divisions`); otherwise the place
    the directory names (地区, else the body) is resolved there; else the code stays empty.

    :param code: a 网站标识码
    :param place: the directory's 地区 text (``河北省邯郸市``) or the body's name
    :returns: ``(division code or "", evidence)``
    """
    if site_code_kind(code) == "department":
        return "000000", "a State Council department's site code (bm…)"
    prefix = site_code_division(code) or ""
    table = _division_table()
    if table is None:
        return prefix, "the site code's first six digits (division table not available)"
    if table.get(prefix) is not None:
        return prefix, "the site code's first six digits, a GB/T 2260 division"
    resolved = table.resolve(place, start=None) if place else None
    if resolved is not None:
        return resolved.code, f"the site code's prefix {prefix} is no GB/T 2260 division; resolved from {place!r}"
    return "", f"the site code's prefix {prefix} is no GB/T 2260 division and {place!r} names none"


@dataclass
class MergeReport:
    """What :func:`merge_sites` did: portal names added and updated, and conflicts left alone."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def merge_sites(existing: dict[str, Site], incoming: list[Site]) -> tuple[dict[str, Site], MergeReport]:
    """Merge imported sites into the registry without losing what it knows.

    An incoming site matches an existing row by site code, else by home-page domain.
    A match keeps the row's portal name, CMS, column URLs and verification and fills its
    empty fields from the import; a field that differs is left as it is and reported as a
    conflict. Unmatched sites are appended.

    :param existing: the registry, by portal name
    :param incoming: sites read from a directory export
    :returns: ``(merged registry by portal name, report)``
    """
    merged = {name: Site(**asdict(site)) for name, site in existing.items()}
    by_code = {s.site_code: s for s in merged.values() if s.site_code}
    by_domain = {registrable_domain(s.home_url): s for s in merged.values()}
    report = MergeReport()
    fill = ("site_code", "site_name", "body", "supervisor", "division_code", "region", "site_type", "icp",
            "police_record")
    for site in incoming:
        row = by_code.get(site.site_code) or by_domain.get(registrable_domain(site.home_url))
        if row is None:
            if site.portal in merged:
                report.conflicts.append(f"{site.portal}: portal name taken by another site")
                continue
            merged[site.portal] = site
            report.added.append(site.portal)
            continue
        changed = False
        for name in fill:
            new, old = getattr(site, name), getattr(row, name)
            if new and not old:
                setattr(row, name, new)
                changed = True
            elif new and old and new != old and not (name == "division_code" and new == "000000"):
                report.conflicts.append(f"{row.portal}: {name} is {old!r} in the registry, {new!r} in the import")
        if changed:
            row.source = "; ".join(filter(None, [row.source, site.source]))
            report.updated.append(row.portal)
        by_code.setdefault(row.site_code, row)
    return merged, report


# --- checks: is a domain filed under the right body? ----------------------------------

@dataclass(frozen=True)
class IdentityCheck:
    """The outcome of comparing a page's site identity with its registry row.

    ``status``: ``agrees``; ``unknown`` (the page or the row gives no code);
    ``code_differs`` (the page names another site code than the row);
    ``division_differs`` (same province, another division: a site filed under the
    division above or below its own, or a zone whose code's prefix is no GB/T 2260
    division, as the reason says); ``wrong_body`` (another province, or a local code on a
    row filed as a State Council department or the reverse). Divisions are looked up in
    :mod:`extract.divisions` where its data is available.
    """

    status: str
    reason: str

    @property
    def flagged(self) -> bool:
        return self.status in ("code_differs", "division_differs", "wrong_body")


def check_identity(site, identity: SiteIdentity) -> IdentityCheck:
    """Does the page's 网站标识码 belong to the body the registry files the site under?

    :param site: the registry row (a :class:`Site`, or a crawl profile: anything with
        ``site_code`` and ``division_code``)
    :param identity: what a page of the site says (:func:`crawler.recognition.read_site_identity`)
    """
    code = identity.site_code
    if not code:
        return IdentityCheck("unknown", "the page carries no site code")
    if site.site_code and code != site.site_code:
        return IdentityCheck("code_differs", f"the page says {code}, the registry {site.site_code}")
    return check_division(code, site.division_code)


def check_division(code: str, division_code: str) -> IdentityCheck:
    """Compare a site code with a division code (the rule in :func:`site_code_division`).

    :param code: a 网站标识码
    :param division_code: the six-digit division code of the owning body (``000000``: national)
    """
    if not division_code:
        return IdentityCheck("unknown", "the registry row has no division code")
    kind = site_code_kind(code)
    if kind == "department":
        if division_code == "000000":
            return IdentityCheck("agrees", f"{code} is a State Council department's code")
        return IdentityCheck("wrong_body", f"{code} is a State Council department's code; "
                                           f"the row is filed under division {division_code}")
    prefix = site_code_division(code)
    if prefix == division_code:
        return IdentityCheck("agrees", f"{code} starts with division {division_code}")
    if division_code == "000000" or prefix[:2] != division_code[:2]:
        return IdentityCheck("wrong_body", f"{code} belongs to division {prefix}, "
                                           f"the row is filed under {division_code}")
    table = _division_table()
    if table is not None and table.get(prefix) is None:
        return IdentityCheck("division_differs", f"{code} starts with {prefix}, which is no GB/T 2260 division "
                                                 f"(a zone's own code?); the row's division is {division_code}")
    relation = ""
    if table is not None and table.is_within(division_code, prefix):
        relation = f" ({division_code} lies inside {prefix})"
    elif table is not None and table.is_within(prefix, division_code):
        relation = f" ({prefix} lies inside {division_code})"
    return IdentityCheck("division_differs",
                         f"{code} starts with {prefix}, the row's division is {division_code}{relation}")


def check_registry(sites: dict[str, Site]) -> list[tuple[str, IdentityCheck]]:
    """Rows whose own site code and division code disagree, as ``(portal, check)``.

    :param sites: the registry, by portal name
    """
    out = []
    for name, site in sites.items():
        if site.site_code and site.division_code:
            result = check_division(site.site_code, site.division_code)
            if result.flagged:
                out.append((name, result))
    return out


def summary(sites: dict[str, Site]) -> dict[str, int]:
    """Counts for the README and ``ogi sites``: sites, bodies, with a site code, with a
    column URL, verified.

    :param sites: the registry, by portal name
    """
    values = list(sites.values())
    return {"sites": len(values), "bodies": len({s.body for s in values if s.body}),
            "with_site_code": sum(1 for s in values if s.site_code),
            "with_column": sum(1 for s in values if s.column_urls),
            "verified": sum(1 for s in values if s.verified)}

