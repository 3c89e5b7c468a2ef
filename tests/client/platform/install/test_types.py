"""The Windows and macOS backends cannot run here, so at least their types are checked for them."""

import pytest

from tests.support.platform_types import OTHER_PLATFORMS, assert_types_check_for


@pytest.mark.parametrize("platform", OTHER_PLATFORMS)
def test_the_install_lifecycle_type_checks_for(platform, tmp_path):
    assert_types_check_for(platform, ["client/platform/install", "client/__main__.py"], tmp_path)
