"""Search engines that misbehave, over real sockets, for tests and benchmarks.

- `SilentEngine`: a socket that accepts connections and never answers, like a paused
  engine (SIGSTOP, a hung JVM, a black-holed network).
- `EngineProxy`: a small HTTP proxy in front of a real engine that forwards every
  request, counts what it forwarded, and on demand holds chosen requests past the
  client's timeout without forwarding them, or answers them with an error status. Its
  upstream can be swapped, so an engine can be "restarted empty" behind a stable URL.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class SilentEngine:
    """Accepts every connection and never says a word."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(128)
        self.connections: list[socket.socket] = []
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.socket.getsockname()[1]}"

    @property
    def accepted(self) -> int:
        return len(self.connections)

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                connection, _address = self.socket.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self) -> None:
        self._closed.set()
        self.socket.close()
        for connection in self.connections:
            connection.close()

    def __enter__(self) -> SilentEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass
class Forwarded:
    method: str
    path: str
    body: bytes

    @property
    def bulk_actions(self) -> list[dict]:
        """The action lines of a _bulk request (index, delete …), without the sources."""
        if "_bulk" not in self.path:
            return []
        actions = []
        expect_action = True
        for line in self.body.splitlines():
            if not line.strip():
                continue
            if expect_action:
                action = json.loads(line)
                actions.append(action)
                # index/create/update carry a source line after them; delete does not.
                expect_action = "delete" in action
            else:
                expect_action = True
        return actions


@dataclass
class Fault:
    matches: Callable[[str, str], bool]
    times: int
    hold_seconds: float = 0.0
    status: int = 0


class EngineProxy:
    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.forwarded: list[Forwarded] = []
        self.refused: list[tuple[str, str]] = []
        self._faults: list[Fault] = []
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def handle_request(self) -> None:
                proxy.handle(self)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = handle_request

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def hold(self, matches: Callable[[str, str], bool], *, times: int, seconds: float) -> None:
        """The next `times` requests that match (method, path) are held `seconds`, then
        their connection is closed; the engine never sees them."""
        with self._lock:
            self._faults.append(Fault(matches, times, hold_seconds=seconds))

    def answer(self, matches: Callable[[str, str], bool], *, times: int, status: int) -> None:
        """The next `times` matching requests get `status` from the proxy itself."""
        with self._lock:
            self._faults.append(Fault(matches, times, status=status))

    def _fault_for(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.times > 0 and fault.matches(method, path):
                    fault.times -= 1
                    return fault
        return None

    def bulk_actions(self) -> list[dict]:
        return [action for request in self.forwarded for action in request.bulk_actions]

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        fault = self._fault_for(request.command, request.path)
        if fault is not None and fault.hold_seconds:
            self.refused.append((request.command, request.path))
            time.sleep(fault.hold_seconds)
            request.close_connection = True
            return
        if fault is not None:
            self.refused.append((request.command, request.path))
            payload = json.dumps({"error": {"type": "proxy_fault"}, "status": fault.status})
            self._reply(request, fault.status, [("Content-Type", "application/json")],
                        payload.encode())
            return
        target = urlsplit(self.upstream)
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
        headers = {name: value for name, value in request.headers.items()
                   if name.lower() not in ("host", "connection", "content-length")}
        try:
            connection.request(request.command, request.path, body=body or None,
                               headers=headers)
            response = connection.getresponse()
            data = response.read()
            self.forwarded.append(Forwarded(request.command, request.path, body))
            self._reply(request, response.status, response.getheaders(), data)
        finally:
            connection.close()

    @staticmethod
    def _reply(request: BaseHTTPRequestHandler, status: int,
               headers: list[tuple[str, str]], data: bytes) -> None:
        request.send_response(status)
        length = str(len(data))
        for name, value in headers:
            if name.lower() in ("transfer-encoding", "connection", "content-length"):
                if name.lower() == "content-length" and request.command == "HEAD":
                    length = value
                continue
            request.send_header(name, value)
        request.send_header("Content-Length", length)
        request.end_headers()
        if request.command != "HEAD":
            request.wfile.write(data)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> EngineProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
