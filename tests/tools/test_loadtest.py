"""The load test's page list comes from the demo data and every page is real."""

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

TOOL = Path(__file__).resolve().parents[2] / "tools" / "loadtest.py"


def load_tool():
    spec = importlib.util.spec_from_file_location("loadtest", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def every_demo_page():
    """(kind, path) of every page the load test drives, after load_demo."""
    call_command("load_demo", verbosity=0)
    site = SimpleNamespace(model=apps.get_model, reverse=reverse)
    pages = []
    for kind, find in load_tool().PAGE_KINDS:
        paths = find(site)
        assert paths, f"the demo data has no {kind} page"
        pages += [(kind, path) for path in paths]
    return pages


@pytest.mark.django_db
def test_every_kind_of_page_has_demo_pages_that_answer_200(client):
    for kind, path in every_demo_page():
        assert client.get(path, secure=True).status_code == 200, (kind, path)


def test_memory_growth_beyond_ten_percent_misses_the_bar(capsys):
    tool = load_tool()
    result = dict.fromkeys(
        ["server_errors", "not_ok", "connect", "read", "write", "timeout"], 0
    )
    result.update(requests=1000, seconds=60.0, p50=1, p90=2, p99=3, max=4)
    steady = [100_000] * 60
    growing = [100_000] * 30 + [115_000] * 30
    assert tool.report(result, steady) == 0
    assert tool.report(result, growing) == 1
    assert tool.report({**result, "server_errors": 1}, steady) == 1
    assert "MISSED" in capsys.readouterr().out
