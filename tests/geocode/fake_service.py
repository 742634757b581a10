"""A local HTTP server on 127.0.0.1 that plays a Nominatim-like geocoder.

Only faults we cannot cause against the real service are played here: a
scripted sequence of answers (200, 429, 500, malformed JSON, slow, a hostile
place name or status line).  It also plays an HTTP proxy that refuses every
tunnel, so a test can see which real host a client tried to reach without
any request leaving the machine.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


class FakeGeocoderServer:
    def __init__(self, script=None):
        # script: list of ("ok" | "429" | "500" | "badjson" | ("slow", seconds)
        # | ("name", text) | ("status", code, reason)), the last one reused
        self.script = list(script or ["ok"])
        self.requests: list[tuple[float, str]] = []
        self.paths: list[str] = []  # the full request paths, query string included
        self.tunnels: list[str] = []  # CONNECT host:port asked of the proxy
        handler = self._handler()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def domain(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"{host}:{port}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def _next(self):
        return self.script.pop(0) if len(self.script) > 1 else self.script[0]

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def do_CONNECT(self):
                server.tunnels.append(self.path)
                self._send(502, b"no tunnels here")

            def do_GET(self):
                q = parse_qs(urlparse(self.path).query).get("q", [""])[0]
                server.requests.append((time.monotonic(), q))
                server.paths.append(self.path)
                action = server._next()
                name = f"{q}, Kosovo"
                if isinstance(action, tuple) and action[0] == "slow":
                    time.sleep(action[1])
                    action = "ok"
                elif isinstance(action, tuple) and action[0] == "name":
                    name, action = action[1], "ok"
                if isinstance(action, tuple) and action[0] == "status":
                    self._send(action[1], b"{}", reason=action[2])
                elif action == "429":
                    self._send(429, b'{"error": "rate limited"}')
                elif action == "500":
                    self._send(500, b"internal error")
                elif action == "badjson":
                    self._send(200, b"[{not json")
                else:
                    body = [
                        {
                            "lat": "42.6629",
                            "lon": "21.1655",
                            "display_name": name,
                            "name": name,
                            "place_id": 1,
                        }
                    ]
                    self._send(200, json.dumps(body).encode())

            def _send(self, code, body, reason=None):
                if reason is None:
                    self.send_response(code)
                else:  # raw, as a hostile server would send it
                    self.log_request(code)
                    line = f"{self.protocol_version} {code} {reason}\r\n"
                    self.wfile.write(line.encode("latin-1"))
                    self.send_header("Server", self.version_string())
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler
