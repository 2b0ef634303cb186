"""Regressions from the detik dev gold's errors (tests/events/gold/detik.jsonl, split dev): one case per fix."""

from __future__ import annotations

import pytest

from warta.events.coder import code_events
from warta.nlp.gazetteer import default_gazetteer


def _events(text: str) -> list[tuple[str, str, list[str | None], list[str | None]]]:
    ents = default_gazetteer().find(text, "id")
    return [
        (e.event, e.mode.value, [a.country for a in e.actor], [a.country for a in e.recipient])
        for e in code_events(text, ents, "id")
    ]


@pytest.mark.parametrize(
    "text",
    [
        # detik-809: "Bantuan" inside the agency's name is no aid
        "Siswa Palestina kembali bersekolah di bawah naungan Badan Bantuan dan Pekerjaan PBB untuk Palestina.",
        # detik-630: the signed "Perjanjian Kerja Sama" is the signing's object, not a second event
        "Indonesia dan Malaysia resmi menandatangani Perjanjian Kerja Sama (PKS) terkait lahan.",
    ],
)
def test_capitalised_trigger_in_a_name_is_no_event(text: str) -> None:
    assert not any(e[0] in ("AID", "COOPERATE") for e in _events(text))


def test_country_after_a_currency_is_no_party() -> None:
    # detik-153: "dolar Amerika Serikat (AS)" is money, not the United States
    text = "Gubernur BI menjanjikan akan mendorong rupiah lebih kuat lagi terhadap dolar Amerika Serikat (AS)."
    assert not any("USA" in e[2] + e[3] for e in _events(text))


def test_district_prosecutor_is_indonesian() -> None:
    # detik-247: Kejaksaan Negeri X (like Polda, Kejari, Pemprov) is an Indonesian state body
    events = _events("Kejaksaan Negeri Kuningan kembali menetapkan tiga tersangka atas kasus korupsi.")
    assert ("COERCE", "asserted", ["IDN"], []) in events


def test_verb_after_usai_reports_an_event() -> None:
    # detik-12: "usai ditegur Kemendagri" reports the reprimand; a bare noun after "usai" stays background
    events = _events("Gubernur Sumatra Utara buka suara usai ditegur Kemendagri karena inflasi tinggi.")
    assert any(e[0] == "ACCUSE" and e[2] == ["IDN"] for e in events)
    assert not any(e[0] == "CONSULT" for e in _events("Usai pertemuan, Presiden Rusia menemui wartawan."))


def test_terancam_is_hypothetical() -> None:
    # detik-933: "terancam … dikenai sanksi" is a threatened penalty
    events = _events("Mahasiswa itu terancam dikeluarkan dari kampus atau dikenai sanksi drop out.")
    assert [e[:2] for e in events if e[0] == "COERCE"] == [("COERCE", "hypothetical")]


def test_subject_before_an_apposition() -> None:
    # detik-831: the commas around the name close an apposition, not a clause
    events = _events("Presiden Rusia, Vladimir Putin, melakukan kunjungan resmi ke Korea Utara.")
    assert ("CONSULT", "asserted", ["RUS", "RUS"], ["PRK"]) in events  # the role and the name


def test_dialog_is_a_noun() -> None:
    # detik-94: "dialog" is no di- verb; "dalam dialog resmi tersebut" recalls the meeting already reported
    text = "Presiden Rusia, Vladimir Putin, turut hadir dalam dialog resmi tersebut bersama pejabat Korea Utara."
    assert not any(e[0] == "CONSULT" for e in _events(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # detik-174: strengthening relations is cooperation
        ("Indonesia dan Pakistan terus memperkuat hubungan dagang dan investasi.", "COOPERATE"),
        # detik-149: the reciprocal tariffs are a coercive measure
        ("Presiden AS Donald Trump pertama kali mengumumkan kebijakan tarif resiprokal pada April.", "COERCE"),
        # detik-659: "menertibkan" is a crackdown
        ("Kapolri menyebut polisi akan menertibkan penyebab pencemaran lingkungan hidup.", "COERCE"),
    ],
)
def test_new_triggers(text: str, expected: str) -> None:
    assert expected in {e[0] for e in _events(text)}


def test_a_kind_of_party_takes_the_country_of_its_place() -> None:
    # detik-967: the executed protester is in Saudi Arabia; an official abroad keeps no country from the place
    events = _events("Seorang demonstran yang ikut unjuk rasa antipemerintah di Arab Saudi dieksekusi mati.")
    assert ("ASSAULT", "asserted", [], ["SAU"]) in events
    visit = _events("Menteri Luar Negeri bertemu dengan Menlu Australia di Canberra.")
    assert all(None in e[2] for e in visit if e[0] == "CONSULT")


def test_state_company_is_indonesian() -> None:
    # detik-706: Pertamina is the state's oil company
    events = _events("PT Pertamina terus mendukung pemerintahan Presiden Prabowo Subianto.")
    assert any(e[0] == "SUPPORT" and e[2] == ["IDN"] for e in events)


def test_noun_with_a_demonstrative_refers_back() -> None:
    # detik-159: "mengumumkan tarif impor baru tersebut" recalls tariffs already reported
    assert _events("Batas waktunya 90 hari setelah Trump mengumumkan tarif impor baru tersebut.") == []


def test_group_pronoun_opening_a_sentence_is_a_participant() -> None:
    # detik-247: "Ketiganya ditangkap …" names the suspects of the sentences before
    events = _events("Ketiganya ditangkap atas dugaan tindak pidana pencucian uang.")
    assert [e[:2] for e in events] == [("COERCE", "asserted")]


def test_short_form_in_brackets_restates_the_name() -> None:
    # detik-159: "Presiden Amerika Serikat (AS) Donald Trump" is one party, not the US negotiating with itself
    events = _events("Rupiah melemah menjelang batas akhir negosiasi tarif Presiden Amerika Serikat (AS) Donald Trump.")
    assert not any(e[0] == "CONSULT" for e in events)


def test_pledge_and_synergy() -> None:
    # detik-274: drivers pledge to be the police's partners; "sinergitas antara Polri dengan …" is cooperation
    pledge = _events("Para pengemudi ojol berikrar siap menjadi mitra Polri dalam menjaga kamtibmas.")
    assert ("AGREE", "asserted", [None], ["IDN"]) in pledge
    synergy = _events("Kegiatan ini merupakan bentuk sinergitas nyata antara Polri dengan komunitas ojol.")
    assert any(e[0] == "COOPERATE" and e[2] == ["IDN"] for e in synergy)


def test_bersiap_is_future() -> None:
    # detik-846: the campus is getting ready to impose a sanction
    events = _events("Kemudian pihak kampus sudah bersiap menjatuhkan sanksi.")
    assert ("COERCE", "future", [None], []) in events


def test_a_named_actor_alone_asks() -> None:
    # detik-225: KPK asks "para pihak", a group named only by its kind; a noun or "membahas" alone is no event
    assert ("REQUEST", "future", ["IDN"], []) in _events("KPK juga akan meminta pertanggungjawaban para pihak.")
    assert _events("Forum ASEAN ini membahas tantangan perempuan di bidang energi.") == []


def test_appeal_and_light_verb_noun_with_one_party() -> None:
    # detik-895: "mengajak" is an appeal; detik-737: "menuntaskan negosiasi" carries the noun like "melakukan"
    assert ("REQUEST", "asserted", ["IDN"], []) in _events("Presiden Prabowo mengajak semua generasi untuk bersatu.")
    talks = _events("Sebanyak 1.000 anggota delegasi berkumpul di Swiss demi menuntaskan negosiasi plastik.")
    assert [e[0] for e in talks] == ["CONSULT"]


def test_the_speaker_is_a_party_and_not_the_one_after_the_quote() -> None:
    # detik-726: "saya akan meminta mereka …," kata Pramono: the speaker asks; the name after the quote only says who
    events = _events('"Nanti saya akan meminta mereka untuk menyampaikan kepada publik," kata Presiden Prabowo.')
    assert events == [("REQUEST", "future", [None], [])]


def test_third_dev_batch() -> None:
    # detik-595: coordinating is cooperation; the energy ministry is Indonesian
    assert [e[0] for e in _events("Kami berkoordinasi dengan kementerian terkait.")] == ["COOPERATE"]
    ask = _events("Kementerian Energi dan Sumber Daya Mineral (ESDM) telah meminta badan usaha swasta bekerja sama.")
    assert any(e[0] == "REQUEST" and e[2] == ["IDN"] for e in ask)
    # detik-889: an audience is a meeting
    audience = _events("Hal itu disampaikan pada audiensi dengan Wali Kota Sukabumi dan Bupati Rokan Hilir.")
    assert [e[0] for e in audience] == ["CONSULT"]
    # detik-56: reading out the indictment is an accusation, "membacakan" carries the noun
    assert [e[0] for e in _events("Hal itu diungkap jaksa saat membacakan surat dakwaan.")] == ["ACCUSE"]


def test_what_two_parties_agree_to_form_is_no_party() -> None:
    # detik-580: "sepakat membentuk Kementerian …": the ministry is the object, each side agrees with the other
    events = _events("Indonesia dan Malaysia sepakat membentuk kementerian bersama.")
    assert ("AGREE", "asserted", ["IDN", "MYS"], ["IDN", "MYS"]) in events


def test_one_sided_meeting_in_a_relative_clause_is_background() -> None:
    # the seed: "… Kim Jong Un yang terakhir bertemu di Rusia" recalls the earlier summit
    text = (
        "Ini adalah pertemuan puncak kedua Putin dengan Kim Jong Un yang terakhir bertemu di Rusia pada September lalu."
    )
    assert not any(e[0] == "CONSULT" and e[3] == [] for e in _events(text))
