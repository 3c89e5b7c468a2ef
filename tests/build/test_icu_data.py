"""The one-file build keeps the ICU data QtCore uses for German and English, and nothing else."""

import importlib.util

import pytest

from tests.support.server_process import REPO_ROOT


def _load_icu_data():
    """build/ holds scripts, not a package (and `build` is also a PyPI package): load the file."""
    spec = importlib.util.spec_from_file_location("icu_data", REPO_ROOT / "build" / "icu_data.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


is_kept = _load_icu_data().is_kept


@pytest.mark.parametrize(
    "item",
    [
        "root.res", "de.res", "de_CH.res", "en_GB.res", "pool.res", "res_index.res",
        "coll/root.res", "coll/de.res", "coll/ucadata.icu", "zone/de.res", "zone/en.res",
        "zoneinfo64.res", "metaZones.res", "cnvalias.icu", "ibm-5348_P100-1997.cnv",
        "iso-8859_14-1998.cnv", "uts46.nrm", "nfkc.nrm", "likelySubtags.res",
    ],
)
def test_what_collation_time_zones_and_converters_need_stays(item):
    assert is_kept(item)


@pytest.mark.parametrize(
    "item",
    [
        "fr.res", "zh_Hant.res", "coll/ja.res", "coll/es_.res", "zone/ru.res", "brkitr/root.res",
        "brkitr/cjdict.dict", "rbnf/de.res", "translit/root.res", "unit/de.res", "curr/de.res",
        "ibm-1390_P110-2003.cnv", "gb18030.cnv", "rfc3491.spp", "unames.icu", "confusables.cfu",
    ],
)
def test_other_languages_and_unused_services_go(item):
    assert not is_kept(item)
