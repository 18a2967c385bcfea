"""The README says what the code does: its pages, its CLI commands, its two set-up commands."""

import re

import pytest

from lib.ui.keys import PagePath
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_page_in_the_readme_exists_and_every_page_is_in_the_readme():
    listed = set(re.findall(r"\| `/([a-z]*)(?:\?[^`]*)?` \|", README))
    assert listed, "the README's page table lists no page"
    assert listed == {path.value for path in PagePath}


def test_cli_commands_in_the_readme_exist():
    from lib.cli import main

    commands = set(re.findall(r"python -m lib\.cli (\w+)", README))
    assert commands, "the README names no `python -m lib.cli` command"
    for command in commands:
        with pytest.raises(SystemExit) as done:  # argparse's --help always exits
            main([command, "--help"])
        assert done.value.code == 0, command


def test_two_setup_commands():
    assert "make run" in README and "make test" in README
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
