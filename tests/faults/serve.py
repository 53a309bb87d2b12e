"""Serve Kiểu Mẫu's WSGI application from one thread (``python -m tests.faults.serve PORT``).

Like a synchronous production worker (one request after another in the same thread), it keeps
its database connection between requests (``DATABASE_CONN_MAX_AGE``), which is what a database
restart breaks; Django's runserver, by contrast, answers each request in a new thread.
"""

import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server

from kieumau.wsgi import application


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        sys.stderr.write(f"{self.address_string()} {format % args}\n")


if __name__ == "__main__":
    port = int(sys.argv[1])
    with make_server("127.0.0.1", port, application, handler_class=QuietHandler) as server:
        server.serve_forever()
