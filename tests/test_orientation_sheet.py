"""The fiche d'orientation's QR code: inline SVG, deterministic, and never markup from the content."""

from __future__ import annotations

from pathlib import Path

from generator.config import Settings
from generator.site.pages.orientation_sheet import absolute, qr_svg, sheet_path


def test_the_qr_code_is_deterministic_inline_svg() -> None:
    first = qr_svg("https://reseau.example.org/annuaire/mediatheque-de-gap/", "Code QR : fiche en ligne")
    assert first == qr_svg("https://reseau.example.org/annuaire/mediatheque-de-gap/", "Code QR : fiche en ligne")
    assert first.startswith('<svg role="img" aria-label="Code QR : fiche en ligne" viewBox=')
    assert "<path" in first and "<script" not in first and "width=" not in first  # scaled by CSS (viewBox)


def test_a_hostile_name_stays_text_in_the_qr_code() -> None:
    svg = qr_svg("https://x.example.org/", 'a" onload="alert(1) </script><script>alert(3)</script>')
    opening = svg.split(">", 1)[0]
    assert "<script" not in svg and opening.count('"') == 8  # role, aria-label, viewBox, class: nothing added
    assert "&lt;/script&gt;&lt;script&gt;alert(3)" in svg and "&quot; onload=&quot;" in opening


def test_the_sheet_lives_under_the_structure_page() -> None:
    settings = Settings(root=Path("."), site_url="https://reseau.example.org/")
    assert sheet_path("mediatheque-de-gap") == "annuaire/mediatheque-de-gap/imprimer/"
    assert absolute(settings, sheet_path("mediatheque-de-gap")) == "https://reseau.example.org/annuaire/mediatheque-de-gap/imprimer/"
    assert absolute(Settings(root=Path(".")), "annuaire/x/") == ""  # no site_url: no QR code
