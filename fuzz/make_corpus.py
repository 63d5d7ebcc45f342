#!/usr/bin/env python3
"""Writes the seed corpora in fuzz/corpus/<target>/ (small files; total well under 1 MB).

Seeds are the shapes each parser must handle plus the nasties crawls contain: truncated and
concatenated gzip, gzip bombs, BOM-less UTF-16, lone surrogates in JSON escapes, WARC records
whose Content-Length lies, HTML nested past the depth limit. Binary seeds are made here so the
committed files can be regenerated and reviewed. Run from anywhere; it rewrites the folders.
"""
import gzip
import json
import pathlib
import shutil
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
PAGES = sorted((ROOT / "examples" / "pages").glob("*.txt"))


def gz(data: bytes) -> bytes:
    # mtime=0 so the output is the same on every run (reviewable diffs).
    return gzip.compress(data, mtime=0)


def warc_record(kind: str, rid: str, block: bytes, extra: str = "", length=None) -> bytes:
    n = len(block) if length is None else length
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{rid}>\r\n"
            f"WARC-Date: 2022-01-21T14:05:00Z\r\n{extra}Content-Length: {n}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def http(body: bytes, headers: str = "Content-Type: text/html; charset=utf-8\r\n") -> bytes:
    return b"HTTP/1.1 200 OK\r\n" + headers.encode() + b"\r\n" + body


HTML = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Brussel zoekt stabiele relatie"
        " - Buitenland | Nieuws</title><meta property='og:title' content='Brussel zoekt stabiele "
        "relatie'><script type='application/ld+json'>{\"@context\":\"https://schema.org\","
        "\"@type\":\"NewsArticle\",\"datePublished\":\"2022-01-21T14:05:00+01:00\"}</script>"
        "<style>p{color:red}</style></head><body><nav><a href='/'>Home</a><a href='/b'>Buitenland"
        "</a></nav><main><article><h1>Brussel zoekt stabiele relatie met Rusland</h1><p>BRUSSEL "
        "(ANP) - De Europese Unie wil &quot;op korte termijn&quot; praten met Moskou, zei "
        "Borrell vrijdag.</p><p>,,We gaan door met praten'', aldus de NAVO-chef.</p><h2>Gas</h2>"
        "<p>Het gesprek vindt volgende week plaats in Genève.</p></article></main><aside><h3>Meer "
        "uit Buitenland</h3><ul><li><a href='/1'>Kabinet valt</a> 39 minuten geleden</li><li>"
        "<a href='/2'>Storm in het noorden</a> 1 uur geleden</li></ul></aside><footer>&copy; 2022"
        "</footer></body></html>").encode()

TEXT = ("Brussel zoekt stabiele relatie met Rusland\n\nBRUSSEL (ANP) - De Europese Unie wil op "
        "korte termijn praten met Moskou. \"Het was een belangrijk gesprek\", zei Blinken "
        "vrijdag. Volgens de NAVO-chef is de dreiging reëel.\n\nMeer uit Buitenland\n\nKabinet "
        "valt over asielbeleid\n39 minuten geleden\n").encode()

JSONL = b"\n".join([
    json.dumps({"id": 10591867, "title": "In de krochten van de Brexit-hel",
                "text": "EU-president Donald Tusk zei vorige week iets.",
                "published_at": "2019-02-14"}).encode(),
    b'{"id": "a\\u0000b", "text": "lone \\ud800 surrogate \\udc00 and \\u0000 NUL", "date": "gisteren"}',
    b'{"text": "t", "meta": {"a": [[[[[[[[[[1]]]]]]]]]]}}',
    b'{"text": ',
    b'[1, 2, 3]',
    b'{"html": "<p>Hallo <b>wereld</b></p>", "url": "https://nos.nl/a", "published": "Fri, 21 Jan 2022 14:05:00 GMT"}',
    b'{"title": "geen tekst"}',
    "{\"text\": \"caf\u00e9 \u201cquote\u201d\"}".encode(),
    b'\xff\xfe{"text": "bad bytes \xc3\x28"}',
]) + b"\n"


def warc_samples():
    good = warc_record("response", "1", http(HTML),
                       "WARC-Target-URI: https://nos.nl/artikel/1\r\nContent-Type: application/http;"
                       " msgtype=response\r\n")
    text = warc_record("resource", "2", TEXT, "Content-Type: text/plain\r\n")
    info = warc_record("warcinfo", "0", b"software: wirewatch-fuzz\r\n",
                       "Content-Type: application/warc-fields\r\n")
    latin = warc_record("response", "3", http("<p>caf\xe9 na\xefef</p>".encode("latin-1"),
                                              "Content-Type: text/html; charset=iso-8859-1\r\n"))
    body = gz(TEXT)
    chunked = b""
    for at in range(0, len(body), 10):
        part = body[at:at + 10]
        chunked += b"%x;ext=1\r\n" % len(part) + part + b"\r\n"
    chunked += b"0\r\n\r\n"
    chunk = warc_record("response", "4", http(chunked, "Content-Type: text/plain\r\nTransfer-Encoding:"
                                               " chunked\r\nContent-Encoding: gzip\r\n"))
    liar_long = warc_record("response", "5", http(b"<p>kort</p>"), length=99999999)
    liar_short = warc_record("response", "6", http(HTML), length=20)
    negative = warc_record("resource", "7", TEXT, length=-5)
    return {
        "good.warc": info + good + text,
        "latin1.warc": latin,
        "chunked_gzip.warc": chunk,
        "length_too_long.warc": good + liar_long,
        "length_too_short.warc": liar_short + text,
        "negative_length.warc": negative,
        "truncated.warc": (good + text)[:-100],
        "headers_only.warc": b"WARC/1.0\r\nWARC-Type: response\r\n",
        "not_warc_after_first.warc": good + b"garbage\r\n\r\n" + text,
    }


def write(target: str, files: dict):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)


def main():
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    # Example pages are cut to 4 KB: enough structure, and small seeds mutate faster.
    pages = {p.name: p.read_bytes()[:4096] for p in PAGES}
    warcs = warc_samples()
    zeros = bytes(2 << 20)  # inflates past the fuzzers' 1 MiB output limit
    gz_text = gz(TEXT)

    write("read_bytes_fuzzer", {
        **pages,
        "page.html": HTML,
        "articles.jsonl": JSONL,
        "articles.jsonl.gz": gz(JSONL),
        "crawl.warc": warcs["good.warc"],
        "crawl.warc.gz": gz(warcs["good.warc"]),
        "crawl_per_record.warc.gz": b"".join(gz(r) for r in warcs.values()),
        "truncated.gz": gz_text[:-7],
        "bomb.gz": gz(zeros),
        "gz_in_gz.gz": gz(gz(TEXT)),
        "utf16le_bom.txt": b"\xff\xfe" + TEXT.decode().encode("utf-16-le"),
        "utf16be_nobom.txt": TEXT.decode().encode("utf-16-be"),
        "latin1.txt": TEXT.decode().encode("latin-1", "replace"),
        "png_header.bin": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64),
        "empty.txt": b"",
        "whitespace.txt": b" \n\t\r\n  \n",
        "nul_heavy.txt": b"a\x00b\x00c\x00" * 40,
        "deep.jsonl": b'{"text": "x", "a": ' + b"[" * 200 + b"]" * 200 + b"}\n",
    })
    write("gunzip_fuzzer", {
        "text.gz": gz_text,
        "two_members.gz": gz(b"eerste ") + gz(b"tweede"),
        "truncated.gz": gz_text[:-7],
        "bad_crc.gz": gz_text[:-8] + b"\x00\x00\x00\x00" + gz_text[-4:],
        "zlib.z": zlib.compress(TEXT),
        "empty_member.gz": gz(b""),
        "trailing_garbage.gz": gz_text + b"GARBAGE",
        "bomb.gz": gz(zeros),
        "header_only.gz": gz_text[:10],
    })
    utf8 = TEXT
    write("decode_fuzzer", {
        "utf8": b"\x00" + utf8,
        "utf8_bom": b"\x00\xef\xbb\xbf" + utf8,
        "double_bom": b"\x00\xef\xbb\xbf\xef\xbb\xbfhallo",
        "utf16le_bom": b"\x00\xff\xfe" + "café “x”".encode("utf-16-le"),
        "utf16be_nobom": b"\x00" + "De EU praat met Rusland".encode("utf-16-be"),
        "utf32le_bom": b"\x00\xff\xfe\x00\x00" + "reëel".encode("utf-32-le"),
        "latin1_declared": b"\x02" + "café naïef".encode("latin-1"),
        "cp1252_quotes": b"\x03\x93aanhalingstekens\x94 \x80 5",
        "invalid": b"\x00caf\xc3\x28 \xed\xa0\x80 \xf4\x90\x80\x80 \xc0\xaf",
        "nfd": b"\x00Cafe\xcc\x81 re\xcc\x88eel",
        "nul": b"\x00a\x00b\x00\x00c",
        "sjis_declared": b"\x07\x82\xa0\x82\xa2",
        "utf7_declared": b"\x0a+AGEAYgBj-",
        "lone_surrogate_utf16": b"\x05\x00\xd8\x41\x00",
    })
    write("warc_fuzzer", warcs)
    write("jsonl_fuzzer", {
        "articles.jsonl": JSONL,
        "crlf.jsonl": JSONL.replace(b"\n", b"\r\n"),
        "no_final_newline.jsonl": JSONL.rstrip(b"\n"),
        "deep.jsonl": b'{"text": "x", "a": ' + b"[" * 100 + b"]" * 100 + b"}\n",
        "deep_unbalanced.jsonl": b"{" * 500 + b"\n",
        "numbers.jsonl": b'{"id": 1e999, "text": "x"}\n{"id": -0.0, "text": "y"}\n',
        "blank_lines.jsonl": b"\n\n   \n" + JSONL,
    })
    write("html_fuzzer", {
        "article.html": HTML,
        "deep.html": b"<html><body>" + b"<div>" * 300 + b"<p>diep</p>" + b"</div>" * 300 + b"</body></html>",
        "deep_unclosed.html": b"<html><body>" + b"<span><b>" * 200 + b"tekst",
        "broken.html": b"<html><head><title>x</title<meta charset=\"koi8-r\"><body><p>a<p>b</i></table>",
        "jsonld_bad.html": b"<html><head><script type='application/ld+json'>{\"datePublished\": </script>"
                           b"<script type='application/ld+json'>[{\"@graph\":[{\"headline\":\"k\"}]}]</script>"
                           b"</head><body><article><p>Hallo wereld, dit is een zin.</p></article></body></html>",
        "entities.html": b"<p>&amp;&lt;&#0;&#x110000;&#xD800;&nbsp;&eacute;&bogus;</p>",
        "latin1.html": b"<html><head><meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>"
                       b"</head><body><p>caf\xe9 na\xefef en re\xebel</p></body></html>",
        "fragment.html": b"<p>Alleen een alinea.</p>",
    })
    write("text_page_fuzzer", {
        **{k: b"\x00" + v for k, v in pages.items()},
        "crafted.txt": b"\x01" + TEXT,
        "dateline_only.txt": b"\x01DEN HAAG - \n",
        "ages.txt": b"\x00Titel\n\n39 minuten geleden\n1 uur geleden\n5 minutes ago\n999999999999999999999 dagen geleden\n",
        "empty.txt": b"\x00",
    })
    tok = ("Mr. J.F. de Vries (o.a. NAVO-chef) zei: ,,We gaan door''... Zie www.nu.nl of "
           "mail naam@example.nl, @naam #navo! 1,2 miljoen; 24-02-2022 om 14.30 uur, z'n "
           "'80 jaren enz. Oost-Oekraïne — “citaat” «ander» „nog één”?!\n\nKOP ZONDER PUNT\n"
           "Volgende zin…").encode()
    write("tokenize_fuzzer", {
        "mixed.txt": tok,
        "invalid_utf8.txt": b"caf\xc3\x28 \xff\xfe \xe2\x82 end.",
        "page.txt": pages[PAGES[0].name],
        "quotes_unbalanced.txt": b"'''\"\"\" ,, '' \xe2\x80\x9c \xe2\x80\x9d ( [ { ) ] } ...",
        "long_word.txt": b"a" * 3000 + b". " + b"." * 500,
    })
    dates = ["2022-01-21", "2022-01-21T14:05:00Z", "2022-01-21T14:05:00+01:00",
             "2022-01-21 14:05", "Fri, 21 Jan 2022 14:05:00 GMT", "21 januari 2022",
             "January 21, 2022", "2022-02-30", "0000-01-01T00:00:00-23:59", "9999-12-31T23:59:59+14:00",
             "2022-13-01", "29 februari 2023", "1 maart 1970", "2022-01-21T24:00:00Z",
             "2022-01-21T14:05:00.123456789+01:00", "99999999999-01-01"]
    write("dates_fuzzer", {f"date{i:02d}": d.encode() for i, d in enumerate(dates)})
    quotes = ("\"Het was een belangrijk gesprek\", zei Blinken in een reactie. ,,We gaan door met "
              "praten'', aldus de minister. Volgens de NAVO-chef is de dreiging reëel. Hij zei dat "
              "Rusland moet kiezen. Dat zei Stoltenberg vrijdag. „Nee”, zegt hij naar eigen zeggen. "
              "'Eén, twee. Drie', zei ze.").encode()
    write("quotes_fuzzer", {
        "quotes.txt": quotes,
        "unclosed.txt": b"\"Dit citaat sluit nooit, zei hij. En nog meer tekst zonder einde",
        "nested.txt": b"\"Hij zei: 'nee' en \xe2\x80\x9cja\xe2\x80\x9d\", aldus X.",
        "page.txt": pages[PAGES[1].name],
    })
    times = ("Ze spraken vrijdag. Vorige week, eind vorig jaar en op 24 februari om 14.30 uur. "
             "De afgelopen dagen; sinds 2019; in de jaren negentig; volgend weekend zal hij "
             "praten. Op 24-02-2022 en in november 2022, het derde kwartaal, komend najaar.").encode()
    write("times_fuzzer", {
        "none_anchor": b"\x00" + times,
        "date_anchor": b"\x01" + times,
        "midnight_anchor": b"\x02" + times,
        "page": b"\x01" + pages[PAGES[2].name],
        "numbers": b"\x03 31-02-2022 99.99 uur 0 januari 10000 25:61 uur",
    })
    events = ("Polen zet de Russische consul het land uit. Rusland en China spreken elkaar. "
              "De gesprekken tussen Trump en Kim Jong-un liepen vast, zei hij. Oekraïne werd door "
              "Rusland aangevallen. Rusland ontkent Oekraïne te willen binnenvallen. Als Iran de "
              "VS aanvalt? Merlijn Stoffels (Rode Kruis): 'We geven niet op.' Trumps besluit.").encode()
    write("analyze_fuzzer", {
        "events.txt": events,
        "page.txt": pages[PAGES[0].name],
        "unclosed.txt": b"\"Dit citaat sluit nooit, zei Rutte. En dan: ,,nog",
        "no_verbs.txt": b"NAVO. Rusland. Oekra\xc3\xafne, Polen en de VS; Kim, Xi.",
    })
    write("parse_count_fuzzer", {
        "zero": b"0", "max18": b"9" * 18, "over": b"9" * 19, "neg": b"-1",
        "mixed": b"12a", "empty": b"", "leading_zeros": b"000042", "plus": b"+5",
    })
    total = sum(f.stat().st_size for f in CORPUS.rglob("*") if f.is_file())
    print(f"fuzz/corpus: {sum(1 for f in CORPUS.rglob('*') if f.is_file())} files, {total} bytes")
    assert total < 1 << 20, "seed corpus must stay under 1 MB"


if __name__ == "__main__":
    main()
