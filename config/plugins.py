"""The plugin registry.

A plugin is a Django app whose ``AppConfig`` sets ``platform_plugin = True`` and
declares what it contributes as plain attributes (see :class:`Plugin`).
Feature apps never import from ``config``: the declaration is duck-typed, and this
module is the one place that reads it and mounts what the enabled plugins bring.

Which plugins are enabled is the ``PLATFORM_PLUGINS`` setting (comma-separated app
modules, from the environment); the settings turn it into ``INSTALLED_APPS``, so a
plugin that is switched off is not installed at all and leaves nothing behind.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern, URLResolver, include, path
from django.utils.module_loading import import_string

DEFAULT_PLUGINS = ["home", "repository", "community", "events", "search"]

# Plugins that build on others: enabling one without what it needs is refused at start.
PLUGIN_REQUIREMENTS: dict[str, tuple[str, ...]] = {
    "events": ("community", "repository"),
}

# The home plugin draws the site frame (base template, navigation, footer); every
# other plugin may be switched off.
REQUIRED_PLUGINS = ["home"]


# Endpoints that config mounts itself; a plugin may not take their names.
BUILT_IN_ENDPOINTS = frozenset({"pages", "images", "documents"})


@dataclass(frozen=True)
class Plugin:
    """What a plugin's ``AppConfig`` declares. Every attribute but the marker
    ``platform_plugin = True`` is optional.

    ``url_module``
        Dotted path of a URL module mounted inside the language prefix (``/de/…``,
        ``/en/…``), before the page tree so that its routes win over page slugs.
    ``api_endpoints``
        Endpoint name → dotted path of a Wagtail API v2 viewset, mounted at
        ``/api/v2/<name>/``.
    ``search_sources``
        Dotted paths of the objects that tell the search plugin what to index.
    ``demo_loader``
        Dotted path of ``callable(log: Callable[[str], None]) -> None`` that creates the
        plugin's demo content; it must be idempotent. Loaders run in plugin order.
    ``readiness_checks``
        Component name → dotted path of ``callable() -> tuple[bool, str]`` (ready, and a
        short public state such as ``"ok"`` or ``"unreachable"``) asked by ``/readyz``.
    ``sitemaps``
        Section name → dotted path of a Django ``Sitemap`` class listed in
        ``/sitemap.xml`` beside the pages; it must list only what anyone may read.
    ``restore_steps``
        Dotted paths of ``callable(log: Callable[[str], None]) -> None`` that
        ``manage.py check_restore`` runs after a restore (such as reindexing); each raises
        when the instance is not in order.
    """

    label: str
    name: str
    url_module: str | None
    api_endpoints: Mapping[str, str]
    search_sources: Sequence[str]
    demo_loader: str | None
    readiness_checks: Mapping[str, str]
    sitemaps: Mapping[str, str]
    restore_steps: Sequence[str] = ()

    @classmethod
    def from_app_config(cls, config: AppConfig) -> Plugin:
        def declared(attribute: str, kind: type | tuple[type, ...], default: Any) -> Any:
            value = getattr(config, attribute, default)
            if value is not None and not isinstance(value, kind):
                kinds = kind if isinstance(kind, tuple) else (kind,)
                raise ImproperlyConfigured(
                    f"{config.name}: {attribute} must be a "
                    f"{' or '.join(k.__name__ for k in kinds)}, not {type(value).__name__}."
                )
            return value

        return cls(
            label=config.label,
            name=config.name,
            url_module=declared("url_module", str, None),
            api_endpoints=dict(declared("api_endpoints", Mapping, {})),
            search_sources=tuple(declared("search_sources", (list, tuple), ())),
            demo_loader=declared("demo_loader", str, None),
            readiness_checks=dict(declared("readiness_checks", Mapping, {})),
            sitemaps=dict(declared("sitemaps", Mapping, {})),
            restore_steps=tuple(declared("restore_steps", (list, tuple), ())),
        )


def installed_apps_for(plugin_names: Sequence[str]) -> list[str]:
    """The plugin part of ``INSTALLED_APPS``, checked: required plugins first, no repeats."""
    missing = [name for name in REQUIRED_PLUGINS if name not in plugin_names]
    if missing:
        raise ImproperlyConfigured(
            f"PLATFORM_PLUGINS must include {', '.join(missing)}: it draws the site frame. "
            f"Got {', '.join(plugin_names) or 'nothing'}."
        )
    seen: list[str] = []
    for name in plugin_names:
        if name in seen:
            raise ImproperlyConfigured(f"PLATFORM_PLUGINS names {name!r} twice.")
        try:
            found = importlib.util.find_spec(name) is not None
        except ModuleNotFoundError:
            found = False
        if not found:
            raise ImproperlyConfigured(
                f"PLATFORM_PLUGINS names {name!r}, but there is no such module. "
                f"Known plugins: {', '.join(DEFAULT_PLUGINS)}."
            )
        seen.append(name)
    for name in seen:
        needed = [other for other in PLUGIN_REQUIREMENTS.get(name, ()) if other not in seen]
        if needed:
            raise ImproperlyConfigured(
                f"PLATFORM_PLUGINS includes {name!r}, which builds on "
                f"{', '.join(needed)}: enable {'it' if len(needed) == 1 else 'them'} too."
            )
    return seen


def plugins() -> list[Plugin]:
    """The enabled plugins, in ``INSTALLED_APPS`` order."""
    return [
        Plugin.from_app_config(config)
        for config in apps.get_app_configs()
        if getattr(config, "platform_plugin", False)
    ]


def plugin_urlpatterns() -> list[URLPattern | URLResolver]:
    return [path("", include(plugin.url_module)) for plugin in plugins() if plugin.url_module]


def plugin_sitemaps() -> dict[str, type]:
    found: dict[str, type] = {}
    for plugin in plugins():
        for section, dotted_path in plugin.sitemaps.items():
            if section in found or section == "pages":
                raise ImproperlyConfigured(
                    f"{plugin.name} declares the sitemap section {section!r}, which is taken.")
            found[section] = import_string(dotted_path)
    return found


def api_endpoints() -> Iterator[tuple[str, type]]:
    taken: dict[str, str] = {}
    for plugin in plugins():
        for endpoint, dotted_path in plugin.api_endpoints.items():
            if endpoint in BUILT_IN_ENDPOINTS:
                raise ImproperlyConfigured(
                    f"{plugin.name} declares the API endpoint {endpoint!r}, which is built in."
                )
            if endpoint in taken:
                raise ImproperlyConfigured(
                    f"API endpoint {endpoint!r} is declared by both {taken[endpoint]} "
                    f"and {plugin.name}."
                )
            taken[endpoint] = plugin.name
            yield endpoint, import_string(dotted_path)


def demo_loaders() -> list[tuple[str, Callable[..., Any]]]:
    return [
        (plugin.label, import_string(plugin.demo_loader))
        for plugin in plugins()
        if plugin.demo_loader
    ]


def readiness_checks() -> list[tuple[str, Callable[[], tuple[bool, str]]]]:
    return [
        (component, import_string(dotted))
        for plugin in plugins()
        for component, dotted in plugin.readiness_checks.items()
    ]


def restore_steps() -> list[tuple[str, Callable[..., Any]]]:
    return [(plugin.label, import_string(dotted))
            for plugin in plugins() for dotted in plugin.restore_steps]


def search_sources() -> list[Any]:
    return [import_string(dotted) for plugin in plugins() for dotted in plugin.search_sources]
