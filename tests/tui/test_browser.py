"""The browser command line: the link is always one argument, never through a shell."""

from __future__ import annotations

import pytest

from tui.browser import browser_command

URL = "https://news.example/a b;$(rm -rf ~)&c='d'"


@pytest.mark.parametrize(
    ("setting", "environ", "expected"),
    [
        ("w3m {url}", {}, ["w3m", URL]),
        ("lynx -accept_all_cookies", {}, ["lynx", "-accept_all_cookies", URL]),
        ("'my browser' --new-tab={url}", {}, ["my browser", f"--new-tab={URL}"]),
        ("", {"BROWSER": "elinks %s:w3m"}, ["elinks", URL]),
        ("w3m", {"BROWSER": "firefox"}, ["w3m", URL]),  # the setting wins over $BROWSER
        ("", {}, None),
        ("   ", {"BROWSER": ""}, None),
    ],
)
def test_browser_command(setting: str, environ: dict[str, str], expected: list[str] | None) -> None:
    assert browser_command(URL, setting, environ) == expected
