"""A loopback HTTP server for the fetching tests: routes set per test, requests recorded.

It listens on 127.0.0.1 on a free port, in a thread, and stops when the test ends; nothing
leaves the machine.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    length: bool = True  # send Content-Length (else the body ends when the connection closes)
    then: Route | None = None  # the answer from the second request on
    pace: float = 0.0  # seconds between 100-byte pieces of the body (a trickling server)


class LoopbackServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str]] = []  # (path, User-Agent)
        self.stopping = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the standard library's name
                server.requests.append((self.path, self.headers.get("User-Agent", "")))
                route = server.routes.get(self.path)
                if route is None:
                    route = Route(b"<h1>Not found</h1>", 404, {"Content-Type": "text/html"})
                elif route.then is not None:
                    server.routes[self.path] = route.then
                if route.delay:
                    server.stopping.wait(route.delay)
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.length:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                # the client may give up (size limit, timeout): as intended
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    if not route.pace:
                        self.wfile.write(route.body)
                    for start in range(0, len(route.body), 100) if route.pace else ():
                        if server.stopping.wait(route.pace):
                            break
                        self.wfile.write(route.body[start : start + 100])
                        self.wfile.flush()

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def page(self, path: str, html: str | bytes, **options: object) -> str:
        """Serve ``html`` at ``path`` as text/html; returns its URL."""
        body = html.encode() if isinstance(html, str) else html
        headers = {"Content-Type": "text/html; charset=utf-8"}
        headers.update(options.pop("headers", {}))  # type: ignore[arg-type]
        self.routes[path] = Route(body, headers=headers, **options)  # type: ignore[arg-type]
        return self.url(path)

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def __enter__(self) -> LoopbackServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def serve() -> Iterator[LoopbackServer]:
    """For a pytest fixture: ``yield from serve()``."""
    with LoopbackServer() as server:
        yield server
