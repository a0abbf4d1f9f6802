"""Coreference: pronouns and definite descriptions resolved to earlier actors."""

from __future__ import annotations

from conftest import need_shared

from newswire.actors import load_dictionary, resolve_actors
from newswire.actors.coref import resolve_coreference
from newswire.model import Analysis, Article
from newswire.nlp.parser import load_nlp


def analyse(text: str, dictionary, day: str | None = "2021-02-07") -> Analysis:
    analysis = Analysis(Article("t", text, published=day), doc=load_nlp()(text))
    resolve_actors(analysis, dictionary)
    resolve_coreference(analysis, dictionary)
    starts = [m.start for m in analysis.mentions]
    assert starts == sorted(starts)
    for m in analysis.mentions:
        if m.antecedent is not None:
            assert 0 <= m.antecedent < len(analysis.mentions) and analysis.mentions[m.antecedent].start < m.start
    return analysis


def resolved(analysis: Analysis, text: str, nth: int = 0):
    """The nth coreferent mention with this text: (kind, person, actor code)."""
    found = [m for m in analysis.mentions if m.text == text and m.kind != "name"]
    if len(found) <= nth:
        return None
    m = found[nth]
    return m.kind, m.person, m.actor.code


def test_seed_description_and_pronoun(dictionary):
    text = need_shared("seed", "000_7709bc4aa7c3aaf0.txt").read_text(encoding="utf-8")
    body = text[text.index("The European Union's top diplomat"):text.index("READ MORE:How")]
    a = analyse(body, dictionary)
    assert resolved(a, "The former Spanish foreign minister") == ("description", "Josep Borrell", "IGOEUREEC")
    he = [m for m in a.mentions if m.text == "he" and m.start > body.index("The former Spanish")]
    assert he and he[0].person == "Josep Borrell" and he[0].actor.igo == "EU"
    assert resolved(a, "The bloc") == ("description", None, "IGOEUREEC")
    # the description replaced the composed "Spanish foreign minister" (ESPGOV)
    assert not any(m.actor.code == "ESPGOV" for m in a.mentions)


def test_former_and_current_office_holders(dictionary):
    text = ("Heiko Maas and Annalena Baerbock met in Berlin. The former German foreign minister "
            "praised the new German foreign minister.")
    a = analyse(text, dictionary, "2022-03-01")
    assert resolved(a, "The former German foreign minister")[1] == "Heiko Maas"
    assert resolved(a, "the new German foreign minister")[1] == "Annalena Baerbock"


def test_gender_picks_the_right_person(dictionary):
    a = analyse("Kaja Kallas met Sergey Lavrov in Moscow. She said the talks were hard.", dictionary, "2022-03-01")
    assert resolved(a, "She") == ("pronoun", "Kaja Kallas", "ESTGOV")
    a = analyse("Kaja Kallas met Sergey Lavrov in Moscow. He said the talks were hard.", dictionary, "2022-03-01")
    assert resolved(a, "He") == ("pronoun", "Sergey Lavrov", "RUSGOV")


def test_unknown_person_blocks_a_wrong_antecedent(dictionary):
    a = analyse("Josep Borrell arrived on Monday. Later John Smith, a farmer, spoke. He said prices rose.",
                dictionary)
    assert resolved(a, "He") is None


def test_titles_of_people_without_dictionary_entries(dictionary):
    a = analyse("Iraqi Prime Minister Mustafa al-Kadhimi met the Kremlin's envoy. The prime minister "
                "said Iraq wanted calm, and the spokesperson declined to comment.", dictionary)
    kind, person, code = resolved(a, "The prime minister")
    assert "Kadhimi" in person and code == "IRQGOV"
    assert resolved(a, "the spokesperson") is None


def test_bloc_resolves_to_the_nearest_organisation(dictionary):
    a = analyse("ASEAN leaders met in Jakarta on Tuesday. The bloc agreed to send an envoy.", dictionary)
    assert resolved(a, "The bloc") == ("description", None, "IGOSEAASN")
    a = analyse("The farmers met in the village. The bloc of farmers agreed.", dictionary)
    assert resolved(a, "The bloc of farmers") is None


def test_groups_and_organisations(dictionary):
    a = analyse("Russian diplomats left Warsaw on Friday. They said the expulsion was unjust.", dictionary)
    assert resolved(a, "They") == ("pronoun", None, "RUSGOV")
    a = analyse("NATO met on Friday and its members agreed.", dictionary)
    assert resolved(a, "its") == ("pronoun", None, "IGOWSTNAT")


def test_possessive_pronouns_and_chains(dictionary):
    a = analyse("In a blog post, Josep Borrell said his visit was hard. He added that his hosts were rude.",
                dictionary)
    chain = [m for m in a.mentions if m.kind == "pronoun"]
    assert [m.text for m in chain] == ["his", "He", "his"]
    assert all(m.person == "Josep Borrell" for m in chain)


def test_qualified_titles_do_not_match_plain_ones(tmp_path):
    people = tmp_path / "people.yaml"
    people.write_text(
        "- name: Ana Silva\n  gender: f\n  roles:\n"
        "    - {code: BRAGOV, country: BRA, sector: GOV, title: Vice President, from: 2019-01-01, to: null}\n"
        "- name: Rui Costa\n  gender: m\n  roles:\n"
        "    - {code: BRAGOV, country: BRA, sector: GOV, title: President, from: 2019-01-01, to: null}\n",
        encoding="utf-8")
    d = load_dictionary((str(people),))
    a = analyse("Rui Costa and Ana Silva visited the United States. The president said they would return.", d)
    assert resolved(a, "The president")[1] == "Rui Costa"
    a = analyse("Rui Costa and Ana Silva visited the United States. The vice president spoke.", d)
    assert resolved(a, "The vice president")[1] == "Ana Silva"
    # "they" is the pair of people, not the United States
    a = analyse("Brazil sent envoys to the United States. Later they left.", d)
    assert resolved(a, "they") is None or resolved(a, "they")[2] != "USA"


def test_organisation_officials_as_descriptions(dictionary):
    a = analyse("The EU and Josep Borrell arrived in Moscow on Friday. The bloc's foreign affairs chief said "
                "talks were hard. The bloc's members then left, and the High Representative spoke.", dictionary)
    assert resolved(a, "The bloc's foreign affairs chief") == ("description", "Josep Borrell", "IGOEUREEC")
    assert resolved(a, "The bloc") == ("description", None, "IGOEUREEC")
    assert resolved(a, "the High Representative")[1] == "Josep Borrell"
    # without a holder mentioned before, the title stays a name of the organisation
    a = analyse("The High Representative spoke on Friday.", dictionary)
    assert [(m.kind, m.actor.igo, m.actor.sector) for m in a.mentions] == [("name", "EU", "GOV")]


def test_dictionary_survives_pickling_for_worker_processes(dictionary):
    import pickle

    copy = pickle.loads(pickle.dumps(dictionary))
    a = analyse("Sergey Lavrov met Josep Borrell.", copy)
    assert [m.actor.code for m in a.mentions] == ["RUSGOV", "IGOEUREEC"]


def test_a_description_resolves_forward_to_a_person_named_later(dictionary):
    text = ("The Greek prime minister warned Ankara on Friday. Kyriakos Mitsotakis said Greece "
            "would defend its waters.")
    a = Analysis(Article("t", text, published="2024-02-01"), doc=load_nlp()(text))
    resolve_actors(a, dictionary)
    resolve_coreference(a, dictionary)
    desc = [m for m in a.mentions if m.kind == "description"]
    assert desc and desc[0].text == "The Greek prime minister" and desc[0].person == "Kyriakos Mitsotakis"
    # an unqualified description does not look forward
    text = "The minister arrived on Monday. Sergey Lavrov met reporters."
    a = Analysis(Article("t", text, published="2021-02-07"), doc=load_nlp()(text))
    resolve_actors(a, dictionary)
    resolve_coreference(a, dictionary)
    assert not any(m.kind == "description" for m in a.mentions)


# -- "it" reported by a country, "they" for a list -------------------------------------------
def test_it_as_the_subject_reported_by_a_country_or_organisation(dictionary):
    a = analyse("Switzerland said on Tuesday it had expelled two Russian diplomats.", dictionary)
    assert resolved(a, "it") == ("pronoun", None, "CHE")
    a = analyse("Japan halted aid to Myanmar and said it would review the programme.", dictionary)
    assert resolved(a, "it") == ("pronoun", None, "JPN")
    a = analyse("Russia's foreign ministry said it would respond to the sanctions.", dictionary)
    assert resolved(a, "it") == ("pronoun", None, "RUSGOV")
    # an "it" that stands for nothing, or that a person reports
    for text in ("Iran said it was important to stop the war.", "Russia said it was time to end the sanctions.",
                 "China said it was clear that the talks had failed.", "Iran said it was raining in Tehran.",
                 "The minister said it had been a mistake.", "The deal collapsed. It was signed by Iran in May."):
        assert resolved(analyse(text, dictionary), "it") is None and resolved(analyse(text, dictionary), "It") \
            is None, text


def test_they_for_a_list_of_countries(dictionary):
    a = analyse("Germany, France and Italy said they would send troops.", dictionary)
    they = sorted(m.actor.code for m in a.mentions if m.text == "they")
    assert they == ["DEU", "FRA", "ITA"]
    # a possessive after a list is one joint act, not each member's
    a = analyse("Germany and France welcomed their new agreement with Italy.", dictionary)
    assert not any(m.text == "their" for m in a.mentions)


def test_a_subject_they_after_a_sentence_without_a_verb_is_resolved_in_time(dictionary):
    # a heading-like sentence whose root is a noun: the walk up from a mention must stop at the root
    text = ("Thousands of Hong Kong protesters marched on Sunday. More protests in Hong Kong. They called on the "
            "government to resign.")
    analysis = analyse(text, dictionary)
    assert any(m.text == "They" for m in analysis.mentions)


def test_a_capitalised_title_reads_back_to_the_named_holder_even_when_the_dictionary_lists_other_posts():
    from newswire.api import analyze_text

    a = analyze_text("U.S. Treasury Secretary James Baker holds talks with his counterparts today. The Treasury "
                     "Secretary is expected to meet Japanese Finance Minister Kiichi Miyazawa.", published="1987-04-08")
    title = [m for m in a.mentions if m.text == "The Treasury Secretary"]
    assert title and title[0].actor.country == "USA" and title[0].person == "James Baker"
    # the passive's subject does what "is expected to" names
    assert any(e.source.country == "USA" and e.plover == "CONSULT" and e.target is not None
               and e.target.country == "JPN" for e in a.events)


def test_a_subject_he_continues_the_subject_before_not_the_last_man_listed():
    from newswire.api import analyze_text

    a = analyze_text('Liberal Democratic Party official Michio Watanabe, a former trade minister, said the tax was a '
                     'mistake. Watanabe said he doubted the next prime minister would be Foreign Minister Tadashi '
                     'Kuranari or Finance Minister Kiichi Miyazawa. Each of them leads a faction. "It will be '
                     'somebody else," he said.', published="1987-04-10")
    quote = next(q for q in a.quotes if "somebody else" in q.text)
    assert quote.speaker is not None and "Watanabe" in quote.speaker
    # inside a quotation the speaker's own "he" is left to the nearest man
    hes = [m for m in a.mentions if m.text == "he" and m.kind == "pronoun"]
    assert hes and all(m.actor.name != "Kiichi Miyazawa" for m in hes if m.start > a.article.body.index("somebody"))


def test_a_private_person_named_by_what_he_is_is_read_back_by_him():
    from newswire.api import analyze_text

    a = analyze_text("Police said a gunman shot shoppers at a store in El Paso, Texas. Police in Texas arrested him. "
                     "Texas police said so.", title="Shooting in El Paso", published="2019-08-05")
    him = [m for m in a.mentions if m.text == "him"]
    assert him and him[0].actor.sector == "CVL" and him[0].actor.country == "USA"
    assert any(e.plover == "COERCE" and e.target is not None and e.target.sector == "CVL" for e in a.events)


def test_him_as_the_subject_of_a_to_clause_is_not_the_last_subject():
    from newswire.api import analyze_text

    a = analyze_text('Regarding the call, former federal prosecutor Elie Honig said via Twitter: "I\'d be surprised." '
                     '"The only conclusion I can reach is that Trump\'s White House staff want him to resign," tweeted '
                     'former thinktank executive Ken Gude.', published="2019-09-30")
    him = next(m for m in a.mentions if m.text == "him")
    assert him.actor.code == "USAGOV"
    # the actor the title introduces is the person, named without the title
    assert any(m.actor.name == "Ken Gude" for m in a.mentions)
    assert not any(e.source.name and "Honig" in e.source.name for e in a.events)


def test_a_title_alone_names_the_one_holder_of_the_office_in_the_story_country():
    from newswire.api import analyze_text

    text = ("Per request of United Kingdom Prime Minister Boris Johnson, the Queen suspended parliament for five "
            "weeks yesterday. Johnson said the British parliament would sit again in October. Britain leaves the "
            "EU on 31 October.")
    a = analyze_text(text, title="UK Prime Minister Johnson suspends parliament", published="2019-09-11")
    queen = next(m for m in a.mentions if m.text == "the Queen")
    assert queen.actor.code == "GBRGOV" and queen.person == "Elizabeth II"
    assert ("GBRGOV", "GBRLEG") in {(e.source.code, e.target.code if e.target else None) for e in a.events}
    # a story with no country of its own gives no holder ("the Queen" of which country?)
    b = analyze_text("The Queen opened the new bridge on Tuesday.", published="2019-09-11")
    assert not any(m.text == "The Queen" for m in b.mentions)
