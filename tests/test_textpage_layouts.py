"""The text reader on outlets' layouts it was not built around (issue 17): captions above the body, wire
timestamps, hard-wrapped text-browser dumps, headline lists above or inside the article; and the HTML path's
titles (document title, rubrics). The page texts are the project's own, written in those layouts."""

from __future__ import annotations

import time

import pytest
from conftest import FIXTURES

from newswire.extract.html import extract_html, strip_rubric
from newswire.extract.textpage import (
    LINE_FEATURES,
    TITLE_FEATURES,
    LineModelError,
    extract_textpage,
    line_model,
    parse_line_model,
    title_model,
)

PAGES = FIXTURES / "pages"


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


# ------------------------------------------------------------------------------- outlets' layouts
def test_bbc_style_page_whose_photo_caption_precedes_the_body() -> None:
    a = extract_textpage((PAGES / "bbc_caption_first_like.txt").read_text(encoding="utf-8"))
    assert a.title == "Sweden's Nato bid stalls as Turkey demands action over Stockholm protest"
    assert a.published == "2023-01-22"
    assert a.authors == ["Paul Kirby"]
    assert [(c.text, c.credit) for c in a.captions] == [
        ("Protesters gathered outside the Turkish embassy in Stockholm on Saturday", "Getty Images")]
    paras = paragraphs(a.body)
    assert paras[0].startswith("Turkey's president has warned Sweden")
    assert paras[-1] == "Nato's secretary general said he still expected both countries to become members, but gave no date."
    assert "Talks postponed" in paras
    for chrome in ("Protesters gathered", "Getty Images", "Paul Kirby", "Share", "Storm brings", "Why Turkey holds"):
        assert chrome not in a.body, chrome
    assert [r.title for r in a.related] == ["Why Turkey holds the key to Sweden's Nato hopes",
                                            "Finland and Sweden formally apply to join Nato"]


@pytest.mark.parametrize("stamp", [
    "August 26, 20233:41 PM GMTUpdated 2 hours ago",  # Chromium's innerText joins the <time> element's spans
    "August 26, 2023 3:41 PM GMT Updated 2 hours ago",
])
def test_reuters_style_wire_page_keeps_title_and_date(stamp: str) -> None:
    text = (PAGES / "reuters_wire_like.txt").read_text(encoding="utf-8")
    text = text.replace("August 26, 20233:41 PM GMTUpdated 2 hours ago", stamp)
    a = extract_textpage(text)
    assert a.title == "Niger junta orders French ambassador to leave within 48 hours"
    assert a.published == "2023-08-26T15:41:00+00:00"
    assert a.authors == ["Moussa Aksar", "Tiemoko Diallo"]
    assert a.agencies == ["Reuters"]
    paras = paragraphs(a.body)
    assert paras[0].startswith("NIAMEY, Aug 25 (Reuters) - Niger's military junta on Friday ordered")
    assert paras[-1].endswith("detained President Mohamed Bazoum.")
    assert len(paras) == 4
    for chrome in ("3:41", "Updated", "Reporting by", "Trust Principles", "Gabon", "Tropical storm"):
        assert chrome not in a.body, chrome


_PARAGRAPHS = [
    "Heavy rain forced the closure of two ports in northern Italy on Friday, the coast guard said, as rivers "
    "burst their banks and several towns along the Po valley ordered residents to move to higher ground.",
    "Ferry services between Genoa and the islands were suspended until at least Sunday, the operator said in a "
    "statement, and passengers were offered refunds or places on later sailings once the weather improves.",
    "The civil protection agency said more than 2,000 people had spent the night in shelters, and that the "
    "level of the river was expected to peak late on Saturday before falling slowly through the week.",
]


def _wrap(text: str, width: int = 78) -> list[str]:
    out, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*out, line]


def test_text_browser_dump_wrapped_at_a_fixed_width_is_read_whole() -> None:
    """``w3m -dump`` wraps every paragraph at the screen's width and lists menus as "  * " items."""
    menu = ["  * Home", "  * World", "  * Business", "  * Sport", "  * Weather", ""]
    head = ["Floods close ports in northern Italy as rivers burst their banks", "",
            "By Giulia Rossi", "7 March 2024", ""]
    body: list[str] = []
    for p in _PARAGRAPHS * 3:
        body += [*_wrap(p), ""]
    tail = ["Most read", "", "  * Markets slide as chip shares tumble", "  * Storm brings snow to Japan"]
    a = extract_textpage("\n".join(menu + head + body + tail))
    assert a.title == "Floods close ports in northern Italy as rivers burst their banks"
    assert a.published == "2024-03-07"
    assert paragraphs(a.body) == _PARAGRAPHS * 3  # each paragraph whole again, no menu, no trailing list


def test_text_browser_line_of_bracketed_icons_is_read_at_once() -> None:
    """A text browser prints a share bar's icons as their alt texts in brackets, with nothing after them; the
    pattern that drops image alts in front of text must give up on such a line at once (it used to try every
    way of splitting every bracket's letters: seconds for one line)."""
    icons = "  ".join(f"[{name}-icon]" for name in ("facebook", "twitter", "google", "reddit", "share", "print",
                                                     "email", "whatsapp"))
    text = "\n".join([icons, "", "[photo] Floods close ports in northern Italy as rivers burst their banks", "",
                      *(p + "\n" for p in _PARAGRAPHS), icons])
    start = time.process_time()
    a = extract_textpage(text)
    assert time.process_time() - start < 0.5
    assert a.title == "Floods close ports in northern Italy as rivers burst their banks"
    assert paragraphs(a.body) == _PARAGRAPHS


def test_headline_list_above_the_article_does_not_end_it() -> None:
    """A "Most Popular" box printed before the article is a list of other headlines, not the body's end."""
    top = ["Home", "News", "Sport", "Most Popular", "Fire damages historic club in Albany",
           "Best pizza in the region: readers' picks", "Photos: the mall through the years", "",
           "Utility begins new mass power shutoff over fire danger", "By Janie Har", "Nov. 20, 2019", ""]
    a = extract_textpage("\n".join(top + [p + "\n" for p in _PARAGRAPHS * 2]))
    assert a.title == "Utility begins new mass power shutoff over fire danger"
    assert a.published == "2019-11-20"
    assert paragraphs(a.body) == _PARAGRAPHS * 2


def test_related_links_inside_the_article_are_dropped_and_the_article_goes_on() -> None:
    lines = ["World", "Hong Kong police lay siege to university as protests grow", "By Laura Mowat", "",
             *(p + "\n" for p in _PARAGRAPHS), "Related articles",
             "Protesters send defiant warning to Beijing", "800 students under siege in university", "",
             *(p + "\n" for p in reversed(_PARAGRAPHS)), "Most read in World",
             "Earthquake strikes off the coast of Mexico", "Venice floods again"]
    a = extract_textpage("\n".join(lines))
    assert a.title == "Hong Kong police lay siege to university as protests grow"
    assert paragraphs(a.body) == _PARAGRAPHS + _PARAGRAPHS[::-1]


@pytest.mark.parametrize("line, published", [
    ("By Amanda Tan November 19, 2023 7:18 pm", "2023-11-19"),  # byline and date on one line
    ("North Korea 09:31 August 20, 2019", "2019-08-20"),  # section, time, date
    ("2023-11-17 20:52:15 来源： 新华网", "2023-11-17"),  # date, time and source
    ("2018年6月18日 10:01 発信地：カノ/ナイジェリア", "2018-06-18"),  # CJK date
])
def test_date_within_a_header_line_below_the_title(line: str, published: str) -> None:
    text = "\n".join(["Menu", "Rebels seize arms depots near the capital after heavy clashes", line, "",
                      *(p + "\n" for p in _PARAGRAPHS)])
    a = extract_textpage(text)
    assert a.title == "Rebels seize arms depots near the capital after heavy clashes"
    assert a.published_date == published
    assert line not in a.body


_DOCK_PARAGRAPHS = [
    "Dock workers in Antwerp walked out on Monday after talks with the Port of Antwerp-Bruges Authority and "
    "the Belgian Federation of Port Employers broke down over pay, the ABVV Transport Union said.",
    "Shipping lines including Maersk, MSC and CMA CGM said they would divert vessels to Rotterdam and Hamburg "
    "while the strike lasts.",
    "The European Shippers Council warned of delays for exporters in Flanders, the Netherlands and Germany "
    "through April.",
    "Port officials said talks would resume on Thursday at the Ministry of Labour in Brussels, with a mediator "
    "sent by the Flemish government.",
]


def test_short_text_browser_dump_with_few_wrapped_lines_is_unwrapped() -> None:
    """A short article in a text browser's dump: few lines reach the width, but each broke because the next
    word had no room; a short line the next word would have fitted on (a title, a byline) stays a line."""
    menu = ["Home  World  Business  Opinion  Sport", "", "Sign in  Subscribe", ""]
    head = ["Dockers strike shuts Antwerp container terminals", "By Pieter Janssens", "March 5, 2024", ""]
    body: list[str] = []
    for p in _DOCK_PARAGRAPHS:  # wrapped before "Hamburg", "through": no lower-case word tells a run-on line
        body += [*_wrap(p, 98), ""]
    tail = ["To read the full story", "Subscribe Sign In", "", "Most read", "",
            *[f"  * Video {n}: highlights of the week in pictures and the stories behind them" for n in range(6)]]
    a = extract_textpage("\n".join(menu + head + body + tail))
    assert a.title == "Dockers strike shuts Antwerp container terminals"
    assert a.authors == ["Pieter Janssens"]
    assert paragraphs(a.body) == _DOCK_PARAGRAPHS


def _wrap_cjk(text: str, width: int) -> list[str]:
    """Wrap text written without spaces at ``width`` columns, two a character, the first line indented by
    two ideographic spaces (as a text browser prints a Chinese paragraph); a Latin letter or digit takes one."""
    out, line, cols = [], "\u3000\u3000", 4
    for ch in text:
        w = 1 if ch.isascii() else 2
        if cols + w > width:
            out.append(line)
            line, cols = "", 0
        line, cols = line + ch, cols + w
    return [*out, line]


_CJK_PARAGRAPHS = [
    "新华社北京3月5日电记者5日从交通运输部获悉，受强降雨影响，华南地区多条高速公路实施临时交通管制，"
    "相关部门已组织力量开展抢修，预计周末前恢复通行，请过往车辆提前规划出行路线并注意安全。",
    "据了解，今年入汛以来，各地已累计转移安置受灾群众两万余人，气象部门提醒，未来三天仍有较强降雨，"
    "沿江沿河地区需加强防范，及时关注当地发布的预警信息，做好防汛准备工作。",
    "交通运输部表示，将加强与气象、水利等部门的会商研判，及时发布路况信息，必要时启动应急预案，"
    "全力保障人员安全和物资运输畅通，同时督促各地做好公路桥梁隧道等重点部位的巡查。",
    "记者在广东清远看到，多支抢险队伍正在清理塌方路段，附近村民也自发提供饮用水和食物，"
    "当地学校已暂时停课，预计下周一恢复正常教学秩序，受损房屋的鉴定工作也已同步展开。",
]


def test_text_browser_dump_of_a_chinese_page_is_unwrapped() -> None:
    """A Chinese paragraph wraps anywhere, and its indent of ideographic spaces takes two columns each: its
    lines are joined without spaces, so that the first one is no headline-like fragment."""
    lines = ["首页  新闻  财经  体育", "", "华南强降雨致多条高速临时管制", "", "2024-03-05 20:15:31 来源：新华网", ""]
    for p in _CJK_PARAGRAPHS:
        lines += [*_wrap_cjk(p, 98), ""]
    a = extract_textpage("\n".join(lines))
    assert a.title == "华南强降雨致多条高速临时管制"
    assert a.published_date == "2024-03-05"
    assert paragraphs(a.body) == _CJK_PARAGRAPHS


def _wrap_wide_words(text: str, width: int) -> list[str]:
    """Wrap text whose words are written in a wide script with spaces between them (Korean) at ``width``
    columns, two a wide character, breaking between words."""
    out, line, cols = [], "", 0
    for word in text.split():
        w = sum(1 if ch.isascii() else 2 for ch in word)
        if line and cols + 1 + w > width:
            out.append(line)
            line, cols = word, w
        else:
            line, cols = (f"{line} {word}", cols + 1 + w) if line else (word, w)
    return [*out, line]


_KOREAN_PARAGRAPHS = [
    "서울시는 25일 집중호우로 한강 주변 도로 일부의 차량 통행을 통제한다고 밝혔다. 시 관계자는 올림픽대로와 "
    "강변북로 일부 구간이 침수돼 복구 작업이 진행 중이며 시민들은 대중교통을 이용해 달라고 당부했다.",
    "기상청은 이번 주말까지 중부지방에 최대 200밀리미터의 비가 더 내릴 것으로 예보했다. 산사태와 하천 범람 "
    "위험이 있는 지역의 주민들은 지방자치단체의 안내에 따라 미리 대피할 것을 권고했다.",
    "행정안전부는 중앙재난안전대책본부 비상근무를 2단계로 올리고 피해 상황을 집계하고 있다. 현재까지 "
    "이재민은 300여 명으로 파악됐으며 이들은 인근 학교와 체육관에 마련된 임시 대피소에 머물고 있다.",
]


def test_text_browser_dump_of_a_korean_page_is_unwrapped() -> None:
    """Korean is written wide but breaks between words: its wrapped lines are joined with a space, and an
    image's alt text the browser printed in front of a paragraph still counts in the line's width."""
    lines = ["홈  뉴스  정치  경제  사회", "", "집중호우로 한강 주변 도로 통제", "기사입력 : 2024-07-25 15:24", ""]
    for k, p in enumerate(_KOREAN_PARAGRAPHS):
        wrapped = _wrap_wide_words(("[사진=연합뉴스] " if k == 0 else "") + p, 78)
        lines += [*wrapped, ""]
    a = extract_textpage("\n".join(lines))
    assert a.title == "집중호우로 한강 주변 도로 통제"
    assert paragraphs(a.body) == _KOREAN_PARAGRAPHS


_JAPANESE_PARAGRAPHS = [
    "【3月5日 共同】北海道の東部で5日未明、大雪による停電が相次ぎ、約2万世帯で電気が使えない状態が続いている。"
    "電力会社は復旧作業を急いでいるが、道路の除雪が追いつかず、作業員の移動に時間がかかっているという。",
    "気象台によると、大雪は6日朝まで続く見込みで、停電が長引く恐れもある。自治体は暖房が使えない高齢者などに"
    "避難所の利用を呼びかけている。",
]


def test_japanese_headline_shares_characters_with_the_lead() -> None:
    """Japanese writes no spaces: the headline's words shared with the lead are pairs of characters, and a
    breadcrumb the browser ran together above it ("ニュース社会 Video") is no headline."""
    lines = ["ホーム  ニュース  スポーツ", "", "ニュース社会 Video", "", "北海道東部で大雪による停電、約2万世帯に影響",
             "", "2024年3月5日 10:01 発信地：札幌", "", *(p + "\n" for p in _JAPANESE_PARAGRAPHS)]
    a = extract_textpage("\n".join(lines))
    assert a.title == "北海道東部で大雪による停電、約2万世帯に影響"
    assert a.published_date == "2024-03-05"
    assert paragraphs(a.body) == _JAPANESE_PARAGRAPHS


_THAI_PARAGRAPHS = [
    "ฝนตกหนักต่อเนื่องตั้งแต่คืนวันเสาร์ทำให้น้ำป่าไหลหลากเข้าท่วมบ้านเรือนประชาชนในอำเภอแม่สายและอำเภอเชียงแสน "
    "จังหวัดเชียงราย เจ้าหน้าที่ได้อพยพผู้คนกว่าสองพันคนไปยังศูนย์พักพิงชั่วคราวที่โรงเรียนและวัดในพื้นที่",
    "ผู้ว่าราชการจังหวัดกล่าวว่า ระดับน้ำในแม่น้ำสายยังคงสูงขึ้นและคาดว่าจะเริ่มลดลงในวันอังคาร "
    "ขอให้ประชาชนที่อาศัยอยู่ริมน้ำติดตามประกาศของทางราชการอย่างใกล้ชิดและเตรียมพร้อมอพยพ",
]


def test_page_in_a_script_without_full_stops_finds_its_first_paragraph_and_title() -> None:
    """Thai writes no full stops: a long line is a paragraph whatever it ends with, a line of labels split by
    " / " is a breadcrumb, and a headline with an acronym in it is no line in capitals."""
    menu = ["หน้าแรก", "การเมือง", "เศรษฐกิจ", "ต่างประเทศ", "สิ่งแวดล้อม", "สิทธิมนุษยชน", ""]
    head = ["ข่าวสด / ข่าว", "ผล DNA ยืนยัน น้ำท่วมเชียงรายไม่มีผู้เสียชีวิตเพิ่ม", "Submitted on Mon, 2024-03-11 09:15", ""]
    a = extract_textpage("\n".join(menu + head + [p + "\n" for p in _THAI_PARAGRAPHS * 2]))
    assert a.title == "ผล DNA ยืนยัน น้ำท่วมเชียงรายไม่มีผู้เสียชีวิตเพิ่ม"
    assert a.published_date == "2024-03-11"
    assert paragraphs(a.body)[0] == _THAI_PARAGRAPHS[0]


def test_wire_header_with_a_long_byline_a_zoned_clock_and_a_highlights_box() -> None:
    """A byline of four names with a serial comma, a date line with a four-digit clock and its zones, a
    "(L-R)" photo caption, and a box of story highlights between the header and the article."""
    lines = ["Home", "World", "Share this", "",
             "After the floods, a slow return to the Po valley towns",
             "By Giulia Rossi, Marco Bianchi, Elena Conti, and Luca Ferri, Wire Staff",
             "March 9, 2024 -- Updated 1412 GMT (2212 HKT)",
             "(L-R) Giulia Rossi, Marco Bianchi, Elena Conti", "",
             "STORY HIGHLIGHTS",
             "NEW: Ferry services resume between Genoa and the islands",
             "Rivers fall below warning levels across the region",
             "Shelters close as families return home", "",
             *(p + "\n" for p in _PARAGRAPHS)]
    a = extract_textpage("\n".join(lines))
    assert a.title == "After the floods, a slow return to the Po valley towns"
    assert a.authors == ["Giulia Rossi", "Marco Bianchi", "Elena Conti", "Luca Ferri"]
    assert a.published_date == "2024-03-09"
    assert [c.text for c in a.captions] == ["Giulia Rossi, Marco Bianchi, Elena Conti"]
    assert paragraphs(a.body) == _PARAGRAPHS


def test_teaser_that_runs_the_body_together_again_is_dropped() -> None:
    """A text browser prints what the page hides: a teaser box that runs the article's paragraphs together
    again after it is no more of the article; a paragraph the article itself repeats stays."""
    lines = ["Floods close ports in northern Italy as rivers burst their banks", "By Giulia Rossi", "",
             *(p + "\n" for p in _PARAGRAPHS), _PARAGRAPHS[0] + "\n", "More from Giulia Rossi", "",
             " ".join(_PARAGRAPHS) + "\n", "Read more"]
    a = extract_textpage("\n".join(lines))
    assert paragraphs(a.body) == [*_PARAGRAPHS, _PARAGRAPHS[0]]


@pytest.mark.parametrize("stamp", [
    "New York CNN —",  # the article's dateline, its text on the next line
    "mercredi 28 août 2013, mis à jour à 14:00",  # a date stamp in words the reader does not know
])
def test_dateline_or_date_stamp_above_the_body_is_not_the_title(stamp: str) -> None:
    lines = ["World", "Rebels seize arms depots near the capital after heavy clashes", "By Amanda Tan", "", stamp,
             *(p + "\n" for p in _PARAGRAPHS)]
    assert extract_textpage("\n".join(lines)).title == "Rebels seize arms depots near the capital after heavy clashes"


@pytest.mark.parametrize("line", [
    "He said so.", 'He said "no."', "He said “no”", "Is it?”)", "Really…", "終わった。", "Menu", "", "a\n",
    "Ends with a quote'", "Odd ending )", "Read more at www.example.com", "Mail jane@example.org today",
    "See https://example.com/a", "[photo] Storm", "[ unclosed", "file.HTML here", "Version 2.0 is out",
])
def test_fast_line_checks_agree_with_their_patterns(line: str) -> None:
    """The sentence-end and link checks read the line without their regexes (speed); they answer as the
    regexes do."""
    from newswire.extract.textpage import _LINKISH, _SENTENCE_END, _ends_sentence, _linkish

    assert _ends_sentence(line) == bool(_SENTENCE_END.search(line))
    assert _linkish(line) == bool(_LINKISH.search(line))


@pytest.mark.parametrize("text", ["7 March 2024", "March 7, 2024", "Sept. 9 2019", "9th Sept 2019", "31 February 2024",
                                  "DEC 25, 2023", "1st may 2020"])
def test_dates_read_without_the_date_parser_read_as_it_reads_them(text: str) -> None:
    """A day, a month and a year are read directly (dateparser costs milliseconds a date); the answer is
    dateparser's own."""
    import dateparser

    from newswire.extract.textpage import _parse_date

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}
    parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    assert _parse_date(text, None) == (parsed.date().isoformat() if parsed else None)


# ------------------------------------------------------------------------------- bundled models
def test_bundled_models_load_and_fit_the_code() -> None:
    assert len(line_model().mean) == len(LINE_FEATURES)
    assert len(title_model().mean) == len(TITLE_FEATURES)
    assert 0 < line_model().keep < 1 and 0 < line_model().region < 1


def test_model_file_that_does_not_fit_the_features_is_reported() -> None:
    with pytest.raises(LineModelError, match="textpage_lines.yaml.*retrain"):
        parse_line_model({"features": ["a", "b"], "mean": [0, 0], "scale": [1, 1], "layers": []},
                         "textpage_lines.yaml")


# ------------------------------------------------------------------------------- HTML titles
@pytest.mark.parametrize("title, expected", [
    ("Analysis: The nonstop sparring match at the Supreme Court", "The nonstop sparring match at the Supreme Court"),
    ("WATCH: Storm hits the coast", "Storm hits the coast"),
    ("Biden: We will not back down", "Biden: We will not back down"),  # a speaker, not a rubric
    ("Analysis: Brexit", "Analysis: Brexit"),  # too little left to be a headline
])
def test_rubric_is_dropped_from_a_title(title: str, expected: str) -> None:
    assert strip_rubric(title) == expected


def _html(title: str, og: str, h1: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in _PARAGRAPHS)
    return (f'<html><head><title>{title}</title><meta property="og:title" content="{og}">'
            f'<meta property="og:site_name" content="CNN"></head><body><article><h1>{h1}</h1>{body}'
            f"</article></body></html>").encode()


def test_html_title_is_the_document_title_without_site_or_rubric() -> None:
    h1 = "The nonstop sparring match between the justice and the attorney"
    a = extract_html(_html(f"Alito and Prelogar: {h1} | CNN Politics", f"Analysis: {h1} | CNN Politics", h1),
                     url="https://edition.cnn.com/2023/11/06/politics/a/index.html")
    assert a.title == f"Alito and Prelogar: {h1}"


def test_html_title_that_only_shortens_the_page_headline_gives_way_to_it() -> None:
    h1 = "Faker wins 4th title as T1 embody Heartsteel's song to become your Worlds 2023 champion!"
    a = extract_html(_html("T1 embody Heartsteel song to become Worlds 2023 champions | ONE Esports", h1, h1),
                     url="https://www.oneesports.gg/league-of-legends/t1-worlds-2023/")
    assert a.title == h1
