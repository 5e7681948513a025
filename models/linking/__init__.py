"""The linker's parts: span repair against the KB (spans) and the document context (context)."""
