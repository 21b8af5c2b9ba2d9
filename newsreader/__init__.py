"""newsreader: a terminal news reader with offline summaries, topics and stories.

This package is the UI-free core: the library store, importers, feeds, topics,
configuration and the command line. It never imports Textual.
"""

__version__ = "0.1.0"
