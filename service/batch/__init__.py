"""The batch annotation job (``banglaner annotate``): a corpus in, every document with entities out.

inputs (JSONL or a folder of .txt) → chunks of documents → an engine (in-process,
local worker processes, or Ray Data actors) runs the Pipeline on each chunk →
an append-only JSONL journal (the resume point) → optional exports (spaCy
DocBin, CoNLL) and the corpus entity index.
"""
