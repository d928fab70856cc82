"""The attack run's verdict and how it reads an upload's answer (benchmarks/attack.py).

No server is started here: the run itself is `python -m benchmarks.attack`.
"""

from __future__ import annotations

import copy
import json

from benchmarks.attack import markdown, upload_outcome, verdict


def _passed() -> dict:
    return {
        "command": "python -m benchmarks.attack --seconds 60",
        "date": "2026-12-03 02:50 UTC",
        "seconds": 60,
        "workers": 2,
        "cpus": 2,
        "data_file": "data/indicators.parquet",
        "load_before": [2.0, 2.0, 2.0],
        "load_after": [3.0, 2.0, 2.0],
        "users": {
            "users": 50,
            "total": {"requests": 900, "failures": 0, "median_ms": 300, "p95_ms": 2000},
        },
        "slow_clients": {
            **dict(idle=50, slow_headers=20, slow_bodies=20, slow_readers=20),
            **dict(answered=60, failed=0, median_s=0.2, p95_s=1.0, attacker_cut_off=300),
        },
        "uploads": [
            {
                "case": "wide CSV",
                "bytes": 1024,
                "sent_at_s": 3.0,
                "answered_in_s": 0.5,
                "outcome": "refused",
                "expected": "refused",
                "ok": True,
                "message": "wide.csv: 20,006 columns, more than the 100 a table may have",
            }
        ],
        "fault": {
            "all_200_during_fault": True,
            "notice_during_fault": True,
            "last_good_data_during_fault": True,
            "notice_after_restore": False,
            "probes_during_fault": 10,
        },
        "server": {"peak_rss_mib": 700, "tracebacks": 0, "refused_lines": 2, "alive_at_end": True},
    }


def test_a_clean_run_passes() -> None:
    results = _passed()
    assert verdict(results) == []
    results["reasons"], results["passed"] = [], True
    assert markdown(results).startswith("# The attack run: PASSED")


def test_one_failed_user_request_fails_the_run() -> None:
    results = _passed()
    results["users"]["total"]["failures"] = 1
    assert verdict(results) == ["1 user requests failed"]
    results["reasons"], results["passed"] = verdict(results), False
    text = markdown(results)
    assert text.startswith("# The attack run: FAILED") and "1 user requests failed" in text


def test_an_accepted_hostile_upload_or_a_missing_notice_fails_the_run() -> None:
    results = _passed()
    results["uploads"][0] |= {"outcome": "accepted", "ok": False}
    results["fault"]["notice_during_fault"] = False
    reasons = verdict(results)
    assert any("upload wide CSV: accepted, not refused" in reason for reason in reasons)
    assert any("notice during fault" in reason for reason in reasons)


def test_a_run_that_measured_nothing_does_not_pass() -> None:
    empty = copy.deepcopy(_passed())
    empty["users"]["total"] = None
    empty["uploads"], empty["fault"], empty["slow_clients"] = [], {}, {}
    assert len(verdict(empty)) >= 4


def test_an_upload_answer_is_read_as_refused_with_its_problem_or_as_an_error() -> None:
    def strong(text: str) -> dict:
        return {"type": "Strong", "namespace": "dash_html_components", "props": {"children": text}}

    body = {
        "type": "Tbody",
        "namespace": "dash_html_components",
        "props": {"children": [strong("row 1"), strong("20,006 columns, more than 100")]},
    }
    report = {
        "props": {"className": "upload-report-bad", "children": [strong("wide.csv: 1 problem")]}
    }
    answer = {"response": {"upload-report": {"children": [report, body]}}}
    outcome, message = upload_outcome(200, json.dumps(answer))
    assert outcome == "refused"
    assert message == "wide.csv: 1 problem / row 1 / 20,006 columns, more than 100"
    assert (
        "(5,000 characters)"
        in upload_outcome(200, json.dumps(answer).replace("row 1", "X" * 5000))[1]
    )
    assert "dash_html_components" not in message
    assert upload_outcome(500, "Internal Server Error")[0] == "HTTP 500"
    assert upload_outcome(413, "Request Entity Too Large")[0] == "413"
