"""nlp.quotes@1 on the round-4 labels (eval/events/dev3.jsonl, tune half): plain "menyebut",
passive lead cues, pronoun subjects before a quote, pronoun allegers of claims.  Texts
follow lines of the development news (../shared/data), shortened."""

from __future__ import annotations

try:
    from tests.nlp.test_quotes import QUOTES, _article
except ImportError:  # pragma: no cover - tests/nlp is not a package
    from test_quotes import QUOTES, _article  # type: ignore[no-redef]


def test_quotes_menyebut_without_bahwa_is_speech() -> None:
    text = (
        "Kepala Kampung Long Ayap, Jemi, menyebut sudah ada lahan 150 hektare yang disiapkan untuk relokasi."
    )
    art = QUOTES(_article(text, {"Jemi": ("jemi", "person")}))
    assert [(q.speaker, q.text[:9]) for q in art.quotes] == [("jemi", "sudah ada")]


def test_quotes_menyebut_nama_is_no_speech() -> None:
    text = "Saksi Budi Santoso menyebut nama seorang pejabat dalam sidang di pengadilan itu."
    art = QUOTES(_article(text, {"Budi Santoso": ("budi", "person")}))
    assert art.quotes == []


def test_quotes_passive_lead_cue_names_the_speaker() -> None:
    text = "Diungkapkan Fikri, pukulan servis yang bervariasi menjadi senjata utama bagi Indonesia."
    art = QUOTES(_article(text, {"Fikri": ("fikri", "person")}))
    assert [(q.speaker, q.text[:14]) for q in art.quotes] == [("fikri", "pukulan servis")]


def test_quotes_pronoun_before_direct_quote_is_the_subject_before() -> None:
    text = (
        "Senator Tim Kaine mengatakan keputusan itu membuat negara kurang aman.\n\n"
        "Marco Rubio pertama kali mengumumkan rencana perombakan pada April lalu. Ia menyebut struktur "
        "departemen saat ini “gemuk dan birokratis”."
    )
    actors = {"Tim Kaine": ("kaine", "person"), "Marco Rubio": ("rubio", "person")}
    art = QUOTES(_article(text, actors))
    assert [q.speaker for q in art.quotes] == ["kaine", "rubio"]


def test_claims_pronoun_alleger_is_the_person_before() -> None:
    text = (
        "Hilman Latief mengatakan program safari wukuf telah berjalan beberapa tahun.\n\n"
        "Dia menduga isu pungutan itu mencuat karena ada penitipan uang dari jemaah kepada KBIH."
    )
    art = QUOTES(_article(text, {"Hilman Latief": ("hilman", "person")}))
    assert [(c.asserted_by, c.text[:12]) for c in art.claims] == [(["hilman"], "isu pungutan")]


def test_quotes_short_sentence_in_marks_goes_on_with_the_speaker() -> None:
    text = (
        "“Trump akan memperlakukan kota ini dengan lebih agresif,” ujar Grant Reeher. "
        "“Akan ada semacam pertarungan politik.”"
    )
    art = QUOTES(_article(text, {"Grant Reeher": ("reeher", "person")}))
    assert [(q.speaker, q.text[:4]) for q in art.quotes] == [("reeher", "Trum"), ("reeher", "Akan")]


def test_quotes_cue_with_described_speaker_takes_the_previous_one() -> None:
    text = (
        "Siti Aminah Tardi menilai, Aipda PS telah melakukan tindak pidana.\n\n"
        "“Kasus ini juga harus diproses secara pidana,” kata wanita yang akrab disapa Ami ini kepada wartawan."
    )
    art = QUOTES(_article(text, {"Siti Aminah Tardi": ("siti", "person")}))
    assert [q.speaker for q in art.quotes] == ["siti", "siti"]


def test_quotes_menyampaikan_an_object_is_no_speech() -> None:
    text = "Paus Leo XIV menyampaikan simpati terhadap situasi sulit yang dihadapi oleh warga Gaza."
    art = QUOTES(_article(text, {"Paus Leo XIV": ("leo", "person")}))
    assert art.quotes == []


def test_quotes_verb_after_comma_has_the_sentence_subject() -> None:
    text = "Paus Leo XIV mengecam keras tindakan Israel di Jalur Gaza, menyebutnya sebagai “kebiadaban”."
    actors = {"Paus Leo XIV": ("leo", "person"), "Israel": ("israel", "country")}
    art = QUOTES(_article(text, actors))
    assert [q.speaker for q in art.quotes] == ["leo"]


def test_quotes_mereka_after_a_common_noun_group_is_unnamed() -> None:
    text = (
        "“Pengurangan ini dirancang dengan hati-hati,” kata Marco Rubio.\n\n"
        "Para mantan diplomat menyatakan keprihatinan. Mereka menilai bahwa PHK itu melemahkan negara."
    )
    art = QUOTES(_article(text, {"Marco Rubio": ("rubio", "person")}))
    assert [(q.speaker, q.speaker_name) for q in art.quotes] == [("rubio", "Marco Rubio"), (None, None)]


def test_quotes_adverb_after_a_described_speaker() -> None:
    text = (
        "Kapolri Listyo Sigit Prabowo bertemu Presiden.\n\n"
        "Jenderal bintang empat ini hanya menegaskan bahwa Polri siap menindaklanjuti arahan Presiden."
    )
    art = QUOTES(_article(text, {"Listyo Sigit Prabowo": ("listyo", "person")}))
    assert [(q.speaker, q.text[:5]) for q in art.quotes] == [("listyo", "Polri")]


def test_quotes_menyampaikan_a_proposition_is_speech() -> None:
    text = "Zulhas menyampaikan Presiden Prabowo menginginkan agar masyarakat desa tidak kekurangan gizi."
    art = QUOTES(_article(text, {"Zulhas": ("zulhas", "person"), "Prabowo": ("prabowo", "person")}))
    assert [(q.speaker, q.text[:8]) for q in art.quotes] == [("zulhas", "Presiden")]


def test_claims_suspicion_after_reported_words_is_their_speakers() -> None:
    text = (
        "Budi Prasetyo mengatakan informasi itu merupakan hasil investigasi inspektorat. "
        "Pelaku diduga meminta uang kepada jajarannya untuk kepentingan pribadi.\n\n"
        "“Hendry Halim ini diduga mengendalikan jaringannya dari Thailand,” kata Eko Hadi Santoso."
    )
    actors = {"Budi Prasetyo": ("budi", "person"), "Eko Hadi Santoso": ("eko", "person")}
    art = QUOTES(_article(text, actors))
    assert [(c.asserted_by, c.text[:12]) for c in art.claims] == [
        (["budi"], "Pelaku didug"),
        (["eko"], "Hendry Halim"),
    ]
