"""extract_html: bytes of a news page in, a clean Article out (pages written for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import need_shared

from newswire.extract.html import clean_title, decode_html, extract_html
from newswire.model import InputError

PAGES = Path(__file__).resolve().parent / "fixtures" / "html"


@pytest.fixture(scope="module")
def harbour():
    return extract_html((PAGES / "harbour_times_article.html").read_bytes())


def test_body_is_the_article_text_only(harbour):
    body = harbour.body
    assert body.startswith("Iceland, Norway and the Faroe Islands agreed on Thursday")
    assert body.endswith("need help to cope with the lost income.")
    assert "Marianne Sivertsen Næss, told reporters" in body
    for chrome in ("cookies", "Accept all", "Subscribe", "Share on Facebook", "Privacy policy",
                   "All rights reserved", "stitch-up", "Related stories", "close ports to Norwegian trawlers"):
        assert chrome not in body, chrome


def test_paragraphs_are_separated_by_a_blank_line(harbour):
    paragraphs = harbour.body.split("\n\n")
    assert len(paragraphs) == 7
    assert all(p.strip() == p and "\n" not in p for p in paragraphs)


def test_metadata(harbour):
    assert harbour.title == "Fishing nations agree quota cuts after all-night talks in Reykjavik"
    assert harbour.source == "The Harbour Times"
    assert harbour.published_date == "2024-03-14"
    assert harbour.authors == ["Ingrid Solberg"]
    assert harbour.section == "World"
    assert harbour.url == "https://www.harbourtimes.example/world/2024/03/14/fishing-quota-talks"
    assert harbour.warnings == []


def test_caption_with_credit_and_related_links(harbour):
    assert [(c.text, c.credit) for c in harbour.captions] == [
        ("Trawlers moored in Reykjavik harbour on Wednesday as ministers met nearby.", "Karl Jonsson/Reuters")]
    assert [(r.title, r.url) for r in harbour.related] == [
        ("Faroe Islands threatens to close ports to Norwegian trawlers",
         "https://www.harbourtimes.example/world/2024/02/20/mackerel-war-ports-closed"),
        ("Scientists urge steep cut in mackerel catches",
         "https://www.harbourtimes.example/science/2023/09/30/ices-mackerel-advice"),
    ]


def test_the_given_url_resolves_related_links():
    page = (PAGES / "harbour_times_article.html").read_bytes().replace(
        b'<link rel="canonical" href="https://www.harbourtimes.example/world/2024/03/14/fishing-quota-talks">', b"")
    article = extract_html(page, url="https://mirror.example.org/story/123")
    assert article.url == "https://mirror.example.org/story/123"
    assert article.related[0].url == "https://mirror.example.org/world/2024/02/20/mackerel-war-ports-closed"


def test_a_page_without_an_article_is_rejected():
    with pytest.raises(InputError, match="no article text found in HTML"):
        extract_html((PAGES / "no_article.html").read_bytes())


def test_markup_without_html_is_rejected():
    with pytest.raises(InputError):
        extract_html(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")


# --- encodings ------------------------------------------------------------------------------------

def _harbour_text() -> str:
    """The fixture with curly quotes, so that windows-1252 and UTF-8 bytes differ."""
    text = (PAGES / "harbour_times_article.html").read_text(encoding="utf-8")
    return text.replace('"Nobody', "\u201cNobody").replace('grandchildren,"', "grandchildren,\u201d")


def test_declared_utf8_but_windows_1252_bytes():
    data = _harbour_text().encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    article = extract_html(data)
    assert "\u201cNobody got everything they wanted" in article.body
    assert "Marianne Sivertsen Næss" in article.body
    assert any("utf-8" in w for w in article.warnings)


def test_declared_latin1_but_utf8_bytes():
    text = _harbour_text().replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    article = extract_html(text.encode("utf-8"))
    assert "Marianne Sivertsen Næss" in article.body
    assert "NÃ" not in article.body and "\u00e2\u20ac" not in article.body
    assert any("UTF-8" in w for w in article.warnings)


def test_correctly_declared_windows_1252_has_no_warning():
    text = _harbour_text().replace('<meta charset="utf-8">',
                                   '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">')
    article = extract_html(text.encode("cp1252"))
    assert "\u201cNobody got everything" in article.body
    assert article.warnings == []


def test_latin1_label_means_windows_1252_as_in_browsers():
    text, warnings = decode_html(b'<meta charset="ISO-8859-1"><p>\x93Yes,\x94 she said.</p>')
    assert "\u201cYes,\u201d she said." in text
    assert warnings == []


CHINESE_PAGE = """<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>国务院召开常务会议 部署稳定外贸措施-新华网</title>
<meta name="publishdate" content="2024-05-21">
</head><body>
<div class="nav"><a href="/">首页</a> <a href="/politics">时政</a> <a href="/world">国际</a></div>
<div class="main">
<h1>国务院召开常务会议 部署稳定外贸措施</h1>
<div class="info">2024-05-21 10:15:32 来源：新华社</div>
<div id="detail">
<p>新华社北京5月21日电 国务院总理主持召开国务院常务会议，研究部署进一步稳定外贸的政策措施，要求各地区各部门抓好落实。</p>
<p>会议指出，今年以来我国外贸运行总体平稳，但外部环境依然复杂严峻，部分企业面临订单不足、成本上升等困难，需要加大政策支持力度。</p>
<p>会议要求，要优化出口信贷和出口信用保险服务，支持企业开拓多元化市场，提升贸易便利化水平，推动跨境电商等新业态健康发展。</p>
</div></div>
<div class="footer">版权所有 新华网</div>
</body></html>"""


def test_declared_gb2312_page_and_cjk_title_suffix():
    article = extract_html(CHINESE_PAGE.encode("gb18030"))
    assert article.title == "国务院召开常务会议 部署稳定外贸措施"
    assert article.body.startswith("新华社北京5月21日电 国务院总理主持召开国务院常务会议")
    assert article.body.count("\n\n") == 2
    assert "版权所有" not in article.body and "首页" not in article.body
    assert article.published_date == "2024-05-21"
    assert article.warnings == []


# --- titles ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("title", "sites", "url", "headings", "expected"), [
    ("Takeaways from the civil fraud trial | CNN Politics", ["CNN"], None, [],
     "Takeaways from the civil fraud trial"),
    ("Floods force thousands from homes in Valencia - BBC News", ["BBC News"], None, [],
     "Floods force thousands from homes in Valencia"),
    ("Reuters - Oil prices jump as Opec+ extends cuts", [], "https://www.reuters.com/markets/oil", [],
     "Oil prices jump as Opec+ extends cuts"),
    ("短缺药品保供稳价 全力保障临床用药需求-新华网", [], None, ["短缺药品保供稳价 全力保障临床用药需求"],
     "短缺药品保供稳价 全力保障临床用药需求"),
    ("Anticorrupción recurre la imputación » Local » Noticias » Ultima Hora Mallorca", ["UHmallorca"], None,
     ["Anticorrupción recurre la imputaciónUltima Hora Mallorca"], "Anticorrupción recurre la imputación"),
    ("LinkNaija | Nigeria's news platform: Kate Henshaw stuns in new photos",
     ["LinkNaija | Nigeria's news platform"], None, [], "Kate Henshaw stuns in new photos"),
])
def test_site_names_are_stripped_from_titles(title, sites, url, headings, expected):
    assert clean_title(title, site_names=sites, url=url, headings=headings) == expected


@pytest.mark.parametrize("title", [
    "Russia - Ukraine talks resume in Istanbul",
    "Gates on Tillerson and Russia: 'Being friendly doesn't make you friends'",
    "BBC News",
])
def test_titles_without_a_site_decoration_are_kept(title):
    assert clean_title(title, site_names=["BBC News"], url="https://www.bbc.co.uk/news/world") == title


# --- a second layout: JSON-LD metadata, divs instead of <article> ----------------------------------

@pytest.fixture(scope="module")
def wire():
    return extract_html((PAGES / "jsonld_wire_story.html").read_bytes(),
                        url="https://horndaily.example/africa/2023/09/07/kenya-ethiopia-pact")


def test_jsonld_page_metadata(wire):
    assert wire.title == "Kenya and Ethiopia sign border security pact"
    assert wire.source == "Horn Daily"
    assert wire.authors == ["Amina Wanjiru", "Dawit Bekele"]
    assert wire.published_date == "2023-09-07"  # first published, not the update of 9 September


def test_jsonld_page_body_and_extras(wire):
    paragraphs = wire.body.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("NAIROBI (Horn Daily) — Kenya and Ethiopia signed an agreement")
    for chrome in ("cookies", "Updated Sep 9", "Sign up", "inbox", "Somalia drought", "Advertise", "Log in"):
        assert chrome not in wire.body, chrome
    assert [(c.text, c.credit) for c in wire.captions] == [
        ("Kenyan and Ethiopian officials exchange documents in Nairobi on Sept. 7, 2023.", "AP Photo/Brian Inganga")]
    assert [r.url for r in wire.related] == [
        "https://horndaily.example/africa/2023/09/05/somalia-drought-appeal",
        "https://horndaily.example/africa/2023/09/01/sudan-talks-jeddah",
    ]


def test_credentials_and_publisher_are_not_authors():
    page = (PAGES / "harbour_times_article.html").read_text(encoding="utf-8").replace(
        '<meta name="author" content="Ingrid Solberg">',
        '<meta name="author" content="Ingrid Solberg, MS, RDN; The Harbour Times">')
    assert extract_html(page.encode("utf-8")).authors == ["Ingrid Solberg"]


def test_newspaper4k_english_pages_dates_and_titles():
    """Real pages (../shared): dates right to the day, and titles without their " | CNN Politics"."""
    import gzip
    import json

    root = need_shared("extraction", "newspaper4k")
    right = total = 0
    for meta_path in sorted((root / "metadata").glob("*.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("language") != "en" or not meta.get("publish_date"):
            continue
        html = gzip.decompress((root / "html" / f"{meta_path.stem}.html.gz").read_bytes())
        article = extract_html(html, url=meta.get("url"))
        total += 1
        right += article.published_date == meta["publish_date"][:10]
        assert not article.title.endswith(("| CNN Politics", "| CNN", "-- Sott.net")), article.title
    assert total >= 10
    assert right / total >= 0.9
