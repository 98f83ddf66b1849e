"""Links judged as a browser parses them (WHATWG URL rules, through ada-url) before any domain check.

Expected hosts are those Chromium and Firefox give for the same strings (``new URL(s, base).hostname``).
"""

from __future__ import annotations

import pytest

from generator.load.markdown_lint import lint_markdown
from generator.review.gate import url_domains
from generator.rules.urls import has_userinfo, is_allowed_link, link_host
from generator.site.render import EXTERNAL_REL, markdown_html, sanitise

BROWSER_HOSTS = [
    ("https:/\\evil.example", "evil.example"),
    ("https:\\\\evil.example/x", "evil.example"),
    ("/\\evil.example", "evil.example"),
    ("\\\\evil.example", "evil.example"),
    ("//evil.example", "evil.example"),
    ("https://spam.example\\@www.ardeche.gouv.fr/", "spam.example"),
    ("ht\ttps://exa\nmple.org/", "example.org"),
    ("HTTPS://WWW.Ardeche.Gouv.FR./", "www.ardeche.gouv.fr"),
    ("https://user:pass@host.example/", "host.example"),
    ("/page/", None),
    ("guide.md", None),
    ("#section", None),
    ("mailto:contact@exemple.fr", None),
]


@pytest.mark.parametrize(("url", "host"), BROWSER_HOSTS)
def test_host_is_the_one_the_browser_contacts(url: str, host: str | None) -> None:
    assert link_host(url) == host


@pytest.mark.parametrize("url", ["https://user@host.example/", "https://user:pass@host.example/",
                                 "//nom@hote.example/", "https:/\\nom@hote.example/"])
def test_userinfo_is_seen_and_refused(url: str) -> None:
    assert has_userinfo(url)
    assert not is_allowed_link(url)


@pytest.mark.parametrize("url", ["https://www.exemple.fr/a@b", "mailto:contact@exemple.fr", "/chemin/", "https://x.fr/?q=@"])
def test_an_at_sign_outside_the_authority_is_fine(url: str) -> None:
    assert not has_userinfo(url)
    assert is_allowed_link(url)


def test_hand_written_pages_mark_backslash_links_external() -> None:
    html = sanitise('<a href="https:/\\evil.example">a</a> <a href="/\\evil.example">b</a> <a href="/ok/">c</a>',
                    external_rel_only=True)
    assert html.count(f'rel="{EXTERNAL_REL}"') == 2
    assert '<a href="/ok/">c</a>' in html


def test_raw_backslash_before_at_is_a_path_not_userinfo() -> None:
    # as written in YAML (no Markdown escape), the browser goes to spam.example, path ``/@www…``
    assert not has_userinfo("https://spam.example\\@www.ardeche.gouv.fr/")


def test_contributor_link_with_userinfo_is_plain_text() -> None:
    html = markdown_html("[préfecture](https://spam.example\\@www.ardeche.gouv.fr/)")
    assert "<a" not in html


def test_lint_refuses_userinfo_with_position() -> None:
    problems = lint_markdown("Voir [ici](https://spam.example\\@www.ardeche.gouv.fr/).", "meetings/r.md", 7)
    assert [(p.location.line, p.location.col, p.code) for p in problems] == [(7, 12, "M-LIEN")]
    assert "identifiant" in problems[0].message


def test_review_sees_the_domain_the_browser_visits() -> None:
    text = "Voir https:/\\evil.example et https://spam.example\\@www.ardeche.gouv.fr/ ou //autre.example/p."
    assert [d for _, _, d in url_domains(text)] == ["evil.example", "spam.example", "autre.example"]
