"""Keep every local reader inside the folder it was given: a symlink that leads out is refused.

A folder source or an audited folder is often content someone else wrote (an unpacked archive,
a shared drop folder, a crawl). A symbolic link in it to ``~/.ssh/id_rsa`` or to the
configuration file would otherwise be read and published like an article. So each file (and
each linked folder) of a walk is judged by its real path: inside the real path of the folder
root it is read, outside it is a rejection with ``outside_folder``. Links that stay inside the
root are fine. The walk never follows linked folders (their files are read where they really
are, when that is inside the root), so a loop of folder links cannot hang it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Outside:
    """A path whose real location is outside the folder root, with one line saying where."""

    detail: str


def real_root(root: Path) -> Path:
    """The folder root as the filesystem sees it (links and '..' resolved)."""
    return root.resolve()


def contained(path: Path, root: Path) -> Path | Outside:
    """The real path of `path` when it lies inside `root` (a real path, see `real_root`), or why
    not. Only symbolic links can lead out of a folder walk, so only they are named as such."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError) as exc:  # a link loop ("Symlink loop" on 3.13+, ELOOP)
        return Outside(f"the symbolic link cannot be resolved: {exc}")
    if real == root or real.is_relative_to(root):
        return real
    return Outside(f"a symbolic link to {real}, outside the folder {root}")


def walk(root: Path) -> Iterator[Path]:
    """Every non-hidden file under `root` in a stable order (each folder's files by name, then
    its sub-folders by name), and every linked sub-folder, for `contained` to judge; linked
    folders are listed, never entered."""
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        here = Path(folder)
        yield from (here / f for f in sorted(files) if not f.startswith("."))
        yield from (here / d for d in dirs if (here / d).is_symlink())


def local_path(location: str) -> Path | Outside:
    """The path a source's location names, with "~" expanded, or why it names none
    ("~nosuchuser/corpus": no such home folder, which `Path.expanduser` raises for)."""
    try:
        path = Path(location).expanduser()
    except RuntimeError as exc:
        return Outside(str(exc))
    try:
        path.stat()
    except FileNotFoundError:
        pass  # the reader says "no such file" in its own words
    except OSError as exc:
        # A name too long for the filesystem, a folder we may not enter: `Path.is_file` and
        # `is_dir` raise these (they only swallow "not found"), which would end the run.
        return Outside(f"{location[:120]!r} cannot be read: {exc.strerror or exc}")
    return path
