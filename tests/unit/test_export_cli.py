"""python -m dashboard export: files for good arguments, one clear line and exit 1 for bad ones."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from test_export_context import build_export_dataset, make_view

from dashboard.__main__ import main
from dashboard.data.store import Dataset
from dashboard.views import VIEWS


@pytest.fixture(scope="session")
def export_dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return build_export_dataset(tmp_path_factory)


@pytest.fixture
def test_page(monkeypatch: pytest.MonkeyPatch, export_dataset: Dataset) -> Path:
    """Registers the TEST view as page "export_test"; returns the test dataset's file."""
    monkeypatch.setitem(VIEWS, "export_test", lambda dataset, state: make_view(dataset, state.lang))
    return Path(export_dataset.label)


def run(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(["export", *arguments])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_csv_export_writes_the_page_rows(test_page: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "page.csv"
    code, stdout, stderr = run(
        [
            "--page",
            "export_test",
            "--format",
            "csv",
            "--lang",
            "en",
            "--data",
            str(test_page),
            "--out",
            str(out),
        ],
        capsys,
    )
    assert code == 0, stderr
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert len(rows) == 5
    assert "5 data rows" in stderr
    assert str(out) in stdout


def test_single_file_format_into_a_folder_is_named_after_the_page(
    test_page: Path, tmp_path: Path, capsys
) -> None:
    code, stdout, _ = run(
        [
            "--page",
            "export_test",
            "--format",
            "xlsx",
            "--data",
            str(test_page),
            "--out",
            str(tmp_path),
        ],
        capsys,
    )
    assert code == 0
    written = Path(stdout.strip())
    assert written.parent == tmp_path and written.name.startswith("dropout-zh-")
    assert written.suffix == ".xlsx"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--page", "nope", "--format", "csv"], "unknown page 'nope'"),
        (["--page", "export_test", "--format", "docx"], "unknown format 'docx'"),
        (["--page", "export_test"], "--format is required"),
        (["--format", "csv"], "--page is required"),
        (["--page", "export_test", "--format", "csv", "--lang", "fr"], "unknown language 'fr'"),
        (["--page", "export_test", "--format", "csv", "--area", "999999"], "area=999999"),
        (["--page", "export_test", "--format", "csv", "--area", "拉萨"], "not an area code"),
        (["--page", "export_test", "--format", "csv", "--year", "20x9"], "year=20x9"),
        (["--page", "export_test", "--format", "csv", "--year", "2001"], "no data for year"),
        (["--page", "export_test", "--format", "csv", "--colour", "red"], "unrecognised"),
    ],
)
def test_bad_arguments_exit_1_with_one_clear_line(
    arguments: list[str], message: str, test_page: Path, tmp_path: Path, capsys
) -> None:
    code, stdout, stderr = run(
        [*arguments, "--data", str(test_page), "--out", str(tmp_path / "x.csv")], capsys
    )
    assert code == 1
    assert message in stderr
    assert "Traceback" not in stderr and stdout == ""
    assert not (tmp_path / "x.csv").exists()


def test_missing_out_and_missing_data_file_exit_1(test_page: Path, tmp_path: Path, capsys) -> None:
    code, _, stderr = run(["--page", "export_test", "--format", "csv"], capsys)
    assert code == 1 and "--out is required" in stderr
    code, _, stderr = run(
        [
            "--page",
            "export_test",
            "--format",
            "csv",
            "--data",
            str(tmp_path / "none.parquet"),
            "--out",
            str(tmp_path / "x.csv"),
        ],
        capsys,
    )
    assert code == 1 and "data file not found" in stderr


def test_images_need_a_folder_not_a_file(test_page: Path, tmp_path: Path, capsys) -> None:
    existing = tmp_path / "file.png"
    existing.write_bytes(b"")
    code, _, stderr = run(
        [
            "--page",
            "export_test",
            "--format",
            "png",
            "--data",
            str(test_page),
            "--out",
            str(existing),
        ],
        capsys,
    )
    assert code == 1 and "images need a folder" in stderr
    assert existing.read_bytes() == b""


def test_file_in_a_missing_folder_is_refused(test_page: Path, tmp_path: Path, capsys) -> None:
    code, _, stderr = run(
        [
            "--page",
            "export_test",
            "--format",
            "csv",
            "--data",
            str(test_page),
            "--out",
            str(tmp_path / "missing-folder" / "x.csv"),
        ],
        capsys,
    )
    assert code == 1 and "does not exist" in stderr
