"""Sessions that a browser resumed after losing its app process (a crash, a restart, another replica).

A browser that loses its websocket reconnects and names its previous session. When that session is unknown here
(it lived in another process), Streamlit starts a new one; ui/serve.py records its id. The URL restores the
scenario; this record lets the new session skip the first-visit acknowledgement that the browser's tab already
gave, so the student sees the same scenario, not the gate. The disclaimer banner stays on every page.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

MAX_REMEMBERED = 10_000

_resumed: OrderedDict[str, None] = OrderedDict()
_lock = threading.Lock()


def remember_resumed(session_id: str) -> None:
    with _lock:
        _resumed[session_id] = None
        while len(_resumed) > MAX_REMEMBERED:
            _resumed.popitem(last=False)


def take_resumed(session_id: str) -> bool:
    """True once if `session_id` was started for a browser that had a session in another process."""
    with _lock:
        return _resumed.pop(session_id, 0) is None
