"""The compiled rule packs' snapshot: what comes back is what was stored, examples included."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssi_lint import snapshot
from ssi_lint.api import Linter
from ssi_lint.engine import cache
from ssi_lint.model import Rule


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> tuple[tuple[Rule, ...], tuple[Rule, ...], bool]:
    """The built-in rules as read from their packs, as a second run reads them back from the snapshot,
    and whether every example of the latter was still packed once that run was ready to check."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(snapshot.NO_CACHE_ENV, "1")
        fresh = Linter().ruleset.rules
        patch.delenv(snapshot.NO_CACHE_ENV)
        patch.setenv(snapshot.CACHE_DIR_ENV, str(tmp_path_factory.mktemp("snapshots")))
        Linter()
        cached = Linter().ruleset.rules
    packed = all(isinstance(rule.examples, cache.PackedExamples) and rule.examples._examples is None for rule in cached)
    return fresh, cached, packed


def test_every_rule_comes_back_equal(rules: tuple[tuple[Rule, ...], tuple[Rule, ...], bool]) -> None:
    fresh, cached, _ = rules
    assert [rule.id for rule in cached] == [rule.id for rule in fresh]
    assert cached == fresh


def test_examples_are_read_back_only_when_read(rules: tuple[tuple[Rule, ...], tuple[Rule, ...], bool]) -> None:
    assert rules[2], "a run that only checks never reads its rules' examples"
    fresh = {rule.id: rule.examples for rule in rules[0]}
    for rule in rules[1]:
        assert dict(rule.examples.items()) == dict(fresh[rule.id])
        assert list(rule.examples) == list(fresh[rule.id])
        assert len(rule.examples) == len(fresh[rule.id])
    with_examples = next(rule for rule in rules[1] if "fail" in rule.examples)
    assert isinstance(with_examples.examples["fail"], tuple)
    assert repr(with_examples.examples) == repr(dict(fresh[with_examples.id]))


def test_explain_shows_the_same_examples_from_the_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from ssi_lint.cli import main

    monkeypatch.setenv(snapshot.CACHE_DIR_ENV, str(tmp_path))
    first = CliRunner().invoke(main, ["explain", "OUT001"])
    assert list(tmp_path.glob("rules-*")), "the first run stores the snapshot"
    second = CliRunner().invoke(main, ["explain", "OUT001"])
    assert first.exit_code == second.exit_code == 0
    assert "Examples that fire at warning:" in second.output
    assert second.output == first.output


def test_a_process_reads_a_snapshot_back_once_for_each_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(snapshot.CACHE_DIR_ENV, str(tmp_path / "one"))
    Linter()  # reads the packs and stores the snapshot
    first, second = Linter(), Linter()
    programs = [compiled.program for compiled in first.ruleset.evaluator.rules]
    assert programs == [compiled.program for compiled in second.ruleset.evaluator.rules]
    assert all(a is b for a, b in zip(programs, (compiled.program for compiled in second.ruleset.evaluator.rules)))
    assert first.packs is not second.packs

    monkeypatch.setenv(snapshot.CACHE_DIR_ENV, str(tmp_path / "two"))
    Linter()
    assert list((tmp_path / "two").glob("rules-*")), "another cache folder gets its own snapshot"
    third = Linter()
    assert not any(a is b for a, b in zip(programs, (compiled.program for compiled in third.ruleset.evaluator.rules)))
    assert third.ruleset.rules == first.ruleset.rules


def test_the_facts_each_condition_and_fix_reads_come_back_from_the_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ssi_lint.engine.conditions import condition_text, facts_read

    monkeypatch.setenv(snapshot.CACHE_DIR_ENV, str(tmp_path))
    Linter()  # reads the packs and stores the snapshot
    cache._THAWED.clear()
    compiled = Linter().ruleset.evaluator.rules
    assert [rule.reads for rule in compiled] == [facts_read(condition_text(rule.rule)) for rule in compiled]
    assert any(rule.reads for rule in compiled) and any(rule.reads == frozenset() for rule in compiled)
    fixes = [rule for rule in compiled if rule.autofix is not None]
    assert fixes and [rule.autofix.reads for rule in fixes] == [facts_read(rule.rule.autofix["value"]) for rule in fixes]
    assert any(rule.autofix.reads for rule in fixes), "a machine fix that reads a fact (CON's withdraw horizon)"
