"""The database briefly out of reach under the real server (gunicorn on PostgreSQL, its connections
going through a TCP relay the test cuts and restores): pages answer the platform's own 503, a letter
sent meanwhile comes back whole and, sent again after, is stored once; nothing stored before is lost.
(SQLite has no connection to cut: the same page and form keeping are proven in-process there,
test_database_unavailable.py.)"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from html import unescape

import pytest
from django.db import connection

from gongkai.hotline.models import Ticket
from gongkai.tests.security.browserlike import fill, form
from gongkai.tests.security.server import Citizen, database_url, serve

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.security]


class Relay:
    """A TCP relay to the database that can be cut (every connection closed, new ones refused)."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self._start()

    def _start(self) -> None:
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _addr = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(a: socket.socket, b: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := a.recv(65536):
                b.sendall(data)
        with contextlib.suppress(OSError):
            b.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread (close alone does not)
        self.listener.close()
        with self.lock:
            for s in self.sockets:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()
            self.sockets.clear()

    def restore(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self._start()


def _letter(citizen: Citizen, i: int) -> list[tuple[str, str]]:
    page = citizen.get("/mailbox/")
    assert page.status == 200
    fields, _options = form(page.body, "content")
    return fill(
        fields,
        {
            "title": f"停电期间来信{i}",
            "content": f"断库测试来信{i}：小区门口的路灯坏了，请派人维修",
            "name": f"市民{i}",
            "phone": f"137{i:08d}",
        },
    )


def test_pages_answer_503_during_an_outage_and_nothing_is_lost(personas, tmp_path, capsys):
    if connection.vendor != "postgresql":
        pytest.skip("a connection to cut needs PostgreSQL (SQLite: test_database_unavailable.py)")
    settings = connection.settings_dict
    relay = Relay(settings["HOST"] or "127.0.0.1", int(settings["PORT"] or 5432))
    with (
        serve(tmp_path, workers=2, db_url=database_url("127.0.0.1", relay.port)) as base,
        ThreadPoolExecutor(8) as pool,
    ):
        citizens = [Citizen(base, f"10.9.0.{i}") for i in range(10)]
        filled = list(pool.map(lambda i: _letter(citizens[i], i), range(10)))
        time.sleep(3.5)  # the form's minimum filling time
        before = list(pool.map(lambda i: citizens[i].post("/mailbox/", filled[i]), range(8)))
        assert [a.status for a in before] == [302] * 8

        relay.cut()
        home = citizens[9].get("/")
        failed = [citizens[i].post("/mailbox/", filled[i]) for i in (8, 9)]
        relay.restore()

        assert home.status == 503 and "系统暂时无法访问" in home.body
        for answer, i in zip(failed, (8, 9), strict=True):
            assert answer.status == 503 and f"断库测试来信{i}" in unescape(answer.body)
        # Back: each citizen presses 重新提交 on the page they were given.
        retried = []
        for answer, i in zip(failed, (8, 9), strict=True):
            again, _options = form(answer.body, "content")
            retried.append(citizens[i].post("/mailbox/", [tuple(f) for f in again]))
        assert [a.status for a in retried] == [302, 302]

    stored = sorted(Ticket.objects.filter(matter__startswith="断库测试来信").values_list("title", flat=True))
    assert stored == sorted(
        f"停电期间来信{i}" for i in range(10)
    )  # the 8 before and the 2 retried, once each
    with capsys.disabled():
        print(
            "\ndatabase outage (postgresql, connections cut): 503 page and form kept; 10 letters stored, 0 lost"
        )
