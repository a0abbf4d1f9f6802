"""Dates: temporal expressions found in a body and resolved against the publication day and tense."""

from __future__ import annotations

import pytest

from newswire.model import Analysis, Article
from newswire.nlp.dates import DateDataError, date_for_span, find_dates, parse_date_words, resolve_dates
from newswire.nlp.parser import load_nlp

SUNDAY = "2021-02-07"  # the seed article's day


def dates(text: str, published: str | None = SUNDAY) -> dict[str, str]:
    """{expression text: value} for one body, parsed once with the shared pipeline."""
    found = find_dates(text, load_nlp()(text), published)
    for d in found:  # offsets always point at the text they claim
        assert text[d.start:d.end] == d.text
    return {d.text: d.value for d in found}


def test_weekday_in_past_reporting_is_the_last_such_day_including_today():
    got = dates("The foreign minister said on Sunday that the visit, which ended on Saturday, had failed.")
    assert got == {"Sunday": "2021-02-07", "Saturday": "2021-02-06"}


def test_weekday_past_earlier_in_the_week():
    assert dates("Police detained dozens of protesters on Thursday in central Minsk.") == {"Thursday": "2021-02-04"}


def test_weekday_after_will_is_ahead():
    assert dates("Ministers will meet in Brussels on Monday to discuss sanctions.") == {"Monday": "2021-02-08"}


def test_weekday_after_plan_verb_is_ahead():
    got = dates("The two leaders are expected to sign the agreement on Thursday in Geneva.")
    assert got == {"Thursday": "2021-02-11"}


def test_infinitive_of_hope_and_call_for_look_ahead():
    got = dates("The crossing was damaged, and the UN said it hoped to send the first convoy across on Thursday.")
    assert got == {"Thursday": "2021-02-11"}
    got = dates("Opposition leaders called for another rally on Thursday.", "2023-03-08")  # a Wednesday
    assert got == {"Thursday": "2023-03-09"}


def test_modal_clause_looks_ahead():
    assert dates("Parliament could vote on the bill on Wednesday.") == {"Wednesday": "2021-02-10"}


def test_last_and_next_weekday():
    got = dates("The talks collapsed last Monday and are due to resume next Friday.")
    assert got == {"last Monday": "2021-02-01", "next Friday": "2021-02-12"}


def test_month_day_without_year_future_and_past():
    assert dates("Borrell will brief foreign ministers on February 22.") == {"February 22": "2021-02-22"}
    # in a past-tense clause a later month-day belongs to the year before
    assert dates("The embassy was closed on March 3.") == {"March 3": "2020-03-03"}


def test_day_month_order_and_ordinal():
    got = dates("Troops withdrew on 5 February and returned on the 22nd of January.")
    assert got == {"5 February": "2021-02-05", "the 22nd of January": "2021-01-22"}


def test_bare_month_takes_the_tense_of_its_clause():
    got = dates("EU leaders will discuss their strained ties with Moscow at a summit in March.")
    assert got == {"March": "2021-03"}
    assert dates("The protests that began in March were put down by force.") == {"March": "2020-03"}


def test_year_boundary_december_in_a_january_article():
    jan = "2022-01-10"
    assert dates("The government imposed a curfew in December.", jan) == {"December": "2021-12"}
    assert dates("The country will hold elections in December.", jan) == {"December": "2022-12"}
    assert dates("Rebels seized the town on December 28.", jan) == {"December 28": "2021-12-28"}


def test_absolute_dates_keep_their_precision():
    got = dates("The treaty was signed on February 5, 2021, after talks begun in March 2019 and first proposed in 2014.")
    assert got == {"February 5, 2021": "2021-02-05", "March 2019": "2019-03", "2014": "2014"}


def test_abbreviated_month_and_iso():
    got = dates("Sanctions took effect on Feb. 22, 2021 and were reviewed on 2021-06-30.")
    assert got == {"Feb. 22, 2021": "2021-02-22", "2021-06-30": "2021-06-30"}


def test_relative_days():
    got = dates("The ambassador was summoned yesterday and will leave the country tomorrow.")
    assert got == {"yesterday": "2021-02-06", "tomorrow": "2021-02-08"}


def test_relative_units_and_ago():
    got = dates("Exports fell last month, rose three days ago and may recover next month, unlike last year.")
    assert got == {"last month": "2021-01", "three days ago": "2021-02-04", "next month": "2021-03",
                   "last year": "2020"}


def test_vague_expressions_are_left_out():
    assert dates("More than 10,000 people were arrested last week and in recent weeks.") == {}


def test_words_that_only_look_like_dates():
    got = dates("Theresa May met Jan Smith. Protesters march on parliament. RT, formerly Russia Today, "
                "reported that 2,000 people and 1,500 police took part.")
    assert got == {}


def test_without_publication_day_only_absolute_dates_survive():
    got = dates("The minister said on Sunday that the accord of March 2019 was dead since 12 May 2020.", None)
    assert got == {"March 2019": "2019-03", "12 May 2020": "2020-05-12"}


def test_resolve_dates_fills_the_analysis_and_date_for_span_picks_the_precise_one():
    body = ("Russia expelled three diplomats on Friday. In 2020, relations had soured.\n\n"
            "Talks are planned for March, the ministry said.")
    article = Article(title="t", body=body, published="2021-02-07T10:00:00Z")
    analysis = Analysis(article, doc=load_nlp()(body))
    resolve_dates(analysis)
    assert [(d.text, d.value) for d in analysis.dates] == [("Friday", "2021-02-05"), ("2020", "2020"),
                                                           ("March", "2021-03")]
    first = body.index(".") + 1
    assert date_for_span(analysis, 0, first) == "2021-02-05"
    second = body.index("\n\n")
    assert date_for_span(analysis, first, second) is None  # a bare year is not an event's date
    assert date_for_span(analysis, first, second, allow_year=True) == "2020"
    assert date_for_span(analysis, second, len(body)) == "2021-03"


def test_resolve_dates_without_a_doc_still_reads_the_text():
    article = Article(title="t", body="The summit ended on Saturday, 6 February 2021.", published=SUNDAY)
    analysis = Analysis(article)
    resolve_dates(analysis)
    assert [d.value for d in analysis.dates] == ["2021-02-06"]


def test_bad_vocabulary_is_reported_clearly():
    with pytest.raises(DateDataError, match="months"):
        parse_date_words({"months": {13: ["Smarch"]}, "weekdays": {}, "relative_days": {},
                          "month_year_cues": ["in"], "future_governors": ["plan"],
                          "future_auxiliaries": ["will"], "future_for_governors": ["call"], "figurative_before": ["of"]})
    with pytest.raises(DateDataError, match="missing"):
        parse_date_words({"months": {}})


def test_seed_article_dates(seed_path):
    text = seed_path.read_text(encoding="utf-8")
    body = text[text.index("The European Union's top diplomat"):text.index("among the 27.") + len("among the 27.")]
    got = {(d.text, d.value) for d in find_dates(body, load_nlp()(body), SUNDAY)}
    assert {("Sunday", "2021-02-07"), ("Saturday", "2021-02-06"), ("February 22", "2021-02-22"),
            ("March", "2021-03")} <= got
