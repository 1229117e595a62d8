"""The benchmark's pages exist in its data, and its table says what it measured."""

import importlib.util
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

TOOLS = Path(__file__).resolve().parents[2] / "tools"


def load_tool():
    sys.path.insert(0, str(TOOLS))
    spec = importlib.util.spec_from_file_location("bench", TOOLS / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db
def test_every_page_it_drives_answers_in_its_own_data():
    call_command(
        "make_bench_data", stories=45, devices=4, events=2, processes=1, verbosity=0
    )
    pages = load_tool().find_pages()
    assert set(pages) == set(load_tool().PAGES)
    for name, path in pages.items():
        response = Client().get(path)
        assert response.status_code == 200, (name, path)
    # The story page is the one with four embeds, all filled in.
    assert b"embed-placeholder" not in Client().get(pages["story"]).content


def test_arguments_default_to_the_documented_run():
    args = load_tool().parse_args([])
    assert (args.stories, args.compare, args.rounds) == (100_000, None, 6)
    assert args.connections == 8


def test_arguments_out_of_range_are_refused(capsys):
    with pytest.raises(SystemExit):
        load_tool().parse_args(["--rounds", "0"])
    assert "at least 1" in capsys.readouterr().err


def result(rps):
    return {"rps": rps, "p50": 2000, "p99": 9000, "not_ok": 0, "errors": 0}


def test_table_gives_ratios_to_the_floor_and_across_sizes():
    bench = load_tool()
    # Two rounds; the big archive's story is half as fast as the small one's.
    results = {
        big: {
            "story cold": [result(100 / factor), result(50 / factor)],
            "floor": [result(400), result(200)],
            "static": [result(1000), result(500)],
        }
        for big, factor in ((100_000, 2), (1_000, 1))
    }
    described = {size: {"story": {"queries": 13}} for size in (100_000, 1_000)}
    summary = bench.summarise(
        results, {100_000: 90.0, 1_000: 80.0}, described, [100_000, 1_000]
    )
    story = summary[100_000]["rows"]["story cold"]
    assert story["to_floor"] == pytest.approx(0.125)
    assert story["cost_vs_1000"] == pytest.approx(2.0)
    assert summary[1_000]["rows"]["story cold"]["to_static"] == pytest.approx(0.1)
    table = bench.table(summary, [100_000, 1_000])
    assert "100000 stories (largest worker RSS 90 MiB)" in table
    assert "cost vs 1000" in table
    assert "2.00×" in table


def test_a_warm_page_is_also_measured_against_static_bytes_of_its_own_size():
    bench = load_tool()
    # The feed is ten times the story's size: the story-size static file is
    # five times as fast as the feed's own-size one.
    results = {
        1_000: {
            "feed warm": [result(450)],
            "floor": [result(500)],
            "static": [result(1000)],
            "same-size static feed": [result(200)],
        }
    }
    summary = bench.summarise(results, {1_000: 80.0}, {1_000: {}}, [1_000])
    rows = summary[1_000]["rows"]
    assert rows["feed warm"]["to_static"] == pytest.approx(0.45)
    assert rows["feed warm"]["to_same_size_static"] == pytest.approx(2.25)
    # The own-size static files are references, not rows of their own.
    assert "same-size static feed" not in rows
    assert "×same" in bench.table(summary, [1_000])
