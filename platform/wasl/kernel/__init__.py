"""The shared kernel: small helpers every feature needs, each written once.

``bilingual`` picks one language of an ``{ar, en}`` text, ``moments`` makes a
stored moment time-zone aware, ``files`` writes a file so that no reader ever
sees half of it, ``form_errors`` puts a service's or schema's messages
beside the form fields they are about, and ``safety`` keeps a "next"
address on the same site. Nothing here imports a feature.
"""
