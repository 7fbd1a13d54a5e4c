"""YAML read as an editor reads it: the YAML 1.2 core schema, which is what
yaml-language-server uses by default (PyYAML itself reads YAML 1.1, where
`yes` is true and `2026-11-20` is a date). Used to hand the `jsonschema`
library the same data an editor's schema check sees."""
from __future__ import annotations

import math
import re

import yaml


class CoreLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core schema tags: null, bool, int, float; no
    timestamps, no yes/no/on/off, no sexagesimal or underscored numbers."""


CoreLoader.yaml_implicit_resolvers = {}
_RESOLVERS = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+.0123456789")),
]
for tag, pattern, first in _RESOLVERS:
    CoreLoader.add_implicit_resolver(tag, re.compile(pattern), first)


def _int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def _float(loader, node):
    text = loader.construct_scalar(node).lower()
    if text.endswith(".inf"):
        return -math.inf if text.startswith("-") else math.inf
    if text == ".nan":
        return math.nan
    return float(text)


def _null(loader, node):
    loader.construct_scalar(node)
    return None


CoreLoader.add_constructor("tag:yaml.org,2002:int", _int)
CoreLoader.add_constructor("tag:yaml.org,2002:float", _float)
CoreLoader.add_constructor("tag:yaml.org,2002:null", _null)


def load(text: str):
    return yaml.load(text, Loader=CoreLoader)      # noqa: S506 - a SafeLoader subclass
