"""The plugin registry.

A plugin is a Django app whose ``AppConfig`` sets ``platform_plugin = True`` and
declares what it needs and what it contributes as plain attributes (see
:class:`Declaration` for what the settings read before Django starts, :class:`Plugin`
for what is mounted once it runs). Feature apps never import from ``config``: the
declaration is duck-typed, and this module is the one place that reads it.

The plugins are discovered (every top-level package of the checkout whose ``apps.py``
holds such a config); ``PLATFORM_PLUGINS`` (comma-separated, from the environment) picks
some of them. The settings turn the choice into ``INSTALLED_APPS``, template context
processors, the sign-in URL and the plugins' own settings, so a plugin that is switched
off is not installed at all and leaves nothing behind. Nothing here names a feature app.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern, URLResolver, include, path
from django.utils.module_loading import import_string

# The checkout: each top-level package here may be a plugin.
CHECKOUT = Path(__file__).resolve().parent.parent

# Endpoints that config mounts itself; a plugin may not take their names.
BUILT_IN_ENDPOINTS = frozenset({"pages", "images", "documents"})


@dataclass(frozen=True)
class Declaration:
    """What a plugin's ``AppConfig`` class declares for the settings, read from its
    ``apps`` module before Django is set up. Every attribute is optional.

    ``essential``
        ``True`` for a plugin every installation needs (the site frame); it cannot be
        switched off.
    ``requires``
        Names of the plugins it builds on (it imports them); enabling it without them is
        refused at start with a message naming both.
    ``context_processors``
        Dotted paths of template context processors it adds.
    ``login_url``, ``login_redirect_url``
        Its sign-in page and where a sign-in leads by default (``LOGIN_URL``,
        ``LOGIN_REDIRECT_URL``); at most one plugin may offer them.
    ``settings``
        Django settings it needs that only make sense with it installed (name → value),
        such as a library's callables that point into the plugin.
    ``api_parsers``
        Dotted paths of REST framework parsers for request bodies, put before the form
        parsers (such as a JSON parser that refuses what no endpoint should read).
    ``middleware``
        Dotted paths of middleware it adds, after the platform's own and before the
        sign-in lockout's (which must stay last).
    """

    name: str
    essential: bool = False
    requires: tuple[str, ...] = ()
    context_processors: tuple[str, ...] = ()
    login_url: str | None = None
    login_redirect_url: str | None = None
    settings: Mapping[str, Any] | None = None
    api_parsers: tuple[str, ...] = ()
    middleware: tuple[str, ...] = ()

    @classmethod
    def of(cls, name: str) -> Declaration | None:
        """The declaration of the app ``name``, or ``None`` when it is no plugin."""
        config = config_class_of(name)
        if config is None:
            return None
        return cls(
            name=name,
            essential=bool(getattr(config, "essential", False)),
            requires=tuple(_declared(config, "requires", (list, tuple), ())),
            context_processors=tuple(
                _declared(config, "context_processors", (list, tuple), ())),
            login_url=_declared(config, "login_url", str, None),
            login_redirect_url=_declared(config, "login_redirect_url", str, None),
            settings=dict(_declared(config, "settings", Mapping, {})),
            api_parsers=tuple(_declared(config, "api_parsers", (list, tuple), ())),
            middleware=tuple(_declared(config, "middleware", (list, tuple), ())),
        )


def config_class_of(name: str) -> type[AppConfig] | None:
    try:
        found = importlib.util.find_spec(f"{name}.apps") is not None
    except ModuleNotFoundError:
        found = False
    if not found:
        return None
    module = importlib.import_module(f"{name}.apps")
    configs = [
        value for value in vars(module).values()
        if inspect.isclass(value) and issubclass(value, AppConfig)
        and value.__module__ == module.__name__ and getattr(value, "platform_plugin", False)
    ]
    return configs[0] if len(configs) == 1 else None


def _declared(config: Any, attribute: str, kind: type | tuple[type, ...], default: Any) -> Any:
    value = getattr(config, attribute, default)
    if value is not None and not isinstance(value, kind):
        kinds = kind if isinstance(kind, tuple) else (kind,)
        raise ImproperlyConfigured(
            f"{config.name}: {attribute} must be a "
            f"{' or '.join(k.__name__ for k in kinds)}, not {type(value).__name__}."
        )
    return value


def _checkout_plugins() -> dict[str, Declaration]:
    found: dict[str, Declaration] = {}
    for folder in sorted(CHECKOUT.iterdir()):
        if (folder / "apps.py").is_file() and (folder / "__init__.py").is_file():
            declaration = Declaration.of(folder.name)
            if declaration is not None:
                found[folder.name] = declaration
    return found


def discover() -> list[str]:
    """Every plugin in the checkout, in dependency order: the default ``PLATFORM_PLUGINS``."""
    return _in_dependency_order(_checkout_plugins())


def installed_apps_for(plugin_names: Sequence[str]) -> list[str]:
    """The plugin part of ``INSTALLED_APPS``, checked and in dependency order (essential
    plugins first, each plugin after those it requires, otherwise as given)."""
    declarations: dict[str, Declaration] = {}
    for name in plugin_names:
        if name in declarations:
            raise ImproperlyConfigured(f"PLATFORM_PLUGINS names {name!r} twice.")
        declaration = Declaration.of(name)
        if declaration is None:
            raise ImproperlyConfigured(
                f"PLATFORM_PLUGINS names {name!r}, but there is no such plugin. "
                f"Known plugins: {', '.join(discover())}."
            )
        declarations[name] = declaration
    missing = [name for name, declaration in _checkout_plugins().items()
               if declaration.essential and name not in declarations]
    if missing:
        raise ImproperlyConfigured(
            f"PLATFORM_PLUGINS must include {', '.join(missing)}: every installation "
            f"needs it. Got {', '.join(plugin_names) or 'nothing'}."
        )
    for name, declaration in declarations.items():
        needed = [other for other in declaration.requires if other not in declarations]
        if needed:
            raise ImproperlyConfigured(
                f"PLATFORM_PLUGINS includes {name!r}, which requires "
                f"{', '.join(repr(other) for other in needed)}: enable "
                f"{', '.join(needed)} too, or switch {name} off."
            )
    return _in_dependency_order(declarations)


def _in_dependency_order(declarations: Mapping[str, Declaration]) -> list[str]:
    ordered: list[str] = []
    pending = sorted(declarations, key=lambda name: not declarations[name].essential)
    while pending:
        ready = [name for name in pending
                 if all(other in ordered for other in declarations[name].requires)]
        if not ready:
            raise ImproperlyConfigured(
                f"The plugins {', '.join(pending)} require each other in a circle.")
        ordered.append(ready[0])
        pending.remove(ready[0])
    return ordered


def context_processors_of(plugin_names: Sequence[str]) -> list[str]:
    """The template context processors the plugins add, in plugin order."""
    return [dotted for name in plugin_names for dotted in Declaration.of(name).context_processors]


def api_parsers_of(plugin_names: Sequence[str]) -> list[str]:
    """The request-body parsers the plugins add, in plugin order."""
    return [dotted for name in plugin_names for dotted in Declaration.of(name).api_parsers]


def middleware_of(plugin_names: Sequence[str]) -> list[str]:
    """The middleware the plugins add, in plugin order."""
    return [dotted for name in plugin_names for dotted in Declaration.of(name).middleware]


def login_urls_of(plugin_names: Sequence[str], default: tuple[str, str]) -> tuple[str, str]:
    """``(LOGIN_URL, LOGIN_REDIRECT_URL)``: the one plugin's that offers a sign-in page, else
    ``default``."""
    offering = [Declaration.of(name) for name in plugin_names
                if Declaration.of(name).login_url]
    if len(offering) > 1:
        raise ImproperlyConfigured(
            f"{offering[0].name} and {offering[1].name} both declare a login_url; "
            "switch one of them off.")
    if not offering:
        return default
    return offering[0].login_url, offering[0].login_redirect_url or default[1]


def settings_of(plugin_names: Sequence[str]) -> dict[str, Any]:
    """The Django settings the plugins declare; two plugins may not set the same one."""
    found: dict[str, Any] = {}
    owner: dict[str, str] = {}
    for name in plugin_names:
        for setting, value in (Declaration.of(name).settings or {}).items():
            if setting in found:
                raise ImproperlyConfigured(
                    f"{owner[setting]} and {name} both declare the setting {setting}.")
            found[setting], owner[setting] = value, name
    return found


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
        return cls(
            label=config.label,
            name=config.name,
            url_module=_declared(config, "url_module", str, None),
            api_endpoints=dict(_declared(config, "api_endpoints", Mapping, {})),
            search_sources=tuple(_declared(config, "search_sources", (list, tuple), ())),
            demo_loader=_declared(config, "demo_loader", str, None),
            readiness_checks=dict(_declared(config, "readiness_checks", Mapping, {})),
            sitemaps=dict(_declared(config, "sitemaps", Mapping, {})),
            restore_steps=tuple(_declared(config, "restore_steps", (list, tuple), ())),
        )


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
