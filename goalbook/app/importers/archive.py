"""An export that is a zip or a folder of files, read whole into memory (never
unpacked onto the disk): {relative path: bytes}."""
from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from goalbook.app.importers.base import Importer, foreign

MAX_FILE = 50_000_000          # an app's CSV of years of days is a few megabytes
MAX_TOTAL = 200_000_000
MAX_DEPTH = 3                  # levels of folders looked into: a wrapping folder, a habit's folder, its file


def read_archive(path: Path, importer: Importer, suffixes: tuple[str, ...] = (".csv",)) -> dict[str, bytes]:
    """The files of the zip or folder at `path` whose names end in `suffixes`."""
    if path.is_dir():
        return _folder(path, importer, suffixes)
    if zipfile.is_zipfile(path):
        return _zip(path, importer, suffixes)
    raise foreign(importer, path, "it is neither a zip file nor a folder")


def _zip(path: Path, importer: Importer, suffixes) -> dict[str, bytes]:
    files, total = {}, 0
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                name = PurePosixPath(info.filename)
                if info.is_dir() or name.suffix.lower() not in suffixes or _hidden(name) or len(name.parts) > MAX_DEPTH:
                    continue
                total += info.file_size
                if info.file_size > MAX_FILE or total > MAX_TOTAL:
                    raise foreign(importer, path, f"{info.filename} is far larger than an export's files are")
                files[name.as_posix()] = archive.read(info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError) as exc:
        raise foreign(importer, path, f"the zip can't be read ({exc})") from None
    return files


def _folder(path: Path, importer: Importer, suffixes) -> dict[str, bytes]:
    files, total = {}, 0
    for file in _walk(path, MAX_DEPTH):
        name = PurePosixPath(file.relative_to(path).as_posix())
        if name.suffix.lower() not in suffixes or _hidden(name):
            continue
        size = file.stat().st_size
        total += size
        if size > MAX_FILE or total > MAX_TOTAL:
            raise foreign(importer, path, f"{name} is far larger than an export's files are")
        files[name.as_posix()] = file.read_bytes()
    return files


def _walk(folder: Path, depth: int) -> list[Path]:
    """Files at most `depth` levels down (a folder given by mistake, like a home folder, stays cheap)."""
    found = []
    for entry in sorted(folder.iterdir()):
        if entry.is_file():
            found.append(entry)
        elif entry.is_dir() and depth > 1 and not entry.is_symlink():
            found.extend(_walk(entry, depth - 1))
    return found


def _hidden(name: PurePosixPath) -> bool:
    """Files a zip tool or a file manager adds (__MACOSX/, .DS_Store), not the app."""
    return any(part.startswith((".", "__MACOSX")) for part in name.parts)
