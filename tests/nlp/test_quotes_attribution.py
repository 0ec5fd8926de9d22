"""nlp.quotes@1 attribution mechanisms of Indonesian news found on unlabelled articles
(../shared/data outside the labelled sets): role words and titles in the speaker
phrase, documents as subjects, role holders named earlier, appositions after a
lower-case role, a new subject before "ujarnya".  Texts follow lines of that news,
shortened."""

from __future__ import annotations

try:
    from tests.nlp.test_quotes import QUOTES, _article
except ImportError:  # pragma: no cover - tests/nlp is not a package
    from test_quotes import QUOTES, _article  # type: ignore[no-redef]

from warta.model import Entity, Mention


def _speakers(art) -> list[tuple[str | None, str | None]]:  # type: ignore[no-untyped-def]
    return [(q.speaker, q.speaker_name) for q in art.quotes]


def test_quotes_capitalised_preposition_stays_in_the_role() -> None:
    text = (
        '"Nanti Danantara berperan di sana," kata Menteri Dalam Negeri (Mendagri) Tito Karnavian '
        "di Istana, Jakarta, Selasa (10/6/2025)."
    )
    art = QUOTES(_article(text, {"Tito Karnavian": ("tito", "person")}))
    assert [q.speaker for q in art.quotes] == ["tito"]


def test_quotes_title_period_does_not_end_the_speaker() -> None:
    text = (
        '"Suplementasi vitamin D bisa jadi strategi menjanjikan untuk memperlambat penuaan," '
        "kata Dr. Haidong Zhu, ahli genetika molekuler dari Medical College of Georgia."
    )
    art = QUOTES(_article(text))
    assert _speakers(art) == [(None, "Haidong Zhu")]


def test_quotes_statement_speaks_for_its_author_not_the_last_speaker() -> None:
    text = (
        '"Ia mengalami gagal multi-organ yang parah," kata Narciso Lopez.\n\n'
        "Namun, Pemerintah Inggris telah memberikan peringatan dalam panduan perjalanannya ke Peru.\n\n"
        '"Dukun dan pihak lain menawarkan pembersihan spiritual kepada wisatawan di wilayah Amazon," '
        "tulis pernyataan itu."
    )
    actors = {"Narciso Lopez": ("lopez", "person"), "Pemerintah Inggris": ("uk", "country")}
    art = QUOTES(_article(text, actors))
    assert [q.speaker for q in art.quotes] == ["lopez", "uk"]


def test_quotes_letter_as_subject_takes_its_sender() -> None:
    text = (
        '"Kami mengingatkan kembali kepala daerah," kata Tomsi Tohir.\n\n'
        "Kemendagri telah mengirimkan surat kepada seluruh kepala daerah pada pekan lalu.\n\n"
        "Surat itu menyatakan bahwa kepala daerah wajib mengusulkan lokasi sekolah rakyat."
    )
    actors = {"Tomsi Tohir": ("tomsi", "person"), "Kemendagri": ("kemendagri", "organization")}
    art = QUOTES(_article(text, actors))
    assert [q.speaker for q in art.quotes] == ["tomsi", "kemendagri"]


def test_quotes_thing_as_subject_is_no_speech() -> None:
    text = (
        "Elon Musk mengatakan bahwa pekerjaan jarak jauh akan terus bertambah.\n\n"
        "Hal ini menegaskan adanya keterkaitan yang kuat antara pekerja dengan kemajuan teknologi."
    )
    art = QUOTES(_article(text, {"Elon Musk": ("musk", "person")}))
    assert [q.text[:9] for q in art.quotes] == ["pekerjaan"]


def test_quotes_bare_role_is_its_holder_named_before() -> None:
    text = (
        "Kapolres Dumai AKBP Emil Eka Putra memimpin upacara serah terima jabatan.\n\n"
        "Pada kesempatan itu, Kapolres menyampaikan, para pejabat lama telah bekerja dengan penuh dedikasi."
    )
    art = QUOTES(_article(text, {"Emil Eka Putra": ("emil", "person")}))
    assert [q.speaker for q in art.quotes] == ["emil"]


def test_quotes_name_after_lower_case_role_and_its_comma() -> None:
    text = (
        '"Kami mengulang risetnya sampai tiga kali karena kami sangat terkejut," ucap ilmuwan di '
        "balik studi tersebut, Jan Havlicek yang meneliti etologi manusia."
    )
    art = QUOTES(_article(text))
    assert _speakers(art) == [(None, "Jan Havlicek")]


def test_quotes_according_to_role_then_place_then_name() -> None:
    text = (
        "Menurut profesor psikologi sosial di University of Stirling, Skotlandia, Craig Roberts, "
        "bau badan dipengaruhi banyak hal, termasuk makanan."
    )
    actors = {"Craig Roberts": ("roberts", "person"), "University of Stirling": ("stirling", "organization")}
    art = QUOTES(_article(text, actors))
    assert [(q.speaker, q.text[:8]) for q in art.quotes] == [("roberts", "bau bada")]


def test_quotes_new_subject_before_ujarnya_is_its_speaker() -> None:
    text = (
        '"Kami tidak alergi terhadap kritik," ucap Bupati Syarwani.\n\n'
        "Di sisi lain, Ketua PWI Bulungan, Fathu Rizqil Mufid, membuka kegiatan ini sebagai ruang "
        "silaturahmi antarkalangan jurnalis.\n\n"
        '"Kami ingin menghadirkan suasana baru bagi teman-teman wartawan," ujarnya.'
    )
    actors = {"Syarwani": ("syarwani", "person"), "Fathu Rizqil Mufid": ("fathu", "person")}
    art = QUOTES(_article(text, actors))
    assert [q.speaker for q in art.quotes] == ["syarwani", "fathu"]


def test_quotes_conjunction_opening_a_sentence_is_no_speaker() -> None:
    text = (
        '"Semuanya aku yang ngatur," terang Billy Syahputra.\n\n'
        "Setelah menyampaikan keseriusannya, ada hal-hal yang menghambat proses tersebut.\n\n"
        '"Sampai akhirnya ada sedikit kendala dari keluarganya," jelasnya.'
    )
    art = QUOTES(_article(text, {"Billy Syahputra": ("billy", "person")}))
    assert all(q.speaker_name != "Setelah" for q in art.quotes)
    assert art.quotes[-1].speaker == "billy"


def test_quotes_place_typed_as_person_is_no_speaker() -> None:
    text = (
        '"Sudah antre hampir empat jam, sejak pagi tadi," ujar salah satu warga asal Kapanewon '
        "Wonosari, Suwarni (42), Minggu (8/6/2025)."
    )
    actors = {"Wonosari": ("wonosari", "person"), "Suwarni": ("suwarni", "person")}
    art = QUOTES(_article(text, actors))
    assert [q.speaker for q in art.quotes] == ["suwarni"]


def test_quotes_group_does_not_swallow_a_person() -> None:
    text = (
        "Wakil Ketua DPRD Kabupaten Magelang Muhamad Fahrudin menyambut putusan MK itu dengan semringah.\n\n"
        '"Saya menerima dengan senang-senang aja," ucapnya saat dihubungi, Rabu (9/7/2025).'
    )
    art = _article(text, {"Muhamad Fahrudin": ("fahrudin", "person")})
    start = text.find("DPRD")
    art.entities["dprd"] = Entity("dprd", "DPRD", "organization")
    art.mentions.insert(0, Mention(start, start + 4, "DPRD", "ORG", "dprd"))
    art = QUOTES(art)
    assert [q.speaker for q in art.quotes] == ["fahrudin"]


def test_quotes_uncued_quote_far_from_any_speaker_has_none() -> None:
    filler = "Proyek ini mencakup area seluas enam puluh hektar di kawasan selatan pulau. " * 45
    text = (
        '"Ya benar, beliau meninggal dunia di Singapura," ujar Sanny Iskandar kepada wartawan.\n\n'
        + filler
        + '\n\n"Ke depan kita harus lebih berhati-hati dan lebih berhati-hati lagi dalam berbisnis."'
    )
    art = QUOTES(_article(text, {"Sanny Iskandar": ("sanny", "person")}))
    assert [q.speaker for q in art.quotes] == ["sanny", None]


def test_quotes_name_after_a_rank_inside_an_organisation_mention() -> None:
    text = (
        "Kepala Bidang Humas Polda Metro Jaya Kombes Ade Ary Syam Indradi mengatakan pelaku ditangkap "
        "di rumahnya pada Senin (9/6/2025).\n\n"
        '"Dia baru keluar penjara tahun lalu," kata Kabid Humas.\n\n'
        '"Kami masih mendalami kemungkinan adanya pelaku lain," kata Kabid Humas Polda Metro Jaya.'
    )
    art = _article(text)
    start = text.find("Polda Metro Jaya Kombes")
    end = text.find(" mengatakan")
    art.entities["glued"] = Entity("glued", text[start:end], "organization")
    art.mentions.append(Mention(start, end, text[start:end], "ORG", "glued"))
    art = QUOTES(art)
    assert [q.speaker_name for q in art.quotes][:1] == ["Ade Ary Syam Indradi"]


def test_quotes_according_to_inside_the_sentence() -> None:
    text = (
        "Fahmi Bachmid mempertanyakan penahanan kliennya.\n\n"
        "Padahal menurutnya perkara ini belum menunjukkan tanda-tanda akan naik ke pengadilan.\n\n"
        "Sementara itu, jika merujuk data Bank Dunia, menurut Wijayanto Samirin, standar kemiskinannya "
        "terlalu tinggi untuk Indonesia."
    )
    actors = {"Fahmi Bachmid": ("fahmi", "person"), "Wijayanto Samirin": ("wijayanto", "person")}
    art = QUOTES(_article(text, actors))
    assert [(q.speaker, q.text[:7]) for q in art.quotes] == [("fahmi", "perkara"), ("wijayanto", "standar")]


def test_quotes_admission_is_reported_speech_unless_obliged() -> None:
    text = (
        "Meski demikian, Ignas Uran mengakui bahwa konflik sosial sering terjadi di Adonara.\n\n"
        "Timnas Indonesia harus mengakui keunggulan Jepang dalam laga pamungkas Grup C."
    )
    art = QUOTES(_article(text, {"Ignas Uran": ("ignas", "person"), "Indonesia": ("id", "country")}))
    assert [(q.speaker, q.text[:8]) for q in art.quotes] == [("ignas", "konflik ")]


def test_quotes_common_noun_subject_after_a_fronted_phrase_is_unnamed() -> None:
    text = (
        "Berdasarkan pemeriksaan di lapangan antara Pupuk Indonesia dan Polres Lumajang, pemilik kios "
        "mengakui telah menjual pupuk subsidi di atas HET."
    )
    actors = {"Pupuk Indonesia": ("pupuk", "organization"), "Polres Lumajang": ("polres", "organization")}
    art = QUOTES(_article(text, actors))
    assert [(q.speaker, q.speaker_name) for q in art.quotes] == [(None, None)]


def test_quotes_person_before_selaku_role_is_the_speaker() -> None:
    text = (
        "Sementara Lei Jun selaku Chief Executive Officer (CEO) Xiaomi mengatakan, game balap merupakan "
        "salah satu cara terbaik mengenalkan produk mobil."
    )
    actors = {"Lei Jun": ("lei", "person"), "Xiaomi": ("xiaomi", "organization")}
    art = QUOTES(_article(text, actors))
    assert [q.speaker for q in art.quotes] == ["lei"]
