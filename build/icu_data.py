"""A cut-down ICU data library for the Linux build: German and English only, no unused services.

PySide6's wheel ships ICU's full data library (libicudata, 32 MB, 12.4 MB compressed in the one
file) because QtCore links ICU. QtCore calls only collation (`ucol_*`), time-zone display names
(`ucal_*`), legacy text converters (`ucnv_*`) and case mapping (whose tables live in libicuuc, not
in the data); the client speaks German and English. So the data keeps the root, `de*` and `en*`
locales of the collation, zone, language and region trees, the time-zone rules, normalisation and
the Western single-byte converters, and drops break iteration, number spelling, transliteration,
units, currencies, StringPrep profiles, character names and the CJK and EBCDIC converters.

The data is cut with ICU's own tools (`icupkg`, `genccode`, from Debian's `icu-devtools`) and
linked back into a library of the same name and soname that exports the same `icudtNN_dat` symbol,
as ICU's "customizing the data" guide describes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

_LOCALE_ITEM = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*\.res$")
_KEPT_LOCALE = re.compile(r"^(root|de|en)(_[A-Za-z0-9]*)*\.res$")
_SHARED_ITEMS = {"pool.res", "res_index.res"}
_DROPPED_TREES = {"brkitr", "rbnf", "translit", "unit", "curr"}
_DROPPED_FILES = {"unames.icu", "confusables.cfu"}
_KEPT_CONVERTERS = re.compile(
    r"^(ibm-437_|ibm-850_|ibm-858_|ibm-5348_|ibm-912_|ibm-913_|ibm-914_|ibm-915_|ibm-920_|ibm-923_"
    r"|iso-8859_)"
)
TOOLS = ("icupkg", "genccode", "gcc")


def is_kept(item: str) -> bool:
    """Whether one item of the package (`coll/de.res`, `ibm-1390_P110-2003.cnv`) stays."""
    parts = item.split("/")
    name = parts[-1]
    if len(parts) == 2 and parts[0] in _DROPPED_TREES:
        return False
    if name.endswith(".cnv"):
        return bool(_KEPT_CONVERTERS.match(name))
    if name.endswith(".spp") or name in _DROPPED_FILES:
        return False
    if _LOCALE_ITEM.match(name) and name not in _SHARED_ITEMS:
        return bool(_KEPT_LOCALE.match(name))
    return True


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def trimmed_library(library: Path, work: Path) -> Path:
    """Write the cut-down copy of `library` (a `libicudataNN.so.NN`) under `work`; return its path."""
    symbol = _data_symbol(library)
    package = f"{symbol.removesuffix('_dat')}l"  # ICU's little-endian package name, e.g. icudt73l
    work.mkdir(parents=True, exist_ok=True)
    full = work / "full" / f"{package}.dat"
    small = work / "small" / f"{package}.dat"
    for folder in (full.parent, small.parent, work / "asm"):
        folder.mkdir(exist_ok=True)
    subprocess.run(
        ["objcopy", "-O", "binary", "--only-section=.rodata", str(library), str(full)], check=True
    )
    listing = subprocess.run(["icupkg", "-l", str(full)], check=True, capture_output=True, text=True)
    dropped = [item for item in listing.stdout.split() if not is_kept(item)]
    drop_list = work / "dropped.txt"
    drop_list.write_text("\n".join(dropped) + "\n", encoding="utf-8")
    # icupkg names the items after the output file's stem, hence the same file name in two folders.
    subprocess.run(["icupkg", "-r", str(drop_list), str(full), str(small)], check=True)
    subprocess.run(
        ["genccode", "-a", "gcc", "-d", str(work / "asm"), "-e", symbol.removesuffix("_dat"), str(small)],
        check=True,
        capture_output=True,
    )
    result = work / library.name
    subprocess.run(
        [
            "gcc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-Wl,-z,noexecstack",
            "-o", str(result), str(work / "asm" / f"{package}_dat.S"),
        ],
        check=True,
    )
    return result


def _data_symbol(library: Path) -> str:
    """The exported data symbol, `icudtNN_dat`: the whole data package is this one array."""
    symbols = subprocess.run(["nm", "-D", "--defined-only", str(library)], check=True,
                             capture_output=True, text=True).stdout
    found = re.search(r"\b(icudt\d+_dat)\b", symbols)
    if found is None:
        raise ValueError(f"{library} exports no icudtNN_dat symbol")
    return found.group(1)
