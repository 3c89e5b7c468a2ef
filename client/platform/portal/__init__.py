"""The XDG desktop portal over D-Bus: how a Wayland desktop lets us see the screen and send input."""
