"""The language layer: one spaCy Doc per article, then actors, coreference and dates on top of it."""
