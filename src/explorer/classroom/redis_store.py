"""The Redis store: the same contract as MemoryStore, shared by every app process (`./dev serve --replicas N`).

Keys, per join code: `<prefix>:<code>` (hash: doc, version, live, gate_q, gate_c), `<prefix>:<code>:seats` (set),
`<prefix>:<code>:answers` (hash seat -> choice), and `<prefix>:live` (sorted set: code -> expiry time in ms) for
the live-session limit. Each operation is one Lua script, so it is atomic, and every script that changes anything
sets the expiry of every key it touches: no key lives longer than `ttl_seconds` after the last activity.
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar

import redis

from .errors import StoreUnavailable
from .store import AnswerOutcome, ClassStore, CreateOutcome, Gate, JoinOutcome

T = TypeVar("T")
PREFIX = "explorer:class"
TIMEOUT_S = 1.0

# KEYS: 1 session hash, 2 seats, 3 answers, 4 live index. The last ARGV is always the ttl in ms, the one before the code.
_PRELUDE = """
local ttl = tonumber(ARGV[#ARGV])
local code = ARGV[#ARGV - 1]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function activity()
  for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ttl) end
  if redis.call('HGET', KEYS[1], 'live') == '1' then
    redis.call('ZADD', KEYS[4], now + ttl, code)
    redis.call('PEXPIRE', KEYS[4], ttl)
  end
end
"""
_CREATE = _PRELUDE + """
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
if redis.call('EXISTS', KEYS[1]) == 1 then return 'taken' end
if redis.call('ZCARD', KEYS[4]) >= tonumber(ARGV[2]) then return 'full' end
redis.call('DEL', KEYS[2], KEYS[3])
redis.call('HSET', KEYS[1], 'doc', ARGV[1], 'version', 1, 'live', '1', 'gate_q', '', 'gate_c', '')
activity()
return 'ok'
"""
_WRITE = _PRELUDE + """
local version = redis.call('HGET', KEYS[1], 'version')
if not version or tonumber(version) ~= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], 'doc', ARGV[1], 'version', tonumber(version) + 1, 'live', ARGV[6],
           'gate_q', ARGV[3], 'gate_c', ARGV[4])
if ARGV[5] == '1' then redis.call('DEL', KEYS[3]) end
if ARGV[6] ~= '1' then redis.call('ZREM', KEYS[4], code) end
activity()
return 1
"""
_JOIN = _PRELUDE + """
if redis.call('EXISTS', KEYS[1]) == 0 then return 'missing' end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 0 and redis.call('SCARD', KEYS[2]) >= tonumber(ARGV[2]) then
  return 'full'
end
redis.call('SADD', KEYS[2], ARGV[1])
activity()
return 'ok'
"""
_ANSWER = _PRELUDE + """
if redis.call('EXISTS', KEYS[1]) == 0 then return 'missing' end
local gate = redis.call('HMGET', KEYS[1], 'gate_q', 'gate_c')
if gate[1] == '' or gate[1] ~= ARGV[2] then return 'closed' end
if not string.find(gate[2], '|' .. ARGV[3] .. '|', 1, true) then return 'choice' end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 0 then return 'not_joined' end
redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
activity()
return 'ok'
"""
_LIVE = """
local t = redis.call('TIME')
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
return redis.call('ZCARD', KEYS[1])
"""


class RedisStore(ClassStore):
    """Sessions in Redis; any Redis failure becomes StoreUnavailable (class sessions off, solo use unaffected)."""

    def __init__(self, url: str, ttl_seconds: float = 4 * 3600, prefix: str = PREFIX) -> None:
        self.ttl_seconds = ttl_seconds
        self.url = url
        self.prefix = prefix
        self.client = redis.Redis.from_url(url, decode_responses=True, socket_timeout=TIMEOUT_S,
                                           socket_connect_timeout=TIMEOUT_S)
        self._create, self._write, self._join, self._answer, self._live = (
            self.client.register_script(s) for s in (_CREATE, _WRITE, _JOIN, _ANSWER, _LIVE))

    def _keys(self, code: str) -> list[str]:
        base = f"{self.prefix}:{code}"
        return [base, f"{base}:seats", f"{base}:answers", f"{self.prefix}:live"]

    def _ttl_ms(self) -> int:
        return max(1, int(self.ttl_seconds * 1000))

    def _call(self, action: Callable[[], T]) -> T:
        try:
            return action()
        except redis.RedisError as exc:
            raise StoreUnavailable(f"class sessions are unavailable: the session store at {self.url} does not "
                                   f"answer ({type(exc).__name__}); solo use keeps working") from None

    def _run(self, script: Any, code: str, *args: object) -> Any:
        return self._call(lambda: script(keys=self._keys(code), args=[*args, code, self._ttl_ms()]))

    def create(self, code: str, doc: str, max_live: int) -> CreateOutcome:
        return self._run(self._create, code, doc, max_live)

    def read(self, code: str) -> tuple[str, int] | None:
        doc, version = self._call(lambda: self.client.hmget(self._keys(code)[0], "doc", "version"))
        return (doc, int(version)) if doc is not None and version is not None else None

    def version(self, code: str) -> int | None:
        version = self._call(lambda: self.client.hget(self._keys(code)[0], "version"))
        return int(version) if version is not None else None

    def write(self, code: str, doc: str, expected_version: int, gate: Gate | None, *, clear_answers: bool,
              live: bool = True) -> bool:
        if gate is not None and any("|" in c for c in gate.choices):
            raise ValueError("choice ids must not contain '|'")
        gate_q, gate_c = (gate.question, "|" + "|".join(gate.choices) + "|") if gate else ("", "")
        return bool(self._run(self._write, code, doc, expected_version, gate_q, gate_c,
                              "1" if clear_answers else "0", "1" if live else "0"))

    def join(self, code: str, seat: str, max_students: int) -> JoinOutcome:
        return self._run(self._join, code, seat, max_students)

    def answer(self, code: str, seat: str, question: str, choice: str) -> AnswerOutcome:
        if "|" in choice:
            return "choice"
        return self._run(self._answer, code, seat, question, choice)

    def answers(self, code: str) -> dict[str, str]:
        return self._call(lambda: self.client.hgetall(self._keys(code)[2]))

    def answer_of(self, code: str, seat: str) -> str | None:
        return self._call(lambda: self.client.hget(self._keys(code)[2], seat))

    def students(self, code: str) -> int:
        return int(self._call(lambda: self.client.scard(self._keys(code)[1])))

    def live_sessions(self) -> int:
        return int(self._call(lambda: self._live(keys=[self._keys("")[3]], args=[])))

    def expires_in(self, code: str) -> float | None:
        keys = self._keys(code)
        with_ttl = [t for t in self._call(lambda: [self.client.pttl(k) for k in keys[:3]]) if t >= 0]
        return min(with_ttl) / 1000 if self._call(lambda: self.client.exists(keys[0])) and with_ttl else None
