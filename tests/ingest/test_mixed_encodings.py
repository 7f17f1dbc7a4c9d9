"""Text encodings that readers get wrong (issue 20, items 10 and 13).

UTF-8 with a few invalid bytes (a cp1252 quote pasted into a UTF-8 page, a character cut in two,
a stray byte) is decoded as UTF-8 with those bytes replaced, never as a single-byte charset that
turns every accent into mojibake; genuine cp1252/cp1250/cp1251 pages still decode exactly; and
UTF-16 without a byte-order mark (little- or big-endian) is read, not refused as binary. Each
case goes through a real reader (a folder, or a page on a local HTTP server) and the extraction.
"""

from __future__ import annotations

import gzip
import json
import logging
import random
from pathlib import Path

import pytest

from newsdesk.config import FetchSettings
from newsdesk.extract import extract
from newsdesk.extract.decode import decode_text
from newsdesk.ingest import InMemoryFetchMemory, collect
from newsdesk.ingest.charset import detect_encoding, mostly_utf8
from newsdesk.ingest.fetcher import Fetcher
from newsdesk.ingest.sniff import binary_reason, utf16_byte_order
from newsdesk.types import Article, RawItem, Rejection, Source, SourceKind

from .httpserver import LocalServer

# Real-looking news text in several languages (written for these tests).
TEXTS = {
    "fr": (
        "Le préfet de la Gironde a annoncé mardi des restrictions d'eau dans quarante-deux "
        "communes du département. « C'est une situation inédite », a déclaré Étienne Guyot "
        "lors d'une conférence de presse à Bordeaux, où l'été a été particulièrement sec.\n\n"
        "Les agriculteurs ne pourront plus irriguer leurs parcelles entre 10 heures et 18 heures, "
        "et le remplissage des piscines privées est interdit jusqu'à nouvel ordre. Les "
        "contrevenants s'exposent à une amende de 1 500 euros ; des contrôles seront menés "
        "par l'Office français de la biodiversité dès la semaine prochaine.\n\n"
        "À Libourne, la mairie a déjà fermé ses fontaines publiques. « Nous économisons chaque "
        "goutte », explique la première adjointe, qui réclame un plan régional."
    ),
    "de": (
        "Die Bürgermeisterin von Köln kündigte am Dienstag an, dass die neue Straßenbahnlinie "
        "über die Rheinbrücke im nächsten Frühjahr eröffnet wird. Die Anwohner äußerten sich "
        "überwiegend erfreut, obwohl die Bauarbeiten länger dauerten als geplant.\n\n"
        "„Wir haben aus den Verzögerungen gelernt“, sagte der zuständige Dezernent. Die Kosten "
        "stiegen um zwölf Prozent; der Bund übernimmt etwa die Hälfte der Mehrkosten."
    ),
    "es": (
        "El Ayuntamiento de Sevilla aprobó el miércoles un plan para reducir el tráfico en el "
        "casco histórico. La alcaldesa explicó que la medida entrará en vigor en otoño y que "
        "los vecinos podrán solicitar una autorización especial.\n\n"
        "«Es una decisión difícil pero necesaria», afirmó. Los comerciantes, sin embargo, "
        "temen una caída de las ventas durante la campaña navideña."
    ),
    "pl": (
        "Prezydent Warszawy ogłosił we wtorek, że nowa linia tramwajowa na Gocław zostanie "
        "otwarta w przyszłym roku. Mieszkańcy są zadowoleni z tej decyzji, choć budowa "
        "opóźniła się o kilka miesięcy.\n\n"
        "Koszt inwestycji wzrósł o dwanaście procent; część wydatków pokryją środki unijne. "
        "Radni opozycji żądają szczegółowego wyjaśnienia przyczyn opóźnień."
    ),
    "ru": (
        "Мэр Новосибирска объявил во вторник о строительстве нового моста через Обь. "
        "Жители встретили это решение с одобрением, хотя работы продлятся не менее трёх лет.\n\n"
        "«Мы учли все замечания горожан», — заявил глава города. Стоимость проекта "
        "оценивается в сорок миллиардов рублей; часть средств выделит федеральный бюджет."
    ),
    "el": (
        "Ο δήμαρχος της Θεσσαλονίκης ανακοίνωσε την Τρίτη την επέκταση του μετρό προς τα "
        "δυτικά προάστια. Οι κάτοικοι υποδέχθηκαν θετικά την απόφαση, αν και τα έργα θα "
        "διαρκέσουν τουλάχιστον τέσσερα χρόνια.\n\n"
        "«Λάβαμε υπόψη όλες τις παρατηρήσεις των πολιτών», δήλωσε ο δήμαρχος. Το κόστος του "
        "έργου εκτιμάται σε εξακόσια εκατομμύρια ευρώ, από τα οποία το μεγαλύτερο μέρος θα "
        "καλυφθεί από ευρωπαϊκά κονδύλια."
    ),
}
# Bytes that break UTF-8 in real pages: a cp1252 right quote, a Latin-1 é, a lone 0xff.
STRAY = [b"\x92", b"\xe9", b"\xff"]
MOJIBAKE = ("Ã", "Å", "Â", "Ð", "Ñ", "Î", "â€", "ï¿½")


def _corrupt(text: str, count: int, seed: int) -> bytes:
    """UTF-8 bytes of `text` with `count` stray bytes inserted between characters."""
    data = bytearray(text.encode("utf-8"))
    rng = random.Random(seed)
    spaces = [i for i, b in enumerate(data) if b == 0x20]
    for position in sorted(rng.sample(spaces, count), reverse=True):
        data[position:position] = STRAY[position % len(STRAY)]
    return bytes(data)


def _page(title: str, text: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title></head><body><article><h1>{title}</h1>{body}</article>"
        "</body></html>"
    )


def _article(item: RawItem | Rejection) -> Article:
    assert isinstance(item, RawItem), item
    article = extract(item, clean=False)
    assert isinstance(article, Article), article
    return article


def _no_mojibake(text: str) -> None:
    found = [m for m in MOJIBAKE if m in text]
    assert not found, (found, text[:300])


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_mostly_utf8_files_are_decoded_as_utf8(
    language: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    text = TEXTS[language]
    (tmp_path / "depeche.txt").write_bytes(_corrupt(f"Titre\n\n{text}", 3, seed=1))
    (tmp_path / "page.html").write_bytes(_corrupt(_page("Titre", text), 3, seed=2))
    src = Source(kind=SourceKind.FOLDER, location=str(tmp_path))
    items = list(collect(src, None, InMemoryFetchMemory(), FetchSettings()))
    assert len(items) == 2
    with caplog.at_level(logging.INFO, logger="newsdesk.extract.decode"):
        for item in items:
            assert isinstance(item, RawItem) and item.encoding == "utf-8", item
            article = _article(item)
            _no_mojibake(article.title + article.text)
            assert article.text.count("\ufffd") == 3
            # Every word the stray bytes did not touch is intact.
            words = [w for w in article.text.replace("\ufffd", " ").split() if len(w) > 3]
            assert sum(w in text for w in words) >= 0.9 * len(words)
    replaced = [r.getMessage() for r in caplog.records if "decode_bytes_replaced" in r.getMessage()]
    assert len(replaced) == 2 and all("replaced=3" in m for m in replaced)


def test_a_lying_latin1_header_on_mostly_utf8_page(server: LocalServer) -> None:
    body = _corrupt(_page("Sécheresse en Gironde", TEXTS["fr"]), 2, seed=3)
    url = server.route("/page", body, headers={"Content-Type": "text/html; charset=ISO-8859-1"})
    src = Source(kind=SourceKind.PAGE, location=url, allow_private=True)
    with Fetcher(FetchSettings(timeout=2.0, per_host_interval=0.0)) as fetcher:
        (item,) = collect(src, fetcher, InMemoryFetchMemory(), fetcher.settings)
    article = _article(item)
    _no_mojibake(article.title + article.text)
    assert "préfet" in article.text and article.title == "Sécheresse en Gironde"


def test_a_character_cut_in_two_is_one_replacement() -> None:
    data = TEXTS["ru"].encode("utf-8")
    cut = data[:-2]  # the last letter loses a byte (a truncated download)
    assert detect_encoding(cut) == "utf-8"
    text = decode_text(cut, "utf-8")
    assert isinstance(text, str) and text.endswith("\ufffd") and text.count("\ufffd") == 1


LEGACY = {"fr": "cp1252", "de": "cp1252", "es": "cp1252", "pl": "cp1250", "ru": "cp1251"}


@pytest.mark.parametrize("language", sorted(LEGACY))
def test_genuine_single_byte_charsets_still_decode(language: str, tmp_path: Path) -> None:
    charset = LEGACY[language]
    text = TEXTS[language].replace("„", '"').replace("“", '"')  # cp1250 lacks some quotes
    (tmp_path / "note.txt").write_bytes(f"Titre\n\n{text}".encode(charset))
    (item,) = collect(
        Source(kind=SourceKind.FOLDER, location=str(tmp_path)),
        None,
        InMemoryFetchMemory(),
        FetchSettings(),
    )
    assert isinstance(item, RawItem)
    assert not mostly_utf8(item.content)
    article = _article(item)
    assert "\ufffd" not in article.text
    assert article.text == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("language", ["fr", "ru", "el"])
def test_utf16_without_bom_in_a_folder(codec: str, language: str, tmp_path: Path) -> None:
    text = TEXTS[language]
    (tmp_path / "page.html").write_bytes(_page("Titre", text).encode(codec))
    (tmp_path / "note.txt").write_bytes(f"Titre\n\n{text}".encode(codec))
    items = list(
        collect(
            Source(kind=SourceKind.FOLDER, location=str(tmp_path)),
            None,
            InMemoryFetchMemory(),
            FetchSettings(),
        )
    )
    assert len(items) == 2
    for item in items:
        assert isinstance(item, RawItem) and item.encoding == codec, item
        article = _article(item)
        assert article.title == "Titre"
        read = " ".join(article.text.split()).removeprefix("Titre ")  # HTML: the <h1> too
        assert read == " ".join(text.split())


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_over_http(codec: str, server: LocalServer) -> None:
    page = _page("Sécheresse en Gironde", TEXTS["fr"]).encode(codec)
    url = server.route("/utf16", page, headers={"Content-Type": "text/html"})
    src = Source(kind=SourceKind.PAGE, location=url, allow_private=True)
    with Fetcher(FetchSettings(timeout=2.0, per_host_interval=0.0)) as fetcher:
        (item,) = collect(src, fetcher, InMemoryFetchMemory(), fetcher.settings)
    article = _article(item)
    assert article.title == "Sécheresse en Gironde" and "préfet" in article.text


def test_jsonl_without_title_and_compressed_jsonl_in_a_folder(tmp_path: Path) -> None:
    line = {"url": "https://fil.example/1", "text": TEXTS["fr"].replace("\n\n", " ")}
    (tmp_path / "corpus.jsonl.gz").write_bytes(gzip.compress(json.dumps(line).encode() + b"\n"))
    (item,) = collect(
        Source(kind=SourceKind.FOLDER, location=str(tmp_path)),
        None,
        InMemoryFetchMemory(),
        FetchSettings(),
    )
    article = _article(item)
    assert article.text == line["text"]  # the whole text is body: no line was taken as title
    assert article.title == ""


@pytest.mark.parametrize(
    "data",
    [
        b"\x00" * 2000,  # zeros
        bytes(range(256)) * 16,  # every byte
        "Bonjour le monde, ceci est du texte.".encode("utf-32-le") * 20,  # UTF-32: not UTF-16
        random.Random(7).randbytes(4096),
        b"\x01\x00\x02\x00\x03\x00\x04\x00" * 64,  # NULs on one side, controls on the other
    ],
)
def test_binary_bytes_are_not_taken_for_utf16(data: bytes) -> None:
    assert utf16_byte_order(data) is None
    assert binary_reason(data) is not None


def test_legacy_pages_of_the_benchmark_are_never_mostly_utf8(bench_data: Path) -> None:
    """The calibration of UTF8_MAJORITY: 161 real pages re-encoded in their legacy charset are
    never taken for UTF-8; the same pages in UTF-8 with stray bytes (one per ten multi-byte
    characters) always are."""
    from .test_charset_bench import legacy_pages

    pages = legacy_pages(bench_data)
    assert len(pages) > 100
    assert not [lang for lang, _, data in pages if mostly_utf8(data)]
    rng = random.Random(11)
    for _, text, _ in pages:
        data = bytearray(text.encode("utf-8"))
        multibyte = sum(1 for c in text if ord(c) > 127)
        for _ in range(max(1, multibyte // 10)):
            at = rng.randrange(len(data))
            while at < len(data) and 0x80 <= data[at] < 0xC0:  # between characters
                at += 1
            data[at:at] = STRAY[rng.randrange(len(STRAY))]
        assert mostly_utf8(bytes(data))
