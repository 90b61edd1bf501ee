"""The lexicon: the vocabulary and small grammars of Vietnamese administrative documents.

Every word list and pattern that says what a piece of a document *is* lives here, each
module next to its data file: document types (``doc_types``), symbols (``symbols``), dates
(``dates``), numbering markers (``markers``), letterhead and signature lines
(``header_lines``), body names and their abbreviations (``names``, ``agencies``), places and
family names (``places``), citations (``citations``), deadline phrases (``deadlines``), the
frames of assignment (``assignment``), and the syllables of the language (``syllables``,
``syllable_shape``). Stages import from here; nothing here imports a stage, so the
vocabulary can be read, tested and extended on its own.
"""
