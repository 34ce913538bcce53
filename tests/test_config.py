"""Configuration: defaults, TOML file, OGI_* environment variables, flags."""
import json
from pathlib import Path

import pytest

from ogi.config import DEFAULTS, ConfigError, load_config


def test_defaults_without_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = load_config(environ={})
    assert config["extract"]["workers"] == 0
    assert config.extract_workers >= 1
    assert config["crawl"]["obey_robots_txt"] is True
    assert config["crawl"]["download_delay"] >= 1.0
    assert config.path("store") == Path("~/.local/share/ogi/store").expanduser()
    assert config.sources == {}


def test_file_env_and_flags_in_order(tmp_path):
    file = tmp_path / "ogi.toml"
    file.write_text(
        '[paths]\ndata_dir = "/srv/ogi"\npublish_dir = "/var/www/ogi"\n'
        '[extract]\nworkers = 3\ntimeout = 60\n'
        '[crawl]\nportals = ["beijing", "shanghai"]\ndownload_delay = 2\n',
        encoding="utf-8")
    env = {"OGI_EXTRACT_WORKERS": "5", "OGI_REDIS_URL": "redis://127.0.0.1:1/0",
           "OGI_NIGHTLY_MAX_FAILED_RATIO": "0.5", "HOME": "/x"}
    config = load_config(file, overrides={"extract": {"timeout": 10, "workers": None}}, environ=env)
    assert config.path("store") == Path("/srv/ogi/store")
    assert config.path("publish_dir") == Path("/var/www/ogi")
    assert config["extract"]["workers"] == 5          # env beats file
    assert config["extract"]["timeout"] == 10         # flag beats file
    assert config["crawl"]["download_delay"] == 2.0   # int accepted for a float
    assert config["crawl"]["redis_url"] == "redis://127.0.0.1:1/0"
    assert config["nightly"]["max_failed_ratio"] == 0.5
    assert config.sources["extract.workers"] == "$OGI_EXTRACT_WORKERS"
    assert config.sources["extract.timeout"] == "flag"
    assert config.sources["crawl.portals"] == str(file)
    assert config.portal_enabled("beijing") and not config.portal_enabled("tianjin")


def test_disabled_portals_and_env_lists():
    config = load_config(environ={"OGI_CRAWL_DISABLED": "demo-dead, x"})
    assert config["crawl"]["disabled"] == ["demo-dead", "x"]
    assert config.portal_enabled("anything")
    assert not config.portal_enabled("demo-dead")


def test_ogi_config_env_names_the_file(tmp_path):
    file = tmp_path / "c.toml"
    file.write_text("[serve]\nport = 9000\n")
    assert load_config(environ={"OGI_CONFIG": str(file)})["serve"]["port"] == 9000


@pytest.mark.parametrize("text, message", [
    ("[extract]\nworkers = 'many'\n", "extract.workers"),
    ("[extract]\nthreads = 2\n", "unknown setting extract.threads"),
    ("[nonsense]\na = 1\n", "unknown section [nonsense]"),
    ("[crawl\n", "not valid TOML"),
    ("[crawl]\nobey_robots_txt = 1\n", "expected true or false"),
    ("[extract]\nworkers = -1\n", "must not be negative"),
    ("[crawl]\nportals = 'all'\n", "list of strings"),
])
def test_bad_files_give_clear_errors(tmp_path, text, message):
    file = tmp_path / "bad.toml"
    file.write_text(text)
    with pytest.raises(ConfigError, match=message.replace("[", r"\[")):
        load_config(file, environ={})


def test_bad_env_value_names_the_variable():
    with pytest.raises(ConfigError, match=r"OGI_EXTRACT_WORKERS"):
        load_config(environ={"OGI_EXTRACT_WORKERS": "lots"})


def test_missing_file():
    with pytest.raises(ConfigError, match="not found"):
        load_config("/nonexistent/ogi.toml", environ={})


def test_to_toml_round_trips(tmp_path):
    config = load_config(environ={"OGI_EXTRACT_WORKERS": "2", "OGI_DATA_DIR": "/d"})
    text = config.to_toml()
    assert "workers = 2  # $OGI_EXTRACT_WORKERS" in text
    file = tmp_path / "again.toml"
    file.write_text(text)
    again = load_config(file, environ={})
    assert again.values == config.values
    assert set(again.values) == set(DEFAULTS)


def test_extract_limits_come_from_the_configuration_once(tmp_path):
    """`[extract] max_file_mb` (here by its environment variable) reaches the runner's workers."""
    from click.testing import CliRunner

    from extract import limits
    from ogi.cli import cli

    big = tmp_path / "big.html"
    big.write_bytes(b"<html><body>" + b"x" * (2 * 1024 * 1024) + b"</body></html>")
    saved = (limits.MAX_FILE_BYTES, limits.MEMORY_LIMIT_BYTES, limits.FILE_TIMEOUT)
    try:
        result = CliRunner().invoke(cli, ["extract", "--json", str(big)], env={"OGI_EXTRACT_MAX_FILE_MB": "1"})
        assert result.exit_code == 1
        record = json.loads(result.output.splitlines()[0])
        assert record["error"] == "file is 2.0 MB; the limit is 1 MB"
        result = CliRunner().invoke(cli, ["extract", "--json", str(big)], env={"OGI_MAX_FILE_MB": "3"})
        assert json.loads(result.output.splitlines()[0])["error"].startswith("not an annual report")
    finally:
        limits.MAX_FILE_BYTES, limits.MEMORY_LIMIT_BYTES, limits.FILE_TIMEOUT = saved


def test_one_default_for_crawl_politeness_and_extraction():
    from crawler import settings
    from extract import limits
    from ogi.config import DEFAULTS

    assert settings.USER_AGENT == DEFAULTS["crawl"]["user_agent"]
    assert settings.CONCURRENT_REQUESTS_PER_DOMAIN == DEFAULTS["crawl"]["concurrent_requests_per_domain"] == 1
    assert settings.OGI_MAX_FILE_BYTES == limits.MAX_FILE_BYTES == DEFAULTS["extract"]["max_file_mb"] * 1024 * 1024
    assert limits.FILE_TIMEOUT == DEFAULTS["extract"]["timeout"] == 180
