"""Word lists and patterns of the event finder: modality, background, clause edges."""

from __future__ import annotations

import re

ONE_SIDED = frozenset({"PROTEST", "MOBILIZE", "INVESTIGATE"})
# Acts two coordinated subjects do with each other: "X dan Y bertemu", "X dan Y sepakat".
RECIPROCAL = frozenset({"CONSULT", "AGREE", "COOPERATE", "FIGHT"})
# Their verbs without an object ("bertemu", "sepakat", "menjalin komunikasi"), not "mengundang".
RECIPROCAL_VERB = re.compile(r"(?:ber|se|menjalin\b)", re.IGNORECASE)
# "Presiden AS Donald Trump dan Presiden China Xi Jinping": "dan", then the second's title.
PARTNER_AND = re.compile(r"\s(?:dan|serta)\s+(?:(?-i:[A-Z])[\w.-]*\s+){0,4}$", re.IGNORECASE)
PARTNER_GAP = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?", re.IGNORECASE)

PLANNED = frozenset(
    [
        "akan",
        "berencana",
        "dijadwalkan",
        "diperkirakan",
        "direncanakan",
        "rencana",
        "jelang",
        "menjelang",
        "hendak",
        "bakal",
        "ingin",
        "siap",
    ]
)

NEGATION = frozenset(["tidak", "belum", "bukan", "tak", "tanpa"])

CONDITIONAL = re.compile(r"\b(?:jika|apabila|bila|kalau|seandainya|andaikan)\b", re.IGNORECASE)

POSSIBLE = frozenset(["dapat", "bisa", "mampu", "mungkin", "memungkinkan", "memungkinkannya", "kemungkinan"])

# Told in passing: "sejak Kim mengunjungi", "pernah bertemu"; after the trigger: "... tahun lalu".
BACKGROUND = re.compile(
    r"\b(?:sejak|dulu|dahulu|pernah|sebelumnya|beberapa waktu (?:lalu|silam))\b", re.IGNORECASE
)

# "Beberapa waktu lalu, Pemerintah Provinsi (Pemprov) Aceh telah menyurati ...": the opening
# tells the whole main clause as past, however long its subject.
BACKGROUND_OPENING = re.compile(r"\W*(?:beberapa waktu (?:lalu|silam)|sebelumnya)\s*,", re.IGNORECASE)

BACKGROUND_AFTER = re.compile(r"\b(?:tahun lalu|silam|pada tahun \d{4}|dulu)\b", re.IGNORECASE)

# Habitual or lasting ("berulang kali membantah", "selama bertahun-tahun telah mengirim"), a
# reason ("memuji X karena mendukung"): not one dated occurrence.
HABITUAL = re.compile(
    r"\b(?:berulang kali|berkali-kali|kerap(?: kali)?|sering|selalu|(?:secara )?(?:teratur|rutin)|"
    r"selama (?:bertahun-tahun|berbulan-bulan|puluhan tahun|beberapa \w+))\b[^.,;]*$"
    r"|\bkarena\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)

# "X memperdalam hubungan ... sejak 2022": a state lasting since then, not an event of that day.
SINCE_AFTER = re.compile(r"\bsejak\b", re.IGNORECASE)

# "X adalah salah satu negara yang mengakui ...": a description of the subject.
COPULA = re.compile(r"\b(?:adalah|merupakan|ialah)\b", re.IGNORECASE)

# "kunjungan pertamanya sejak tahun 2000", "... pertamanya ke Korut dalam 24 tahun terakhir":
# the previous occurrence is an event of its own.
FIRST_SINCE = re.compile(
    r"\s+pertama(?:nya|\s+kali)?\b(?:\s+(?:ke|di|dengan)\s+[^,.;]{1,40}?)?\s+"
    r"(?:sejak\s+(?:tahun\s+)?(?P<year>\d{4})\b|dalam\s+(?P<n>\d{1,3})\s+tahun(?:\s+terakhir)?)",
    re.IGNORECASE,
)

# An ordinal owned by the subject: "kunjungan pertamanya".
ORDINAL_NYA = re.compile(r"\s+(?:pertama|kedua|ketiga|terakhir|perdana)nya\b", re.IGNORECASE)

# The rest of the clause before an echoing noun: "(ke) Jepang, kunjungan" / ", yang merupakan kunjungan".
ECHO = re.compile(r"[^.;]{0,40}?,\s+(?:yang\s+merupakan\s+|sebagai\s+)?\w+", re.IGNORECASE)

MESSAGE_WINDOW = 2  # sentences after a letter that may tell what it says

COOPERATIVE = re.compile(
    r"\b(?:kerja\s+sama|persahabatan|kemitraan|hubungan\s+(?:bilateral|yang\s+lebih\s+erat))\b",
    re.IGNORECASE,
)

# Where the object part of a clause ends (target search); a full stop inside a quoted
# passage of several sentences too, unless it ends an initial or a title ("Dr.", "A.").
CLAUSE_BREAK = re.compile(
    r"[;,]|(?<!\b\w)(?<!\b\w\w)[.!?]\s|\s(?:yang|karena|sementara|sedangkan|ketika|sebelum|setelah|sejak|"
    r"sambil|sembari|di\s+mana|dimana|sehingga)\s|\sdan\s+(?:me|ber|di|ter)\w+",
    re.IGNORECASE,
)

# Where a subordinate clause starts (source search): its subject follows.
CLAUSE_START = re.compile(
    r"\b(?:sejak|ketika|saat|karena|sehingga|bahwa|sementara|sedangkan|tetapi|namun|setelah|sebelum|"
    r"sambil|sembari|jika|apabila|agar|supaya|usai|seusai|sesudah)\s+"
    # indirect speech: "Budi mengatakan, para pakar mendukung ..." (the pakar support, not Budi)
    r"|\b(?:mengatakan|menyatakan|menjelaskan|menegaskan|menambahkan|menuturkan|mengungkapkan|"
    r"menyebut|menyebutkan|menilai|mengaku|memastikan|berpendapat),\s+",
    re.IGNORECASE,
)

CAPITAL = re.compile(r"(?<![\w.])[A-Z]\w+")

ACCORDING = re.compile(r"\bmenurut\b", re.IGNORECASE)

# Talks and deals, whose "terkait X" is their topic (an investigation's is its target).
TALKS = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# What talks or a statement are about: "terkait Taiwan", "soal Ukraina".
TOPIC_PREP = re.compile(
    r"\b(?:terkait|tentang|mengenai|soal|perihal|seputar)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)

PLACE_PREP = re.compile(r"\bdi\s+(?:\w+\s+){0,2}$", re.IGNORECASE)

PRONOUN = re.compile(r"\b(ia|dia|beliau|mereka)\b", re.IGNORECASE)

# Between a noun trigger and its genitive actor: "penyelidikan pihak Polres", "kunjungan Presiden X".
GENITIVE_GAP = re.compile(r"^\s*(?:(?:dari\s+)?(?:pihak|oleh|pemerintah)\s+|dari\s+)?$", re.IGNORECASE)

# "pertemuan antara Presiden Republik Indonesia Prabowo ...": capitalised role words may follow.
BETWEEN = re.compile(
    r"^\s+antara\s+(?:(?:[A-Z][\w.-]*|ke-\d+|militer|pasukan|tentara|pemerintah|pihak|kelompok)\s+){0,3}$"
)

BETWEEN_AND = re.compile(r"\s+dengan\s+|\s+dan\s+", re.IGNORECASE)

# A noun trigger takes the subject before it only as the object of a light verb ("Israel
# melancarkan serangan"), not in "X mengutuk serangan" or "... akibat serangan".
_AGENT_VERBS = "melakukan|melancarkan|menggelar|mengadakan|melaksanakan|memulai|melanjutkan"
LIGHT_VERB = re.compile(
    rf"\b(?:{_AGENT_VERBS}|meluncurkan|menjalani|terlibat|menyatakan|memberikan|menyampaikan|mengumumkan|"
    r"menjalin|membangun|memperkuat|meningkatkan)\s+(?:(?!bahwa\b)\w+\s+){0,2}$",
    re.IGNORECASE,
)

# A noun whose genitive undergoes the act ("penangkapan X"): a light verb before it makes the
# subject its agent ("polisi melakukan penangkapan"), not one that makes it the patient
# ("X menjalani pemeriksaan").
AGENT_LIGHT_VERB = re.compile(
    rf"\b(?:{_AGENT_VERBS})\s+(?:\w+\s+){{0,2}}$",
    re.IGNORECASE,
)
# Before such a noun, the subject undergoes it: "X menjalani pemeriksaan oleh penyidik".
UNDERGO = re.compile(r"\bmenjalani\s+(?:\w+\s+){0,1}$", re.IGNORECASE)
# Between such a noun and its patient: nothing, or "terhadap" / "atas" / "kepada".
PATIENT_GAP = re.compile(r"^\s*(?:(?:terhadap|atas|kepada)\s+)?$", re.IGNORECASE)

# "serangan tersebut": a noun pointing back at an event already told.
POINTS_BACK = re.compile(r"\s+(?:itu|tersebut|ini)\b", re.IGNORECASE)

COORDINATED = re.compile(r"^\s*(?:,|dan|serta|maupun)\s*$", re.IGNORECASE)

FIRST_PERSON = re.compile(
    r"\b(?:kami|kita|saya|aku)\s+(?:(?:juga|pun|akan|telah|sudah|terus|tetap|ingin|siap|hadir|langsung|"
    r"segera|untuk)\s+){0,3}$",
    re.IGNORECASE,
)

NOUN_BEFORE = re.compile(
    r"(?<![\w-])(?!(?:pada|hari|tanggal|sejak|mulai|hingga|sampai|sekitar|malam|pagi|siang|sore|dan|atau)\s)"
    r"[a-z]{3,}\s+$"
)

HOSTILE = frozenset({"ASSAULT", "COERCE", "FIGHT"})

# Acts a claim can accuse someone of ("menuduh X memasok senjata"); not "menyebut bahwa ... KPK
# melakukan penyidikan" (an investigation told is no accusation against the investigator).
ALLEGED = frozenset({"ASSAULT", "COERCE", "FIGHT", "THREATEN", "AID", "MOBILIZE", "SANCTION", "REJECT"})

# Attitudes to an act: their object may be an act done to someone ("menolak pengusiran paksa
# terhadap warga Palestina", "mendukung pencabutan izin terhadap 4 perusahaan"), who is not
# the one opposed or supported.
ATTITUDE = frozenset({"REJECT", "DISAPPROVE", "SUPPORT"})
OBJECT_ACT = re.compile(
    r"\s*(?:(?:penuh|keras|tegas|sepenuhnya|kuat|besar|juga|pun)\s+)*+(?!(?:terhadap|atas)\b)\S+\s"
    r"(?:[^,.;]*\s)?(?:terhadap|atas)\s+(?:[^\s,.;]+\s+){0,2}$",
    re.IGNORECASE,
)

# A relative clause before a passive verb: "Yayasan X yang didukung AS" (its head is the patient).
RELATIVE = re.compile(
    r"\s+yang\s+(?:(?:telah|sudah|akan|pernah|sedang|juga|kembali|baru)\s+){0,2}$", re.IGNORECASE
)

# Between a person and the party or country he belongs to: "Jack Ciattarelli dari Partai Republik".
OF_PARTY = re.compile(r"\s+(?:dari|asal)\s+", re.IGNORECASE)

# A country or party before a person in one title: "Presiden RI ke-5 sekaligus Ketua Umum PDIP
# Megawati": the person is meant.
TITLE_GAP = re.compile(r"^\s*(?:(?:[A-Z][\w.-]*|ke-\d+|sekaligus|\(\w+\))\s+){0,8}$")

# Present tense: "saat ini ... dalam penyelidikan" happens when the news is published.
NOW = re.compile(r"\b(?:saat ini|sedang|tengah|kini)\b", re.IGNORECASE)

ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
# Between a passive verb and its agent: nothing (or "pihak", "pasukan"), or "oleh" after a
# few words ("diperiksa selama hampir 12 jam oleh penyidik") and before a few (a unit's name).
PASSIVE_AGENT = re.compile(
    r"\s+(?:(?:[^\s,.;:]+\s+){0,5}?oleh\s+(?:[^\s,.;:]+\s+){0,5}?"
    r"|(?:pihak|para|pasukan|militer|tentara|aparat|otoritas)\s+)?$",
    re.IGNORECASE,
)
# A verb whose complement is only wanted, asked for, ordered or threatened, or a duty ("harus
# bersinergi"): the act after it is no event.
COMPLEMENT = re.compile(
    r"\b(?:mengancam|meminta|mendesak|menuntut|menyerukan|memperingatkan|mengimbau|menghimbau|memohon|"
    r"mendorong|mengajak|berharap|menginstruksikan|memerintahkan|mewajibkan|mengundang|diundang|undangan(?:\s+resmi)?\s+untuk|"
    r"perlu|harus|wajib|mesti|seharusnya|sebaiknya|hendaknya|membuka peluang)\s+"
    r"(?:(?:[^\s.;]+\s+){0,8}|(?:[^\s.;]+\s+){0,3}(?:agar|supaya|untuk)\s+(?:[^\s.;]+\s+){0,14})$",
    # commas too: "mendesak agar Uni Eropa, Perserikatan Bangsa-Bangsa (PBB) dan ... untuk mengecam"
    re.IGNORECASE,
)
# A clause of its own after what is asked ("meminta warga tenang, kemudian menangkap ..."):
# the asking ends there.
NEXT_CLAUSE = re.compile(
    r"[,;]\s*(?:kemudian|lalu|lantas|setelah itu|namun|tetapi|tapi|sedangkan|sementara)\s", re.IGNORECASE
)
# A verb coordinated with the one before it: same subject, an act of its own.
ALSO_ASKED = re.compile(
    r"(?:\s(?:dan|serta|sekaligus)(?:\s+(?:kemudian|lalu))?|,\s*(?:kemudian|lalu|lantas))\s+(?:(?:juga|pun|turut|kembali)\s+)?$",
    re.IGNORECASE,
)
THAT = re.compile(r"\b(?:bahwa|agar|supaya)\s+", re.IGNORECASE)
# The subject of what is asked for comes after "agar", before its verb ("meminta agar
# negara-negara sahabat menghormati ... Indonesia": Indonesia is not asked).
ASKED_DEEP = re.compile(
    r"\b(?:agar|supaya)\s+(?:\S+\s+)*?(?-i:(?:me|ber|di|ter)[a-z]{3,})\s+(?:\S+\s+)*$", re.IGNORECASE
)
# "meminta dibebaskan": asking for oneself, the addressee is not the next actor.
ASKED_PASSIVE = re.compile(r"\s+(?:agar\s+)?di[a-z]{4,}", re.IGNORECASE)
# An alleged wrongdoing or use of arms: a claim about it is an accusation.
WRONGDOING = re.compile(
    r"\b(?:korupsi|suap|gratifikasi|pencucian uang|kejahatan|pelanggaran|melanggar|tindak pidana|"
    r"terorisme|penipuan|pemerasan|penyalahgunaan|kecurangan|curang|manipulasi|"
    r"membunuh|pembunuhan|menyiksa|penyiksaan|kekerasan|terlibat|senjata|rudal|amunisi|drone)\b",
    re.IGNORECASE,
)
# The start of a clause with no subject of its own: auxiliaries, adverbs and verbs only.
SUBJECTLESS = re.compile(
    r"\s*(?:(?:akan|telah|sudah|juga|kembali|masih|sedang|tengah|tidak|belum|pun|lalu|segera|terus|"
    r"langsung|untuk|resmi|pertama|kali|dapat|bisa|ingin|hendak|siap|pihaknya|(?:me|ber|di|ter|per)[a-z]+)[\s,]+)*$",
    re.IGNORECASE,
)
# Words of sports reports: an article with several of them tells matches, not politics.
SPORTS = re.compile(
    r"\b(?:gol|gawang|pertandingan|timnas|laga|klasemen|skor|menit ke|babak pertama|babak kedua|"
    r"kiper|striker|bek|gelandang|penalti|sepak bola|kualifikasi piala dunia|turnamen)\b"
)  # matched on lowercased text: three times faster than IGNORECASE
SPORTS_MIN = 4
# A proposition that starts with a verb has no subject of its own.
VERB_FIRST = re.compile(r"(?:me|ber|di|ter|per)[a-z]{3,}\b")

# A pronoun subject right before the verb ("Ia juga meminta"): the person told of before.
SUBJECT_PRONOUN = re.compile(
    r"\b(?:ia|dia|beliau)\s+(?:(?:juga|pun|lalu|kemudian|akan|telah|sudah|kembali|pun|segera|"
    r"bahkan|turut|sempat|pernah|tidak|belum)\s+){0,3}$",
    re.IGNORECASE,
)
PRONOUN_REACH = 600  # characters back to the person a pronoun stands for
# ", yakni Rishyaryudi dan Caswiyono": the object named after an apposition.
APPOSITION = re.compile(r",?\s*(?:yakni|yaitu|antara lain|termasuk)\s+", re.IGNORECASE)
# A bare year right after a name ("Kongres PSI 2025", "Operasi Patuh Nala 2025") names it.
NAMED_YEAR = re.compile(r"(?:[A-Z][\w-]*|\))\s+$")
# "Undang-Undang Nomor 7 Tahun 2017", "Perpres No. 12 tahun 2025": the year names a regulation.
REGULATION_YEAR = re.compile(r"\b(?:nomor|no\.?)\s*[\w./-]+\s+$", re.IGNORECASE)
# An ISO week ("2025-W44", "2025-W44-WE": its weekend), which an event date gives as a day.
ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
