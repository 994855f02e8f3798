"""Where a build writes: beside ``site_dir``, swapped in only once the whole build has succeeded.

MkDocs empties ``site_dir`` and writes into it, so a build that is interrupted or fails part-way
(Ctrl-C, a kill, a full disk) leaves part of a site, or none. Here a build writes into a fresh
sibling, ``.<site>.newsroom-building``; when it has succeeded, the two folders change places in
one step (Linux's ``renameat2(RENAME_EXCHANGE)``), so ``site_dir`` always holds one whole build
and never goes missing, and the previous site, now in the sibling, is removed. Where that call
is missing (another system, a file system without it) the previous site is renamed to
``.<site>.newsroom-previous`` and the new one to ``site_dir``: each rename is atomic, and a build
killed between the two leaves ``site_dir`` missing until the next build, which first puts the
previous site back. Whatever else a killed build leaves behind is cleared by the next one. Builds of one ``site_dir`` take turns on
``.<site>.newsroom-lock``, a lock the system releases when its process ends, however it ends.
Those three names beside the site, and a marker in the unfinished build, are the only paths this
module creates, renames or removes.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# The locks this process holds, by lock file: taken once, held until the process ends.
_HELD: dict[Path, int] = {}

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
# In a build's folder until it has succeeded: what a failed or killed build leaves is removed
# whole, nothing of it moved into the site (hidden entries move only from a replaced site).
UNFINISHED = ".newsroom-unfinished"


@dataclass(frozen=True)
class SiteDir:
    """A site folder (symbolic links resolved: the site lives where they lead) and its siblings."""

    path: Path

    @classmethod
    def of(cls, site_dir: str | Path) -> SiteDir:
        return cls(Path(os.path.realpath(site_dir)))

    def _beside(self, role: str) -> Path:
        return self.path.with_name(f".{self.path.name}.newsroom-{role}")

    @property
    def building(self) -> Path:
        return self._beside("building")

    @property
    def previous(self) -> Path:
        return self._beside("previous")

    @property
    def lock_file(self) -> Path:
        return self._beside("lock")

    def lock(self, waiting: Callable[[str], None]) -> None:
        """Take this site's lock for the rest of the process; ``waiting`` hears the holder's process id first when another build has it."""
        if self.lock_file in _HELD:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(self.lock_file, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting(os.pread(handle, 32, 0).decode("ascii", "replace").strip())
            fcntl.flock(handle, fcntl.LOCK_EX)
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"{os.getpid()}\n".encode("ascii"), 0)
        _HELD[self.lock_file] = handle

    def start(self) -> Path:
        """Clear what killed builds left, then make the empty folder this build writes into."""
        if os.path.ismount(self.path):
            raise OSError(errno.EBUSY, "a mount point cannot be swapped for a new build; mount the folder above it instead", str(self.path))
        if not os.path.lexists(self.path) and _is_folder(self.previous):
            os.rename(self.previous, self.path)  # killed between the two renames of a swap
        self._retire(self.previous)
        self.discard()
        self.building.mkdir(parents=True)
        (self.building / UNFINISHED).touch()
        return self.building

    def swap_in(self) -> None:
        """Make the finished build the site: the previous one aside, the new one in, the previous one gone.

        Raises only with the previous site in place, the finished build still beside it.
        """
        os.remove(self.building / UNFINISHED)
        if not _is_folder(self.path):
            os.rename(self.building, self.path)
            return
        # The site folder keeps its permissions (a web server may need them).
        os.chmod(self.building, stat.S_IMODE(os.stat(self.path).st_mode))
        if _exchange(self.building, self.path):
            old = self.building
        else:
            os.rename(self.path, self.previous)
            try:
                os.rename(self.building, self.path)
            except BaseException:
                os.rename(self.previous, self.path)
                raise
            old = self.previous
        try:
            self._retire(old)
        except OSError:
            pass  # the new site is in; the next build's start() retires the previous one, or says why it cannot

    def discard(self) -> None:
        """Remove the unfinished build (it failed, or was interrupted), or the previous site a swap
        left there when it was killed before removing it."""
        self._retire(self.building)

    def _retire(self, old: Path) -> None:
        """Remove a replaced site; its hidden entries (a deploy checkout's ``.git``) move into the
        site first, as MkDocs, which never writes hidden files, leaves them when it cleans. An
        unfinished build is removed with all it holds."""
        if not _is_folder(old):
            return
        if _is_folder(self.path) and not os.path.lexists(old / UNFINISHED):
            for entry in os.scandir(old):
                if entry.name.startswith(".") and not os.path.lexists(self.path / entry.name):
                    os.rename(entry.path, self.path / entry.name)
        shutil.rmtree(old)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step; False where the system or file system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _is_folder(path: Path) -> bool:
    """A real folder: a symbolic link or a file of the same name is not ours to rename or remove."""
    return path.is_dir() and not path.is_symlink()
