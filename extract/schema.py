"""The canonical schema of the annual report: figure keys, labels, units and rules.

This module is the single place where figure keys are spelled out. The extractor
maps printed tables onto these keys, the checks apply :data:`RULES`, and the archive
builds its columns and the Datasette column descriptions from :func:`figure_specs`.

Keys are ``table.row.column`` (``t3.new.natural``); see ``docs/report-format.md``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

#: Template generations: ``2021`` (reports for 2021 on), ``2019`` (2019 and 2020)
#: and ``free`` (2008-2018, no fixed tables).
GENERATIONS = ("2021", "2019", "free")

SECTION_HEADINGS = {
    1: "总体情况",
    2: "主动公开政府信息情况",
    3: "收到和处理政府信息公开申请情况",
    4: "政府信息公开行政复议、行政诉讼情况",
    5: "存在的主要问题及改进情况",
    6: "其他需要报告的事项",
}

SECTION_HEADINGS_EN = {
    1: "Overview",
    2: "Information published proactively",
    3: "Requests received and handled",
    4: "Administrative reviews and lawsuits",
    5: "Main problems and improvements",
    6: "Other matters",
}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    label_en: str


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    label_en: str
    #: column keys this row prints, in printed order
    columns: tuple[str, ...]


@dataclass(frozen=True)
class FigureSpec:
    """One canonical figure: where it sits and what it means."""

    key: str
    table: str
    row: str
    column: str
    row_label: str
    column_label: str
    label_en: str
    unit: str
    #: ``int`` for counts, ``decimal`` for amounts
    value_type: str
    generations: tuple[str, ...]


# --- table 3 ------------------------------------------------------------------

T3_COLUMNS = (
    Column("natural", "自然人", "natural persons"),
    Column("commercial", "商业企业", "commercial enterprises"),
    Column("research", "科研机构", "research institutions"),
    Column("social", "社会公益组织", "public-interest organisations"),
    Column("legal", "法律服务机构", "legal service institutions"),
    Column("other", "其他", "other legal persons or organisations"),
    Column("total", "总计", "total"),
)
T3_COLUMN_KEYS = tuple(c.key for c in T3_COLUMNS)

_T3 = T3_COLUMN_KEYS
_T3_ROWS_ALL = (
    Row("new", "一、本年新收政府信息公开申请数量", "new requests received this year", _T3),
    Row("carried_over", "二、上年结转政府信息公开申请数量", "requests carried over from last year", _T3),
    Row("granted", "（一）予以公开", "granted in full", _T3),
    Row("partial", "（二）部分公开", "granted in part", _T3),
    Row("denied_state_secret", "（三）不予公开 1.属于国家秘密", "denied: state secret", _T3),
    Row("denied_law", "2.其他法律行政法规禁止公开", "denied: barred by other laws", _T3),
    Row("denied_three_safety", "3.危及“三安全一稳定”", "denied: endangers security or stability", _T3),
    Row("denied_third_party", "4.保护第三方合法权益", "denied: protects third-party rights", _T3),
    Row("denied_internal", "5.属于三类内部事务信息", "denied: internal affairs", _T3),
    Row("denied_process", "6.属于四类过程性信息", "denied: deliberative process", _T3),
    Row("denied_enforcement", "7.属于行政执法案卷", "denied: enforcement case file", _T3),
    Row("denied_query", "8.属于行政查询事项", "denied: administrative query", _T3),
    Row("unable_not_held", "（四）无法提供 1.本机关不掌握相关政府信息", "unable: information not held", _T3),
    Row("unable_create", "2.没有现成信息需要另行制作", "unable: would have to be created", _T3),
    Row("unable_unclear", "3.补正后申请内容仍不明确", "unable: still unclear after correction", _T3),
    Row("ignored_petition", "（五）不予处理 1.信访举报投诉类申请", "not processed: petition or complaint", _T3),
    Row("ignored_repeat", "2.重复申请", "not processed: repeated request", _T3),
    Row("ignored_publication", "3.要求提供公开出版物", "not processed: asks for publications", _T3),
    Row("ignored_massive", "4.无正当理由大量反复申请", "not processed: massive repeated requests", _T3),
    Row("ignored_confirm", "5.要求行政机关确认或重新出具已获取信息", "not processed: asks to confirm information held", _T3),
    Row("other_no_correction", "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other: applicant did not correct in time", _T3),
    Row("other_no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other: applicant did not pay the fee", _T3),
    Row("other_other", "3.其他", "other: other", _T3),
    Row("other", "（六）其他处理", "other handling (single row)", _T3),
    Row("results_total", "（七）总计", "total results", _T3),
    Row("carried_forward", "四、结转下年度继续办理", "carried forward to next year", _T3),
)
T3_ROWS = {r.key: r for r in _T3_ROWS_ALL}

#: Rows of table 3 in printed order, per generation. A 2021-generation report that
#: prints (六) as one row uses :data:`T3_ROW_ORDER_2021_SINGLE_OTHER`.
T3_ROW_ORDER = {
    "2021": tuple(r.key for r in _T3_ROWS_ALL if r.key != "other"),
    "2019": tuple(r.key for r in _T3_ROWS_ALL
                  if r.key not in ("other_no_correction", "other_no_fee", "other_other")),
}
T3_ROW_ORDER_2021_SINGLE_OTHER = T3_ROW_ORDER["2019"]

#: The result rows summed by ``(七) 总计`` (rule ``t3.results_sum``).
T3_RESULT_ROWS = tuple(
    r for r in T3_ROW_ORDER["2021"] + ("other",)
    if r not in ("new", "carried_over", "results_total", "carried_forward")
)

# --- table 4 ------------------------------------------------------------------

T4_GROUPS = (
    Column("review", "行政复议", "administrative review"),
    Column("suit_direct", "行政诉讼 未经复议直接起诉", "lawsuit filed directly"),
    Column("suit_after_review", "行政诉讼 复议后起诉", "lawsuit after review"),
)
T4_COLUMNS = (
    Column("upheld", "结果维持", "upheld"),
    Column("corrected", "结果纠正", "corrected"),
    Column("other", "其他结果", "other outcome"),
    Column("pending", "尚未审结", "pending"),
    Column("total", "总计", "total"),
)
T4_ROWS = {g.key: Row(g.key, g.label, g.label_en, tuple(c.key for c in T4_COLUMNS)) for g in T4_GROUPS}
#: The 15 numbers of table 4 in printed order.
T4_KEYS = tuple(f"t4.{g.key}.{c.key}" for g in T4_GROUPS for c in T4_COLUMNS)

# --- table 2 ------------------------------------------------------------------

T2_COLUMNS = {
    "issued": Column("issued", "本年制发件数", "issued this year"),
    "repealed": Column("repealed", "本年废止件数", "repealed this year"),
    "in_force": Column("in_force", "现行有效件数", "in force"),
    "decisions": Column("decisions", "本年处理决定数量", "decisions this year"),
    "amount": Column("amount", "本年收费金额（单位：万元）", "fees collected (10,000 yuan)"),
    "made": Column("made", "本年新制作数量", "made this year"),
    "published": Column("published", "本年新公开数量", "newly published this year"),
    "public_total": Column("public_total", "对外公开总数量", "total published"),
    "prev_items": Column("prev_items", "上一年项目数量", "items last year"),
    "change": Column("change", "本年增/减", "change this year"),
    "items": Column("items", "采购项目数量", "procurement items"),
}

#: Rows of table 2 in printed order, per generation.
T2_ROWS = {
    "2021": (
        Row("rules", "规章", "regulations", ("issued", "repealed", "in_force")),
        Row("normative", "行政规范性文件", "normative documents", ("issued", "repealed", "in_force")),
        Row("licensing", "行政许可", "administrative licensing", ("decisions",)),
        Row("penalty", "行政处罚", "administrative penalties", ("decisions",)),
        Row("coercion", "行政强制", "administrative coercion", ("decisions",)),
        Row("fees", "行政事业性收费", "administrative fees", ("amount",)),
    ),
    "2019": (
        Row("rules", "规章", "regulations", ("made", "published", "public_total")),
        Row("normative", "规范性文件", "normative documents", ("made", "published", "public_total")),
        Row("licensing", "行政许可", "administrative licensing", ("prev_items", "change", "decisions")),
        Row("other_mgmt", "其他对外管理服务事项", "other external management services", ("prev_items", "change", "decisions")),
        Row("penalty", "行政处罚", "administrative penalties", ("prev_items", "change", "decisions")),
        Row("coercion", "行政强制", "administrative coercion", ("prev_items", "change", "decisions")),
        Row("fees", "行政事业性收费", "administrative fees", ("prev_items", "change")),
        Row("procurement", "政府集中采购", "government centralised procurement", ("items", "amount")),
    ),
}

#: Keys whose value is a decimal (all others are integers).
DECIMAL_KEYS = frozenset({"t2.fees.amount", "t2.procurement.amount"})
#: Keys that may legitimately be negative.
SIGNED_COLUMNS = frozenset({"change"})

UNITS = {
    "t2.fees.amount": "万元 (10,000 yuan)",
    "t2.procurement.amount": "as printed (元 or 万元)",
}


def _unit(key: str, table: str) -> str:
    if key in UNITS:
        return UNITS[key]
    return "件 (requests)" if table == "t3" else ("件 (cases)" if table == "t4" else "件 (items)")


def _build_specs() -> dict[str, FigureSpec]:
    specs: dict[str, FigureSpec] = {}

    def add(table, row, column, generation):
        key = f"{table}.{row.key}.{column.key}"
        if key in specs:
            old = specs[key]
            specs[key] = FigureSpec(**{**old.__dict__, "generations": old.generations + (generation,)})
            return
        specs[key] = FigureSpec(
            key=key, table=table, row=row.key, column=column.key,
            row_label=row.label, column_label=column.label,
            label_en=f"{row.label_en} — {column.label_en}",
            unit=_unit(key, table),
            value_type="decimal" if key in DECIMAL_KEYS else "int",
            generations=(generation,),
        )

    for generation, rows in T2_ROWS.items():
        for row in rows:
            for ck in row.columns:
                add("t2", row, T2_COLUMNS[ck], generation)
    cols = {c.key: c for c in T3_COLUMNS}
    for row in _T3_ROWS_ALL:
        gens = ("2019", "2021") if row.key == "other" else (
            ("2021",) if row.key.startswith("other_") else ("2019", "2021"))
        for generation in gens:
            for ck in row.columns:
                add("t3", row, cols[ck], generation)
    t4cols = {c.key: c for c in T4_COLUMNS}
    for generation in ("2019", "2021"):
        for row in T4_ROWS.values():
            for ck in row.columns:
                add("t4", row, t4cols[ck], generation)
    return specs


FIGURES: dict[str, FigureSpec] = _build_specs()


def figure_specs(generation: str | None = None) -> list[FigureSpec]:
    """Canonical figures in template order, optionally only those of one generation.

    :param generation: ``"2021"``, ``"2019"`` or ``None`` for all.
    """
    return [s for s in FIGURES.values() if generation is None or generation in s.generations]


def t3_key(row: str, column: str) -> str:
    return f"t3.{row}.{column}"


def is_valid_key(key: str) -> bool:
    return key in FIGURES


def split_key(key: str) -> tuple[str, str, str]:
    """``"t3.new.natural"`` → ``("t3", "new", "natural")``."""
    table, row, column = key.split(".", 2)
    return table, row, column


# --- consistency rules ----------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    id: str
    statement: str
    statement_zh: str
    #: ``hard`` rules are arithmetic identities of the template; ``soft`` ones
    #: compare prose with tables or reports with each other.
    severity: str


RULES = (
    Rule("t3.balance", "for every column: new + carried_over = results_total + carried_forward",
         "第一项加第二项之和，等于第三项加第四项之和", "hard"),
    Rule("t3.row_sum", "for every row: natural + commercial + research + social + legal + other = total",
         "各类申请人之和等于总计", "hard"),
    Rule("t3.results_sum", "for every column: results_total = sum of all result rows",
         "办理结果各项之和等于（七）总计", "hard"),
    Rule("t4.group_sum", "in each group: upheld + corrected + other + pending = total",
         "结果维持、结果纠正、其他结果、尚未审结之和等于总计", "hard"),
    Rule("narrative.requests", "the request count stated in section 1 equals t3.new.total",
         "总体情况所述申请数与表三新收申请总计一致", "soft"),
    Rule("year.chain", "carried_over of year N equals carried_forward of year N-1 for the same body",
         "本年上年结转数等于上年报告的结转下年度数", "soft"),
)
RULES_BY_ID = {r.id: r for r in RULES}


# --- extraction warnings ---------------------------------------------------------------


@dataclass(frozen=True)
class WarningCode:
    """One kind of extraction warning: a snake_case ``code`` and what it means."""

    code: str
    description: str
    description_zh: str


#: every extraction warning's code, grouped by the stage that raises it
WARNING_CODES = (
    # reading the input
    WarningCode("encoding_guessed", "the HTML page was decoded with a legacy or guessed encoding",
                "网页按旧式或推测的编码解码"),
    WarningCode("text_truncated", "the text stops early (an excerpt marked as truncated)", "文本被截断（摘录）"),
    WarningCode("libreoffice_failed", "LibreOffice could not convert the DOC file; antiword read it instead",
                "LibreOffice 无法转换 DOC 文件，改用 antiword 读取"),
    WarningCode("read_with_antiword", "read with antiword: merged table cells are not resolved",
                "用 antiword 读取：合并单元格未还原"),
    WarningCode("picture_too_large", "a picture in the document is too large to read; skipped",
                "文档中的图片过大，未读取"),
    WarningCode("picture_ocr_off", "a picture may hold a table, but OCR is switched off",
                "图片可能含表格，但未开启文字识别"),
    WarningCode("picture_format", "a picture may hold a table, but is in a format OCR cannot read",
                "图片可能含表格，但格式无法识别"),
    WarningCode("picture_limit", "a picture may hold a table, but only the first pictures are sent through OCR",
                "图片可能含表格，但只识别前若干张图片"),
    WarningCode("ocr_unavailable", "pages or pictures need OCR, but no OCR engine is installed",
                "页面或图片需要文字识别，但未安装识别引擎"),
    WarningCode("pdf_tables_unreadable", "a PDF page's tables could not be read; its text is kept",
                "PDF 页面表格无法读取，保留其文字"),
    WarningCode("text_layer_garbled", "a PDF page's text layer cannot be decoded; the page is read by OCR",
                "PDF 页面文字层无法解码，改用文字识别"),
    WarningCode("page_needs_ocr", "a PDF page has no text layer and needs OCR", "PDF 页面无文字层，需要文字识别"),
    WarningCode("pages_read_by_ocr", "pages were read by OCR (no text layer, or an undecodable one)",
                "部分页面经文字识别读取（无文字层或无法解码）"),
    # OCR
    WarningCode("ocr_failed", "OCR could not read the input (not a PDF, or the engine failed)",
                "文字识别失败（不是 PDF，或识别引擎出错）"),
    WarningCode("ocr_page_failed", "a page could not be rendered for OCR", "页面无法渲染以进行文字识别"),
    WarningCode("ocr_not_an_image", "the input is not a readable image", "不是可读取的图片"),
    WarningCode("ocr_not_a_page", "an image does not look like a printed page (a photo or drawing); nothing taken",
                "图片不像印刷页面（照片或图画），未取任何内容"),
    WarningCode("ocr_nothing_read", "OCR found no readable text or table (blank page or picture)",
                "文字识别未找到可读文字或表格（空白页或图片）"),
    WarningCode("ocr_lines_dropped", "OCR dropped text lines that did not read as text",
                "文字识别舍弃了读不成文字的行"),
    WarningCode("ocr_table_unread", "OCR found a ruled table but could not read most of its marked cells",
                "文字识别找到表格，但多数有内容的单元格无法识别"),
    WarningCode("ocr_grid_aligned", "a scanned table lost its inner rulings; its grid was rebuilt from how its "
                "figures line up", "扫描表格内部框线缺失，按数字对齐重建表格"),
    WarningCode("ocr_cell_unsure", "an OCR cell reading was too unsure to keep; the cell is left unread",
                "单元格识别置信度过低，不取值"),
    WarningCode("ocr_cell_glyphs", "an OCR cell reading has characters a figure cannot have; the cell is left unread",
                "单元格识别结果含数字不应有的字符，不取值"),
    WarningCode("ocr_cell_unread", "OCR could not read the marks in a cell; the cell is left unread",
                "单元格有字迹但无法识别，不取值"),
    WarningCode("ocr_low_confidence", "an OCR cell was read with low confidence", "单元格识别置信度低"),
    WarningCode("ocr_arithmetic_choice", "OCR took an engine's alternative reading because the template's "
                "arithmetic holds with it", "按表格算术规则选用了识别引擎的另一读法"),
    WarningCode("figure_low_confidence", "a figure rests on an OCR reading of low confidence",
                "数字所依据的识别结果置信度低"),
    # mapping tables onto the template
    WarningCode("tables_unreadable", "the tables could not be read (an error while mapping them)",
                "表格无法读取（映射出错）"),
    WarningCode("table_missing", "a template table was not found", "未找到模板表格"),
    WarningCode("table_without_figures", "a template table is printed without figures", "模板表格未印数字"),
    WarningCode("table_blank", "a template table is printed with every cell blank; read as 0",
                "模板表格全部空白，按 0 读取"),
    WarningCode("table_truncated", "a template table stops before its last row", "模板表格在最后一行之前截断"),
    WarningCode("rows_unlabelled_zero", "a table-3 group printed its sub-rows without their labels and only zeros "
                "up to the next group's label; each sub-row read as 0", "表三某组子行标签缺失、至下一组标签前只印 0，各子行按 0 读取"),
    WarningCode("table_incomplete", "too few figures for the table; left out", "表格数字不全，不取"),
    WarningCode("figures_apart_from_grid", "a table's figures stand partly in its cells and partly on a text line "
                "apart from them (OCR found part of its grid); left out", "表格数字部分在单元格内、部分在表格外的文字行（识别只找到部分表格线），不取"),
    WarningCode("table_overfull", "more numbers than the table has cells, none placeable by its own cell; left out",
                "数字多于表格单元格且无法逐格对应，不取"),
    WarningCode("table_read_by_order", "table 3 read by row order (labels and numbers interleaved)",
                "表三按行序读取（标签与数字交错）"),
    WarningCode("table_read_by_cells", "table 3 read cell by cell in row order (some labels unreadable)",
                "表三按单元格顺序读取（部分标签无法识别）"),
    WarningCode("blank_cells_zero", "blank cells of a table read as 0", "表格空白单元格按 0 读取"),
    WarningCode("row_label_unrecognised", "a row's label was not recognised; its figures placed by row order",
                "行标签未识别，数字按行序放置"),
    WarningCode("rows_apart_from_labels", "cells printed apart from their row labels; taken in row order",
                "单元格与行标签分开印刷，按行序读取"),
    WarningCode("figures_before_label", "a row's figures are printed before its label", "行数字印在标签之前"),
    WarningCode("row_missing", "template rows were not found", "未找到模板行"),
    WarningCode("grid_rows_disagree", "OCR'd figure rows whose labels disagree with their order in the grid; "
                "left out", "识别出的数字行标签与其在表格中的顺序不符，不取"),
    WarningCode("grid_contradicts_labels", "figures read by their labels from cells the OCR grid places "
                "otherwise; left out", "按标签读取的数字与识别表格的行列位置不符，不取"),
    WarningCode("row_shape_unclear", "a row's lines mix figures and blank cells in no row's shape; row left out",
                "行中数字与空白单元格排列不成行，不取"),
    WarningCode("row_lines_unmatched", "row labels lost and the lines of figures do not match the rows in number;"
                " rows left out", "行标签丢失且数字行数与行数不符，不取"),
    WarningCode("rows_under_one_label", "several whole rows of figures under one row's label; row left out",
                "一个行标签下有多行完整数字，不取"),
    WarningCode("row_incomplete", "too few figures for a row; row left out", "行数字不全，不取"),
    WarningCode("row_truncated", "a row is cut off where the text stops", "行在文本截断处中断"),
    WarningCode("short_row", "a table-3 row prints fewer cells than columns; only its total is kept",
                "表三行单元格少于列数，只取总计"),
    WarningCode("short_row_zero", "a table-3 row prints all but one cell, every one 0: the missing cell is the "
                "total or a part of it, so every cell is 0", "表三行缺一格且所印均为0，按合计关系各格为0"),
    WarningCode("short_row_blank_total", "a table-3 row set apart by spaces prints six figures, the last no sum "
                "of the others: they stand in the columns before 总计, whose blank cell printed nothing (0)",
                "表三行以空格分隔只印六个数字且末数非其余之和：按总计前六列读取，总计空白按0"),
    WarningCode("short_row_placed", "a table-3 row prints two cells; the first is placed under 自然人 because "
                "the 自然人 column's sums hold only so, or the legal-person columns' sums leave the row nothing "
                "there", "表三行只印两格，按合计关系定位第一格为自然人"),
    WarningCode("digits_do_not_fit", "a row's run of digits does not fit its cells", "行内连写数字与单元格数不符"),
    WarningCode("digits_split_by_rule", "run-together digits split into cells by the template's sums",
                "连写数字按表格合计关系拆分"),
    WarningCode("digits_ambiguous", "run-together digits can be split into cells several ways; left out",
                "连写数字有多种拆分方式，不取"),
    WarningCode("figure_unread", "a figure's cell could not be read (OCR); left out", "数字单元格无法识别，不取"),
    WarningCode("figure_outside_cells", "a figure OCR read outside every table cell; left out",
                "数字不在表格单元格内（OCR），不取"),
    WarningCode("figure_point_unsure", "an amount OCR read as a whole number from a cell showing a mark between "
                "its digits that may be a decimal point: taken with the point, warned, or left out",
                "金额单元格数字间有疑似小数点（OCR）：按小数点取值并提示，或不取"),
    WarningCode("figure_like_year", "a figure looks like a year", "数字像年份"),
    WarningCode("figure_fraction", "a count reads as a fraction; left out", "件数读成小数，不取"),
    WarningCode("blank_template", "tables printed with every cell empty and no body named (the blank template); "
                "no figures taken", "表格全空且未署机关名称（空白模板），不取数字"),
    WarningCode("agency_from_signature", "a body's name read by OCR in the title differs in a glyph or two from "
                "its signature block, read more surely; the signature's is kept", "标题中的机关名称与落款相差一两个字，取识别更可靠的落款"),
    WarningCode("agency_from_text", "a body's name read by OCR in the title holds the glyphs of the name its "
                "text prints twice or more, in another order; the text's is kept",
                "标题中的机关名称与正文多次所印名称字同序异，取正文所印"),
    WarningCode("agency_place_corrected", "a body's name read by OCR had a place name misread; put right from "
                "the GB/T 2260 division table", "文字识别的机关名称中地名误读，已按行政区划代码表更正"),
    WarningCode("agency_replaced", "the body's name looks replaced (spam mirror); left out",
                "机关名称疑被替换（垃圾镜像站），不取"),
    WarningCode("not_a_report", "not an annual report (notice, budget or other page)",
                "不是年度报告（通知、预算或其他页面）"),
)
WARNING_CODES_BY_CODE = {w.code: w for w in WARNING_CODES}


class ExtractionWarning(TypedDict):
    """One extraction warning as records carry it: ``code`` (a code of
    :data:`WARNING_CODES_BY_CODE`) and ``detail`` (what was seen, where: page, table,
    row or figure key, in English)."""

    code: str
    detail: str


def extraction_warning(code: str, detail: str) -> ExtractionWarning:
    """A warning of a declared kind.

    :param code: a code of :data:`WARNING_CODES_BY_CODE`.
    :param detail: what was seen and where.
    :raises ValueError: ``code`` is not declared.
    """
    if code not in WARNING_CODES_BY_CODE:
        raise ValueError(f"undeclared warning code {code!r} (declare it in extract.schema.WARNING_CODES)")
    return {"code": code, "detail": detail}


def warning_codes(warnings: list[ExtractionWarning]) -> set[str]:
    """The codes among ``warnings``."""
    return {w["code"] for w in warnings}


class Finding(TypedDict, total=False):
    """One breach of a rule: ``rule`` (an id of :data:`RULES_BY_ID`), ``detail``,
    ``keys`` (the figure keys it rests on), ``status`` (``breach``, or ``uncertain``
    when it rests on a figure OCR read with low confidence) and, for
    ``narrative.requests``, ``stated``: the count section 1 states."""

    rule: str
    detail: str
    keys: list[str]
    status: str
    stated: int


# --- where each figure was printed ------------------------------------------------------

#: the record key holding each figure's place: figure key → a dict with the keys of
#: :data:`CELL_FIELDS` (every figure of ``figures`` has an entry)
CELLS_KEY = "cells"

#: the fields of one figure's place in the record's ``cells``:
#:
#: - ``page``: 1-based page (``None`` for inputs without pages: HTML, DOCX, text);
#: - ``table``: 1-based number of the printed table among the document's tables, in
#:   reading order (every table counts, not only the template's; ``None`` when the
#:   figure was not read from a table cell);
#: - ``row``, ``col``: 0-based row and column in that table's grid (a merged cell's
#:   first column);
#: - ``box``: ``[x0, top, x1, bottom]`` in PDF points from the page's top-left corner
#:   (PDF, OCR), else ``None``;
#: - ``printed_as``: as in the record's ``printed_as`` (:data:`extract.numbers.PRINTED_AS`);
#: - ``confidence``: the cell's reading confidence in [0, 1] (OCR), else ``None``.
#:
#: A figure whose cell is not known for sure (cut out of a run of digits, or one of
#: several equal cells it could have come from) has ``None`` for all but ``printed_as``.
CELL_FIELDS = ("page", "table", "row", "col", "box", "printed_as", "confidence")


# --- the extraction record -------------------------------------------------------------


class Record(TypedDict):
    """One extraction record: what :func:`extract.api.extract_bytes` returns, ``ogi extract
    --json`` prints, the record store keeps (:class:`store.RecordStore`) and the archive files.

    Figure keys are those of :data:`FIGURES`; ``printed_as`` values those of
    :data:`extract.numbers.PRINTED_AS`; ``cells`` values have the fields of :data:`CELL_FIELDS`;
    findings are :class:`Finding` (``rule``, an id of :data:`RULES_BY_ID`, ``detail``, ``keys``
    and ``status``); warnings are :class:`ExtractionWarning` (``code``, a code of
    :data:`WARNING_CODES_BY_CODE`, and ``detail``).
    """

    source: str
    sha256: str | None
    size: int | None
    kind: str | None
    format: str | None           # "2021", "2019" or "free"
    agency: str | None
    year: int | None             # the year reported on, never the publication year
    title: str | None
    published: str | None        # publication date as printed (ISO when it could be read)
    is_report: bool | None
    sections: dict[str, str]     # "1"…"6" → text
    figures: dict[str, int | float]
    printed_as: dict[str, str]
    cells: dict[str, dict]
    figure_confidence: dict[str, float]  # OCR'd figures → confidence in [0, 1]
    findings: list[Finding]
    warnings: list[ExtractionWarning]
    pages: int | None
    extractor_version: str
    error: str | None


#: the keys of a record, in the order ``ogi extract --json`` prints them
RECORD_KEYS = tuple(Record.__annotations__)
