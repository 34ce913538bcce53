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
