"""The shared kernel: small helpers every feature needs, each written once.

``bilingual`` picks one language of an ``{ar, en}`` text, ``moments`` makes a
stored moment time-zone aware, and ``files`` writes a file so that no reader
ever sees half of it. Nothing here imports a feature.
"""
