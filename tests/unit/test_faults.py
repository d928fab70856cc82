"""Faults: a bad data file at start, the data file replaced while serving, a failing export.

The first two run `python -m dashboard serve` as a subprocess (on a free loopback port,
stopped by its process id); the export test calls the export callback through the app's
HTTP endpoint in this process, with the export made to fail.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.error import URLError
from urllib.request import Request, urlopen

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from dash_payloads import callback_payload, find_callback
from shell_dataset import INDICATORS, PROGRAMS, build_test_dataset

import dashboard.export.ui  # noqa: F401  (registers the export callback before the app is set up)
from dashboard.data.build import build
from dashboard.state import FilterState, to_store

REPO = Path(__file__).resolve().parents[2]
SOURCES = (
    "source,title,publisher,date,url\ntest_fixture,测试数据（非真实）,测试出版方,2020-03-23,\n"
)
# TEST DATA ONLY: two versions of a made-up dataset whose years do not overlap, so that a
# response can tell which version it came from.
VERSION_YEARS = {"A": range(1961, 1966), "B": range(1971, 1976)}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_command(data: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "dashboard", "serve", "--data", str(data), "--port", str(port)]


# ------------------------------------------------------------------ bad data at start


def _valid_file(folder: Path) -> Path:
    return build_test_dataset(folder / "valid")


def _truncated(folder: Path) -> Path:
    data = _valid_file(folder).read_bytes()
    (folder / "truncated.parquet").write_bytes(data[: len(data) // 2])
    return folder / "truncated.parquet"


def _corrupt_middle(folder: Path) -> Path:
    data = bytearray(_valid_file(folder).read_bytes())
    middle = len(data) // 2
    data[middle - 2000 : middle + 2000] = os.urandom(4000)
    (folder / "corrupt.parquet").write_bytes(bytes(data))
    return folder / "corrupt.parquet"


def _random_bytes(folder: Path) -> Path:
    (folder / "random.parquet").write_bytes(b"PAR1" + os.urandom(5000) + b"PAR1")
    return folder / "random.parquet"


def _text(folder: Path) -> Path:
    (folder / "text.parquet").write_text("indicator,area\nx,540000\n", encoding="utf-8")
    return folder / "text.parquet"


def _empty(folder: Path) -> Path:
    (folder / "empty.parquet").write_bytes(b"")
    return folder / "empty.parquet"


def _no_catalogue(folder: Path) -> Path:
    pd.DataFrame({"indicator": ["x"], "value": [1.0]}).to_parquet(folder / "plain.parquet")
    return folder / "plain.parquet"


def _damaged_catalogue(folder: Path) -> Path:
    table = pq.read_table(_valid_file(folder))
    metadata = {**(table.schema.metadata or {}), b"dashboard.catalogue": b'{"indicators": [oops'}
    pq.write_table(table.replace_schema_metadata(metadata), folder / "damaged.parquet")
    return folder / "damaged.parquet"


def _missing_column(folder: Path) -> Path:
    table = pq.read_table(_valid_file(folder))
    metadata = table.schema.metadata
    table = table.drop_columns(["value"]).replace_schema_metadata(metadata)
    pq.write_table(table, folder / "no-value.parquet")
    return folder / "no-value.parquet"


def _wrong_types(folder: Path) -> Path:
    table = pq.read_table(_valid_file(folder))
    position = table.schema.get_field_index("year")
    years = pa.array([f"year {value}" for value in table.column("year").to_pylist()])
    table = table.set_column(position, "year", years)
    pq.write_table(table, folder / "wrong-types.parquet")
    return folder / "wrong-types.parquet"


BAD_FILES = {
    "missing": lambda folder: folder / "does-not-exist.parquet",
    "directory": lambda folder: folder,
    "empty": _empty,
    "truncated": _truncated,
    "corrupt in the middle": _corrupt_middle,
    "random bytes": _random_bytes,
    "a CSV named .parquet": _text,
    "Parquet without a catalogue": _no_catalogue,
    "damaged catalogue": _damaged_catalogue,
    "a column missing": _missing_column,
    "wrong column type": _wrong_types,
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_data_file_at_start_gives_one_clear_message_and_exit_status(
    tmp_path: Path, kind: str
) -> None:
    data = BAD_FILES[kind](tmp_path)
    process = subprocess.Popen(
        serve_command(data, free_port()),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=30)  # refusing a file takes seconds
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
        pytest.fail(f"the server started on a damaged file ({kind}):\n{stdout}{stderr}")
    done = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    output = done.stdout + done.stderr
    assert done.returncode not in (0, None) and done.returncode > 0, output
    assert "Traceback" not in output, output
    message = done.stderr.strip().splitlines()
    assert message and message[0].startswith("cannot serve:"), output
    assert len(message) <= 22, output  # the message, at most 20 broken rules listed
    assert "serving on" not in output


# ------------------------------------------------------------------ file replaced while serving


def _version_raw(folder: Path, version: str) -> Path:
    """TEST DATA ONLY: a made-up dataset whose years identify the version."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "programs.csv").write_text(PROGRAMS, encoding="utf-8")
    (folder / "indicators.csv").write_text(INDICATORS, encoding="utf-8")
    (folder / "sources.csv").write_text(SOURCES, encoding="utf-8")
    rows = ["indicator,area,year,value,unit,source,quote"]
    for number, year in enumerate(VERSION_YEARS[version]):
        rows.append(f"test_returned,540000,{year},{800 + number},人,test_fixture,测试")
        rows.append(f"test_return_rate,540000,{year},{80 + number}.5,%,test_fixture,测试")
        rows.append(f"test_returned,540100,{year},{90 + number},人,test_fixture,测试")
    (folder / "observations.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def _built(folder: Path, version: str) -> Path:
    out = folder / f"version-{version}.parquet"
    problems = build(_version_raw(folder / f"raw-{version}", version), out)
    assert not problems, problems
    return out


@pytest.fixture
def served_versions(tmp_path: Path) -> Iterator[tuple[str, Path, dict[str, bytes]]]:
    versions = {name: _built(tmp_path, name).read_bytes() for name in VERSION_YEARS}
    served = tmp_path / "served" / "indicators.parquet"
    served.parent.mkdir()
    served.write_bytes(versions["A"])
    port = free_port()
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen(
        serve_command(served, port), cwd=REPO, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, (tmp_path / "server.log").read_text()
            try:
                with urlopen(url + "/", timeout=5):
                    break
            except (URLError, ConnectionError, TimeoutError):
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        yield url, served, versions
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _post(url: str, payload: dict) -> tuple[int, str]:
    request = Request(
        url + "/_dash-update-component",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urlopen(request, timeout=60) as response:
        return response.status, response.read().decode("utf-8")


def _versions_in(text: str) -> set[str]:
    years = {int(year) for year in re.findall(r"(?<!\d)(19[67]\d)(?!\d)", text)}
    return {name for name, span in VERSION_YEARS.items() if years & set(span)}


def test_every_response_comes_from_one_whole_version_while_the_file_is_replaced(
    served_versions,
) -> None:
    url, served, versions = served_versions
    with urlopen(url + "/_dash-dependencies", timeout=30) as response:
        dependencies = json.load(response)
    store = to_store(FilterState())
    payloads = [
        callback_payload(
            find_callback(dependencies, "document-meta.data"),  # render_shell (sync_state sets
            # the options too, with the values they must contain)
            {"filter-state.data": store, "url.pathname": "/data"},
            changed=["filter-state.data"],
        ),
        callback_payload(
            find_callback(dependencies, "data-row-count.children"),
            {"filter-state.data": store},
            changed=["filter-state.data"],
        ),
    ]
    results: list[tuple[int, set[str]]] = []
    failures: list[str] = []
    stop = threading.Event()

    def user(payload: dict) -> None:
        while not stop.is_set():
            try:
                status, text = _post(url, payload)
            except Exception as error:  # noqa: BLE001 - recorded and asserted on below
                failures.append(repr(error))
                continue
            results.append((status, _versions_in(text)))

    threads = [threading.Thread(target=user, args=(payloads[n % 2],)) for n in range(4)]
    for thread in threads:
        thread.start()
    try:
        for swap in range(16):  # replace the file whole, as the build does, again and again
            staged = served.with_name(f".staged-{swap}")
            staged.write_bytes(versions["B" if swap % 2 == 0 else "A"])
            os.replace(staged, served)
            time.sleep(0.4)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=90)
    assert not failures, failures[:3]
    assert results and all(status == 200 for status, _ in results)
    assert all(len(found) == 1 for _, found in results), "a response mixed two versions"
    assert {name for _, found in results for name in found} == {"A", "B"}, (
        "the server never served the replaced file"
    )


def test_data_file_deleted_while_serving_keeps_the_loaded_version(served_versions) -> None:
    url, served, _ = served_versions
    served.unlink()
    with urlopen(url + "/_dash-layout", timeout=30) as response:  # builds from the dataset
        assert response.status == 200
        assert b"filter-year" in response.read()


# ------------------------------------------------------------------ a failing export


@pytest.fixture(scope="module")
def export_client(tmp_path_factory: pytest.TempPathFactory):
    from shell_dataset import cached_test_dataset, shell_app

    from dashboard.security import install_security

    app = shell_app(cached_test_dataset(tmp_path_factory))
    install_security(app.server)
    client = app.server.test_client()
    assert client.get("/").status_code == 200
    return app, client


def _export_payload(app) -> dict:
    declaration = find_callback(app.callback_map, "export-download.data")
    return callback_payload(
        declaration,
        {
            "export-asked.data": {"button": "export-data", "time": 1},
            "url.pathname": "/dropout",
            "filter-state.data": to_store(FilterState()),
        },
        changed=["export-asked.data"],
        components={"export-status": [{"slot": "main"}]},
    )


def _still_serving(client) -> None:
    assert client.get("/dropout").status_code == 200
    assert client.get("/_dash-layout").status_code == 200


def test_failed_export_tells_that_user_and_the_server_keeps_serving(
    export_client, monkeypatch
) -> None:
    from dashboard.export import ui
    from dashboard.export.kaleido_server import ExportError

    app, client = export_client

    def fail(*_args, **_kwargs):
        raise ExportError("the disk is full")

    monkeypatch.setattr(ui, "export_page", fail)
    response = client.post("/_dash-update-component", json=_export_payload(app))
    assert response.status_code == 200
    answer = response.get_json()["response"]
    status = json.dumps(answer, ensure_ascii=False)
    assert "the disk is full" in status  # the reason, in the export status of this user
    assert answer.get("export-download", {}).get("data") is None  # no file
    _still_serving(client)


def test_export_crashing_unexpectedly_is_not_a_server_error(export_client, monkeypatch) -> None:
    from dashboard.export import ui

    app, client = export_client

    def crash(*_args, **_kwargs):
        raise RuntimeError("bug in a writer")

    monkeypatch.setattr(ui, "export_page", crash)
    response = client.post("/_dash-update-component", json=_export_payload(app))
    assert response.status_code in (200, 204)
    assert "bug in a writer" not in response.get_data(as_text=True)
    status = json.dumps(response.get_json()["response"], ensure_ascii=False)
    assert "导出失败" in status  # the user is told, not left with "nothing happened"
    _still_serving(client)


# ------------------------------------------------------------------ built file breaking the rules


def _rewritten(folder: Path, name: str, change) -> Path:
    """TEST DATA ONLY: the test dataset's built file with its rows changed by `change`."""
    source = _valid_file(folder)
    table = pq.read_table(source)
    frame = change(table.to_pandas())
    rewritten = pa.Table.from_pandas(frame, preserve_index=False)
    out = folder / f"{name}.parquet"
    pq.write_table(rewritten.replace_schema_metadata(table.schema.metadata), out)
    return out


def _two_preferred(frame: pd.DataFrame) -> pd.DataFrame:
    frame.loc[frame["indicator"] == "test_three_guarantees", "preferred"] = True
    return frame


def _percent_above(frame: pd.DataFrame) -> pd.DataFrame:
    frame.loc[frame["indicator"] == "test_return_rate", "value"] = 250.0
    return frame


def _percent_negative(frame: pd.DataFrame) -> pd.DataFrame:
    frame.loc[frame["indicator"] == "test_return_rate", "value"] = -1.0
    return frame


def _unknown_indicator(frame: pd.DataFrame) -> pd.DataFrame:
    frame["indicator"] = frame["indicator"].cat.rename_categories({"test_returned": "test_gone"})
    return frame


def _reversed_two_preferred(frame: pd.DataFrame) -> pd.DataFrame:
    return _two_preferred(frame).iloc[::-1].reset_index(drop=True)


def _text_columns_as_plain_strings(frame: pd.DataFrame) -> pd.DataFrame:
    for column in ("indicator", "area", "unit", "source", "dimension", "category"):
        frame[column] = frame[column].astype(str)
    return _two_preferred(frame)


BROKEN_CONTENT = {
    "two preferred readings of one key": (_two_preferred, "more than one preferred reading"),
    "a percentage above 100": (_percent_above, "percentage out of range for test_return_rate"),
    "a negative percentage": (_percent_negative, "percentage out of range for test_return_rate"),
    "an indicator the catalogue lacks": (_unknown_indicator, "unknown indicator"),
    "rows out of order": (_reversed_two_preferred, "more than one preferred reading"),
    "ids as plain strings": (_text_columns_as_plain_strings, "more than one preferred reading"),
}


@pytest.mark.parametrize("kind", list(BROKEN_CONTENT))
def test_a_built_file_breaking_the_contract_is_refused_naming_the_rule(
    tmp_path: Path, kind: str
) -> None:
    from dashboard.data.store import DataLoadError, Dataset

    change, rule = BROKEN_CONTENT[kind]
    path = _rewritten(tmp_path, kind.replace(" ", "-"), change)
    with pytest.raises(DataLoadError) as refused:
        Dataset.load(path)
    message = str(refused.value)
    assert "breaks the data contract" in message and rule in message, message
    assert len(message.splitlines()) <= 21  # the first line and at most 20 broken rules


def test_a_built_file_with_missing_quotes_and_notes_is_served_with_no_text(
    tmp_path: Path,
) -> None:
    from dashboard.data.store import Dataset

    def without_texts(frame: pd.DataFrame) -> pd.DataFrame:
        frame["quote"] = None
        frame["note"] = pd.Series([None, "说明"] * len(frame), dtype=object)[: len(frame)].values
        return frame

    dataset = Dataset.load(_rewritten(tmp_path, "no-texts", without_texts))
    rows = dataset.query(preferred_only=False)
    assert set(rows["quote"].astype(str)) == {""}
    assert set(rows["note"].fillna("").astype(str)) == {"", "说明"}


def test_the_first_twenty_bad_percentages_are_listed_whatever_the_chunk_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GENERATED rows: the test dataset's return rate repeated over 40 made-up years, out of
    range every other row; the load check works through the rows a chunk at a time."""
    from dashboard.data import contract
    from dashboard.data.store import Dataset

    dataset = Dataset.load(_valid_file(tmp_path))
    rate = dataset.observations[dataset.observations["indicator"] == "test_return_rate"]
    rows = pd.concat([rate.iloc[[0]]] * 40, ignore_index=True)
    rows["year"] = (1900 + rows.index).astype("int16")
    rows["value"] = [150.0 + number if number % 2 else 50.0 for number in range(40)]
    expected = [
        f"percentage out of range for test_return_rate (value: '{150 + number:g}')"
        for number in range(1, 40, 2)
    ]
    listed = {}
    for chunk in (3, 16, 1 << 20):
        monkeypatch.setattr(contract, "_CHECK_CHUNK", chunk)
        problems = contract.check_observations(rows, dataset.catalogue, "generated")
        listed[chunk] = [str(problem).split(": ", 1)[1] for problem in problems]
    assert listed[3] == listed[16] == listed[1 << 20]
    assert listed[3] == expected
