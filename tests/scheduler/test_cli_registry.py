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
        "heavy = [m for m in ('scrapy', 'trafilatura', 'lingua', 'crawler.analysis.document',"
        " 'storage.models')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env=cli_env(), cwd=ROOT, timeout=60, check=True)
    assert done.stdout.strip() == ""


@pytest.mark.slow
@pytest.mark.parametrize("command", [["status", "--json"], ["counts", "--json"], ["status"]])
def test_short_read_commands_never_declare_the_orm_tables(tmp_path, command):
    """status and counts read through storage.tables: importing the ORM table models
    would cost them a sixth of their run (bench: responsiveness)."""
    config = write_config(tmp_path / "config.toml", "")
    subprocess.run([sys.executable, "-m", "scheduler", "--config", str(config), "init"],
                   env=cli_env(), cwd=ROOT, timeout=60, check=True, capture_output=True)
    probe = (
        "import sys, runpy\n"
        f"sys.argv = ['stationwatch', '--config', {str(config)!r}, *{command!r}]\n"
        "try:\n"
        "    runpy.run_module('scheduler', run_name='__main__')\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "sys.stderr.write('ORM:' + str('storage.models' in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env=cli_env(), cwd=ROOT, timeout=60, check=True)
    assert done.stderr.strip().endswith("ORM:False"), done.stderr
