"""The numbers a report prints, and the consistency rules they keep or break.

Keys follow /work/shared/report-format.md. Written from that document only.
"""

COLS = ["natural", "commercial", "research", "social", "legal", "other", "total"]
APPLICANTS = COLS[:-1]
DENIED = ["denied_state_secret", "denied_law", "denied_three_safety", "denied_third_party",
          "denied_internal", "denied_process", "denied_enforcement", "denied_query"]
UNABLE = ["unable_not_held", "unable_create", "unable_unclear"]
IGNORED = ["ignored_petition", "ignored_repeat", "ignored_publication", "ignored_massive", "ignored_confirm"]
OTHER3 = ["other_no_correction", "other_no_fee", "other_other"]


def result_rows(other_single):
    return ["granted", "partial"] + DENIED + UNABLE + IGNORED + (["other"] if other_single else OTHER3)


def t3_rows(other_single):
    return ["new", "carried_over"] + result_rows(other_single) + ["results_total", "carried_forward"]


# how often a handled request ends in each result row (rough national shape)
RESULT_WEIGHTS = {
    "granted": 36, "partial": 8, "denied_state_secret": 0.5, "denied_law": 0.7, "denied_three_safety": 0.5,
    "denied_third_party": 2.5, "denied_internal": 1.5, "denied_process": 2.5, "denied_enforcement": 1,
    "denied_query": 1.5, "unable_not_held": 22, "unable_create": 4, "unable_unclear": 2.5,
    "ignored_petition": 5, "ignored_repeat": 2.5, "ignored_publication": 0.4, "ignored_massive": 0.6,
    "ignored_confirm": 0.8, "other_no_correction": 2, "other_no_fee": 0.3, "other_other": 3,
}


def _split(rng, n, weights):
    """Share n units among keys by weight; returns {key: count}."""
    keys = list(weights)
    out = dict.fromkeys(keys, 0)
    if n <= 0:
        return out
    if n > 400:                       # big numbers: share proportionally, remainder at random
        tot = sum(weights.values())
        for k in keys:
            out[k] = int(n * weights[k] / tot * rng.uniform(0.7, 1.3))
        while sum(out.values()) > n:
            k = max(out, key=out.get)
            out[k] -= sum(out.values()) - n
        n -= sum(out.values())
    for k in rng.choices(keys, [weights[k] for k in keys], k=n):
        out[k] += 1
    return out


def gen_t3(rng, scale, other_single):
    """Table 3 as {row: {col: int}} keeping every rule."""
    rows = t3_rows(other_single)
    t = {r: dict.fromkeys(COLS, 0) for r in rows}
    new_total = {"zero": 0, "small": rng.choice([0, 1, 1, 2, 3, 4, 6, 9, 12]),
                 "medium": rng.randint(8, 160), "large": rng.randint(120, 2600)}[scale]
    if scale == "zero" and rng.random() < 0.15:
        new_total = rng.randint(1, 3)
    shares = {"natural": 85, "commercial": rng.choice([0, 5, 10]), "research": rng.choice([0, 0, 0.5]),
              "social": rng.choice([0, 0, 0.5]), "legal": rng.choice([0, 2, 4]), "other": rng.choice([0, 1, 3])}
    t["new"].update(_split(rng, new_total, shares))
    for c in APPLICANTS:
        n = t["new"][c]
        co = 0 if rng.random() < 0.75 else rng.randint(0, max(1, n // 8))
        if n == 0 and rng.random() < 0.9:
            co = 0
        t["carried_over"][c] = co
        cf = 0 if rng.random() < 0.7 else rng.randint(0, max(0, (n + co) // 6))
        t["carried_forward"][c] = min(cf, n + co)
        handled = n + co - t["carried_forward"][c]
        w = {k: v for k, v in RESULT_WEIGHTS.items() if k in rows}
        if other_single:
            w["other"] = 5
        for k, v in _split(rng, handled, w).items():
            t[k][c] = v
        t["results_total"][c] = handled
    for r in rows:
        t[r]["total"] = sum(t[r][c] for c in APPLICANTS)
    return t


def gen_t4(rng, scale):
    groups = {}
    busy = {"zero": 0.05, "small": 0.2, "medium": 0.6, "large": 0.95}[scale]
    for g in ["review", "suit_direct", "suit_after_review"]:
        vals = {"upheld": 0, "corrected": 0, "other": 0, "pending": 0}
        if rng.random() < busy:
            n = rng.randint(1, {"zero": 2, "small": 3, "medium": 12, "large": 90}[scale])
            vals.update(_split(rng, n, {"upheld": 6, "corrected": 1, "other": 1.5, "pending": 1.5}))
        vals["total"] = sum(vals.values())
        groups[g] = vals
    return groups


def _fee(rng, scale):
    if scale in ("zero", "small") or rng.random() < 0.45:
        return 0
    v = round(rng.uniform(0.1, 9000 if scale == "large" else 400), rng.choice([0, 1, 2, 2, 2]))
    return int(v) if float(v).is_integer() else v


def gen_t2_2021(rng, body):
    big = {"zero": 0, "small": 30, "medium": 3000, "large": 60000}[body.scale]
    d = {}
    if body.can_make_rules and rng.random() < 0.8:
        d["rules"] = {"issued": rng.randint(0, 8), "repealed": rng.randint(0, 4), "in_force": rng.randint(10, 180)}
    else:
        d["rules"] = {"issued": 0, "repealed": 0, "in_force": 0}
    iss = rng.choice([0, 0, 1, 2, 3, 5, 8, 14]) if body.scale != "zero" else 0
    d["normative"] = {"issued": iss, "repealed": rng.choice([0, 0, 1, 2, 4]) if iss else 0,
                      "in_force": iss + rng.choice([0, 0, 3, 9, 25, 60, 101]) if body.scale != "zero" else 0}
    d["licensing"] = {"decisions": 0 if rng.random() < 0.45 else rng.randint(1, max(1, big))}
    d["penalty"] = {"decisions": 0 if rng.random() < 0.45 else rng.randint(1, max(1, big // 3))}
    d["coercion"] = {"decisions": 0 if rng.random() < 0.7 else rng.randint(1, max(1, big // 30))}
    d["fees"] = {"amount": _fee(rng, body.scale)}
    return d


def gen_t2_2019(rng, body):
    big = {"zero": 0, "small": 30, "medium": 3000, "large": 90000}[body.scale]
    d = {}
    if body.can_make_rules and rng.random() < 0.8:
        m = rng.randint(0, 13)
        d["rules"] = {"made": m, "published": m, "public_total": m + rng.randint(10, 500)}
    else:
        d["rules"] = {"made": 0, "published": 0, "public_total": 0}
    m = rng.choice([0, 0, 1, 3, 6, 11, 60]) if body.scale != "zero" else 0
    d["normative"] = {"made": m, "published": m if rng.random() < 0.85 else max(0, m - 1),
                      "public_total": m + rng.choice([0, 4, 20, 119, 368]) if body.scale != "zero" else 0}
    for row, p_zero in [("licensing", 0.4), ("other_mgmt", 0.6), ("penalty", 0.45), ("coercion", 0.7)]:
        if rng.random() < p_zero or body.scale == "zero":
            d[row] = {"prev_items": 0, "change": 0, "decisions": 0}
        else:
            prev = rng.randint(1, 400)
            d[row] = {"prev_items": prev, "change": rng.choice([0, 0, rng.randint(-prev // 3 - 1, 12)]),
                      "decisions": rng.randint(0, max(1, big))}
    if rng.random() < 0.6 or body.scale == "zero":
        d["fees"] = {"prev_items": 0, "change": 0}
    else:
        prev = rng.randint(1, 30)
        d["fees"] = {"prev_items": prev, "change": rng.choice([0, 0, -1, 1, -3, 2])}
    d["procurement"] = {"items": rng.choice([0, 0, 1, 6, 13, 40]), "amount": 0}
    if d["procurement"]["items"]:
        d["procurement"]["amount"] = rng.choice([rng.randint(2, 900) * 1000, round(rng.uniform(1, 3000), 2)])
    return d


def inject_break(rng, t3, t4, other_single):
    """Damage the numbers the way real reports are damaged; returns a short note."""
    kind = rng.choice(["row_total", "row_total", "balance", "results_total", "t4_total"])
    if t3["new"]["total"] == 0:
        kind = rng.choice(["balance", "t4_total"])
    rows = [r for r in result_rows(other_single) if t3[r]["total"]] or ["granted"]
    if kind == "row_total":
        r = rng.choice(rows)
        t3[r]["total"] += rng.choice([-1, 1, 2, 10])
        t3[r]["total"] = max(0, t3[r]["total"])
        return f"typo in t3.{r}.total"
    if kind == "balance":
        t3["carried_forward"]["natural"] += 1
        t3["carried_forward"]["total"] += 1
        return "carried_forward one too many"
    if kind == "results_total":
        d = rng.choice([1, -1]) if t3["results_total"]["natural"] else 1
        t3["results_total"]["natural"] += d
        t3["results_total"]["total"] += d
        return "results_total off by one"
    g = rng.choice(list(t4))
    t4[g]["total"] += 1
    return f"t4.{g}.total off by one"


def compute_breaks(figures, fmt, narrative_requests=None):
    """The rules (report-format.md) broken by the printed figures. Absent cells count as 0."""
    f = lambda k: figures.get(k, 0)
    breaks = []
    if any(k.startswith("t3.") for k in figures):
        other_single = any(k.startswith("t3.other.") for k in figures)
        res = result_rows(other_single)
        if any(f(f"t3.new.{c}") + f(f"t3.carried_over.{c}") != f(f"t3.results_total.{c}") + f(f"t3.carried_forward.{c}")
               for c in COLS):
            breaks.append("t3.balance")
        if any(sum(f(f"t3.{r}.{c}") for c in APPLICANTS) != f(f"t3.{r}.total") for r in t3_rows(other_single)):
            breaks.append("t3.row_sum")
        if any(sum(f(f"t3.{r}.{c}") for r in res) != f(f"t3.results_total.{c}") for c in COLS):
            breaks.append("t3.results_sum")
    if any(k.startswith("t4.") for k in figures):
        if any(sum(f(f"t4.{g}.{c}") for c in ["upheld", "corrected", "other", "pending"]) != f(f"t4.{g}.total")
               for g in ["review", "suit_direct", "suit_after_review"]):
            breaks.append("t4.group_sum")
    if narrative_requests is not None and narrative_requests != f("t3.new.total"):
        breaks.append("narrative.requests")
    return breaks
