"""The three template tables as neutral grids (HTML rowspan/colspan semantics).

Every value cell is made through ``Printer``, which chooses how the number is printed
and records the truth figure for exactly the cells that are printed.
"""
from dataclasses import dataclass, field

from figures import APPLICANTS, COLS, DENIED, IGNORED, OTHER3, UNABLE


@dataclass
class Cell:
    text: str
    rs: int = 1
    cs: int = 1
    kind: str = "label"          # label | head | value


@dataclass
class Table:
    name: str
    ncols: int
    rows: list = field(default_factory=list)
    break_before: int = None     # force a page break before this row (PDF kinds)
    widths: list = None          # relative column widths
    row_index: dict = None       # t3: row key -> index in rows


ZERO_STYLES = (["0", "", "—", "/", "无", "mixed"], [62, 14, 10, 6, 3, 5])


class Printer:
    """Prints numbers into cells and keeps the truth of what was printed."""

    def __init__(self, rng, zero_style, no_blank=False):
        self.rng, self.zero_style, self.no_blank = rng, zero_style, no_blank
        self.figures = {}

    def zero_text(self, style=None):
        style = self.zero_style if style is None else style
        if style == "mixed":
            style = self.rng.choice(["0", "0", "", "—"])
        if style == "" and self.no_blank:
            style = "0"
        return style

    def cell(self, key, value, text=None, style=None, cs=1):
        if text is None:
            text = self.zero_text(style) if value == 0 else str(value)
        self.figures[key] = value
        return Cell(text, cs=cs, kind="value")


class Look:
    """Label spelling for one report (parentheses, numbering, small typos)."""

    def __init__(self, rng, fmt):
        r = rng.random
        self.open, self.close = rng.choice([("（", "）"), ("（", "）"), ("(", ")"), ("(", ") ")])
        self.dot = rng.choices([".", "．", "、", ". "], [8, 2, 1, 1])[0]
        self.law = "其他法律法规禁止公开" if r() < 0.15 else "其他法律行政法规禁止公开"
        self.wrap_heads = r() < 0.4        # 商业\n企业, 尚未\n审结
        self.note = r() < 0.9
        self.t2_typo = r() < 0.05          # 本年度止件数 (seen in a real report)
        self.item = rng.choice(["第二十条第{}项", "第二十条第{}项", "第二十条 第{}项"])
        self.fmt = fmt

    def p(self, s):
        return f"{self.open}{s}{self.close}"

    def n(self, i, s):
        return f"{i}{self.dot}{s}"

    def head(self, s):
        return s[:2] + "\n" + s[2:] if self.wrap_heads and len(s) == 4 else s


def _item(look, cn, ncols):
    return [Cell(look.item.format(look.p(cn).rstrip()), cs=ncols, kind="head")]


def build_t2_2021(v, pr, look, split=False):
    T = lambda: Table("t2", 4, widths=[3, 2, 2, 2])
    tables = [T()]
    rows = tables[0].rows
    rows.append(_item(look, "一", 4))
    rows.append([Cell("信息内容", kind="head"), Cell("本年制发件数", kind="head"),
                 Cell("本年度止件数" if look.t2_typo else "本年废止件数", kind="head"), Cell("现行有效件数", kind="head")])
    for row, label in [("rules", "规章"), ("normative", "行政规范性文件")]:
        rows.append([Cell(label)] + [pr.cell(f"t2.{row}.{c}", v[row][c]) for c in ["issued", "repealed", "in_force"]])
    for cn, head, items in [("五", "本年处理决定数量", [("licensing", "行政许可")]),
                            ("六", "本年处理决定数量", [("penalty", "行政处罚"), ("coercion", "行政强制")]),
                            ("八", "本年收费金额（单位：万元）", [("fees", "行政事业性收费")])]:
        if split:
            tables.append(T())
            rows = tables[-1].rows
        rows.append(_item(look, cn, 4))
        rows.append([Cell("信息内容", kind="head"), Cell(head, cs=3, kind="head")])
        for row, label in items:
            if row == "fees":
                amt = v["fees"]["amount"]
                text = None
                if isinstance(amt, float):
                    text = pr.rng.choice([f"{amt}", f"{amt:.2f}"])
                elif amt == 0 and pr.rng.random() < 0.15:
                    text = "0.00"
                rows.append([Cell(label), pr.cell("t2.fees.amount", amt, text=text, cs=3)])
            else:
                rows.append([Cell(label), pr.cell(f"t2.{row}.decisions", v[row]["decisions"], cs=3)])
    return tables


def change_text(rng, n, style):
    """本年增/减 as printed: -4, +4, 增4, 减少4, 持平 ..."""
    if style == "words":
        if n == 0:
            return rng.choice(["0", "持平", "0", "无"])
        return rng.choice(["增", "增加"] if n > 0 else ["减", "减少"]) + str(abs(n))
    if style == "signed" and n > 0:
        return f"+{n}"
    return str(n)


def build_t2_2019(v, pr, look, change_style, procurement, split=False):
    T = lambda: Table("t2", 4, widths=[3, 2, 2, 2])
    tables = [T()]
    rows = tables[0].rows
    rows.append(_item(look, "一", 4))
    rows.append([Cell("信息内容", kind="head")] + [Cell(h, kind="head") for h in
                 ["本年新制作数量", "本年新公开数量", "对外公开总数量"]])
    for row, label in [("rules", "规章"), ("normative", "规范性文件")]:
        rows.append([Cell(label)] + [pr.cell(f"t2.{row}.{c}", v[row][c]) for c in ["made", "published", "public_total"]])
    heads3 = [Cell("信息内容", kind="head")] + [Cell(h, kind="head") for h in ["上一年项目数量", "本年增/减", "处理决定数量"]]

    def three(row, label):
        ch = v[row]["change"]
        return [Cell(label), pr.cell(f"t2.{row}.prev_items", v[row]["prev_items"]),
                pr.cell(f"t2.{row}.change", ch, text=None if ch == 0 and change_style != "words"
                        else change_text(pr.rng, ch, change_style)),
                pr.cell(f"t2.{row}.decisions", v[row]["decisions"])]

    for cn, items in [("五", [("licensing", "行政许可"), ("other_mgmt", "其他对外管理服务事项")]),
                      ("六", [("penalty", "行政处罚"), ("coercion", "行政强制")])]:
        if split:
            tables.append(T())
            rows = tables[-1].rows
        rows.append(_item(look, cn, 4))
        rows.append(list(heads3))
        rows.extend(three(row, label) for row, label in items)
    if split:
        tables.append(T())
        rows = tables[-1].rows
    rows.append(_item(look, "八", 4))
    rows.append([Cell("信息内容", kind="head"), Cell("上一年项目数量", kind="head"), Cell("本年增/减", cs=2, kind="head")])
    ch = v["fees"]["change"]
    rows.append([Cell("行政事业性收费"), pr.cell("t2.fees.prev_items", v["fees"]["prev_items"]),
                 pr.cell("t2.fees.change", ch, cs=2, text=None if ch == 0 and change_style != "words"
                         else change_text(pr.rng, ch, change_style))])
    if procurement:
        amt = v["procurement"]["amount"]
        wan = isinstance(amt, float)
        head = "采购总金额（万元）" if wan and pr.rng.random() < 0.7 else "采购总金额"
        text = None
        if amt:
            text = f"{amt}万元" if wan and head == "采购总金额" else (f"{amt}元" if not wan and pr.rng.random() < 0.6 else str(amt))
        rows.append(_item(look, "九", 4))
        rows.append([Cell("信息内容", kind="head"), Cell("采购项目数量", kind="head"), Cell(head, cs=2, kind="head")])
        rows.append([Cell("政府集中采购"), pr.cell("t2.procurement.items", v["procurement"]["items"]),
                     pr.cell("t2.procurement.amount", amt, text=text, cs=2)])
    return tables


def t3_labels(look, other_single):
    """[(row key, [label pieces as (text, rs, cs)])] in the template's order, with merged label cells."""
    p, n = look.p, look.n
    denied_labels = ["属于国家秘密", look.law, "危及“三安全一稳定”", "保护第三方合法权益", "属于三类内部事务信息",
                     "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"]
    unable_labels = ["本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"]
    ignored_labels = ["信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
                      "要求行政机关确认或重新出具已获取信息"]
    other_labels = ["申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                    "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他"]
    n_results = 2 + 8 + 3 + 5 + (1 if other_single else 3) + 1
    out = [("new", [("一、本年新收政府信息公开申请数量", 1, 3)]),
           ("carried_over", [("二、上年结转政府信息公开申请数量", 1, 3)]),
           ("granted", [("三、本年度办理结果", n_results, 1), (p("一") + "予以公开", 1, 2)]),
           ("partial", [(p("二") + "部分公开（区分处理的，只计这一情形，不计其他情形）", 1, 2)])]
    for cn, keys, labels in [("三", DENIED, denied_labels), ("四", UNABLE, unable_labels),
                             ("五", IGNORED, ignored_labels), ("六", OTHER3, other_labels)]:
        group = {"三": "不予公开", "四": "无法提供", "五": "不予处理", "六": "其他处理"}[cn]
        if cn == "六" and other_single:
            out.append(("other", [(p("六") + group, 1, 2)]))
            continue
        for i, (k, lab) in enumerate(zip(keys, labels)):
            cells = [(p(cn) + group, len(keys), 1)] if i == 0 else []
            out.append((k, cells + [(n(i + 1, lab), 1, 1)]))
    out.append(("results_total", [(p("七") + "总计", 1, 2)]))
    out.append(("carried_forward", [("四、结转下年度继续办理", 1, 3)]))
    return out


def build_t3(t3, pr, look, other_single, row_mode="full"):
    """row_mode: full | blank_legal (zero legal-person cells printed blank) |
    absent_legal (rows whose legal-person cells are all zero print only 自然人 and 总计) |
    blank_result_totals (the 总计 column of result rows left blank)."""
    tb = Table("t3", 10, widths=[1.6, 2.2, 4.2] + [1.2] * 7, row_index={})
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" if look.note else ""
    tb.rows.append([Cell(note, rs=3, cs=3, kind="head"), Cell("申请人情况", cs=7, kind="head")])
    tb.rows.append([Cell("自然人", rs=2, kind="head"), Cell("法人或其他组织", cs=5, kind="head"),
                    Cell("总计", rs=2, kind="head")])
    tb.rows.append([Cell(look.head(h), kind="head") for h in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]])
    result_keys = {k for k, _ in t3_labels(look, other_single)} - {"new", "carried_over", "results_total", "carried_forward"}
    for key, labels in t3_labels(look, other_single):
        row = [Cell(t, rs=rs, cs=cs) for t, rs, cs in labels]
        vals = t3[key]
        legal_zero = all(vals[c] == 0 for c in APPLICANTS[1:])
        for c in COLS:
            k = f"t3.{key}.{c}"
            if row_mode == "absent_legal" and legal_zero and c in APPLICANTS[1:]:
                continue
            if row_mode == "blank_legal" and legal_zero and c in APPLICANTS[1:]:
                row.append(pr.cell(k, 0, text=""))
            elif row_mode == "blank_result_totals" and c == "total" and key in result_keys:
                row.append(pr.cell(k, 0, text=""))
            else:
                row.append(pr.cell(k, vals[c]))
        tb.row_index[key] = len(tb.rows)
        tb.rows.append(row)
    return tb


T4_GROUPS = ["review", "suit_direct", "suit_after_review"]
T4_COLS = ["upheld", "corrected", "other", "pending", "total"]


def build_t4(t4, pr, look):
    tb = Table("t4", 15, widths=[1] * 15)
    h = [look.head(x) for x in ["结果维持", "结果纠正", "其他结果", "尚未审结"]] + ["总计"]
    tb.rows.append([Cell("行政复议", cs=5, kind="head"), Cell("行政诉讼", cs=10, kind="head")])
    tb.rows.append([Cell(x, rs=2, kind="head") for x in h] +
                   [Cell("未经复议直接起诉", cs=5, kind="head"), Cell("复议后起诉", cs=5, kind="head")])
    tb.rows.append([Cell(x, kind="head") for x in h * 2])
    tb.rows.append([pr.cell(f"t4.{g}.{c}", t4[g][c]) for g in T4_GROUPS for c in T4_COLS])
    return tb


def positions(table):
    """Yield (row index, col index, cell) with the grid column each cell starts at;
    also returns a map of covered slots {(r, c): 'v0'|'v'|'h'}: below a span's first column,
    below its other columns, right of its first column."""
    taken, placed = {}, []
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell.rs):
                for dc in range(cell.cs):
                    if dr or dc:
                        taken[(r + dr, c + dc)] = ("v0" if not dc else "v") if dr else "h"
            c += cell.cs
    return placed, taken
