"""The optional ``email_alerts_url``: a sign-up link beside the feed links when set, nothing when not."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_build

SIGN_UP = "https://follow.it/cellectar-newsroom?action=followPub"


def _set_option(project: Path, line: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      timezone: America/New_York\n" in text
    config.write_text(text.replace("      timezone: America/New_York\n", f"      timezone: America/New_York\n      {line}\n"), encoding="utf-8")


def test_sign_up_link_beside_the_feeds(project: Path) -> None:
    _set_option(project, f'email_alerts_url: "{SIGN_UP}"')
    run_build(project)
    site = project / "site"
    (release,) = (site / "releases").glob("2017-01-24-*/index.html")
    for page in (site / "index.html", site / "releases" / "index.html", release):
        html = page.read_text(encoding="utf-8")
        assert f'href="{SIGN_UP.replace("&", "&amp;")}"' in html, page
        assert "E-mail alerts" in html
    home = (site / "index.html").read_text(encoding="utf-8")
    subscribe = home[home.index('class="nr-subscribe"') :].split("</p>", 1)[0]
    assert "feed.xml" in subscribe and SIGN_UP in subscribe


def test_no_link_without_the_setting(project: Path) -> None:
    run_build(project)
    for page in (project / "site").rglob("*.html"):
        assert "E-mail alerts" not in page.read_text(encoding="utf-8"), page


def test_a_bad_address_stops_the_build(project: Path) -> None:
    _set_option(project, "email_alerts_url: \"javascript:alert(1)\"")
    result = run_build(project, check=False)
    assert result.returncode != 0
    assert "email_alerts_url" in result.stderr + result.stdout and "Traceback" not in result.stderr
