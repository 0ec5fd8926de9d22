"""nlp.events@1, round 4 coverage: triggers by morphology for every PLOVER type, nouns whose
genitive undergoes the act, fronted phrases owned by the main clause's person, acts that are
only urged or owed."""

from __future__ import annotations

import pytest

from tests.nlp.test_events_roles import _article, _got


@pytest.mark.parametrize(
    ("text", "actors", "want"),
    [
        # real lines (kompas-md); each needs a trigger of round 4
        (
            "Ia menambahkan bahwa BPJN NTT telah menggandeng Kejaksaan Tinggi untuk melakukan pendampingan.",
            {"BPJN NTT": "organization", "Kejaksaan Tinggi": "organization"},
            ("COOPERATE", "BPJN NTT", "Kejaksaan Tinggi"),
        ),
        (
            "Judha mengaku sudah berkoordinasi dengan Kedutaan Besar Republik Indonesia (KBRI) di Tokyo.",
            {"Judha": "person", "Kedutaan Besar Republik Indonesia": "organization"},
            ("CONSULT", "Judha", "Kedutaan Besar Republik Indonesia"),
        ),
        (
            "Kejagung kini telah menetapkan empat tersangka kasus dugaan korupsi pengadaan laptop Chromebook.",
            {"Kejagung": "organization"},
            ("COERCE", "Kejagung", "warta:group:pelaku"),
        ),
        (
            "Kreator konten Nessie Judge meminta maaf kepada netizen Jepang.",
            {"Nessie Judge": "person", "Jepang": "country"},
            ("CONCEDE", "Nessie Judge", "Jepang"),
        ),
        (
            "Mahkamah Kehormatan Dewan (MKD) DPR menonaktifkan anggota DPR Nafa Urbach.",
            {"Mahkamah Kehormatan Dewan": "organization", "Nafa Urbach": "person"},
            ("SANCTION", "Mahkamah Kehormatan Dewan", "Nafa Urbach"),
        ),
        (
            "Selain itu, militer Israel juga menewaskan tiga anggota Hizbullah lainnya.",
            {"Israel": "country", "Hizbullah": "organization"},
            ("ASSAULT", "Israel", "Hizbullah"),
        ),
        (
            "Konflik bersenjata antara militer Thailand dan Kamboja pecah pada Kamis (24/7/2025) pagi.",
            {"Thailand": "country", "Kamboja": "country"},
            ("FIGHT", "Thailand", "Kamboja"),
        ),
        (
            "Israel memulai perang selama 12 hari dengan Iran setelah meluncurkan serangan udara pada 13 Juni.",
            {"Israel": "country", "Iran": "country"},
            ("FIGHT", "Israel", "Iran"),
        ),
        # the rows before round 4 keep their type against the longer patterns added
        (
            "Sekitar 30 petugas polisi terluka dalam bentrokan dengan pengunjuk rasa saat itu.",
            {"polisi": "organization", "pengunjuk rasa": "organization"},
            ("FIGHT", "polisi", "pengunjuk rasa"),
        ),
        (
            "Rusia mengirim pasukan ke Ukraina.",
            {"Rusia": "country", "Ukraina": "country"},
            ("ASSAULT", "Rusia", "Ukraina"),
        ),
    ],
)
def test_events_round4_triggers(text: str, actors: dict[str, str], want: tuple) -> None:
    art = _article(text, actors)
    assert want in [(e.type, e.source, e.target) for e in art.events]


def test_events_noun_genitive_undergoes_the_act() -> None:
    art = _article(
        "Penangkapan Hasto oleh KPK dilakukan pada Senin (2/6/2025). "
        "Penangkapan tersebut berawal dari pengajuan penahanan sementara oleh KPK.",
        {"Hasto": "person", "KPK": "organization"},
        {"Senin (2/6/2025)": "2025-06-02"},
    )
    assert _got(art) == [("COERCE", "KPK", "Hasto", "2025-06-02")]  # not Hasto -> KPK; no patient, none


def test_events_subject_undergoing_a_noun_is_the_target() -> None:
    # real line (kompas-md 06Nov2025)
    art = _article(
        "Saat ini, kelima pria tersebut masih menjalani pemeriksaan oleh penyidik.",
        {"kelima pria": "person"},
    )
    assert [(e.type, e.source, e.target) for e in art.events] == [
        ("INVESTIGATE", "warta:group:penyidik", "kelima pria")
    ]


def test_events_fronted_phrase_belongs_to_the_main_clause_person() -> None:
    # real line (kompas-md 02Nov2025)
    art = _article(
        "Dalam kunjungannya ke Organisasi Energi Atom pada Minggu (2/11/2025), Pezeshkian menyampaikan "
        "bahwa Iran tidak akan menyerah.",
        {"Organisasi Energi Atom": "organization", "Pezeshkian": "person", "Iran": "country"},
        {"Minggu (2/11/2025)": "2025-11-02"},
    )
    assert ("CONSULT", "Pezeshkian", "Organisasi Energi Atom", "2025-11-02") in _got(art)


@pytest.mark.parametrize(
    "text",
    [
        # real lines (kompas-md): urged, or owed, not done
        "Politikus Partai Nasdem itu mendorong kepolisian untuk mengusut kasus rumah kebakaran hakim Khamozaro.",
        "Seluruh unsur pemerintah dan masyarakat harus bersinergi dengan Pemprov Jabar.",
        "Mereka telah mendesak agar Uni Eropa, PBB dan komunitas internasional untuk mengecam Israel.",
    ],
)
def test_events_act_only_urged_or_owed_is_no_event(text: str) -> None:
    actors = {"kepolisian": "organization", "Khamozaro": "person", "pemerintah": "organization"}
    actors |= {"Pemprov Jabar": "organization", "Uni Eropa": "organization", "Israel": "country"}
    types = {e.type for e in _article(text, actors).events}
    assert not types & {"INVESTIGATE", "COOPERATE", "DISAPPROVE"}


def test_events_passive_in_a_relative_clause_acts_on_its_head() -> None:
    # real lines (kompas-md 30May2025, indonews detik): the head before "yang" is the patient
    art = _article(
        "Bantuan hanya melalui jalur PBB atau Yayasan Kemanusiaan Gaza yang didukung Amerika Serikat. "
        "HNW mengajak warga dunia mendukung 12 relawan dengan kapal Madleen yang diculik Israel.",
        {"Yayasan Kemanusiaan Gaza": "organization", "Amerika Serikat": "country", "HNW": "person"}
        | {"warga": "organization", "Israel": "country"},
    )
    assert [(e.type, e.source, e.target) for e in art.events if e.type in ("SUPPORT", "ASSAULT")] == [
        ("SUPPORT", "Amerika Serikat", "Yayasan Kemanusiaan Gaza")  # not ASSAULT Israel -> warga
    ]


def test_events_country_in_a_persons_title_is_not_the_target() -> None:
    # real line (kompas-md 08Jun2025)
    art = _article(
        "Sufmi Dasco Ahmad bertemu dengan Presiden RI ke-5 sekaligus Ketua Umum PDIP Megawati Soekarnoputri.",
        {"Sufmi Dasco Ahmad": "person", "RI": "country", "PDIP": "organization"}
        | {"Megawati Soekarnoputri": "person"},
    )
    assert [(e.type, e.source, e.target) for e in art.events] == [
        ("CONSULT", "Sufmi Dasco Ahmad", "Megawati Soekarnoputri")
    ]


def test_events_indirect_speech_after_a_comma_has_its_own_subject() -> None:
    # real line (kompas-md 11Jul2025): the experts support, not the spokesman
    art = _article(
        "Budi mengatakan, pada prinsipnya, para pakar hukum mendukung penuh pengaturan sebagaimana dilakukan KPK. "
        "Budi mengatakan, pihaknya mendukung KPK.",
        {"Budi": "person", "KPK": "organization"},
    )
    assert [(e.type, e.source, e.target) for e in art.events] == [("SUPPORT", "Budi", "KPK")]
    assert art.events[0].start > 50  # the second sentence


def test_events_attitude_to_an_act_is_not_against_its_patient() -> None:
    # real lines (kompas-md): the Palestinians are not rejected, the companies not supported
    art = _article(
        "Ia menekankan bahwa Jerman menolak keras segala bentuk pengusiran paksa terhadap warga Palestina. "
        "Andika Satya Wasistho mendukung pencabutan izin terhadap 4 perusahaan tambang di Raja Ampat. "
        "PKS akan memberikan dukungan penuh terhadap Prabowo.",
        {"Jerman": "country", "Palestina": "country", "Andika Satya Wasistho": "person"}
        | {"perusahaan": "organization", "PKS": "organization", "Prabowo": "person"},
    )
    assert [(e.type, e.source, e.target) for e in art.events] == [("SUPPORT", "PKS", "Prabowo")]


def test_events_request_targets_the_subject_of_what_is_asked() -> None:
    # real lines (kompas-md 29May2025, 26Jul2025, 10Jun2025)
    art = _article(
        "Prabowo pun meminta agar negara-negara sahabat untuk menghormati kedaulatan dan integritas "
        "teritorial Indonesia. Klein mendorong agar masyarakat dan pemerintah Jerman membuka ruang diskusi. "
        "Pengacara Ronald Tannur, Lisa Rachmat meminta dibebaskan dari tuntutan dalam kasus suap vonis "
        "bebas Ronald.",
        {"Prabowo": "person", "Indonesia": "country", "Klein": "person", "Jerman": "country"}
        | {"Ronald Tannur": "person", "Lisa Rachmat": "person", "Ronald": "person"},
    )
    assert [(e.type, e.source, e.target) for e in art.events] == [("REQUEST", "Klein", "Jerman")]
