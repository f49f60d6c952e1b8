"""Counting attempts in Django's cache, so that every instance shares the counts (through Redis when REDIS_URL is set).

A fixed window: each key may be used `limit` times in each `window` seconds. Keys are hashed: an
e-mail address is never stored in the cache as typed.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class RateLimit:
    scope: str  # what is counted, e.g. "signup-ip"
    limit: int  # attempts allowed in one window
    window: int  # seconds

    def hit(self, key: str) -> int:
        """Count one attempt for `key`. 0 when it is allowed; else the minutes until the next one is (at least 1)."""
        now = time.time()
        bucket = int(now // self.window)
        digest = hashlib.sha256(key.strip().lower().encode()).hexdigest()[:32]
        cache_key = f"ratelimit:{self.scope}:{bucket}:{digest}"
        # add() only creates the counter; incr() is atomic on Redis, so two instances never lose a count.
        cache.add(cache_key, 0, self.window + 60)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # the counter expired between add() and incr()
            cache.set(cache_key, 1, self.window + 60)
            count = 1
        if count <= self.limit:
            return 0
        return max(1, math.ceil(((bucket + 1) * self.window - now) / 60))
