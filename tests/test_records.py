"""newsreader.records: the shared methods behave as ``@dataclass(frozen=True)``'s own."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pytest

from newsreader.records import Record


@dataclass(frozen=True)
class Generated:
    name: str
    count: int = 0
    note: str = field(default="", compare=False)
    tags: tuple[str, ...] = field(default=(), repr=False)


@dataclass(frozen=True, repr=False, eq=False)
class Shared(Record):
    name: str
    count: int = 0
    note: str = field(default="", compare=False)
    tags: tuple[str, ...] = field(default=(), repr=False)


@dataclass(frozen=True, repr=False, eq=False)
class Child(Shared):
    extra: int = 1


@pytest.mark.parametrize(
    "values",
    [("a",), ("a", 2), ("a", 2, "n"), ("a", 2, "n", ("x", "y")), ("b'\n", -1, "", ())],
)
def test_equality_hash_and_repr_are_the_dataclass_ones(values: tuple[object, ...]) -> None:
    generated, shared = Generated(*values), Shared(*values)  # type: ignore[arg-type]
    assert repr(shared) == repr(generated).replace("Generated(", "Shared(", 1)
    assert hash(shared) == hash(generated)
    same = Shared(*values)  # type: ignore[arg-type]
    assert shared == same and hash(shared) == hash(same)
    assert shared == dataclasses.replace(shared, note="other")  # not compared
    assert shared != dataclasses.replace(shared, count=99)
    assert shared != generated and shared != Child(*values)  # type: ignore[arg-type]


def test_it_stays_a_frozen_dataclass() -> None:
    shared = Child("a", extra=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        shared.name = "b"  # type: ignore[misc]
    assert dataclasses.asdict(shared) == {
        "name": "a",
        "count": 0,
        "note": "",
        "tags": (),
        "extra": 3,
    }
    assert repr(shared) == "Child(name='a', count=0, note='', extra=3)"
    assert {shared, Child("a", extra=3)} == {shared}
