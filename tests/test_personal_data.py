"""Personal data seen through disguises, in bodies and in the front matter's free text."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter

from generator.errors import Location
from generator.load.markdown_lint import lint_markdown
from generator.load.personal_data import normalise, text_problems
from generator.models.common import Phone
from generator.rules.phones import normalise_phone

HERE = Location("meetings/2024-06-21-r.md", 6, 7)


@pytest.mark.parametrize("phone", ["06\u00a012\u00a034\u00a056\u00a078", "06\u202f12\u202f34\u202f56\u202f78",
                                   "06.12.34.56.78", "06–12–34–56–78", "٠٦ ١٢ ٣٤ ٥٦ ٧٨", "０６ １２ ３４ ５６ ７８",
                                   "۰۶ ۱۲ ۳۴ ۵۶ ۷۸"])
def test_phone_disguises_are_seen(phone: str) -> None:
    problems = text_problems(f"Chez Marie, {phone}, au fond", HERE, phones=True)
    assert [(p.code, str(p.location)) for p in problems] == [("M-TEL", "meetings/2024-06-21-r.md:6:7")]
    assert "06 12 34 56 78" in problems[0].message or "06.12.34.56.78" in problems[0].message \
        or "06-12-34-56-78" in problems[0].message


@pytest.mark.parametrize("address", ["marie.dupont&#64;gmail.com", "marie.dupont&commat;gmail.com",
                                     "marie.dupont&#x40;gmail.com", "marie.dupont＠gmail.com"])
def test_email_disguises_are_seen(address: str) -> None:
    assert [p.code for p in text_problems(f"écrire à {address}", HERE, phones=False)] == ["M-COURRIEL"]


def test_generic_address_and_plain_text_pass() -> None:
    assert text_problems("Salle polyvalente, contact&#64;mairie-veynes.fr, 12 rue", HERE, phones=True) == []


def test_normalise_keeps_ascii_text_as_is() -> None:
    assert normalise("Réunion 2024") == "Réunion 2024"
    assert normalise("٢٠٢٤\u00a0—\u00a0x") == "2024 - x"


def test_body_lint_sees_entities_and_arabic_digits() -> None:
    problems = lint_markdown("Appeler le ٠٦ ١٢ ٣٤ ٥٦ ٧٨ ou marie.dupont&#64;gmail.com.", "meetings/r.md", 8)
    assert sorted(p.code for p in problems) == ["M-COURRIEL", "M-TEL"]


@pytest.mark.parametrize("written", ["04 92 ٥٣ 00 00", "٠٤٩٢٥٣٠٠٠٠", "０４ ９２ ５３ ００ ００", "04\u00a092\u00a053\u00a000\u00a000"])
def test_record_phones_are_ascii(written: str) -> None:
    assert normalise_phone(written) == "+33492530000"
    assert TypeAdapter(Phone).validate_python(written) == "+33492530000"  # what the exports write
