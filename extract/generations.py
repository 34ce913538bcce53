"""Template generations: a registry of modules, each bringing its own detection.

A generation module (:mod:`extract.gen2021`, :mod:`extract.gen2019`) declares
``GENERATION`` (its name), ``FIRST_YEAR`` (the first year reported on with it),
``MARKS`` (a pattern of words only it prints), ``T2_MARKS`` (its table 2 headers) and the
label anchors of its rows. :data:`GENERATIONS` lists them newest first. Adding a
generation is one such module, its figure keys in :mod:`extract.schema`, one entry here
and one test file.
"""
from __future__ import annotations

from types import ModuleType

from extract import gen2019, gen2021

#: the template generations, newest first
GENERATIONS: tuple[ModuleType, ...] = (gen2021, gen2019)
_BY_NAME = {g.GENERATION: g for g in GENERATIONS}


def module_for(generation: str | None) -> ModuleType:
    """The module of a generation; a report of no known generation (``free``) is read
    with the oldest one's anchors."""
    return _BY_NAME.get(generation or "", GENERATIONS[-1])


def for_year(year: int) -> ModuleType:
    """The generation in force for reports on ``year`` (the oldest before the first)."""
    for generation in GENERATIONS:
        if year >= generation.FIRST_YEAR:
            return generation
    return GENERATIONS[-1]


def marked(text: str, start: int = 0, end: int | None = None, table_2: bool = False) -> list[ModuleType]:
    """The generations whose own words ``text[start:end]`` prints (table 2 headers only
    with ``table_2``), newest first."""
    end = len(text) if end is None else end
    return [g for g in GENERATIONS if (g.T2_MARKS if table_2 else g.MARKS).search(text, start, end)]
