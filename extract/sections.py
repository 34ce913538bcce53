"""Find the six numbered sections of a report in its (normalised) text.

Headings vary (``二、行政机关主动公开政府信息情况``, ``五、存在主要问题及改进情况``),
numbering is sometimes missing (seed 004 prints ``收到和处理政府信息公开申请情况`` with
no ``三、``) and flattened page text runs headings into the middle of a line. A heading
is accepted where its key phrase follows a Chinese numeral and ``、`` or starts a line;
the same phrase inside a sentence (``本报告包括总体情况、主动公开政府信息情况…``) is not
a heading. Sections are searched in order, each after the one before.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_NUMERALS = "一二三四五六"
#: Key phrase of each heading (as a regex), matched after normalisation.
HEADING_PHRASES = {
    1: r"(?:总体情况|概述|总体概况)",
    2: r"主动公开(?:政府)?信息(?:的)?情况",
    3: r"收到和处理政府信息公开申请(?:的)?情况",
    4: r"(?:政府信息公开)?(?:行政复议[、和及与]?\s*(?:提起)?行政诉讼|行政复议、行政诉讼)(?:的)?情况",
    5: r"(?:存在的?主要问题|主要问题)(?:及|和|与)?(?:改进|整改)",
    6: r"其他需要报告的事项",
}


@dataclass
class Section:
    number: int
    #: offset of the heading's first character in the text
    start: int
    #: offset just after the heading line (where the body begins)
    body_start: int
    #: offset where the next section begins (or the end of the text)
    end: int = 0


def _heading_pattern(number: int, phrase: str, any_numeral: bool = False) -> re.Pattern:
    numeral = "[一二三四五六七八九十]{1,2}" if any_numeral else _NUMERALS[number - 1]
    numbered = rf"(?<![(（第十之统唯同单专逐划万初周星]){numeral}\s*[、.．]\s*[^\n。;；]{{0,12}}?{phrase}"
    line_start = rf"^[ \t#*]*{phrase}"
    return re.compile(rf"{numbered}|{line_start}", re.M)


_PATTERNS = {n: _heading_pattern(n, p) for n, p in HEADING_PHRASES.items()}

#: The core words of each template heading, for headings printed with a typo
#: (``四、政府信息公开行政法复议、行政诉讼情况``): accepted after the section's own
#: numeral and ``、``, on a short line of their own.
CORE_WORDS = {
    2: r"主动公开",
    3: r"(?:收到|处理).{0,12}申请",
    4: r"复议.{0,6}诉讼",
    5: r"问题.{0,8}(?:改进|整改|措施|方向|打算)",
    6: r"其他.{0,8}事项",
}
#: what opens a template table straight after its heading in flattened text (the
#: heading and the table's header run on in one line)
_TABLE_OPENING = r"\s*(?:行政复议|信息内容|第二十条|申请人情况|[(（]本列)"
_TYPO_HEADINGS = {n: re.compile(rf"^[ \t#*]*{_NUMERALS[n - 1]}\s*[、.．][^\n。;；,，]{{0,14}}?{core}[^\n。;；,，]{{0,12}}$",
                                re.M) for n, core in CORE_WORDS.items()}
#: the same in flattened text: the heading ends in 情况 and runs on into its table's
#: header (looked for only where no heading of the section was found otherwise)
_RUN_ON_TYPO_HEADINGS = {n: re.compile(rf"(?<![^\s。；;]){_NUMERALS[n - 1]}\s*[、.．][^\n。;；,，]{{0,14}}?{core}"
                                       rf"[^\n。;；,，]{{0,12}}?情况(?={_TABLE_OPENING})") for n, core in CORE_WORDS.items()}

#: The template's full headings of sections 2–6 (section 4 in its 2021 and its 2019
#: wording): found on a line of their own even when the numeral before them is misread
#: or left out (OCR: ``\政府信息公开行政复议、行政诉讼情况``, ``凹、…``), as long as the
#: rest of the heading is intact. A numeral read as such is
#: no misreading (``七、其他需要报告的事项`` is part seven of a free-format report).
FULL_HEADINGS = {
    2: r"主动公开政府信息(?:的)?情况",
    3: r"收到和处理政府信息公开申请(?:的)?情况",
    4: r"(?:政府信息公开行政复议[、和及与]?\s*行政诉讼|因政府信息公开工作被申请行政复议[、和及与]?\s*提起行政诉讼)"
       r"(?:的)?情况",
    5: r"存在的主要问题及改进情况",
    6: r"其他需要报告的事项",
}
_GARBLED_NUMERAL = {n: re.compile(rf"^[ \t]*[^\n(（【\[\d一二三四五六七八九十]{{0,3}}?{h}[ \t]*$", re.M) for n, h in FULL_HEADINGS.items()}


def find_sections(text: str, phrases: dict[int, str] | None = None) -> dict[int, Section]:
    """Locate the headings of sections 1–6.

    :param text: the normalised document text.
    :param phrases: heading key phrases by section number, instead of the template's
        (free-format reports name their parts differently).
    :returns: the sections found, by number, with their spans.
    """
    # free-format reports number their parts their own way (seven parts, fees as part four)
    patterns = _PATTERNS if phrases is None else {n: _heading_pattern(n, p, True) for n, p in phrases.items()}
    found: dict[int, Section] = {}
    cursor = 0
    for number in range(1, 7):
        match = patterns[number].search(text, cursor)
        if phrases is None and number in _GARBLED_NUMERAL:
            garbled = _GARBLED_NUMERAL[number].search(text, cursor)
            if garbled and (not match or garbled.start() < match.start()):
                match = garbled
        if phrases is None and number in _TYPO_HEADINGS:
            typo = _TYPO_HEADINGS[number].search(text, cursor)
            if typo and (not match or typo.start() < match.start()):
                match = typo
            if not match:
                match = _RUN_ON_TYPO_HEADINGS[number].search(text, cursor)
        if not match:
            continue
        line_end = text.find("\n", match.end())
        # a heading is short; in flattened text the body runs on in the same line
        body_start = match.end() if line_end == -1 or line_end - match.end() > 30 else line_end + 1
        found[number] = Section(number, match.start(), body_start)
        cursor = match.end()
    ordered = sorted(found.values(), key=lambda s: s.start)
    for section, following in zip(ordered, ordered[1:] + [None]):
        section.end = following.start if following else len(text)
    return found


def section_texts(text: str, sections: dict[int, Section]) -> dict[str, str]:
    """The body text of each section found, keyed ``"1"`` … ``"6"``.

    :param text: the normalised document text.
    :param sections: as returned by :func:`find_sections`.
    """
    return {str(n): text[s.body_start:s.end].strip() for n, s in sorted(sections.items())}
