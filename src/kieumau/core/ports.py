"""A free TCP port on loopback, for the servers the benchmark and the tests start."""

import socket


def free_port() -> int:
    """A port nothing listens on now (the OS picks it; taken again only by a later caller)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
