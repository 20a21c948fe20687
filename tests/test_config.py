from __future__ import annotations

from pathlib import Path

import pytest

from extractor.config import Config, config_from_mapping, find_config, load_config, load_config_file
from extractor.errors import ConfigError


def test_defaults() -> None:
    c = Config()
    assert (c.fail_on, c.tolerance, c.date_policy, c.format, c.disable) == (
        "error",
        0.0,
        "infer",
        "text",
        (),
    )


@pytest.mark.parametrize(
    ("disable", "rule", "enabled"),
    [
        (("value",), "value.mismatch", False),
        (("value.",), "value.mismatch", False),
        (("value.mismatch",), "value.mismatch", False),
        (("value.mismatch",), "value.match", True),
        (("val",), "value.mismatch", True),  # prefixes match on dot boundaries only
        (("value.mismatch",), "value", True),
        (("sign", "period.fiscal"), "period.fiscal.definition", False),
        ((), "anything.at.all", True),
    ],
)
def test_rule_enabled_prefix(disable: tuple[str, ...], rule: str, enabled: bool) -> None:
    assert Config(disable=disable).rule_enabled(rule) is enabled


def test_pyproject_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname="x"\n[tool.factcheck]\ndisable=["record"]\ntolerance=0.01\n'
        'fail-on="warning"\ndate_policy="require"\nformat="json"\nglob="*.md"\n'
    )
    sub = tmp_path / "drafts" / "2025"
    sub.mkdir(parents=True)
    c = load_config(sub)
    assert c == Config(
        disable=("record",),
        tolerance=0.01,
        fail_on="warning",
        date_policy="require",
        format="json",
        glob=("*.md",),
        source=str(tmp_path / "pyproject.toml"),
    )


def test_dotfile_wins_over_pyproject_in_same_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nfail-on="info"\n')
    (tmp_path / ".factcheck.toml").write_text('fail-on="warning"\n')
    assert load_config(tmp_path).fail_on == "warning"


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / ".factcheck.toml").write_text("tolerance = 0.02\n")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname="y"\n')
    assert find_config(inner) == (tmp_path / ".factcheck.toml").resolve()
    assert load_config(inner).tolerance == 0.02


def test_no_file_gives_defaults(tmp_path: Path) -> None:
    # tmp_path's parents may hold no config; if one did, find_config would name it
    if find_config(tmp_path) is None:
        assert load_config(tmp_path) == Config()


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ('fail_on = "fatal"', "fail-on"),
        ('colour = "red"', "unknown key 'colour'"),
        ("tolerance = -0.1", "tolerance"),
        ('tolerance = "1%"', "tolerance"),
        ("tolerance = true", "tolerance"),
        ('date-policy = "guess"', "date-policy"),
        ('format = "pdf"', "format"),
        ("disable = 3", "disable"),
        ('disable = [""]', "disable"),
        ("fail-on = ", "not valid TOML"),
    ],
)
def test_bad_values_raise_config_error(tmp_path: Path, body: str, needle: str) -> None:
    path = tmp_path / ".factcheck.toml"
    path.write_text(body + "\n")
    with pytest.raises(ConfigError) as info:
        load_config_file(path)
    assert needle in str(info.value)
    assert str(path) in str(info.value)


def test_pyproject_named_explicitly_needs_the_table(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname="x"\n')
    with pytest.raises(ConfigError, match="no \\[tool.factcheck\\] table"):
        load_config_file(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_config_file(tmp_path / "nope.toml")


def test_config_is_frozen() -> None:
    import dataclasses

    with pytest.raises(dataclasses.FrozenInstanceError):
        Config().fail_on = "info"  # type: ignore[misc]


def test_mapping_accepts_underscores_and_hyphens() -> None:
    a = config_from_mapping({"fail_on": "info", "date-policy": "today"})
    assert (a.fail_on, a.date_policy) == ("info", "today")
