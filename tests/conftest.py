"""Shared fixtures: rendered report fixtures (cached per session) and example paths."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parent / "examples"


@pytest.fixture(scope="session")
def render_cache(tmp_path_factory) -> Path:
    """Directory caching rendered fixtures by content hash (``$OGI_RENDER_CACHE`` if set)."""
    configured = os.environ.get("OGI_RENDER_CACHE")
    if configured:
        Path(configured).mkdir(parents=True, exist_ok=True)
        return Path(configured)
    return tmp_path_factory.mktemp("render-cache")


@pytest.fixture(scope="session")
def rendered(render_cache):
    """``rendered(spec, kind, **options) -> bytes``: :func:`demo.render.render`, cached."""
    from demo.render import render

    def _render(spec, kind, **options):
        return render(spec, kind, cache_dir=render_cache, **options)

    return _render


@pytest.fixture(scope="session")
def rendered_many(render_cache):
    """``rendered_many([(spec, kind), …]) -> [bytes]``: one LibreOffice call per target."""
    from demo.render import render_many

    def _render_many(items, **options):
        return render_many(items, cache_dir=render_cache, **options)

    return _render_many


@pytest.fixture(scope="session")
def input_kind_examples() -> Path:
    """Real files (with ``*.truth.json``) for the input-kind tests."""
    return EXAMPLES / "input_kinds"
