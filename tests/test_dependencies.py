"""Honest dependencies: requirements.lock satisfies pyproject.toml, and the suite runs in the locked environment."""

from __future__ import annotations

import tomllib
from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import REPO

LOCK = REPO / "requirements.lock"
REFRESH = "run ./dev lock (and commit requirements.lock)"


def locked() -> dict[str, str]:
    pins = {}
    for line in LOCK.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"requirements.lock: '{line}' is not pinned with =="
            pins[canonicalize_name(name)] = version.strip()
    return pins


def declared() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    return [Requirement(r) for r in (*project["dependencies"], *project["optional-dependencies"]["dev"])]


def test_the_lock_satisfies_every_declared_dependency():
    pins = locked()
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is in pyproject.toml but not in requirements.lock: {REFRESH}"
        assert requirement.specifier.contains(pins[name], prereleases=True), \
            f"requirements.lock has {name}=={pins[name]}, outside pyproject.toml's {requirement}: {REFRESH}"


def test_declared_ranges_are_bounded_above():
    """Compatible-release or exact pins: a range open at the top admits releases no test has seen."""
    for requirement in declared():
        operators = {spec.operator for spec in requirement.specifier}
        assert operators & {"~=", "==", "<"}, f"{requirement} has no upper bound"


def test_the_suite_runs_in_the_locked_environment():
    mismatched = []
    for name, version in locked().items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = "not installed"
        if installed != version:
            mismatched.append(f"{name}: locked {version}, installed {installed}")
    assert not mismatched, f"this environment is not the lock ({'; '.join(mismatched)}); run ./dev setup"


def test_a_broken_command_import_is_loud_not_a_missing_command():
    """A command module that fails to import (say, a dependency not installed) must not silently vanish."""
    import subprocess
    import sys

    block = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'explorer.cli.sweep':\n"
        "            raise ModuleNotFoundError(\"No module named 'redis'\", name='redis')\n"
        "sys.meta_path.insert(0, Block())\n"
    )
    listing = "import explorer.cli\nprint(sorted(explorer.cli.build_parser()._subparsers._group_actions[0].choices))\n"
    broken = subprocess.run([sys.executable, "-c", block + listing], capture_output=True, text=True, timeout=60)
    assert broken.returncode != 0 and "No module named 'redis'" in broken.stderr
    intact = subprocess.run([sys.executable, "-c", listing], capture_output=True, text=True, timeout=60)
    assert "'coverage'" in intact.stdout and "'sweep'" in intact.stdout, intact.stderr
