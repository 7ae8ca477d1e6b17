"""The archive of an association: every row it owns and its stored files, as one zip built by a worker.

The operator starts one from the console, an association's admin from its settings; both pages
and APIs call ``exports`` (building, listing) and ``downloads`` (handing the zip over).
"""
