"""Sitemaps (sitemaps.org) and Google News sitemaps: the page addresses they list, with the title and
date a news sitemap gives; a sitemap index lists further sitemaps. And plain URL lists: one address a line.

The XML is read with the standard library's expat parser, which does not fetch external entities and
refuses entity expansion bombs.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from newswire.model import InputError
from newswire.sources.http import is_url

_HEAD = 4096


@dataclass
class Listed:
    """A page a sitemap or URL list names, with what the list says about it."""

    url: str
    meta: dict[str, str] = field(default_factory=dict)


def is_sitemap(data: bytes) -> bool:
    head = data[:_HEAD].lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def is_url_list(data: bytes) -> bool:
    """Text whose every non-blank, non-comment line is one http(s) address."""
    lines = [ln.strip() for ln in data[:_HEAD * 4].decode("utf-8", "replace").splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    return bool(lines) and all(is_url(ln) and " " not in ln for ln in lines)


def url_list(data: bytes) -> list[Listed]:
    lines = (ln.strip() for ln in data.decode("utf-8", "replace").splitlines())
    return [Listed(ln) for ln in dict.fromkeys(ln for ln in lines if is_url(ln) and " " not in ln)]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def read_sitemap(data: bytes) -> tuple[list[Listed], list[str]]:
    """(the pages a sitemap lists, the sitemaps a sitemap index lists); InputError when it is not one."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(f"not a readable sitemap: {exc}") from None
    pages: list[Listed] = []
    children: list[str] = []
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):  # names, not words: the two root elements sitemaps.org defines
        raise InputError(f"not a sitemap: the root element is <{kind}>")
    for entry in root:
        fields: dict[str, str] = {}
        for node in entry.iter():
            if node is not entry and node.text and node.text.strip():
                fields.setdefault(_local(node.tag), node.text.strip())
        loc = fields.get("loc", "")
        if not is_url(loc):
            continue
        if kind == "sitemapindex":
            children.append(loc)
            continue
        meta = {"url": loc}
        # a news sitemap's <news:title> and <news:publication_date>; a plain one's <lastmod> is no date of
        # publication and is left out
        if fields.get("title"):
            meta["title"] = fields["title"]
        if fields.get("publication_date"):
            meta["published"] = fields["publication_date"]
        pages.append(Listed(loc, meta))
    return pages, children
