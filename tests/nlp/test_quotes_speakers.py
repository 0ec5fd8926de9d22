"""nlp.quotes@1 speakers: roles, groups, statements, next-sentence and inverted cues, pronouns;
and bounded work on quotes that run on or are in English.  Texts follow lines of the
development news (../shared/data), shortened."""

from __future__ import annotations

try:
    from tests.nlp.test_quotes import QUOTES, _article
except ImportError:  # pragma: no cover - tests/nlp is not a package
    from test_quotes import QUOTES, _article  # type: ignore[no-redef]


def test_quotes_role_before_name_gives_the_name() -> None:
    text = (
        "“Tersangka DUL dijanjikan Rp 18 juta,” kata Direktur Narkoba Polda Sumut Kombes Jean Calvijn "
        "Simanjuntak, dalam keterangannya."
    )
    # the recogniser also took the role word "Narkoba" for a person
    art = QUOTES(_article(text, {"Narkoba": ("n", "person"), "Jean Calvijn Simanjuntak": ("j", "person")}))
    assert [q.speaker for q in art.quotes] == ["j"]


def test_quotes_group_speaker_is_named() -> None:
    text = "“Pelaku sudah kami amankan beserta barang bukti sepeda motor,” kata polisi."
    (q,) = QUOTES(_article(text)).quotes
    assert (q.speaker, q.speaker_name) == (None, "polisi")


def test_quotes_statement_after_quote_names_its_author() -> None:
    text = (
        "“Sebuah drone musuh Israel melakukan serangan di desa Shebaa,” demikian pernyataan Kementerian "
        "Kesehatan Lebanon."
    )
    art = QUOTES(_article(text, {"Kementerian Kesehatan Lebanon": ("moh", "organization")}))
    assert [q.speaker for q in art.quotes] == ["moh"]


def test_quotes_unnamed_questioner_gets_no_speaker() -> None:
    text = (
        "“Saudara tahu enggak kalau Denden ini biasa menjadi ahli?” tanya jaksa kepada Hokky.\n\n"
        "“Puluhan dalam setahun?” tanya kuasa hukum Denden kepada Teguh.\n\n"
        "“Lebih (puluhan). Paling tidak (ratusan),” kata Teguh."
    )
    actors = {"Hokky": ("h", "person"), "Denden": ("d", "person"), "Teguh": ("t", "person")}
    got = [(q.speaker, q.speaker_name) for q in QUOTES(_article(text, actors)).quotes]
    assert got == [(None, None), (None, None), ("t", "Teguh")]


def test_quotes_speaker_named_in_next_sentence() -> None:
    text = (
        "“Kami sudah melakukan pemeriksaan terhadap tiga saksi dan akan memanggil saksi lain.” Hal itu "
        "disampaikan Kapolres Garut AKP Joko Prihatin di Garut."
    )
    (q,) = QUOTES(_article(text, {"Joko Prihatin": ("jp", "person")})).quotes
    assert q.speaker == "jp" and q.text.startswith("Kami sudah")


def test_quotes_subject_and_verb_after_quote() -> None:
    text = (
        "Eva Chairunisa hadir dalam acara itu.\n\n“Kami berharap program diskon ini dapat berkontribusi "
        "dalam meningkatkan pariwisata,” Eva menegaskan."
    )
    (q,) = QUOTES(_article(text, {"Eva Chairunisa": ("e", "person"), "Budi": ("b", "person")})).quotes
    assert q.speaker_name and q.speaker_name.startswith("Eva")


def test_quotes_pronoun_after_quote_is_the_speaker_not_a_name_inside() -> None:
    text = (
        "Kepala Humas I Nyoman Gede Surya Mataram memberi keterangan.\n\n"
        "“Yang bersangkutan (Lindsay) dengan kena penyakit kanker menjadi pertimbangan,” kata dia.\n\n"
        "Ia menambahkan pemulangan dua napi ini bukan berarti mereka bebas dari hukuman."
    )
    actors = {"I Nyoman Gede Surya Mataram": ("n", "person"), "Lindsay": ("l", "person")}
    quotes = QUOTES(_article(text, actors)).quotes
    assert [(q.direct, q.speaker) for q in quotes] == [(True, "n"), (False, "n")]


def test_quotes_fronted_adverb_is_not_part_of_the_name() -> None:
    text = (
        "Menteri Yusril Ihza Mahendra tiba di Jakarta.\n\nSebelumnya, Yusril mengatakan, Lindsay "
        "menderita penyakit yang berat."
    )
    art = _article(text, {"Yusril Ihza Mahendra": ("y", "person")})
    (q,) = QUOTES(art).quotes
    assert q.speaker_name == "Yusril" and not q.direct


def test_quotes_name_after_role_comma_without_entity() -> None:
    text = (
        "“Merespons antusiasme publik, kami menambah jadwal pameran,” ucap Konjen RI untuk Noumea, "
        "Bambang Gunawan dalam keterangannya."
    )
    (q,) = QUOTES(_article(text, {"Noumea": ("kj", "organization")})).quotes
    assert (q.speaker, q.speaker_name) == (None, "Bambang Gunawan")


def test_quotes_titles_in_marks_are_not_speech() -> None:
    text = (
        "Konferensi itu bertema “Collaborative Leadership for a Sustainable Future” tahun ini. "
        "Ilauddin tampil dalam sesi “From Co-Pilot to Strategic Catalyst” bersama tokoh lain."
    )
    assert QUOTES(_article(text, {"Ilauddin": ("i", "person")})).quotes == []


def test_quotes_english_words_in_indonesian_text() -> None:
    text = "“We will not back down from this position,” kata Peskov kepada wartawan di Moskwa."
    (q,) = QUOTES(_article(text, {"Peskov": ("p", "person")})).quotes
    assert q.text == "We will not back down from this position," and q.speaker == "p"


def test_quotes_quote_running_to_end_of_article_stays_in_paragraph() -> None:
    text = (
        "“Kami tidak akan mundur,” kata Peskov.\n\n“Posisi kami jelas sejak awal dan tidak akan berubah "
        "apa pun yang terjadi di lapangan"
    )
    quotes = QUOTES(_article(text, {"Peskov": ("p", "person")})).quotes
    last = quotes[-1]
    assert last.end == len(text) and last.start > text.index("\n\n") and last.speaker == "p"


def test_quotes_many_marks_in_one_paragraph_are_bounded() -> None:
    text = " ".join(["“Kami setuju dengan usulan itu sepenuhnya,” kata Budi."] * 1500)
    art = QUOTES(_article(text, {"Budi": ("b", "person")}))
    assert 0 < len(art.quotes) <= 200 and all(q.end - q.start < 60 for q in art.quotes)
