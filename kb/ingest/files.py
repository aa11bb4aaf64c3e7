"""Finding and opening article files without being trapped by what is on disk.

- Folders are walked in sorted order. A symlink is followed only while it stays inside the
  folder given (a link in a scraped folder to ~/.pgpass or a private key is skipped, with a
  line), unless the caller allows it; a symlink back to a folder that is being walked (a
  loop) is reported once and not entered, and a folder nested past MAX_DEPTH is not walked.
- Nothing under /proc, /sys or /dev is read, however it is reached.
- Only regular files are opened, and without blocking: a named pipe called `news.txt` would
  otherwise wait forever for a writer, and `/dev/zero` would never end.
- Sizes are bounded by the caller, who reads at most one byte past its limit.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
# Deeper than any archive of articles; a limit so that a pathological tree is one line.
MAX_DEPTH = 100
# The kernel's and the devices' files: never articles, and reading some of them leaks secrets.
SYSTEM = tuple(Path(p) for p in ("/proc", "/sys", "/dev"))
ANNOTATIONS = frozenset({"gold.jsonl"})  # skipped in folders; read if named explicitly
MEBIBYTE = 1 << 20


@dataclass(frozen=True)
class FileError:
    """Why `path` could not be walked or opened, as words for the user."""

    path: str
    reason: str


def os_reason(error: OSError) -> str:
    """An OSError as a short reason: the words the user needs, not a traceback."""
    if error.errno == errno.ELOOP:
        return "symlink loop (too many levels of symbolic links)"
    if error.errno == errno.ENOENT:
        return "no such file or folder"
    return f"cannot read ({error.strerror or error})"


def megabytes(size: int) -> str:
    """A size in MiB as a person reads it: "5.0 MiB" for exactly 5 MiB, but a size just over
    a whole number of MiB says so ("5 MiB and 1 byte"), never "5.0 MiB" for one byte over."""
    whole, rest = divmod(size, MEBIBYTE)
    if rest and rest < MEBIBYTE // 20:
        return f"{whole} MiB and {rest:,} byte{'s' if rest > 1 else ''}"
    return f"{size / MEBIBYTE:.1f} MiB"


def open_regular(path: Path) -> tuple[BinaryIO, int] | str:
    """Open `path` for reading if it is a regular file: (file, size), or why not.

    O_NONBLOCK makes opening a FIFO return at once, so that fstat can refuse it; it changes
    nothing for a regular file.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        return os_reason(error)
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        return "not a regular file" + (" (a folder)" if stat.S_ISDIR(info.st_mode) else "")
    return os.fdopen(fd, "rb"), info.st_size


def read_bounded(stream: BinaryIO, limit: int) -> bytes | None:
    """All of `stream` if it holds at most `limit` bytes, else None (having read limit + 1)."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def kind(path: Path) -> str | FileError:
    """Whether a path named by the user is a "folder" or a "file", or why it cannot be read."""
    try:
        info = path.stat()
    except OSError as error:
        return FileError(os.path.normpath(path), os_reason(error))
    return "folder" if stat.S_ISDIR(info.st_mode) else "file"


def system_path(path: Path) -> bool:
    """True for a path whose real place is under /proc, /sys or /dev."""
    real = Path(os.path.realpath(path))
    return any(real == top or top in real.parents for top in SYSTEM)


def iter_files(folder: Path, follow_symlinks: bool = False) -> Iterator[Path | FileError]:
    """The article files (.txt, .jsonl, .html, .htm) under `folder`, recursively, in a stable order.

    Skips hidden files and folders (.git, .venv) and gold.jsonl (annotations beside the
    articles in seeds/ and the shared corpus). Yields a FileError for a symlink that leads
    out of `folder` (unless `follow_symlinks`) or into the system's files, for a symlink
    loop, a folder nested too deep, and a folder or entry that cannot be read, and goes on.
    """
    root = None if follow_symlinks else Path(os.path.realpath(folder))
    yield from _walk(folder, ancestors=(), root=root)


def _walk(
    folder: Path, ancestors: tuple[tuple[int, int], ...], root: Path | None
) -> Iterator[Path | FileError]:
    if len(ancestors) >= MAX_DEPTH:
        yield FileError(os.path.normpath(folder), f"too deep (over {MAX_DEPTH} folders down)")
        return
    try:
        info = folder.stat()
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield FileError(os.path.normpath(folder), os_reason(error))
        return
    identity = (info.st_dev, info.st_ino)
    if identity in ancestors:
        yield FileError(os.path.normpath(folder), "symlink loop (leads back to a folder above)")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        wanted = path.suffix.lower() in SUFFIXES and entry.name not in ANNOTATIONS
        try:
            is_dir = entry.is_dir()  # follows symlinks
        except OSError as error:  # a symlink loop of files, or a symlink to nowhere readable
            yield FileError(os.path.normpath(path), os_reason(error))
            continue
        if not (is_dir or wanted):
            continue
        if entry.is_symlink() and (refused := _outside(path, root)):
            yield FileError(os.path.normpath(path), refused)
        elif is_dir:
            yield from _walk(path, (*ancestors, identity), root)
        else:
            yield path


def _outside(path: Path, root: Path | None) -> str | None:
    """Why a symlink is not followed: it leads into the system's files, or out of `root`."""
    if system_path(path):
        return "a symlink into /proc, /sys or /dev; never read"
    real = Path(os.path.realpath(path))
    if root is not None and real != root and root not in real.parents:
        return "a symlink out of the folder loaded; not followed (--follow-symlinks reads it)"
    return None
