"""Importing local articles: ``.txt``, ``.md``, ``.html``/``.htm``, ``.json`` and ``.jsonl``.

One module per job: :mod:`.files` walks paths and reads bytes safely,
:mod:`.decoding` turns bytes into text, :mod:`.cleaning` keeps paragraphs and
removes publisher boilerplate (rules as data), :mod:`.titles` finds title,
date and byline, :mod:`.plaintext`, :mod:`.markdown`, :mod:`.html` and
:mod:`.jsonfile` read each format (:mod:`.readers` maps extensions to them),
and :mod:`.runner` stores and enriches the articles, one transaction per file.
"""
