"""Page behaviour that lives outside the page models.

A page's context and its routable sub-pages need the plugin's permissions, services,
forms and listings, and those import the page models; a model importing them back would
close an import cycle. So a page model only names the behaviour, and the plugin's
``page_views`` module registers it with :func:`page_view` (the plugin's
``AppConfig.ready()`` imports that module, once the models are loaded)::

    @page_view(PeerGroupPage)
    def peer_group(page: PeerGroupPage, request: HttpRequest) -> dict[str, Any]:
        return {"members": ...}

A page type uses :class:`RegisteredContextMixin` for its ``context`` view, and calls
:func:`run_page_view` for any other (a routable page's sub-page).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

View = TypeVar("View", bound=Callable[..., Any])

_VIEWS: dict[tuple[type, str], Callable[..., Any]] = {}


def page_view(page_type: type, name: str = "context") -> Callable[[View], View]:
    """Registers ``function(page, request, …)`` as ``page_type``'s view ``name``."""

    def register(function: View) -> View:
        _VIEWS[(page_type, name)] = function
        return function

    return register


def _registered(page: Any, name: str) -> Callable[..., Any] | None:
    for page_type in type(page).__mro__:
        if (page_type, name) in _VIEWS:
            return _VIEWS[(page_type, name)]
    return None


def run_page_view(page: Any, name: str, *args: Any, **kwargs: Any) -> Any:
    """What the view ``name`` registered for the page's type (or a base) returns."""
    view = _registered(page, name)
    if view is None:
        raise LookupError(
            f"No page view {name!r} for {type(page).__name__}: its plugin's page_views "
            "module registers it and must be imported in the plugin's AppConfig.ready().")
    return view(page, *args, **kwargs)


class RegisteredContextMixin:
    """Adds to the page's template context what its registered ``context`` view returns
    (a dict); a page type without one gets Wagtail's context alone."""

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)  # type: ignore[misc]
        if _registered(self, "context") is not None:
            context.update(run_page_view(self, "context", request))
        return context
