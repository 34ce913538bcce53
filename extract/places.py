"""Place names OCR misread in a body's name, put right from the division code table.

A scanned title gives ``天津市葡州区住房和城乡建设局`` where ``天津市蓟州区…`` is printed:
one glyph of a place name read as a look-alike. The MCA's code table (GB/T 2260, read
through :mod:`extract.divisions`, the project's one reader of it) knows every province,
city and county name since 2008 and which division each lies in, so a name's leading
run of places can be checked against it: each place must be a known name, inside the
place before it. Where one place is not, and exactly one known name in its parent
differs from it by one character, that name is what was printed. Where several fit,
the one the report's own text prints is taken if it is the only one; a short place or
a county at the start with nothing inside it after it is corrected only on that
evidence.

Only text read by OCR is corrected (a typo printed in a born-digital report is what
the report says); townships and streets are not in the table and are never changed.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extract import divisions

#: the longest division name in the table (红河哈尼族彝族自治州: 10) and the shortest
_MAX, _MIN = 12, 2
#: misread characters allowed in the whole run of places
_MAX_FIXES = 2
#: a name starting with Latin letters, digits or marks before its Chinese characters
_LEADING_JUNK = re.compile(r"[0-9A-Za-z*#@%&?!.·'`~^]{1,3}(?=[\u4e00-\u9fff])")


@lru_cache(maxsize=1)
def _table():
    """``(names → divisions, (name, division) a body's name may start with)`` or
    ``None`` without data: every division under each of its names, former ones included;
    counties too (``和平区人民政府``; a county at the start is corrected only where the
    text prints it so, since two cities may each have one of that name)."""
    try:
        index = divisions.name_index()
        starts = [(n, d) for d in divisions.divisions().values() for n in ({d.name, *d.former_names})]
    except Exception:  # noqa: BLE001 - no division data: nothing is corrected
        return None
    return index, starts


def _exact_places(index: dict, name: str, pos: int, parent) -> list[tuple[int, object]]:
    """``(end, division)`` for each known place name ``name[pos:end]`` inside ``parent``
    (or its parent: a county named under its province), longest first; any division
    when ``parent`` is None."""
    return [(end, d) for end in range(min(len(name), pos + _MAX), pos + _MIN - 1, -1)
            for d in index.get(name[pos:end], ())
            if parent is None or d.parent == parent.code or (parent.parent and d.parent == parent.parent)]


def _near(text: str, names: list) -> list[tuple[str, object]]:
    """``(name, division)`` of the candidates of three characters or more whose name
    differs from ``text`` in one character, or that ``text`` holds with one glyph more
    inside it (``红人花岗区`` for 红花岗区: OCR split a glyph; never at its end, where the
    next word starts). Two-character names are too easily one character from any word."""
    out = []
    for name, d in names:
        if len(name) < 3:
            continue
        if len(name) == len(text) and sum(a != b for a, b in zip(name, text)) == 1:
            out.append((name, d))
        elif len(text) == len(name) + 1 and text[-1] == name[-1] \
                and any(text[:k] + text[k + 1:] == name for k in range(1, len(text) - 1)):
            out.append((name, d))
    return out


def correct_places(name: str, text: str = "") -> str:
    """``name`` with the misread place names of its leading run of places put right.

    :param name: a body's name as OCR read it (``牡州市韦桥区人民政府``).
    :param text: the document's text: where several places fit, the one the text
        itself prints (``现公布宿州市埇桥区…``) is taken, if it is one only.
    :returns: the corrected name (``宿州市埇桥区人民政府``), or ``name`` itself when its
        places are all known, when a correction is not unique, or without division data.
    """
    table = _table()
    if table is None or not name:
        return name
    index, starts = table
    read = name
    junk = _LEADING_JUNK.match(name)
    if junk:
        # a first glyph read as Latin letters, digits or marks (六 as 7*): one unknown glyph
        name = "\0" + name[junk.end():]

    def candidates(pos: int, parent) -> list[tuple[int, str, object, int]]:
        """``(end, name, division, fixes)`` for each place starting at ``pos`` under ``parent``."""
        found = [(end, name[pos:end], d, 0) for end, d in _exact_places(index, name, pos, parent)]
        # misread places too, even where a known name starts here (红河 is a name; the
        # misread 红河哈尼族芋族自治州 reads further as 红河哈尼族彝族自治州)
        if parent is None:
            names = starts
        else:
            names = [(n, d) for d in divisions.children(parent.code, current_only=False)
                     for n in ({d.name, *d.former_names})]
        for end in range(min(len(name), pos + _MAX), pos + _MIN - 1, -1):
            found += [(end, n, d, 1) for n, d in _near(name[pos:end], names)]
        return found

    parses: list[tuple[int, int, str]] = []  # (places' length, fixes, corrected name)
    weak: list[tuple[int, int, str]] = []  # the same, resting on a short place alone

    def walk(pos: int, parent, fixes: int, prefix: str, depth: int, unsure: bool = False) -> None:
        options = candidates(pos, parent) if depth < 4 and pos < len(name) else []
        options = [o for o in options if fixes + o[3] <= _MAX_FIXES]
        if not options:
            # a short place misread at the start with nothing inside it after it is no
            # evidence (苏州工业园区 is not 苏州市业园区)
            if depth:
                (weak if unsure else parses).append((pos, fixes, prefix + name[pos:]))
            return
        for end, written, d, fix in options:
            walk(end, d, fixes + fix, prefix + written, depth + 1,
                 unsure=bool(fix) and parent is None and (len(written) < 4 or d.level == "county"))

    walk(0, None, 0, "", 0)
    flat = re.sub(r"\s+", "", text)  # a name wrapped at a line break
    if not parses or max(length for length, _, _ in parses) < max((length for length, _, _ in weak), default=0):
        # a short place alone is taken only where the document prints it as corrected
        printed = {fixed for length, fixes, fixed in weak if fixes and flat and fixed[:length] in flat}
        if len(printed) == 1 and not any(f == 0 for _, f, _ in parses):
            fixed = printed.pop()
            return fixed if "\0" not in fixed else read
    if not parses:
        return read
    # the reading that takes the longest run of places, with the fewest characters changed
    longest = max(length for length, _, _ in parses)
    best = min(fixes for length, fixes, _ in parses if length == longest)
    if best == 0:
        return read
    results = {fixed for length, fixes, fixed in parses if length == longest and fixes == best}
    if len(results) > 1 and flat:
        printed = {fixed for fixed in results if fixed[:longest] in flat}
        results = printed if len(printed) == 1 else results
    return results.pop() if len(results) == 1 and "\0" not in next(iter(results)) else read


#: a date closing a signature block (``2024年1月13日``)
_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
#: how much surer OCR must have been of the signature's line than of the title's to
#: take the body's name from the signature
SIGNATURE_MARGIN = 0.02


def signed_name(agency: str, lines: list, confidence: dict[int, float]) -> str | None:
    """The body's name as the signature block prints it, where OCR read it there more
    surely than in the title and the two differ in a glyph or two (``…龙录镇…`` in the
    title, ``…龙泉镇…`` signed): townships and streets are in no table to check them
    against, but the document names its body twice.

    :param agency: the body's name from the title (after :func:`correct_places`).
    :param lines: the layout's lines (text lines are ``str``).
    :param confidence: OCR confidence per line index (``Layout.confidence``).
    :returns: the signed name, or None: no signature line of the same length one or two
        glyphs away followed by a date, its line read less surely (by
        :data:`SIGNATURE_MARGIN`) than the title's, a place in it the division table
        would put right (a misread of its own), or a difference inside the title's
        places that the table knows.
    """
    title_at = next((i for i, line in enumerate(lines[:12]) if isinstance(line, str)
                     and agency[:4] in "".join(line.split())), None)
    if title_at is None or title_at not in confidence:
        return None
    for i in range(len(lines) - 1, max(-1, len(lines) - 14), -1):
        line = lines[i]
        if not isinstance(line, str) or i not in confidence:
            continue
        signed = "".join(line.split())
        if len(signed) != len(agency) or signed == agency or sum(a != b for a, b in zip(signed, agency)) > 2:
            continue
        if not any(isinstance(after, str) and _DATE.search("".join(after.split())) for after in lines[i + 1:i + 3]):
            continue
        known = _known_run(agency)
        if confidence[i] > confidence[title_at] + SIGNATURE_MARGIN and correct_places(signed) == signed \
                and _known_run(signed) >= known and all(a == b for a, b in zip(signed[:known], agency[:known])):
            return signed
        return None
    return None


def transposed_name(agency: str, text: str) -> str | None:
    """The body's name as the document prints it elsewhere, where the title's reading
    holds the same glyphs in another order (``北京通州市区…`` read in the title,
    ``北京市通州区…`` printed in the opening sentence, the contact line and the
    signature): OCR set a glyph of the title in the wrong place.

    :param agency: the body's name read from the title (OCR).
    :param text: the document's text, lines joined (a name broken over two lines counts).
    :returns: the name printed at least twice elsewhere in the text with exactly the
        title's glyphs in another order, its places all known to the division table;
        ``None`` when the title's own reading is printed elsewhere too, or no such name
        is, or more than one is.
    """
    if len(agency) < 4:
        return None
    flat = "".join(text.split())
    if flat.count(agency) > 1:  # (the title's own reading is printed elsewhere too)
        return None
    glyphs = sorted(agency)
    found = {}
    for start in range(len(flat) - len(agency) + 1):
        piece = flat[start:start + len(agency)]
        if piece != agency and piece[-2:] == agency[-2:] and sorted(piece) == glyphs:
            found[piece] = found.get(piece, 0) + 1
    printed = [name for name, count in found.items() if count >= 2]
    if len(printed) != 1 or correct_places(printed[0]) != printed[0] or _known_run(printed[0]) == 0:
        return None
    return printed[0]


def _known_run(name: str) -> int:
    """How many leading characters of ``name`` are known places, each inside the one
    before it (exact names of the division table); 0 without division data."""
    table = _table()
    if table is None:
        return 0
    index, _ = table
    pos, parent = 0, None
    while True:
        found = _exact_places(index, name, pos, parent)
        if not found:
            return pos
        pos, parent = found[0]
