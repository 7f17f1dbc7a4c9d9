"""Composition: from articles (and later stories) to French `Page` objects."""
