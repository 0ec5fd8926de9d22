"""Entity bugs reported on real indonews lines (old_berita_*.csv rows as quoted), general mechanisms."""

from __future__ import annotations

from warta.nlp.entities import extract


def _found(text: str) -> dict[str, tuple[str, str | None, str | None]]:
    return {m.text: (m.label, m.entity, m.role) for m in extract(text)[0]}


def test_entities_role_with_regional_org_is_not_part_of_the_name() -> None:
    # detik csv:605
    text = (
        "Sebuah mobil yang dikendarai anggota DPRD Cilegon tersebut menabrak pekerja di kawasan Cilegon.\n"
        "Ketua DPRD Cilegon Rizki Khairul Ikhwan mengatakan belum mengetahui secara utuh kejadian itu."
    )
    found = _found(text)
    assert found["Rizki Khairul Ikhwan"][0] == "PER"
    assert found["Rizki Khairul Ikhwan"][2] == "Ketua DPRD Cilegon"
    assert found["DPRD Cilegon"][0] == "ORG"
    assert all(label != "PER" for t, (label, _, _) in found.items() if "Cilegon" in t)


def test_entities_org_head_before_kb_place_is_one_organisation() -> None:
    # detik csv:450
    text = (
        "Polda Sumatera Utara (Sumut) menangkap dua orang kurir. \"Mereka dijanjikan Rp 30 juta,\" "
        "kata Direktur Narkoba Polda Sumut Kombes Jean Calvijn Simanjuntak."
    )
    ms = extract(text)[0]
    orgs = {m.text: m.entity for m in ms if m.label == "ORG"}
    assert "Polda Sumatera Utara" in orgs and "Polda Sumut" in orgs
    assert orgs["Polda Sumatera Utara"] == orgs["Polda Sumut"]
    assert not any("Kombes" in m.text for m in ms if m.label == "ORG")
    assert any(m.text == "Jean Calvijn Simanjuntak" and m.label == "PER" for m in ms)


def test_entities_acronym_defined_in_parentheses_names_the_entity_later() -> None:
    # detik csv:163 and csv:278
    text = (
        "Komite Nasional Keselamatan Transportasi (KNKT) telah mengungkapkan hasil investigasi. "
        "Menurut KNKT, rem truk tidak berfungsi.\n"
        "Masyarakat Transportasi Indonesia (MTI) sudah lama menyuarakan hal ini. "
        "Dalam siaran pers MTI, Kamis, mereka meminta penegakan hukum."
    )
    ms = extract(text)[0]
    knkt = [m for m in ms if m.text == "KNKT"]
    long = [m for m in ms if m.text == "Komite Nasional Keselamatan Transportasi"]
    assert long and long[0].label == "ORG" and len(knkt) == 2
    assert {m.entity for m in knkt} == {long[0].entity}
    mti = [m for m in ms if m.text == "MTI"]
    assert len(mti) == 2 and len({m.entity for m in mti}) == 1


def test_entities_agency_and_holiday_are_not_people() -> None:
    # detik csv:461
    text = (
        "Demikian laporan media pemerintah Lebanon, National News Agency, seperti dilansir kantor berita AFP.\n"
        "Israel Serang Beirut Jelang Hari Raya Idul Adha, Presiden Lebanon Mengecam"
    )
    found = _found(text)
    assert found["National News Agency"][0] == "ORG"
    assert not any("Idul" in t for t in found)


def test_entities_products_documents_and_months_are_not_names() -> None:
    text = (
        "Pemilik kendaraan harus membawa dokumen seperti STNK, BPKB, dan KTP yang masih berlaku.\n"
        "Model yang diekspor antara lain; Avanza, Veloz, Fortuner, Innova Zenix, dan Yaris Cross.\n"
        "Jadwal MotoGP 2025 dirilis pada Mei 2025. Simak info lewat WhatsApp KapanLagi."
    )
    found = _found(text)
    for word in ("STNK", "BPKB", "Avanza", "MotoGP", "Mei", "WhatsApp", "KapanLagi"):
        assert not any(word in t for t in found), (word, found)


def test_entities_tagger_span_around_open_and_kb_names_is_the_mention() -> None:
    # "Pengadilan Negeri" (a capitalised run) + "Surabaya" (KB place) cover the whole span
    text = "Kuasa hukum itu menggugat ke Pengadilan Negeri Surabaya pada Senin."
    mentions = extract(text)[0]
    outer = [m for m in mentions if m.text == "Pengadilan Negeri Surabaya"]
    assert outer and outer[0].label == "ORG"
    assert not any(m.text == "Pengadilan Negeri" for m in mentions)  # the open guess gave way
    inner = [m for m in mentions if m.text == "Surabaya"]
    assert inner and inner[0].how == "gazetteer" and inner[0].entity  # KB link kept inside


def test_entities_capitalised_run_the_tagger_rejects_is_not_a_person() -> None:
    text = "Israel melancarkan operasi militer yang diberi nama Operation Protective Edge di Gaza."
    labels = {m.text: m.label for m in extract(text)[0]}
    assert "Operation Protective Edge" not in labels
    assert labels.get("Israel") == "GPE"
