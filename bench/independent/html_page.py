"""A report as a county/city portal serves it: CMS chrome around the report body."""
import datetime
import html

from tables import positions

esc = lambda s: html.escape(s, quote=False)


def _cell_html(cell, word, tag="td", width=None):
    attrs = ""
    if cell.rs > 1:
        attrs += f' rowspan="{cell.rs}"'
    if cell.cs > 1:
        attrs += f' colspan="{cell.cs}"'
    text = "<br/>".join(esc(x) for x in cell.text.split("\n")) if cell.text else "&nbsp;"
    if word:
        w = f' width="{width}"' if width else ""
        return (f'<{tag}{attrs}{w} valign="center" style="border:solid windowtext 1.0pt;padding:0cm 5.4pt">'
                f'<p class="MsoNormal" align="center" style="text-align:center"><span style="font-size:10.5pt;'
                f'font-family:宋体">{text}</span></p></{tag}>')
    if not cell.text and tag == "td":
        text = ""
    return f"<{tag}{attrs}>{text}</{tag}>"


def table_html(tb, word, for_print=False, thead=False):
    placed, _ = positions(tb)
    by_row = {}
    for r, c, cell in placed:
        by_row.setdefault(r, []).append((c, cell))
    out = ['<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" width="100%" '
           'style="border-collapse:collapse">' if word else '<table border="1" cellspacing="0" cellpadding="4">']
    nhead = sum(1 for row in tb.rows if all(c.kind == "head" for c in row))
    for r in range(len(tb.rows)):
        if thead and r == 0 and nhead:
            out.append("<thead>")
        if thead and r == nhead and nhead:
            out.append("</thead><tbody>")
        style = ' style="break-before:page;page-break-before:always"' if for_print and r == tb.break_before else ""
        tag = "th" if thead and r < nhead else "td"
        ws = tb.widths or [1] * tb.ncols
        px = lambda c, cs: int(620 * sum(ws[c:c + cs]) / sum(ws))
        cells = "".join(_cell_html(cell, word, tag, px(c, cell.cs)) for c, cell in by_row.get(r, []))
        out.append(f"<tr{style}>{cells}</tr>")
    if thead and nhead:
        out.append("</tbody>")
    out.append("</table>")
    return "\n".join(out)


def body_html(rep, rng, for_print=False, with_title=True):
    """The report's own content (what the CMS editor holds)."""
    word = rng.random() < 0.5
    forced = any(k == "table" and v.break_before for k, v in rep.blocks)
    thead = for_print and not forced and rng.random() < 0.25   # (with a forced break Chromium may print a lone header page)
    indent = ' style="text-indent:2em"' if rng.random() < 0.7 else ""
    hstyle = rng.choice(["strong", "h3", "b"])
    out = []
    for kind, val in rep.blocks:
        if kind == "title":
            if not with_title:
                continue
            form = rng.choice(["br", "p", "h2"]) if len(val) > 1 else rng.choice(["p", "h2"])
            if form == "br":
                out.append('<p align="center" style="text-align:center"><strong><span style="font-size:22px">'
                           + "<br/>".join(esc(x) for x in val) + "</span></strong></p>")
            elif form == "p":
                out += [f'<p style="text-align:center"><strong>{esc(x)}</strong></p>' for x in val]
            else:
                out += [f'<h2 style="text-align:center">{esc(x)}</h2>' for x in val]
        elif kind == "para":
            if word:
                out.append(f'<p class="MsoNormal"{indent}><span style="font-size:16px;font-family:仿宋_GB2312">'
                           f"{esc(val)}</span></p>")
            else:
                out.append(f"<p{indent}>{esc(val)}</p>")
        elif kind == "heading":
            out.append({"strong": f"<p{indent}><strong>{esc(val)}</strong></p>", "h3": f"<h3>{esc(val)}</h3>",
                        "b": f'<p class="MsoNormal"{indent}><b><span style="font-family:黑体">{esc(val)}</span></b></p>'}[hstyle])
        elif kind == "table":
            out.append(table_html(val, word, for_print, thead))
        elif kind == "sign":
            out += [f'<p style="text-align:right">{esc(x)}</p>' for x in val]
    return "\n".join(out)


def _other_years(rep, rng):
    years = sorted({y for y in [rep.year - 2, rep.year - 1, rep.year + 1] if 2018 <= y <= 2024} - {rep.year})
    links = [rep.title.replace(str(rep.year), str(y)) for y in years]
    rng.shuffle(links)
    return links


def _meta(rep, rng):
    b, pub = rep.body, rep.published
    code = rng.choice([f"11{rng.randint(1000, 6599)}00MB{rng.randint(1000000, 9999999)}{rng.choice('0123456789X')}",
                       f"{rng.randint(100000000, 999999999)}", f"{rng.randint(10000000, 99999999)}"])
    return [("索引号", f"{code}/{pub.year}-{rng.randint(1, 99999):05d}"),
            ("发布机构", b.name if rng.random() < 0.55 else b.host),
            ("主题分类", rng.choice(["政务公开", "综合政务\\政务公开", "政府信息公开年报", "其他"])),
            ("发文日期", pub.isoformat() if rng.random() < 0.7 else f"{pub.year}年{pub.month:02d}月{pub.day:02d}日"),
            ("成文日期", (pub - datetime.timedelta(days=rng.randint(0, 12))).isoformat()),
            ("文号", rng.choice(["", "无", "/"])),
            ("名称", rep.title),
            ("有效性", rng.choice(["有效", "是", "长期有效"]))]


def _meta_html(meta, rng, style):
    if style == 0:                  # 2 pairs a row; 名称 across the row
        rows, pair = [], []
        for k, v in meta:
            if k == "名称":
                rows.append(f'<tr><th>{k}：</th><td colspan="3">{esc(v)}</td></tr>')
                continue
            pair.append(f"<th>{k}：</th><td>{esc(v)}</td>")
            if len(pair) == 2:
                rows.append("<tr>" + "".join(pair) + "</tr>")
                pair = []
        if pair:
            rows.append("<tr>" + "".join(pair) + "<td></td><td></td></tr>")
        return '<table class="xxgk_table" width="100%">' + "".join(rows) + "</table>"
    if style == 1:
        return ('<div class="xxgk-info"><ul>' + "".join(
            f'<li><b>{k.replace("索引号", "索 引 号")}：</b><span>{esc(v)}</span></li>' for k, v in meta) + "</ul></div>")
    if style == 2:
        return '<div class="meta-grid">' + "".join(
            f'<div class="meta-row"><div class="meta-label">{k}</div><div class="meta-val">{esc(v)}</div></div>'
            for k, v in meta) + "</div>"
    return '<table class="gk-head" border="0"><tr>' + "".join(
        f'<td class="t">{k}</td><td class="c">{esc(v)}</td>' + ("</tr><tr>" if i % 3 == 2 else "")
        for i, (k, v) in enumerate(meta)) + "</tr></table>"


def portal_page(rep, rng, charset="utf-8", for_print=False):
    """A whole portal page; returns (html text, whether the publication date is printed)."""
    b = rep.body
    short = b.host.replace("人民政府", "") or b.host
    site = rng.choice([b.host, b.host + "门户网站", b.host + "网", f"中国·{short}"])
    style = rng.randrange(4)
    meta = _meta(rep, rng)
    t = rep.title
    doc_title = rng.choice([f"{t} - {site}", f"{site} - {t}", f"{t}_{site}", f"{t}_{rng.choice(['政府信息公开年报', '信息公开'])}_{site}"])
    pub = rep.published
    when = f"{pub.isoformat()} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}"
    info = rng.choice([f"发布时间：{when}　来源：{rng.choice([b.name, b.host, site])}　浏览次数：{rng.randint(12, 3000)}",
                       f"日期：{pub.year}年{pub.month:02d}月{pub.day:02d}日　　来源：{b.name}　　字体：[ 大 中 小 ]",
                       f"信息来源：{b.host}　发布日期：{pub.isoformat()}　【打印本页】【关闭窗口】"])
    others = _other_years(rep, rng)
    related_items = "".join(f'<li><a href="../{pub.year - 1}{rng.randint(1, 12):02d}/t{rng.randint(10**7, 10**8 - 1)}.html">'
                            f"{esc(x)}</a></li>" for x in others)
    crumbs = rng.choice(["首页 &gt; 政务公开 &gt; 政府信息公开年报", "首页 &gt; 政府信息公开 &gt; 政府信息公开年报",
                         f"首页 &gt; 政务公开 &gt; 法定主动公开内容 &gt; 政府信息公开年报 &gt; {esc(b.name)}"])
    if rng.random() < 0.35 and len(rep.title_lines) > 1:
        h1 = "".join(f'<h1 class="title">{esc(x)}</h1>' if i == 0 else f'<h2 class="subtitle">{esc(x)}</h2>'
                     for i, x in enumerate(rep.title_lines))
    else:
        h1 = f'<h1 class="title">{esc(t)}</h1>'
    content = body_html(rep, rng, for_print=for_print, with_title=rng.random() < 0.5)
    footer = (f'<div class="footer"><p>主办单位：{esc(b.host)}办公室　承办单位：{esc(b.host)}大数据中心</p>'
              f"<p>网站标识码：{rng.randint(10**9, 10**10 - 1)}　{b.icp}ICP备{rng.randint(10**6, 10**8)}号-{rng.randint(1, 3)}　"
              f"{b.icp}公网安备 {rng.randint(10**13, 10**14 - 1)}号</p><p>联系电话：0{rng.randint(310, 999)}-{rng.randint(2000000, 8999999)}"
              f"　地址：{esc(b.province)}{esc(short)}人民路{rng.randint(1, 300)}号</p></div>")
    nav = ('<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>'
           '<li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li>'
           f'<li><a href="/zjxx/">走进{esc(short)}</a></li></ul></div>')
    side = (f'<div class="side"><h3>政府信息公开</h3><ul><li>政府信息公开指南</li><li>政府信息公开制度</li>'
            f'<li>法定主动公开内容</li><li class="on">政府信息公开年报</li></ul>'
            f'<div class="box"><h4>{rng.choice(["往年年报", "相关阅读", "相关链接"])}</h4><ul>{related_items}</ul></div></div>')
    article = (f'<div class="article">{h1}<div class="info">{info}</div>'
               f'<div class="{rng.choice(["TRS_Editor", "article-content", "zoom", "content"])}" id="zoom">{content}</div>'
               f'<div class="share">分享到：微信 微博</div></div>')
    related = (f'<div class="related"><p>{rng.choice(["相关阅读：", "相关链接：", "相关文章"])}</p><ul>{related_items}</ul></div>')
    prevnext = ""
    if others:
        prevnext = f'<div class="prevnext"><p>上一篇：<a href="#">{esc(others[0])}</a></p>' + (
            f'<p>下一篇：<a href="#">{esc(others[-1])}</a></p>' if len(others) > 1 else "") + "</div>"
    meta_html = _meta_html(meta, rng, style)
    pos = f'<div class="position">当前位置：{crumbs}</div>'
    if style in (0, 3):
        main = f'{pos}{meta_html}{article}{related}'
        bodytxt = f'<div class="header"><div class="logo">{esc(site)}</div></div>{nav}<div class="main">{main}</div>{footer}'
    else:
        main = f'<div class="left">{pos}{meta_html if style == 1 else ""}{article}{prevnext}</div>{side}'
        if style == 2:
            main = f'<div class="left">{pos}{article}{meta_html}{prevnext}</div>{side}'
        bodytxt = f'<div class="top"><span class="site">{esc(site)}</span><form class="search">搜索</form></div>{nav}<div class="wrap">{main}</div>{footer}'
    head_meta = ""
    cs = charset.lower()
    if cs == "utf-8":
        head_meta = rng.choice(['<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />'])
    else:
        head_meta = rng.choice(['<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />',
                                '<meta charset="gbk">', '<meta http-equiv="Content-Type" content="text/html; charset=GBK">',
                                '<META http-equiv=Content-Type content="text/html; charset=gb2312">'])
    style_css = ("<style>body{font-family:'Microsoft YaHei',SimSun,sans-serif;font-size:14px}.nav li{display:inline;margin:0 8px}"
                 ".side{float:right;width:22%}.left{float:left;width:74%}.footer{clear:both;text-align:center;color:#666}"
                 "table{border-collapse:collapse}td,th{padding:2px 4px}.title{text-align:center}</style>")
    extra = (f'<meta name="SiteName" content="{esc(site)}"><meta name="ColumnName" content="政府信息公开年报">'
             f'<meta name="PubDate" content="{when}">') if rng.random() < 0.6 else ""
    page = (f'<!DOCTYPE html>\n<html>\n<head>\n{head_meta}\n<title>{esc(doc_title)}</title>\n{extra}\n{style_css}\n'
            f'<script type="text/javascript">var _hmt = _hmt || [];</script>\n</head>\n<body>\n{bodytxt}\n</body>\n</html>\n')
    return page


def print_page(rep, rng):
    """The 'print this page' view: the report alone."""
    content = body_html(rep, rng, for_print=True, with_title=True)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(rep.title)}</title>'
            "<style>body{font-family:SimSun,serif;font-size:15px;margin:1.5cm}table{border-collapse:collapse}"
            f"td,th{{padding:2px 3px;font-size:12px}}</style></head><body>{content}</body></html>")
