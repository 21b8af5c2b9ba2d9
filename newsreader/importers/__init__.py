"""Importing local articles: ``.txt``, ``.md``, ``.html``/``.htm``, ``.json`` and ``.jsonl``.

One module per job: :mod:`.files` walks paths and reads bytes safely,
:mod:`.decoding` turns bytes into text, :mod:`newsreader.text` cleans it
(paragraphs, boilerplate, title, date and byline: the same path as fetched
pages), :mod:`.plaintext`, :mod:`.markdown`, :mod:`.html` and :mod:`.jsonfile`
read each format (:mod:`.readers` maps extensions to them),
and :mod:`.runner` stores and enriches the articles, one transaction per file.
"""
