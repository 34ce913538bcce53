"""extract.docx: merged cells both ways, multi-paragraph cells, the blank template, zip bombs."""
from __future__ import annotations

import io
import zipfile

import pytest

from demo.render import expected_table_lines, make_spec, render_docx
from extract.docx import DocxError, read_docx
from extract.limits import LimitExceeded
from tests.test_html import assert_rows_in_order


@pytest.mark.parametrize("seed", range(10))
def test_rendered_docx_gives_every_table_row_once(seed):
    spec = make_spec(seed, year=2019 + seed % 6)
    layout = read_docx(render_docx(spec))
    assert_rows_in_order(layout, expected_table_lines(spec))
    # python-docx would repeat 法人或其他组织 five times and 三、本年度办理结果 on 20+ rows
    assert "自然人 | 法人或其他组织 | 总计" in layout.lines
    assert sum(line.count("三、本年度办理结果") for line in layout.lines) == 1
    assert spec.title in (layout.lines[0], layout.lines[0] + layout.lines[1])  # broken after the agency
    assert layout.title_hint == spec.title


def test_cell_with_several_paragraphs_is_one_cell():
    spec = make_spec(3, year=2022)
    layout = read_docx(render_docx(spec))
    header = next(line for line in layout.lines if line.startswith("（本列数据"))
    assert header == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况"


def test_blank_template_has_tables_and_no_numbers(input_kind_examples):
    layout = read_docx((input_kind_examples / "template_2021format_blank_zwgk_nianbao.docx").read_bytes())
    rows = [line.split(" | ") for line in layout.lines if " | " in line]
    assert len(rows) > 40
    assert any(r[0].startswith("一、本年新收") for r in rows)
    # every value cell is empty
    assert not any(c.strip().isdigit() for r in rows for c in r)


def test_docx_zip_bomb_is_refused_before_inflating():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b" " * (96 * 1024 * 1024) + b"</w:document>")
    data = buf.getvalue()
    assert len(data) < 2 * 1024 * 1024
    with pytest.raises(LimitExceeded, match="zip bomb"):
        read_docx(data)


def test_not_a_docx():
    with pytest.raises(DocxError):
        read_docx(b"PK\x03\x04 truncated")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document><unclosed>")
    with pytest.raises(DocxError, match="not well-formed"):
        read_docx(buf.getvalue())


def test_text_box_fallback_copy_is_not_read_twice():
    from demo.render import render_docx as render

    data = render(make_spec(4, year=2023))
    archive = zipfile.ZipFile(io.BytesIO(data))
    xml = archive.read("word/document.xml").decode()
    box = ('<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
           '<mc:Choice Requires="wps"><w:t>附件：统计表</w:t></mc:Choice>'
           '<mc:Fallback><w:t>附件：统计表</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>')
    xml = xml.replace("<w:body>", "<w:body>" + box, 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in archive.infolist():
            z.writestr(info, xml if info.filename == "word/document.xml" else archive.read(info.filename))
    layout = read_docx(out.getvalue())
    assert layout.lines[0] == "附件：统计表"
