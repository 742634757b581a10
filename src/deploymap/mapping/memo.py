"""What every map of one gazetteer file shares, made once per process.

The offline basemap (every country's 1:110m outline), the detail of a host's
region and a contributor's light outline are the same for every map drawn
from the same ``gazetteer.sqlite``.  They are kept here by the *file* (its
device and inode, size and modification time), not by the :class:`Gazetteer`
object, so a user who builds maps without passing one (``story.to_map()``
opens a new gazetteer each time) gets them from the first map too, and a
rebuilt gazetteer file is read afresh.  Each kind of entry is bounded (least
recently used first out), and what is kept is immutable: JSON text, or
geometry objects no builder changes.

Examples
--------
>>> from deploymap.gazetteer import Gazetteer
>>> gazetteer_key(Gazetteer()) == gazetteer_key(Gazetteer())
True
>>> memo = Memo(2)
>>> memo.get(("a",), lambda: "made"), memo.get(("a",), lambda: "again")
('made', 'made')
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

__all__ = ["Memo", "gazetteer_key"]

T = TypeVar("T")


def gazetteer_key(gazetteer: Any) -> tuple[int, int, int, int] | None:
    """The gazetteer's file as ``(device, inode, size, mtime_ns)``, or None when it has none.

    The device and inode name the file whatever the path (a symbolic link, a
    relative path); None (a gazetteer-like object without a file) means "do
    not cache".
    """
    path = getattr(gazetteer, "path", None)
    if path is None:
        return None
    try:
        st = os.stat(path)
    except (OSError, TypeError, ValueError):
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


class Memo(Generic[T]):
    """A small least-recently-used cache: ``get(key, make)`` makes a value once per key.

    Safe to share between threads: two threads may both make a missing value,
    and one of the two is kept.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The value for *key*; ``make()`` is called when there is none (a None *key*: always)."""
        if key is None:
            return make()
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._items.clear()
