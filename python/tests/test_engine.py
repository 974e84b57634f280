"""The Python package against the `quotemap` command: the same engine must give
the same fields and offsets, and Python callers get Python's ways (exceptions,
iterables, the GIL released, types that match the stubs)."""

import ast
import inspect
import pathlib
import threading
import time

import pytest
import quotemap

from conftest import FIXTURES, as_json, fixture_texts

TEXTS = fixture_texts()
HTML_PAGES = sorted((FIXTURES / "ingest").glob("*.html"))


def test_extract_gives_what_the_command_gives(cli):
    records = [{"id": name, "text": text} for name, text in TEXTS]
    for nested in (False, True):
        expected = cli("extract", records, *(["--nested"] if nested else []))
        assert len(expected) == len(TEXTS)
        for (name, text), line in zip(TEXTS, expected):
            assert as_json(quotemap.extract(text, nested=nested)) == line["quotes"], name
    # The sample article has quotations, speakers and a nested quotation to compare.
    assert sum(len(line["quotes"]) for line in expected) > 50


def test_offsets_are_code_points_of_the_text_given():
    text = "Für „Brücken“ \U0001F600 — “We stay,” said Anne Roux. “Still here,” said Li Wei."
    quotes = quotemap.extract(text)
    assert [q["speaker"] for q in quotes] == ["Anne Roux", "Li Wei"]
    for quote in quotes:
        assert text[quote["start"] : quote["end"]] == quote["text"]
        start, end = quote["speaker_span"]
        assert text[start:end] == quote["speaker"]


def test_analyze_gives_what_the_command_gives(cli):
    records = [{"id": name, "text": text, "published": "2019-01-30"} for name, text in TEXTS]
    expected = cli("analyze", records)
    relations = 0
    for (name, text), line in zip(TEXTS, expected):
        line.pop("id")
        analysis = quotemap.analyze(text, "2019-01-30")
        assert as_json(analysis) == line, name
        relations += len(analysis["relations"])
        for relation in analysis["relations"]:
            for evidence in relation["evidence"]:
                assert text[evidence["start"] : evidence["end"]] == evidence["text"]
    assert relations > 10


def test_parse_html_gives_what_the_command_gives(cli):
    records = [{"id": page.name, "html": page.read_text(encoding="utf-8"), "url": "https://example.org/a"} for page in HTML_PAGES]
    expected = cli("parse-html", records)
    for record, line in zip(records, expected):
        line.pop("id")
        assert quotemap.parse_html(record["html"], url=record["url"]) == line, record["id"]
    assert any(line["title"] for line in expected)


def test_refused_input_raises_the_commands_message(cli):
    (line,) = cli("analyze", [{"id": 1, "text": "Hello.", "published": "last spring"}])
    with pytest.raises(quotemap.QuotemapError) as raised:
        quotemap.analyze("Hello.", published="last spring")
    assert isinstance(raised.value, ValueError)
    assert line["error"] == f"line 1: {raised.value}"
    deep = "<div>" * 20000 + "text" + "</div>" * 20000
    (line,) = cli("parse-html", [{"id": 1, "html": deep}])
    with pytest.raises(quotemap.QuotemapError) as raised:
        quotemap.parse_html(deep)
    assert line["error"] == f"line 1: {raised.value}"


def test_wrong_types_name_the_argument_and_position():
    with pytest.raises(TypeError, match="not one str"):
        quotemap.extract_batch("one text")
    with pytest.raises(TypeError, match=r"texts\[1\]: expected str, not NoneType"):
        quotemap.extract_batch(["a", None])
    with pytest.raises(TypeError, match=r"published\[0\]: expected str or None, not int"):
        quotemap.analyze_batch(["a"], published=[2019])
    with pytest.raises(ValueError, match="2 dates for 1 texts"):
        quotemap.analyze_batch(["a"], published=["2019-01-01", None])
    with pytest.raises(quotemap.QuotemapError, match=r"texts\[1\]: published"):
        quotemap.analyze_batch(["a", "b"], published=[None, "soon"])
    with pytest.raises(TypeError):
        quotemap.extract(None)


def test_batches_give_one_result_per_text_in_order():
    texts = [text for _, text in TEXTS] * 3
    assert quotemap.extract_batch(texts) == [quotemap.extract(text) for text in texts]
    assert quotemap.extract_batch(iter(texts[:5]), nested=True) == [quotemap.extract(t, nested=True) for t in texts[:5]]
    dates = ["2019-01-30", None] * (len(texts) // 2) + [None] * (len(texts) % 2)
    assert quotemap.analyze_batch(texts, dates) == [quotemap.analyze(t, d) for t, d in zip(texts, dates)]
    assert quotemap.extract_batch([]) == [] and quotemap.analyze_batch(()) == []


def test_the_engine_runs_without_the_gil():
    """While a long batch runs in one thread, Python code runs in another."""
    texts = [text for _, text in TEXTS]
    started = time.perf_counter()
    quotemap.extract_batch(texts)
    # Enough texts for the batch to take about a second on this machine.
    texts *= max(1, round(1.0 / max(time.perf_counter() - started, 1e-3)))
    worker = threading.Thread(target=quotemap.extract_batch, args=(texts,))
    worker.start()
    time.sleep(0.1)  # the worker is inside the engine by now
    steps_while_running = 0
    while worker.is_alive():
        steps_while_running += 1
        time.sleep(0)
    worker.join()
    # With the GIL held this thread could not run until the batch was over.
    assert steps_while_running > 100


def test_stubs_match_the_module():
    """Every public name has a stub, with the same parameters, and a docstring."""
    stubs = ast.parse((pathlib.Path(quotemap.__file__).parent / "_native.pyi").read_text())
    stubbed = {node.name: node for node in stubs.body if isinstance(node, ast.FunctionDef)}
    for name in quotemap.__all__:
        member = getattr(quotemap, name)
        if not callable(member) or isinstance(member, type):
            continue
        assert name in stubbed, name
        assert member.__doc__ and len(member.__doc__) > 40, name
        stub = stubbed[name].args
        stub_parameters = [a.arg for a in stub.posonlyargs + stub.args + stub.kwonlyargs]
        assert list(inspect.signature(member).parameters) == stub_parameters, name
    assert quotemap.__version__ and quotemap.ENGINE_VERSION
