"""The web app's API, through Starlette's TestClient: wiring, guard rails, the JSON schema.

Most tests use a tiny hand-made checker so they run in milliseconds and do not depend on the
extractor's coverage; the ``real`` ones run the actual pipeline and reference store.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import re
import signal
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from extractor.model import (
    FLAGGED_VERDICTS,
    VERDICTS,
    ArticleReport,
    Claim,
    Finding,
    Normalized,
    Official,
)
from extractor.periods import Period
from extractor.web import WebSettings, create_app
from extractor.web.guards import Busy, ThreadRunner, WorkerFailed, human_bytes
from extractor.web.service import WARM_UP_TEXT
from extractor.web.workers import CheckRunner

STATIC = files("extractor.web") / "static"

DRAFT = "Exports rose 3.9% in March. <script>alert(1)</script> The deficit was 5 trillion yen."


def fake_report(text: str, *, published=None, path=None, config=None) -> ArticleReport:
    """Two claims at real offsets of ``text``: one consistent, one contradicted."""
    findings = []
    for needle, verdict in (("3.9%", "consistent"), ("5 trillion yen", "contradicted")):
        start = text.find(needle)
        if start < 0:
            continue
        claim = Claim(
            text=needle,
            start=start,
            end=start + len(needle),
            kind="level",
            metric="balance",
            period=Period.parse("2025-03"),
            normalized=Normalized(5e12, "JPY"),
        )
        official = Official(
            value=5.4e11,
            unit="JPY",
            period="2025-03",
            partner="World",
            flow="balance",
            status="provisional",
            release_date=dt.date(2025, 4, 17),
            source="test",
        )
        severity = "info" if verdict == "consistent" else "error"
        findings.append(Finding(claim, verdict, severity, "value.mismatch", "msg", official, "fix"))
    return ArticleReport(path=path, text=text, published=published, findings=tuple(findings))


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """One app for the module: its worker processes start (and import this module) once."""
    with TestClient(create_app(settings=WebSettings(checker=fake_report))) as c:
        yield c


# -- the page and the docs ------------------------------------------------------------------
def test_health(client: TestClient) -> None:
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"


def test_page_and_assets_are_local(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert 'id="draft"' in page.text and 'id="published"' in page.text
    for name in ("/static/app.js", "/static/app.css"):
        assert client.get(name).status_code == 200
    for asset in ("index.html", "app.js", "app.css", "docs-init.js"):
        text = (STATIC / asset).read_text(encoding="utf-8")
        assert not re.search(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", text), asset


def test_page_headers_forbid_other_origins(client: TestClient) -> None:
    csp = client.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in csp and "connect-src 'self'" in csp
    assert client.get("/").headers["x-content-type-options"] == "nosniff"


def test_script_never_parses_html() -> None:
    js = (STATIC / "app.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in js


def test_script_knows_every_verdict() -> None:
    js = (STATIC / "app.js").read_text(encoding="utf-8")
    neutral = re.search(r"NEUTRAL_VERDICTS = \[([^\]]*)\]", js)
    assert neutral
    assert set(re.findall(r'"(\w+)"', neutral[1])) == set(VERDICTS) - FLAGGED_VERDICTS - {
        "consistent"
    }
    labels = re.search(r"const LABELS = \{([^}]*)\}", js)
    assert labels
    assert set(re.findall(r"(\w+):", labels[1])) == set(VERDICTS)


def test_docs_without_cdn(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "cdn" not in docs.text.lower() and "https://" not in docs.text
    for src in re.findall(r'(?:src|href)="([^"]+)"', docs.text):
        assert src.startswith("/"), src
        assert client.get(src).status_code == 200, src
    spec = client.get("/openapi.json").json()
    assert {"/api/check", "/api/reference", "/health"} <= set(spec["paths"])


def test_plain_docs_escape_text() -> None:
    from extractor.web.docs import plain_docs

    page = plain_docs({"info": {"title": "t"}, "paths": {"/x": {"get": {"summary": "<b>"}}}})
    assert "&lt;b&gt;" in page and "<b>" not in page


# -- /api/check -----------------------------------------------------------------------------
def _cli_json(report: ArticleReport) -> dict[str, Any]:
    from extractor.report import render

    return json.loads(render("json", [report]))


def _schema_validate(doc: dict[str, Any]) -> None:
    import jsonschema

    root = Path(__file__).resolve().parents[1]
    schema = json.loads((root / "docs" / "schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)


def test_check_json_is_the_cli_document(client: TestClient) -> None:
    r = client.post("/api/check", json={"text": DRAFT, "published": "2025-04-20"})
    assert r.status_code == 200
    doc = r.json()
    assert doc == _cli_json(fake_report(DRAFT, published=dt.date(2025, 4, 20)))
    _schema_validate(doc)
    claims = doc["articles"][0]["claims"]
    assert [c["verdict"] for c in claims] == ["consistent", "contradicted"]


def test_check_page_form_adds_the_analysed_text(client: TestClient) -> None:
    r = client.post("/api/check?format=page", json={"text": DRAFT})
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"document", "texts"}
    assert body["document"] == _cli_json(fake_report(DRAFT))
    assert body["texts"] == [DRAFT]
    claims = body["document"]["articles"][0]["claims"]
    assert all(DRAFT[c["start"] : c["end"]] == c["text"] for c in claims)


def test_check_refuses_unknown_format(client: TestClient) -> None:
    r = client.post("/api/check?format=pdf", json={"text": DRAFT})
    assert r.status_code == 422
    assert r.json()["error"] == "invalid_request" and "format" in r.json()["message"]


def test_check_multipart_upload(client: TestClient) -> None:
    files_ = {"file": ("draft.txt", DRAFT.encode("utf-8-sig"), "text/plain")}
    r = client.post("/api/check?format=page", files=files_, data={"published": "2025-04-20"})
    assert r.status_code == 200, r.text
    assert r.json()["texts"] == [DRAFT]
    article = r.json()["document"]["articles"][0]
    assert article["path"] == "draft.txt"
    assert article["published"] == "2025-04-20"


@pytest.mark.parametrize(
    ("name", "data", "needle"),
    [
        ("draft.exe", b"MZ", "upload a .txt, .md or .html"),
        ("draft.txt", b"\x00\x01\x02binary", "binary"),
        ("draft.txt", b"\xff\xfe\xfa", "undecodable"),
        ("draft.txt", b"  \n", "empty"),
    ],
)
def test_check_refuses_bad_uploads(client: TestClient, name: str, data: bytes, needle: str) -> None:
    r = client.post("/api/check", files={"file": (name, data, "application/octet-stream")})
    assert r.status_code == 400
    assert needle in r.json()["message"]


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({"text": "x", "published": "17 April"}, "published must be a date"),
        ({"text": "   "}, "empty"),
        ({"txt": "x"}, '"text" string'),
        ({"text": "x", "filename": "../../etc/passwd"}, "upload a .txt"),
    ],
)
def test_check_refuses_bad_json(client: TestClient, body: dict[str, Any], needle: str) -> None:
    r = client.post("/api/check", json=body)
    assert r.status_code == 400
    assert needle in r.json()["message"]


def test_check_refuses_malformed_json(client: TestClient) -> None:
    r = client.post("/api/check", content=b"{", headers={"content-type": "application/json"})
    assert r.status_code == 400
    assert "not valid JSON" in r.json()["message"]


def test_filename_keeps_only_the_base_name(client: TestClient) -> None:
    r = client.post("/api/check", json={"text": DRAFT, "filename": "C:\\drafts\\a.md"})
    assert r.status_code == 200
    assert r.json()["articles"][0]["path"] == "a.md"


def test_download_names_are_plain_ascii() -> None:
    from extractor.web.service import download_name, safe_filename

    assert download_name("Q1 report.md", ".factcheck.html") == "Q1_report.factcheck.html"
    assert download_name("貿易統計.md", ".x") == "draft.x"
    assert download_name(None, ".x") == "draft.x"
    assert safe_filename("a\r\nb.md") == "ab.md"


def test_html_download_header_survives_odd_names(client: TestClient) -> None:
    body = {"text": DRAFT, "filename": '貿易 "draft"\r\n.md'}
    r = client.post("/api/check?format=html", json=body)
    assert r.status_code == 200
    assert r.headers["content-disposition"] == 'attachment; filename="draft.factcheck.html"'
    assert r.text.lstrip().lower().startswith("<!doctype html")


# -- checks in worker processes ---------------------------------------------------------------
# Checks run in other processes, so the checkers below are module-level functions (they pickle)
# and talk to the test through files in the folder given as ``config``. No test asserts a speed.
LIMIT = 20.0  # seconds any wait below gives up after: only reached when something is broken


def wait_until(done: Any, limit: float = LIMIT) -> bool:
    deadline = time.monotonic() + limit
    while not done():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def probe(text: str, *, published=None, path=None, config=None) -> ArticleReport:
    """A checker steered by the draft; ``config`` is a folder for its notes.

    ``sleep S``: note the worker's pid in ``pid-<pid>``, then sleep S seconds;
    ``stubborn S``: the same, ignoring SIGTERM (only SIGKILL stops it);
    ``meet``: note the start time in ``start-<pid>``, wait until two starts are noted, note the
    end time in ``end-<pid>`` (two checks that both end prove they ran at the same time);
    ``hold``: note ``held-<pid>``, wait until the file ``release`` exists;
    ``crash``: the worker process exits at once, mid-check;
    the warm-up draft is noted in ``warm-<pid>``; anything else is checked by ``fake_report``.
    """
    folder = Path(config) if config else None
    pid = os.getpid()
    command, *rest = text.split()
    if folder is not None and command in ("sleep", "stubborn"):
        if command == "stubborn":
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
        (folder / f"pid-{pid}").write_text(str(pid))
        time.sleep(float(rest[0]))
    elif folder is not None and command == "meet":
        (folder / f"start-{pid}").write_text(repr(time.time()))
        if not wait_until(lambda: len(list(folder.glob("start-*"))) >= 2):
            raise RuntimeError("the other check never started")
        (folder / f"end-{pid}").write_text(repr(time.time()))
    elif folder is not None and command == "hold":
        (folder / f"held-{pid}").write_text(str(pid))
        wait_until(lambda: (folder / "release").exists())
    elif command == "crash":
        os._exit(3)
    elif folder is not None and text == WARM_UP_TEXT:
        (folder / f"warm-{pid}").write_text(text)
    return fake_report(text, published=published, path=path)


def probe_app(folder: Path, **settings: Any) -> Any:
    return create_app(str(folder), settings=WebSettings(checker=probe, **settings))


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def worker_pids(c: TestClient) -> list[int]:
    return list(c.app.state.runner.pids())  # type: ignore[attr-defined]


def test_warm_up_runs_in_each_worker_at_startup(tmp_path: Path) -> None:
    with TestClient(probe_app(tmp_path, workers=2)) as c:
        assert c.get("/health").status_code == 200
        assert wait_until(lambda: len(list(tmp_path.glob("warm-*"))) == 2)
        pids = worker_pids(c)
    assert sorted(int(p.name.split("-")[1]) for p in tmp_path.glob("warm-*")) == pids
    assert not any(alive(pid) for pid in pids)  # shutdown stopped them
    for note in tmp_path.glob("warm-*"):
        note.unlink()
    with TestClient(probe_app(tmp_path, warm_up=False)) as c:  # workers start on demand
        assert worker_pids(c) == []
        assert c.post("/api/check", json={"text": DRAFT}).status_code == 200
        pids = worker_pids(c)
        assert len(pids) == 1
    assert list(tmp_path.glob("warm-*")) == []
    assert not any(alive(pid) for pid in pids)


def test_request_size_limit() -> None:
    app = create_app(settings=WebSettings(checker=fake_report, max_bytes=1000))
    with TestClient(app) as c:
        r = c.post("/api/check", json={"text": "x" * 2000})
        assert r.status_code == 413
        body = r.json()
        assert body["error"] == "too_large" and "limit is 1000 bytes" in body["message"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
            yield b'{"text": "'
            for _ in range(20):
                yield b"y" * 100
            yield b'"}'

        r = c.post("/api/check", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413
        assert r.json()["error"] == "too_large"
        assert c.post("/api/check", json={"text": DRAFT}).status_code == 200


@pytest.mark.parametrize("command", ["sleep 60", "stubborn 60"])
def test_time_limit_kills_the_worker(tmp_path: Path, command: str) -> None:
    with TestClient(probe_app(tmp_path, workers=1, timeout=0.3)) as c:
        r = c.post("/api/check", json={"text": command})
        assert r.status_code == 504
        assert r.json()["error"] == "timeout" and "longer than 0.3 s" in r.json()["message"]
        [note] = tmp_path.glob("pid-*")
        pid = int(note.read_text())
        assert not alive(pid)  # killed and reaped before the 504 went out
        r = c.post("/api/check", json={"text": DRAFT})  # a fresh worker takes the next check
        assert r.status_code == 200
        assert r.json() == _cli_json(fake_report(DRAFT))
        pids = worker_pids(c)
        assert pid not in pids
    assert not any(alive(pid) for pid in pids)


def test_two_workers_check_at_the_same_time(tmp_path: Path) -> None:
    app = probe_app(tmp_path, workers=2, timeout=60)
    with TestClient(app) as c:
        with ThreadPoolExecutor(2) as pool:
            answers = list(
                pool.map(lambda _: c.post("/api/check", json={"text": "meet"}), range(2))
            )
    assert [r.status_code for r in answers] == [200, 200], [r.text for r in answers]
    starts = {p.name[6:]: float(p.read_text()) for p in tmp_path.glob("start-*")}
    ends = {p.name[4:]: float(p.read_text()) for p in tmp_path.glob("end-*")}
    assert len(starts) == 2 and set(ends) == set(starts)  # two processes
    assert max(starts.values()) <= min(ends.values())  # each started before either ended


def test_busy_beyond_workers_and_queue(tmp_path: Path) -> None:
    with TestClient(probe_app(tmp_path, workers=1, queue=1, timeout=60)) as c:
        runner = c.app.state.runner  # type: ignore[attr-defined]
        with ThreadPoolExecutor(2) as pool:
            held = [pool.submit(c.post, "/api/check", json={"text": "hold"}) for _ in range(2)]
            try:
                assert wait_until(lambda: runner.in_flight == 2)
                assert wait_until(lambda: any(tmp_path.glob("held-*")))
                r = c.post("/api/check", json={"text": DRAFT})
                assert r.status_code == 503
                assert r.json()["error"] == "busy"
            finally:
                (tmp_path / "release").touch()
            assert [f.result().status_code for f in held] == [200, 200]
        assert c.post("/api/check", json={"text": DRAFT}).status_code == 200  # slots came back
        assert runner.in_flight == 0


def test_a_worker_that_dies_mid_check(tmp_path: Path) -> None:
    with TestClient(probe_app(tmp_path, workers=1)) as c:
        r = c.post("/api/check", json={"text": "crash"})
        assert r.status_code == 500
        body = r.json()
        assert body["error"] == "worker_failed"
        assert "exited with status 3" in body["message"]
        r = c.post("/api/check", json={"text": DRAFT})
        assert r.status_code == 200
        assert r.json() == _cli_json(fake_report(DRAFT))
        pids = worker_pids(c)
    assert pids and not any(alive(pid) for pid in pids)


def test_runner_refuses_work_beyond_its_queue(tmp_path: Path) -> None:
    runner = CheckRunner(workers=1, queue=0, timeout=60)
    release = tmp_path / "release"

    async def scenario() -> None:
        first = asyncio.ensure_future(runner.run(wait_until, release.exists))
        await asyncio.sleep(0.05)  # let it take the slot
        with pytest.raises(Busy):
            await runner.run(abs, -7)
        release.touch()
        assert await first is True
        assert await runner.run(abs, -7) == 7  # the slot came back
        pids.extend(runner.pids())

    pids: list[int] = []
    try:
        asyncio.run(scenario())
    finally:
        release.touch()
        runner.close()
    assert runner.pids() == [] and len(pids) == 1 and not alive(pids[0])


def test_close_stops_a_worker_mid_check(tmp_path: Path) -> None:
    runner = CheckRunner(workers=1, queue=0, timeout=60)

    async def scenario() -> list[int]:
        job = asyncio.ensure_future(runner.run(probe, "stubborn 60", config=str(tmp_path)))
        assert await asyncio.to_thread(wait_until, lambda: any(tmp_path.glob("pid-*")))
        pids = runner.pids()
        await asyncio.to_thread(runner.close)  # SIGTERM is ignored: SIGKILL after the grace
        with pytest.raises(WorkerFailed, match="SIGKILL"):
            await job
        return pids

    try:
        pids = asyncio.run(scenario())
    finally:
        runner.close()
    assert len(pids) == 1 and not alive(pids[0]) and runner.pids() == []


def test_runner_reports_unpicklable_work_and_errors() -> None:
    runner = CheckRunner(workers=1, queue=0, timeout=60)

    async def scenario() -> None:
        with pytest.raises(AttributeError, match="pickle"):
            await runner.run(lambda: 1)  # a closure cannot go to another process
        with pytest.raises(ValueError, match="invalid literal"):
            await runner.run(int, "x")  # raised in the worker, raised here
        assert await runner.run(abs, -2) == 2  # the worker survived both

    try:
        asyncio.run(scenario())
    finally:
        runner.close()


def test_thread_runner_refuses_work_beyond_its_queue() -> None:
    release = threading.Event()
    runner = ThreadRunner(workers=1, queue=0, timeout=5)

    async def scenario() -> None:
        first = asyncio.ensure_future(runner.run(release.wait, 5))
        await asyncio.sleep(0.05)
        with pytest.raises(Busy):
            await runner.run(lambda: None)
        release.set()
        assert await first is True
        assert await runner.run(lambda: 7) == 7  # the slot came back

    try:
        asyncio.run(scenario())
    finally:
        release.set()
        runner.close()


def test_human_bytes() -> None:
    assert human_bytes(2 * 1024 * 1024) == "2 MiB"
    assert human_bytes(1536) == "1.5 KiB"
    assert human_bytes(10) == "10 bytes"


_OUTBOUND: list[Any] = []


def offline_checker(text: str, **kw: Any) -> ArticleReport:
    """The real pipeline, in a worker process that notes every outbound connection attempt
    (from its first check on, the warm-up included) and fails a check once there was one."""
    from extractor.web.service import default_checker

    if not _OUTBOUND and not getattr(socket.socket.connect, "guarded", False):
        real_connect = socket.socket.connect

        def guarded(self: socket.socket, address: Any) -> Any:
            _OUTBOUND.append(address)
            return real_connect(self, address)

        guarded.guarded = True  # type: ignore[attr-defined]
        socket.socket.connect = guarded  # type: ignore[method-assign]
        socket.create_connection = lambda *a, **k: _OUTBOUND.append(a)  # type: ignore[assignment]
    report = default_checker(text, **kw)
    if _OUTBOUND:
        raise RuntimeError(f"outbound connection attempts: {_OUTBOUND}")
    return report


def test_no_outbound_connection_during_a_real_check(monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[Any] = []  # from the server process; the worker guards itself
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        attempts.append(address)
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: attempts.append(a))
    with TestClient(create_app(settings=WebSettings(checker=offline_checker, workers=1))) as c:
        r = c.post(
            "/api/check", json={"text": "Exports rose 3.9% in March 2025 from a year earlier."}
        )
        assert r.status_code == 200
        assert r.json()["articles"][0]["error"] is None
    assert attempts == []


# -- the real pipeline ------------------------------------------------------------------------
REAL_DRAFT = (
    "TOKYO, April 17, 2025 - Japan's trade surplus with the United States surged in fiscal 2024 "
    "to 9 trillion yen, while the overall trade deficit for the fiscal year came to 5.2 trillion yen."
)


@pytest.fixture(scope="module")
def real_client() -> Iterator[TestClient]:
    with TestClient(create_app()) as c:
        yield c


def _claim(article: dict[str, Any], text: str) -> dict[str, Any]:
    found = [c for c in article["claims"] if c["text"] == text]
    assert found, (text, [c["text"] for c in article["claims"]])
    return found[0]


def test_real_check_marks_wrong_and_right(real_client: TestClient) -> None:
    r = real_client.post("/api/check", json={"text": REAL_DRAFT})
    assert r.status_code == 200
    _schema_validate(r.json())
    article = r.json()["articles"][0]
    assert article["error"] is None
    assert article["published"] == "2025-04-17"
    surged = _claim(article, "surged")
    assert surged["verdict"] in FLAGGED_VERDICTS
    deficit = [c for c in article["claims"] if "5.2 trillion" in c["text"]]
    assert deficit and all(c["verdict"] == "consistent" for c in deficit)


def test_real_upload_html_strips_markup(real_client: TestClient) -> None:
    html = (
        "<html><head><title>t</title><meta property='article:published_time' "
        "content='2025-04-17'><script>alert(1)</script></head><body><nav>Home | World</nav>"
        f"<article><p>{REAL_DRAFT}</p><p>More analysis follows in this paragraph of the story, "
        "which is long enough to count as main text for the extractor.</p></article></body></html>"
    )
    files_ = {"file": ("draft.html", html.encode(), "text/html")}
    r = real_client.post("/api/check?format=page", files=files_)
    assert r.status_code == 200, r.text
    [text] = r.json()["texts"]
    assert "alert(1)" not in text and "9 trillion yen" in text
    article = r.json()["document"]["articles"][0]
    assert article["published"] == "2025-04-17"


def test_real_html_report(real_client: TestClient) -> None:
    r = real_client.post("/api/check?format=html", json={"text": REAL_DRAFT, "filename": "d.md"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert 'filename="d.factcheck.html"' in r.headers["content-disposition"]
    assert "surged" in r.text


# -- /api/reference ---------------------------------------------------------------------------
def test_reference_matches_the_store(real_client: TestClient) -> None:
    from extractor.reference import load_store

    store = load_store()
    q = {"flow": "balance", "partner": "us", "period": "FY2024", "as_of": "2025-04-20"}
    r = real_client.get("/api/reference", params=q)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["partner"] == "United States"
    current = store.lookup("balance", "United States", "FY2024", dt.date(2025, 4, 20))
    assert current is not None
    assert body["figure"]["value"] == current.value
    assert body["figure"]["release_date"] == current.release_date.isoformat()
    assert len(body["vintages"]) == len(store.vintages("balance", "United States", "FY2024"))


def test_reference_history(real_client: TestClient) -> None:
    r = real_client.get("/api/reference", params={"flow": "exports", "basis": "CY"})
    assert r.status_code == 200
    periods = [f["period"] for f in r.json()["history"]]
    assert periods == sorted(periods) and "CY2024" in periods


@pytest.mark.parametrize(
    ("query", "needle"),
    [
        ({"flow": "gdp", "period": "FY2024"}, "unknown flow"),
        ({"flow": "exports", "partner": "Atlantis", "period": "FY2024"}, "unknown partner"),
        ({"flow": "exports", "period": "FY20x4"}, "not a period code"),
        ({"flow": "exports"}, "give a period"),
    ],
)
def test_reference_refuses_bad_questions(
    real_client: TestClient, query: dict[str, str], needle: str
) -> None:
    r = real_client.get("/api/reference", params=query)
    assert r.status_code == 400
    assert needle in r.json()["message"]


def test_reference_validation_error_is_json(real_client: TestClient) -> None:
    r = real_client.get("/api/reference", params={"flow": "exports", "as_of": "yesterday"})
    assert r.status_code == 422
    assert r.json()["error"] == "invalid_request" and "as_of" in r.json()["message"]


# -- the command ------------------------------------------------------------------------------
def test_serve_binds_loopback_by_default(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    import uvicorn

    from extractor.cli import main

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    assert main(["serve", "--port", "8123"]) == 0
    assert calls[-1]["host"] == "127.0.0.1" and calls[-1]["port"] == 8123
    assert "warning" not in capsys.readouterr().err
    assert main(["serve", "--host", "0.0.0.0"]) == 0
    assert "not loopback" in capsys.readouterr().err
    assert main(["serve", "--port", "70000"]) == 2


def test_serve_sets_the_number_of_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from extractor.cli import main

    apps: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: apps.append(app))
    assert main(["serve", "--workers", "3"]) == 0
    assert apps[-1].state.settings.workers == 3
    assert main(["serve"]) == 0
    assert apps[-1].state.settings.workers == WebSettings().workers
    assert main(["serve", "--workers", "0"]) == 2
    assert len(apps) == 2


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.1.2.3", True), ("::1", True), ("[::1]", True),
     ("localhost", True), ("0.0.0.0", False), ("192.168.1.4", False), ("example.org", False)],
)  # fmt: skip
def test_is_loopback(host: str, loopback: bool) -> None:
    from extractor.commands.serve import is_loopback

    assert is_loopback(host) is loopback
