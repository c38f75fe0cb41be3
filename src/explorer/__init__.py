"""Spinal tumour treatment-options explorer: an educational, rule-based teaching tool.

It shows the options five source documents discuss for a teaching scenario, with the rules
and verbatim statements behind each. It is not a diagnostic or advice tool.
"""

from .api import Explorer, default_explorer, evaluate, load_pack
from .disclaimer import DISCLAIMER
from .errors import ExplorerError, InputError, RulePackError
from .result import Result
from .scenario import Scenario, parse_scenario

__all__ = [
    "DISCLAIMER", "Explorer", "ExplorerError", "InputError", "Result", "RulePackError", "Scenario",
    "default_explorer", "evaluate", "load_pack", "parse_scenario",
]
