"""Is a title a 政府信息公开工作年度报告, and which year and body does it name?

Titles come from list pages and report pages. They wrap over lines ("…政府信息公开\\n工作年度报告"),
drop characters ("2021政府信息公开…", "…信息公开年度报告", "…信息公开工作报告") and share
words with things that are not reports: 政府工作报告, budgets (预算/决算), and notices about
compiling the reports ("关于做好2025年政府信息公开工作年度报告编制和发布工作的通知").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

#: the report phrase: 信息公开 + optional 工作 + optional 年度 + 报告 / 年报
REPORT_PHRASE = re.compile(r"信息公开(?:工作)?(?:年度|年)?(?:报告|年报)")

#: words that mark a title as something about reports rather than a report
NOT_A_REPORT = re.compile(
    r"关于|通知|通报|编制|发布工作|做好|培训|会议|要求|评估|评议|考核|检查|解读|图解|一图|读懂|"
    r"预算|决算|工作要点|指南|目录|意见|方案|办法|规定|征集|问卷|公示|提纲|模板|格式"
)

_SPACES = re.compile(r"[\s\u3000\xa0]+")
_CN_DIGITS = {"〇": "0", "○": "0", "零": "0", "Ｏ": "0", "O": "0", "一": "1", "二": "2", "三": "3",
              "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_YEAR = re.compile(r"([二][〇○零Ｏ一二三四五六七八九]{3})年")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:年度|年)?")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_URL_DATE = re.compile(r"(?:^|[/_t])((?:19|20)\d{2})(\d{2})(\d{2})(?:[_/.]|$)")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass(frozen=True)
class TitleInfo:
    """What a report title says: the cleaned title, the report year and the body (may be None)."""

    title: str
    year: int | None
    body: str | None


def normalize_title(title: str) -> str:
    """Join wrapped lines and drop all spaces (titles wrap anywhere, even inside 年度).

    :param title: a title as found in a page, possibly over several lines
    """
    title = (title or "").translate(_FULLWIDTH_DIGITS)
    title = _SPACES.sub("", title)
    return _CN_YEAR.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group(1)) + "年", title)


def is_annual_report(title: str) -> bool:
    """True when ``title`` names a 政府信息公开（工作）年度报告 itself.

    A title must carry the report phrase, must not be a notice, interpretation, budget or
    other item about reports, and needs a year unless it says 报告 in full.

    :param title: the title text
    """
    text = normalize_title(title)
    match = REPORT_PHRASE.search(text)
    if not match:
        return False
    if NOT_A_REPORT.search(text):
        return False
    if "政府工作报告" in text and "信息公开" not in text:
        return False
    if report_year(text) is None and not match.group(0).endswith("报告"):
        return False  # a bare column name such as 政府信息公开年报
    return True


def report_year(title: str) -> int | None:
    """The year the report covers: the last year before the report phrase.

    :param title: the title text
    """
    text = normalize_title(title)
    match = REPORT_PHRASE.search(text)
    head = text[: match.start()] if match else text
    years = [int(m.group(1)) for m in _YEAR.finditer(head)]
    if not years and match:
        years = [int(m.group(1)) for m in _YEAR.finditer(text[match.end():])]
    return years[-1] if years else None


def report_body(title: str) -> str | None:
    """The issuing body named in the title, or None (e.g. "平潭综合实验区2023年度…" gives 平潭综合实验区).

    :param title: the title text
    """
    text = normalize_title(title)
    match = REPORT_PHRASE.search(text)
    if not match:
        return None
    head = text[: match.start()]
    head = re.sub(r"政府$", "", head) if head.endswith("人民政府政府") else head
    head = re.sub(r"政府$", "", head) if not head.endswith("人民政府") else head
    year = list(_YEAR.finditer(head))
    if year:
        before, after = head[: year[-1].start()], head[year[-1].end():]
        body = before or after
    else:
        body = head
    body = body.strip("：:，,、-—_()（）《》 ")
    return body or None


def parse_title(title: str) -> TitleInfo:
    """Clean a title and read its year and body.

    :param title: the title text
    """
    return TitleInfo(normalize_title(title), report_year(title), report_body(title))


def find_date(text: str) -> str | None:
    """The first date in ``text`` as ``YYYY-MM-DD`` ("2020-09-03", "2020年9月3日", "2020/09/03").

    :param text: any text
    """
    for m in _DATE.finditer((text or "").translate(_FULLWIDTH_DIGITS)):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def date_from_url(url: str) -> str | None:
    """The date TRS-style URLs carry (``./202009/t20200903_2748784.html`` gives 2020-09-03).

    :param url: a URL
    """
    path = urlsplit(url).path
    for m in _URL_DATE.finditer(path):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


# --- who a site is: 网站标识码, site name, column name -----------------------------------

#: a government-website identification code (政府网站标识码): ten digits for local
#: governments and their departments, ``bm`` + eight digits for State Council departments
SITE_CODE = re.compile(r"^(?:\d{10}|bm\d{8})$", re.I)
_META = re.compile(r"<meta\b[^>]*>", re.I)
_META_NAME = re.compile(r"""\bname\s*=\s*["']?([\w-]+)""", re.I)
_META_CONTENT = re.compile(r"""\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
#: the error-report (纠错) script: ``<script id="_jiucuo_" sitecode='…' src='…/jiucuo.js'>``,
#: or its link ``jiucuo.html?site_code=…``
_JIUCUO = re.compile(r"""\bsite_?code\s*=\s*\\?["']?\s*((?:bm)?\d{8,10})\b""", re.I)


@dataclass(frozen=True)
class SiteIdentity:
    """What a page says about the site that serves it.

    ``site_code`` is the ``<meta name="SiteIDCode">`` value when it is a well-formed
    网站标识码, else the code in the error-report (jiucuo) script; ``jiucuo_code`` is the
    latter as found. All fields are None when the page does not say.
    """

    site_code: str | None
    site_name: str | None
    column_name: str | None
    site_domain: str | None
    jiucuo_code: str | None

    @property
    def conflicting(self) -> bool:
        """True when the meta tag and the jiucuo script name two different site codes."""
        return bool(self.site_code and self.jiucuo_code and self.site_code != self.jiucuo_code)

    def as_dict(self) -> dict:
        return {"site_code": self.site_code, "site_name": self.site_name, "column_name": self.column_name,
                "site_domain": self.site_domain, "jiucuo_code": self.jiucuo_code}


def read_site_identity(page: str | bytes) -> SiteIdentity:
    """Read ``SiteIDCode``, ``SiteName``, ``SiteDomain``, ``ColumnName`` and the jiucuo
    ``sitecode`` from a page (pure; attribute order and quoting as portals write them).

    The meta names are those the 政府网站发展指引 (国办发〔2017〕47号) asks every
    government page to carry; the jiucuo script is the national error-report widget.

    :param page: the page's HTML, as text or bytes (bytes are read as UTF-8, else GB18030;
        only ASCII digits and the meta values matter)
    :returns: a :class:`SiteIdentity` (fields None where absent; a malformed code is None)
    """
    if isinstance(page, bytes):
        try:
            page = page.decode("utf-8")
        except UnicodeDecodeError:
            page = page.decode("gb18030", "replace")
    metas: dict[str, str] = {}
    for tag in _META.finditer(page):
        name = _META_NAME.search(tag.group(0))
        content = _META_CONTENT.search(tag.group(0))
        if name and content:
            value = next(g for g in content.groups() if g is not None).strip()
            metas.setdefault(name.group(1).lower(), value)
    meta_code = metas.get("siteidcode", "")
    jiucuo = next((m.group(1) for m in _JIUCUO.finditer(page) if SITE_CODE.match(m.group(1))), None)
    code = meta_code if SITE_CODE.match(meta_code) else jiucuo
    return SiteIdentity(
        site_code=_canonical_code(code), site_name=metas.get("sitename") or None,
        column_name=metas.get("columnname") or None, site_domain=metas.get("sitedomain") or None,
        jiucuo_code=_canonical_code(jiucuo))


def _canonical_code(code: str | None) -> str | None:
    return code.lower() if code else None


def site_code_division(code: str | None) -> str | None:
    """The six-digit division code a local government's 网站标识码 starts with, or None.

    The rule (first six digits = the owning government's GB/T 2260 division code, shared
    by its departments; ``bm…`` for State Council departments) was checked on saved
    pages of 9 local sites (8 agree; 平潭综合实验区's 3590000001 uses 359000, which is
    not a county code): ``tests/pages/site_code_evidence.csv``.

    :param code: a site code such as ``1304000009`` or ``bm07000001``
    :returns: ``"130400"``; None for a ``bm`` code or a malformed one
    """
    if not code or not SITE_CODE.match(code) or code.lower().startswith("bm"):
        return None
    return code[:6]


def site_code_kind(code: str | None) -> str | None:
    """``"local"`` (ten digits), ``"department"`` (``bm`` + eight digits) or None (malformed)."""
    if not code or not SITE_CODE.match(code):
        return None
    return "department" if code.lower().startswith("bm") else "local"
