"""Sync with a feed server through the Google Reader API (FreshRSS, Miniflux).

Reading, starring and marking never wait on the network: each local action is
written to an outbox with the change itself (:mod:`newsreader.store.outbox`)
and sent at the next sync. One job per module: :mod:`.greader` (the protocol
client), :mod:`.ids` (item id spellings), :mod:`.items` (pulled items as
articles), :mod:`.push` (the outbox), :mod:`.pull` (the server's state),
:mod:`.credentials` (password and kept login) and :mod:`.runner` (one sync).
"""

from __future__ import annotations

from newsreader.sync.greader import AuthError, SyncError
from newsreader.sync.runner import SyncReport, check_login, sync_library

__all__ = ["AuthError", "SyncError", "SyncReport", "check_login", "sync_library"]
