"""Read a news report (plain text, HTML file, or URL) into clean text with its metadata.

`read_article(path_or_text, date=None)` returns an `Article`: the cleaned text (page furniture
such as "Skip links", "Read 2 minutes", cookie banners and share buttons dropped), its title,
publication date (from a header block, HTML metadata, a dateline or a photo caption, else the
`date` argument), the spans of photo captions (kept, and marked), and where it came from.
All character offsets refer to `Article.text`.

Bad input raises `dashboard.events.schema.InputError` naming the file: empty, binary,
undecodable or unreachable. Texts longer than `MAX_CHARS` are cut there, and the cut is noted
in `Article.warnings`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from dashboard.events.dates import find_dates, full_dates, parse_date_arg
from dashboard.events.schema import InputError

#: the most characters of one report that are processed (about 40 long news articles).
MAX_CHARS = 200_000
#: the most bytes read from one file (a 5 MB file is read, then cut to MAX_CHARS).
MAX_BYTES = 50_000_000
URL_TIMEOUT_S = 10
#: the largest page `ingest URL` reads (bytes)
URL_MAX_BYTES = 10_000_000

_HEADER_KEYS = {
    "title": "title", "headline": "title",
    "outlet": "outlet", "source": "outlet", "publisher": "outlet", "publication": "outlet",
    "date": "date", "published": "date", "publication date": "date", "dateline": "date",
    "url": "url", "link": "url",
    "author": "author", "byline": "author",
    "based on": "based_on", "citation": "based_on",
    "language": "language",
}
_HEADER_RE = re.compile(r"^\s*([A-Za-z][A-Za-z ]{1,20}?)\s*:\s*(.*?)\s*$")

# Page furniture: whole short lines that are navigation, share buttons, ads, reading-time labels.
_FURNITURE = re.compile(
    r"^(?:"
    r"skip (?:to )?(?:links?|navigation|content|main content)"
    r"|(?:read|reading time:?|listen)\s*\d+\s*(?:min(?:ute)?s?|mins?)(?: read| listen)?"
    r"|\d+\s*(?:min(?:ute)?s?|mins?)\s+(?:read|listen)"
    r"|listen to (?:this )?(?:article|story)(?:\W.*)?"
    r"|advertisement|advert|sponsored(?: content)?|ad|story continues below(?: advertisement)?"
    r"|(?:(?:share|tweet|email|e-mail|print|copy link|copy|facebook|twitter|x|whatsapp|linkedin|pinterest"
    r"|reddit|telegram|messenger|flipboard|save|comments?|on)\W*){1,12}"
    r"|share (?:this )?(?:article|story|page)(?:\W.*)?"
    r"|(?:home|menu|search|back to top|close|next|previous|more|top stories|latest news|trending)\W*"
    r"|(?:related|recommended|more)(?: from [\w ]+| stories| articles| topics| news| coverage)?\W*"
    r"|most (?:read|popular|viewed)\W*"
    r"|(?:sign|log) ?(?:in|up)(?: .{0,40})?|subscribe(?: .{0,60})?|register(?: now)?"
    r"|(?:follow us|sign up for|subscribe to)(?: .{0,80})?"
    r"|click here(?: .{0,80})?"
    r"|(?:©|\(c\)|copyright)\s*.{0,100}|all rights reserved\W*"
    r"|(?:privacy policy|terms of (?:use|service)|cookie (?:policy|settings))(?:\W.{0,80})?"
    r"|(?:accept|reject|decline|manage)(?: all)?(?: cookies?| preferences| settings)?\W*"
    r"|we value your privacy\W*"
    r")$",
    re.I,
)
# A cookie / consent banner sentence: dropped at any length.
_COOKIE = re.compile(r"\bcookies?\b", re.I)
_COOKIE_CTX = re.compile(
    r"\b(?:website|site|browsing|browser|consent|accept|opt[- ]?out|opt[- ]?in|experience|privacy|"
    r"partners|personali[sz]e|tracking)\b", re.I)

# A photo caption: a credit such as "(AP Photo/Name)", "Photo: Reuters", "Image caption", "Getty Images".
_CAPTION = re.compile(
    r"\((?:AP|AFP|Reuters|EPA|Getty|Xinhua|UPI|Anadolu)\b[^)\n]{0,60}?(?:Photo|Images|/)"
    r"|\b(?:AP|AFP|Reuters|EPA)\s+Photo\b"
    r"|\bPhoto(?:graph)?\s*(?:by\b|:|credit\b)"
    r"|\bImage (?:caption|source|copyright)\b"
    r"|\bGetty Images\b"
    r"|^(?:Caption|Photo|Picture|Image)\s*:",
    re.I,
)
_END_PUNCT = re.compile(r"[.!?\"'”’)\]:]\s*$")


@dataclass
class Article:
    """One report as clean text. Offsets (captions, paragraphs) index into `text`."""

    text: str
    title: str | None = None
    published: date | None = None
    published_from: str = ""            # "header", "metadata", "dateline", "caption", "argument", ""
    captions: list[tuple[int, int]] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    title_span: tuple[int, int] | None = None
    source: str = ""                    # outlet, else the file name
    url: str | None = None
    file: str = ""                      # the path read, or "<text>" / the URL
    dropped: list[str] = field(default_factory=list)    # boilerplate lines removed
    warnings: list[str] = field(default_factory=list)   # things the user should know
    truncated: bool = False
    language: str | None = None         # the `Language:` header as written ("en", "French"), else None

    def in_caption(self, offset: int) -> bool:
        """Whether a character offset of `text` lies inside a photo caption."""
        return any(a <= offset < b for a, b in self.captions)

    def in_title(self, offset: int) -> bool:
        return self.title_span is not None and self.title_span[0] <= offset < self.title_span[1]


# ---------------------------------------------------------------- input bytes -> str

def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    if head.startswith((b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b")):
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(head) // 50)


def decode_bytes(data: bytes, name: str) -> tuple[str, list[str]]:
    """Text from bytes: UTF-8 (with or without BOM), else Windows-1252 / Latin-1, noted in warnings."""
    if not data.strip():
        raise InputError(name, "the file is empty")
    if _looks_binary(data):
        raise InputError(name, "binary file, not text or HTML")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    for enc in ("cp1252", "latin-1"):
        try:
            return data.decode(enc), [f"{name}: not UTF-8; decoded as {enc}"]
        except UnicodeDecodeError:
            continue
    raise InputError(name, "cannot decode the text")  # pragma: no cover - latin-1 decodes anything


def _is_html(text: str, name: str) -> bool:
    if name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (
        "<body" in head or ("<p>" in head and "</p>" in head)
    )


# ---------------------------------------------------------------- cleaning

@lru_cache(maxsize=1)
def _lexicon_furniture() -> re.Pattern | None:
    """Every lexicon's page-furniture lines ("Lire aussi", "Partager", cookie texts) as one pattern.
    A page's language is only known once its text is clean, so the lines of every language count."""
    from dashboard.lexicons import SUPPORTED, for_language

    parts = [for_language(c).boilerplate for c in SUPPORTED]
    parts = [p for p in parts if p and p != r"(?!)"]
    return re.compile("|".join(f"(?:{p})" for p in parts), re.I) if parts else None


def is_boilerplate(line: str) -> bool:
    """Whether one line is page furniture (navigation, share buttons, ads, cookie banner), in English
    or in the furniture words of any language's lexicon (``Lexicon.boilerplate``)."""
    s = line.strip()
    if not s:
        return False
    if _COOKIE.search(s) and _COOKIE_CTX.search(s):
        return True
    lex = _lexicon_furniture()
    if lex is not None and len(s) <= 800 and lex.fullmatch(s):
        return True
    if len(s) > 160:
        return False
    return bool(_FURNITURE.match(s))


def _parse_header(lines: list[str]) -> tuple[dict[str, str], int]:
    """A leading "Key: value" block (Title, Outlet, Date, URL, Based on...). Returns (fields, lines used)."""
    fields: dict[str, str] = {}
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    start = i
    while i < len(lines):
        m = _HEADER_RE.match(lines[i])
        if not m:
            break
        key = _HEADER_KEYS.get(m.group(1).strip().lower())
        if key is None:
            break
        fields[key] = m.group(2)
        i += 1
    if not fields or (i - start == 1 and "title" not in fields and "date" not in fields):
        return {}, 0
    return fields, i


def _header_date(value: str, name: str) -> date | None:
    value = value.strip()
    try:
        return parse_date_arg(value)
    except ValueError:
        pass
    found = full_dates(value)
    if found:
        return found[0][1]
    raise InputError(name, f"header date {value!r} is not a date (use YYYY-MM-DD)", field="Date")


def _assemble(blocks: list[tuple[str, str]]) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]],
                                                      tuple[int, int] | None]:
    """Join (kind, text) blocks with blank lines; return text, paragraph spans, caption spans, title span."""
    parts: list[str] = []
    paragraphs: list[tuple[int, int]] = []
    captions: list[tuple[int, int]] = []
    title_span = None
    pos = 0
    for kind, block in blocks:
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(block)
        span = (pos, pos + len(block))
        paragraphs.append(span)
        if kind == "caption":
            captions.append(span)
        elif kind == "title" and title_span is None:
            title_span = span
        pos += len(block)
    return "".join(parts), paragraphs, captions, title_span


def _plain_blocks(text: str, dropped: list[str]) -> list[str]:
    """Paragraphs of a plain text: blank-line separated blocks (hard-wrapped lines joined),
    or one paragraph per line when the text has no blank lines. Boilerplate lines dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = re.split(r"\n[ \t]*\n", text) if re.search(r"\n[ \t]*\n", text) else text.split("\n")
    out: list[str] = []
    for chunk in chunks:
        kept = []
        for line in chunk.split("\n"):
            if is_boilerplate(line):
                dropped.append(line.strip())
            elif line.strip():
                kept.append(" ".join(line.split()))
        if kept:
            out.append(" ".join(kept))
    return out


def _classify(blocks: list[str], title: str | None) -> list[tuple[str, str]]:
    """Tag blocks as title / caption / body."""
    out: list[tuple[str, str]] = []
    for i, b in enumerate(blocks):
        if title is None and i == 0 and len(b.split()) <= 20 and not _END_PUNCT.search(b):
            title = b
            out.append(("title", b))
        elif title is not None and i == 0 and b.strip() == title.strip():
            out.append(("title", b))
        elif _CAPTION.search(b):
            out.append(("caption", b))
        else:
            out.append(("body", b))
    return out


def _dateline_date(blocks: list[tuple[str, str]]) -> tuple[date | None, str]:
    """A publication date from a short dateline line ("Published 18 August 2020") or a photo caption."""
    for kind, b in blocks:
        if kind == "caption":
            continue
        if len(b) <= 90:
            found = full_dates(b)
            if found and (len(found[0][0].text) >= len(b) * 0.4 or re.match(
                    r"\s*(?:published|updated|posted|date|first published|last updated)\b", b, re.I)):
                return found[0][1], "dateline"
    # "BAMAKO, Mali, Aug. 18, 2020 (Reuters) -" style: a full date in the first 120 characters of the body
    for kind, b in blocks:
        if kind == "body":
            m = re.match(r"[A-Z][A-Z .'-]{2,40},[^.]{0,60}?", b)
            if m:
                found = full_dates(b, 0, min(len(b), 120))
                if found:
                    return found[0][1], "dateline"
            break
    for kind, b in blocks:
        if kind == "caption":
            found = full_dates(b)
            if found:
                return found[0][1], "caption"
    return None, ""


# ---------------------------------------------------------------- HTML

def _html_blocks(html: str, name: str) -> tuple[list[tuple[str, str]], dict[str, str | None]]:
    """Main-text paragraphs (trafilatura) in document order, with figure captions (lxml) kept."""
    import trafilatura
    from lxml import html as lxml_html

    meta: dict[str, str | None] = {}
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_recall=True)
    main_text = ""
    if doc is not None:
        d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        meta = {"title": d.get("title"), "date": d.get("date"), "outlet": d.get("sitename") or d.get("hostname"),
                "url": d.get("url")}
        main_text = d.get("text") or ""
    kept = {" ".join(line.split()) for line in main_text.split("\n") if line.strip()}

    blocks: list[tuple[str, str]] = []
    try:
        tree = lxml_html.fromstring(html)
    except Exception:  # noqa: BLE001 - lxml raises several types on junk
        tree = None
    seen: set[str] = set()
    if tree is not None:
        for el in tree.iter("h1", "h2", "h3", "p", "li", "figcaption", "blockquote", "div", "span"):
            if el.tag in ("div", "span"):
                cls = (el.get("class") or "") + " " + (el.get("itemprop") or "")
                if not re.search(r"caption", cls, re.I):
                    continue
            txt = " ".join(el.text_content().split())
            if not txt or txt in seen:
                continue
            is_cap = el.tag in ("figcaption", "div", "span") or bool(_CAPTION.search(txt))
            if is_cap:
                if any(txt in s or s in txt for s in seen if len(s) > 20):
                    continue
                seen.add(txt)
                blocks.append(("caption", txt))
            elif txt in kept:
                seen.add(txt)
                blocks.append(("title" if el.tag == "h1" and not blocks else "body", txt))
    if not any(k == "body" for k, _ in blocks) and kept:
        # trafilatura's text did not line up with the DOM: fall back to its lines as they are
        blocks = [("body", t) for t in kept_in_order(main_text)]
    return blocks, meta


def kept_in_order(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


# ---------------------------------------------------------------- entry point

def fetch_url(url: str, *, timeout_s: float | None = None, max_bytes: int | None = None) -> tuple[bytes, str]:
    """GET an http(s) URL: one attempt, at most `timeout_s` seconds in all (connect, wait and read)
    and `max_bytes` bytes. Returns (body, content type). Raises InputError naming the URL with the
    cause (not http/https, unreachable or offline, timed out, HTTP status, too large, not text)."""
    import time
    from urllib.parse import urlsplit

    import requests

    timeout_s = URL_TIMEOUT_S if timeout_s is None else timeout_s
    max_bytes = URL_MAX_BYTES if max_bytes is None else max_bytes
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise InputError(url, "only http:// and https:// URLs are fetched; save the page and pass the file instead")
    deadline = time.monotonic() + timeout_s
    try:
        with requests.get(url, timeout=(min(timeout_s, 5.0), timeout_s), stream=True, allow_redirects=True,
                          headers={"User-Agent": "crisismap/0.1 (+offline-first)"}) as r:
            if r.status_code >= 400:
                raise InputError(url, f"the server answered HTTP {r.status_code} {r.reason or ''}".rstrip())
            ctype = r.headers.get("Content-Type", "")
            if ctype and not re.match(r"(text/|application/(xhtml\+xml|xml|json))", ctype, re.I):
                raise InputError(url, f"not a text or HTML page (Content-Type {ctype.split(';')[0]})")
            size = r.headers.get("Content-Length")
            if size and size.isdigit() and int(size) > max_bytes:
                raise InputError(url, f"the page is larger than {max_bytes // 1_000_000} MB")
            body = bytearray()
            for chunk in r.iter_content(65536):
                body += chunk
                if len(body) > max_bytes:
                    raise InputError(url, f"the page is larger than {max_bytes // 1_000_000} MB")
                if time.monotonic() > deadline:
                    raise InputError(url, f"could not fetch the URL: no complete answer within {timeout_s:g} s")
            return bytes(body), ctype
    except InputError:
        raise
    except requests.exceptions.Timeout:
        raise InputError(url, f"could not fetch the URL: no answer within {timeout_s:g} s; offline? save the page "
                              "and pass the file instead") from None
    except requests.exceptions.RequestException as exc:
        cause = "cannot connect (offline?)" if isinstance(exc, requests.exceptions.ConnectionError) \
            else type(exc).__name__
        raise InputError(url, f"could not fetch the URL: {cause}; save the page and pass the file instead") from None


def _fetch(url: str) -> str:
    """The page at `url` as text (charset from the header or the bytes)."""
    data, ctype = fetch_url(url)
    m = re.search(r"charset=([\w.-]+)", ctype or "", re.I)
    if m:
        try:
            return data.decode(m.group(1), errors="replace")
        except LookupError:
            pass
    text, _w = decode_bytes(data, url)
    return text


def _is_file(s: str) -> bool:
    try:
        return Path(s).is_file()
    except (OSError, ValueError):  # a name too long, or not a path at all
        return False


def read_article(path_or_text: str | Path, *, date: date | str | None = None) -> Article:
    """Read a report from a file path, an http(s) URL (online only) or the text itself.

    `date` (a date or YYYY-MM-DD) is used when the report states no publication date.
    Raises InputError naming the file for empty, binary or unreadable input.
    """
    fallback = parse_date_arg(date) if isinstance(date, str) else date
    if isinstance(date, datetime):
        fallback = date.date()
    warnings: list[str] = []
    url: str | None = None
    src = path_or_text
    is_path = isinstance(src, Path) or (
        isinstance(src, str) and "\n" not in src and "\x00" not in src and len(src) < 1024
        and not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*://", src.strip())
        and (_is_file(src) or re.search(r"\.(?:txt|html?|xhtml|md|text)$", src.strip(), re.I) is not None))
    if is_path:
        p = Path(src)
        name = str(p)
        if not p.is_file():
            raise InputError(name, "no such file" if not p.exists() else "not a regular file")
        try:
            with p.open("rb") as fh:
                data = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            raise InputError(name, f"cannot read the file ({exc.strerror or exc})") from None
        if len(data) > MAX_BYTES:
            data = data[:MAX_BYTES]
            warnings.append(f"{name}: larger than {MAX_BYTES // 1_000_000} MB; only the start was read")
        raw, w = decode_bytes(data, name)
        warnings += w
        default_source = p.name
    elif isinstance(src, str) and re.fullmatch(r"[a-zA-Z][a-zA-Z0-9+.-]*://\S+", src.strip()):
        url = src.strip()
        name = url
        raw = _fetch(url)
        default_source = re.sub(r"^https?://(?:www\.)?([^/]+).*$", r"\1", url)
    else:
        name = "<text>"
        raw = str(src)
        if not raw.strip():
            raise InputError(name, "the text is empty")
        if "\x00" in raw[:8192]:
            raise InputError(name, "binary data, not text")
        default_source = ""

    dropped: list[str] = []
    published: date | None = None
    published_from = ""
    title: str | None = None
    outlet: str | None = None
    language: str | None = None
    if _is_html(raw, name):
        blocks, meta = _html_blocks(raw[: MAX_CHARS * 5], name)
        clean: list[tuple[str, str]] = []
        for kind, b in blocks:
            if is_boilerplate(b):
                dropped.append(b)
            else:
                clean.append((kind, b))
        blocks = clean
        title = meta.get("title")
        outlet = meta.get("outlet")
        url = url or meta.get("url")
        if meta.get("date"):
            try:
                published = parse_date_arg(str(meta["date"])[:10])
                published_from = "metadata"
            except ValueError:
                pass
        if title and not any(k == "title" for k, _ in blocks):
            blocks.insert(0, ("title", title))
    else:
        if len(raw) > MAX_CHARS * 2:
            warnings.append(f"{name}: {len(raw):,} characters; only about the first {MAX_CHARS:,} are processed")
            raw = raw[: MAX_CHARS * 2]
        lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        header, used = _parse_header(lines)
        body = "\n".join(lines[used:])
        if header.get("date"):
            published = _header_date(header["date"], name)
            published_from = "header"
        title = header.get("title") or None
        outlet = header.get("outlet") or None
        if header.get("based_on"):
            outlet = f"{outlet}; {header['based_on']}" if outlet else header["based_on"]
        url = url or header.get("url") or None
        language = header.get("language") or None
        plain = _plain_blocks(body, dropped)
        if title:
            if plain and plain[0].strip() == title.strip():
                plain = plain[1:]
            blocks = [("title", title)] + _classify(plain, title)
        else:
            blocks = _classify(plain, None)
            title = next((b for k, b in blocks if k == "title"), None)

    text, paragraphs, captions, title_span = _assemble(blocks)
    truncated = False
    if len(text) > MAX_CHARS:
        cut = text.rfind("\n\n", 0, MAX_CHARS)
        cut = cut if cut > MAX_CHARS // 2 else MAX_CHARS
        if not any("processed" in w for w in warnings):
            warnings.append(f"{name}: {len(text):,} characters; only the first {cut:,} were processed")
        text = text[:cut]
        paragraphs = [(a, min(b, cut)) for a, b in paragraphs if a < cut]
        captions = [(a, min(b, cut)) for a, b in captions if a < cut]
        truncated = True
    if not text.strip():
        raise InputError(name, "no article text found (only page furniture)")

    if published is None:
        published, published_from = _dateline_date(blocks)
    if published is None and fallback is not None:
        published, published_from = fallback, "argument"
    elif published is not None and fallback is not None and fallback != published:
        warnings.append(f"{name}: report states {published.isoformat()} ({published_from}); "
                        f"--date {fallback.isoformat()} not used")
    if published is None:
        warnings.append(f"{name}: no publication date found; pass --date YYYY-MM-DD")
    if _weird_text(text):
        warnings.append(f"{name}: the text has few letters; is it really a news report?")

    return Article(text=text, title=title, published=published, published_from=published_from,
                   captions=captions, paragraphs=paragraphs, title_span=title_span,
                   source=outlet or default_source, url=url, file=name, dropped=dropped,
                   warnings=warnings, truncated=truncated, language=language)


def _weird_text(text: str) -> bool:
    sample = text[:20000]
    letters = sum(c.isalpha() for c in sample)
    return letters < len(sample) * 0.4


__all__ = ["Article", "read_article", "is_boilerplate", "decode_bytes", "MAX_CHARS", "find_dates"]
