"""One repository per table family; each method is one short transaction."""
