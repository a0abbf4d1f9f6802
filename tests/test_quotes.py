"""Quotes and their speakers, over quote styles found in real reporting (texts written for these tests)."""

from __future__ import annotations

import pytest

import newswire
from newswire.quotes import quote_spans


def _quotes(body: str, title: str = "Test story", published: str = "2023-05-10"):
    return newswire.analyze_text(body, title=title, published=published).quotes


def _by_text(quotes, fragment: str):
    found = [q for q in quotes if fragment in q.text]
    assert found, f"no quote containing {fragment!r} in {[q.text for q in quotes]}"
    return found[0]


def test_said_after_quote_with_pronoun_resolves_to_named_person() -> None:
    body = (
        "German Chancellor Olaf Scholz arrived in Kyiv on Tuesday for talks with Ukrainian officials.\n\n"
        '"We will stand by Ukraine for as long as it takes," he said at a news conference.'
    )
    q = _by_text(_quotes(body), "stand by Ukraine")
    assert q.kind == "direct"
    assert q.speaker == "Olaf Scholz"
    assert q.speaker_actor is not None and q.speaker_actor.country == "DEU"


def test_quote_split_around_attribution_gives_two_parts_same_speaker() -> None:
    body = (
        'UN Secretary-General Antonio Guterres spoke to reporters in New York.\n\n'
        '"It seems the window for diplomacy is closing," Guterres said, "but it has not closed yet."'
    )
    quotes = _quotes(body)
    first = _by_text(quotes, "window for diplomacy")
    second = _by_text(quotes, "has not closed yet")
    assert first.speaker == second.speaker
    assert first.speaker is not None and "Guterres" in first.speaker


def test_offsets_point_into_body() -> None:
    body = 'Prime Minister Rishi Sunak told parliament: "The United Kingdom will not be intimidated."'
    for q in _quotes(body):
        assert body[q.start:q.end] == q.text


def test_partial_quote_inside_indirect_speech() -> None:
    body = ('Finnish President Sauli Niinisto said the decision showed that the alliance "has never been '
            'stronger than today".')
    q = _by_text(_quotes(body), "never been stronger")
    assert q.kind == "direct"
    assert q.speaker and q.speaker.startswith("Sauli Niinist")  # the dictionary spells it Niinistö


def test_question_quote() -> None:
    body = ('"Why would anyone trust these promises now?" asked opposition leader Maria Lopez, '
            'standing outside the congress building.')
    q = _by_text(_quotes(body), "trust these promises")
    assert q.speaker and "Lopez" in q.speaker


def test_nested_quotes_are_one_quotation() -> None:
    body = ('"The minister told us \u2018no deal\u2019 was better than a bad deal," the union leader '
            'Karen Walsh said.')
    spans = quote_spans(body)
    assert len(spans) == 1
    assert "no deal" in body[spans[0][0]:spans[0][1]]


def test_apostrophes_are_not_quotes() -> None:
    body = ("Russia\u2019s foreign ministry said the country\u2019s diplomats would leave. "
            "The envoys\u2019 families left on Friday, officials said.")
    assert quote_spans(body) == []


def test_multi_paragraph_quote_continues() -> None:
    body = ('"We did everything we could to keep the talks alive.\n\n'
            '"But the other side walked away," the negotiator Ahmed Karimi said.')
    spans = quote_spans(body)
    assert len(spans) == 2
    quotes = _quotes(body)
    assert all(q.speaker and "Karimi" in q.speaker for q in quotes if q.kind == "direct")


def test_quote_opening_paragraph_with_attribution_in_next_sentence() -> None:
    body = ('"There will be no ceasefire until the hostages are home." That was the message from '
            'Foreign Minister Eli Cohen, who spoke to reporters in Jerusalem on Sunday.')
    q = _by_text(_quotes(body), "no ceasefire")
    # attribution without a verb of saying: the speaker is not guessed
    assert q.speaker is None


def test_unattributed_quote_keeps_speaker_null() -> None:
    body = ('Protesters marched through the capital on Saturday. Banners read "Bread, freedom, justice" '
            'as police watched from side streets.')
    q = _by_text(_quotes(body), "Bread, freedom")
    assert q.speaker is None


def test_indirect_speech_after_verb_of_saying() -> None:
    body = "Indian External Affairs Minister Subrahmanyam Jaishankar said that India would continue to buy oil from Russia."
    quotes = [q for q in _quotes(body) if q.kind == "indirect"]
    assert quotes and "India would continue to buy oil" in quotes[0].text
    assert quotes[0].speaker and "Jaishankar" in quotes[0].speaker


def test_according_to() -> None:
    body = "According to the Turkish foreign ministry, the talks will resume in Istanbul next week."
    quotes = [q for q in _quotes(body) if q.kind == "indirect"]
    assert quotes and quotes[0].text.startswith("the talks will resume")


@pytest.mark.parametrize("fragment", [
    "did not want to seize this opportunity",
    "will have to draw the consequences",
    "it will be for member states to decide",
    "very complicated",
    "with deep concerns",
    "It seems that Russia is progressively disconnecting itself",
    "will not bring greater security to the EU",
    "We have to face challenges",
    "If we want a safer world for tomorrow",
])
def test_seed_quotes_are_borrells(seed_path, fragment: str) -> None:
    analysis = _seed_analysis(seed_path)
    q = _by_text([q for q in analysis.quotes if q.kind == "direct"], fragment)
    assert q.speaker == "Josep Borrell"
    assert q.speaker_actor is not None and q.speaker_actor.igo == "EU"
    assert analysis.article.body[q.start:q.end] == q.text


_SEED_CACHE: dict = {}


def _seed_analysis(path):
    if path not in _SEED_CACHE:
        _SEED_CACHE[path] = next(newswire.analyze([str(path)]))
    return _SEED_CACHE[path]


def test_attribution_in_the_next_sentence() -> None:
    body = ('"The ceasefire is holding, and we will keep it." Ukrainian President Volodymyr Zelensky said so '
            'in his nightly address on Tuesday.')
    q = _by_text(_quotes(body), "ceasefire is holding")
    assert q.speaker == "Volodymyr Zelensky"


@pytest.mark.parametrize(("title", "quoted", "kind"), [
    ("'We will not back down,' says Zelensky as shelling intensifies", "We will not back down", "direct"),
    ('Zelensky: "We will not back down"', "We will not back down", "direct"),
    ("Ukraine will not give up territory, Zelensky says", "Ukraine will not give up territory", "indirect"),
])
def test_quotes_in_headlines(title: str, quoted: str, kind: str) -> None:
    body = "Ukrainian President Volodymyr Zelensky addressed parliament in Kyiv on Monday."
    analysis = newswire.analyze_text(body, title=title, published="2023-05-10")
    q = _by_text(analysis.title_quotes, quoted)
    assert q.kind == kind
    assert title[q.start:q.end] == q.text
    assert q.speaker == "Volodymyr Zelensky"
    assert analysis.to_dict()["title_quotes"]


def test_headline_apostrophes_are_not_quotes() -> None:
    analysis = newswire.analyze_text("Officials met in Geneva on Monday.", title="Russia's envoy leaves Geneva talks",
                                     published="2023-05-10")
    assert analysis.title_quotes == []


def test_a_quotation_after_a_reported_statement_keeps_its_speaker():
    from newswire.api import analyze_text

    body = ("Aurelio Periquet, President of the Philippine Chamber of Commerce, told Reuters the debt accord had "
            "restored the banks' confidence in the government.\n\n"
            "\"This government needs less pressure and more time and happily our creditors seem to see it. "
            "The accord does not solve all our problems.\" \"We need the money,\" he added.")
    analysis = analyze_text(body, published="1987-03-30")
    direct = [q for q in analysis.quotes if q.kind == "direct"]
    assert len(direct) == 2 and all(q.speaker and "Periquet" in q.speaker for q in direct)


def test_a_speaker_split_from_his_description_or_named_by_a_participle_still_speaks():
    from newswire.api import analyze_text

    a = analyze_text('Tunisia banned the niqab in public institutions on Friday.\n\nA member of the Tunisian '
                     'Parliament, Samir Dilou said, "Tunisia is facing terrorist attacks, so every measure is '
                     'acceptable". A university student named Wong said, "Even though the weather was so bad, we '
                     'came out." Trump characterized the call with Zelensky as "perfectly fine and routine."',
                     published="2019-07-05")
    speakers = {q.text[:20]: q.speaker for q in a.quotes if q.kind == "direct"}
    assert speakers == {"Tunisia is facing te": "Samir Dilou", "Even though the weat": "Wong",
                        "perfectly fine and r": "Donald Trump"}


def test_a_bare_the_report_speaks_for_whoever_issued_the_report_named_before() -> None:
    body = ("Indonesia is nearing a crossroads over deregulation, the U.S. Embassy says in a new report.\n\n"
            "The report reviews the country's economic performance. \"This is the lowest rate of growth since the "
            "mid-1960s,\" the report notes.\n\n"
            "\"Growth in the non-oil sector is low because of weak demand,\" the report says.")
    quotes = _quotes(body, published="1987-03-02")
    for fragment in ("lowest rate of growth", "non-oil sector"):
        q = _by_text(quotes, fragment)
        assert q.speaker is not None and "Embassy" in q.speaker
    # a report nobody issued speaks for no one
    alone = _quotes("\"Growth is low,\" the report says.\n\nThe economy shrank.", published="1987-03-02")
    assert _by_text(alone, "Growth is low").speaker is None


def test_a_speaker_the_parser_hung_on_the_phrase_before_and_a_campaign_that_accuses() -> None:
    quotes = _quotes('Speaking to Agence France-Presse, the president of the Tunisian League for the Defence of Human '
                     'Rights, Jamel Msallem, said, "We are for the freedom to dress, but today we find reasons for '
                     'this decision".\n\nThe Biden campaign criticized Donald Trump\'s refusal to debate virtually, '
                     'accusing the president of "not wanting to face questions from the voters."',
                     published="2020-10-09")
    assert _by_text(quotes, "freedom to dress").speaker == "Jamel Msallem"
    campaign = _by_text(quotes, "not wanting to face")
    assert campaign.speaker == "Biden campaign" and campaign.speaker_actor is not None \
        and campaign.speaker_actor.country == "USA"


def test_a_known_speaker_is_named_as_the_article_writes_the_name():
    from newswire.api import analyze_text

    a = analyze_text('Congolese President Denis Sassou-Nguesso spoke in Brazzaville on Monday. "You cannot be expected '
                     'to do the impossible," Sassou-Nguesso said.', published="1987-06-01")
    assert [q.speaker for q in a.quotes] == ["Denis Sassou-Nguesso"]
