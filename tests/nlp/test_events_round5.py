"""nlp.events@1, round 5 (unseen round-4 labels): dates of weeks and of laws, coordinated and
reciprocal subjects, the pronoun of the sentence before, a lead dated by the quote after it."""

from __future__ import annotations

import pytest

from tests.nlp.test_events_roles import _article, _got


def test_events_week_date_is_given_as_a_day() -> None:
    # kompas-md 05Nov2025: "akhir pekan lalu" is tagged as the weekend of ISO week 44
    art = _article(
        "Mantan Presiden Barack Obama turun langsung memberi dukungan bagi Sherrill pada akhir pekan lalu.",
        {"Barack Obama": "person", "Sherrill": "person"},
        {"akhir pekan lalu": "2025-W44-WE"},
    )
    assert _got(art) == [("SUPPORT", "Barack Obama", "Sherrill", "2025-11-01")]


def test_events_year_of_a_law_does_not_date_the_event() -> None:
    # kompas-md 03Nov2025: "Nomor 7 Tahun 2017" names the law, the demand is not of 2017
    art = _article(
        "Oleh karena itu, Perindo mendesak DPR untuk segera merevisi Undang-Undang Nomor 7 Tahun 2017 tentang Pemilu.",
        {"Perindo": "organization", "DPR": "organization"},
        {"Tahun 2017": "2017"},
    )
    assert [(t, s, o) for t, s, o, _ in _got(art)] == [("DEMAND", "Perindo", "DPR")]
    assert art.events[0].date != "2017" and not art.events[0].background


def test_events_relative_clause_after_a_party_belongs_to_the_person() -> None:
    art = _article(
        "Sementara di New Jersey, Mikie Sherrill menghadapi Jack Ciattarelli dari Partai Republik, yang didukung Trump.",
        {
            "Mikie Sherrill": "person",
            "Jack Ciattarelli": "person",
            "Partai Republik": "organization",
            "Trump": "person",
        },
    )
    assert ("SUPPORT", "Trump", "Jack Ciattarelli") in [g[:3] for g in _got(art)]


def test_events_demand_coordinated_after_an_appeal_is_the_subjects_own() -> None:
    art = _article(
        "Paus Leo mengecam perang di Gaza. "
        "Ia menyerukan agar konflik di Gaza segera diakhiri dan mendesak Israel menghentikan agresinya.",
        {"Paus Leo": "person", "Israel": "country"},
    )
    assert ("DEMAND", "Paus Leo", "Israel") in [g[:3] for g in _got(art)]


def test_events_act_urged_is_still_no_event() -> None:
    # the coordinated act after "agar" stays the one asked for
    art = _article(
        "Jatam meminta agar Bahlil segera mencabut izin dan menyerang PT Gag Nikel.",
        {"Jatam": "organization", "Bahlil": "person", "PT Gag Nikel": "organization"},
    )
    assert [g[0] for g in _got(art)] == ["REQUEST"]


def test_events_two_coordinated_subjects_meet_each_other() -> None:
    art = _article(
        "Presiden AS Donald Trump dan Presiden China Xi Jinping akhirnya menjalin komunikasi lewat "
        "panggilan telepon pada Kamis (5/6/2025).",
        {"AS": "country", "Donald Trump": "person", "China": "country", "Xi Jinping": "person"},
        {"Kamis (5/6/2025)": "2025-06-05"},
    )
    assert _got(art) == [("CONSULT", "Donald Trump", "Xi Jinping", "2025-06-05")]


def test_events_pronoun_is_the_subject_of_the_sentence_before_and_of_coordinated_verbs() -> None:
    art = _article(
        "Melalui platform media sosialnya, Trump mengata-ngatai pendukung Mamdani. "
        "Pernyataan itu disampaikan sehari setelah ia mendorong warga New York memilih Andrew Cuomo "
        "dan mengancam akan menahan dana federal jika Mamdani terpilih.",
        {"Trump": "person", "Mamdani": "person", "Andrew Cuomo": "person"},
    )
    got = [g[:3] for g in _got(art)]
    assert ("SUPPORT", "Trump", "Andrew Cuomo") in got
    assert ("THREATEN", "Trump", "Mamdani") in got
    assert all(g[1] == "Trump" for g in got)


@pytest.mark.parametrize(
    ("text", "actors", "want"),
    [
        (
            "Pemerintah Provinsi DKI Jakarta bakal menyurati PT Adhi Karya untuk membongkar tiang monorel.",
            {"Pemerintah Provinsi DKI Jakarta": "organization", "PT Adhi Karya": "organization"},
            ("REQUEST", "Pemerintah Provinsi DKI Jakarta", "PT Adhi Karya"),
        ),
        (
            "Adapun Prabowo berangkat ke Malaysia dalam rangka menghadiri KTT ASEAN ke-47.",
            {"Prabowo": "person", "Malaysia": "country", "ASEAN": "organization"},
            ("CONSULT", "Prabowo", "ASEAN"),
        ),
        (
            "Presiden RI Prabowo Subianto memberikan arahan khusus kepada Kapolri Listyo Sigit Prabowo.",
            {"Prabowo Subianto": "person", "Listyo Sigit Prabowo": "person"},
            ("DEMAND", "Prabowo Subianto", "Listyo Sigit Prabowo"),
        ),
        (
            "Sehari sebelumnya, Paus sempat menghubungi Benjamin Netanyahu melalui sambungan telepon.",
            {"Paus": "person", "Benjamin Netanyahu": "person"},
            ("CONSULT", "Paus", "Benjamin Netanyahu"),
        ),
    ],
)
def test_events_round5_triggers(text: str, actors: dict[str, str], want: tuple) -> None:
    assert want in [g[:3] for g in _got(_article(text, actors))]


def test_events_reporter_calling_a_source_is_no_consult() -> None:
    art = _article(
        "Kompas.com menghubungi Budi untuk meminta konfirmasi. Budi menghubungi Menteri Luar Negeri Sugiono lewat telepon.",
        {"Kompas.com": "organization", "Budi": "person", "Sugiono": "person"},
    )
    # the reporter's call is no event; a call between the actors of the news is
    assert [(t, s, o) for t, s, o, _ in _got(art) if t == "CONSULT"] == [("CONSULT", "Budi", "Sugiono")]


def test_events_verb_after_kemudian_shares_the_subject_and_is_not_asked_for() -> None:
    # what is asked ends where a clause of its own starts; that clause's verb has no subject
    art = _article(
        "Polisi meminta warga tetap tenang, kemudian menangkap pelaku pencurian itu di Bekasi.",
        {"Polisi": "organization", "warga": "organization", "pelaku": "organization", "Bekasi": "place"},
    )
    assert ("COERCE", "Polisi", "pelaku") in [(t, s, o) for t, s, o, _ in _got(art)]


def test_events_lead_is_dated_by_the_quote_that_tells_it_again() -> None:
    # kompas-md 03Nov2025: the demand was made in the statement of Sunday
    art = _article(
        "Perindo mendesak DPR untuk segera merevisi UU Pemilu. "
        "\u201cKami mendorong pemerintah dan DPR saat ini untuk segera melakukan revisi,\u201d ujar Sekretaris "
        "Jenderal Perindo, Ferry Kurnia Rizkiyansyah, Minggu (2/11/2025).",
        {"Perindo": "organization", "DPR": "organization", "Ferry Kurnia Rizkiyansyah": "person"},
        {"Minggu (2/11/2025)": "2025-11-02"},
    )
    assert ("DEMAND", "Perindo", "DPR", "2025-11-02") in _got(art)


def test_events_invited_act_is_no_event_and_some_time_ago_is_background() -> None:
    art = _article(
        "Presiden Prabowo Subianto mendapatkan undangan resmi untuk menghadiri KTT G7 di Kanada. "
        "Beberapa waktu lalu, Pemerintah Provinsi Aceh (Pemprov Aceh) telah menyurati Presiden Prabowo Subianto "
        "untuk meminta penyelesaian status tanah.",
        {"Prabowo Subianto": "person", "G7": "organization", "Pemerintah Provinsi Aceh": "organization"},
    )
    got = _got(art)
    assert [g[0] for g in got] == ["REQUEST"]
    assert got[0][3] is None and art.events[0].background


def test_events_pronoun_after_namun_is_the_group_the_main_clause_is_about() -> None:
    # kompas-md 10Jul2025: "ia" is the snatcher, not the police chief quoted before
    art = _article(
        "\u201cSatu pelaku sempat melarikan diri,\u201d tambah Kapolsek Vonny Farizky. "
        "Salah satu pelaku yang tidak berhasil melarikan diri sempat menjadi sasaran amukan warga, namun ia "
        "diamankan aparat kepolisian yang segera tiba di lokasi kejadian.",
        {"Vonny Farizky": "person", "aparat kepolisian": "organization"},
    )
    assert [g[:3] for g in _got(art)] == [("COERCE", "aparat kepolisian", "warta:group:pelaku")]


def test_events_topic_of_talks_is_no_target_but_an_investigations_is() -> None:
    art = _article(
        "Presiden AS Donald Trump mengumumkan pembicaraan lanjutan terkait Taiwan. "
        "Kepolisian masih terus melakukan penyelidikan terkait pelaku di balik aksi ranjau paku ini.",
        {"Donald Trump": "person", "Taiwan": "country", "Kepolisian": "organization"},
    )
    got = [g[:3] for g in _got(art)]
    assert not any(g[0] == "CONSULT" for g in got)
    assert ("INVESTIGATE", "Kepolisian", "warta:group:pelaku") in got


def test_events_quoted_hope_for_help_is_a_request_of_the_speaker() -> None:
    art = _article(
        "\u201cKami berharap bantuan dari pemerintah untuk pembangunan kembali di Kampung Long Ayap,\u201d kata Jemi.",
        {"Jemi": "person"},
    )
    assert [g[:3] for g in _got(art)] == [("REQUEST", "Jemi", "warta:group:pemerintah")]
