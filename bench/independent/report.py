"""One report: body, year, numbers, narrative and tables, as a list of neutral blocks.

Blocks: ("title", [line, ...]) · ("para", text) · ("heading", text) · ("table", Table) ·
("sign", [name, date]). Renderers (html/docx/text) turn blocks into files; the truth
comes from the same blocks, so it is what the document prints.
"""
import datetime
from dataclasses import dataclass, field

import bodies
import figures as F
from tables import ZERO_STYLES, Look, Printer, build_t2_2019, build_t2_2021, build_t3, build_t4


@dataclass
class Report:
    body: bodies.Body
    fmt: str
    year: int
    title: str
    title_lines: list
    published: datetime.date
    blocks: list = field(default_factory=list)
    figures: dict = field(default_factory=dict)
    breaks: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    narrative_requests: int = None

    def truth(self, file, rendering, published=False):
        t = {"file": file, "format": self.fmt, "agency": self.body.name, "year": self.year}
        if published:
            t["published"] = self.published.isoformat()
        t.update(figures=self.figures, breaks=self.breaks, rendering=rendering, notes="; ".join(self.notes))
        return t


def _pub_date(rng, year, level):
    if rng.random() < 0.88:
        month = 1 if level in ("dept", "national") and rng.random() < 0.7 else rng.choice([1, 2, 3, 3])
    else:
        month = rng.randint(4, 12)
    return datetime.date(year + 1, month, rng.randint(1, 28))


def _cn_date(d):
    return f"{d.year}年{d.month}月{d.day}日"


HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def _headings(rng, fmt):
    h = list(HEADINGS)
    roll = rng.random()
    if roll < 0.08:
        h[3] = "四、政府信息公开行政法复议、行政诉讼情况"            # typo seen on real portals
    elif roll < 0.14:
        h[2], h[3] = h[2][2:], h[3][2:]                              # numbering dropped
    elif roll < 0.2:
        h[4] = "五、存在主要问题及改进情况"
    elif roll < 0.26 and fmt == "2019":
        h[3] = "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"
    elif roll < 0.3:
        h[1] = "二、行政机关主动公开政府信息情况"
    return h


def _requests_sentence(rng, year, me, n):
    if n == 0:
        return rng.choice([f"{year}年，{me}未收到政府信息公开申请。", f"{year}年度，{me}共收到政府信息公开申请0件。",
                           f"本年度{me}未收到政府信息公开申请，无依申请公开办理事项。"])
    return rng.choice([f"{year}年，{me}共收到政府信息公开申请{n}件，均在法定期限内予以答复。",
                       f"{year}年度，{me}共受理政府信息公开申请{n}件，已全部按照要求在规定时限内予以答复。",
                       f"全年共收到依申请公开{n}件，依法依规答复率100%。",
                       f"{year}年度，{me}共收到{n}条要求公开政府信息的申请。"])


def _overview(rng, r, me):
    y = r.year
    n1 = rng.randint(3, 3000)
    parts = [rng.choice([
        f"{y}年，{me}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》"
        f"（以下简称《条例》）和上级关于政务公开工作的部署要求，围绕中心工作，持续深化政务公开，不断提升政府工作透明度。",
        f"{y}年，在上级政务公开主管部门的指导下，{me}准确把握政务公开工作的职责定位，加强政府信息管理，"
        f"推进基层政务公开标准化规范化，切实做到领导重视、责任明确、及时主动和形式多样。",
        f"{me}认真贯彻《条例》，按照“公开为常态、不公开为例外”的原则，围绕群众关切推进决策、执行、管理、服务、结果公开，"
        f"{y}年政府信息公开工作取得新进展。"])]
    lead = rng.choice(["{p}主动公开情况。", "{p}主动公开", "{p}主动公开方面"])
    look = rng.choice([("（", "）"), ("(", ")")])
    P = lambda cn: f"{look[0]}{cn}{look[1]}"
    sep_lines = rng.random() < 0.5
    def sub(cn, head, text):
        h = head.format(p=P(cn))
        if sep_lines:
            parts.extend([h.rstrip("。"), text])
        else:
            parts.append((h if h.endswith("。") else h + "：") + text)
    p1, p2 = rng.sample(bodies.PLATFORMS, 2)
    extra = rng.choice(["", f"办理“12345”便民服务热线工单共{rng.randint(20, 900)}件，办结率100%。",
                        f"召开新闻发布会{rng.randint(1, 12)}场，发布政策解读{rng.randint(1, 40)}篇。"])
    sub("一", lead, f"{y}年，{me}通过{p1}、{p2}等渠道主动公开政府信息{n1}条，其中政策文件{rng.randint(0, 40)}件、"
        f"工作动态{rng.randint(0, n1)}条，财政预决算信息{rng.randint(1, 6)}条。{extra}")
    stated = rng.random() < 0.55
    if stated:
        n = r.figures.get("t3.new.total", 0)
        if rng.random() < 0.22:                                    # the text and the table disagree
            n = rng.choice([n + r.figures.get("t3.carried_over.total", 0) + 1, max(0, n - rng.randint(1, 3)), n + 1])
        r.narrative_requests = n
        text = _requests_sentence(rng, y, me, n)
    else:
        text = f"{me}严格按照《条例》规定的程序和时限办理依申请公开事项，规范答复文书，做到依法依规、及时答复。"
    sub("二", rng.choice(["{p}依申请公开情况。", "{p}依申请公开"]), text)
    sub("三", rng.choice(["{p}政府信息管理。", "{p}政府信息管理情况"]),
        "严格落实“先审后发”和“三审三校”制度，对拟公开信息进行保密审查，动态调整主动公开目录，确保公开内容合法、准确、及时。")
    sub("四", rng.choice(["{p}平台建设。", "{p}政府信息公开平台建设情况"]),
        f"持续加强{rng.choice(bodies.PLATFORMS)}建设，优化栏目设置，做好日常维护和内容保障，方便群众查找和获取政府信息。")
    sub("五", rng.choice(["{p}监督保障。", "{p}监督保障情况"]),
        "将政务公开工作纳入年度考核内容，主动接受社会监督，全年未发生因政府信息公开工作受到责任追究的情况。")
    return parts


def make_report(rng, fmt=None, allow_blank=True):
    body = bodies.make_body(rng)
    fmt = fmt or rng.choices(["2021", "2019"], [7, 3])[0]
    year = rng.choice([2021, 2022, 2023, 2024]) if fmt == "2021" else rng.choice([2019, 2020])
    title = bodies.make_title(rng, body.name, year)
    r = Report(body=body, fmt=fmt, year=year, title=title, title_lines=bodies.wrap_title(rng, title, body.name, year),
               published=_pub_date(rng, year, body.level))
    me = body.self_ref
    # numbers
    other_single = fmt == "2019" or rng.random() < 0.15
    t3 = F.gen_t3(rng, body.scale, other_single)
    t4 = F.gen_t4(rng, body.scale)
    t2 = F.gen_t2_2021(rng, body) if fmt == "2021" else F.gen_t2_2019(rng, body)
    if rng.random() < (0.25 if t3["new"]["total"] else 0.06):
        r.notes.append("injected: " + F.inject_break(rng, t3, t4, other_single))
    # how they are printed
    zs = lambda: rng.choices(*ZERO_STYLES)[0] if allow_blank else rng.choice(["0", "0", "—", "/"])
    look = Look(rng, fmt)
    split_t2 = rng.random() < 0.2
    pr2 = Printer(rng, zs(), no_blank=not allow_blank)
    if fmt == "2021":
        t2_tables = build_t2_2021(t2, pr2, look, split=split_t2)
    else:
        change_style = rng.choice(["plain", "signed", "words"])
        t2_tables = build_t2_2019(t2, pr2, look, change_style, procurement=rng.random() < 0.35, split=split_t2)
        r.notes.append(f"change written {change_style}")
    empty = t3["new"]["total"] == 0 and t3["carried_over"]["total"] == 0
    pr3 = Printer(rng, "" if empty and allow_blank and rng.random() < 0.35 else zs(), no_blank=not allow_blank)
    modes = ["full"] * 14 + ["absent_legal"] * 2 + (["blank_legal"] * 2 + ["blank_result_totals"] if allow_blank else [])
    row_mode = "full" if empty else rng.choice(modes)
    if other_single and fmt == "2021":
        r.notes.append("2021 report printing (六) as one row")
    if row_mode != "full":
        r.notes.append(f"t3 rows {row_mode}")
    t3_table = build_t3(t3, pr3, look, other_single, row_mode)
    pr4 = Printer(rng, zs(), no_blank=not allow_blank)
    t4_table = build_t4(t4, pr4, look)
    for pr in (pr2, pr3, pr4):
        r.figures.update(pr.figures)
    if pr3.zero_style == "" and empty:
        r.notes.append("table 3 printed blank")
    # text
    h = _headings(rng, fmt)
    blocks = [("title", r.title_lines)]
    stat = f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    intro = rng.choice([
        f"本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》"
        f"（{'国办公开办函〔2021〕30号' if fmt == '2021' else '国办公开办函〔2019〕60号'}）要求编制。{stat}"
        f"如对本报告有疑问，请与{body.office}联系（电话：0{rng.randint(310, 999)}-{rng.randint(2000000, 8999999)}）。",
        f"根据《中华人民共和国政府信息公开条例》规定，现公布{body.name}{year}年度政府信息公开工作年度报告。报告由总体情况、"
        f"主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、"
        f"其他需要报告的事项六部分组成。{stat}",
        f"按照《中华人民共和国政府信息公开条例》要求，现将{me}{year}年度政府信息公开工作情况报告如下。{stat}"])
    blocks.append(("para", intro))
    blocks.append(("heading", h[0]))
    blocks += [("para", p) for p in _overview(rng, r, me)]
    blocks.append(("heading", h[1]))
    blocks += [("table", t) for t in t2_tables]
    blocks.append(("heading", h[2]))
    blocks.append(("table", t3_table))
    blocks.append(("heading", h[3]))
    blocks.append(("table", t4_table))
    blocks.append(("heading", h[4]))
    blocks.append(("para", rng.choice([
        f"{year}年，{me}政府信息公开工作取得了一定成效，但也存在一些不足：一是信息公开的主动性还需加强；"
        f"二是政策解读形式较为单一。下一步，{me}将进一步健全工作机制，加强业务培训，不断提升政务公开工作质量。",
        "存在问题：部分信息公开不够及时，公开内容的深度和广度有待拓展。改进措施：一是强化责任落实，明确专人负责；"
        "二是加大公开力度，聚焦群众关切的重点领域信息；三是加强业务培训，提升工作人员业务水平。",
        f"对照上级要求和群众期盼，{me}政务公开工作仍存在政策解读形式单一、互动回应不够充分等问题。"
        f"{year + 1}年，{me}将持续完善工作机制，拓展公开渠道，推动政务公开工作提质增效。"])))
    blocks.append(("heading", h[5]))
    fee = rng.choice([f"{year}年度，{me}未收取政府信息公开信息处理费。",
                      "依据《政府信息公开信息处理费管理办法》，本机关未收取任何信息处理费。", "无。"])
    blocks.append(("para", fee))
    if rng.random() < 0.55:
        blocks.append(("sign", [body.name, _cn_date(r.published - datetime.timedelta(days=rng.randint(0, 10)))]))
    r.blocks = blocks
    r.breaks = F.compute_breaks(r.figures, fmt, r.narrative_requests)
    return r


def drop_title(r):
    """The report with no title line: the agency is named only in the signature block."""
    r.blocks = [b for b in r.blocks if b[0] != "title"]
    r.blocks = [("para", b[1].replace(r.body.name + str(r.year), str(r.year))) if b[0] == "para" else b for b in r.blocks]
    if not any(b[0] == "sign" for b in r.blocks):
        r.blocks.append(("sign", [r.body.name, _cn_date(r.published)]))
    r.notes.append("no title line: agency only in the signature")
