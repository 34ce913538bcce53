"""Title, agency, year and template generation of a report; and whether it is one.

Works on normalised text (:func:`extract.numbers.normalize`). Traditional-character
mirrors (``政府信息公開工作年度報告``) are folded to simplified forms for matching.
"""
from __future__ import annotations

import functools
import re

import opencc

REPORT_WORDS = re.compile(r"(?:政府)?信息公开(?:工作)?(?:情况)?(?:的)?(?:年度)?(?:工作)?(?:报告|年报)")
_NOTICE_WORDS = re.compile(r"通知|意见|方案|办法|函|批复|公告|决定|通告")
_TEMPLATE_TITLE = re.compile(r"报告格式|(?:模板|模版|样表|范本)\s*$")
_TITLE_NOT_REPORT = re.compile(r"关于.{0,40}(?:通知|意见|方案|办法|函|批复|公告|决定)\s*$|(?:通知|公告|通告)\s*$")
_NOT_REPORT_TEXT = re.compile(r"用户登录|请输入(?:用户名|密码)|验证码|预算公开|部门预算|财政预算[^。]{0,10}说明")
_YEAR = r"((?:19|20)\d{2})"
_TITLE_LABEL = re.compile(r"^\s*(?:标题|題名|题名|title)\s*[:：]\s*|^\s*名\s*称\s*[:：\s]\s*", re.I)
#: a metadata label printed after a title on the same line (``… 有效性 是``)
_FIELD_TAIL = re.compile(r"\s+(?:有效性|发布机构|主题分类|索引号|文号|发文日期|成文日期)(?:\s.*)?$")
_AGENCY_SUFFIX = re.compile(
    r"(?:人民政府(?:办公室|办公厅)?|政府办公室|办公室|办公厅|委员会|管委会|管理委员会|街道办事处|办事处|街道|"
    r"局|厅|委|署|院|中心|镇|乡|苏木|所|站|队|处|会|馆|分局|政府|实验区|新区|开发区|示范区|区|县|市|旗|盟|服务办|"
    r"(?<![全内外干])部|银行|分行|支行|合作社|兵团)$")
_NOT_A_NAME = re.compile(r"^(?:全|我|本|各|该|区内|市内|县内)")


#: the CJK blocks whose traditional characters are folded (unified ideographs, extension
#: A, compatibility ideographs)
_CJK_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


@functools.lru_cache(maxsize=1)
def _t2s() -> tuple[dict, re.Pattern]:
    """OpenCC's ``t2s`` conversion of every single ideograph (one call, ~15 ms), as a
    translation table of the characters it changes into one other character, and a
    pattern finding any of them."""
    converter = opencc.OpenCC("t2s")
    chars = [chr(c) for start, stop in _CJK_BLOCKS for c in range(start, stop)]
    converted = converter.convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # (never seen: a conversion across the separators)
        converted = [converter.convert(ch) for ch in chars]
    table = {ord(a): b for a, b in zip(chars, converted) if a != b and len(b) == 1}
    return table, re.compile("[" + "".join(chr(c) for c in table) + "]")


def simplify(text: str) -> str:
    """Fold traditional characters to simplified ones (OpenCC ``t2s``, character by
    character), so that offsets into the folded text are offsets into ``text``."""
    table, traditional = _t2s()
    return text.translate(table) if traditional.search(text) else text


#: a title's last character misread or lost (OCR: 年度报合, 年度报生, 工作年度报弗, 年度报):
#: the template's phrase ends in 报告, and no title ends in 报 or in 报 and another character
_MISREAD_REPORT_END = re.compile(r"(?<=(?:公开|工作|年度)报)(?:[\u4e00-\u9fff](?<!告))?(?=\s*$)")

#: the wrapped end of a title after ``…工作年`` with one stray glyph before it (OCR: ``上度报告``)
_STRAY_BEFORE_REPORT_END = re.compile(r"[^\s年]度报告$")
#: marks a speck may be read as before the wrapped rest of a title (``)工作年度报告``)
_STRAY_BEFORE_WRAPPED_END = re.compile(r"^[)）.,，。、'`|\]]+(?=(?:政府)?(?:信息公开)?工作年度报告$|年度报告$|度报告$|报告$)")
#: the wrapped end of a title after ``…工作年`` whose 告 OCR misread or lost (``度报千``, ``度报``)
_WRAPPED_END_MISREAD = re.compile(r"度报[\u4e00-\u9fff]?")
#: a title line that names a body and a year and stops short of 报告 (``天津市公安局2023年政
#: 府信息公开工作年度``)
_TITLE_END_LOST = re.compile(r"^[\u4e00-\u9fff（）()]{2,40}(?:19|20)\d{2}年度?政府信息公开工作年度?$")


def _compact(line: str) -> str:
    line = re.sub(r"^[#*\s]+|[*\s]+$", "", line)
    return re.sub(r"(?<=[\u4e00-\u9fff\d])\s+(?=[\u4e00-\u9fff\d])", "", line)


#: labels of the 信息公开 metadata table portals print above a document
#: (索引号 / 发布机构 / 主题分类 / 发文日期 / 成文日期 / 文号 / 名称 …), spaced or not
_FIELD_LABELS = ("索引号", "发布机构", "发文机关", "发文单位", "公开主体", "主题分类", "信息分类", "组配分类", "体裁分类",
                 "服务对象分类", "发文日期", "成文日期", "发布日期", "发布时间", "生成日期", "公开日期", "文号", "发文字号",
                 "名称", "标题", "信息名称", "文件名称", "有效性", "主题词", "关键词", "信息来源", "来源", "公开方式",
                 "公开范围", "公开时限", "公开形式", "所属机构", "内容概述", "摘要", "浏览次数", "访问量", "点击数",
                 "时效", "效力状态", "字号", "分类")
_FIELD = re.compile(r"(?P<label>" + "|".join(r"\s*".join(label) for label in
                                             sorted(_FIELD_LABELS, key=len, reverse=True)) + r")\s*[:：]\s*")
_FIELD_CELL = re.compile(r"^\s*(?P<label>" + "|".join(r"\s*".join(label) for label in _FIELD_LABELS)
                         + r")\s*[:：]?\s*$")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def page_fields(lines: list[str]) -> dict[str, str]:
    """The metadata fields a portal page prints above the document.

    Read from table rows (``发布机构: | 示范县农业农村局``) and inline text
    (``发布时间：2022-01-28 来源：…``) among the first 60 lines; labels are returned
    without inner spaces (``名　　称`` → ``名称``), values stripped. The first value of
    a label wins.

    :param lines: normalised lines of the document.
    :returns: ``{label: value}``, e.g. ``{"发布机构": "…", "发文日期": "2022-01-28"}``.
    """
    fields: dict[str, str] = {}
    for line in lines[:60]:
        if ":" not in line and "：" not in line:
            continue  # every label is printed with its colon
        if "|" in line:
            cells = [c.strip() for c in line.split("|")]
            for i, cell in enumerate(cells[:-1]):
                match = _FIELD_CELL.match(cell)
                if match and not _FIELD_CELL.match(cells[i + 1]):
                    fields.setdefault(re.sub(r"\s+", "", match.group("label")), cells[i + 1])
        matches = list(_FIELD.finditer(line))
        for j, match in enumerate(matches):
            end = matches[j + 1].start() if j + 1 < len(matches) else len(line)
            value = line[match.end():end].strip(" |\t")
            if value:
                fields.setdefault(re.sub(r"\s+", "", match.group("label")), value)
    return fields


_URL_DATE = re.compile(r"https?://\S+/t((?:19|20)\d{2})(\d{2})(\d{2})_\d+")


def published_date(fields: dict[str, str], markup_date: str | None = None, head: str = "") -> str | None:
    """The publication date (``YYYY-MM-DD``): the page's 发布日期/发布时间/发文日期/公开日期
    field, else the markup's (``<meta name="PubDate">``), else 成文日期, else the date
    in a TRS page URL (``…/t20200225_2176860.html``) printed in ``head``. Never used
    for the year reported on (art. 49: a report on year N is published in year N+1)."""
    url = _URL_DATE.search(head)
    for value in [fields.get(label) for label in ("发布日期", "发布时间", "发文日期", "公开日期")] + \
            [markup_date, fields.get("成文日期"), fields.get("生成日期"), "-".join(url.groups()) if url else None]:
        match = _DATE.search(value or "")
        if match:
            year, month, day = (int(g) for g in match.groups())
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def is_field_line(line: str) -> bool:
    """Whether a line is part of a page's metadata table (a label with a colon, or a
    row of such cells)."""
    if ":" not in line and "：" not in line and "|" not in line:
        return False
    if _FIELD.match(line.strip()):
        return True
    if "|" in line:
        return any(_FIELD_CELL.match(c) for c in line.split("|"))
    return False


_SKIP_LINE = re.compile(r"^(?:SOURCE:|根据|本报告|按照|为|当前位置|您的位置|首页)|>|->|发布(?:时间|日期|机构|来源)|索\s*引\s*号")
_AGENCY_LINE = re.compile(r"^[\u4e00-\u9fff()]{2,30}$")


def detect_title(lines: list[str], title_hint: str | None = None, markup_title: str | None = None,
                 fields: dict[str, str] | None = None) -> str | None:
    """The report's title.

    In order: a title the page's markup states (``markup_title``: ``<h1>``,
    ``ArticleTitle``, ``<title>`` less the site name) when it names a report and a
    year; the metadata table's 名称/标题 field when it does; the first short line near
    the top naming a report (metadata rows, breadcrumbs and the like skipped); the
    ``title_hint``. A title wrapped over two lines (``孝感市人民政府办公室`` /
    ``2020年政府信息公开…``, ``…昌吉市退役军人事务局2024`` / ``年度政府信息公开…``,
    ``…少先路街`` / ``道办事处2023年…``, ``…政府信息公开`` / ``工作年度报告``) is
    joined, and a title printed in pieces (``年 度报告``) is closed up.

    :param lines: normalised lines of the document.
    :param title_hint: a title from file metadata (PDF Title, …), used when the text has none.
    :param markup_title: titles from the page's markup (HTML), one per line, trusted over text lines.
    :param fields: the page's metadata fields, if already read (:func:`page_fields`).
    """
    fields = page_fields(lines) if fields is None else fields
    stated = [_compact(c) for c in (fields.get("名称"), fields.get("标题"), *(markup_title or "").split("\n"))
              if c and names_report_and_year(c)]
    if stated:
        # a heading printed in two elements gives a fragment (``民政府2024年…``): the
        # longest statement that contains another, and one naming a body, wins
        named = [t for t in stated if agency_from_title(t)] or stated
        best = named[0]
        for other in named[1:]:
            if len(other) > len(best) and other.endswith(best[-8:]) and best in other:
                best = other
        return best
    nonblank = [_MISREAD_REPORT_END.sub("告", _FIELD_TAIL.sub("", ln))
                for ln in lines[:80] if ln.strip() and not is_field_line(ln)][:30]
    for k in range(1, min(4, len(nonblank))):
        before, end = _compact(nonblank[k - 1]), _compact(nonblank[k])
        stray = _STRAY_BEFORE_WRAPPED_END.match(end)
        if stray and not _open_bracket(before):
            # ``…2020年度政府信息公开`` / ``)工作年度报告``: a speck OCR read as a mark
            # before the wrapped rest of a title (no bracket opened before it to close)
            nonblank[k] = end[stray.end():]
    for k in range(1, len(nonblank)):
        end = _compact(nonblank[k])
        if _compact(nonblank[k - 1]).endswith("年") and (_STRAY_BEFORE_REPORT_END.match(end)
                                                         or _WRAPPED_END_MISREAD.fullmatch(end)):
            # ``…工作年`` / ``上度报告`` or ``度报千``: a stray mark OCR read before the
            # wrapped end, or its 告 misread
            nonblank[k] = "度报告"
    for k in range(min(3, len(nonblank))):
        if _TITLE_END_LOST.search(_compact(nonblank[k])) and not (
                k + 1 < len(nonblank) and _compact(nonblank[k + 1]).startswith(("报", "告", "度报"))):
            # a title line at the top ending ``…政府信息公开工作年度``, its last glyphs
            # (报告, wrapped or not) lost to the scan: the title, closed
            nonblank[k] = _compact(nonblank[k]) + "报告"
    head = _head_block_title(nonblank)
    if head:
        return head
    fallback = bodiless = None
    for i, line in enumerate(nonblank):
        compact = _compact(_TITLE_LABEL.sub("", line))
        labelled = compact != _compact(line)
        folded = simplify(compact)
        if len(compact) > 70 or (not labelled and _SKIP_LINE.search(folded)) \
                or _QUOTED_NAME.search(compact) or "。" in compact.rstrip("。"):
            continue  # a sentence (…现公布2023年度政府信息公开工作年度报告。报告由…) is no title
        following = _compact(nonblank[i + 1]) if i + 1 < len(nonblank) else ""
        if REPORT_WORDS.search(folded) or re.search(r"年度?(?:工作)?报告$|年报$", folded):
            start, matched = i, REPORT_WORDS.search(folded)
            span = matched.end() - matched.start() if matched else 0
            for earlier in (i - 1, i - 2):
                # the report phrase itself broken over lines (…年政府信息公 / 开 / 工作年度报告)
                if earlier < 0:
                    break
                head = simplify(_compact(nonblank[earlier]))
                if _SKIP_LINE.search(head) or re.search(r"[。《》]", head):
                    break  # a sentence's line (根据《条例》…现公布) starts no title
                joined = simplify("".join(_compact(nonblank[k]) for k in range(earlier, i + 1)))
                found = REPORT_WORDS.search(joined)
                if found and found.start() < len(head) and found.end() - found.start() > span and len(joined) <= 70:
                    start, span = earlier, found.end() - found.start()
            compact = "".join(_compact(nonblank[k]) for k in range(start, i)) + compact
            if start > 1 and _closes_bracket(_compact(nonblank[start - 1])) \
                    and _opens_bracket(_compact(nonblank[start - 2])):
                # a body's bracketed second name broken over the two lines above the title
                # (…人民政府（清溪乡村振兴服 / 务中心） / 2020年…报告)
                compact = _compact(nonblank[start - 2]) + _compact(nonblank[start - 1]) + compact
            elif start > 0:
                compact = _join_wrapped(_compact(nonblank[start - 1]), compact)
            if not _names_year_or_body(compact):
                # a column name (政府信息公开年报) in the page chrome: a title naming a year may follow
                fallback = fallback or compact
                continue
            if compact.startswith("关于") and agency_from_title(compact) is None:
                # the page's title without its body (``关于2021年度…的年度报告``): the
                # report's own, the body's name on the line above, may follow
                bodiless = bodiless or compact
                continue
            return compact
        wrapped = _wrapped_over_lines(compact, nonblank[i + 1:i + 4])
        if wrapped:
            if _names_year_or_body(wrapped):
                return _join_wrapped(_compact(nonblank[i - 1]), wrapped) if i > 0 else wrapped
            fallback = fallback or wrapped
            continue
        if re.search(r"(?:政府)?信息公开(?:工作)?$|\d{4}\s*年度?$", folded) and following \
                and re.match(r"(?:政府)?(?:信息公开)?(?:工作)?年\s*度?(?:工作)?报告|(?:工作)?报告|(?:政府)?信息公开",
                             simplify(following)) and len(compact + following) <= 70:
            if _names_year_or_body(compact + following):
                return compact + following
            fallback = fallback or compact + following
            continue
        if following and len(compact + following) <= 70 and not _SKIP_LINE.search(following):
            # a title broken inside a word (…年政府信 / 息公开工作年度报告)
            joined = simplify(compact + following)
            straddle = REPORT_WORDS.search(joined)
            if straddle and straddle.start() < len(compact) < straddle.end() \
                    and len(joined) - straddle.end() <= 2:
                if _names_year_or_body(compact + following):
                    return compact + following
                fallback = fallback or compact + following
    if bodiless or fallback:
        return bodiless or fallback
    if title_hint and title_hint.strip():
        return _compact(title_hint)
    return None


def _head_block_title(nonblank: list[str]) -> str | None:
    """A title set over two to four short lines at the top, broken anywhere (``柏镇市`` /
    ``人民政府`` / ``2020年政府信息公开…报告``; ``沙峰县乡村振兴局`` / ``2023年`` / ``政府
    信息公开…``; ``2020年安集镇`` / ``政府信息公开工作年`` / ``度报告``): the lines up to
    the one ending the report phrase, joined, when no one of them is a whole title, the
    joined text ends in 报告 or 年报, and it names a body that ends like one; else ``None``."""
    block: list[str] = []
    wrapped_skip = False  # the line before was a long skipped line (a breadcrumb) wrapping onto this one
    for line in nonblank[:8]:
        compact = _compact(line)
        if _SKIP_LINE.search(compact) or _QUOTED_NAME.search(compact) or wrapped_skip:
            if block:
                return None
            wrapped_skip = not wrapped_skip and len(compact) >= 30
            continue
        if len(compact) > 40 or re.search(r"[。，；：:]", compact) or re.match(r"^[一二三四五六七八九十]+、", compact):
            return None
        block.append(compact)
        if re.search(r"(?:报告|年报)$", simplify(compact)):
            break
    else:
        return None
    joined = "".join(block)
    if not 2 <= len(block) <= 4 or len(joined) > 80 or not REPORT_WORDS.search(simplify(joined)):
        return None
    for part in block:
        own = agency_from_title(part) if names_report_and_year(part) else None
        if own and meta_agency_suffix(own) and not re.match(r"^[（(]", own):
            return None  # one line is a whole title: the others are no part of it
    name = agency_from_title(joined)
    if not name or not meta_agency_suffix(name) or not re.search(_YEAR, arabic_years(joined)):
        return None
    return joined


def _opens_bracket(line: str) -> bool:
    """Whether a short line (a title's first part) leaves a bracket open
    (``…人民政府（清溪乡村振兴服``)."""
    return _open_bracket(line) and len(line) <= 40


def _open_bracket(line: str) -> bool:
    """Whether a line opens a bracket it does not close (``…服务中心（筹``)."""
    return line.count("(") + line.count("（") > line.count(")") + line.count("）")


def _closes_bracket(line: str) -> bool:
    """Whether a line closes a bracket opened on the line before (``务中心）``)."""
    return bool(re.match(r"^[^（(）)]{1,20}[)）]\s*$", line))


def _wrapped_over_lines(first: str, following: list[str]) -> str | None:
    """A title whose report phrase is broken over up to three short lines after
    ``first`` (``…2019年政府信息公开`` / ``工作年`` / ``度报告``): the lines joined, when
    they end the phrase (报告, 年报) and each piece is short; else ``None``."""
    if REPORT_WORDS.search(simplify(first)) or not re.search(r"信息公开|信息公|信息|年度?$", simplify(first)):
        return None
    joined = first
    for line in following:
        piece = _compact(line)
        if not piece or len(piece) > 12 or _SKIP_LINE.search(piece) or re.search(r"[。，；：:]", piece):
            return None
        joined += piece
        if len(joined) > 70:
            return None
        found = REPORT_WORDS.search(simplify(joined))
        if found and re.search(r"(?:报告|年报)$", simplify(joined)):
            return joined if found.start() < len(first) else None
    return None


def names_report_and_year(title: str) -> bool:
    """Whether a stated title (a page's 名称 field, ``<h1>``, ``<title>`` part) names an
    annual report and a year: at most 80 characters once spaces between words are closed."""
    compact = _compact(title)
    return len(compact) <= 80 and bool(REPORT_WORDS.search(simplify(compact))) \
        and bool(re.search(_YEAR, arabic_years(compact)))


def _names_year_or_body(title: str) -> bool:
    return bool(re.search(_YEAR, arabic_years(title))) or agency_from_title(title) is not None


_BARE_SUFFIX = re.compile(r"(?:街道)?办事处|事处|(?:人民)?政府(?:办公室|办公厅)?|民政府|办公室|办公厅|委员会|员会|管理委员会|"
                          r"管委会|分局|事务局|服务中心|中心")
_WRAPPED_HEAD = re.compile(r"^(?:(?:19|20)\d{2}\s*年度?)?[\u4e00-\u9fff()（）]{2,40}(?:(?:19|20)\d{2}\s*年?度?)?$")
#: a line quoting a document name (``《…工作年度报告格式》（国办公开办函…``): no title
_QUOTED_NAME = re.compile(r"^[^《]*》|《[^》]*$|国办公开办函")


#: a line that is only the name of a place (a division, down to township level)
_PLACE_LINE = re.compile(r"[\u4e00-\u9fff]{2,30}(?:省|自治区|市|自治州|州|地区|盟|县|自治县|旗|区|镇|乡|街道)")
#: a body's name that names a place of its own
_PLACE_IN_NAME = re.compile(r"[省市县区州旗盟镇乡村]|街道|自治|管委|开发区|新区")


def _join_wrapped(previous: str, title: str) -> str:
    """``title`` with the line before it joined when that line is the start of the
    title: the title names no body (``2020年政府信息公开…``), or starts inside a year
    or a body's name (``年度政府信息公开…`` after ``…事务局2024``; ``道办事处2023年…``
    after ``…少先路街``, a line that does not end like a body's name)."""
    if not _WRAPPED_HEAD.match(previous) or REPORT_WORDS.search(simplify(previous)) \
            or _SKIP_LINE.search(previous) or re.match(r"^[一二三四五六七八九十]+、", previous):
        return title
    own = agency_from_title(title)
    if _opens_bracket(previous) and re.match(r"^[^（(）)]{0,20}[)）]", title):
        # the break falls inside a bracket (…（新桥乡村振兴服 / 务中心）2020年…), or just
        # before it closes (…服务中心（筹 / ）2020年…)
        return previous + title
    if own is not None and _BARE_SUFFIX.fullmatch(own):
        return previous + title  # the title starts with the end of a name (办事处, 办公室)
    previous_ends_name = bool(meta_agency_suffix(re.sub(r"(?:19|20)\d{2}\s*年?度?$", "", previous)))
    if own is not None and own[0] in "区县市镇乡旗" and _BARE_SUFFIX.fullmatch(own[1:]) and not previous_ends_name:
        # the title starts with a place's level split off its name, then a bare suffix
        # (赣州生态示范 / 区管委会2021年…): one body's name wrapped inside the place
        return previous + title
    if own is None and previous_ends_name:
        return previous + title
    if own is None and meta_agency_suffix(agency_from_title(previous + title) or ""):
        # the break falls inside the body's last word (…党政综合办公 / 室2022年度…)
        return previous + title
    if re.match(r"^\s*(?:年|度)", title) and re.search(r"(?:19|20)\d{2}\s*年?$", previous):
        return previous + title
    if own is not None and _PLACE_LINE.fullmatch(previous) and not _PLACE_IN_NAME.search(own):
        # a place on its own line, then a department naming none (昌吉回族自治州玛纳斯县 /
        # 财政局2021年度…): one body's name wrapped after its place
        return previous + title
    core = re.sub(r"^(?:19|20)\d{2}\s*年度?|(?:19|20)\d{2}\s*年?度?$", "", previous)
    if own is not None and len(own) <= 5 and not meta_agency_suffix(core) and not re.search(r"\d|公开", core) \
            and not re.search(r"[省市县区州旗盟镇乡村]|街道|自治|管委|开发区|部$", own[1:] if own[0] in "区县市" else own):
        # the title's own "body" names no place (道办事处, 康委员会), or starts with the
        # level of a place split off the line before (…偃师 / 区统计局…): a fragment
        joined = agency_from_title(previous + title)
        if joined and meta_agency_suffix(joined):
            return previous + title
    return title


_SECOND_NAME = re.compile(r"[（(][^（）()]{2,20}[)）]\s*$")


def meta_agency_suffix(name: str) -> bool:
    """Whether ``name`` ends like the name of a government body; a second name the body
    carries in brackets (``…镇人民政府（…乡村振兴服务中心）``, a 挂牌 name) counts as its end."""
    folded = simplify(name)
    if _AGENCY_SUFFIX.search(folded):
        return True
    inner = _SECOND_NAME.search(folded)
    return bool(inner) and inner.start() > 0 and bool(
        _AGENCY_SUFFIX.search(folded[:inner.start()]) or _AGENCY_SUFFIX.search(folded[inner.start() + 1:-1].strip(")）")))


def agency_from_title(title: str) -> str | None:
    """The body named in a title: ``原州区北塬街道2024年政府信息公开工作年度报告`` → ``原州区北塬街道``."""
    folded = simplify(_compact(arabic_years(title)))
    match = re.match(rf"^(?P<before>.*?){_YEAR}\s*年?度?(?P<after>.*?)(?:政府)?信息公开", folded)
    if not match:
        match = re.match(r"^(?P<before>.*?)(?P<after>)(?:政府)?信息公开", folded)
        if not match:
            return None
    for name in (match.group("before"), match.group("after")):
        name = name.strip(" ,，:：《》\"“”.。、·;；'`")  # (a speck OCR read as a point beside the name)
        name = re.sub(r"关于.*$|的$", "", name)
        if len(name) >= 2 and re.search(r"[\u4e00-\u9fff]{2}", name) and not re.match(r"^(?:年度?|度)", name):
            return title_slice(title, name)
    return None


def title_slice(title: str, name: str) -> str:
    """``name`` as the title prints it (the folded form may differ in script)."""
    compact = _compact(title)
    index = simplify(compact).find(name)
    return compact[index:index + len(name)] if index >= 0 else name


_OPENING_AGENCY = re.compile(
    rf"(?:特编制|现(?:发布|公布|公开)|编制(?:完成)?了?)《?(?P<name>[\u4e00-\u9fff()（）]{{2,30}}?){_YEAR}\s*年度?(?:政府)?信息公开")
_AUTHOR_AGENCY = re.compile(
    r"本(?:年度)?报告由(?P<name>[\u4e00-\u9fff()（）]{2,40}?)(?:根据|按照|依据|依照|编制|负责)"
    # ``…要求,由两城镇人民政府党政办公室编制``: a township's 党政办公室 compiles its report
    r"|[,，]\s*由(?P<by>[\u4e00-\u9fff()（）]{2,40}?)(?:党政办公室|党政办)?(?:结合[^,，。\n]{1,12}?)?(?:负责)?编制"
    # ``…相关文件要求,杭锦后旗教育局编制了本报告``
    r"|[,，]\s*(?P<compiler>[\u4e00-\u9fff()（）]{2,40}?)编制了?本(?:年度)?报告")
_SENTENCE_AGENCY = re.compile(
    # ``2023年,在区委、区政府的坚强领导下,官洲街道办事处认真…``, ``2020年七里坪镇严格…``,
    # ``依申请公开情况:市发改局不断…``
    # ``2022年度,汤原县人民政府办公室政务公开工作…``, ``2022年以来,丰收乡在县委县政府的…``
    rf"(?:{_YEAR}\s*年(?:度|以来)?[,，]?(?:\s*在[^,，。\n]{{1,30}}下[,，])?|总体情况\s*\n|情况[:：]"
    # ``按照区委、区政府有关要求,区政府政务服务办进一步完善…``
    r"|(?:^|\n)(?:按照|根据)[^,，。\n]{1,20}要求[,，])\s*"
    r"(?P<name>[\u4e00-\u9fff]{2,20}?)"
    r"(?=的政府信息公开|(?:政府)?信息公开工作|政务公开工作|认真|坚持|积极|深入|严格|按照|围绕|紧扣|全面|持续|高度重视|"
    r"始终|不断|进一步|切实|扎实|依法|在[县市区州省旗乡镇党][^,，。\n]{0,12}(?:领导|指导)下)")
#: the contact the report gives (``如对本报告有疑问,请与铁佛镇人民政府联系``), the office
#: inside the body named after it or not (``请与…湖南镇政府综合督考办公室联系``)
_CONTACT_AGENCY = re.compile(r"请(?:与|联系|致电)(?P<name>[\u4e00-\u9fff()（）]{2,40}?)(?:联系|联络|咨询)")
#: an office inside a body, after the body's name (综合督考办公室, 党政办公室, 办公室); a
#: government's 办公室 straight after 人民政府 is a body of its own
_INNER_OFFICE = re.compile(r"(?:政府|[镇乡局委]|街道|办事处)(?P<office>(?:(?!政府)[\u4e00-\u9fff]){1,6}(?:办公室|办|科|股|室)|办)$")


_SPAM_NAME = re.compile(r"[A-Za-z]{3,}|官方网站|官网|娱乐|博彩|彩票|棋牌|体育(?:平台|app)")


def plausible_agency(name: str | None) -> bool:
    """False for names a poisoned mirror put in place of the body's (``365bet(中国)官方网站``)."""
    return bool(name) and not _SPAM_NAME.search(name)


def detect_agency(title: str | None, text: str, fields: dict[str, str] | None = None) -> str | None:
    """The body as the report names it.

    In order: the title; the opening text (``本报告由XX编制``, ``现公布XX2023年度…``,
    ``2023年，XX认真…``); the signature block at the end (a body's name on its own line
    above the date); the page's 发布机构 field.

    :param title: the detected title, if any.
    :param text: the normalised document text.
    :param fields: the page's metadata fields (:func:`page_fields`).
    """
    if title:
        name = agency_from_title(title)
        if name:
            return name
    printed = text[:3000]
    head = simplify(printed)
    found = _named_in(head, _OPENING_AGENCY, printed) or _named_in(head, _AUTHOR_AGENCY, printed)
    found = found or signature_agency(text) or _named_in(head, _SENTENCE_AGENCY, printed) or contact_agency(text)
    if found:
        return found
    publisher = (fields or {}).get("发布机构") or (fields or {}).get("发文机关")
    if publisher and _AGENCY_LINE.match(_compact(publisher)) and meta_agency_suffix(_compact(publisher)):
        return _compact(publisher)
    return None


def contact_agency(text: str) -> str | None:
    """The body the report gives as its contact (``请与XX联系``), an office inside it
    (:data:`_INNER_OFFICE`) cut off: the body the report's questions go to is its own."""
    found = _named_in(simplify(text), _CONTACT_AGENCY, text)
    if not found:
        return None
    office = None if simplify(found).endswith("政府办公室") else _INNER_OFFICE.search(simplify(found))
    body = found[:office.start("office")] if office else found
    return body if meta_agency_suffix(body) and not _AGENCY_SUFFIX.fullmatch(simplify(body)) else found


#: a line holding only a date (a signature's ``2024年1月18日``, ``二〇二四年一月二十日``)
def _named_in(head: str, pattern: re.Pattern, printed: str) -> str | None:
    """The body ``pattern`` names in the opening text, when it ends like a body's name.

    :param head: the opening text, folded to simplified script (:func:`simplify`).
    :param printed: the same text as printed: the name is returned as printed there
        (folding keeps every offset)."""
    for match in pattern.finditer(head):
        group = next((g for g, v in match.groupdict().items() if v), None)
        name = match.group(group) if group else ""
        if _AGENCY_SUFFIX.search(name) and not _AGENCY_SUFFIX.fullmatch(name) and not _NOT_A_NAME.match(name):
            return printed[match.start(group):match.end(group)]
    return None


_DATE_LINE = re.compile(r"^\s*(?:(?:19|20)\d{2}|[〇零○一二][〇零○一二三四五六七八九]{3})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                        r"\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$", re.M)


def signature_agency(text: str) -> str | None:
    """The body named in the signature block (落款): a line holding only a body's name
    just above a line holding only a date, among the last 15 lines."""
    lines = [_compact(line) for line in text.rstrip().split("\n")[-15:] if line.strip()]
    for i in range(len(lines) - 1, 0, -1):
        if _DATE_LINE.match(lines[i]):
            name = lines[i - 1]
            if _AGENCY_LINE.match(name) and meta_agency_suffix(name) and not _NOT_A_NAME.match(name):
                return name
    return None


_PERIOD_YEAR = re.compile(rf"{_YEAR}\s*年\s*1\s*月\s*1\s*日|(?:截至|截止|至){_YEAR}\s*年\s*12\s*月\s*31\s*日")


_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")
_CN_YEAR = re.compile(r"([〇零○一二][〇零○一二三四五六七八九]{3})(?=\s*年)")


def arabic_years(text: str) -> str:
    """``二〇二三年`` → ``2023年`` (years written in Chinese numerals)."""
    return _CN_YEAR.sub(lambda m: m.group(1).translate(_CN_DIGITS), text) if "年" in text else text


def detect_year(title: str | None, text: str) -> int | None:
    """The year reported on.

    In order: the year in the title; the statistics period (``2024年1月1日`` …
    ``12月31日``); the year most often written in the opening text. Never the
    publication date: a page's 发文日期 is kept as ``published``, and reports appear
    late, early or years after the year they cover.

    :param title: the detected title, if any.
    :param text: the normalised document text.
    """
    title = arabic_years(title) if title else title
    text = arabic_years(text[:8000])
    if title:
        match = re.search(rf"{_YEAR}\s*年", title) or re.search(_YEAR, title)
        if match:
            return int(match.group(1))
    # a date alone on its line is a signature's or a page's date, the year of writing
    # (``2024年1月1日`` under the signature is no statistics period)
    head = _DATE_LINE.sub("", text[:6000])
    match = _PERIOD_YEAR.search(head)
    if match:
        return int(match.group(1) or match.group(2))
    counts: dict[int, int] = {}
    for found in re.finditer(rf"{_YEAR}\s*年", head):
        year = int(found.group(1))
        counts[year] = counts.get(year, 0) + 1
    if counts:
        return max(counts, key=lambda y: (counts[y], y))
    return None


_TEMPLATE_TABLE_3 = re.compile(r"本年新收政府信息公开申请数量[\s\S]{0,400}上年结转政府信息公开申请数量")
_MARKS_TABLES = re.compile(r"第二十条第\s*\(|本年新收政府信息公开申请|申请人情况")


def detect_generation(text: str, year: int | None) -> str:
    """``"2021"``, ``"2019"`` or ``"free"``.

    A report on a year before 2019 is ``free`` unless it prints the template's table 3.
    Otherwise table headers decide when printed (``本年制发件数`` is 2021,
    ``本年新制作数量`` or ``上一年项目数量`` is 2019); otherwise the year does (2021 on,
    2019–2020, before).

    :param text: the normalised document text.
    :param year: the detected year, if any.
    """
    folded = simplify(text)
    if year is not None and year < 2019 and not _TEMPLATE_TABLE_3.search(folded):
        # reports on 2008–2018 predate the template: words such as 政府集中采购 in their
        # prose are no table headers, and a report is a template generation only when
        # its tables are
        return "free"
    from extract import generations

    marked = generations.marked(folded)
    if len(marked) == 1:
        return marked[0].GENERATION
    if marked:  # words of several: the year decides among them (the newest without a year)
        if year is None:
            return marked[0].GENERATION
        for_year = generations.for_year(year)
        return for_year.GENERATION if for_year in marked else marked[-1].GENERATION
    if year is not None:
        oldest = generations.GENERATIONS[-1]
        return generations.for_year(year).GENERATION if year >= oldest.FIRST_YEAR else "free"
    return generations.GENERATIONS[0].GENERATION if _MARKS_TABLES.search(folded) else "free"


_PLACEHOLDER = re.compile(r"[X×xＸ✕╳*＊]{2,}|某某|[（(]\s*(?:单位|机关|部门|行政机关)?名称\s*[)）]|20[X×x]{2}|[（(]\s*年份?\s*[)）]")


def is_placeholder_report(title: str | None, agency: str | None) -> bool:
    """Whether a document with every table cell blank is the blank national template
    rather than a report of a body with nothing to count: no body named at all, or
    placeholders (``XX``, ``××``, ``某某``, ``（单位名称）``, ``20XX年``) standing alone
    for the body or the year. ``某局`` and ``某某区某某街道`` name bodies.

    :param title: the detected title.
    :param agency: the detected agency.
    """
    if not agency:
        return True
    if title and _TEMPLATE_TITLE.search(simplify(title)):
        return True
    bare = _PLACEHOLDER.sub("", agency)
    if not re.search(r"[\u4e00-\u9fff]", bare) or not meta_agency_suffix(agency):
        return True
    year_part = re.search(r"([\dX×xＸ]{4}|[（(]\s*年份?\s*[)）])\s*年", title or "")
    return bool(year_part and not year_part.group(1).isdigit())


def detect_is_report(title: str | None, text: str, sections_found: int, figures_found: int) -> bool:
    """Whether the document is an annual report at all (not a notice, budget or login page).

    A notice *about* the reports (``关于做好2025年政府信息公开工作年度报告编制…的通知``)
    names a report in its title but is not one.

    :param title: the detected title, if any.
    :param text: the normalised document text.
    :param sections_found: how many of the six headings were found.
    :param figures_found: how many figures were mapped.
    """
    head = simplify(text[:4000])
    for line in head.split("\n")[:40]:
        if len(line) > 120 or not _NOTICE_WORDS.search(line):
            continue
        compact = _compact(line)
        if 8 < len(compact) < 90 and REPORT_WORDS.search(compact) and _TITLE_NOT_REPORT.search(compact):
            return False
    if title and (_TITLE_NOT_REPORT.search(simplify(title)) or _TEMPLATE_TITLE.search(simplify(title))):
        return False
    if figures_found >= 3 or sections_found >= 3:
        return True
    if title and REPORT_WORDS.search(simplify(title)):
        return True
    if _NOT_REPORT_TEXT.search("\n".join(head.split("\n")[:8])):
        return False
    return bool(REPORT_WORDS.search(head) or (sections_found >= 1 and "信息公开" in head))
