"""Secret links: the random token that a row keeps as the secret of its link (a
cancellation link, a status page, an unsubscribe link)."""

from __future__ import annotations

import secrets


def new_token() -> str:
    """A fresh secret for a link: 32 random bytes, URL-safe."""
    return secrets.token_urlsafe(32)
