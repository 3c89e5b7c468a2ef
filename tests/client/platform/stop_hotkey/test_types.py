"""The Windows and macOS stop hotkeys cannot run here, so their types are checked for those platforms."""

import pytest

from tests.support.platform_types import OTHER_PLATFORMS, assert_types_check_for


@pytest.mark.parametrize("platform", OTHER_PLATFORMS)
def test_the_stop_hotkeys_type_check_for(platform, tmp_path):
    assert_types_check_for(platform, ["client/platform/stop_hotkey"], tmp_path)
