"""Equality, hashing and ``repr`` for frozen dataclasses, shared instead of generated.

``@dataclass`` writes each method of each class as source text and compiles it, and
the classes of :mod:`newsreader.models` and :mod:`newsreader.config` are made on the
way to the reader's first frame: compiling their ``__eq__``, ``__hash__`` and
``__repr__`` took about a third of the time their classes took to make. A class
declared ``@dataclass(frozen=True, repr=False, eq=False)`` over :class:`Record` is
still a dataclass (``fields``, ``replace``, ``asdict``) and behaves as
``@dataclass(frozen=True)`` would: equal to an instance of its own class with equal
fields (``compare``), hashed from its fields (``hash``), shown as
``Name(field=value, ...)`` (``repr``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from operator import attrgetter
from typing import Any

#: Per class: the fields compared, those hashed, and the names shown by repr.
_Plan = tuple[Callable[[Any], Any], Callable[[Any], Any], tuple[str, ...]]
_PLANS: dict[type, _Plan] = {}


def _getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    if len(names) == 1:
        name = names[0]
        return lambda value: (getattr(value, name),)
    return attrgetter(*names) if names else lambda value: ()


def _plan(cls: type) -> _Plan:
    found = _PLANS.get(cls)
    if found is None:
        every = fields(cls)
        compared = [f.name for f in every if f.compare]
        hashed = [f.name for f in every if (f.compare if f.hash is None else f.hash)]
        found = (_getter(compared), _getter(hashed), tuple(f.name for f in every if f.repr))
        _PLANS[cls] = found
    return found


class Record:
    """The methods ``@dataclass(frozen=True)`` would write, for a class declared
    ``@dataclass(frozen=True, repr=False, eq=False)``."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        compared = _plan(self.__class__)[0]
        return bool(compared(self) == compared(other))

    def __hash__(self) -> int:
        return hash(_plan(self.__class__)[1](self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _plan(self.__class__)[2])
        return f"{self.__class__.__qualname__}({shown})"
