"""The attack run (issue 16): every attack at once against one served instance, on loopback.

    python -m benchmarks.attack [--seconds 60] [--workers 2] [--recapture]

Starts `python -m dashboard serve --workers 2` on a free 127.0.0.1 port with a COPY of the
data file (the real file is never written) and a temporary upload folder. Headless Chromium
records what a browser sends on each page (benchmarks/generated/captured_payloads.json,
reused when present unless --recapture). Then, for `--seconds`, all at the same time:

- users: 50 locust users (benchmarks/locustfile.py, as benchmarks/load.py runs them) opening
  pages, changing filters and exporting;
- slow clients: silent, slow-header, slow-body and slow-reader connections with normal
  requests timed among them (benchmarks/slow_clients.py);
- hostile uploads through the upload page's callback (the POST that dcc.Upload makes): a
  20,000-column CSV, an XLSX bomb, a shared-string workbook, values of 1e29 and inf, a file
  over the upload limit and a request over the server's body limit; each must be refused
  (a report of problems, or 413) and none may answer 5xx;
- a fault: at 40% of the run the served copy is overwritten in place with garbage, at 70% a
  good copy is renamed over it; meanwhile pages, the layout and a data callback are probed
  once a second: each must answer 200 with the last good data and the notice.

Records the users' requests, failures, median/p95; the refusals with their messages and
times; the server's peak RSS (all processes); the notice; the load average before and after.
Writes benchmarks/results/attack.json and attack.md; exit 0 when the run passed.
"""

from __future__ import annotations

import argparse
import base64
import csv
import datetime
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from benchmarks.run import LOG_DIR, RESULTS_DIR
from benchmarks.server import HOST, REPO, Server, running_server

sys.path.insert(0, str(REPO / "tests" / "unit"))  # hostile_files, dash_payloads (test helpers)

CALLBACK = "/_dash-update-component"
PROBE_PATHS = ("/", "/_dash-layout", "/dropout", "/data", "/sources", "/upload")
NOTICE_EN = "could not be refreshed"
REFUSED_LINE = "data file not loaded"
FAULT_AT, RESTORE_AT = 0.4, 0.7  # shares of the run
MIB = 2**20


# ------------------------------------------------------------------ HTTP


def say(text: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {text}", file=sys.stderr, flush=True)


def _request(url: str, body: bytes | None = None, timeout: float = 120) -> tuple[int, str]:
    """(status, text) of one request; an HTTP error keeps its status."""
    headers = {"Content-Type": "application/json"} if body is not None else {}
    request = urllib.request.Request(url, data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def _post(base: str, payload: dict, timeout: float = 120) -> tuple[int, str]:
    return _request(base + CALLBACK, json.dumps(payload).encode(), timeout)


def texts(node: Any) -> list[str]:
    """The text a person sees in a callback answer's components (their children), in order."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [text for item in node for text in texts(item)]
    if isinstance(node, dict):
        if "props" in node:
            return texts(node["props"].get("children"))
        return [text for value in node.values() for text in texts(value)]
    return []


def find_component(node: Any, kind: str) -> Any:
    """The first component of this type (html.Tbody: "Tbody") in a callback answer, or None."""
    if isinstance(node, list):
        return next((x for x in (find_component(item, kind) for item in node) if x), None)
    if isinstance(node, dict):
        if node.get("type") == kind:
            return node
        return next((x for x in (find_component(v, kind) for v in node.values()) if x), None)
    return None


def post_upload(base: str, body: bytes, timeout: float = 180) -> tuple[int, str]:
    """POST a large callback body; a server that answers (413) before it has read the whole
    body and then closes the connection still has its answer read."""
    connection = http.client.HTTPConnection(HOST, urlsplit(base).port, timeout=timeout)
    try:
        connection.putrequest("POST", CALLBACK)
        connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", str(len(body)))
        connection.endheaders()
        try:
            for start in range(0, len(body), 1 << 20):
                connection.send(body[start : start + (1 << 20)])
        except (BrokenPipeError, ConnectionResetError):
            pass  # the answer may already be there
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


# ------------------------------------------------------------------ hostile uploads


def hostile_files(folder: Path, data_file: Path) -> dict[str, tuple[Path, str]]:
    """{case: (file, expected outcome)}; outcome "refused" (a report of problems) or "413"."""
    import hostile_files as files
    import pandas as pd

    real = pd.read_parquet(data_file).query("unit == '元'").iloc[0]
    row = [str(real[column]) for column in files.HEADER]  # a reading the served data knows

    def number_file(name: str, value: str) -> Path:
        return files.number_csv(folder / name, value, row)

    def padded(name: str, megabytes: float) -> Path:
        path = folder / name
        path.write_bytes(",".join(files.HEADER).encode() + b"\n" + b" " * int(megabytes * MIB))
        return path

    return {
        "wide CSV, 20,000 columns": (files.wide_csv(folder / "wide.csv"), "refused"),
        "XLSX bomb, 1,000,000 rows": (files.bomb_xlsx(folder / "bomb.xlsx"), "refused"),
        "XLSX, 5,000 cells -> one 100 KB shared string": (
            files.amplified_xlsx(folder / "amp.xlsx"),
            "refused",
        ),
        "CSV, value 1e29": (number_file("e29.csv", "1" + "0" * 29), "refused"),
        "CSV, value overflowing to inf": (number_file("inf.csv", "1" + "0" * 400), "refused"),
        "CSV over the upload limit (21 MB)": (padded("big.csv", 21), "refused"),
        "request over the body limit (25 MB)": (padded("huge.csv", 25), "413"),
    }


def upload_payload(declaration: dict, path: Path) -> dict:
    """What the browser POSTs when dcc.Upload hands over a file (the page in English)."""
    from dash_payloads import callback_payload

    from dashboard.state import FilterState, to_store

    kind = "text/csv" if path.suffix == ".csv" else "application/octet-stream"
    contents = f"data:{kind};base64," + base64.b64encode(path.read_bytes()).decode("ascii")
    return callback_payload(
        declaration,
        {
            "upload-file.contents": contents,
            "upload-file.filename": path.name,
            "filter-state.data": to_store(FilterState(lang="en")),
        },
        changed=["upload-file.contents"],
    )


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"


def upload_outcome(status: int, text: str) -> tuple[str, str]:
    """("refused" | "accepted" | "413" | "HTTP n", message) of one upload callback answer."""
    if status != 200:
        return ("413" if status == 413 else f"HTTP {status}"), text[:200]
    try:
        answer = json.loads(text).get("response", {})
    except ValueError:
        return "unreadable answer", text[:200]
    every = texts(answer)
    problems = texts(find_component(answer, "Tbody"))  # the table of problems, if any
    parts = [*every[:1], *problems] if problems else every
    words = " / ".join(_short(part) for part in parts if part.strip())
    if "upload-report-bad" in text:
        return "refused", words[:300]
    if "upload-report-ok" in text:
        return "accepted", words[:300]
    return "no report", words[:300]


def one_upload(base: str, declaration: dict, case: str, path: Path, expected: str, started: float):
    sent = time.monotonic()
    try:
        body = json.dumps(upload_payload(declaration, path)).encode()
        status, text = post_upload(base, body)
        outcome, message = upload_outcome(status, text)
        answer_bytes = len(text.encode())
    except OSError as error:
        status, outcome, message = 0, "no answer", f"{type(error).__name__}: {error}"
        answer_bytes = 0
    return {
        "case": case,
        "bytes": path.stat().st_size,
        "sent_at_s": round(sent - started, 1),
        "answered_in_s": round(time.monotonic() - sent, 2),
        "status": status,
        "answer_bytes": answer_bytes,
        "outcome": outcome,
        "expected": expected,
        "ok": outcome == expected,
        "message": message[:400],
    }


def run_uploads(base: str, declaration: dict, cases: dict, started: float, seconds: float):
    """Each hostile file at its own time over the first 80% of the run, without waiting for
    the answers to the earlier ones (a slow refusal does not delay the next upload)."""
    spacing = 0.8 * seconds / max(len(cases), 1)
    results: dict[str, dict] = {}
    threads = []
    for number, (case, (path, expected)) in enumerate(cases.items()):
        wait = started + 0.05 * seconds + number * spacing - time.monotonic()
        if wait > 0:
            time.sleep(wait)

        def send(case=case, path=path, expected=expected) -> None:
            results[case] = one_upload(base, declaration, case, path, expected, started)

        thread = threading.Thread(target=send, daemon=True)
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join(timeout=240)
    return [
        results.get(case)
        or {
            "case": case,
            "outcome": "no answer in 240 s",
            "expected": expected,
            "ok": False,
            "message": "",
            "bytes": path.stat().st_size,
            "sent_at_s": None,
            "answered_in_s": None,
            "status": 0,
        }
        for case, (path, expected) in cases.items()
    ]


# ------------------------------------------------------------------ the fault


def _garbage(path: Path) -> None:
    """Written in place, as a half-finished copy would leave it (no rename)."""
    path.write_bytes(b"PAR1" + os.urandom(3000))


def _restore(good: bytes, path: Path) -> None:
    staged = path.with_name(path.name + ".staged")
    staged.write_bytes(good)
    os.replace(staged, path)


class Prober:
    """Pages, the layout, a data callback and the notice, asked once; what each answered."""

    def __init__(self, base: str, dependencies: list[dict]) -> None:
        from dash_payloads import callback_payload, find_callback

        from dashboard.state import FilterState, to_store

        self.base = base
        self.notice = callback_payload(
            find_callback(dependencies, "data-refresh-notice.children"),
            {"url.pathname": "/", "url.search": "?lang=en"},
            changed=["url.pathname"],
        )
        self.data = callback_payload(
            find_callback(dependencies, "document-meta.data"),
            {"filter-state.data": to_store(FilterState()), "url.pathname": "/"},
            changed=["filter-state.data"],
        )

    def data_answer(self) -> str:
        return _post(self.base, self.data, timeout=60)[1]

    def probe(self) -> dict:
        statuses = {path: _request(self.base + path, timeout=60)[0] for path in PROBE_PATHS}
        status, text = _post(self.base, self.notice, timeout=60)
        statuses["notice callback"] = status
        data_status, data = _post(self.base, self.data, timeout=60)
        statuses["data callback"] = data_status
        return {"statuses": statuses, "notice": NOTICE_EN in text, "data": data}


def run_fault(
    prober: Prober, served: Path, good: bytes, started: float, seconds: float, stop: threading.Event
) -> dict:
    """Damage the served copy, probe once a second, restore it, probe again."""
    good_data = prober.data_answer()
    before = prober.probe()
    result: dict[str, Any] = {"notice_before": before["notice"], "probes": []}
    time.sleep(max(0.0, started + FAULT_AT * seconds - time.monotonic()))
    _garbage(served)
    result["damaged_at_s"] = round(time.monotonic() - started, 1)
    while not stop.is_set() and (
        len(result["probes"]) < 2 or time.monotonic() < started + RESTORE_AT * seconds
    ):
        at = time.monotonic()
        try:
            answer = prober.probe()
            result["probes"].append(
                {
                    "at_s": round(at - started, 1),
                    "statuses": answer["statuses"],
                    "notice": answer["notice"],
                    "last_good_data": answer["data"] == good_data,
                }
            )
        except OSError as error:
            result["probes"].append({"at_s": round(at - started, 1), "error": str(error)})
        time.sleep(max(0.0, at + 1.0 - time.monotonic()))
    _restore(good, served)
    result["restored_at_s"] = round(time.monotonic() - started, 1)
    after = prober.probe()
    result["notice_after_restore"] = after["notice"]
    result["data_after_restore_same"] = after["data"] == good_data
    probes = result["probes"]
    result["probes_during_fault"] = len(probes)
    result["all_200_during_fault"] = bool(probes) and all(
        "error" not in probe and set(probe["statuses"].values()) == {200} for probe in probes
    )
    result["notice_during_fault"] = bool(probes) and all(p.get("notice") for p in probes)
    result["last_good_data_during_fault"] = bool(probes) and all(
        p.get("last_good_data") for p in probes
    )
    return result


# ------------------------------------------------------------------ users, memory


def locust_failures(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [
        {"name": row["Name"], "error": row["Error"][:200], "count": int(row["Occurrences"])}
        for row in csv.DictReader(path.open(encoding="utf-8"))
    ]


class MemorySampler(threading.Thread):
    """The server's resident memory (master and workers together), every half second."""

    def __init__(self, server: Server, stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.server, self.stop = server, stop
        self.peak = 0

    def run(self) -> None:
        while not self.stop.wait(0.5):
            try:
                self.peak = max(self.peak, self.server.tree_rss_bytes())
            except (OSError, ValueError):  # a process gone between two reads
                continue


# ------------------------------------------------------------------ the verdict


def verdict(results: dict) -> list[str]:
    """Why the run failed; empty when it passed."""
    reasons = []
    users = (results.get("users") or {}).get("total") or {}
    if not users.get("requests"):
        reasons.append("the users made no requests")
    if users.get("failures"):
        reasons.append(f"{users['failures']} user requests failed")
    slow = results.get("slow_clients") or {}
    if slow.get("failed") or not slow.get("answered"):
        reasons.append(f"normal requests among slow clients: {slow.get('failed')} failed")
    for upload in results.get("uploads") or []:
        if not upload["ok"]:
            reasons.append(
                f"upload {upload['case']}: {upload['outcome']}, not {upload['expected']}"
            )
    if not results.get("uploads"):
        reasons.append("no uploads were made")
    fault = results.get("fault") or {}
    for key in ("all_200_during_fault", "notice_during_fault", "last_good_data_during_fault"):
        if not fault.get(key):
            reasons.append(f"fault: {key.replace('_', ' ')} is false")
    if fault.get("notice_after_restore"):
        reasons.append("fault: the notice stayed after the good file was restored")
    server = results.get("server") or {}
    if server.get("tracebacks"):
        reasons.append(f"{server['tracebacks']} tracebacks in the server log")
    if not server.get("alive_at_end"):
        reasons.append("the server was not running at the end")
    return reasons


def markdown(results: dict) -> str:
    users = results["users"]["total"] or {}
    slow = results["slow_clients"]
    fault = results["fault"]
    lines = [
        f"# The attack run: {'PASSED' if results['passed'] else 'FAILED'}",
        "",
        f"`{results['command']}`, {results['date']}, {results['seconds']} s, "
        f"`serve --workers {results['workers']}` on 127.0.0.1, a copy of "
        f"`{results['data_file']}`. Load average (1/5/15 min) before "
        f"{results['load_before']}, after {results['load_after']} on "
        f"{results['cpus']} cores: the figures were taken on a shared machine under that load.",
        "",
        "| part | outcome |",
        "|---|---|",
        f"| {results['users']['users']} users | {users.get('requests')} requests, "
        f"{users.get('failures')} failed, median {users.get('median_ms')} ms, "
        f"p95 {users.get('p95_ms')} ms |",
        f"| slow clients ({slow['idle']} silent, {slow['slow_headers']} slow headers, "
        f"{slow['slow_bodies']} slow bodies, {slow['slow_readers']} slow readers) | "
        f"normal requests {slow['answered']} answered, {slow['failed']} failed, median "
        f"{slow['median_s']} s, p95 {slow['p95_s']} s; attackers cut off "
        f"{slow['attacker_cut_off']} times |",
        f"| fault (garbage at {fault.get('damaged_at_s')} s, restored at "
        f"{fault.get('restored_at_s')} s) | {fault.get('probes_during_fault')} probes: all 200 "
        f"{fault.get('all_200_during_fault')}, notice {fault.get('notice_during_fault')}, last "
        f"good data {fault.get('last_good_data_during_fault')}; notice after restore "
        f"{fault.get('notice_after_restore')} |",
        f"| server | peak RSS {results['server']['peak_rss_mib']} MiB (all processes), "
        f"{results['server']['tracebacks']} tracebacks, {results['server']['refused_lines']} "
        f"'{REFUSED_LINE}' log lines |",
        "",
        "| upload | size | sent at | answered in | outcome | message |",
        "|---|---|---|---|---|---|",
    ]
    for upload in results["uploads"]:
        message = upload["message"].replace("|", "/").replace("\n", " ")[:400]
        lines.append(
            f"| {upload['case']} | {upload['bytes'] / 1024:,.0f} KB | {upload['sent_at_s']} s | "
            f"{upload['answered_in_s']} s | {upload['outcome']} | {message} |"
        )
    if results["reasons"]:
        lines += ["", "Failed because:", *(f"- {reason}" for reason in results["reasons"])]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ the run


def captured_payloads(server: Server, data_file: Path, recapture: bool) -> Path:
    from benchmarks.browser import capture_all
    from benchmarks.run import (
        CAPTURED_FILE,
        EXPORT_CLICKS,
        filter_values,
        first_changes,
        page_paths,
    )
    from dashboard.data.store import Dataset

    if CAPTURED_FILE.exists() and not recapture:
        return CAPTURED_FILE
    values = filter_values(Dataset.load(data_file))
    captured = capture_all(server.url, page_paths(), first_changes(values), clicks=EXPORT_CLICKS)
    CAPTURED_FILE.parent.mkdir(parents=True, exist_ok=True)
    CAPTURED_FILE.write_text(json.dumps(captured), encoding="utf-8")
    return CAPTURED_FILE


def attack(arguments: argparse.Namespace, work: Path) -> dict:
    from dash_payloads import find_callback

    from benchmarks.load import locust_command, parse_stats
    from benchmarks.run import filter_values
    from benchmarks.slow_clients import Attack, run_attack
    from dashboard.data.store import Dataset

    seconds = arguments.seconds
    served = work / "served.parquet"
    shutil.copyfile(arguments.data, served)
    good = served.read_bytes()
    say("generating the hostile files")
    cases = hostile_files(work, served)
    uploads_dir = work / "uploads"
    uploads_dir.mkdir()
    log = work / "server.log"
    results: dict[str, Any] = {"load_before": [round(x, 2) for x in os.getloadavg()]}
    env = {"DASHBOARD_UPLOADS": str(uploads_dir)}
    with running_server(served, log, workers=arguments.workers, extra_env=env) as server:
        say(f"server on {server.url} after {server.started_seconds:.1f} s")
        captured = captured_payloads(server, served, arguments.recapture)
        dependencies = json.loads(_request(server.url + "/_dash-dependencies")[1])
        upload_callback = find_callback(dependencies, "upload-report.children")
        prober = Prober(server.url, dependencies)
        stop = threading.Event()
        sampler = MemorySampler(server, stop)
        sampler.start()
        outputs: dict[str, Any] = {}

        def keep(name: str, action) -> threading.Thread:
            def run() -> None:
                try:
                    outputs[name] = action()
                except Exception as error:  # noqa: BLE001 - recorded, the run goes on
                    outputs[name] = {"error": f"{type(error).__name__}: {error}"}

            thread = threading.Thread(target=run, daemon=True)
            thread.start()
            return thread

        prefix = work / "locust" / "stats"
        prefix.parent.mkdir()
        values = filter_values(Dataset.load(served))
        locust_env = {
            **os.environ,
            "BENCH_CAPTURED": str(captured),
            "BENCH_VALUES": json.dumps(values),
        }
        say(f"attack for {seconds} s")
        started = time.monotonic()
        locust_log = (work / "locust.log").open("w")
        locust = subprocess.Popen(
            locust_command(arguments.locust_python, server.url, arguments.users, seconds, prefix),
            cwd=REPO,
            env=locust_env,
            stdout=locust_log,
            stderr=subprocess.STDOUT,
        )
        slow_attack = Attack(
            idle=arguments.idle,
            slow_headers=arguments.slow,
            slow_bodies=arguments.slow,
            slow_readers=arguments.slow,
            seconds=seconds,
            requests=seconds,
        )
        threads = [
            keep("slow", lambda: run_attack(server.port, slow_attack).summary()),
            keep(
                "uploads", lambda: run_uploads(server.url, upload_callback, cases, started, seconds)
            ),
            keep("fault", lambda: run_fault(prober, served, good, started, seconds, stop)),
        ]
        try:
            locust.wait(timeout=seconds + 90)
        except subprocess.TimeoutExpired:
            locust.kill()
            locust.wait()
        locust_log.close()
        say("users done")
        for thread in threads:
            thread.join(timeout=240)
        say("attack done")
        stop.set()
        sampler.join(timeout=5)
        results["run_s"] = round(time.monotonic() - started, 1)
        results["server"] = {
            "peak_rss_mib": round(sampler.peak / MIB, 1),
            "rss_at_end_mib": round(server.tree_rss_bytes() / MIB, 1),
            "alive_at_end": server.process.poll() is None and _request(server.url + "/")[0] == 200,
        }
    results["load_after"] = [round(x, 2) for x in os.getloadavg()]
    text = log.read_text(encoding="utf-8", errors="replace")
    results["server"]["tracebacks"] = text.count("Traceback")
    results["server"]["refused_lines"] = text.count(REFUSED_LINE)
    results["server"]["log_tail"] = text.splitlines()[-15:]
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(log, LOG_DIR / "attack-server.log")
    shutil.copyfile(work / "locust.log", LOG_DIR / "attack-locust.log")
    results["users"] = {
        **parse_stats(prefix.with_name("stats_stats.csv")),
        "users": arguments.users,
        "failure_messages": locust_failures(prefix.with_name("stats_failures.csv")),
    }
    results["slow_clients"] = outputs.get("slow", {})
    results["uploads"] = outputs.get("uploads", [])
    results["fault"] = outputs.get("fault", {})
    results["stored_uploads"] = sorted(p.name for p in uploads_dir.rglob("*") if p.is_file())
    return results


def main(argv: list[str] | None = None) -> int:
    from dashboard import config

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--idle", type=int, default=50, help="silent connections")
    parser.add_argument("--slow", type=int, default=20, help="each of headers, bodies, readers")
    parser.add_argument("--data", type=Path, default=config.DATA_FILE)
    parser.add_argument("--recapture", action="store_true", help="record the pages again")
    parser.add_argument(
        "--locust-python",
        default=os.environ.get("BENCH_LOCUST_PYTHON", sys.executable),
        help="a Python with locust installed (the `bench` extra), if not this one",
    )
    parser.add_argument("--out", type=Path, default=RESULTS_DIR / "attack")
    arguments = parser.parse_args(argv)
    arguments.seconds = max(10, min(arguments.seconds, 60))  # slow_clients stops at 60 s
    check = [arguments.locust_python, "-c", "import locust"]
    if subprocess.run(check, capture_output=True, check=False).returncode != 0:
        parser.error("locust is not installed: pip install -e '.[bench]' or --locust-python")
    with tempfile.TemporaryDirectory(prefix="attack-") as temporary:
        results = {
            "command": "python -m benchmarks.attack " + " ".join(argv or sys.argv[1:]),
            "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "seconds": arguments.seconds,
            "workers": arguments.workers,
            "cpus": os.cpu_count(),
            "data_file": os.path.relpath(arguments.data, REPO),
            **attack(arguments, Path(temporary)),
        }
    results["reasons"] = verdict(results)
    results["passed"] = not results["reasons"]
    arguments.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, indent=1, ensure_ascii=False) + "\n"
    arguments.out.with_suffix(".json").write_text(text, encoding="utf-8")
    summary = markdown(results)
    arguments.out.with_suffix(".md").write_text(summary, encoding="utf-8")
    print(summary)
    return 0 if results["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
