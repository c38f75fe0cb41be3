"""ui/theme_cache.py: the session message's theme is the same as Streamlit builds it, read once per parsed config."""

from __future__ import annotations

import pytest
from streamlit import config
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime import app_session

from ui.theme_cache import cached_theme

SECTIONS = ("theme.light", "theme.dark", "theme.sidebar", "theme.light.sidebar", "theme.dark.sidebar")


def session_theme(populate) -> ForwardMsg:  # noqa: ANN001 - as app_session._create_new_session_message fills it
    msg = ForwardMsg()
    theme = msg.new_session.custom_theme
    populate(theme)
    for section in SECTIONS:
        target = theme
        for part in section.split(".")[1:]:
            target = getattr(target, part)
        populate(target, section)
    return msg


def test_the_message_is_the_one_streamlit_builds_with_empty_sections_left_unset() -> None:
    original = app_session._populate_theme_msg
    expected = session_theme(original)
    hooked = cached_theme(original)
    for _ in range(2):  # built, then from the cache
        built = session_theme(hooked)
        assert built.SerializeToString() == expected.SerializeToString()
    assert built.new_session.custom_theme.primary_color == "#0b5cad"  # .streamlit/config.toml
    assert not built.new_session.custom_theme.HasField("light")  # nothing set there: not sent as an empty block


def test_the_config_is_read_once_until_it_is_parsed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []

    def populate(msg, section: str = "theme") -> None:  # noqa: ANN001
        reads.append(section)
        msg.primary_color = f"read {len(reads)}"

    parsed = {"first": object()}
    monkeypatch.setattr(config, "get_config_options", lambda: parsed["first"])
    hooked = cached_theme(populate)
    first, second = ForwardMsg(), ForwardMsg()
    hooked(first.new_session.custom_theme)
    hooked(second.new_session.custom_theme)
    assert reads == ["theme"] and second.new_session.custom_theme.primary_color == "read 1"
    parsed["first"] = object()  # the file changed: Streamlit parsed it into a new dict of options
    third = ForwardMsg()
    hooked(third.new_session.custom_theme)
    assert reads == ["theme", "theme"] and third.new_session.custom_theme.primary_color == "read 2"
