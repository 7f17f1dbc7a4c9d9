"""Extraction: a RawItem becomes an Article (trafilatura + our cleaning) or a Rejection."""

from newsdesk.extract.cleaning import (
    Cleaned,
    Field,
    Removal,
    RemovalReason,
    clean,
    span_in_document,
)
from newsdesk.extract.extractor import extract

__all__ = ["Cleaned", "Field", "Removal", "RemovalReason", "clean", "extract", "span_in_document"]
