"""Tables drawn without column rules, read from where their figures stand.

A PDF table printed as a 三线表 (rules above and below the header and at the bottom)
or with row rules only has no lines between its columns, and a blank cell prints
nothing: the text layer gives ``4.保护第三方合法权益 12 1 1 1 15`` for seven cells, and
which columns the numbers stand in is lost. Their positions on the page are not: the
figures of one column share a centre. This module groups a page's characters into
lines and words by their boxes, finds runs of table rows (lines ending in figures),
clusters the figures' centres into columns, and writes each row as
``label | 12 | 1 |  | 1 | 1 |  | 15`` — an empty cell where a column prints nothing.

It only ever adds cell boundaries that the positions show: a run whose figures do not
fall one per column (two in one column, a figure between columns) is left as text.
"""
from __future__ import annotations

import re
import statistics

#: a figure word: a number (signs, separators, a unit) or a printed blank (— / 无); an
#: item number (``2.`` before a label set apart by a space) ends in its dot and is none
_FIGURE = re.compile(r"[-+]?[\d０-９](?:[\d０-９,，.．]*[\d０-９])?(?:件|条|个|项|次|元|万元)?|[—–\-/／无]+")
#: figures of one column whose centres lie further apart than this (points) are two columns
_COLUMN_GAP = 12.0
#: a header word names the column of figures whose centres lie this near its own (points)
_HEADER_REACH = 15.0
#: a run needs this many columns to be read as a table
_MIN_COLUMNS = 2
#: table 3's value columns (自然人 … 总计): a run given fewer by its header may have lost
#: one no row prints in
_T3_VALUE_COLUMNS = 7


def _overlap(line: list, c: tuple) -> bool:
    """Whether a letter's box shares at least half its height with a line's band: two
    label lines of neighbouring cells set half a line apart (``（六）其他处`` and
    ``2．申请人逾期…`` beside it) share less, and stay two lines."""
    shared = min(line[1], c[4]) - max(line[0], c[3])
    return shared >= 0.5 * min(c[4] - c[3], line[1] - line[0])


_ITEM_NUMBER = re.compile(r"[1-9]\d?\s*[.．、]\s*[\u4e00-\u9fff]")


def _item_numbers(words: list[tuple[str, float, float]]) -> bool:
    """Whether a line's words open a numbered item (``3.要求提供公开出版物``)."""
    return any(_ITEM_NUMBER.match(w[0]) for w in words)


def _words_under(word: tuple[str, float, float], words: list[tuple[str, float, float]]) -> int:
    """How many of ``words`` share some of ``word``'s horizontal extent."""
    return sum(word[1] < x1 and x0 < word[2] for _, x0, x1 in words)


def _lines(chars: list[tuple[str, float, float, float, float]]) -> list[list]:
    """Characters ``(ch, x0, x1, top, bottom)`` (points from the top-left) grouped into
    lines ``[top, bottom, chars]``: a character joins the line whose band holds its
    vertical centre. Only letters and ideographs widen a band: punctuation and digits
    sit higher or lower in some fonts, and a band they widened would take in the next
    line of a tightly set label.

    Letters make the lines. Digits are grouped among themselves, and each mark joins
    the run of digits whose band holds its centre (a row's figures and blank marks,
    whose boxes differ in height, stay together; an opening bracket beside them does
    not decide where they go), else a line of letters. Each run of digits then goes
    whole to the line whose centre is nearest among those whose band holds the run's
    centre, or is a line of its own. Bands overlap where a wrapped label's last
    character (``理`` of ``（五）不予处理``) stands half a line above the next row, and a
    label wrapped around its figures has a line above and below them: a mark placed by
    itself could land on the other line than its row's digits."""
    def grouped(part: list, widen: bool) -> list[list]:
        out: list[list] = []
        for c in sorted(part, key=lambda c: (c[3] + c[4]) / 2):
            middle = (c[3] + c[4]) / 2
            if out and out[-1][0] - 1 <= middle <= out[-1][1] + 1 and (not widen or _overlap(out[-1], c)):
                line = out[-1]
                if widen:
                    line[0], line[1] = min(line[0], c[3]), max(line[1], c[4])
                line[2].append(c)
            else:
                out.append([c[3], c[4], [c]])
        return out

    def nearest(bands: list[list], middle: float) -> list | None:
        holding = [band for band in bands if band[0] - 1 <= middle <= band[1] + 1]
        return min(holding, key=lambda band: abs((band[0] + band[1]) / 2 - middle)) if holding else None

    lines = grouped([c for c in chars if c[0].isalpha()], True)
    digits = grouped([c for c in chars if c[0].isdigit()], True)
    # a mark set right after a digit, touching it (the dot of an item number ``1.``, set
    # low on the baseline), goes with that digit's run: else it may join the figures of a
    # row beside the label, its centre in their band, and leave ``1`` without its dot
    ends = {}
    for group in digits:
        for d in group[2]:
            ends.setdefault(round(d[2]), []).append((d, group))
    loose = []
    for c in chars:
        if not (c[0].isalpha() or c[0].isdigit()):
            middle = (c[3] + c[4]) / 2
            touching = [group for at in range(round(c[1]) - 2, round(c[1]) + 1) for d, group in ends.get(at, ())
                        if 0 <= c[1] - d[2] <= 0.3 * (d[4] - d[3]) and d[3] - 1 <= middle <= d[4] + 1
                        and c[4] - c[3] < 0.5 * (d[4] - d[3])]
            # a mark joins a run of digits first (a row's blank marks stay with its
            # figures), else a line of letters (brackets, the 、 after an item number)
            band = touching[0] if len(touching) == 1 else nearest(digits, middle) or nearest(lines, middle)
            (band[2] if band else loose).append(c)
    own = grouped(loose, False)
    for group in digits:
        line = nearest(lines, statistics.median((c[3] + c[4]) / 2 for c in group[2] if c[0].isdigit()))
        if line:
            line[2].extend(group[2])
        else:
            own.append(group)
    lines += own
    lines.sort(key=lambda line: (line[0] + line[1]) / 2)
    return lines


#: characters a full-width number is written with: their glyphs are narrow in a
#: one-em advance, so their ink stands far apart within one number (``６８３２``)
_WIDE_FIGURE = frozenset("０１２３４５６７８９，．.,")
#: the full-width digits among them
_WIDE_DIGIT = frozenset("０１２３４５６７８９")


def _words(line: list) -> list[tuple[str, float, float]]:
    """A line's words ``(text, x0, x1)``: characters further apart than 0.6 of their
    height start a new word, except full-width figures set at most 1.5 heights apart
    centre to centre (one number's digits, each in a one-em box), and the digit after a
    full-width decimal point set at most 3 heights from the digit before the point.

    The height is that of the line's letters and digits: a row of figures printing
    most of its cells as dashes (``19 — — 2 31 — …``, a dash's box a hairline tall)
    would otherwise set the gap so small that the ink of ``1`` and ``9`` in one
    number stands further apart than it, and split 19 into 1 and 9."""
    chars = sorted(line[2], key=lambda c: c[1])
    height = statistics.median(c[4] - c[3] for c in ([c for c in chars if c[0].isalnum()] or chars))
    words, current = [], [chars[0]]
    for k, (a, b) in enumerate(zip(chars, chars[1:])):
        wide_pair = a[0] in _WIDE_FIGURE and b[0] in _WIDE_FIGURE and not (a[0].isascii() and b[0].isascii()) \
            and (b[1] + b[2]) / 2 - (a[1] + a[2]) / 2 <= 1.5 * height
        if not wide_pair and a[0] in "．." and k and chars[k - 1][0] in _WIDE_DIGIT and b[0] in _WIDE_DIGIT:
            # a full-width decimal point inks the left edge of its em (``２０８．９６``): the
            # digit after it stands two ems from the digit before it, centre to centre
            before = chars[k - 1]
            wide_pair = (b[1] + b[2]) / 2 - (before[1] + before[2]) / 2 <= 3 * height
        if b[1] - a[2] > 0.6 * height and not wide_pair:
            words.append(current)
            current = [b]
        else:
            current.append(b)
    words.append(current)
    return [("".join(c[0] for c in w), w[0][1], w[-1][2]) for w in words]


def _join(words: list[tuple[str, float, float]]) -> str:
    """A line's words as text: a space between words where a figure or a Latin word
    meets another word, none between Chinese words (as the text layer prints them)."""
    out = ""
    for text, _, _ in words:
        if out and (_FIGURE.fullmatch(text) or out[-1].isascii() or text[0].isascii()
                    or _FIGURE.fullmatch(out.rsplit(" ", 1)[-1])):
            out += " "
        out += text
    return out


#: a line that opens another table or section: a table continued from the page before
#: ends before it
_NEW_TABLE = re.compile(r"第二十条|行政复议|收到和处理|主动公开|存在的主要问题")
#: the template's headers of the labels' column, never a column of figures
_LABEL_COLUMN = re.compile(r"信息内容|申请人情况")
#: a table-2 caption line, alone: it stands above its table's header, and its pieces
#: (``（九）``, ``项``) name no column
_CAPTION = re.compile(r"\s*第二十条\s*第\s*[(（]\s*[一二三四五六七八九十]+\s*[)）]\s*项\s*")


def _under_header_line(lines: list[list], figures: list[list], i: int) -> bool:
    """Whether row line ``i``'s one figure has a line of two or more words above it,
    within two lines and with no figure between, that stands over the figures' side of
    the page (``信息内容  上一年项目数量  本年增/减`` over ``行政事业性收费  6``)."""
    figure = lines[i][-1]
    for k in range(i - 1, max(-1, i - 3), -1):
        if figures[k]:
            return False
        over = [w for w in lines[k] if w[2] > lines[i][0][2]]  # right of the row's label
        if len(over) < 2:
            continue
        # (a figure set flush right in the last column stands right of its word, up to
        # half the words' spacing)
        spacing = (over[-1][1] + over[-1][2]) / 2 - (over[-2][1] + over[-2][2]) / 2
        if over[0][1] - _HEADER_REACH < (figure[1] + figure[2]) / 2 < over[-1][2] + max(_HEADER_REACH, spacing / 2):
            return True
    return False


def aligned_lines(chars: list[tuple[str, float, float, float, float]],
                  carry: dict | None = None) -> list[str] | None:
    """A page's lines with the rows of its rule-less tables split into cells, or ``None``
    when the page holds no such table (the caller keeps its text layer as it is).

    A row's label wrapped over several lines (the figures on one of them) is gathered
    into the row's first cell: each label line goes to the row whose figures stand
    nearest to it vertically.

    :param chars: the page's non-blank characters ``(ch, x0, x1, top, bottom)`` in points
        from the page's top-left corner.
    :param carry: kept from page to page by the caller: the header words that gave the
        columns of the last table on a page (``carry["header"]``). A table continued on
        the next page without its header takes its columns from them, when every figure
        of its rows stands under one of those words; not after a line that opens
        another table or section.
    """
    carry = {} if carry is None else carry
    carried = carry.pop("header", None)
    if not chars:
        return None
    bands = _lines(chars)
    lines = [_words(line) for line in bands]
    middle = [(b[0] + b[1]) / 2 for b in bands]
    figures = [[w for w in ws if _FIGURE.fullmatch(w[0])] for ws in lines]
    # a row line: its last words are figures, after a label or on their own
    trailing = []
    for ws in lines:
        k = 0
        while k < len(ws) and _FIGURE.fullmatch(ws[len(ws) - 1 - k][0]):
            k += 1
        trailing.append(k)
    out: list[str] = []
    consumed: set[int] = set()  # label lines already joined to a row of an earlier run
    last_header = None  # the header words that gave the columns of the page's last table
    found = False
    i = 0
    while i < len(lines):
        if trailing[i] < 2 and not (trailing[i] == 1 and i + 1 < len(lines) and trailing[i + 1] >= 1) \
                and not (trailing[i] == len(lines[i]) == 1 and i > 0 and not figures[i - 1]) \
                and not (trailing[i] == 1 and _under_header_line(lines, figures, i)):
            # (a line of one figure alone, or a row printing one figure, under a header
            # line is a row of a table: placed only when the header's words say where)
            out.append(_join(lines[i]))
            i += 1
            continue
        # a run of row lines, with label lines between them (wrapped labels)
        left = min(w[1] for w in lines[i][len(lines[i]) - trailing[i]:])
        height = statistics.median(b[1] - b[0] for b in bands[i:i + 20])
        j = i + 1
        while j < len(lines):
            if middle[j] - middle[j - 1] > 4 * height:
                break  # a line far below (the page's footer, ``- 1 -``) is no row of the table
            if not figures[j] and _NEW_TABLE.search(_join(lines[j])):
                break  # the caption or heading of the next table (``第二十条第（五）项``)
            if trailing[j] >= 1 and trailing[j] == len(figures[j]):
                left = min(left, min(w[1] for w in lines[j][len(lines[j]) - trailing[j]:]))
            elif figures[j] or any(w[2] > left - 2 for w in lines[j]) or middle[j] - middle[j - 1] > 2.5 * height:
                # a header or text reaching into the figures' columns, or a line set
                # apart (the heading after the table), ends the run
                break
            j += 1
        rows = [r for r in range(i, j) if trailing[r] >= 1]
        # the header lines just above: their words over the figures name the columns,
        # the ones where no row prints a figure included
        header: list = []
        above: list = []  # each header line's words over the figures, nearest first
        # header words over the figures: those near or right of the first figure (a row
        # of figures without a label, table 4's, has the whole header over it)
        labelled = any(len(lines[r]) > trailing[r] for r in rows)
        reach = left - _HEADER_REACH if labelled else float("-inf")
        start = i
        heading = None
        header_lines = []
        # a label line above the first row's figures stands within the labels' column:
        # header words further right (``组织  机构`` under 社会公益 and 法律服务, left of
        # every figure of a sparse row) are none
        label_right = max((w[2] for r in rows for w in lines[r][:len(lines[r]) - trailing[r]]), default=None)
        for k in range(i - 1, max(-1, i - 5), -1):
            if figures[k] or k in consumed:
                break  # (a line the run above took as its row's wrapped label stays there)
            if _CAPTION.fullmatch(_join(lines[k])):
                break  # the table's caption (``第二十条第（九）项``) stands above its header
            over = [w for w in lines[k] if (w[1] + w[2]) / 2 >= reach]
            if not over and not header and all(w[2] <= left - 2 for w in lines[k]) and start == k + 1 \
                    and (label_right is None or lines[k][0][1] <= label_right) \
                    and middle[i] - middle[k] < 3 * (bands[i][1] - bands[i][0]):
                start = k  # the first row's label wrapped above its figures
                continue
            header_lines.append(k)
            if over:
                above.append((over, bands[k][1] - bands[k][0], lines[k]))
            elif heading is None and len(lines[k]) >= 2:
                heading = lines[k]  # a header line all of whose words stand left of the figures
            if len(over) > len(header):
                header = over
        figure_rows = [lines[r][len(lines[r]) - trailing[r]:] for r in rows]
        leaves = _leaf_header(above, [(w[1] + w[2]) / 2 for row in figure_rows for w in row])
        if len(leaves) > len(header):
            header = leaves
        cells, by_header = _columns(figure_rows, header)
        used = header if by_header else None
        named = []
        nearest = above[0][2] if above else heading if labelled else None
        if nearest:
            # the header line's words over the data columns, those over the row labels
            # left out
            labels = [w for r in range(start, j) for w in lines[r][:len(lines[r]) - trailing[r]]]
            named = [w for w in nearest if not _words_under(w, labels)]
            if labelled and len(named) > 1 and named[0][2] < left and named[0] is nearest[0]:
                # the line's first word stands over the labels' column, left of every
                # figure (``信息内容`` centred over a wide label column): no data column
                named = named[1:]
        gap = 1.5 * (bands[i][1] - bands[i][0])
        wider = labelled and len(named) > len(header) and by_header \
            and all(b[1] - a[2] >= gap for a, b in zip(named, named[1:]))
        if wider:
            # words of the header line left of every figure name columns too (a first
            # column no row prints in, ``上一年项目数量`` over a row printing ``本年增/减``
            # alone): the columns the figures' side gave are not all the table's
            placed = _under_header_words(figure_rows, named)
            cells, by_header, used = (placed, True, named) if placed is not None else (None, False, None)
        off_labels = []
        if labelled and (cells is None or not by_header or used is not None and len(used) < _T3_VALUE_COLUMNS):
            # a header of several lines whose words left of every figure name columns too
            # (自然人 over a column no row prints in): its leaf words over no row label
            labels = [w for r in range(start, j) for w in lines[r][:len(lines[r]) - trailing[r]]]
            free = [([w for w in lines[k] if not _words_under(w, labels) and not _LABEL_COLUMN.fullmatch(w[0])],
                     bands[k][1] - bands[k][0], lines[k]) for k in header_lines]
            free = [line for line in free if line[0]]
            if free and free[0][2] is lines[header_lines[0]]:
                off_labels = _leaf_header(free, [(w[1] + w[2]) / 2 for row in figure_rows for w in row])
                # taken only as columns of one pitch: a word centred over a wide label
                # column (``信息内容``) stands further off the first data column
                middles = [(w[1] + w[2]) / 2 for w in off_labels]
                pitches = [b - a for a, b in zip(middles, middles[1:])]
                if len(pitches) < 2 or any(abs(p - statistics.median(pitches)) > 0.25 * statistics.median(pitches)
                                           for p in pitches):
                    off_labels = []
        tried = [named, header if len(header) > len(named) else None]
        if len(off_labels) > max(len(header), len(named)):
            # more leaf words than the header over the figures gave, those among them: the
            # columns left of every figure are the table's too, so they are tried first
            tried.insert(0 if all(w in off_labels for w in header) else 2, off_labels)
            if by_header and used is not None and all(w in off_labels for w in used):
                # the header over the figures gave their columns, and a leaf word left of
                # every figure names one more (自然人 over a first column no row prints in)
                # (under them, or set flush to one side of them)
                placed = _under_header_words(figure_rows, off_labels) or _shifted_columns(figure_rows, off_labels)
                if placed is not None:
                    cells, used = placed, off_labels
        for words in tried:
            if words and (cells is None or not by_header):
                # figures set to one side of their cells (right-aligned), under the nearest
                # header line's words or under the leaf words of a header of several lines
                # (a column no row prints a figure in among them)
                shifted = _shifted_columns(figure_rows, words)
                if shifted is not None:
                    cells, by_header, used = shifted, True, words
        if carried and any(_NEW_TABLE.search(_join(lines[k])) for k in range(0, i)):
            carried = None
        if not by_header and carried:
            # under the carried words, or set flush to one side of them as on the page before
            placed = _under_header_words(figure_rows, carried)
            if placed is None:
                placed = _shifted_columns(figure_rows, carried)
            if placed is not None:
                cells, by_header, used = placed, True, carried
        if cells is None or (len(rows) < 2 and not by_header):
            out.extend(_join(lines[k]) for k in range(i, j))
            i = j
            continue
        found = True
        last_header = used
        if start < i:
            del out[len(out) - (i - start):]
        # a label line within a line's pitch of a row's figures is that label wrapped;
        # one further off is a row of its own that prints no figure (never merged: its
        # label before the next row's would take that row's figures)
        labels: dict[int, list[int]] = {r: [] for r in rows}
        for k in range(start, j):
            if k not in labels:
                nearest = min(rows, key=lambda r: abs(middle[r] - middle[k]))
                if abs(middle[nearest] - middle[k]) <= 1.45 * height \
                        and not (_item_numbers(lines[k]) and _item_numbers(lines[nearest])):
                    # (a line opening an item of its own, ``3.要求提供…`` near the row
                    # ``4.无正当理由…``, is another row's label, not this one's wrapped)
                    labels[nearest].append(k)
        merged = {k for parts in labels.values() for k in parts}
        consumed |= merged
        placed = dict(zip(rows, cells))
        for k in range(start, j):
            if k in placed:
                parts = sorted(labels[k] + [k])
                label = "".join(_join(lines[p] if p != k else lines[p][:len(lines[p]) - trailing[p]]) for p in parts)
                out.append(" | ".join(([label] if label else []) + placed[k]))
            elif k not in merged:
                out.append(_join(lines[k]))
        i = j
    if last_header:
        carry["header"] = last_header
    return out if found else None


def _leaf_header(above: list[tuple[list[tuple[str, float, float]], float, list]],
                 centres: list[float]) -> list[tuple[str, float, float]]:
    """The words naming a table's columns in a header of several lines: ``自然人`` and
    ``总计`` stand a line above the sub-columns of ``法人或其他组织``; a 行政复议 header
    sits a line above the 行政诉讼 ones.

    :param above: the header lines' words over the figures, the lines' heights and all
        their words, nearest line first.
    :param centres: the centres of the run's figures.

    Every word of the nearest line names a column (one no row prints in too). A word of
    a higher line over a word below adds none (it stacks on it, ``结果维`` over ``持``, or
    spans several, ``法人或其他组织``). One over no word below names a column when its
    line is a header line — two or more words each over one word below, words set a
    column gap apart, or a line below such a line — or when figures stand under it and
    no word of its line stands within a character of it. A line of prose (its words
    each over several) is none; a caption over the table (``第二十条第（一）项``: one
    phrase, its pieces closer than a character) names none where it stands over a gap
    between columns."""
    # the header reaches up to its last line that is one for certain; the lines below
    # that one are header lines too (``其他`` alone, set between two lines of 商业/企业)
    last = 0
    for n, (line, height, _) in enumerate(above[1:], 1):
        nearer = [w for words, _, _ in above[:n] for w in words]
        stacked = sum(_words_under(w, nearer) == 1 for w in line)
        if stacked >= 2 or (len(line) >= 2 and all(b[1] - a[2] >= 1.5 * height for a, b in zip(line, line[1:]))):
            last = n

    def alone(w, words, height):  # no word of its line within a character of it
        return all(x1 < w[1] - height or x0 > w[2] + height for _, x0, x1 in words if (x0, x1) != (w[1], w[2]))

    leaves: list[tuple[str, float, float]] = list(above[0][0]) if above else []
    for n, (line, height, words) in enumerate(above[1:], 1):
        leaves += [w for w in line if not _words_under(w, leaves)
                   and (n <= last or (alone(w, words, height)
                                      and any(abs(c - (w[1] + w[2]) / 2) <= _HEADER_REACH for c in centres)))]
    leaves.sort(key=lambda w: w[1])
    # a word alone on a higher line, set midway in a gap of the leaves twice their pitch,
    # names the column missing there (table 4's 行政复议 总计 centred on two header lines,
    # a line above its group's 结果维持 … when no row prints a figure under it)
    for n, (line, height, words) in enumerate(above[1:], 1):
        if n <= last or len(line) != 1 or len(leaves) < 4 or _words_under(line[0], leaves):
            continue
        centre = (line[0][1] + line[0][2]) / 2
        middles = [(w[1] + w[2]) / 2 for w in leaves]
        pitch = statistics.median(b - a for a, b in zip(middles, middles[1:]))
        for a, b in zip(middles, middles[1:]):
            if a < centre < b and abs((b - a) - 2 * pitch) <= 0.15 * pitch \
                    and abs(centre - (a + b) / 2) <= 0.15 * pitch and alone(line[0], words, height):
                leaves.append(line[0])
                leaves.sort(key=lambda w: w[1])
                break
    return leaves


#: figures of one column set flush to one side stand this near a common edge (points)
_EDGE_TOLERANCE = 4.0


def _shifted_columns(rows: list[list[tuple[str, float, float]]],
                     header: list[tuple[str, float, float]]) -> list[list[str]] | None:
    """Each row's figures in the columns of the header words, for figures set flush
    right (or left) in cells whose headers are centred: every figure's right (or left)
    edge stands one distance from its header word's centre, the same for every column.
    ``None`` unless exactly one such distance, under half the spacing of the header
    words, places every figure under a word of its own, one per word in each row.

    :param rows: each row's figure words ``(text, x0, x1)``.
    :param header: the words naming the data columns, left to right.
    """
    if len(header) < _MIN_COLUMNS:
        return None
    heads = sorted((x0 + x1) / 2 for _, x0, x1 in header)
    reach = min(b - a for a, b in zip(heads, heads[1:])) / 2
    found = []
    for edge in (2, 1):  # right edges, then left edges
        shifts = sorted({round(w[edge] - h, 1) for row in rows for w in row for h in heads
                         if abs(w[edge] - h) < reach})
        for shift in shifts:
            placed = _place(rows, len(heads), lambda w: [n for n, h in enumerate(heads)
                                                         if abs(w[edge] - shift - h) <= _EDGE_TOLERANCE])
            if placed is not None and placed not in found:
                found.append(placed)
    return found[0] if len(found) == 1 else None


def _place(rows: list[list[tuple[str, float, float]]], columns: int, under) -> list[list[str]] | None:
    """Each row's figures in ``columns`` cells (``""`` where a row prints none): the one
    column ``under(word)`` names for each figure word, or ``None`` when it names none or
    several, or two figures of a row the same."""
    placed = []
    for row in rows:
        cells = [""] * columns
        for word in row:
            column = under(word)
            if len(column) != 1 or cells[column[0]]:
                return None
            cells[column[0]] = word[0]
        placed.append(cells)
    return placed


def _under_header_words(rows: list[list[tuple[str, float, float]]],
                        header: list[tuple[str, float, float]]) -> list[list[str]] | None:
    """Each row's figures in the columns of the header words they stand under (a figure's
    centre within a word's extent), or ``None`` unless every figure stands under exactly
    one word and no two figures of a row under the same one. Narrow columns set close
    together (``其他`` and ``总计``) keep apart this way where the gaps between the
    figures' centres would run them into one."""
    return _place(rows, len(header), lambda w: [n for n, (_, h0, h1) in enumerate(header)
                                                 if h0 - 0.5 <= (w[1] + w[2]) / 2 <= h1 + 0.5])


def _columns(rows: list[list[tuple[str, float, float]]],
             header: list[tuple[str, float, float]] = ()) -> tuple[list[list[str]] | None, bool]:
    """Each row's figures placed in the run's columns (``""`` where a row prints none),
    or ``None`` when the figures do not fall one per column; and whether the header's
    words gave the columns (one word over each column of figures).

    :param header: the words of the header line over the figures; when they outnumber
        the figures' columns and each of those columns lies under a word of its own,
        the words' columns are the table's (a column no row prints a figure in)."""
    if len(header) >= _MIN_COLUMNS:
        placed = _under_header_words(rows, header)
        if placed is not None:
            return placed, True
    centres = sorted((w[1] + w[2]) / 2 for row in rows for w in row)
    bounds: list[list[float]] = []
    for c in centres:
        if bounds and c - bounds[-1][1] <= _COLUMN_GAP:
            bounds[-1][1] = c
        else:
            bounds.append([c, c])
    by_header = False
    if len(header) >= len(bounds):
        heads = [(x0 + x1) / 2 for _, x0, x1 in header]
        under = [[n for n, h in enumerate(heads) if lo - _HEADER_REACH <= h <= hi + _HEADER_REACH] for lo, hi in bounds]
        if all(len(u) == 1 for u in under) and len({u[0] for u in under}) == len(bounds):
            by_head = {u[0]: b for u, b in zip(under, bounds)}
            bounds = [by_head.get(n, [h, h]) for n, h in enumerate(heads)]
            by_header = True
    if len(bounds) < _MIN_COLUMNS or max(len(row) for row in rows) > len(bounds):
        return None, False
    placed = []
    for row in rows:
        cells = [""] * len(bounds)
        for text, x0, x1 in row:
            centre = (x0 + x1) / 2
            column = next((n for n, (lo, hi) in enumerate(bounds) if lo - 0.5 <= centre <= hi + 0.5), None)
            if column is None or cells[column]:
                return None, False
            cells[column] = text
        placed.append(cells)
    return placed, by_header
