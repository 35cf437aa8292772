"""Settings for `make run`: the embedded SQLite database under var/, debug on."""

from config.settings.base import *  # noqa: F403

DEBUG = True
