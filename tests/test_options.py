"""Options reach every stage explicitly: the environment is read once, at the boundary."""
from __future__ import annotations

import argparse
import time

import pytest

import vbpl_parser
from vbpl_parser.batch.plan import Handling, make_tasks, share_cores
from vbpl_parser.batch.work import Item
from vbpl_parser.cli.parse_cmd import options_from_args
from vbpl_parser.errors import DocumentTooLarge, ParseTimeout
from vbpl_parser.limits import Budget, Limits
from vbpl_parser.options import OcrOptions, Options, resolve


def test_environment_read_only_when_no_options_are_given(monkeypatch):
    monkeypatch.setenv("VBPL_MAX_INPUT_BYTES", "1K")
    monkeypatch.setenv("VBPL_OCR_LANGUAGE", "vie+Vietnamese")
    monkeypatch.setenv("VBPL_SOFFICE", "/opt/lo/soffice")
    env = resolve()
    assert env.limits.max_input_bytes == 1024 and env.ocr.language == "vie+Vietnamese"
    assert env.soffice == "/opt/lo/soffice"
    assert resolve(Options()).limits.max_input_bytes == Limits().max_input_bytes  # given: env ignored
    assert resolve(None, Limits(max_text_chars=5)).limits.max_text_chars == 5
    with pytest.raises(DocumentTooLarge):
        vbpl_parser.parse_bytes(b"x" * 2000, "big.txt")  # no options: the environment's limit
    assert vbpl_parser.parse_bytes(b"x" * 2000 + b"\n", "big.txt", options=Options()).text


def test_budget_checks_and_tool_timeouts():
    unlimited = Budget(None)
    unlimited.check()
    assert unlimited.remaining() is None and unlimited.tool_timeout(120) == 120
    short = Budget(0.05, "slow.txt")
    assert 0 < short.tool_timeout(120) <= 1.0  # cut to what is left, but at least a second
    time.sleep(0.06)
    with pytest.raises(ParseTimeout) as exc:
        short.check()
    assert exc.value.path == "slow.txt"


def test_a_run_carries_its_options_budget_and_name():
    opts = Options().with_limits(time_limit=30)
    run = opts.start("a.docx")
    assert run.limits.time_limit == 30 and run.name == "a.docx" and 29 < run.budget.remaining() <= 30
    other = run.named("b.docx")
    assert other.budget is run.budget and other.options is run.options


def test_cli_flags_become_options(monkeypatch):
    monkeypatch.delenv("VBPL_MAX_INPUT_BYTES", raising=False)
    args = argparse.Namespace(max_size="10M", limit=["pdf_max_pages=5", "time_limit=1"], timeout=42.0)
    opts = options_from_args(args)
    assert opts.limits.max_input_bytes == 10 * 2**20 and opts.limits.pdf_max_pages == 5
    assert opts.limits.time_limit == 42.0  # --timeout is the time limit
    with pytest.raises(ValueError, match="NAME=VALUE"):
        options_from_args(argparse.Namespace(max_size=None, limit=["pdf_max_pages"], timeout=1.0))


def test_batch_tasks_carry_the_options_and_share_the_cores():
    opts = Handling(timeout=33.0, options=Options(ocr=OcrOptions(language="vie")))
    task = next(make_tasks([Item("a.pdf")], opts))
    assert task.options.limits.time_limit == 33.0 and task.options.ocr.language == "vie"
    assert share_cores(Options(), workers=2, cores=2).ocr.workers == 1
    assert share_cores(Options(), workers=1, cores=4).ocr.workers == 4
    assert share_cores(Options(ocr=OcrOptions(workers=3)), 2, 2).ocr.workers == 3  # an explicit choice stays
