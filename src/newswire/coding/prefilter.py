"""Parse only what can hold an event: a cheap test, on tokens alone, before the dependency parser.

The parser is the costliest part of spaCy's pipeline, and only the event coder (and the speaker of a
quote) needs it. An event needs two things the coder cannot do without:

* a trigger: a token whose lemma (or lower-cased form) has a coding pattern — the words come from the
  coder's own pattern data (``newswire.coding``), plus the modal of a reported obligation;
* a source actor: every actor mention starts from a name in the actor dictionary (coreference and
  descriptions only resolve *to* earlier names), so the article must hold a dictionary name.

Both are tested on the tokenizer's output only. Lemmas are not known before tagging, so each word
form is mapped to every lemma spaCy's rule lemmatizer *could* give it (its exceptions and suffix rules
for verbs and nouns, read from the loaded model's own tables): the test may let through an article
that holds no event, never the other way round. Articles that fail the test still get tagging,
lemmas, entities and sentence boundaries (spaCy's ``senter``), just no dependency parse.

Articles with quotation marks are parsed too when ``quotes`` is on, so their quotes keep speakers.
"""

from __future__ import annotations

from collections.abc import Iterable

QUOTE_MARKS = frozenset('"\u201c\u201d\u201e\u2018\u00ab\u00bb')  # not ’: it is also the apostrophe
_POS = ("verb", "noun")


def trigger_lemmas(coder=None) -> frozenset[str]:
    """Every lemma that can start an event in ``coder`` (the default coder when None)."""
    from newswire.coding import coder as coder_module
    from newswire.coding import default_coder

    coder = coder if coder is not None else default_coder()
    words = {p.trigger for p in coder.patterns.patterns if p.code is not None}
    obligation = getattr(coder_module, "OBLIGATION", None)
    if obligation is not None:
        words.add(obligation.trigger)
    words |= set(getattr(coder.patterns.cues, "demand_modals", ()) or ())
    return frozenset(w.lower() for w in words)


class Prefilter:
    """Decides, per tokenized Doc, whether it needs the dependency parser."""

    def __init__(self, nlp, dictionary, *, coder=None, quotes: bool = True) -> None:
        self.nlp = nlp
        self.dictionary = dictionary
        self.triggers = trigger_lemmas(coder)
        self.quotes = quotes
        self._forms: dict[str, bool] = {}  # lower-cased word form -> may be a trigger
        lookups = nlp.get_pipe("lemmatizer").lookups if "lemmatizer" in nlp.component_names else None
        self._rules = {p: list(lookups.get_table("lemma_rules").get(p, [])) for p in _POS} if lookups else {}
        self._exc = {p: dict(lookups.get_table("lemma_exc").get(p, {})) for p in _POS} if lookups else {}

    def lemmas(self, form: str) -> set[str]:
        """Every lemma the rule lemmatizer could give ``form`` as a verb or a noun, and the form itself."""
        out = {form}
        for pos in _POS:
            out.update(self._exc.get(pos, {}).get(form, ()))
            for old, new in self._rules.get(pos, ()):
                if form.endswith(old) and len(form) > len(old):
                    out.add(form[: len(form) - len(old)] + new)
        return out

    def may_trigger(self, form: str) -> bool:
        hit = self._forms.get(form)
        if hit is None:
            hit = self._forms[form] = not self.triggers.isdisjoint(self.lemmas(form))
            if len(self._forms) > 500_000:  # a bounded memo: word forms are Zipfian, this rarely clears
                self._forms.clear()
        return hit

    def may_hold_event(self, doc) -> bool:
        """True unless the Doc surely holds no event: no trigger word, or no actor name."""
        if not any(self.may_trigger(t.lower_) for t in doc):
            return False
        return bool(self.dictionary.matcher(doc.vocab)(doc))

    def needs_parse(self, doc) -> bool:
        if self.quotes and not QUOTE_MARKS.isdisjoint(doc.text):
            return True
        return self.may_hold_event(doc)

    def split(self, docs: Iterable) -> tuple[list[int], list[int]]:
        """Indices of the docs that need the parser, and of those that do not."""
        parse, skip = [], []
        for i, doc in enumerate(docs):
            (parse if self.needs_parse(doc) else skip).append(i)
        return parse, skip
