"""The HTTP front of the Google Reader test server: requests in, its answers out, and
the failures a test asked for (connections closed unanswered, pages cut short)."""

from __future__ import annotations

import contextlib
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

from greader_model import BASE

if TYPE_CHECKING:
    from greader_server import GReaderServer


def handler_for(server: GReaderServer) -> type[BaseHTTPRequestHandler]:
    """A request handler class answering from ``server``'s state."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def setup(self) -> None:
            super().setup()
            with server.lock:
                server._sockets.add(self.connection)

        def finish(self) -> None:
            with server.lock:
                server._sockets.discard(self.connection)
            with contextlib.suppress(OSError):
                super().finish()

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def _serve(self, method: str) -> None:
            try:
                self._answer(method)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        def _answer(self, method: str) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            form = parse_qsl(parts.query, keep_blank_values=True)
            form += parse_qsl(body, keep_blank_values=True)
            with server.lock:
                refuse = server.down or server.fail_after == 0
                if server.fail_after:
                    server.fail_after -= 1
            if refuse:
                self.close_connection = True
                return
            auth = (self.headers.get("Authorization") or "").removeprefix("GoogleLogin auth=")
            if parts.path.startswith(BASE + "/"):
                path = parts.path.removeprefix(BASE)
                status, kind, text = server.answer(method, path, form, auth)
            else:
                path, status, kind, text = parts.path, 404, "text/plain", "Not Found"
            data = text.encode()
            if server.truncate and path.endswith(server.truncate):
                data = data[: len(data) // 2]  # a whole HTTP answer, half a JSON page
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler
