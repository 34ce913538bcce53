"""Tables drawn without column rules, read from where their figures stand."""
import pytest

from extract.pdf import read_pdf
from extract.pdf_aligned import aligned_lines
from tests.test_pdf import _ruled_pdf

# three figure columns centred on x = 100, 130, 160 (Helvetica 8 pt: a digit is 4.4 pt wide)
COLUMNS = (100, 130, 160)


def _row(y, label, figures):
    texts = [(20, y, label)] if label else []
    for x, figure in zip(COLUMNS, figures):
        if figure:
            texts.append((x - 2.2 * len(figure), y, figure))
    return texts


def _page(rows, rules=(), header=None, top=180, pitch=14):
    texts = []
    if header:
        texts += [(x - 2.2 * len(h), top + pitch, h) for x, h in zip(COLUMNS, header)]
    for n, (label, figures) in enumerate(rows):
        texts += _row(top - n * pitch, label, figures)
    return read_pdf(_ruled_pdf([(list(rules), texts)]))


def test_a_rule_less_table_keeps_its_blank_cells_in_their_columns():
    """Blank cells print nothing; the figures' positions say which columns they stand in."""
    layout = _page([("alpha", ["12", "1", "15"]), ("beta", ["3", "", "3"]), ("gamma", ["", "7", "7"])])
    assert ["alpha | 12 | 1 | 15", "beta | 3 |  | 3", "gamma |  | 7 | 7"] == [ln for ln in layout.lines if "|" in ln]


def test_row_rules_only_are_read_the_same():
    rules = [(15, y, 175, y) for y in (188, 174, 160, 146)]
    layout = _page([("alpha", ["12", "1", "15"]), ("beta", ["3", "", "3"])], rules=rules)
    assert "beta | 3 |  | 3" in layout.lines


def test_a_column_no_row_prints_comes_from_the_header():
    """No row prints a figure in the middle column: the header's word over it gives it."""
    layout = _page([("alpha", ["12", "", "15"]), ("beta", ["3", "", "3"])], header=["aaa", "bbb", "ccc"])
    assert ["alpha | 12 |  | 15", "beta | 3 |  | 3"] == [ln for ln in layout.lines if "|" in ln]


def test_without_the_header_a_column_no_row_prints_is_not_invented():
    layout = _page([("alpha", ["12", "", "15"]), ("beta", ["3", "", "3"])])
    assert ["alpha | 12 | 15", "beta | 3 | 3"] == [ln for ln in layout.lines if "|" in ln]


def test_a_row_printing_no_figure_is_never_merged_into_the_next_rows_label():
    """A blank row is a label alone one row pitch above the next row: it stays a line
    of its own, so the next row's figures never go under its label."""
    layout = _page([("blank", ["", "", ""]), ("beta", ["3", "1", "4"]), ("gamma", ["1", "", "1"])])
    assert "blank" in layout.lines and "beta | 3 | 1 | 4" in layout.lines


def test_a_label_wrapped_around_its_figures_is_one_cell():
    """Lines of a wrapped label a line's pitch above and below the figures join them."""
    chars = []

    def word(text, x, top, height=8.0):
        for n, ch in enumerate(text):
            chars.append((ch, x + n * 4.4, x + n * 4.4 + 4.0, top, top + height))

    word("first", 20, 126)
    word("12", 96, 126), word("15", 156, 126)
    word("wrapped", 20, 140)
    word("label", 20, 150), word("3", 98, 150), word("1", 128, 150), word("4", 158, 150)
    word("ends", 20, 160)
    assert aligned_lines(chars) == ["first | 12 |  | 15", "wrappedlabelends | 3 | 1 | 4"] \
        or aligned_lines(chars) == ["first | 12 |  | 15", "wrapped label ends | 3 | 1 | 4"]


@pytest.mark.parametrize("figures", [["12", "1"], ["1"]])
def test_a_page_without_a_table_is_left_to_its_text_layer(figures):
    chars = [(ch, 20 + n * 5, 24 + n * 5, 100, 108) for n, ch in enumerate("prose")]
    chars += [(f[0], 100 + 30 * k, 104 + 30 * k, 100, 108) for k, f in enumerate(figures)]
    assert aligned_lines(chars) is None


def test_figures_between_columns_leave_the_run_as_text():
    """Two figures of one row in one column: no reading of the columns holds, so none is
    made up."""
    chars = []
    for top, xs in ((100, (100, 130, 160)), (120, (100, 109, 160))):
        chars += [(str(k), x, x + 4, top, top + 8) for k, x in enumerate(xs, 1)]
    assert aligned_lines(chars) is None


def _wide_chars(text, x, top, pitch=8.06, ink=4.0, height=6.3):
    """Characters of ``text`` set one em apart (full-width digits: narrow ink in a wide box)."""
    return [(ch, x + i * pitch, x + i * pitch + ink, top, top + height) for i, ch in enumerate(text)]


@pytest.mark.parametrize("number", ["６８３２", "１８４２４.６５", "１，２０４", "６３"])
def test_a_full_width_number_is_one_word_although_its_glyphs_stand_apart(number):
    from extract.pdf_aligned import _words

    line = [0, 6.3, [("许", 20, 27, 0, 7), ("可", 28, 35, 0, 7)] + _wide_chars(number, 100, 0.5)]
    words = _words(line)
    assert [w[0] for w in words] == ["许可", number]


def test_a_full_width_decimal_point_inked_at_its_ems_left_edge_keeps_the_number_whole():
    from extract.pdf_aligned import _join, _words

    # ``２０８．９６`` as a word processor sets it: each digit's ink centred in its em, the
    # point's ink a dot at the left edge of its em (the digit after it two ems on)
    pitch, x = 8.06, 100
    number = [(ch, x + i * pitch + 2, x + i * pitch + 6, 0.5, 6.8) for i, ch in enumerate("２０８")]
    number.append(("．", x + 3 * pitch - 0.5, x + 3 * pitch + 0.5, 5.8, 6.8))
    number += [(ch, x + i * pitch + 2, x + i * pitch + 6, 0.5, 6.8) for i, ch in ((4, "９"), (5, "６"))]
    line = [0, 7, [("收", 20, 27, 0, 7), ("费", 28, 35, 0, 7)] + number]
    words = _words(line)
    assert [w[0] for w in words] == ["收费", "２０８．９６"]
    assert _join(words) == "收费 ２０８．９６"


def test_two_full_width_figures_in_two_columns_stay_two_words():
    from extract.pdf_aligned import _words

    line = [0, 6.3, _wide_chars("１２", 100, 0.5) + _wide_chars("３", 130, 0.5)]
    assert [w[0] for w in _words(line)] == ["１２", "３"]


def _cjk(chars, text, x, top, height=8.4, pitch=9.0):
    for n, ch in enumerate(text):
        chars.append((ch, x + n * pitch, x + n * pitch + 8.0, top, top + height))


def _figures(chars, top, cells, xs=(300, 340, 380, 420), digit=7.0, mark=8.6):
    """A row's printed cells at ``xs``: digits boxed ``digit`` tall from ``top``, blank
    marks (``/``) ``mark`` tall from a little above (their glyphs reach lower)."""
    for x, cell in zip(xs, cells):
        for n, ch in enumerate(cell):
            height, lift = (mark, 0.1) if ch == "/" else (digit, 0.0)
            chars.append((ch, x + n * 9, x + n * 9 + 4.5, top - lift, top - lift + height))


@pytest.mark.parametrize("above", [4.2, 4.8, 5.3])
def test_a_group_labels_last_character_half_a_line_above_a_row_does_not_take_its_figures(above):
    """``（五）不予处理`` wrapped in its merged cell: ``理`` stands about half a line above
    the next row, and its band holds the centres of that row's digits. The figures
    belong to the row whose label shares their line."""
    chars = []
    _cjk(chars, "甲行", 150, 100), _figures(chars, 100.3, ["４", "/", "/", "４"])
    _cjk(chars, "理", 60, 116 - above)
    _cjk(chars, "乙行标签", 150, 116), _figures(chars, 116.3, ["２", "/", "１", "３"])
    _cjk(chars, "丙行", 150, 132), _figures(chars, 132.3, ["５", "/", "/", "５"])
    rows = [ln for ln in aligned_lines(chars) if "|" in ln]
    assert rows[0] == "甲行 | ４ | / | / | ４"
    assert rows[1].endswith("乙行标签 | ２ | / | １ | ３")
    assert rows[2] == "丙行 | ５ | / | / | ５"


def test_a_rows_digits_and_blank_marks_stay_on_one_line_between_two_label_lines():
    """A label wrapped around its figures, the figures midway between its lines: digits
    and marks (boxes of different heights) go to the same line, never one to each."""
    chars = []
    _cjk(chars, "上一行", 150, 84), _figures(chars, 84.3, ["１", "/", "/", "１"])
    _cjk(chars, "要求确认或重新出", 150, 100)
    _figures(chars, 105.6, ["５", "/", "/", "５"])
    _cjk(chars, "具已获取信息", 150, 111.3)
    assert [ln for ln in aligned_lines(chars) if "|" in ln][1] == "要求确认或重新出具已获取信息 | ５ | / | / | ５"


@pytest.mark.parametrize("apart", [4.6, 5.0])
def test_label_lines_of_two_cells_set_half_a_line_apart_stay_two_lines(apart):
    """``（六）其他处`` (the group's cell) and ``2．申请人…`` (the row's cell) stand about
    half a line apart: one line made of both would stand too far from the row's figures to join
    them, and the row would lose its label's first line."""
    chars = []
    _cjk(chars, "上一行", 150, 80), _figures(chars, 80.3, ["７", "/", "/", "７"])
    _cjk(chars, "其他处", 60, 100 - apart)
    _cjk(chars, "申请人逾期未按", 150, 100)
    _cjk(chars, "求缴纳费用", 150, 111.3), _figures(chars, 111.6, ["１", "/", "/", "１"])
    _cjk(chars, "下一行", 150, 128), _figures(chars, 128.3, ["１１", "/", "１", "１２"])
    rows = [ln for ln in aligned_lines(chars) if "|" in ln]
    assert rows[1] == "申请人逾期未按求缴纳费用 | １ | / | / | １"


def _words_at(chars, top, words, height=8.0):
    """Words ``(text, x)`` of CJK characters 8 pt wide set on one line at ``top``."""
    for text, x in words:
        for n, ch in enumerate(text):
            chars.append((ch, x + n * 8, x + n * 8 + 7.6, top, top + height))


def test_a_caption_over_a_gap_between_columns_names_no_column():
    """``第二十条第（一）项`` centred over the table, its pieces over the gap between two
    columns: the table keeps the header line's three columns, not five."""
    chars = []
    _words_at(chars, 80, [("第二十条第", 190), ("（一）", 232), ("项", 254)])
    _words_at(chars, 94, [("信息内容", 20), ("制发件数", 120), ("废止件数", 270), ("有效件数", 360)])
    _figures(chars, 110.3, ["８", "", "１０"], xs=(132, 282, 372))
    _cjk(chars, "规章", 20, 110)
    _figures(chars, 126.3, ["３", "１", "５"], xs=(132, 282, 372))
    _cjk(chars, "规范性文件", 20, 126)
    rows = [ln for ln in aligned_lines(chars) if "|" in ln]
    assert rows == ["规章 | ８ |  | １０", "规范性文件 | ３ | １ | ５"]


def _spread(chars, top, words, height=7.7):
    """Words ``(text, x0, x1)`` whose characters share the extent evenly (a text layer's
    narrow brackets and digits)."""
    for text, x0, x1 in words:
        pitch = (x1 - x0) / len(text)
        for n, ch in enumerate(text):
            chars.append((ch, x0 + n * pitch, x0 + (n + 1) * pitch - 0.3, top, top + height))


@pytest.mark.parametrize("caption,row", [
    ((("第二十条第", 261.4, 300.8), ("（九）", 306.3, 319.9), ("项", 325.5, 333.2)), ("政府集中采购", ["1", "516400元"])),
    ((("第二十条第", 261.4, 300.8), ("（九）", 306.3, 319.9), ("项", 325.5, 333.2)), ("政府集中采购", ["3", "12.5"])),
    ((("第二十条第", 240.0, 279.4), ("（八）", 284.9, 298.5), ("项", 304.1, 311.8)), ("行政事业性收费", ["0.8", "7"])),
])
def test_a_caption_over_a_one_row_table_is_not_its_header(caption, row):
    """A one-row table under its caption (``第二十条第（九）项`` above ``信息内容 采购项目数量
    采购总金额``): the caption has more words over the figures than the header line, and
    was taken for the header, its pieces over the gap giving two columns no cell stands
    in (``政府集中采购 | 1 |  |  | 516400元``)."""
    chars = []
    _spread(chars, 617.5, caption)
    _spread(chars, 635.5, [("信息内容", 122.4, 153.8), ("采购项目数量", 249.3, 296.7), ("采购总金额", 412.4, 452.1)])
    _spread(chars, 652.8, [(row[0], 58.9, 58.9 + 7.9 * len(row[0]))])
    _spread(chars, 653.0, [(row[1][0], 271.8, 271.8 + 2.8 * len(row[1][0])),
                           (row[1][1], 417.3, 417.3 + 4.2 * len(row[1][1]))], height=7.0)
    rows = [ln for ln in aligned_lines(chars) if "|" in ln]
    assert rows == [" | ".join([row[0]] + row[1])]


def test_a_header_set_a_line_higher_for_one_group_gives_all_its_columns():
    """Table 4: 行政复议's five headers stand a line above 行政诉讼's, and each group's
    总计 is centred on its own line between. One row prints figures under some columns
    only: every column still comes from the header."""
    chars = []
    review = [("维持", 20), ("纠正", 60), ("其他", 100), ("未结", 140)]
    suits = [("维持", 220), ("纠正", 260), ("其他", 300), ("未结", 340)]
    _words_at(chars, 60, review)
    _words_at(chars, 65, [("总计", 180)])
    _words_at(chars, 70, suits)
    _words_at(chars, 75, [("总计", 380)])
    xs = [x + 4 for _, x in review] + [184] + [x + 4 for _, x in suits] + [384]
    _figures(chars, 95.3, ["２", "", "", "", "２", "", "１", "", "", "１"], xs=xs)
    rows = [ln for ln in aligned_lines(chars) if "|" in ln]
    assert rows[0] == "２ |  |  |  | ２ |  | １ |  |  | １"


def test_a_page_footer_below_the_last_row_is_no_row_of_the_table():
    """``- 1 -`` at the foot of the page prints three "figures"; taken as a row it put
    two of them under the first column and the whole table was left as text."""
    chars = []
    _words_at(chars, 80, [("自然人", 120), ("商业", 170), ("总计", 220)])
    _figures(chars, 100.3, ["４１０", "—", "４１０"], xs=(128, 174, 224))
    _cjk(chars, "新收", 20, 100)
    _figures(chars, 116.3, ["１８", "—", "１８"], xs=(128, 174, 224))
    _cjk(chars, "结转", 20, 116)
    chars += [("-", 120, 122, 400, 401), ("1", 125, 129, 397, 404), ("-", 132, 134, 400, 401)]
    rows = [ln for ln in aligned_lines(chars) if "|" in ln]
    assert rows == ["新收 | ４１０ | — | ４１０", "结转 | １８ | — | １８"]


def test_an_opening_bracket_beside_a_rows_figures_does_not_take_them_to_the_line_above():
    """``（五）不予处`` (the group's label, half a line higher) and the row's total: the
    brackets' tall boxes reach the total's centre. The total stays with its row."""
    chars = []
    # boxes as pdfium gives them for STSong (points from the top of the page)
    chars += [("（", 20, 28, 287.75, 296.28), ("）", 36, 44, 287.75, 296.28)]
    _cjk(chars, "五不予处", 28, 288.0, height=8.2)
    _cjk(chars, "信访举报投诉类申请", 150, 293.47, height=8.34)
    chars += [("２", 521, 525, 293.77, 300.75), ("２", 530, 534, 293.77, 300.75)]
    chars += [("2", 305, 309, 293.96, 300.75), ("2", 309, 313, 293.96, 300.75)]
    chars += [("—", x, x + 8, 298.1, 298.6) for x in (341, 379, 416, 453, 490)]
    _cjk(chars, "重复申请", 150, 309.5)
    chars += [("1", 309, 313, 310.0, 316.8)] + [("—", x, x + 8, 314.1, 314.6) for x in (341, 379, 416, 453, 490)]
    chars += [("1", 530, 534, 310.0, 316.8)]
    rows = [ln for ln in aligned_lines(chars) if "|" in ln]
    assert rows[0].endswith("信访举报投诉类申请 | 22 | — | — | — | — | — | ２２")


@pytest.mark.parametrize("edge", ["right", "left"])
def test_figures_set_flush_to_one_side_of_their_cells_go_under_their_headers(edge):
    """Headers centred in 106 pt cells, figures flush right (or left): each figure stands
    one distance from its header's centre (here 30 pt), the same in every column, and
    outside its header word. A row printing two of three figures keeps them in the first
    and the last column."""
    chars = []
    _words_at(chars, 80, [("信息内容", 20), ("制发件数", 258), ("废止件数", 364), ("有效件数", 470)])
    _cjk(chars, "规范性文件", 20, 100)
    for centre, figure in ((274, "５８"), (486, "４５６")):
        width = 9 * len(figure)
        x0 = centre + 30 - width if edge == "right" else centre - 30
        chars += [(ch, x0 + 9 * n, x0 + 9 * n + 4.5, 100.3, 107.3) for n, ch in enumerate(figure)]
    rows = [ln for ln in aligned_lines(chars) if "|" in ln]
    assert rows == ["规范性文件 | ５８ |  | ４５６"]


def _continued_pages(heading_on_page_2: str | None):
    heads = [("自然人", 300), ("商业", 340), ("科研", 380), ("社会", 420), ("法律", 460), ("其他", 500), ("总计", 540)]
    xs = [x + 4 for _, x in heads]
    first: list = []
    _words_at(first, 80, heads)
    _cjk(first, "新收", 20, 100), _figures(first, 100.3, ["４０", "", "", "", "４", "", "４４"], xs=xs)
    _cjk(first, "予以公开", 20, 116), _figures(first, 116.3, ["１２", "", "", "", "", "", "１２"], xs=xs)
    second: list = []
    if heading_on_page_2:
        _cjk(second, heading_on_page_2, 20, 40)
    _cjk(second, "行政执法案卷", 20, 60), _figures(second, 60.3, ["１", "", "", "", "", "", "１"], xs=xs)
    _cjk(second, "不掌握", 20, 76), _figures(second, 76.3, ["７", "", "", "", "２", "", "９"], xs=xs)
    return first, second


def test_a_table_continued_on_the_next_page_without_its_header_keeps_its_columns():
    """Table 3 runs on to a second page that does not print its header again. There the
    rows print figures in three columns only; the first page's header words give all
    seven."""
    first, second = _continued_pages(None)
    carry: dict = {}
    assert [ln for ln in aligned_lines(first, carry) if "|" in ln][0] == "新收 | ４０ |  |  |  | ４ |  | ４４"
    rows = [ln for ln in aligned_lines(second, carry) if "|" in ln]
    assert rows == ["行政执法案卷 | １ |  |  |  |  |  | １", "不掌握 | ７ |  |  |  | ２ |  | ９"]


def _flush_right(chars, top, cells, centres, shift=16):
    """A row's figures set flush right, their right edge ``shift`` right of the centre
    of their column's header word."""
    for centre, cell in zip(centres, cells):
        x0 = centre + shift - 5 * len(cell)
        chars += [(ch, x0 + 5 * n, x0 + 5 * n + 4.5, top, top + 7.0) for n, ch in enumerate(cell)]


def test_a_continued_table_with_figures_flush_right_keeps_the_columns_of_the_page_before():
    """Headers centred in their cells, figures set flush right: on the page the table runs
    on to, rows printing only 自然人 and 总计 stand outside both header words, a cell's
    width from them. The page before placed its figures one distance right of the header
    centres; the same distance places these (read as two cells, they were a short row
    and the blank columns between were lost)."""
    heads = [("自然人", 284), ("商业", 326), ("科研", 364), ("社会", 402), ("法律", 440), ("其他", 478), ("总计", 516)]
    centres = [x + 4 * len(text) - 0.2 for text, x in heads]
    first: list = []
    _words_at(first, 80, heads)
    _cjk(first, "新收", 20, 100), _flush_right(first, 100.3, ["40", "", "", "", "4", "", "44"], centres)
    _cjk(first, "予以公开", 20, 116), _flush_right(first, 116.3, ["12", "", "", "", "", "", "12"], centres)
    second: list = []
    _cjk(second, "另行制作", 20, 60), _flush_right(second, 60.3, ["2", "", "", "", "", "", "2"], centres)
    _cjk(second, "信访举报", 20, 76), _flush_right(second, 76.3, ["14", "", "", "", "", "", "14"], centres)
    carry: dict = {}
    assert [ln for ln in aligned_lines(first, carry) if "|" in ln][0] == "新收 | 40 |  |  |  | 4 |  | 44"
    rows = [ln for ln in aligned_lines(second, carry) if "|" in ln]
    assert rows == ["另行制作 | 2 |  |  |  |  |  | 2", "信访举报 | 14 |  |  |  |  |  | 14"]


def test_a_header_is_not_carried_past_a_line_that_opens_another_table():
    first, second = _continued_pages("四、政府信息公开行政复议、行政诉讼情况")
    carry: dict = {}
    aligned_lines(first, carry)
    rows = [ln for ln in aligned_lines(second, carry) if "|" in ln]
    assert rows == ["行政执法案卷 | １ |  | １", "不掌握 | ７ | ２ | ９"]


def _thin_marks(chars, top, cells, xs=(300, 340, 380, 420)):
    """Cells printed as ``—``, whose glyph boxes are a hairline high (as pdfium gives them)."""
    for x, cell in zip(xs, cells):
        chars.append((cell, x, x + 8.5, top, top + 0.4))


@pytest.mark.parametrize("item", ["1 .", "1."])
def test_a_row_whose_label_wraps_around_its_marks_is_kept_before_a_row_opening_with_its_item_number(item):
    """A row printing only blank marks (hairline boxes, a line of their own) between the
    two lines of its wrapped label, then a row whose item number stands apart
    (``1 .属于国家秘密``): the wrapped row keeps its label and its cells (it was dropped
    when the next row took its label's last line as its own)."""
    chars = []
    _cjk(chars, "上一行", 150, 84), _figures(chars, 84.3, ["２", "/", "/", "２"])
    _cjk(chars, "部分公开只计这一情形不", 150, 100)
    _thin_marks(chars, 108.9, ["—", "—", "—", "—"])
    _cjk(chars, "计其他情形", 150, 110.6)
    number, _, dot = item.partition(" ")
    chars.append((number[0], 150, 154.5, 126.5, 133.5))
    chars.append((".", 160 if dot else 155, 162, 131, 133.5))
    _cjk(chars, "属于国家秘密", 168, 126)
    _thin_marks(chars, 130.0, ["—", "—", "—", "—"])
    _cjk(chars, "其他法律禁止公开", 150, 142), _figures(chars, 142.3, ["１", "/", "/", "１"])
    lines = aligned_lines(chars)
    assert "部分公开只计这一情形不计其他情形 | — | — | — | —" in lines
    assert not any(ln == "计其他情形" for ln in lines)
    assert "其他法律禁止公开 | １ | / | / | １" in lines


def _figure_row(cells, x0=60, pitch=32, top=100.0):
    """Characters of a row of figures and dashes, one cell every ``pitch`` points: a
    digit's ink 4.4 pt wide (``1`` 2 pt) and 7 pt tall, a dash's a hairline 0.6 pt tall."""
    chars = []
    for n, cell in enumerate(cells):
        x = x0 + n * pitch
        for ch in cell:
            if ch == "—":
                chars.append((ch, x, x + 8.0, top + 3.2, top + 3.8))
                x += 8.5
            else:
                left = x + (1.5 if ch == "1" else 0.0)
                chars.append((ch, left, left + (2.0 if ch == "1" else 4.4), top, top + 7.0))
                x += 5.0
    return [top, top + 7.0, chars]


@pytest.mark.parametrize("cells", [
    ["19", "—", "—", "2", "31", "—", "—", "—", "—", "—", "23", "—", "—", "—", "23"],
    ["—", "—", "11", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "11"],
    ["1", "—", "—", "—", "1", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—"],
])
def test_a_number_among_dashes_keeps_its_digits_together(cells):
    """A row printing most cells as dashes: the dashes' hairline boxes do not set the
    gap that parts words, so ``19`` is one word, never ``1`` and ``9`` (which would put
    every later figure one column to the right)."""
    from extract.pdf_aligned import _words

    assert [w[0] for w in _words(_figure_row(cells))] == cells


def _table_2_page(figures_row):
    """Table 2's first sub-table without rules (三线表 or none): ``信息内容`` centred over a
    wide label column, three data columns, then the next sub-table's caption and header."""
    chars = []
    _cjk(chars, "信息内容", 122, 100), _cjk(chars, "本年制发件数", 249, 100)
    _cjk(chars, "本年废止件数", 355, 100), _cjk(chars, "现行有效件数", 462, 100)
    _cjk(chars, "规章", 58, 116)
    _cjk(chars, "行政规范性文件", 58, 132)
    for text, right in figures_row:
        chars += [(ch, right - 4.5 * (len(text) - n), right - 4.5 * (len(text) - n - 1), 132.5, 139.5)
                  for n, ch in enumerate(text)]
    _cjk(chars, "第二十条第（五）项", 261, 150)
    _cjk(chars, "信息内容", 122, 166), _cjk(chars, "本年处理决定数量", 347, 166)
    _cjk(chars, "行政许可", 58, 182)
    return aligned_lines(chars)


@pytest.mark.parametrize("figures_row, row", [
    ([("1", 430), ("7", 536)], "行政规范性文件 |  | 1 | 7"),         # flush right
    ([("12", 323), ("7", 536)], "行政规范性文件 | 12 |  | 7"),
    ([("3", 430)], "行政规范性文件 |  | 3 | "),                       # one figure, flush right
    ([("3", 536)], "行政规范性文件 |  |  | 3"),                       # right of the last word
    ([("3", 323)], "行政规范性文件 | 3 |  | "),
    ([("3", 384)], "行政规范性文件 |  | 3 | "),                       # centred, first column blank
    ([("3", 600)], None),                                          # beyond the header: not placed
])
def test_flush_right_figures_under_a_header_with_a_label_columns_word(figures_row, row):
    """Figures set flush right in cells whose header words are centred, the first header
    word (``信息内容``) over the label column: that word names no data column, and the
    next sub-table's caption ends the run (its words are no row labels). A row printing
    one figure is placed when the header's words agree on its column whichever edge
    the figures are set to (left, right or centred); every column of the header line
    counts, those left of the figure too."""
    lines = _table_2_page(figures_row)
    rows = [ln for ln in lines or [] if "|" in ln]
    assert rows == ([row] if row else [])


@pytest.mark.parametrize("mark", ["/", "//"])
def test_a_rule_less_table_printing_only_marks_is_read_by_position(mark):
    """A page whose rule-less table prints blank marks and no figure (every cell 0, some
    printed as nothing) is still read by where the marks stand: which cells are empty
    is what ``printed_as`` records."""
    layout = _page([("alpha", [mark, "", mark]), ("beta", [mark, mark, mark])], header=["aaa", "bbb", "ccc"])
    assert [ln for ln in layout.lines if "|" in ln] == [f"alpha | {mark} |  | {mark}", f"beta | {mark} | {mark} | {mark}"]


def _centred(chars, text, centre, top):
    _cjk(chars, text, centre - (9.0 * len(text) - 1) / 2, top)


def _right_aligned(chars, top, cells, centres, offset=18.0):
    """A row's figures set flush right in cells centred on ``centres``: each figure's
    right edge ``offset`` points right of its cell's centre."""
    for centre, cell in zip(centres, cells):
        for n, ch in enumerate(cell):
            x1 = centre + offset - 4.5 * (len(cell) - 1 - n)
            chars.append((ch, x1 - 4.0, x1, top, top + 7.0))


T3_CENTRES = (265, 306, 348, 391, 433, 475, 517)


def _t3_three_line_header() -> list:
    """Table 3's header over ``T3_CENTRES`` on three lines: 自然人 … 总计, then 商业企业
    科研机构 其他, then 组织 机构 (the wrapped ends of 社会公益组织, 法律服务机构)."""
    chars: list = []
    _centred(chars, "法人或其他组织", 412, 160)
    for text, centre in (("自然人", 265), ("社会公益", 391), ("法律服务", 433), ("总计", 517)):
        _centred(chars, text, centre, 171)
    for text, centre in (("商业企业", 306), ("科研机构", 348), ("其他", 475)):
        _centred(chars, text, centre, 182)
    for text, centre in (("组织", 391), ("机构", 433)):
        _centred(chars, text, centre, 193)
    return chars


def test_right_aligned_figures_under_a_header_of_several_lines_keep_columns_no_row_prints():
    """Table 3 as a three-line table: 自然人 … 总计 on one line, 商业企业 科研机构 其他 a line
    lower, 组织 机构 (the wrapped ends of 社会公益组织, 法律服务机构) lowest; figures set
    flush right, no row printing a figure under 自然人 or 其他. The header's leaf words,
    those left of every figure included, give the seven columns."""
    chars = _t3_three_line_header()
    _cjk(chars, "一、本年新收", 40, 210), _right_aligned(chars, 210.5, ["", "9", "3", "10", "36", "", "58"], T3_CENTRES)
    _cjk(chars, "二、上年结转", 40, 226), _right_aligned(chars, 226.5, ["", "", "1", "1", "", "", "2"], T3_CENTRES)
    rows = [ln for ln in aligned_lines(chars) if "|" in ln]
    assert rows == ["一、本年新收 |  | 9 | 3 | 10 | 36 |  | 58", "二、上年结转 |  |  | 1 | 1 |  |  | 2"]


@pytest.mark.parametrize("first,second", [
    (["", "", "", "", "3", "2", "5"], ["", "", "", "", "", "1", "1"]),
    (["", "", "", "", "", "1", "1"], ["", "", "", "", "3", "1", "4"]),
    (["", "", "", "", "", "", "4"], ["", "", "", "2", "", "", "2"]),
])
def test_header_words_left_of_every_figure_of_a_sparse_table_are_header_not_label(first, second):
    """Every figure of the table stands right of the header's lowest line (``组织  机构``,
    the wrapped ends of 社会公益组织 and 法律服务机构): that line was read as the first
    row's label wrapped above its figures, the header lost its leaf words and the
    figures went to three columns of their own (a 3 under 法律服务机构 read as 自然人)."""
    chars = _t3_three_line_header()
    _cjk(chars, "（一）予以公开", 40, 210), _right_aligned(chars, 210.5, first, T3_CENTRES, offset=19.5)
    _cjk(chars, "（二）部分公开", 40, 226), _right_aligned(chars, 226.5, second, T3_CENTRES, offset=19.5)
    rows = [ln for ln in aligned_lines(chars) if "|" in ln]
    assert rows == ["（一）予以公开 | " + " | ".join(first), "（二）部分公开 | " + " | ".join(second)]


def test_a_total_alone_on_a_higher_header_line_names_the_column_in_its_gap():
    """Table 4: 行政复议's 总计 centred on two header lines stands a line above its
    group's 结果维持 … words, midway in a gap of the leaves twice their pitch; no figure
    under it. It names the fifth of fifteen columns."""
    chars = []
    pitch = 32.0
    centres = [60 + pitch * k for k in range(15)]
    _centred(chars, "总计", centres[4], 150)
    for k, centre in enumerate(centres):
        if k != 4:
            _centred(chars, "总计" if k in (9, 14) else ("持", "正", "果", "结")[k % 5], centre, 165)
    _right_aligned(chars, 182, ["", "", "", "", "", "", "", "", "", "1", "1", "", "", "", "1"], centres, offset=13.5)
    rows = [ln for ln in aligned_lines(chars) if "|" in ln]
    assert [cell.strip() for cell in rows[0].split("|")] == [""] * 9 + ["1", "1", "", "", "", "1"] \
        or [cell.strip() for cell in rows[0].split("|")][1:] == [""] * 9 + ["1", "1", "", "", "", "1"]


#: a PDF's characters (ch, x0, x1, top, bottom): 7.属于行政执法案卷 with its figures, 8.属于行政查询事项
#: printing none, then 1.本机关不掌握相关政府/信息 wrapped beside the vertical 三、本年/度办理结/果,
#: its figures 2 4 6 set a little lower than its first line
ITEM_NUMBER_CHARS = [
    ('三', 59.0, 66.4, 263.0, 269.3), ('、', 67.0, 69.0, 268.0, 270.0), ('本', 75.0, 82.4, 262.6, 270.0), ('年', 83.0, 90.4, 262.4, 270.0),
    ('度', 59.0, 66.4, 272.6, 280.0), ('办', 67.0, 74.9, 272.6, 280.0), ('理', 74.9, 82.5, 272.8, 279.7), ('结', 82.9, 90.5, 272.6, 280.0),
    ('果', 59.0, 66.4, 282.7, 290.0), ('7', 149.8, 153.3, 234.5, 240.4), ('.', 153.9, 154.9, 239.5, 240.5), ('属', 155.2, 162.4, 233.7, 241.0),
    ('于', 163.3, 170.7, 233.7, 241.0), ('行', 171.2, 178.8, 233.6, 241.0), ('政', 179.2, 186.8, 233.6, 241.0), ('执', 187.4, 194.7, 233.6, 241.1),
    ('法', 195.3, 203.2, 233.6, 241.3), ('案', 203.2, 210.7, 233.6, 241.0), ('卷', 211.3, 218.8, 233.5, 240.9), ('1', 406.1, 409.0, 233.4, 239.4),
    ('1', 448.2, 451.1, 233.4, 239.4), ('2', 532.4, 536.0, 233.3, 239.4), ('8', 149.9, 153.4, 252.3, 258.5), ('.', 153.9, 154.9, 257.5, 258.5),
    ('属', 155.2, 162.4, 251.7, 259.0), ('于', 163.3, 170.7, 251.7, 259.0), ('行', 171.2, 178.8, 251.6, 259.0), ('政', 179.2, 186.8, 251.6, 259.0),
    ('查', 187.3, 194.7, 251.6, 258.7), ('询', 195.4, 202.7, 251.6, 259.0), ('事', 203.3, 210.7, 251.6, 259.0), ('项', 211.3, 219.1, 251.7, 259.2),
    ('1', 150.0, 152.8, 269.4, 275.4), ('.', 153.9, 154.9, 274.5, 275.5), ('本', 155.3, 162.8, 268.6, 276.0), ('机', 163.3, 170.8, 268.6, 276.0),
    ('关', 172.2, 178.1, 268.6, 276.0), ('不', 179.3, 186.9, 268.7, 276.0), ('掌', 187.4, 194.7, 268.5, 276.0), ('握', 195.2, 202.9, 268.6, 276.0),
    ('相', 203.2, 210.6, 268.6, 276.0), ('关', 212.2, 218.1, 268.6, 276.0), ('政', 219.2, 226.8, 268.6, 276.0), ('府', 227.3, 234.7, 268.6, 276.0),
    ('信', 149.7, 157.1, 278.6, 286.0), ('息', 157.7, 165.5, 278.5, 285.8), ('2', 321.8, 325.4, 273.3, 279.4), ('4', 447.9, 451.9, 273.4, 279.5),
    ('6', 532.3, 536.0, 273.3, 279.5),
]


def test_an_item_numbers_dot_on_the_baseline_stays_with_its_digit():
    """The dot of ``1.`` sits low on the baseline, its centre in the band of the row's
    figures set a little lower: it stays after its ``1`` (the ``1`` and the label one
    word), so the ``1`` is never read as a figure of the row above."""
    rows = aligned_lines([c for c in ITEM_NUMBER_CHARS if c[3] > 230])
    assert rows[0] == "7.属于行政执法案卷 |  | 1 | 1 | 2" and rows[1] == "8.属于行政查询事项"
    assert "1.本机关不掌握相关政府" in rows[2] and rows[2].endswith("| 2 |  | 4 | 6")


@pytest.mark.parametrize("gap", [11.0, 13.0, 15.0])
def test_a_blank_rows_label_close_above_the_next_row_stays_a_row_of_its_own(gap):
    """``3.要求提供公开出版物`` (a row printing no figure) set less than a line and a half
    above ``4.无正当理由大量反复申请`` and its figures, with a group's label between them:
    it was taken for row 4's label wrapped, and the mapping gave row 4's figures to row 3.
    A line opening a numbered item of its own is another row's label."""
    chars = []
    _cjk(chars, "2.重复申请", 150, 100)
    _figures(chars, 100.3, ["1", "3", "1", "5"])
    _cjk(chars, "度办", 58, 116 + gap / 2)
    _cjk(chars, "3.要求提供公开出版物", 150, 100 + 16)
    _cjk(chars, "4.无正当理由大量反复申请", 150, 116 + gap)
    _figures(chars, 116.3 + gap, ["5", "", "", "5"])
    rows = [ln for ln in aligned_lines(chars) if "|" in ln]
    assert rows[-1].endswith("4.无正当理由大量反复申请 | 5 |  |  | 5") and "3.要求" not in rows[-1]
    assert rows[0] == "2.重复申请 | 1 | 3 | 1 | 5"


@pytest.mark.parametrize("caption", [True, False])
@pytest.mark.parametrize("figure,x0", [("6", 320.3), ("12", 316.4), ("0", 320.3)])
def test_the_label_columns_header_word_names_no_column_of_figures(caption, figure, x0):
    """``信息内容`` heads the labels' column; taken as a column of figures it shifted the
    one figure of ``行政事业性收费`` (上一年项目数量 6) into the next column: 本年增/减 6,
    a wrong number."""
    chars = []
    if caption:
        _spread(chars, 539.5, [("第二十条第", 261.4, 300.8), ("（八）", 306.3, 319.9), ("项", 325.5, 333.2)])
    _spread(chars, 557.4, [("信息内容", 122.4, 153.8), ("上一年项目数量", 245.4, 300.7), ("本年增/减", 415.0, 449.1)])
    _spread(chars, 575.5, [("行政事业性收费", 58.9, 114.9)])
    _spread(chars, 575.7, [(figure, x0, x0 + 3.7 * len(figure))], height=7.0)
    rows = [ln for ln in aligned_lines(chars) or [] if "|" in ln]
    assert rows == [f"行政事业性收费 | {figure} | "]


def _centred_figures(chars, top, cells, centres):
    """A row's figures centred under ``centres``."""
    for centre, cell in zip(centres, cells):
        x0 = centre - 4.5 * len(cell) / 2
        chars += [(ch, x0 + 4.5 * n, x0 + 4.5 * n + 4.0, top, top + 7.0) for n, ch in enumerate(cell)]


@pytest.mark.parametrize("place", [_centred_figures, lambda chars, top, cells, centres: _right_aligned(
    chars, top, cells, centres)])
def test_a_first_column_no_row_prints_in_comes_from_the_header_left_of_every_figure(place):
    """Table 3 as a three-line table whose rows print nothing under 自然人 (every other
    column printing somewhere): the header words over the figures give six columns,
    and 自然人, left of every figure, the seventh. Read with six, every row was short a
    cell and only its total was kept."""
    chars = _t3_three_line_header()
    rows = {"一、本年新收": ["", "46", "2", "", "38", "15", "101"], "二、上年结转": ["", "", "", "", "4", "", "4"],
            "（一）予以公开": ["", "17", "1", "", "12", "7", "37"]}
    for n, (label, cells) in enumerate(rows.items()):
        _cjk(chars, label, 40, 210 + 16 * n)
        place(chars, 210.5 + 16 * n, cells, T3_CENTRES)
    lines = [ln for ln in aligned_lines(chars) if "|" in ln]
    assert lines == [" | ".join([label] + cells) for label, cells in rows.items()]
