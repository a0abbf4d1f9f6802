"""Quotations and who said them.

Direct quotes are found from the quotation marks in the body (straight, curly double, and curly single
quotes used as quotation marks), including quotes that run over several paragraphs. Each is attributed
through the dependency parse: the nearest verb of saying that governs the quote or sits beside it in
the same sentence ("...," he said; Borrell said Russia "..."; described the trip as "..."), whose
subject is the speaker (inherited through coordination and adverbial clauses: "defended his visit,
arguing that ..."). A quote paragraph with no attribution continues the previous paragraph's quote
speaker, as news style does; any other quote without a found speaker keeps ``speaker: None`` — the
nearest name is never guessed. Speakers resolve through the language layer's mentions, so "he" and
"the former Spanish foreign minister" give the person they refer to.

Indirect speech ("X said that ...", "according to X, ...") is reported as ``kind: "indirect"`` with
the reported clause as its text.

Headlines quote too ("'We will not back down,' says Zelensky"; "Russia rejects dialogue, Borrell
says"). Their quotes go to ``Analysis.title_quotes`` with offsets into the title, since the record's
``quotes`` offsets are body offsets. The title is parsed on its own only when it has quotation
marks or a verb of saying.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from newswire.components import component
from newswire.data import DataError, read_yaml, words
from newswire.model import Actor, Analysis, Mention, Quote
from newswire.nlp.spans import Intervals, entities

_DOUBLE_OPEN = "\u201c\u201e"  # “ „
_DOUBLE_CLOSE = "\u201d"  # ”
_SINGLE_OPEN = "\u2018"  # ‘
_SINGLE_CLOSE = "\u2019"  # ’ (also the apostrophe: only a quote mark when it closes an open ‘)


@dataclass(frozen=True)
class SpeechLexicon:
    verbs: frozenset[str]
    nouns: frozenset[str]
    according_to: tuple[str, ...]
    irregular_forms: frozenset[str] = frozenset()  # finite forms not made with -s or -ed ("said")
    documents: frozenset[str] = frozenset()  # "the report says": a document speaks for whoever issued it


@functools.lru_cache(maxsize=1)
def speech_lexicon() -> SpeechLexicon:
    """The verbs and nouns of saying, from ``data/speech.yaml`` (validated here)."""
    data = read_yaml("speech.yaml")
    if not isinstance(data, dict):
        raise DataError("speech.yaml", "expected a mapping of word lists")
    for key in ("verbs", "nouns", "according_to", "irregular_forms", "documents"):  # names, not words: the file's keys
        if not isinstance(data.get(key), list) or not all(isinstance(x, str) and x for x in data[key]):
            raise DataError("speech.yaml", f"{key!r} must be a list of non-empty strings")
    return SpeechLexicon(frozenset(data["verbs"]), frozenset(data["nouns"]), tuple(data["according_to"]),
                         frozenset(data["irregular_forms"]), frozenset(data["documents"]))


# ---------------------------------------------------------------------------------------------------
# Finding the quotation spans


def quote_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each top-level quotation, in body order."""
    return [(start, end) for group in quote_groups(body) for start, end in group]


def quote_groups(body: str) -> list[list[tuple[int, int]]]:
    """The quotations of the body, each as its parts: one per paragraph a quotation runs over.

    Straight double quotes alternate open/close within a paragraph; a paragraph that ends inside an
    open quote continues into the next paragraph when that one opens with a quote mark (the news
    convention for multi-paragraph quotes). Quote marks nested inside a quote are ignored.
    """
    groups: list[list[tuple[int, int]]] = []
    parts: list[tuple[int, int]] = []  # the parts of the quotation now open
    open_at: int | None = None
    closer = ""
    i, n = 0, len(body)
    while i < n:
        ch = body[i]
        if open_at is None:
            if ch == '"' or ch in _DOUBLE_OPEN:
                open_at, closer = i + 1, '"' if ch == '"' else _DOUBLE_CLOSE
            elif ch == _SINGLE_OPEN and (i == 0 or not body[i - 1].isalnum()):
                open_at, closer = i + 1, _SINGLE_CLOSE
        elif ch == closer and _closes(body, i, closer):
            if body[open_at:i].strip():
                parts.append((open_at, i))
            if parts:
                groups.append(parts)
            parts, open_at = [], None
        elif ch == "\n" and body.startswith("\n\n", i):
            # End of paragraph inside a quote: continue only if the next paragraph reopens a quote.
            j = i
            while j < n and body[j].isspace():
                j += 1
            if j < n and (body[j] in _DOUBLE_OPEN or body[j] in "\"" + _SINGLE_OPEN):
                parts.append((open_at, i))  # this paragraph's part of a multi-paragraph quote
                open_at = j + 1
                i = j
            else:
                if parts:  # the earlier paragraphs of the quotation still stand
                    groups.append(parts)
                parts, open_at = [], None  # an unbalanced mark: drop it, don't swallow the next paragraph
        i += 1
    return groups


def _closes(body: str, i: int, closer: str) -> bool:
    if closer != _SINGLE_CLOSE:
        return True
    # ’ followed by a letter is an apostrophe (Russia’s, don’t), not a closing quote
    return not (i + 1 < len(body) and body[i + 1].isalpha())


# ---------------------------------------------------------------------------------------------------
# Attribution


def find_quotes(analysis: Analysis) -> None:
    """Fill ``analysis.quotes`` with direct and indirect quotes and their speakers."""
    doc = analysis.doc
    if doc is None:
        return
    body = analysis.article.body
    lex = speech_lexicon()
    named = Intervals(analysis.mentions)
    breaks = [m.end() for m in re.finditer("\n\n", body)]  # paragraph n starts after breaks[n - 1]
    quotes: list[Quote] = []
    groups = quote_groups(body)
    spans = [span for group in groups for span in group]
    indirect = _indirect_quotes(analysis, spans, lex, named)
    # attributed indirect quotes by where they end: "X told Reuters the accord ...\n\n'This government needs ...'"
    said = sorted((q.end, bisect_right(breaks, q.start), q.speaker, q.speaker_actor) for q in indirect if q.speaker)
    previous: tuple[int, str | None, Actor | None] | None = None  # (paragraph index, speaker, actor)
    for group in groups:
        parts = [(s, e) for s, e in group if _is_quotation(body[s:e].strip()) or len(group) > 1]
        if not parts:
            continue
        # a quotation over several paragraphs is attributed once, wherever its attribution stands
        attributed, speaker, actor = False, None, None
        for start, end in reversed(parts):
            attributed, speaker, actor = _attribute(analysis, start, end, lex, named)
            if attributed:
                break
        para = bisect_right(breaks, parts[0][0])
        k = bisect_right(said, (parts[0][0],)) - 1  # the last indirect quote before this one
        last = said[k] if k >= 0 else None
        if last is not None and last[1] >= para - 1 and (previous is None or last[0] > _end_of(quotes)):
            previous = (last[1], last[2], last[3])  # a reported statement is the latest attribution
        if speaker is None and previous and previous[1] and para - previous[0] <= 1 \
                and (attributed or _opens_paragraph(body, parts[0][0]) or previous[0] == para):
            # an unattributed quote continues the last speaker (the next paragraph, or the rest of the same one),
            # and so does one whose "he added" names no one coreference could resolve
            speaker, actor = previous[1], previous[2]
        for start, end in parts:
            raw = body[start:end]
            lead, trail = len(raw) - len(raw.lstrip()), len(raw) - len(raw.rstrip())
            quotes.append(Quote(text=raw.strip(), speaker=speaker, speaker_actor=actor, kind="direct",
                                start=start + lead, end=end - trail))
        previous = (bisect_right(breaks, parts[-1][0]), speaker, actor)
    quotes.extend(indirect)
    quotes.sort(key=lambda q: q.start)
    analysis.quotes = quotes
    analysis.title_quotes = headline_quotes(analysis)


@functools.cache
def _says() -> re.Pattern[str]:
    """A verb of saying in any of its finite forms ("says", "warned", "told"): a headline that has none, and no
    quotation marks, holds no quote and is not parsed."""
    lex = speech_lexicon()
    forms = set(lex.irregular_forms)
    for verb in lex.verbs:
        stem = verb[:-1] if verb.endswith("e") else verb
        forms |= {verb + "s", verb + "es", stem + "ed", verb[:-1] + "ies", verb[:-1] + "ied"}
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, forms), key=len, reverse=True)) + r")\b", re.IGNORECASE)


def headline_quotes(analysis: Analysis) -> list[Quote]:
    """Quotes in the headline: quoted words, or a clause attributed by "..., X says" / "X says ...".

    The speaker comes from the headline's own verb of saying; a bare surname is looked up in the
    article's mentions (the body names the person in full), never guessed.
    """
    title = analysis.article.title
    spans = quote_spans(title) or _single_quote_spans(title)
    if not title or not (spans or _says().search(title)):
        return []
    from newswire.nlp.parser import load_nlp

    doc = load_nlp()(title)
    lex = speech_lexicon()
    verbs = [t for t in doc if _is_speech_verb(t, lex)]
    out: list[Quote] = []
    for start, end in spans:
        text = title[start:end].strip()
        if not _is_quotation(text):
            continue
        speaker, actor = _headline_speaker(analysis, [v for v in verbs if not start <= v.idx < end])
        lead = title[:start].rstrip(" \"'\u201c\u2018")
        if speaker is None and lead.endswith(":") and 0 < len(lead.split()) <= 4:  # 'Zelensky: "..."'
            speaker, actor = _named(analysis, lead[:-1].strip())
        out.append(Quote(text=text, speaker=speaker, speaker_actor=actor, kind="direct", start=start,
                         end=start + len(text)))
    if not out:
        for verb in verbs:  # "Russia does not want dialogue with EU, Borrell says"
            clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
            if clause is None or clause.i > verb.i and not any(c.dep_ == "nsubj" for c in verb.children):
                continue
            s, e = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge)
            text = title[s:e].rstrip(" ,:")
            if len(text.split()) >= 3:
                speaker, actor = _headline_speaker(analysis, [verb])
                out.append(Quote(text=text, speaker=speaker, speaker_actor=actor, kind="indirect", start=s,
                                 end=s + len(text)))
    return out


def _single_quote_spans(title: str) -> list[tuple[int, int]]:
    """Headlines quote with straight single quotes: 'We will fight,' says X. Apostrophes are not quotes."""
    return [(m.start(1), m.end(1)) for m in re.finditer(r"(?:^|(?<=[\s:]))'([^']{3,}?)'(?=[\s,.:;!?]|$)", title)]


def _headline_speaker(analysis: Analysis, verbs) -> tuple[str | None, Actor | None]:
    for verb in verbs:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.pos_ == "PRON":
            continue
        phrase = subject.doc[subject.left_edge.i: subject.right_edge.i + 1].text
        speaker, actor = _named(analysis, phrase)
        if speaker is not None or subject.pos_ == "PROPN":
            return speaker or phrase, actor
    return None, None


def _named(analysis: Analysis, phrase: str) -> tuple[str | None, Actor | None]:
    """The body's name mention for a headline's speaker phrase (the body names the person in full)."""
    words = phrase.split()
    if not words:
        return None, None
    for m in analysis.mentions:
        if m.kind == "name" and (m.text == phrase or (m.text.split() and m.text.split()[-1] == words[-1])):
            root = _follow_antecedents(analysis.mentions, m)
            return (root.person or root.text), root.actor
    return None, None


def _is_quotation(text: str) -> bool:
    """A scare-quoted single word or a title is not a quotation; a phrase of two words or more is."""
    return len(text.split()) >= 2


def _end_of(quotes: list[Quote]) -> int:
    return quotes[-1].end if quotes else -1


def _opens_paragraph(body: str, start: int) -> bool:
    para_start = body.rfind("\n\n", 0, start)
    return not body[para_start + 2 if para_start >= 0 else 0:start - 1].strip()


def _attribute(
    analysis: Analysis, start: int, end: int, lex: SpeechLexicon, named: Intervals[Mention]
) -> tuple[bool, str | None, Actor | None]:
    """(attributed, speaker, actor) of the quotation body[start:end], from the verb of saying that introduces it.

    ``attributed`` is True when a verb of saying with a subject was found, even if that subject
    (an unresolved "he") gives no speaker: such a quote is handed to the previous speaker only when that speaker
    spoke in this or the previous paragraph (:func:`find_quotes`).
    ``named``: the article's mentions, by position.
    """
    doc = analysis.doc
    body = analysis.article.body
    span = doc.char_span(start, end, alignment_mode="expand")  # not a scan of the whole doc per quote
    inside = [t for t in span if start <= t.idx < end] if span is not None else []
    if not inside:
        return False, None, None
    first_sent, last_sent = inside[0].sent, inside[-1].sent
    # 1. a verb of saying that governs the quoted words, outside the quote ("Borrell said Russia "...")
    for token in inside:
        for anc in token.ancestors:
            if not (start <= anc.idx < end) and _is_speech_verb(anc, lex):
                found = _speaker_of_verb(analysis, anc, lex, named)
                if found[0]:
                    return found
    # 2. a verb of saying beside the quote in its first or last sentence ("...," he said.)
    for sent in dict.fromkeys((last_sent, first_sent)):
        for token in sent:
            if not (start - 1 <= token.idx <= end) and _is_speech_verb(token, lex):
                found = _speaker_of_verb(analysis, token, lex, named)
                if found[0]:
                    return found
    # 3. the attribution in the next sentence when the quote fills its own ("..." The minister said so on Monday.)
    if last_sent.end < len(doc) and last_sent.end_char >= end - 1:
        nxt = doc[last_sent.end].sent
        if body.count("\n\n", end, nxt.start_char) == 0 and not any('"' in t.text for t in nxt):
            for token in nxt:
                if _is_speech_verb(token, lex) and not any(c.dep_ == "ccomp" for c in token.children):
                    found = _speaker_of_verb(analysis, token, lex, named)
                    if found[0]:
                        return found
    return False, None, None


def _is_speech_verb(token, lex: SpeechLexicon) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in lex.verbs


def _speaker_of_verb(analysis: Analysis, verb, lex: SpeechLexicon,
                     named: Intervals[Mention]) -> tuple[bool, str | None, Actor | None]:
    """(has a subject, speaker, actor) of a verb of saying.

    The subject is inherited from the governing verb through conj/advcl/xcomp ("defended his
    visit, arguing that ..."; "described the trip as ... and said ...").
    """
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and subjects[0].dep_ == "nsubj":
            # "A member of the Tunisian Parliament, Samir Dilou said": the parser may split a subject and its
            # apposition into two subjects; the one that names someone speaks
            found = [_speaker_from_token(analysis, s, named) for s in subjects if s.dep_ == "nsubj"]
            return (True, *next((f for f in found if f[0] is not None), found[0]))
        agents = [g for c in current.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agents:
            return (True, *_speaker_from_token(analysis, agents[0], named))
        if current.dep_ in ("conj", "advcl", "xcomp", "acl") and current.head.i != current.i:
            current = current.head
            continue
        break
    # "Speaking to AFP, the president of the league, Jamel Msallem, said ...": the parser hung the subject on
    # the phrase before; the person named right before the verb speaks
    before = verb.i - 1
    while before >= 0 and verb.doc[before].is_punct and verb.doc[before].text in (",", "—"):
        before -= 1
    ent = entities(verb.doc).at(before) if before >= 0 and before < verb.i - 1 else None
    if ent is not None and ent.label_ == "PERSON" and ent.end == before + 1:
        return (True, *_speaker_from_token(analysis, verb.doc[before], named))
    return False, None, None


def _as_written(analysis: Analysis, person: str) -> str:
    """A person's full name as the article writes it ("Denis Sassou-Nguesso"), else the dictionary's ("Denis Sassou
    Nguesso"): the longest name of the person the text gives."""
    written = [m.text for m in analysis.mentions if m.person == person and m.kind == "name"]
    longest = max(written, key=lambda t: (len(t.split()), len(t)), default="")
    return " ".join(longest.split()) if len(longest.split()) > 1 else person


def _speaker_from_token(analysis: Analysis, token, named: Intervals[Mention]) -> tuple[str | None, Actor | None]:
    """Name and actor of the speaker whose phrase is headed by ``token``; (None, None) when unknown.

    Only the head and the words in apposition to it or compounded with it name the speaker: in
    "John Hutchinson, a biologist at London's Royal Veterinary College" the speaker is Hutchinson,
    never London. A named person with an appositive description ("Bruno Rodriguez, the foreign
    minister of Cuba") takes the name from the person and the actor from the description.
    """
    heads = [token] + [c for c in token.children if c.dep_ in ("appos", "compound")]
    # "a university student named Wong": the name given by a participle of naming
    heads += [o for c in token.children if c.dep_ == "acl" and c.lemma_.lower() in _NAMING_VERBS
              for o in c.children if o.dep_ in ("oprd", "dobj", "attr", "npadvmod")]
    mentions = [m for t in heads if (m := _mention_at(named, t.idx)) is not None]
    resolved = [_follow_antecedents(analysis.mentions, m) for m in mentions]
    resolved = [m for m in resolved if m.kind != "pronoun"]
    ents = entities(token.doc)
    person_ent = next((e for t in heads if (e := ents.at(t.i)) is not None and e.label_ == "PERSON"), None)
    if resolved:
        best = next((m for m in resolved if m.person), resolved[0])
        if best.person and token.pos_ == "NOUN" and _mention_at(named, token.idx) is None and any(
                c.dep_ == "compound" and _mention_at(named, c.idx) is not None for c in token.children):
            # "The Biden campaign criticized ...": the person's campaign, team or office speaks, for the person
            words = [t for t in token.subtree if t.i <= token.i and t.dep_ != "det" and not t.is_punct]
            return " ".join(t.text for t in words), best.actor
        if best.person:
            return _as_written(analysis, best.person), best.actor
        if person_ent is not None:  # an unknown person with a known role
            return person_ent.text, best.actor
        return (best.text if best.kind == "name" else best.actor.name), best.actor
    if mentions:  # only an unresolved pronoun: no guessing
        return None, None
    if person_ent is not None:
        return person_ent.text, None
    if token.lemma_.lower() in speech_lexicon().documents and not any(c.dep_ in ("poss", "compound") for c in token.children):
        earlier = _earlier_document(analysis, token, named)
        if earlier is not None:
            return earlier
    if token.pos_ == "PROPN" or token.ent_type_ in ("ORG", "NORP", "GPE"):
        ent = ents.at(token.i)
        return (ent.text if ent is not None else token.text), None
    return None, None


def _earlier_document(analysis: Analysis, token, named: Intervals[Mention]) -> tuple[str, Actor | None] | None:
    """Who speaks through a bare "the report": the issuer the article gave the last document of that name
    ("the U.S. Embassy report says ... the report notes")."""
    lemma = token.lemma_.lower()
    doc = token.doc
    for i in range(token.i - 1, max(-1, token.i - _DOCUMENT_REACH), -1):
        t = doc[i]
        if t.lemma_.lower() != lemma or t.pos_ != "NOUN":
            continue
        owners = [c for c in t.children if c.dep_ in ("poss", "compound")]
        owners += [o for c in t.children if c.dep_ == "prep" and c.lower_ in _ISSUER_PREPS for o in c.children
                   if o.dep_ == "pobj"]  # "a report by the UN"
        for o in owners:
            found = _speaker_from_token(analysis, o, named)
            if found[0]:
                return found
        verb = t.head.head if t.dep_ == "pobj" else None
        if verb is not None and _is_speech_verb(verb, speech_lexicon()):
            found = _speaker_of_verb(analysis, verb, speech_lexicon(), named)  # "the embassy says in a new report"
            if found[1]:
                return found[1], found[2]
    return None


_DOCUMENT_REACH = 3000  # tokens back to the document a bare "the report" names
_ISSUER_PREPS = words("deed_source_prepositions")  # "a report by the UN", "a letter from the embassy"


def _mention_at(named: Intervals[Mention], offset: int) -> Mention | None:
    """The narrowest mention covering the character at ``offset``."""
    containing = named.covering(offset)
    return min(containing, key=lambda m: m.end - m.start) if containing else None


def _follow_antecedents(mentions: list[Mention], mention: Mention) -> Mention:
    seen = 0
    while mention.antecedent is not None and 0 <= mention.antecedent < len(mentions) and seen < 20:
        mention = mentions[mention.antecedent]
        seen += 1
    return mention


# ---------------------------------------------------------------------------------------------------
# Indirect speech

_NOT_REPORTING = words("not_reporting")
_NAMING_VERBS = words("naming_verbs")
_ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)


def _indirect_quotes(analysis: Analysis, spans: list[tuple[int, int]], lex: SpeechLexicon,
                     named: Intervals[Mention]) -> list[Quote]:
    """Reported clauses after verbs of saying ("X said (that) ...") and "according to X" sentences.

    A clause that holds quotation marks is left to the direct quotes found inside it.
    """
    doc = analysis.doc
    body = analysis.article.body
    out: list[Quote] = []

    direct = Intervals(spans, lambda span: span)

    def quoted(s: int, e: int) -> bool:
        return bool(direct.overlapping(s, e))

    for token in doc:
        if not _is_speech_verb(token, lex):
            continue
        clauses = [c for c in token.children if c.dep_ == "ccomp" and c.i > token.i]
        if not clauses:
            continue
        clause = clauses[0]
        if any(c.dep_ == "mark" and c.lower_ in _NOT_REPORTING for c in clause.children):
            continue  # "declared an emergency so he could fund a wall": purpose, not reported speech
        s = clause.left_edge
        if s.lower_ == "that" and s.i + 1 <= clause.right_edge.i:
            s = token.doc[s.i + 1]
        start, end = s.idx, clause.right_edge.idx + len(clause.right_edge)
        if quoted(start, end) or len(body[start:end].split()) < 3:
            continue
        _, speaker, actor = _speaker_of_verb(analysis, token, lex, named)
        out.append(Quote(text=body[start:end], speaker=speaker, speaker_actor=actor, kind="indirect",
                         start=start, end=end))
    for sent in doc.sents:
        m = _ACCORDING.search(sent.text)
        if not m:
            continue
        to = next((t for t in sent if t.idx == sent.start_char + m.end() - 2), None)
        objs = [c for c in to.children if c.dep_ == "pobj"] if to is not None else []
        if not objs or quoted(sent.start_char, sent.end_char):
            continue
        speaker, actor = _speaker_from_token(analysis, objs[0], named)
        phrase_end = objs[0].right_edge.idx + len(objs[0].right_edge)
        phrase_start = sent.start_char + m.start()
        if phrase_start == sent.start_char:  # "According to X, ..." → the rest of the sentence
            rest = body[phrase_end:sent.end_char].lstrip(" ,")
            start = sent.end_char - len(rest)
        else:  # "..., according to X." → what comes before
            rest = body[sent.start_char:phrase_start].rstrip(" ,")
            start = sent.start_char
        end = start + len(rest)
        if len(rest.split()) >= 3:
            out.append(Quote(text=body[start:end], speaker=speaker, speaker_actor=actor, kind="indirect",
                             start=start, end=end))
    return out


@component("quotes")
def _quotes(context) -> Callable[[Analysis], None]:
    """Quotations and their speakers."""
    return find_quotes
