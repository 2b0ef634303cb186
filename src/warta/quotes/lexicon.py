"""Word lists for reading speaker phrases: roles, organisations, places, honorifics, pronouns (lowercase)."""

from __future__ import annotations

#: Words that make a phrase a role ("Menteri Keuangan", "peneliti senior"), matched case-insensitively.
ROLE_WORDS = frozenset(
    """
    advokat ahli aktivis ambassador analis analyst anggota asisten besar bicara bupati camat ceo chairman
    chairwoman chief dandim danrem dekan deputi director direktur dirut dosen dubes duta ekonom founder general
    governor gubernur guru hakim head imam jaksa jenderal jubir juru kabareskrim kabid kades kadis kapolda
    kapolres kapolri kapolsek kapuspen kasad kasubag kepala ketua kiai komandan komisioner koordinator kuasa
    leader lurah mahasiswa manajer mayor mendagri mendikbud menhan menkes menkeu menko menlu mensos mentan
    menteri minister nelayan officer official pakar pangdam pangeran panglima paus pedagang pejabat pelajar
    pemilik pemimpin pendeta pendiri peneliti pengacara pengamat pengemudi pengunjung penumpang perdana petani
    pimpinan plh plt presiden president professor raja ratu rektor relawan researcher secretary sekda sekjen
    sekretaris senator siswa sopir spokesman spokesperson spokeswoman staf uskup ustaz wabup wagub wakil wali
    walkot wapres warga
    """.split()  # noqa: SIM905 - a word list reads better as words
)

#: First words that make a capitalised run an organisation (an affiliation, not a name).
ORG_WORDS = frozenset(
    """
    agency asean asosiasi badan balai bank bawaslu bi bmkg bnpb bpbd bpom bureau center centre committee council
    cv department dewan dinas direktorat dpr dprd forum gugus himpunan ikatan institut institute kantor kejagung
    kejaksaan kelompok kemendagri kemenkes kemenlu kementerian kkp komisi koperasi kpk kpu lembaga mahkamah
    ministry mpr nato office ojk partai party pbb pemerintah pemkab pemkot pemprov pengadilan perhimpunan
    persatuan polda polres polri polsek pt pusat rs rsud rumah satgas tbk tim tni un uni universitas university
    who yayasan
    """.split()  # noqa: SIM905 - a word list reads better as words
)

#: First words that make a capitalised run a place.
PLACE_WORDS = frozenset(
    """
    desa dusun gedung istana jalan kabupaten kampung kecamatan kelurahan kota provinsi pulau
    """.split()  # noqa: SIM905 - a word list reads better as words
)

#: Honorifics dropped from a name ("Pak Budi" is Budi).
HONORIFICS = frozenset(
    """
    bapak bu dr drs h hj ibu ir mr mrs ms pak prof saudara sdr
    """.split()  # noqa: SIM905 - a word list reads better as words
)

PRONOUNS = frozenset(
    """
    beliau dia he ia she
    """.split()  # noqa: SIM905 - a word list reads better as words
)

#: Words that may sit between a subject and its verb ("Dia juga menyatakan"): not part of the speaker.
ADVERBS = frozenset(
    """
    akan also bahkan had has juga kembali kemudian lalu lantas pernah pun sebelumnya sempat sudah telah then
    """.split()  # noqa: SIM905 - a word list reads better as words
)

#: Words that begin sentences capitalised and are never names ("Sementara itu, …", "Namun …").
FUNCTION_WORDS = frozenset(
    """
    a adapun agar an apabila at bahkan bila but dalam dengan di hal hingga however in ini itu jika karena
    kemudian ketika kini lalu maka meanwhile menurut meski meskipun namun oleh on pada para saat sampai
    sebelumnya sedangkan sejak sejumlah selain sementara setelah supaya terkait tetapi the untuk walau walaupun
    """.split()  # noqa: SIM905 - a word list reads better as words
)

#: Name-internal lowercase particles ("Muhammad bin Salman", "Ursula von der Leyen").
CONNECTORS = frozenset(
    """
    al bin binti da de der el van von
    """.split()  # noqa: SIM905 - a word list reads better as words
)

DAYS = frozenset(
    """
    friday jumat kamis minggu monday rabu sabtu selasa senin thursday tuesday wednesday
    """.split()  # noqa: SIM905 - a word list reads better as words
)

#: Prepositions that open a role/affiliation complement inside an apposition.
PREPS = frozenset(
    """
    at dari di from of pada untuk with
    """.split()  # noqa: SIM905 - a word list reads better as words
)

#: Ranks that stand between an office and a name ("Kepala Polres X Komisaris Besar Budhi Herdi").
RANKS = frozenset(
    """
    ajun besar brigadir inspektur jenderal kolonel komisaris laksamana letnan marsekal mayor
    """.split()  # noqa: SIM905 - a word list reads better as words
)
