from infer.extraction.quotes import find_quotes, paragraphs


def texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_curly_straight_and_single_quotes():
    text = '“We will respond,” he said. "No talks now," she said. ‘Hold the line,’ they said.'
    # v1.1: punctuation inside the marks stays in the span.
    assert texts(text) == ["We will respond,", "No talks now,", "Hold the line,"]


def test_apostrophes_inside_words_are_not_marks():
    text = "Iran’s envoy said it’s ‘a dangerous game we don’t want’ and that's all."
    assert texts(text) == ["a dangerous game we don’t want"]


def test_multi_paragraph_quotation_is_one_span():
    text = "He said:\n\n“First part of it.\n\n“Second part of it,” he added.\n\nNext paragraph."
    [q] = find_quotes(text)
    assert text[q.start : q.end] == "First part of it.\n\n“Second part of it,"


def test_unclosed_quote_stops_at_paragraph_and_rest_survives():
    text = "“This never closes, she said.\n\nLater, “a proper quote here,” he said."
    found = texts(text)
    assert found[0] == "This never closes, she said"
    assert "a proper quote here," in found


def test_paragraph_ranges_cover_text():
    text = "one\n\ntwo\nthree\n\n\nfour"
    assert [text[s:e] for s, e in paragraphs(text)] == ["one", "two", "three", "four"]


def test_mismatched_closing_mark_ends_the_quotation_before_its_attribution():
    text = "\"We have heard this many times,' said Esther Kahindo, who lives in the camp."
    assert texts(text) == ["We have heard this many times,"]
    assert texts("'Nobody told us,\" a resident said.") == ["Nobody told us,"]


def test_nested_single_quotes_still_stay_inside_the_double_quotation():
    text = "\"He told us 'leave now,' and we left,\" she said."
    assert texts(text) == ["He told us 'leave now,' and we left,"]
