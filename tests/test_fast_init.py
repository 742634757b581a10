"""The cheaper ``__init__`` of the frozen records (:mod:`deploymap._frozen`)
makes what the dataclass's own ``__init__`` makes.

The reference instance is made field by field through ``object.__setattr__``,
as the generated ``__init__`` of a frozen dataclass without ``__post_init__``
does; the reference class is the same dataclass made again without
:func:`~deploymap._frozen.fast_init`.
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deploymap import model
from deploymap._frozen import fast_init
from deploymap.extract import dates, deployments, figures, mission_roles, missions, roles

CLASSES = [
    model.Place,
    model.Candidate,
    model.Toponym,
    model.Evidence,
    model.Mission,
    model.MissionMention,
    model.Unit,
    model.Deployment,
    model.Event,
    model.Story,
    missions.MissionHit,
    deployments.Record,
    deployments.MissionFigures,
    roles.Claim,
    figures.Number,
    dates.DateMention,
    mission_roles.MissionFigure,
]

_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=6),
    st.tuples(st.integers(), st.text(max_size=3)),
)


def _reference(cls: type, values: tuple[object, ...]) -> object:
    ref = object.__new__(cls)
    for f, v in zip(dataclasses.fields(cls), values, strict=True):
        object.__setattr__(ref, f.name, v)
    return ref


def _repr(x: object) -> str:
    """``repr(x)``, or the error's type (the custom reprs read typed fields)."""
    try:
        return repr(x)
    except Exception as e:
        return type(e).__name__


def _set_error(x: object, name: str) -> str:
    """The error (type and message) of setting *name* on *x*, "" for none."""
    try:
        setattr(x, name, 0)
    except Exception as e:
        return f"{type(e).__name__}: {e}"
    return ""


def _call_error(cls: type, args: tuple[object, ...], kwargs: dict[str, object]) -> str:
    """The error (type and message) of making *cls* of *args*, "" for none."""
    try:
        cls(*args, **kwargs)
    except Exception as e:
        return f"{type(e).__name__}: {e}"
    return ""


def _plain_twin(cls: type) -> type:
    """*cls* made again by ``dataclass`` alone (its generated ``__init__``)."""
    fields = dataclasses.fields(cls)
    ns: dict[str, object] = {"__annotations__": {f.name: f.type for f in fields}}
    ns.update({f.name: f.default for f in fields if f.default is not dataclasses.MISSING})
    ns["__qualname__"] = cls.__qualname__
    ns["__module__"] = cls.__module__
    made = type(cls.__name__, (), ns)
    return dataclasses.dataclass(frozen=True, slots=True)(made)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_fast_init_makes_what_the_dataclass_makes(cls: type, data: st.DataObject) -> None:
    fields = dataclasses.fields(cls)
    values = tuple(data.draw(_VALUES) for _ in fields)
    fast, ref = cls(*values), _reference(cls, values)
    assert type(fast) is cls
    assert fast == ref
    assert (fast != ref) is False
    assert hash(fast) == hash(ref)
    assert _repr(fast) == _repr(ref)
    assert [getattr(fast, f.name) for f in fields] == list(values)
    assert cls(**{f.name: v for f, v in zip(fields, values, strict=True)}) == ref
    assert pickle.dumps(fast) == pickle.dumps(ref)
    assert pickle.loads(pickle.dumps(fast)) == ref
    assert copy.copy(fast) == ref and copy.deepcopy(fast) == ref
    for f in fields:
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(fast, f.name, 0)
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(fast, f.name)
    # what is no field is refused as the dataclass refuses it (Python 3.11's
    # slotted frozen dataclass fails in its super() call there)
    for name in ("__class__", "no_such_field"):
        assert _set_error(fast, name) == _set_error(ref, name) != ""
    last = fields[-1].name
    new = data.draw(_VALUES)
    assert dataclasses.replace(fast, **{last: new}) == _reference(cls, (*values[:-1], new))
    # only the defaults given: the defaults are the dataclass's
    required = [f for f in fields if f.default is dataclasses.MISSING]
    short = cls(*values[: len(required)])
    expect = [*values[: len(required)], *(f.default for f in fields[len(required) :])]
    assert short == _reference(cls, tuple(expect))


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_fast_init_has_the_dataclass_signature_and_errors(cls: type) -> None:
    twin = _plain_twin(cls)
    assert inspect.signature(cls) == inspect.signature(twin)
    assert cls.__init__.__qualname__ == twin.__init__.__qualname__
    assert cls.__slots__ == twin.__slots__
    assert cls.__mro__[1:] == (object,)
    too_many = (None,) * (len(dataclasses.fields(cls)) + 1)
    for args, kwargs in [((), {}), (too_many, {}), ((), {"no_such_field": 1})]:
        assert _call_error(cls, args, kwargs) == _call_error(twin, args, kwargs)
    assert _call_error(cls, too_many, {}) != ""


def test_fast_init_refuses_what_it_cannot_make() -> None:
    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclasses.dataclass(slots=True)
    class NotFrozen:
        a: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Factory:
        a: list[int] = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(frozen=True, slots=True)
    class After:
        a: int

        def __post_init__(self) -> None:
            pass

    @dataclasses.dataclass(frozen=True, slots=True)
    class KeywordOnly:
        a: int = dataclasses.field(kw_only=True)

    for cls in (NoSlots, NotFrozen, Factory, After, KeywordOnly):
        with pytest.raises(TypeError, match="plain frozen, slotted dataclass"):
            fast_init(cls)
