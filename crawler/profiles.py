"""Portal profiles: one row per site in the registry (``crawler/sites.csv``, see
:mod:`crawler.registry`), and a TOML file in ``crawler/portals/`` for a special case (a
file overrides the registry row of the same name).

A profile names the portal and its body, the start URLs (its annual-report column, or
just its home page, from which discovery finds the column), the allowed domains, the
CMS kind (a key of ``crawler.cms.ADAPTERS`` or ``auto``) and optional CSS
selectors (``item``, ``link``) for the list rows.
"""
from __future__ import annotations

import json
import logging
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

PORTALS_DIR = Path(__file__).parent / "portals"
log = logging.getLogger(__name__)


class ProfileError(ValueError):
    """A profile is missing, unreadable or incomplete."""


@dataclass
class PortalProfile:
    """Everything the ``reports`` spider needs to know about one portal."""

    name: str
    start_urls: list[str]
    allowed_domains: list[str]
    body: str = ""
    region: str = ""
    cms: str = "auto"
    selectors: dict = field(default_factory=dict)
    #: False for profiles never crawled from here (their URLs are known, not tested)
    verified: bool = False
    notes: str = ""
    #: 政府网站标识码, division code and home page, from the site registry (may be empty)
    site_code: str = ""
    division_code: str = ""
    home_url: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict) -> "PortalProfile":
        missing = [k for k in ("name", "start_urls") if not data.get(k)]
        if missing:
            raise ProfileError(f"profile {data.get('name', '?')!r} lacks {', '.join(missing)}")
        known = {f for f in cls.__dataclass_fields__}
        data = {k: v for k, v in data.items() if k in known}
        if not data.get("allowed_domains"):
            data["allowed_domains"] = sorted({_origin_domain(u) for u in data["start_urls"]})
        return cls(**data)

    @classmethod
    def from_json(cls, text: str) -> "PortalProfile":
        return cls.from_dict(json.loads(text))


def _origin_domain(url: str) -> str:
    parts = urlsplit(url)
    if parts.port:
        return f"{parts.hostname}:{parts.port}"
    return parts.hostname or ""


def profile_for_url(url: str, name: str | None = None) -> PortalProfile:
    """A profile for a portal with no profile file: crawl from ``url``, detect the CMS.

    :param url: the annual-report column or the home page
    :param name: portal name; defaults to the host name
    """
    if urlsplit(url).scheme not in ("http", "https"):
        raise ProfileError(f"not an http(s) URL: {url!r}")
    return PortalProfile(name=name or _origin_domain(url).replace(":", "_"), start_urls=[url],
                         allowed_domains=[_origin_domain(url)], cms="auto")


def load_profiles(directory: str | Path | None = None, *, strict: bool = False,
                  errors: list | None = None, sites: str | Path | None = None) -> dict[str, PortalProfile]:
    """Every profile, by name: the site registry's rows, then the ``*.toml`` files of
    ``directory`` (default: the shipped ``crawler/portals``), a file replacing the row
    of the same name.

    A broken profile file or registry row does not stop the others: it is skipped with a
    warning and its :class:`ProfileError` appended to ``errors`` (or raised when ``strict``).

    :param directory: a folder of ``*.toml`` profiles
    :param strict: raise on the first broken profile
    :param errors: a list that collects the errors of skipped files and rows
    :param sites: a registry file; default: the shipped ``crawler/sites.csv`` when
        ``directory`` is the shipped folder, else ``directory/sites.csv`` if present
    """
    from crawler.registry import SITES_FILE, RegistryError, read_sites

    out: dict[str, PortalProfile] = {}
    registry = Path(sites) if sites else (SITES_FILE if directory is None else Path(directory) / "sites.csv")
    if registry.exists():
        row_errors: list = []
        try:
            rows = read_sites(registry, errors=row_errors, strict=strict)
        except RegistryError as exc:
            raise ProfileError(str(exc)) from exc
        for error in row_errors:
            log.warning("skipping site registry row: %s: %s", registry, error)
            if errors is not None:
                errors.append(ProfileError(f"{registry}: {error}"))
        out.update((name, site.to_profile()) for name, site in rows.items())
    for path in sorted(Path(directory or PORTALS_DIR).glob("*.toml")):
        try:
            out_profile = _read_profile(path, out.get(path.stem))
        except ProfileError as exc:
            if strict:
                raise
            log.warning("skipping portal profile: %s", exc)
            if errors is not None:
                errors.append(exc)
            continue
        out[out_profile.name] = out_profile
    return out


def _read_profile(path: Path, row: PortalProfile | None = None) -> PortalProfile:
    """A profile file, over the registry row of the same name (its fields win)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"{path}: {exc}") from exc
    if row is not None:
        data = {**asdict(row), **data}
    data.setdefault("name", path.stem)
    if data["name"] != path.stem:
        raise ProfileError(f"{path}: name {data['name']!r} differs from the file name")
    try:
        return PortalProfile.from_dict(data)
    except (TypeError, ProfileError) as exc:
        raise ProfileError(f"{path}: {exc}") from exc


def get_profile(name: str, directory: str | Path | None = None) -> PortalProfile:
    """The profile called ``name``.

    :param name: the profile name (its file name without ``.toml``)
    :param directory: a folder of profiles (default: the shipped ones)
    """
    profiles = load_profiles(directory)
    if name not in profiles:
        raise ProfileError(f"no portal profile named {name!r} (see `ogi portals` and `ogi sites list`)")
    return profiles[name]
