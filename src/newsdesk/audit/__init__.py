"""The audit: any corpus of news pages → defects with exact spans, provenance links and stories."""
