"""A real HTTP server on 127.0.0.1 with hand-made behaviours, for tests.

``FeedServer`` is a threaded :mod:`http.server` on a free port. Tests add
routes to it: a fixed answer (status, headers, body), or a function that
writes the answer itself (slow, endless, redirect loops). Every request's
path and headers are recorded, so tests can check what the client sent.

``stop()`` closes every open connection and waits for each request-handling
thread to end, so no handler outlives its test (or prints a traceback after it).
A handler that must hang (a server too slow to answer) waits on ``stopping``
instead of sleeping, so it ends as soon as the test does.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Answer:
    """A fixed answer."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Request:
    """What the client sent."""

    path: str
    headers: dict[str, str]


class _Server(ThreadingHTTPServer):
    """Remembers its open connections, so stopping can close them all."""

    daemon_threads = False
    block_on_close = True  # server_close() joins every handler thread

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self.open: set[socket.socket] = set()
        self.open_lock = threading.Lock()

    def process_request(self, request: socket.socket, client_address: object) -> None:  # type: ignore[override]
        with self.open_lock:
            self.open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: socket.socket) -> None:  # type: ignore[override]
        with self.open_lock:
            self.open.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """End every open connection: a handler waiting on a keep-alive read returns."""
        with self.open_lock:
            sockets = list(self.open)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class FeedServer:
    """Routes by exact path; a prefix route serves files from a folder."""

    def __init__(self) -> None:
        self.routes: dict[str, Answer | Handler] = {}
        self.folders: dict[str, Callable[[str], Answer | None]] = {}
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        #: Set when the server stops: hanging handlers wait on it.
        self.stopping = threading.Event()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def handle(self) -> None:
                # the client went away: tests of aborting clients do that
                with contextlib.suppress(ConnectionError, TimeoutError):
                    super().handle()

            def do_GET(self) -> None:
                with server.lock:
                    server.requests.append(
                        Request(self.path, {k.lower(): v for k, v in self.headers.items()})
                    )
                route = server.find(self.path)
                if route is None:
                    route = Answer(b"not found", 404, {"Content-Type": "text/plain"})
                try:
                    if isinstance(route, Answer):
                        self.send_response(route.status)
                        for key, value in route.headers.items():
                            self.send_header(key, value)
                        self.send_header("Content-Length", str(len(route.body)))
                        self.end_headers()
                        self.wfile.write(route.body)
                    else:
                        route(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = _Server(("127.0.0.1", 0), _Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def find(self, path: str) -> Answer | Handler | None:
        """The route for a request path."""
        path = path.split("?", 1)[0]
        if path in self.routes:
            return self.routes[path]
        for prefix, lookup in self.folders.items():
            if path.startswith(prefix):
                return lookup(path[len(prefix) :])
        return None

    def url(self, path: str) -> str:
        """The absolute URL of a path on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def add(
        self,
        path: str,
        body: bytes | str = b"",
        status: int = 200,
        headers: dict[str, str] | None = None,
        content_type: str = "application/rss+xml",
    ) -> str:
        """Serve a fixed answer at ``path``; returns its URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        answer_headers = {"Content-Type": content_type} if content_type else {}
        answer_headers.update(headers or {})
        self.routes[path] = Answer(data, status, answer_headers)
        return self.url(path)

    def handle(self, path: str, handler: Handler) -> str:
        """Serve ``path`` with a function that writes the whole answer."""
        self.routes[path] = handler
        return self.url(path)

    def serve_folder(self, prefix: str, lookup: Callable[[str], Answer | None]) -> None:
        """Serve every path under ``prefix`` through ``lookup(rest)``."""
        self.folders[prefix] = lookup

    def hits(self, path: str) -> list[Request]:
        """The requests made for ``path``."""
        with self.lock:
            return [r for r in self.requests if r.path.split("?", 1)[0] == path]

    def start(self) -> FeedServer:
        """Serve in a background thread."""
        self.thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, end open connections and wait for their handlers."""
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.close_connections()
        self.httpd.server_close()
