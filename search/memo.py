"""What this process derives from the published site (the vocabulary, pages' texts, a query's matches), kept until
the next publish.

Like `portal.core.cache.remembered()`, a value is kept for the cache generation it was computed under; unlike it,
the values stay in this process's memory, not in the shared cache: they are read on every search, and unpickling
hundreds of hits from a cache file or Redis would cost about what computing them costs. At most `size` values are
kept; beyond that, all are dropped (the next searches fill it again). Kept for nothing when FRAGMENT_CACHE is off
(tests, development), so what a test changes is searched at once.
"""

from django.conf import settings

from portal.core.cache import current_generation


class KeptUntilPublish:
    def __init__(self, size):
        self.size = size
        self.generation = None
        self.values = {}

    def current(self):
        """The values kept for the current generation (an empty dict after a publish, or when over `size`)."""
        generation = current_generation() if settings.FRAGMENT_CACHE else None
        if generation is None or generation != self.generation or len(self.values) > self.size:
            self.generation, self.values = generation, {}
        return self.values

    def get(self, key, compute):
        values = self.current()
        if key not in values:
            values[key] = compute()
        return values[key]
