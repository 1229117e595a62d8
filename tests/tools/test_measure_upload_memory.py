"""The promise the upload memory tool measures: a 40 MP upload stays under
300 MB, and the first reader after it costs no image memory at all."""

import importlib.util
from pathlib import Path

TOOL = Path(__file__).resolve().parents[2] / "tools" / "measure_upload_memory.py"
MB = 1024  # the tool reports KiB


def load_tool():
    spec = importlib.util.spec_from_file_location("measure_upload_memory", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_40_megapixel_upload_peaks_under_300_mb_and_readers_pay_nothing():
    tool = load_tool()
    assert tool.MEGAPIXELS == 40
    # RGBA: four bytes a pixel decoded, the heaviest kind the site accepts.
    result = tool.measure("png-rgba")
    assert result["upload"]["peak_kib"] < 300 * MB, result
    view = result["view"]
    assert view["peak_kib"] - view["warm_kib"] < 20 * MB, result
    assert "/renditions/" in view["img_src"] and "2000x0" in view["img_src"]
