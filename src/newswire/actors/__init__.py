"""Actors: dictionaries (newswire YAML and PETRARCH/TABARI files) and resolution on the spaCy Doc: names,
descriptions, coreference (pronouns and "the former minister" are actor resolution too) and new actors.

    from newswire.actors import load_dictionary, resolve_actors
    dictionary = load_dictionary(("my_people.yaml", "Phoenix.Countries.actors.txt"))
    resolve_actors(analysis, dictionary)   # fills analysis.entities and analysis.mentions
"""

from __future__ import annotations

from newswire.actors.coref import resolve_coreference
from newswire.actors.dictionary import (
    ActorDictionary,
    DictionaryError,
    Person,
    Role,
    SectorWord,
    load_dictionary,
)
from newswire.actors.newactors import add_new_actors, name_people_again
from newswire.actors.petrarch import read_petrarch_actors, read_petrarch_agents
from newswire.actors.resolve import resolve_actors

__all__ = [
    "ActorDictionary",
    "add_new_actors",
    "DictionaryError",
    "Person",
    "Role",
    "SectorWord",
    "load_dictionary",
    "name_people_again",
    "read_petrarch_actors",
    "read_petrarch_agents",
    "resolve_actors",
    "resolve_coreference",
]
