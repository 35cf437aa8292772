"""Production settings refuse to start without their variables, naming the missing one."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FULL = {
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "pinpai.example",
    "DATABASE_URL": "sqlite:///var/never-created.sqlite3",
}


def _check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in FULL}
    clean |= env | {"DJANGO_SETTINGS_MODULE": "config.settings.production"}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", sorted(FULL))
def test_a_missing_production_variable_stops_startup_naming_it(missing):
    result = _check({k: v for k, v in FULL.items() if k != missing})
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_production_settings_start_with_every_variable():
    result = _check(FULL)
    assert result.returncode == 0, result.stderr
