"""The zh-hans catalogue is complete, and the committed .mo files match the .po files."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ZH = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES"


def test_every_message_has_a_chinese_translation():
    out = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(ZH / "django.po")],
        capture_output=True,
        text=True,
        check=True,
    )
    untranslated = [
        line for line in out.stdout.splitlines() if line.startswith("msgid ") and line != 'msgid ""'
    ]
    assert untranslated == []
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", str(ZH / "django.po")], capture_output=True, text=True, check=True
    )
    assert fuzzy.stdout.strip() == ""


@pytest.mark.parametrize("lang", ["zh_Hans", "en"])
def test_compiled_catalogue_is_current(tmp_path, lang):
    if shutil.which("msgfmt") is None:  # pragma: no cover - make test installs gettext
        pytest.fail("GNU gettext (msgfmt) is required: `make test` installs it")
    folder = ROOT / "locale" / lang / "LC_MESSAGES"
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(folder / "django.po")], check=True)
    assert fresh.read_bytes() == (folder / "django.mo").read_bytes(), "run `make messages` and commit locale/"
