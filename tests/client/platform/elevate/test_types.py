"""The Windows and macOS elevation backends and the helper cannot run here, so their types are
checked for those platforms."""

import pytest

from tests.support.platform_types import OTHER_PLATFORMS, assert_types_check_for


@pytest.mark.parametrize("platform", OTHER_PLATFORMS)
def test_elevation_and_the_helper_type_check_for(platform, tmp_path):
    paths = [
        "client/platform/elevate",
        "client/admin_helper",
        "client/services/admin_helper.py",
        "client/services/elevated_input.py",
        "client/admin_wiring.py",
    ]
    assert_types_check_for(platform, paths, tmp_path)
