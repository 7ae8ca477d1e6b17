"""Files written beside their final name and renamed into place, so a reader never sees half of one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(path: Path, *, owned: bool = False, prefix: str | None = None) -> Iterator[Path]:
    """A partial file in ``path``'s folder, moved onto ``path`` when the block ends, removed if it raises.

    The partial's name is unique, as several processes may write the same file at once (a cache); an
    ``owned`` file (one job writes it, claimed first) uses ``<name>.part``, so a run after a crash
    overwrites what the killed one left instead of leaving it behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if owned:
        partial = path.with_name(path.name + ".part")
    else:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".part")
        os.close(handle)
        partial = Path(name)
    try:
        yield partial
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def write_atomically(path: Path, data: bytes, *, durable: bool = False, prefix: str | None = None) -> Path:
    """Write ``data`` to ``path`` in one step; ``durable`` waits until it is on disk before the rename."""
    with replacing(path, prefix=prefix) as partial, partial.open("wb") as out:
        out.write(data)
        if durable:
            out.flush()
            os.fsync(out.fileno())
    return path
