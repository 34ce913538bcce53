"""Configuration of the nightly job: a TOML file, ``OGI_*`` environment variables, flags.

Every setting has a default, so no file is needed. Precedence, lowest first:

1. the defaults in :data:`DEFAULTS`;
2. the TOML file (``--config FILE``, else ``$OGI_CONFIG``, else ``ogi.toml`` in the
   working directory if present);
3. environment variables ``OGI_<SECTION>_<KEY>`` (``OGI_EXTRACT_WORKERS=4``,
   ``OGI_PATHS_DATA_DIR=/srv/ogi``), plus the short ``OGI_REDIS_URL``;
4. command-line flags (passed in as ``overrides``).

Paths may use ``{data_dir}``; relative paths are relative to the working directory.
``ogi config`` prints the effective configuration as TOML.
"""
from __future__ import annotations

import copy
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

#: Default settings, by section. The types here are the types a value must have.
DEFAULTS: dict[str, dict[str, Any]] = {
    "paths": {
        # everything below lives here unless set on its own
        "data_dir": "~/.local/share/ogi",
        "store": "{data_dir}/store",
        "work_dir": "{data_dir}/work",
        "publish_dir": "{data_dir}/site",
        "log_file": "{data_dir}/logs/ogi.jsonl",
        "lock_file": "{data_dir}/ogi.lock",
    },
    "crawl": {
        # portal profile names to crawl; ["*"] means every known profile
        "portals": ["*"],
        # portal profile names never crawled, even when portals is ["*"]
        "disabled": [],
        "download_delay": 1.0,
        # false switches every politeness setting off: only for portals on 127.0.0.1
        # (the demo, tests, benchmarks), never for real portals
        "polite": True,
        # Scrapy AutoThrottle: slow down further when a portal answers slowly
        "autothrottle": True,
        "concurrent_requests_per_domain": 1,
        "obey_robots_txt": True,
        "user_agent": "ogi-archive/0.1 (+https://github.com/ogi-archive/ogi; open-government-information report archive)",
        # crawler processes on this machine; the portals are split between them
        "processes": 1,
        # seconds before a crawler process is killed (0: never); its portals then
        # count as failed and the run goes on with what was stored
        "timeout": 6 * 3600,
        # scrapy-redis scheduler shared by several crawler processes; "" = local
        "redis_url": "",
    },
    "extract": {
        # worker processes; 0 means one per CPU core
        "workers": 0,
        # read scanned pages with OCR (by far the slowest step: about a minute a scan)
        "ocr": True,
        # the extraction function, module:function taking (bytes, source)
        "function": "extract.api:extract_bytes",
        # seconds one document may take (LibreOffice and OCR included) before its
        # worker is stopped and the document recorded as failed
        "timeout": 180.0,
        # address space one document may add to its worker process, MB (OCR with
        # RapidOCR's runtime reserves about 0.6 GB of address space on its own)
        "memory_limit_mb": 2048.0,
        # largest file extracted (and downloaded by the crawler), MB
        "max_file_mb": 64.0,
        # seconds one LibreOffice conversion (DOC, WPS) may take
        "office_timeout": 60.0,
        # when set, documents go to `ogi worker` processes through this Redis
        "redis_url": "",
    },
    "nightly": {
        # the run fails (non-zero exit) when failed documents exceed either bound;
        # the ratio applies once more than one document failed
        "max_failed_documents": 20,
        "max_failed_ratio": 0.10,
        # failed portals (unreachable, all requests failed) beyond this fail the run
        "max_failed_portals": 3,
    },
    "serve": {
        # the site is served on 127.0.0.1 only; put a reverse proxy in front to publish it
        "port": 8001,
    },
}

#: Environment variables with a short name, and the setting they set.
ENV_ALIASES = {
    "OGI_REDIS_URL": ("crawl", "redis_url"),
    "OGI_DATA_DIR": ("paths", "data_dir"),
    "OGI_STORE": ("paths", "store"),
    "OGI_FILE_TIMEOUT": ("extract", "timeout"),
    "OGI_MEMORY_LIMIT_MB": ("extract", "memory_limit_mb"),
    "OGI_MAX_FILE_MB": ("extract", "max_file_mb"),
    "OGI_SOFFICE_TIMEOUT": ("extract", "office_timeout"),
}


class ConfigError(ValueError):
    """A configuration file or value that cannot be used."""


@dataclass
class Config:
    """The effective configuration: a section → key → value mapping plus its origin.

    :param values: settings by section, with every key of :data:`DEFAULTS`.
    :param sources: where each ``section.key`` came from (``default``, a file, an
        environment variable or ``flag``).
    """

    values: dict[str, dict[str, Any]]
    sources: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, section: str) -> dict[str, Any]:
        return self.values[section]

    def path(self, key: str) -> Path:
        """An absolute path from the ``[paths]`` section, with ``{data_dir}`` filled in.

        :param key: ``store``, ``work_dir``, ``publish_dir``, ``log_file``, ``lock_file``
            or ``data_dir``.
        """
        paths = self.values["paths"]
        data_dir = Path(os.path.expanduser(paths["data_dir"])).absolute()
        if key == "data_dir":
            return data_dir
        raw = paths[key].replace("{data_dir}", str(data_dir))
        return Path(os.path.expanduser(raw)).absolute()

    @property
    def extract_workers(self) -> int:
        """Extraction worker processes, with ``0`` resolved to the number of cores."""
        workers = self.values["extract"]["workers"]
        return workers if workers > 0 else (os.cpu_count() or 1)

    def apply_limits(self, timeout: float | None = None) -> None:
        """Apply the ``[extract]`` limits to this process (:func:`extract.limits.configure`);
        worker processes started afterwards inherit them.

        :param timeout: a command's ``--timeout`` flag, over the configured one.
        """
        from extract import limits

        conf = self.values["extract"]
        limits.configure(max_file_mb=conf["max_file_mb"], memory_limit_mb=conf["memory_limit_mb"],
                         timeout=timeout or conf["timeout"], office_timeout=conf["office_timeout"])

    def portal_enabled(self, name: str) -> bool:
        """Whether a portal profile is crawled under this configuration.

        :param name: a portal profile name.
        """
        crawl = self.values["crawl"]
        if name in crawl["disabled"]:
            return False
        return "*" in crawl["portals"] or name in crawl["portals"]

    def to_toml(self) -> str:
        """The configuration as a TOML document, each value commented with its origin."""
        lines = []
        for section, entries in self.values.items():
            lines.append(f"[{section}]")
            for key, value in entries.items():
                origin = self.sources.get(f"{section}.{key}", "default")
                lines.append(f"{key} = {_toml_value(value)}  # {origin}")
            lines.append("")
        return "\n".join(lines)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def _coerce(section: str, key: str, value: Any, origin: str) -> Any:
    """Check ``value`` against the default's type, converting strings from the environment."""
    default = DEFAULTS[section][key]
    where = f"{section}.{key} (from {origin})"
    if isinstance(value, str) and not isinstance(default, str) and origin.startswith("$"):
        text = value.strip()
        try:
            if isinstance(default, bool):
                if text.lower() in ("1", "true", "yes", "on"):
                    return True
                if text.lower() in ("0", "false", "no", "off"):
                    return False
                raise ValueError(text)
            if isinstance(default, int):
                return int(text)
            if isinstance(default, float):
                return float(text)
            if isinstance(default, list):
                return [part.strip() for part in text.split(",") if part.strip()]
        except ValueError:
            raise ConfigError(f"{where}: {value!r} is not a valid {type(default).__name__}") from None
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: expected true or false, got {value!r}")
        return value
    if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if isinstance(default, list):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: expected a list of strings, got {value!r}")
        return list(value)
    if type(value) is not type(default):
        raise ConfigError(f"{where}: expected {type(default).__name__}, got {value!r}")
    if isinstance(value, (int, float)) and value < 0:
        raise ConfigError(f"{where}: must not be negative, got {value!r}")
    return value


def _merge(values: dict, sources: dict, updates: Mapping[str, Mapping[str, Any]], origin: str) -> None:
    for section, entries in updates.items():
        if section not in DEFAULTS:
            raise ConfigError(f"unknown section [{section}] in {origin}; known: {', '.join(DEFAULTS)}")
        if not isinstance(entries, Mapping):
            raise ConfigError(f"[{section}] in {origin} must be a table")
        for key, value in entries.items():
            if key not in DEFAULTS[section]:
                known = ", ".join(DEFAULTS[section])
                raise ConfigError(f"unknown setting {section}.{key} in {origin}; known: {known}")
            if value is None:
                continue
            values[section][key] = _coerce(section, key, value, origin)
            sources[f"{section}.{key}"] = origin


def env_overrides(environ: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """Settings given as ``OGI_<SECTION>_<KEY>`` (or a short alias) environment variables.

    :param environ: the environment, usually ``os.environ``.
    """
    found: dict[str, dict[str, str]] = {}
    for name, value in environ.items():
        if name in ENV_ALIASES:
            section, key = ENV_ALIASES[name]
            found.setdefault(section, {})[key] = value
            continue
        for section, entries in DEFAULTS.items():
            prefix = f"OGI_{section.upper()}_"
            if name.startswith(prefix) and name[len(prefix):].lower() in entries:
                found.setdefault(section, {})[name[len(prefix):].lower()] = value
    return found


def load_config(
    path: str | os.PathLike | None = None,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Config:
    """Build the effective configuration.

    :param path: a TOML file; when ``None``, ``$OGI_CONFIG`` or ``./ogi.toml`` if present.
    :param overrides: settings from command-line flags, ``{"extract": {"workers": 2}}``;
        ``None`` values are ignored.
    :param environ: environment variables (default ``os.environ``).
    :raises ConfigError: on a missing or malformed file, an unknown setting or a value
        of the wrong type.
    """
    environ = os.environ if environ is None else environ
    values = copy.deepcopy(DEFAULTS)
    sources: dict[str, str] = {}
    if path is None:
        if environ.get("OGI_CONFIG"):
            path = environ["OGI_CONFIG"]
        elif Path("ogi.toml").is_file():
            path = "ogi.toml"
    if path is not None:
        file = Path(path)
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {file}") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file {file} is not valid TOML: {exc}") from None
        _merge(values, sources, data, str(file))
    env = env_overrides(environ)
    for section, entries in env.items():
        for key, value in entries.items():
            var = next((n for n, sk in ENV_ALIASES.items() if sk == (section, key) and n in environ),
                       f"OGI_{section.upper()}_{key.upper()}")
            _merge(values, sources, {section: {key: value}}, f"${var}")
    if overrides:
        _merge(values, sources, overrides, "flag")
    return Config(values, sources)


def apply_limits_or_exit(timeout: float | None = None) -> Config:
    """For a command: load the configuration once and apply its extraction limits
    (:meth:`Config.apply_limits`); a bad configuration ends the command with its message.

    :param timeout: the command's ``--timeout`` flag, if given.
    :raises click.ClickException: the configuration cannot be used.
    """
    import click

    try:
        config = load_config()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    config.apply_limits(timeout)
    return config
