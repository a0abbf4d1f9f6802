"""The plain-text page cleaner: the seed page, five outlets' page styles, and its guards against mistakes."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, need_shared

from newswire.extract import extract
from newswire.extract.textpage import clean_body, extract_textpage
from newswire.model import Article, Document, InputError

PAGES = FIXTURES / "pages"
SEED_TITLE = "Russia does not want constructive dialogue with EU, Borrell says"
SEED_RELATED = ["Russia expels EU diplomats over Navalny protests, ties at 'low point'",
                "How Russia is slowly encircling Europe"]


def page(name: str) -> Article:
    return extract_textpage((PAGES / name).read_text(encoding="utf-8"))


def paragraphs(article: Article) -> list[str]:
    return article.body.split("\n\n")


# ----------------------------------------------------------------------------------------- seed
def check_seed(title, subtitle, section, published, captions, related, agencies, body) -> None:
    """The acceptance of issue 2 item 4, shared by the function, ``extract`` and the CLI."""
    assert title == SEED_TITLE
    assert subtitle.startswith("The European Union will have to draw the consequences")
    assert section == "WORLD"
    assert published == "2021-02-07"
    assert len(captions) == 1
    assert captions[0]["text"].startswith("Russian Foreign Minister Sergey Lavrov, left,")
    assert captions[0]["text"].endswith("on February 5, 2021.")
    assert captions[0]["credit"] == "AP"
    assert [r["title"] for r in related] == SEED_RELATED
    assert agencies == ["TRTWorld", "agencies"]
    assert body.startswith("The European Union's top diplomat has said")
    assert body.endswith("require unanimity among the 27.")
    for chrome in ("3 MIN READ", "READ MORE", "Recommended", "Explore", "SOURCE:", "February 7, 2021",
                   "2021-02-07", SEED_TITLE, "Tomahawks", "Mehmet Emre Kahraman", "APEC summit", " / AP"):
        assert chrome not in body, chrome
    # the in-body subheading is kept, as its own paragraph
    assert "Deepening division" in body.split("\n\n")
    assert "\n\n\n" not in body and "\u00a0" not in body


def test_seed_through_function(seed_path: Path) -> None:
    a = extract_textpage(seed_path.read_text(encoding="utf-8"))
    check_seed(a.title, a.subtitle, a.section, a.published, [vars(c) for c in a.captions],
               [vars(r) for r in a.related], a.agencies, a.body)
    assert len(paragraphs(a)) == 14
    assert a.authors == []  # "By Mehmet Emre Kahraman" belongs to a headline in the trailing list


def test_seed_through_extract(seed_path: Path) -> None:
    doc = Document(name=seed_path.name, kind="text", data=seed_path.read_bytes())
    a = extract(doc)
    check_seed(a.title, a.subtitle, a.section, a.published, [vars(c) for c in a.captions],
               [vars(r) for r in a.related], a.agencies, a.body)
    assert a.language == "en"


@pytest.mark.slow
def test_seed_through_cli(seed_path: Path) -> None:
    cli = ROOT / ".venv" / "bin" / "newswire"
    cmd = [str(cli)] if cli.exists() else [sys.executable, "-m", "newswire.cli"]
    done = subprocess.run([*cmd, "analyze", str(seed_path), "--json"], capture_output=True, text=True,
                          timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert len(records) == 1
    r = records[0]
    check_seed(r["title"], r["subtitle"], r["section"], r["published"], r["captions"], r["related"],
               r["agencies"], r["body"])


# ----------------------------------------------------------------------------- other outlets
def test_bbc_style_page() -> None:
    a = page("bbc_like.txt")
    assert a.title == "Kenya and Ethiopia agree to reopen border crossing after two-year closure"
    assert a.subtitle is None
    assert a.published is None  # "Published 3 hours ago" has no fixed date
    assert a.section is None  # the line above the title ends a navigation menu
    assert a.authors == ["Anne Wanjiru"]
    assert [(c.text, c.credit) for c in a.captions] == [
        ("Traders wait at the Moyale crossing, which has been closed since 2022", "Getty Images"),
        ("Ethiopian and Kenyan delegations met in Addis Ababa on Tuesday", "Reuters"),
    ]
    assert [r.title for r in a.related] == ["Why the Moyale border matters to East Africa",
                                            "Kenya deploys troops to northern frontier"]
    paras = paragraphs(a)
    assert paras[0].startswith("Kenya and Ethiopia have agreed to reopen")
    assert paras[-1] == "Few expect a quick return to normal."
    assert "Talks stalled" in paras
    for chrome in ("Share", "Save", "Image source", "Image caption", "BBC News, Nairobi", "Related Topics",
                   "Floods sweep", "Published"):
        assert chrome not in a.body, chrome


def test_reuters_style_page() -> None:
    a = page("reuters_like.txt")
    assert a.title == "Poland summons Belarus envoy after drone crashes near border village"
    assert a.section == "Europe"
    assert a.published == "2024-03-12T05:45:00+00:00"
    assert a.authors == ["Anna Kowalska", "Piotr Nowak"]
    assert a.agencies == ["Reuters"]  # from the dateline
    assert len(a.captions) == 1
    assert a.captions[0].credit == "REUTERS/Marek Zielinski"
    assert a.captions[0].text.startswith("A police officer stands near the site")
    assert "Purchase Licensing" not in a.captions[0].text and "[1/2]" not in a.captions[0].text
    paras = paragraphs(a)
    assert paras[0].startswith("WARSAW, March 12 (Reuters) - Poland summoned")
    assert paras[-1].endswith("complained repeatedly about airspace violations.")
    assert len(paras) == 5
    for chrome in ("minute read", "Advertisement", "Reporting by", "Trust Principles", "fishing quotas",
                   "wildfire", "Exclusive news"):
        assert chrome not in a.body, chrome


def test_aljazeera_style_page() -> None:
    a = page("aljazeera_like.txt")
    assert a.title == "Jordan hosts regional talks on water sharing as drought deepens"
    assert a.subtitle == "Ministers from five countries meet in Amman to discuss emergency measures as rivers dwindle."
    assert a.section == "Middle East"
    assert a.published == "2024-06-04"
    assert a.authors == ["Omar Haddad"]
    assert a.agencies == ["Al Jazeera", "news agencies"]
    assert [(c.text, c.credit) for c in a.captions] == [
        ("Farmers inspect a dried-out canal in the Jordan Valley on Monday", "Khalil Mazraawi/AFP")]
    paras = paragraphs(a)
    assert paras[0].startswith("Jordan has hosted ministers from five countries")
    assert paras[-1] == "Rights groups say the shortages fall hardest on refugees living in camps."
    assert len(paras) == 5
    for chrome in ("Recommended", "list of", "Euphrates", "end of list", "Source:", "Sudan army",
                   "Heatwave", "Save articles", "4 Jun 2024"):
        assert chrome not in a.body, chrome


def test_ap_style_page() -> None:
    a = page("ap_like.txt")
    assert a.title == "Peru's Congress votes to remove transport minister after bridge collapse"
    assert a.published == "2024-03-12T14:47:00+01:00"  # only an "Updated" time is given
    assert a.authors == ["Lucia Ramirez", "David Ortiz"]
    assert a.agencies == ["AP"]
    assert [(c.text, c.credit) for c in a.captions] == [
        ("Rescue workers search the rubble of a collapsed bridge in Huanuco, Peru, Monday, March 11, 2024.",
         "AP Photo/Martin Mejia")]
    assert [r.title for r in a.related] == ["Peru declares emergency in three regions after heavy rains"]
    paras = paragraphs(a)
    assert paras[0].startswith("LIMA, Peru (AP) — Peru's Congress voted")
    # a one-line paragraph near the end stays
    assert paras[-1] == '"We want justice," said one woman.'
    assert "Lawmakers approved the censure motion by 78 votes to 23." in paras
    for chrome in ("Submit Search", "Advertisement", "Read more", "contributed to this report", "Fed holds",
                   "Most read", "Updated"):
        assert chrome not in a.body, chrome


def test_guardian_style_page() -> None:
    a = page("guardian_like.txt")
    assert a.title == "Japan and South Korea agree to resume security talks after five-year pause"
    assert a.subtitle is not None and a.subtitle.startswith("Leaders pledge closer cooperation on North Korea")
    assert a.published == "2024-04-07T10:15:00+01:00"
    assert a.authors == ["Hannah Lee", "Kenji Sato"]
    assert [(c.text, c.credit) for c in a.captions] == [
        ("Prime ministers shake hands in Tokyo on Sunday.", "Kim Hong-ji/Pool/Getty Images")]
    assert [r.title for r in a.related] == ["Seoul and Tokyo edge closer as North Korea tests new missile"]
    paras = paragraphs(a)
    assert paras[0].startswith("Japan and South Korea have agreed to resume regular security talks")
    assert paras[-1] == "Officials said the first round of talks would take place in Seoul in June."
    assert len(paras) == 6
    for chrome in ("newsletter", "Sign up", "Explore more", "Reuse this content", "Heatwave", "Photograph:",
                   "Hannah Lee", "BST"):
        assert chrome not in a.body, chrome


# --------------------------------------------------------------------------- guards against mistakes
NO_CHROME = """Farmers in Bangladesh count losses as floods recede

Floodwaters began to recede across northern Bangladesh on Wednesday, leaving thousands of farmers to count the cost.

Officials said more than 200,000 hectares of rice had been damaged.

Aid arrived late.

The government has promised seed and fertiliser to the worst-hit districts before the next planting season.
"""


def test_page_without_chrome_comes_through_intact() -> None:
    a = extract_textpage(NO_CHROME)
    assert a.title == "Farmers in Bangladesh count losses as floods recede"
    assert a.subtitle is None and a.captions == [] and a.related == [] and a.published is None
    expected = [p for p in NO_CHROME.split("\n\n")[1:]]
    assert paragraphs(a) == [p.strip() for p in expected]
    assert "Aid arrived late." in paragraphs(a)  # a short paragraph is a paragraph, not chrome


def test_body_only_page_keeps_every_paragraph() -> None:
    text = "\n\n".join(NO_CHROME.split("\n\n")[1:])
    a = extract_textpage(text)
    assert a.title == ""
    assert paragraphs(a) == [p.strip() for p in NO_CHROME.split("\n\n")[1:]]


def test_short_paragraph_between_chrome_stays() -> None:
    text = """World
Ceasefire holds in southern Lebanon for a second day
By Maya Khoury
5 min read
The ceasefire between the two sides held for a second day on Thursday, residents and officials said.

Advertisement

It is fragile.

Share

Schools in the border villages reopened for the first time since the autumn.
Most read
Three more headlines nobody asked for
Another unrelated headline about markets
"""
    a = extract_textpage(text)
    assert a.title == "Ceasefire holds in southern Lebanon for a second day"
    assert a.section == "World"
    assert a.authors == ["Maya Khoury"]
    assert paragraphs(a) == [
        "The ceasefire between the two sides held for a second day on Thursday, residents and officials said.",
        "It is fragile.",
        "Schools in the border villages reopened for the first time since the autumn.",
    ]


def test_trailer_words_heading_a_paragraph_are_a_subheading() -> None:
    text = """EU and Mercosur close in on trade deal
The European Union and the Mercosur bloc said on Friday they were close to concluding a trade agreement.

More from the summit

Leaders of the two blocs met in Montevideo for two days of talks on tariffs and farm products.

Explore
Three unrelated headlines follow here
Another story about the weather
"""
    a = extract_textpage(text)
    assert paragraphs(a) == [
        "The European Union and the Mercosur bloc said on Friday they were close to concluding a trade agreement.",
        "More from the summit",
        "Leaders of the two blocs met in Montevideo for two days of talks on tariffs and farm products.",
    ]


def test_first_paragraph_followed_by_more_text_is_not_a_standfirst() -> None:
    text = ("Talks on Nile dam end without a deal\n"
            "Egypt, Ethiopia and Sudan ended a new round of talks on the Nile dam without agreement on Monday.\n"
            "The three countries have negotiated for more than a decade.\n")
    a = extract_textpage(text)
    assert a.subtitle is None
    assert paragraphs(a)[0].startswith("Egypt, Ethiopia and Sudan ended")


def test_wrapped_lines_in_a_page_are_joined() -> None:
    text = ("Flooding closes ports in northern Italy\n\n"
            "Heavy rain forced the closure of two ports in northern Italy on Friday, the coast\n"
            "guard said, as rivers burst their banks.\n\n"
            "Ferry services were suspended.\n")
    a = extract_textpage(text)
    assert paragraphs(a) == ["Heavy rain forced the closure of two ports in northern Italy on Friday, the coast "
                             "guard said, as rivers burst their banks.", "Ferry services were suspended."]


@pytest.mark.parametrize("text", ["", "   \n\n  \t\n"])
def test_empty_page_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError):
        extract_textpage(text)


def test_page_of_chrome_only_is_rejected_by_extract() -> None:
    doc = Document(name="menu.txt", kind="text", data=b"Home\nNews\nSport\nShare\nAdvertisement\n")
    with pytest.raises(InputError, match="no article text"):
        extract(doc)


@pytest.mark.parametrize("line,text,credit", [
    ("Protesters march through central Paris on Saturday. (Photo: Reuters)",
     "Protesters march through central Paris on Saturday.", "Reuters"),
    ("Protesters march through central Paris on Saturday. Photo: AFP",
     "Protesters march through central Paris on Saturday.", "AFP"),
    ("Protesters march through central Paris on Saturday | Getty Images",
     "Protesters march through central Paris on Saturday", "Getty Images"),
    ("Protesters march through central Paris on Saturday. Credit: Jean Dupont",
     "Protesters march through central Paris on Saturday.", "Jean Dupont"),
])
def test_caption_credit_styles(line: str, text: str, credit: str) -> None:
    page_text = f"Thousands protest pension reform in Paris\n{line}\n\nThousands marched in Paris on Saturday against the reform.\n"
    a = extract_textpage(page_text)
    assert [(c.text, c.credit) for c in a.captions] == [(text, credit)]
    assert a.body == "Thousands marched in Paris on Saturday against the reform."


# ------------------------------------------------------------------------------------ clean_body
def test_clean_body_drops_a_leading_date_line_and_normalises() -> None:
    text = ("Friday, January 4, 2019\u00a0 \n\n\nRescuers searched the rubble   of the building on Thursday.\n\n\n"
            "Officials said the search would continue.\nA second team arrived in the evening.\n\n\n")
    assert clean_body(text) == ("Rescuers searched the rubble of the building on Thursday.\n\n"
                                "Officials said the search would continue.\n\n"
                                "A second team arrived in the evening.")


def test_clean_body_keeps_a_first_sentence_that_starts_with_a_day() -> None:
    text = "Thursday, the army said it had taken the town.\n\n\nResidents fled overnight."
    assert clean_body(text) == "Thursday, the army said it had taken the town.\n\nResidents fled overnight."


def test_clean_body_joins_hard_wrapped_wire_text() -> None:
    text = ("The ministry said exports of wheat rose sharply in\n"
            "the first quarter, helped by strong demand from North\n"
            "Africa and the Middle East.\n"
            "    It said shipments to Egypt alone had doubled compared\n"
            "with the same period last year.\n")
    assert clean_body(text) == (
        "The ministry said exports of wheat rose sharply in the first quarter, helped by strong demand from North "
        "Africa and the Middle East.\n\n"
        "It said shipments to Egypt alone had doubled compared with the same period last year.")


def test_clean_body_on_wikinews() -> None:
    rows: list[dict[str, str]] = []
    for year in ("2019", "2020"):
        with need_shared("corpora", "wikinews", f"wikinews_{year}.csv").open(encoding="utf-8") as f:
            rows.extend(csv.DictReader(f))
    for row in rows:
        body = clean_body(row["text"])
        if not body:  # a record holding nothing but its date line
            assert len(row["text"].split()) <= 4
            continue
        assert "\n\n\n" not in body and "\u00a0" not in body
        first = body.split("\n\n")[0]
        assert not (len(first.split()) <= 4 and first.split(",")[0] in
                    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}), first
        # nothing but the date line is lost
        assert len(body) >= len(" ".join(row["text"].split())) - 40


# ------------------------------------------------------------- chrome is never a title (share bars, tags)
def test_share_bar_above_the_body_is_not_the_title() -> None:
    a = page("balkan_regional_like.txt")
    assert a.title == "Serbia and Kosovo settle licence plate dispute after EU-brokered talks"
    assert a.subtitle == ("Belgrade and Pristina accept a compromise that lets drivers keep their plates until the "
                          "end of the year")
    assert a.section == "Western Balkans"  # the breadcrumb's last part
    assert a.published == "2022-09-14T09:40:00"  # "14.09.2022 | 09:40": dotted, day-first
    assert [(c.text, c.credit) for c in a.captions] == [
        ("Trucks wait at the Jarinje crossing between Kosovo and Serbia.", "Balkan Regional Daily")]
    paras = paragraphs(a)
    assert paras[0].startswith("Serbia and Kosovo agreed late on Tuesday")
    assert paras[-1] == "Police said the roads in the north were open again."
    assert len(paras) == 5
    for chrome in ("Share", "WhatsApp", "Topics", "Most read", "Montenegro", "©", "Reproduction", "SRB"):
        assert chrome not in a.body, chrome


@pytest.mark.parametrize("name,title,first", [
    ("capitol_ledger_like.txt", "Oman brokers prisoner exchange between Iran and Belgium", "MUSCAT, Oman (CL)"),
    ("andes_herald_like.txt", "Chile and Bolivia reopen talks on access to the Pacific", "Chile and Bolivia reopened"),
])
def test_tag_list_above_the_body_is_not_the_title(name: str, title: str, first: str) -> None:
    a = page(name)
    assert a.title == title
    assert paragraphs(a)[0].startswith(first)
    for chrome in ("Filed under", "Topics:", "Share this article", "LinkedIn", "Subscribe", "Politics"):
        assert chrome not in a.body and chrome not in (a.subtitle or ""), chrome


@pytest.mark.parametrize("line", [
    "Share on Facebook   Share on Twitter   Email",
    "Share this article Facebook Twitter LinkedIn Email",
    "Share  |  Print  |  Report an error",
    "Tags: Kenya, floods, Horn of Africa, climate",
    "Keywords: Kenya, floods",
    "Related topics: Africa, Kenya",
])
def test_chrome_line_between_title_and_body_is_dropped(line: str) -> None:
    text = (f"Floods displace thousands in northern Kenya\n{line}\n"
            "Floods have forced more than 20,000 people from their homes in northern Kenya, the Red Cross said.\n")
    a = extract_textpage(text)
    assert a.title == "Floods displace thousands in northern Kenya"
    assert a.body == "Floods have forced more than 20,000 people from their homes in northern Kenya, the Red Cross said."


def test_menu_words_do_not_swallow_titles_or_paragraphs() -> None:
    text = ("Russia strikes Kyiv power plants | World News\n"
            "Russian missiles hit two power plants in Kyiv overnight, the city's mayor said on Monday.\n\n"
            "Share prices in Moscow rose.\n\n"
            "Copyright lawyers for the plant's operator said they would sue.\n")
    a = extract_textpage(text)
    assert a.title == "Russia strikes Kyiv power plants | World News"  # one "|" in a long line: a title
    assert paragraphs(a) == ["Russian missiles hit two power plants in Kyiv overnight, the city's mayor said on Monday.",
                             "Share prices in Moscow rose.",
                             "Copyright lawyers for the plant's operator said they would sue."]


# ---------------------------------------------------------------------------------- numeric dates
@pytest.mark.parametrize("line,published", [
    ("08.03.2023 / 23:15", "2023-03-08T23:15:00"),  # dotted: day-first
    ("14.09.2022", "2022-09-14"),
    ("Published: 2021-02-07, 10:15 GMT", "2021-02-07T10:15:00+00:00"),
    ("2023-03-08 23:15", "2023-03-08T23:15:00"),
    ("2023/03/08", "2023-03-08"),
    ("25/12/2023 08:00", "2023-12-25T08:00:00"),  # a part over 12 settles the order
    ("12/25/2023", "2023-12-25"),
    ("Updated 24-11-2022 17:05", "2022-11-24T17:05:00"),
    ("31.02.2023", None),  # no such day: not a date line
])
def test_numeric_date_lines(line: str, published: str | None) -> None:
    text = (f"Ports reopen after storm in the Adriatic\n{line}\n"
            "Ports along the Adriatic coast reopened on Wednesday after a storm forced ferries to stay in harbour.\n")
    a = extract_textpage(text)
    assert a.title == "Ports reopen after storm in the Adriatic"
    assert a.published == published
    assert a.warnings == []
    assert a.body.startswith("Ports along the Adriatic coast")


def test_ambiguous_slashed_date_follows_the_page_style() -> None:
    us = page("capitol_ledger_like.txt")  # "03/08/2023 10:12 AM EST", the body writes "March 8"
    assert us.published == "2023-03-08T10:12:00-05:00"
    assert us.warnings == ["ambiguous date '03/08/2023' read month-first as 2023-03-08"]
    eu = page("andes_herald_like.txt")  # "05/04/2024 - 16:20", the body writes "5 April", "30 June"
    assert eu.published == "2024-04-05T16:20:00"
    assert eu.warnings == ["ambiguous date '05/04/2024' read day-first as 2024-04-05"]


def test_dotted_date_is_day_first_even_on_a_month_first_page() -> None:
    text = ("Storm closes airports on the East Coast\n03.08.2023 10:00 EST\n"
            "A storm closed airports from Boston to Washington on Thursday, August 3, officials said.\n")
    a = extract_textpage(text)
    assert a.published == "2023-08-03T10:00:00-05:00" and a.warnings == []


# ------------------------------------------------------------------------------- legal footers
def test_copyright_footer_after_the_last_paragraph_is_dropped() -> None:
    us = page("capitol_ledger_like.txt")
    assert paragraphs(us)[-1] == "Copyright lawyers for the aid worker's family said they would publish her diary next year."
    assert len(paragraphs(us)) == 5
    eu = page("andes_herald_like.txt")
    assert paragraphs(eu)[-1].endswith("which will report by 30 June.")
    for a in (us, eu):
        for chrome in ("Copyright 2023", "Copyright ©", "All rights reserved", "This material", "Inc."):
            assert chrome not in a.body, chrome


@pytest.mark.parametrize("footer", [
    "Copyright 2020 Harbour Times Pte Ltd.",
    "© 2019 Gulf Ledger. All rights reserved.",
    "(c) 2021 Harbour Times Ltd",
    "Copyright Harbour Times Media 2021. Terms apply.",
    "All rights reserved.",
    "Terms of Use",
])
def test_legal_lines_are_chrome(footer: str) -> None:
    text = ("Singapore and Malaysia sign high-speed rail deal\n"
            "Singapore and Malaysia signed a new agreement on Monday to build a rail link between their capitals.\n\n"
            f"Work is due to start next year.\n{footer}\n")
    a = extract_textpage(text)
    assert paragraphs(a)[-1] == "Work is due to start next year."


# --------------------------------------------------------------------------------- the lexicon file
def bundled_lexicon() -> dict:
    from importlib import resources

    import yaml
    return yaml.safe_load(resources.files("newswire.data").joinpath("textpage.yaml").read_text(encoding="utf-8"))


def test_bundled_lexicon_loads() -> None:
    from newswire.extract.textpage import lexicon
    lex = lexicon()
    assert lex.chrome.match("Share on Facebook") and lex.legal.match("Copyright 2020 Harbour Times Ltd.")
    assert lexicon() is lex  # loaded once


@pytest.mark.parametrize("change,message", [
    (lambda d: d["chrome"].append("share (on"), r"textpage\.yaml: 'chrome' entry \d+ \('share \(on'\) is not a valid"),
    (lambda d: d.pop("trailers"), r"textpage\.yaml: missing key\(s\) 'trailers'"),
    (lambda d: d.update(trailer=["x"]), r"textpage\.yaml: unknown key\(s\) 'trailer'"),
    (lambda d: d["share_words"].append(True), r"textpage\.yaml: 'share_words' must be a non-empty list of strings"),
    (lambda d: d.update(legal=[]), r"textpage\.yaml: 'legal' must be a non-empty list"),
])
def test_broken_lexicon_is_reported_with_file_and_key(change, message: str) -> None:
    from newswire.extract.textpage import TextPageDataError, parse_lexicon
    data = bundled_lexicon()
    change(data)
    with pytest.raises(TextPageDataError, match=message):
        parse_lexicon(data, "newswire/data/textpage.yaml")


def test_lexicon_entries_drive_the_cleaner(monkeypatch: pytest.MonkeyPatch) -> None:
    from newswire.extract import textpage
    plug = "Join the conversation about this story in the comments below."
    text = ("Harbour strike ends in Rotterdam\n"
            "Dock workers in Rotterdam ended a three-day strike on Friday after a pay deal was reached.\n\n"
            f"{plug}\n\nShips began unloading again in the evening.\n")
    assert plug in paragraphs(extract_textpage(text))
    data = bundled_lexicon()
    data["chrome"].append("join the conversation.*")
    monkeypatch.setattr(textpage, "lexicon", lambda: textpage.parse_lexicon(data))
    assert paragraphs(extract_textpage(text)) == [
        "Dock workers in Rotterdam ended a three-day strike on Friday after a pay deal was reached.",
        "Ships began unloading again in the evening."]
