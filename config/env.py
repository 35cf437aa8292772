"""The one place that reads environment variables (django-environ).

Every variable is described in docs/configuration.md. Production variables have no default:
reading a missing one raises ImproperlyConfigured naming it, which stops start-up.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()


def sqlite_url(name: str) -> str:
    """The URL of an SQLite file under var/ (created on demand)."""
    (BASE_DIR / "var").mkdir(exist_ok=True)
    return f"sqlite:///{BASE_DIR / 'var' / name}"
