import subprocess
import sys

from kieumau.cli import COMMANDS, main


def test_kieumau_help_lists_commands_in_vietnamese_and_english(capsys):
    main(["--help"])

    output = capsys.readouterr().out
    assert "Lệnh / Commands:" in output
    for name, vietnamese, english in COMMANDS:
        assert name in output
        assert vietnamese in output
        assert english in output


def test_kieumau_console_script_runs_django_commands():
    result = subprocess.run(
        [sys.executable, "-m", "kieumau", "maps", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert "list" in result.stdout
    assert "trace" in result.stdout
