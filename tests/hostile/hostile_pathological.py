"""The pathological inputs of the hostile suite, written as files, and a canary HTTP server."""

from __future__ import annotations

from pathlib import Path

# -- pathological inputs -------------------------------------------------------------------

_PROSE = (
    "Ministers met at the harbour on Tuesday to argue over shipping fees, and the talks ran "
    "late into the evening before an adjournment was agreed by all sides."
)


def _rss(items: str, *, prolog: str = "", title: str = "Canary feed") -> str:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{prolog}<rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://feed.example.org/</link>{items}</channel></rss>"
    )


def _item(title: str, body: str, n: int = 0) -> str:
    return (
        f"<item><title>{title}</title><link>https://feed.example.org/{n}</link>"
        f"<description>{body}</description></item>"
    )


def _page(title: str, body: str, head: str = "") -> str:
    return f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>"


def pathological_inputs(folder: Path, canary: str) -> dict[str, Path]:
    """Write the pathological files into ``folder``; ``canary`` is an http URL that must never be hit.

    Returns name -> path. Each must import or fail clearly, within 10 s and 300 MB.
    """
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {}
    prose = "".join(f"<p>{_PROSE} ({n})</p>" for n in range(8))

    laughs = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    files["billion-laughs.xml"] = _rss(
        _item("&lol9;", "&lol9;"), prolog=f"<!DOCTYPE rss [{laughs}]>"
    ).encode()
    files["billion-laughs.html"] = (
        f"<!DOCTYPE html [{laughs}]>" + _page("&lol9;", "<p>&lol9;</p>" + prose)
    ).encode()
    big = "x" * 50_000
    files["quadratic-blowup.xml"] = _rss(
        _item("&a;" * 1000, "&a;" * 50_000), prolog=f'<!DOCTYPE rss [<!ENTITY a "{big}">]>'
    ).encode()
    external = (
        '<!DOCTYPE rss [<!ENTITY file SYSTEM "file:///etc/passwd">'
        f'<!ENTITY web SYSTEM "{canary}/entity">'
        f'<!ENTITY % remote SYSTEM "{canary}/parameter"> %remote;]>'
    )
    files["external-entities.xml"] = _rss(
        _item("Leak &file; &web;", f"<p>&file; &web; {_PROSE}</p>"),
        prolog=f'<?xml-stylesheet type="text/xsl" href="{canary}/xsl"?>{external}',
    ).encode()
    files["external-dtd.xml"] = _rss(
        _item("Remote DTD", _PROSE), prolog=f'<!DOCTYPE rss SYSTEM "{canary}/dtd">'
    ).encode()
    files["xinclude.xml"] = _rss(
        _item("XInclude", _PROSE)
        + f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{canary}/xinclude"/>'
    ).encode()
    files["external-entities.html"] = (
        '<!DOCTYPE html [<!ENTITY file SYSTEM "file:///etc/passwd">'
        f'<!ENTITY web SYSTEM "{canary}/html-entity">]>'
        + _page(
            "Leak &file;",
            f'<img src="{canary}/img"><iframe src="{canary}/iframe"></iframe>'
            f'<script src="{canary}/script"></script><p>&file; &web;</p>' + prose,
            head=f'<link rel="stylesheet" href="{canary}/css"><base href="{canary}/">'
            f'<meta http-equiv="refresh" content="0; url={canary}/refresh">',
        )
    ).encode()
    files["five-mb-title.html"] = _page("T" * 5_000_000, prose).encode()
    files["five-mb-title.xml"] = _rss(_item("T" * 5_000_000, _PROSE)).encode()
    files["five-mb-title.txt"] = ("T" * 5_000_000 + "\n\n" + "\n\n".join([_PROSE] * 8)).encode()
    files["five-mb-word.txt"] = ("W" * 5_000_000).encode()
    files["100k-empty-items.xml"] = _rss("<item></item>" * 100_000).encode()
    files["100k-empty-entries.atom"] = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        + "<entry></entry>" * 100_000
        + "</feed>"
    ).encode()
    files["100k-empty-items-doctype.xml"] = _rss(
        "<item></item>" * 100_000, prolog="<!DOCTYPE rss>"
    ).encode()
    files["deep-10000.html"] = _page(
        "Deep page", "<div>" * 10_000 + prose + "</div>" * 10_000
    ).encode()
    files["deep-10000-unclosed.html"] = _page(
        "Deep unclosed", "<div><b><i>" * 3_400 + prose
    ).encode()
    files["deep-10000.xml"] = _rss(
        _item("Deep", "<![CDATA[" + "<div>" * 10_000 + _PROSE + "</div>" * 10_000 + "]]>")
    ).encode()
    files["deep-10000-xml-elements.xml"] = _rss(
        "<item><title>Deep</title>" + "<x>" * 10_000 + "</x>" * 10_000 + "</item>"
    ).encode()
    surrogate = "\ud800".encode("utf-8", "surrogatepass")  # ED A0 80: invalid UTF-8
    files["lone-surrogates.html"] = _page("Lone " + "\ud800", prose + "<p>a\udfffb</p>").encode(
        "utf-8", "surrogatepass"
    )
    files["lone-surrogate-refs.html"] = _page(
        "Ref &#xD800; &#55296;", prose + "<p>&#xDFFF;</p>"
    ).encode()
    files["lone-surrogate-refs.xml"] = _rss(
        _item("Ref &#xD800;", f"&lt;p&gt;{_PROSE} &amp;#xD800;&lt;/p&gt;")
    ).encode()
    files["lone-surrogates.txt"] = (
        b"Title " + surrogate + b"\n\n" + (_PROSE.encode() + surrogate + b"\n\n") * 6
    )
    files["utf16-lone-surrogate.txt"] = (
        b"\xff\xfe"
        + ("Title\n\n" + (_PROSE + "\n\n") * 6).encode("utf-16-le")
        + b"\x00\xd8"
        + "tail".encode("utf-16-le")
    )
    files["nul-bytes.html"] = _page(
        "Nul\x00title", prose.replace("harbour", "har\x00bour")
    ).encode()
    files["nul-bytes.txt"] = ("Nul\x00title\n\n" + ("\x00".join(_PROSE) + "\n\n") * 6).encode()
    files["nul-bytes.xml"] = _rss(_item("Nul\x00title", _PROSE.replace(" ", "\x00 "))).encode()
    files["utf16-no-bom.txt"] = ("Title\n\n" + (_PROSE + "\n\n") * 6).encode("utf-16-le")
    lying = _page(
        "Caf\u00e9 na\u00efve \u2014 r\u00e9sum\u00e9", prose.replace("harbour", "h\u00e2rbour")
    )
    files["says-utf8-is-cp1252.html"] = lying.replace(
        "<head>", '<head><meta charset="utf-8">'
    ).encode("cp1252")
    files["says-latin1-is-utf8.html"] = lying.replace(
        "<head>", '<head><meta charset="iso-8859-1">'
    ).encode("utf-8")
    files["says-shift-jis-is-utf8.html"] = lying.replace(
        "<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=shift_jis">'
    ).encode("utf-8")
    files["says-utf16-is-utf8.html"] = lying.replace(
        "<head>", '<head><meta charset="utf-16">'
    ).encode("utf-8")
    files["says-utf7.html"] = (
        lying.replace("<head>", '<head><meta charset="utf-7">')
        .replace("Caf", "+ADw-script+AD4-alert(1)+ADw-/script+AD4-Caf")
        .encode("utf-8")
    )
    files["unknown-charset.html"] = lying.replace(
        "<head>", '<head><meta charset="x-no-such-charset-\x1b[2J">'
    ).encode("utf-8")
    files["utf8-bom-says-latin1.xml"] = b"\xef\xbb\xbf" + _rss(_item("Caf\u00e9", _PROSE)).replace(
        'encoding="utf-8"', 'encoding="iso-8859-1"'
    ).encode("utf-8")
    files["says-utf16-is-utf8.xml"] = (
        _rss(_item("Caf\u00e9", _PROSE))
        .replace('encoding="utf-8"', 'encoding="utf-16"')
        .encode("utf-8")
    )
    files["says-ebcdic.xml"] = (
        _rss(_item("Caf\u00e9", _PROSE))
        .replace('encoding="utf-8"', 'encoding="cp500"')
        .encode("utf-8")
    )
    files["random-bytes.html"] = bytes((n * 2654435761) % 251 for n in range(200_000))
    files["control-soup.txt"] = "".join(
        chr(c) for c in list(range(32)) * 2000 + list(range(0x80, 0xA0)) * 2000
    ).encode("utf-8")
    files["many-paragraphs.txt"] = ("\n\n".join(f"{_PROSE} {n}" for n in range(40_000))).encode()
    files["one-huge-line.html"] = _page("Huge", "<p>" + (_PROSE + " ") * 30_000 + "</p>").encode()
    files["many-attributes.html"] = _page(
        "Attrs", "<div " + " ".join(f'a{n}="{n}"' for n in range(100_000)) + ">" + prose + "</div>"
    ).encode()
    files["eighteen-mb-text.txt"] = "\n\n".join(f"{_PROSE} {n}" for n in range(120_000)).encode()
    files["eighteen-mb-page.html"] = _page(
        "Big", "".join(f"<p>{_PROSE} {n}</p>" for n in range(115_000))
    ).encode()
    # Just under each cap: the worst a page may cost and still be cleaned.
    files["just-under-text-cap.txt"] = "\n\n".join(
        f"{_PROSE} {n}" for n in range(3_900_000 // (len(_PROSE) + 8))
    ).encode()
    files["just-under-tag-cap.html"] = _page("Breaks", prose + "<br>" * 249_000).encode()
    files["just-under-line-cap.txt"] = ("Home\n" * 99_000 + "\n\n".join([_PROSE] * 8)).encode()
    files["just-under-page-cap.html"] = _page(
        "Big", "".join(f"<p>{_PROSE} {n}</p>" for n in range(7_900_000 // (len(_PROSE) + 16)))
    ).encode()
    files["over-tag-cap.html"] = _page("Breaks", prose + "<br>" * 300_000).encode()
    inlined = "A" * 3_000_000  # a single-file save: images inlined as base64 data URIs
    files["single-file-save.html"] = _page(
        "Saved whole",
        "".join(
            f'<p>{_PROSE} {n}</p><img src="data:image/png;base64,{inlined}">' for n in range(4)
        ),
    ).encode()
    files["brackets-and-ansi.txt"] = (
        "[/] \x1b]2;pwned\x07 [@click=app.quit]x[/]\n\n" + (_PROSE + " [b]x \x1b[2J\n\n") * 8
    ).encode()
    paths: dict[str, Path] = {}
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths[name] = path
    return paths


class Canary:
    """An HTTP server on 127.0.0.1 that records every request; no input may ever reach it."""

    def __init__(self) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        hits: list[str] = []
        self.hits = hits

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                body = b'<!ENTITY leak "CANARY-LEAKED">'
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()
