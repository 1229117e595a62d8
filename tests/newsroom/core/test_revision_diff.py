"""Word-level differences between two texts, as the compare page shows them."""

from newsroom.core.revision_diff import (
    ADDED,
    ELIDED,
    REMOVED,
    SAME,
    Segment,
    list_diff,
    word_diff,
)


def marked(segments, kind):
    return [segment.text for segment in segments if segment.kind == kind]


def test_changed_words_are_marked_on_their_side_only():
    before, after = word_diff(
        "Leica is the partner.\n\nOut in July.",
        "Leica is the optics partner.\n\nOut in August.",
    )
    assert marked(before, REMOVED) == ["July."]
    assert marked(after, ADDED) == ["optics ", "August."]
    # Put back together, each side is its text, line breaks and all.
    assert "".join(s.text for s in before) == "Leica is the partner.\n\nOut in July."
    assert "".join(s.text for s in after).endswith("partner.\n\nOut in August.")


def test_long_unchanged_stretches_are_cut_to_the_words_around_a_change():
    words = [f"word{n}" for n in range(500)]
    old = " ".join(words)
    new = " ".join([*words[:250], "NEW", *words[250:]])
    before, after = word_diff(old, new)
    assert marked(after, ADDED) == ["NEW "]
    assert [s.kind for s in after] == [ELIDED, SAME, ADDED, SAME, ELIDED]
    assert after[0].text == "[… 220 unchanged words …]"
    # The words right next to the change are kept.
    assert after[1].text.endswith("word249 ")
    assert after[3].text.startswith("word250 ")
    assert [s.kind for s in before] == [ELIDED, SAME, SAME, ELIDED]


def test_short_texts_are_shown_whole():
    before, after = word_diff("Xiaomi sets a date", "Xiaomi sets a launch date")
    assert before == [Segment(SAME, "Xiaomi sets a "), Segment(SAME, "date")]
    assert after == [
        Segment(SAME, "Xiaomi sets a "),
        Segment(ADDED, "launch "),
        Segment(SAME, "date"),
    ]


def test_lists_mark_names_dropped_and_added():
    before, after = list_diff(["Camera", "Leica"], ["Leica", "Xiaomi"])
    assert marked(before, REMOVED) == ["Camera"]
    assert marked(after, ADDED) == ["Xiaomi"]
    assert "".join(s.text for s in after) == "Leica, Xiaomi"


def test_very_long_texts_are_shown_whole_rather_than_diffed_slowly():
    old = "word " * 25_000
    new = "other " * 25_000
    before, after = word_diff(old, new)
    assert before == [Segment(REMOVED, old)]
    assert after == [Segment(ADDED, new)]
