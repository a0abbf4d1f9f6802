"""Text-dump benchmark: newswire's plain-text page reader on real pages saved as text.

People save news pages as text in two ways, and both keep the page's chrome (menus, badges, captions,
"READ MORE" links, lists of other headlines). This benchmark makes both kinds of dump from the HTML
pages kept in ../shared/extraction and scores what ``extract_textpage`` gets from each:

* renderers: ``chromium`` — Debian's Chromium through Playwright, scripts off, every request refused
  (no network), the text of ``document.body.innerText``; ``w3m`` — ``w3m -dump``; ``lynx`` —
  ``lynx -dump -nolist``. A renderer that is not installed is skipped with a message.
* ScrapingHub (181 pages): body P/R/F1 with that benchmark's shingle metric (``bench/extraction.py``);
  title and date against what the HTML path (``extract_html``) finds on the same page, as a proxy
  (reported apart: the HTML path is not ground truth).
* newspaper4k (20 pages): title exact against the set's metadata (also counted on the pages whose dump
  shows that title as a line: four expected titles are the page's ``<title>``, which no dump shows); date
  right to the day on the pages whose dump shows the expected date (in any common written form); body F1
  against the metadata's text.
* the worst 10 ScrapingHub pages by body F1, per renderer, and the reader's throughput.

Dumps are made once into ``bench/out/textpages/<renderer>/<set>/<page>.txt`` (git-ignored; never
committed) and reused; ``--refresh`` makes them again. The HTML path's proxy answers are cached there too.

Run: ``.venv/bin/python bench/textpages.py [--refresh] [--renderer chromium|w3m|lynx ...] [--worst N]``
(reads ../shared; exits with a message when absent; exit status 1 when a target is missed).
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extraction import SHARED, score, shingle_tp_fp_fn  # noqa: E402  (bench/ is not a package)

from newswire.extract.html import decode_html, extract_html  # noqa: E402
from newswire.extract.textpage import extract_textpage  # noqa: E402
from newswire.model import InputError  # noqa: E402

CACHE = Path(__file__).resolve().parent / "out" / "textpages"
CHROMIUM = Path("/usr/bin/chromium")
RENDERERS = ("chromium", "w3m", "lynx")
TARGET_F1 = 0.90
TARGET_TITLES = 17
TARGET_DATES = 0.90
RENDER_TIMEOUT_S = 30


# ---------------------------------------------------------------------------------------------
# Pages and dumps
# ---------------------------------------------------------------------------------------------
@dataclass
class Page:
    set: str  # "scrapinghub" or "newspaper4k"
    name: str
    html: str  # decoded
    url: str | None
    body: str  # ground-truth body ("" when unknown)
    title: str | None = None  # ground-truth title (newspaper4k)
    date: str | None = None  # ground-truth publication day, ISO (newspaper4k)


def load_pages() -> list[Page]:
    pages: list[Page] = []
    root = SHARED / "scrapinghub"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for key, item in truth.items():
        html, _ = decode_html(gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes()))
        pages.append(Page("scrapinghub", key, html, item.get("url"), item.get("articleBody", "")))
    root = SHARED / "newspaper4k"
    for path in sorted((root / "html").glob("*.html.gz")):
        name = path.name.removesuffix(".html.gz")
        meta = json.loads((root / "metadata" / f"{name}.json").read_text(encoding="utf-8"))
        html, _ = decode_html(gzip.decompress(path.read_bytes()))
        pages.append(Page("newspaper4k", name, html, meta.get("url"), meta.get("text") or "",
                          " ".join((meta.get("title") or "").split()),
                          (meta.get("publish_date") or "")[:10] or None))
    return pages


def available(renderer: str) -> str | None:
    """None when the renderer can run here, else why not."""
    if renderer == "chromium":
        if not CHROMIUM.exists():
            return f"{CHROMIUM} not found (apt-get install -y chromium)"
        try:
            import playwright  # noqa: F401
        except ImportError:
            return "the playwright package is not installed"
        return None
    return None if shutil.which(renderer) else f"{renderer} not installed (apt-get install -y {renderer})"


def _utf8_html(html: str) -> str:
    """The decoded page with its charset declarations removed, so that a renderer reads it as UTF-8."""
    return re.sub(r"<meta[^>]{0,200}?charset[^>]*>", "", html, flags=re.I)


def _text_browser(renderer: str, html: str) -> str:
    if renderer == "w3m":
        cmd = ["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", "-cols", "100", "-no-graph"]
    else:
        cmd = ["lynx", "-dump", "-nolist", "-stdin", "-assume_charset=utf-8", "-display_charset=utf-8",
               "-width=100", "-force_html"]
    result = subprocess.run(cmd, input=_utf8_html(html).encode("utf-8"), capture_output=True,
                            timeout=RENDER_TIMEOUT_S, check=False)
    return result.stdout.decode("utf-8", "replace")


class ChromiumDumper:
    """One headless Chromium, one page at a time: JavaScript off, every network request refused."""

    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        self._context = self._browser.new_context(java_script_enabled=False, offline=True,
                                                  viewport={"width": 1280, "height": 900})
        self._context.route("**/*", lambda route: route.abort())

    def dump(self, html: str) -> str:
        page = self._context.new_page()
        try:
            page.set_content(_utf8_html(html), wait_until="domcontentloaded", timeout=RENDER_TIMEOUT_S * 1000)
            return page.evaluate("document.body ? document.body.innerText : ''")
        finally:
            page.close()

    def close(self) -> None:
        self._browser.close()
        self._pw.stop()


def dumps(renderer: str, pages: list[Page], refresh: bool) -> dict[str, str]:
    """Each page's dump by this renderer, from the cache or made now (and cached)."""
    out: dict[str, str] = {}
    missing = []
    for p in pages:
        path = CACHE / renderer / p.set / f"{p.name}.txt"
        if path.exists() and not refresh:
            out[f"{p.set}/{p.name}"] = path.read_text(encoding="utf-8")
        else:
            missing.append((p, path))
    if not missing:
        return out
    print(f"  rendering {len(missing)} pages with {renderer} ...", flush=True)
    chromium = ChromiumDumper() if renderer == "chromium" else None
    try:
        for p, path in missing:
            try:
                text = chromium.dump(p.html) if chromium else _text_browser(renderer, p.html)
            except Exception as exc:  # a page the renderer cannot take is an empty dump, and said so
                print(f"    {p.set}/{p.name}: {renderer} failed ({type(exc).__name__}: {str(exc)[:80]})")
                text = ""
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            out[f"{p.set}/{p.name}"] = text
    finally:
        if chromium:
            chromium.close()
    return out


def html_proxy(pages: list[Page], refresh: bool) -> dict[str, tuple[str, str | None]]:
    """Title and day the HTML path finds on each ScrapingHub page (cached): the proxy truth."""
    path = CACHE / "html_proxy.json"
    if path.exists() and not refresh:
        return {k: (v[0], v[1]) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
    print("  reading the ScrapingHub pages' titles and dates with extract_html (once) ...", flush=True)
    out: dict[str, tuple[str, str | None]] = {}
    for p in pages:
        if p.set != "scrapinghub":
            continue
        try:
            a = extract_html(p.html.encode("utf-8"), url=p.url)
            out[p.name] = (a.title, a.published_date)
        except InputError:
            out[p.name] = ("", None)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, ensure_ascii=False, indent=0), encoding="utf-8")
    return out


# ---------------------------------------------------------------------------------------------
# Does a dump show a date?
# ---------------------------------------------------------------------------------------------
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def date_forms(iso: str) -> list[re.Pattern[str]]:
    """The written forms of one day a page may show: ISO, numeric, month names in either order, CJK."""
    d = date.fromisoformat(iso)
    y, m, dd = d.year, d.month, d.day
    month = _MONTHS[m - 1]
    sept = r"|Sept\.?" if m == 9 else ""
    names = rf"(?:{month}|{month[:3]}\.?{sept})"
    day = rf"0?{dd}(?:st|nd|rd|th)?"
    forms = [
        rf"{y}[-/.]0?{m}[-/.]0?{dd}(?!\d)",
        rf"(?<!\d)0?{dd}[./-]0?{m}[./-]{y}",
        rf"(?<!\d)0?{m}[/-]0?{dd}[/-]{y}",
        rf"\b{names}\s+{day},?\s+{y}",
        rf"(?<!\d){day}\s+{names},?\s+{y}",
        rf"{y}\s*年\s*0?{m}\s*月\s*0?{dd}\s*日",
        rf"{y}\.\s*0?{m}\.\s*0?{dd}\.?",
    ]
    return [re.compile(f, re.I) for f in forms]


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def shows_line(text: str, title: str) -> bool:
    """Whether a dump shows the title as one of its lines (letters and digits compared)."""
    want = _letters(title)
    return bool(want) and any(_letters(line) == want for line in text.split("\n"))


def shows_date(text: str, iso: str) -> bool:
    return any(p.search(text) for p in date_forms(iso))


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------
def _read(text: str):
    try:
        return extract_textpage(text)
    except InputError:
        return None


def bench_renderer(renderer: str, pages: list[Page], texts: dict[str, str],
                   proxy: dict[str, tuple[str, str | None]], worst: int) -> bool:
    rows = []  # (page, article or None)
    start = time.perf_counter()
    for p in pages:
        rows.append((p, _read(texts[f"{p.set}/{p.name}"])))
    elapsed = time.perf_counter() - start
    chars = sum(len(texts[f"{p.set}/{p.name}"]) for p in pages)

    sh = [(p, a) for p, a in rows if p.set == "scrapinghub"]
    per_page = [(p, shingle_tp_fp_fn(p.body, a.body if a else "")) for p, a in sh]
    pr, rc, f1 = score([x for _, x in per_page])
    empty = sum(1 for _, a in sh if a is None or not a.body)
    print(f"{renderer}: {len(rows)} dumps, reader {len(rows) / elapsed:.1f} pages/s "
          f"({chars / elapsed / 1e6:.2f} MB/s)")
    print(f"  ScrapingHub bodies ({len(sh)}): P {pr:.3f}  R {rc:.3f}  F1 {f1:.3f}  ({empty} with no body)")
    titled = [(p, a) for p, a in sh if proxy.get(p.name, ("", None))[0]]
    same_title = sum(1 for p, a in titled if a and a.title == proxy[p.name][0])
    dated = [(p, a) for p, a in sh if proxy.get(p.name, ("", None))[1]]
    shown = [(p, a) for p, a in dated if shows_date(texts[f"scrapinghub/{p.name}"], proxy[p.name][1])]
    same_date = sum(1 for p, a in shown if a and a.published_date == proxy[p.name][1])
    print(f"  ScrapingHub proxy (vs extract_html): titles same {same_title}/{len(titled)}, "
          f"dates same {same_date}/{len(shown)} where the dump shows the HTML path's date "
          f"({len(dated)} dated)")

    n4 = [(p, a) for p, a in rows if p.set == "newspaper4k"]
    titles = sum(1 for p, a in n4 if a and a.title == p.title)
    # some expected titles are the page's <title>, which no dump shows: count those apart
    on_page = [(p, a) for p, a in n4 if shows_line(texts[f"newspaper4k/{p.name}"], p.title or "")]
    titles_on_page = sum(1 for p, a in on_page if a and a.title == p.title)
    n4_shown = [(p, a) for p, a in n4 if p.date and shows_date(texts[f"newspaper4k/{p.name}"], p.date)]
    dates = sum(1 for p, a in n4_shown if a and a.published_date == p.date)
    with_body = [(p, a) for p, a in n4 if p.body]
    _, _, n4_f1 = score([shingle_tp_fp_fn(p.body, a.body if a else "") for p, a in with_body])
    print(f"  newspaper4k ({len(n4)}): titles exact {titles}/{len(n4)} ({titles_on_page}/{len(on_page)} where the "
          f"dump shows the title as a line), dates right {dates}/{len(n4_shown)} "
          f"where the dump shows the date ({sum(1 for p, _ in n4 if p.date)} dated), body F1 {n4_f1:.3f}")
    for p, a in n4:
        got = a.title if a else None
        if got != p.title:
            print(f"    title {p.name}: got {got!r}, expected {p.title!r}")
    for p, a in n4_shown:
        if not a or a.published_date != p.date:
            print(f"    date {p.name}: got {a.published if a else None!r}, expected {p.date}")

    print(f"  worst {worst} ScrapingHub pages by body F1:")
    scored = []
    for p, x in per_page:
        tp, fp, fn = x
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        scored.append((2 * prec * rec / (prec + rec) if prec + rec else 0.0, prec, rec, p))
    for f, prec, rec, p in sorted(scored, key=lambda s: s[0])[:worst]:
        print(f"    {f:.2f} (P {prec:.2f} R {rec:.2f})  {p.name[:16]}  {p.url}")

    ok_f1 = f1 >= TARGET_F1
    ok_titles = titles >= TARGET_TITLES
    ok_dates = not n4_shown or dates / len(n4_shown) >= TARGET_DATES
    print(f"  targets: body F1 >= {TARGET_F1} {'met' if ok_f1 else 'NOT met'}; newspaper4k titles >= "
          f"{TARGET_TITLES}/20 {'met' if ok_titles else 'NOT met'}; dates >= {TARGET_DATES:.0%} where shown "
          f"{'met' if ok_dates else 'NOT met'}")
    return ok_f1 and ok_titles and ok_dates


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--refresh", action="store_true", help="make the dumps (and the HTML proxy) again")
    ap.add_argument("--renderer", action="append", choices=RENDERERS, help="only these renderers")
    ap.add_argument("--worst", type=int, default=10, help="how many worst pages to list")
    args = ap.parse_args(argv)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    if not (SHARED / "scrapinghub").is_dir() or not (SHARED / "newspaper4k").is_dir():
        print(f"benchmark data not found under {SHARED} (../shared beside the repo); nothing to do")
        return 0
    pages = load_pages()
    proxy = html_proxy(pages, args.refresh)
    ok, ran = True, 0
    for renderer in args.renderer or RENDERERS:
        if (why := available(renderer)) is not None:
            print(f"{renderer}: skipped, {why}")
            continue
        texts = dumps(renderer, pages, args.refresh)
        ok = bench_renderer(renderer, pages, texts, proxy, args.worst) and ok
        ran += 1
    if not ran:
        print("no renderer available; nothing measured")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
