"""Batch conversion: real documents plus broken ones, in parallel workers.

Covers the CLI (`parse DIR -o OUT`), `errors.jsonl`, resuming, `--force`, `--jsonl`, the
per-document time limit, a worker dying half-way through a write, Ctrl-C, and the library's
`parse_many` on the local engine and on a Dask LocalCluster. Faults are injected with the
worker's test hook (`$VBPL_BATCH_TEST_HOOK`, see vbpl_parser/batch/work.py).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import vbpl_parser
from vbpl_parser.batch.work import TEST_HOOK_ENV
from vbpl_parser.cli import main
from vbpl_parser.model import Document

from .conftest import FIXTURES

DOCX = FIXTURES / "docx" / "bt-qd-dieule-hhdn-duthao-textbox.docx"
TEXTS = sorted((FIXTURES / "text").glob("*.txt"))
BROKEN = {"empty.txt": "empty_document", "junk.docx": "unsupported_format", "truncated.docx": "corrupt_document"}


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """in/plans/*.txt, in/decisions/<docx>, in/broken/{empty,junk,truncated}, and non-documents."""
    root = tmp_path / "in"
    (root / "plans").mkdir(parents=True)
    (root / "decisions").mkdir()
    (root / "broken").mkdir()
    for p in TEXTS:
        shutil.copy(p, root / "plans" / p.name)
    shutil.copy(DOCX, root / "decisions" / DOCX.name)
    (root / "broken" / "empty.txt").write_bytes(b"")
    (root / "broken" / "junk.docx").write_bytes(bytes(range(256)) * 8)
    (root / "broken" / "truncated.docx").write_bytes(DOCX.read_bytes()[:4000])
    (root / "plans" / "notes.xlsx").write_bytes(b"not a document we read")  # left out: not a document name
    (root / "decisions" / "~$lock.docx").write_bytes(b"\x00owner")  # Word's lock file: left out
    return root


def good_count() -> int:
    return len(TEXTS) + 1


def outputs(out: Path) -> list[Path]:
    return sorted(p for p in out.glob("*.json"))


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def test_folder_batch_outputs_errors_jsonl_and_exit_status(archive, tmp_path, capsys):
    out, jl = tmp_path / "out", tmp_path / "all.jsonl"
    status = main(["parse", str(archive), "-o", str(out), "--jsonl", str(jl), "-j", "2"])
    assert status == 1
    docs = outputs(out)
    assert len(docs) == good_count()
    for p in docs:
        doc = Document.model_validate_json(p.read_text(encoding="utf-8"))
        assert doc.source.path and Path(doc.source.path).name + ".json" == p.name
        assert len(doc.source.sha256) == 64
    records = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {Path(r["file"]).name: r["kind"] for r in records} == BROKEN
    assert all(r["type"] and r["message"] for r in records)
    lines = jl.read_text(encoding="utf-8").splitlines()
    assert len(lines) == good_count()
    assert {Document.model_validate_json(line).source.sha256 for line in lines} == {
        json.loads(p.read_text(encoding="utf-8"))["source"]["sha256"] for p in docs}
    err = capsys.readouterr().err
    assert sum(1 for line in err.splitlines() if line.startswith("error: ")) == len(BROKEN)
    assert f"{good_count()} done, 0 skipped, 3 failed" in err
    assert "docx" in err and "txt" in err  # by format
    assert not leftovers(out) and not leftovers(tmp_path)


def test_rerun_skips_up_to_date_outputs_and_force_redoes_them(archive, tmp_path, capsys):
    out = tmp_path / "out"
    main(["parse", str(archive), "-o", str(out), "-q"])
    first = {p.name: p.stat().st_mtime_ns for p in outputs(out)}
    time.sleep(0.01)
    changed = archive / "plans" / TEXTS[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\nGhi chú thêm.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["parse", str(archive), "-o", str(out)]) == 1
    second = {p.name: p.stat().st_mtime_ns for p in outputs(out)}
    redone = {name for name in first if second[name] != first[name]}
    assert redone == {changed.name + ".json"}
    assert f"1 done, {good_count() - 1} skipped, 3 failed" in capsys.readouterr().err
    # the broken files are retried (they have no output) and recorded again
    assert len((out / "errors.jsonl").read_text(encoding="utf-8").splitlines()) == len(BROKEN)
    assert main(["parse", str(archive), "-o", str(out), "--force", "-q"]) == 1
    third = {p.name: p.stat().st_mtime_ns for p in outputs(out)}
    assert all(third[name] != second[name] for name in first)


def test_errors_file_goes_away_when_nothing_fails_any_more(archive, tmp_path):
    out = tmp_path / "out"
    assert main(["parse", str(archive), "-o", str(out), "-q"]) == 1
    shutil.rmtree(archive / "broken")
    assert main(["parse", str(archive), "-o", str(out), "-q"]) == 0
    assert not (out / "errors.jsonl").exists()


def test_inputs_sharing_a_name_get_distinct_outputs(tmp_path):
    a, b = tmp_path / "in" / "2023", tmp_path / "in" / "2024"
    a.mkdir(parents=True)
    b.mkdir()
    shutil.copy(TEXTS[0], a / "kh.txt")
    shutil.copy(TEXTS[1], b / "KH.txt")  # same name on a case-insensitive disk
    out = tmp_path / "out"
    assert main(["parse", str(tmp_path / "in"), "-o", str(out), "-q"]) == 0
    names = [p.name for p in outputs(out)]
    assert len(names) == 2 and all(n.startswith(("kh.txt.", "KH.txt.")) for n in names)
    sources = {json.loads(p.read_text(encoding="utf-8"))["source"]["path"] for p in outputs(out)}
    assert sources == {str(a / "kh.txt"), str(b / "KH.txt")}
    # the same names again on a re-run: everything is up to date
    assert main(["parse", str(tmp_path / "in"), "-o", str(out), "-q"]) == 0
    assert [p.name for p in outputs(out)] == names


def test_glob_pattern_argument(archive, tmp_path):
    out = tmp_path / "out"
    assert main(["parse", str(archive / "**" / "*.txt"), "-o", str(out), "-q"]) == 1  # empty.txt fails
    assert len(outputs(out)) == len(TEXTS)


def test_a_hanging_document_is_stopped_by_the_time_limit(archive, tmp_path, monkeypatch):
    hung = TEXTS[0].name
    monkeypatch.setenv(TEST_HOOK_ENV, f"hang:parse:{hung}")
    out = tmp_path / "out"
    started = time.monotonic()
    assert main(["parse", str(archive / "plans"), "-o", str(out), "--timeout", "2", "-j", "2", "-q"]) == 1
    assert time.monotonic() - started < 30
    records = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(Path(r["file"]).name, r["kind"], r["type"]) for r in records] == [(hung, "timeout", "ParseTimeout")]
    assert len(outputs(out)) == len(TEXTS) - 1  # the others went on (in a replacement worker too)
    assert not leftovers(out)


def test_a_worker_killed_while_writing_leaves_no_temp_file(archive, tmp_path, monkeypatch):
    victim = TEXTS[1].name
    monkeypatch.setenv(TEST_HOOK_ENV, f"die:write:{victim}")
    out = tmp_path / "out"
    assert main(["parse", str(archive / "plans"), "-o", str(out), "-j", "2", "-q"]) == 1
    assert not leftovers(out)
    records = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(Path(r["file"]).name, r["kind"]) for r in records] == [(victim, "worker_crashed")]
    assert "signal 9" in records[0]["message"]
    assert len(outputs(out)) == len(TEXTS) - 1


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_interrupted_batch_leaves_no_temp_files_and_resumes(archive, tmp_path, signum):
    """Ctrl-C (or a scheduler's SIGTERM) while one document hangs: exit 130, finished outputs
    kept, a re-run completes."""
    out = tmp_path / "out"
    env = dict(os.environ, **{TEST_HOOK_ENV: f"hang:parse:{TEXTS[-1].name}"})
    cmd = [sys.executable, "-m", "vbpl_parser.cli", "parse", str(archive / "plans"), "-o", str(out), "-j", "1"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(outputs(out)) < len(TEXTS) - 1 and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.3)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    assert len(outputs(out)) == len(TEXTS) - 1
    assert not leftovers(out)
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert f"1 done, {len(TEXTS) - 1} skipped, 0 failed" in run.stderr
    assert len(outputs(out)) == len(TEXTS)


def test_parse_many_streams_documents_and_error_records(archive):
    paths = iter(sorted(p for p in archive.rglob("*") if p.is_file() and p.suffix in (".txt", ".docx")
                        and not p.name.startswith("~$")))
    results = vbpl_parser.parse_many(paths, workers=2)
    first = next(results)  # a generator: results arrive before the rest is submitted
    got = [first, *results]
    ok = [r for r in got if r.ok]
    bad = {Path(r.path).name: r.error.kind for r in got if not r.ok}
    assert bad == BROKEN
    assert len(ok) == good_count()
    assert all(isinstance(r.document, Document) and r.document.text for r in ok)
    plan = next(r.document for r in ok if r.path.endswith("tthue-kh-24-2024.txt"))
    assert plan.metadata.symbol == "24/KH-UBND"


def test_parse_many_writes_and_skips_with_an_output_dir(archive, tmp_path):
    paths = sorted((archive / "plans").glob("*.txt"))
    first = list(vbpl_parser.parse_many(paths, workers=1, output_dir=tmp_path / "out", documents=False))
    assert {r.status for r in first} == {"done"} and all(r.document is None for r in first)
    again = list(vbpl_parser.parse_many(paths, workers=1, output_dir=tmp_path / "out"))
    assert {r.status for r in again} == {"skipped"}
    assert all(isinstance(r.document, Document) for r in again)  # read back from the outputs


def test_outputs_of_another_parser_version_are_redone(archive, tmp_path):
    """After an upgrade a resumed batch must not keep what the old parser extracted."""
    paths = sorted((archive / "plans").glob("*.txt"))[:2]
    out = tmp_path / "out"
    list(vbpl_parser.parse_many(paths, workers=1, output_dir=out, documents=False))
    old = out / (paths[0].name + ".json")
    data = json.loads(old.read_text(encoding="utf-8"))
    assert data["source"]["parser_version"] == vbpl_parser.__version__
    data["source"]["parser_version"] = "0.0.1"
    old.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    again = {Path(r.path).name: r.status for r in vbpl_parser.parse_many(paths, workers=1, output_dir=out)}
    assert again == {paths[0].name: "done", paths[1].name: "skipped"}
    assert json.loads(old.read_text(encoding="utf-8"))["source"]["parser_version"] == vbpl_parser.__version__


def test_dask_local_cluster_writes_the_same_outputs(archive, tmp_path):
    if os.environ.get("CI"):
        import distributed  # noqa: F401  CI must have the [dask] extra (scripts/bootstrap.sh)
    distributed = pytest.importorskip("distributed")
    local_out, dask_out = tmp_path / "local", tmp_path / "dask"
    assert main(["parse", str(archive), "-o", str(local_out), "-q"]) == 1
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        with distributed.Client(cluster) as client:
            got = list(vbpl_parser.parse_many(sorted((archive / "plans").glob("*.txt")), client=client))
            assert {r.status for r in got} == {"done"}
            assert all(isinstance(r.document, Document) for r in got)
            address = cluster.scheduler_address
            assert main(["parse", str(archive), "-o", str(dask_out), "--engine", "dask",
                         "--scheduler", address, "-q"]) == 1
    finally:
        cluster.close()
    assert [p.name for p in outputs(dask_out)] == [p.name for p in outputs(local_out)]
    for p in outputs(local_out):
        assert (dask_out / p.name).read_text(encoding="utf-8") == p.read_text(encoding="utf-8")
    kinds = lambda out: sorted(json.loads(x)["kind"] for x in (out / "errors.jsonl").read_text().splitlines())
    assert kinds(dask_out) == kinds(local_out) == sorted(BROKEN.values())
