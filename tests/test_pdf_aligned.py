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


def test_two_full_width_figures_in_two_columns_stay_two_words():
    from extract.pdf_aligned import _words

    line = [0, 6.3, _wide_chars("１２", 100, 0.5) + _wide_chars("３", 130, 0.5)]
    assert [w[0] for w in _words(line)] == ["１２", "３"]
