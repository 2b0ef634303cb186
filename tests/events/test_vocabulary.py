"""The trigger vocabulary's affix families (issue 4): one short sentence of our own per word family and type."""

from __future__ import annotations

import pytest

from warta.events.coder import code_events
from warta.nlp.gazetteer import default_gazetteer


def _types(text: str) -> set[str]:
    return {e.event for e in code_events(text, default_gazetteer().find(text, "id"), "id")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # AGREE: agreement, consent, commitment, offers of aid
        ("Indonesia dan Malaysia mencapai mufakat soal perbatasan.", "AGREE"),
        ("Jepang menyanggupi permintaan Filipina.", "AGREE"),
        ("Indonesia bertekad membantu Palestina.", "AGREE"),
        ("Australia menawarkan bantuan kepada Vanuatu.", "AGREE"),
        # CONSULT: talks, discussions, courtesy calls, phone calls, visits, mediation
        ("Menlu Retno berdialog dengan Menlu Jepang di Tokyo.", "CONSULT"),
        ("Presiden Prabowo menemui Perdana Menteri Jepang di Tokyo.", "CONSULT"),
        ("Menlu Sugiono berjumpa dengan Menlu China.", "CONSULT"),
        ("Presiden Prabowo menerima audiensi Dubes Jepang.", "CONSULT"),
        ("Presiden Prabowo bersilaturahmi dengan Raja Yordania.", "CONSULT"),
        ("Indonesia dan Vietnam merundingkan batas laut.", "CONSULT"),
        ("Komisi I DPR menggelar rapat kerja dengan Menteri Pertahanan.", "CONSULT"),
        ("Presiden Prabowo ditelepon Presiden Prancis Emmanuel Macron.", "CONSULT"),
        ("Perdana Menteri Jepang bertandang ke Jakarta.", "CONSULT"),
        ("Qatar memediasi Israel dan Hamas.", "CONSULT"),
        # SUPPORT: praise, thanks, endorsement, apology, ratification
        ("Presiden Prabowo memberikan apresiasi kepada Polri.", "SUPPORT"),
        ("Indonesia berterima kasih kepada Jepang.", "SUPPORT"),
        ("Mesir merestui rencana Indonesia.", "SUPPORT"),
        ("Jepang memohon maaf kepada Korea Selatan.", "SUPPORT"),
        ("Dokumen itu diteken Indonesia dan Australia.", "SUPPORT"),
        # COOPERATE: collaboration and partnership in their common spellings; extradition
        ("Indonesia bekerjasama dengan Singapura.", "COOPERATE"),
        ("Polri berkolaborasi dengan Kepolisian Malaysia.", "COOPERATE"),
        ("Indonesia menggandeng Korea Selatan membangun pabrik.", "COOPERATE"),
        ("Singapura mengekstradisi buronan ke Indonesia.", "COOPERATE"),
        # ACCUSE: investigations, criticism, blame, complaints, reports to the police, trials, verdicts
        ("KPK mengusut dugaan korupsi di Kementerian Agama.", "ACCUSE"),
        ("Indonesia menyesalkan tindakan Israel.", "ACCUSE"),
        ("Malaysia menyalahkan Indonesia atas kabut asap.", "ACCUSE"),
        ("China melayangkan protes kepada Filipina.", "ACCUSE"),
        ("Warga melaporkan pejabat itu ke polisi.", "ACCUSE"),
        ("Hakim mengadili mantan menteri itu di Jakarta.", "ACCUSE"),
        ("Jaksa menuntut terdakwa hukuman lima tahun penjara.", "ACCUSE"),
        ("Hakim menyatakan terdakwa bersalah.", "ACCUSE"),
        # REQUEST: being asked, requests, appeals, orders, urging
        ("Presiden Prabowo memerintahkan Kapolri mengusut kasus itu.", "REQUEST"),
        ("Indonesia mengajukan permohonan kepada Jepang.", "REQUEST"),
        ("DPR mendesak pemerintah agar menunda kenaikan tarif.", "REQUEST"),
        ("Gubernur diminta Presiden Prabowo menurunkan inflasi.", "REQUEST"),
        # the other types
        ("Vietnam menentang rencana China.", "REJECT"),
        ("Korea Utara mengintimidasi Korea Selatan.", "THREATEN"),
        ("Mahasiswa menggelar aksi di depan gedung DPR.", "PROTEST"),
        ("Buruh mogok makan di depan kantor gubernur.", "PROTEST"),
        ("Polisi menerjunkan 2.000 personel di Jakarta.", "MOBILIZE"),
        ("Korea Utara meluncurkan rudal ke Laut Jepang.", "MOBILIZE"),
        ("Rusia menghentikan perundingan dengan Ukraina.", "SANCTION"),
        ("Amerika Serikat menarik diri dari WHO.", "SANCTION"),
        ("Polisi membekuk dua tersangka di Medan.", "COERCE"),
        ("Kapolri memecat tiga anggota Polri.", "COERCE"),
        ("Polisi menetapkan dua pejabat sebagai tersangka.", "COERCE"),
        ("Polisi mengeroyok demonstran di Jakarta.", "ASSAULT"),
        ("Pasukan Israel menyerbu Rafah.", "ASSAULT"),
        ("Presiden Prabowo memberikan amnesti kepada 1.000 narapidana.", "RETREAT"),
        ("Australia mengucurkan dana hibah kepada Indonesia.", "AID"),
    ],
)
def test_affix_family_codes_its_type(text: str, expected: str) -> None:
    assert expected in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Harga beras di pasar naik lagi.",  # no trigger, no party
        "Rapat kerja itu ditunda.",  # a meeting with no party
        "Dilarang merokok di area ini.",  # a sign, no party
        "Pemutusan hubungan kerja meningkat tahun ini.",  # layoffs are no break of relations
    ],
)
def test_no_event_without_a_party(text: str) -> None:
    assert _types(text) == set()


def test_talking_to_the_press_is_no_meeting() -> None:
    assert _types("Presiden Prabowo menemui wartawan di Istana.") == set()


def test_jangan_negates() -> None:
    events = code_events(text := "Warga jangan menyerang polisi.", default_gazetteer().find(text, "id"), "id")
    assert [(e.event, e.mode.value) for e in events] == [("ASSAULT", "negated")]
