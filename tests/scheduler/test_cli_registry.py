"""The command registry: one module per command, a parser built from it, and a CLI
that can be called more than once in one process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from scheduler.cli import build_parser, main
from scheduler.commands import MODULES, load_commands
from tests.support.cli import ROOT, cli_env
from tests.support.config import write_config


def test_every_registered_module_has_one_command_with_help():
    commands = load_commands()
    assert len(commands) == len(MODULES)
    for name, command in commands.items():
        assert command.name == name
        assert command.help and not command.help.endswith(".")


def test_main_runs_the_same_command_twice_in_one_process(tmp_path, capsys):
    config = write_config(tmp_path / "config.toml", "")
    for _ in range(2):
        assert main(["--config", str(config), "counts", "--json"]) == 0
        assert json.loads(capsys.readouterr().out) == []
    assert main(["--config", str(config), "coverage", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_options_belong_to_their_command():
    parser = build_parser(load_commands())
    args = parser.parse_args(["crawl", "--source", "a", "--source", "b"])
    assert args.source == ["a", "b"]
    with pytest.raises(SystemExit) as exc:
        parser.parse_args(["counts", "--source", "a"])
    assert exc.value.code == 2


@pytest.mark.slow
def test_building_the_parser_loads_neither_scrapy_nor_the_analysis():
    probe = (
        "import sys\n"
        "from scheduler.cli import build_parser\n"
        "from scheduler.commands import load_commands\n"
        "build_parser(load_commands())\n"
        "heavy = [m for m in ('scrapy', 'trafilatura', 'lingua', 'crawler.analysis.document')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env=cli_env(), cwd=ROOT, timeout=60, check=True)
    assert done.stdout.strip() == ""
