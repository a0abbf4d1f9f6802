"""The analysis components, registered by name: each adds one layer to the shared :class:`~newswire.model.Analysis`.

As spaCy's factories: a stage's module registers a factory under a name, and the pipeline
(:mod:`newswire.pipeline`) is assembled from a list of names. A factory is given the pipeline's context (its
actor dictionary, as ``context.dictionary``) once, and returns the function run on every parsed article.
A user drops a component by leaving its name out of ``Pipeline(components=...)``, or adds one of their own:

    from newswire.components import component

    @component("my layer")
    def my_layer(context):
        def run(analysis):
            ...  # read analysis.doc, analysis.events, ...; add to analysis
        return run

This module sits at the bottom of the package with the data model: stages import it, it imports no stage.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from newswire.model import Analysis

Stage = Callable[[Analysis], None]
Factory = Callable[[Any], Stage]


@dataclass(frozen=True)
class Component:
    name: str
    factory: Factory
    needs_parse: bool  # reads the dependency parse: skipped on an article the pre-filter let skip the parser


_REGISTRY: dict[str, Component] = {}


def component(name: str, *, needs_parse: bool = False) -> Callable[[Factory], Factory]:
    """Register ``factory`` under ``name`` (a later registration under the same name replaces it)."""

    def register(factory: Factory) -> Factory:
        _REGISTRY[name] = Component(name, factory, needs_parse)
        return factory

    return register


def get_component(name: str) -> Component:
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise LookupError(f"no analysis component is called {name!r} (known: {known})") from None


def registered() -> list[str]:
    """The names of every registered component."""
    return sorted(_REGISTRY)
