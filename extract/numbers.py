"""Text normalisation and number parsing for table cells.

Everything the mappers read goes through :func:`normalize` first: footnote marks that
PDF text layers leave behind (superscript digits, daggers) are dropped, then Unicode
NFKC folds full-width digits and punctuation and Kangxi radicals (``⼀`` → ``一``) to
their plain forms, and Word export debris (``[bookmark: …]``, ``[image: ]``, Markdown
emphasis) is removed.

A *cell* is numeric when it is one number, optionally with a unit (``251000元``).
A *blank* cell (empty, ``—``, ``/``, ``无``) inside a printed table counts as 0.
Flattened text loses the cell borders (``规章000``, ``801000081``):
:func:`split_digit_runs` lists every way a run of digits can be cut into a given
number of cells, and the caller decides among them.
"""
from __future__ import annotations

import functools
import re
import unicodedata

#: Marks that PDF text layers attach to labels (footnote superscripts, daggers).
_FOOTNOTE_MARKS = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉†‡§¶]")
_DEBRIS = re.compile(r"\[(?:bookmark|image)[^\]\n]*\]|\*\*|\u200b|\ufeff|\u3000(?=\u3000)")
#: a pinyin gloss after a character, as mirror sites that convert portals to traditional
#: characters print them (``數(shù)量``, ``鎮(zhèn)``): a syllable with its tone mark in
#: brackets straight after an ideograph; no report prints one
_PINYIN_GLOSS = re.compile("(?<=[\u3400-\u9fff\uf900-\ufaff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")

NUMBER = r"[-+]?\d+(?:,\d{3})*(?:\.\d+)?"
UNIT = r"(?:万元|元|件|条|个|项|次|份)"
_NUMBER_CELL = re.compile(rf"\s*({NUMBER})\s*{UNIT}?\s*")
_NUMBER_SEQUENCE = re.compile(rf"\s*{NUMBER}(?:\s+{NUMBER})+\s*")
#: ``000`` or ``0123`` is not one printed number but flattened cells.
_LEADING_ZERO = re.compile(r"-?0\d")
BLANK_MARKS = frozenset({"", "—", "——", "-", "--", "–", "―", "─", "－", "/", "／", "\\", "无", "空"})

#: how a table cell printed its figure (``printed_as`` in records and in the archive):
#: ``number`` a numeral, ``blank`` nothing, ``dash`` a dash, ``slash`` a slash,
#: ``无`` the word 无, ``words`` a change written in words (``增4``, ``减少2``, ``持平``);
#: ``unread`` marks a cell OCR could not read while a row is read (never in a record)
PRINTED_AS = ("number", "blank", "dash", "slash", "无", "words", "unread")


class Printed(int):
    """An integer figure that a table printed as something other than a numeral.

    Behaves as the ``int`` it stands for (a blank cell is 0, ``减4`` is -4) and carries
    ``printed_as`` (one of :data:`PRINTED_AS`). Arithmetic on it gives plain ints.
    """

    printed_as: str

    def __new__(cls, value: int, printed_as: str) -> "Printed":
        obj = super().__new__(cls, value)
        obj.printed_as = printed_as
        return obj

    def __reduce__(self):
        return Printed, (int(self), self.printed_as)


class Unread(float):
    """A cell whose marks could not be read (OCR): it holds its column in a row but has no
    value; the mapper leaves its key out with a warning (``printed_as`` ``unread``)."""

    printed_as = "unread"


#: the value of an unread cell while a row is read (NaN: no arithmetic can use it)
UNREAD = Unread("nan")


def printed_as(value) -> str:
    """How a figure was printed: ``value.printed_as`` for :class:`Printed`, else ``"number"``."""
    return getattr(value, "printed_as", "number")


def blank_value(cell: str) -> Printed:
    """The 0 a blank cell stands for, knowing how it was printed (the template: blank,
    ``—``, ``/`` and ``无`` inside a printed table are 0).

    :param cell: a cell for which :func:`is_blank` is true.
    """
    mark = cell.strip()
    if mark in ("", "空"):
        return Printed(0, "blank")
    if mark in ("/", "／", "\\"):
        return Printed(0, "slash")
    if mark == "无":
        return Printed(0, "无")
    return Printed(0, "dash")


#: 本年增/减 written in words (2019 table 2): 增4, 增加2, 减4, 减少4, 下降1, 持平, 无变化
CHANGE_WORD = r"(?:增加|增长|新增|增|减少|下降|减)\s*\d+\s*(?:项|个|件)?|持平|无变化|不变|没有变化"
_CHANGE_WORDS = re.compile(r"\s*(?P<sign>增加|增长|新增|增|减少|下降|减)\s*(?P<n>\d+)\s*(?:项|个|件)?\s*")
_NO_CHANGE = re.compile(r"\s*(?:持平|无变化|不变|没有变化)\s*")
#: a change in words anywhere in a text: its digits carry a sign that digit runs lose
SIGNED_WORDS = re.compile(r"(?:减少|下降|减)\s*\d")


def change_in_words(cell: str) -> Printed | None:
    """``增4`` → 4, ``减少4`` → -4, ``持平`` → 0 (as :class:`Printed` ``words``), else ``None``."""
    match = _CHANGE_WORDS.fullmatch(cell)
    if match:
        n = int(match.group("n"))
        return Printed(-n if match.group("sign").startswith(("减", "下降")) else n, "words")
    if _NO_CHANGE.fullmatch(cell):
        return Printed(0, "words")
    return None


def normalize(text: str) -> str:
    """Fold a document's text to the plain forms the mappers match against.

    :param text: raw text of a line or a whole document.
    """
    text = _FOOTNOTE_MARKS.sub("", text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    text = _DEBRIS.sub("", text)
    if "(" in text:
        text = _PINYIN_GLOSS.sub("", text)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")


_RADICALS = re.compile(r"[\u2e80-\u2fdf\uf900-\ufaff]")


def clean(text: str) -> str:
    """Light normalisation for text shown to readers (section texts): Kangxi radicals
    and compatibility ideographs folded, footnote marks and Word debris removed, but
    full-width punctuation and digits kept as printed.

    :param text: raw text.
    """
    text = _FOOTNOTE_MARKS.sub("", text)
    text = _RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    text = _DEBRIS.sub("", text)
    if "(" in text or "（" in text:
        text = _PINYIN_GLOSS.sub("", text)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")


def parse_number(cell: str) -> int | float | None:
    """The number a cell holds, or ``None`` when it is not exactly one number.

    ``"12"`` → 12, ``"-26524"`` → -26524, ``"249.87"`` → 249.87, ``"251000元"`` → 251000.

    :param cell: the cell's text (already normalised).
    """
    match = _NUMBER_CELL.fullmatch(cell)
    if not match or _LEADING_ZERO.match(match.group(1)):
        return None
    return to_number(match.group(1))


def to_number(token: str) -> int | float:
    """Convert a numeric token to ``int``, or ``float`` when it has a decimal point."""
    token = token.replace(",", "")
    return float(token) if "." in token else int(token)


_MARK_TOKEN = r"(?:—{1,2}|/|／|－|–)"
_MARKED_SEQUENCE = re.compile(rf"\s*(?:{NUMBER}|{_MARK_TOKEN})(?:\s+(?:{NUMBER}|{_MARK_TOKEN}))+\s*")


def numbers_in_cell(cell: str) -> list[int | float] | None:
    """Numbers of a cell that holds only numbers (``"0 0 0"`` → ``[0, 0, 0]``; ``"3 — 1"`` →
    ``[3, 0, 1]`` with the dash a :class:`Printed` blank; ``增4`` → ``[4]``), else ``None``."""
    found = _numbers_in_cell(cell)
    return list(found) if found is not None else None


@functools.lru_cache(maxsize=1 << 16)
def _numbers_in_cell(cell: str) -> tuple | None:
    single = parse_number(cell)
    if single is not None:
        return [single]
    if cell and not cell[0].isdigit() and "\n" not in cell:
        words = change_in_words(cell)
        if words is not None:
            return [words]
    if _NUMBER_SEQUENCE.fullmatch(cell):
        tokens = cell.split()
        if any(_LEADING_ZERO.match(t) for t in tokens):
            return None
        return [to_number(t) for t in tokens]
    if _MARKED_SEQUENCE.fullmatch(cell):
        # ``3 — — 1`` or ``— — —``: a row's cells flattened with single spaces, dashes for blanks
        tokens = cell.split()
        if any(_LEADING_ZERO.match(t) for t in tokens):
            return None
        return [blank_value(t) if t in BLANK_MARKS else to_number(t) for t in tokens]
    return None


def is_blank(cell: str) -> bool:
    """True for a cell that prints nothing or a dash/slash/无 (counted as 0 in a table)."""
    return cell.strip() in BLANK_MARKS


def valid_number_text(part: str) -> bool:
    """Whether a run of digits reads as one number as printed (``"12"``, ``"0"``,
    ``"3.5"``), not as digits of several cells run together (``"00"``, ``"023"``)."""
    return _valid_part(part)


def _valid_part(part: str) -> bool:
    body = part[1:] if part.startswith("-") else part
    if not body or body.startswith(".") or body.endswith("."):
        return False
    integer = body.split(".", 1)[0]
    return integer == "0" or not integer.startswith("0")


#: the longest number a table cell prints (yuan amounts with decimals included)
_MAX_CELL_DIGITS = 16


def split_digit_runs(tokens: list[str], cells: int, limit: int = 20000) -> list[tuple]:
    """Every way to cut whitespace-separated digit runs into ``cells`` numbers.

    A run never merges with its neighbour; each run is cut into one or more parts; a
    part has no leading zero (``"0"`` itself excepted) and keeps a decimal point inside
    it. ``split_digit_runs(["230", "000023"], 7)`` gives
    ``[(23, 0, 0, 0, 0, 0, 23), (2, 30, 0, 0, 0, 0, 23), (230, 0, 0, 0, 0, 2, 3), …]``.

    :param tokens: digit runs in printed order.
    :param cells: the number of cells the row prints.
    :param limit: stop after this many candidates (flattened text is short; this only
        guards against pathological input).
    """
    results: list[tuple] = []

    @functools.lru_cache(maxsize=None)
    def cuts(run: str, parts: int) -> tuple:
        if parts == 1:
            return ((run,),) if _valid_part(run) else ()
        found = []
        for i in range(1, len(run) - parts + 2):
            head = run[:i]
            if _valid_part(head):
                found.extend((head,) + rest for rest in cuts(run[i:], parts - 1))
                if len(found) > limit:
                    break
        return tuple(found)

    def walk(index: int, remaining: int, acc: tuple):
        if len(results) >= limit:
            return
        if index == len(tokens):
            if remaining == 0:
                results.append(tuple(to_number(p) for p in acc))
            return
        left = len(tokens) - index - 1
        run = tokens[index]
        max_parts = min(remaining - left, len(run.replace(".", "").replace("-", "")))
        for parts in range(1, max_parts + 1):
            for split in cuts(run, parts):
                walk(index + 1, remaining - parts, acc + split)

    digits = "".join(tokens)
    if len(digits) > _MAX_CELL_DIGITS * cells:
        return []  # no cut can give numbers of a printed size
    if digits.isdigit() and len(digits) == cells:
        return [tuple(int(d) for d in digits)]  # one cell per digit: the only cut
    if tokens and len(tokens) <= cells:
        walk(0, cells, ())
    return results


#: one number in flattened text: thousands grouped by commas (``172,977``), or digits
_RUN_TOKEN = r"(?:[1-9]\d{0,2}(?:[,，]\d{3})+(?:\.\d+)?(?![\d,，])|\d[\d.]*)"
_DIGIT_RUNS = re.compile(rf"-?{_RUN_TOKEN}(?:[ \t]+{_RUN_TOKEN})*")


def digit_runs(text: str) -> list[str]:
    """Digit runs of flattened text, split at spaces (``"23 0 00 0 023"`` → 5 runs); a
    number grouped by thousands separators is one run (``"38 172,977元"`` → 38, 172977)."""
    runs: list[str] = []
    for match in _DIGIT_RUNS.finditer(text):
        runs.extend(t.strip(".").replace(",", "").replace("，", "") for t in match.group(0).split() if t.strip("."))
    return runs
