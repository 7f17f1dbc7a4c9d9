"""The registry of defect classes: name, severity, detector family and a description for docs.

Every detector module registers the classes it emits (so `--fail-on` and the docs can list them)
and the function that finds them. `detect()` runs every registered detector.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.types import Finding, Severity

if TYPE_CHECKING:
    from newsdesk.detect.document import Document


@dataclass(frozen=True)
class DefectClass:
    """One defect class as shown in docs and accepted by `--fail-on`."""

    name: str
    severity: Severity
    detector: str  # the module (family) that emits it
    description: str  # one sentence, for docs and --help


DetectorFn = Callable[["Document"], Iterable[Finding]]

CLASSES: dict[str, DefectClass] = {}
DETECTORS: dict[str, DetectorFn] = {}


def register_class(name: str, severity: Severity, detector: str, description: str) -> DefectClass:
    """Declare a defect class; a class name may be registered only once."""
    if name in CLASSES:
        raise ValueError(f"defect class {name!r} registered twice")
    cls = DefectClass(name, severity, detector, description)
    CLASSES[name] = cls
    return cls


def register_detector(name: str, fn: DetectorFn) -> DetectorFn:
    """Declare the function that finds a family's classes in a `Document`."""
    if name in DETECTORS:
        raise ValueError(f"detector {name!r} registered twice")
    DETECTORS[name] = fn
    return fn


def finding(
    doc: Document,
    category: str,
    start: int,
    end: int,
    message: str,
    confidence: float = 1.0,
) -> Finding:
    """Build a Finding for `doc.text[start:end]`, trimmed of surrounding whitespace."""
    text = doc.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    cls = CLASSES[category]
    return Finding(
        category=category,
        severity=cls.severity,
        start=start,
        end=end,
        excerpt=text[start:end],
        detector=cls.detector,
        message=message,
        confidence=confidence,
    )
