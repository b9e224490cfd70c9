"""The production files under platform/ stay in step with what the code reads.

No Docker engine runs here, so compose.yaml is checked for shape, not started.
"""

import multiprocessing
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
PLATFORM = ROOT / "platform"
ENV_EXAMPLE = PLATFORM / ".env.example"
COMPOSE = PLATFORM / "compose.yaml"
GUNICORN_CONF = PLATFORM / "gunicorn.conf.py"

# env_str("NAME", …), os.environ.get("NAME"), os.environ["NAME"], _int("NAME", …) …
READ_PATTERNS = [
    re.compile(r"""\benv_(?:str|bool|int|float|list)\(\s*["']([A-Z][A-Z0-9_]*)["']"""),
    re.compile(r"""\bos\.environ(?:\.get|\.setdefault)?[\[(]\s*["']([A-Z][A-Z0-9_]*)["']"""),
    re.compile(r"""\bos\.getenv\(\s*["']([A-Z][A-Z0-9_]*)["']"""),
    re.compile(r"""\b_int\(\s*["']([A-Z][A-Z0-9_]*)["']"""),
]
# ${NAME}, ${NAME:-default}, ${NAME:?message} in compose.yaml ($$NAME is the container's).
COMPOSE_VARIABLE = re.compile(r"(?<!\$)\$\{([A-Z][A-Z0-9_]*)")
ASSIGNMENT = re.compile(r"^([A-Z][A-Z0-9_]*)=(.*)$")


def variables_read_by(paths) -> set[str]:
    names = set()
    for path in paths:
        text = path.read_text()
        for pattern in READ_PATTERNS:
            names.update(pattern.findall(text))
    return names


def env_example() -> dict[str, str]:
    """The assignments in .env.example, unquoted the way Compose reads them."""
    values = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        match = ASSIGNMENT.match(line)
        if match:
            name, value = match.groups()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            values[name] = value
    return values


def compose_services() -> dict[str, str]:
    """Service name → its block of compose.yaml text, for checks on the literal text."""
    lines = COMPOSE.read_text().splitlines()
    start = lines.index("services:") + 1
    services: dict[str, list[str]] = {}
    current = None
    for line in lines[start:]:
        if line and not line.startswith((" ", "#")):
            break  # the next top-level key
        header = re.match(r"^  ([a-z][a-z0-9_-]*):\s*$", line)
        if header:
            current = header.group(1)
            services[current] = []
        elif current:
            services[current].append(line)
    return {name: "\n".join(block) for name, block in services.items()}


def test_env_example_lists_every_variable_the_settings_and_gunicorn_read():
    # The test settings read what the test runner sets (PYTEST_XDIST_WORKER): not deployment.
    settings_files = [path for path in sorted((ROOT / "config").rglob("*.py"))
                      if path != ROOT / "config" / "settings" / "test.py"]
    read = variables_read_by([*settings_files, GUNICORN_CONF])
    # The patterns must keep finding the readers, or this test would pass on nothing.
    assert {"SECRET_KEY", "DATABASE_URL", "SECURE_HSTS_SECONDS", "PORT"} <= read
    assert "DJANGO_SETTINGS_MODULE" in read
    assert sorted(read - env_example().keys()) == []


def test_env_example_lists_every_variable_compose_interpolates():
    interpolated = set(COMPOSE_VARIABLE.findall(COMPOSE.read_text()))
    assert "POSTGRES_PASSWORD" in interpolated
    assert sorted(interpolated - env_example().keys()) == []


def test_every_env_example_variable_has_a_comment_above_it():
    lines = ENV_EXAMPLE.read_text().splitlines()
    uncommented = [
        line.split("=", 1)[0]
        for index, line in enumerate(lines)
        if ASSIGNMENT.match(line) and not (index and lines[index - 1].startswith("#"))
    ]
    assert uncommented == []


def test_env_example_ships_no_secret_key_and_production_settings():
    values = env_example()
    assert values["SECRET_KEY"] == ""
    assert values["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    assert values["DEBUG"] == "false"
    assert "postgres:5432" in values["DATABASE_URL"]
    assert values["ELASTICSEARCH_URL"] == "http://elasticsearch:9200"


def test_production_settings_accept_every_env_example_value():
    environment = {
        "PATH": os.environ.get("PATH", ""),
        **env_example(),
        "SECRET_KEY": "a-generated-key-for-this-test-only-0123456789abcdef",
    }
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], "
        "s.SECURE_SSL_REDIRECT, s.ALLOWED_HOSTS)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "django.core.cache.backends.redis.RedisCache",
        "True",
        "['platform.example.org']",
    ]


def test_compose_defines_the_production_services():
    services = compose_services()
    assert {"postgres", "redis", "elasticsearch", "migrate", "web", "worker"} <= services.keys()
    assert "image: postgres:16" in services["postgres"]
    # Every web process shares one cache (the page cache), which evicts rather than fills.
    assert "allkeys-lru" in services["redis"]
    assert env_example()["CACHE_URL"] == "redis://redis:6379/0"
    assert "docker.elastic.co/elasticsearch/elasticsearch:8." in services["elasticsearch"]
    for name in ("postgres", "redis", "elasticsearch", "web"):
        assert "healthcheck:" in services[name], name
    assert '"platform/gunicorn.conf.py", "config.wsgi"' in services["web"]
    assert '"manage.py", "db_worker"' in services["worker"]
    assert '"manage.py", "migrate", "--no-input"' in services["migrate"]
    for name in ("web", "worker"):
        assert "service_completed_successfully" in services[name], name


def test_compose_file_is_valid_yaml():
    document = yaml.safe_load(COMPOSE.read_text())
    assert document["services"]["web"]["env_file"] == ".env"
    assert document["services"]["web"]["build"]["dockerfile"] == "platform/Dockerfile"


def test_image_runs_gunicorn_with_the_platform_config_and_production_settings():
    dockerfile = (PLATFORM / "Dockerfile").read_text()
    assert dockerfile.startswith("#") and "FROM python:3.11-slim" in dockerfile
    assert "pip install -c requirements.lock ." in dockerfile
    assert "collectstatic --no-input" in dockerfile
    assert "DJANGO_SETTINGS_MODULE=config.settings.production" in dockerfile
    assert 'CMD ["gunicorn", "-c", "platform/gunicorn.conf.py", "config.wsgi"]' in dockerfile
    # The static files collected at build time are where the runtime settings look.
    assert "STATIC_ROOT=/app/static" in dockerfile
    assert env_example()["STATIC_ROOT"] == "/app/static"


def test_gunicorn_config_reads_port_and_concurrency_from_the_environment(monkeypatch):
    monkeypatch.setenv("PORT", "9000")
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "10.0.0.2")
    conf = runpy.run_path(str(GUNICORN_CONF))
    assert conf["bind"] == "0.0.0.0:9000"
    assert conf["workers"] == 4
    assert conf["forwarded_allow_ips"] == "10.0.0.2"


def test_gunicorn_config_defaults(monkeypatch):
    for name in variables_read_by([GUNICORN_CONF]):
        monkeypatch.delenv(name, raising=False)
    conf = runpy.run_path(str(GUNICORN_CONF))
    assert conf["bind"] == "0.0.0.0:8000"
    assert conf["workers"] == multiprocessing.cpu_count() * 2 + 1
    assert conf["timeout"] == 30
    assert conf["max_requests"] > 0 < conf["max_requests_jitter"]
    assert conf["accesslog"] == "-"


def test_platform_folder_is_not_a_python_package():
    assert not (PLATFORM / "__init__.py").exists()
    import platform

    assert Path(platform.__file__).parent != PLATFORM
    assert callable(platform.system)
