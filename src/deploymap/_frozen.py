"""A cheaper ``__init__`` for frozen, slotted dataclasses.

A frozen dataclass's ``__init__`` sets each field through
``object.__setattr__`` (its own ``__setattr__`` refuses), a call of C per
field that costs three to four times a plain attribute store.  The
``__init__`` :func:`fast_init` gives instead lends the new instance, for the
time of its making, the class of a *twin*: a plain class with the same
``__slots__`` (so the same layout, which is what lets ``__class__`` change),
where each field is a plain store; then it gives the instance its own class
back.  Nothing else changes: equality, hashing, ``repr``, pickling,
``dataclasses.replace`` and the refusal of every later assignment are the
dataclass's own, and the signature is the generated one's (same parameters,
defaults and annotations).

>>> from dataclasses import FrozenInstanceError, dataclass
>>> @fast_init
... @dataclass(frozen=True, slots=True)
... class Span:
...     start: int
...     end: int
...     text: str = ""
>>> s = Span(1, 4, text="abc")
>>> s, type(s) is Span, s == Span(1, 4, "abc"), hash(s) == hash(Span(1, 4, "abc"))
(Span(start=1, end=4, text='abc'), True, True, True)
>>> try:
...     s.start = 0
... except FrozenInstanceError:
...     print("frozen")
frozen
"""

from __future__ import annotations

import dataclasses
import keyword
from typing import Any, TypeVar

__all__ = ["fast_init"]

T = TypeVar("T")


def fast_init(cls: type[T]) -> type[T]:
    """Give the frozen, slotted dataclass *cls* the cheaper ``__init__`` (see
    the module's docstring); *cls* is returned, changed in place.

    Only a plain dataclass is taken: every field in ``__init__``, positional,
    with no default factory, no ``__post_init__``, and ``object`` its only base
    (what ``__class__`` assignment needs to see one layout).
    """
    params = getattr(cls, "__dataclass_params__", None)
    slots = cls.__dict__.get("__slots__")
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    names = tuple(f.name for f in fields)
    if (
        params is None
        or not params.frozen
        or not params.init
        or slots is None
        or tuple(slots) != names
        or cls.__bases__ != (object,)
        or hasattr(cls, "__post_init__")
        or any(
            not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING for f in fields
        )
        or not all(n.isidentifier() and not keyword.iskeyword(n) for n in names)
    ):
        raise TypeError(f"fast_init needs a plain frozen, slotted dataclass, not {cls!r}")
    twin = type(f"_{cls.__name__}Fields", (), {"__slots__": tuple(slots)})
    env: dict[str, object] = {"_cls": cls, "_twin": twin, "_set": object.__setattr__}
    params_src = []
    for f in fields:
        if f.default is dataclasses.MISSING:
            params_src.append(f.name)
        else:
            env[f"_default_{f.name}"] = f.default
            params_src.append(f"{f.name}=_default_{f.name}")
    body = "".join(f"    self.{n} = {n}\n" for n in names)
    # (the field names are identifiers of the class's own source, checked above)
    src = (
        f"def __init__(self, {', '.join(params_src)}):\n"
        "    _set(self, '__class__', _twin)\n"
        f"{body}"
        "    self.__class__ = _cls\n"
    )
    exec(src, env)  # (as dataclasses itself makes __init__)
    init: Any = env["__init__"]
    made: Any = cls
    old = made.__init__
    init.__annotations__ = dict(old.__annotations__)
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__doc__ = old.__doc__
    made.__init__ = init
    return cls
