"""Extraction: a RawItem becomes an Article (trafilatura + our cleaning) or a Rejection."""

from newsdesk.extract.cleaning import Cleaned, Field, Removal, RemovalReason, clean
from newsdesk.extract.extractor import extract

__all__ = ["Cleaned", "Field", "Removal", "RemovalReason", "clean", "extract"]
