"""Settings: defaults < newsdesk.toml < NEWSDESK_* environment < --set key=value.

Every setting has a default and a help line in one place (the pydantic models below); the
reference in docs/configuration.md is checked against them by a test so the two cannot drift.
Environment variables use a double underscore between levels: ``NEWSDESK_FETCH__TIMEOUT=5``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from newsdesk.errors import ConfigError
from newsdesk.types import Licence, Source, SourceKind, SourceRules

ENV_PREFIX = "NEWSDESK_"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class FetchSettings(_Section):
    """How the fetcher fetches. Seconds are finite numbers (TOML has ``nan`` and ``inf``, and a
    NaN timeout makes every socket raise); `Fetcher` refuses values <= 0 with a FetchError."""

    user_agent: str = Field(
        "newsdesk/0.1 (+https://github.com/newsdesk/newsdesk; news localisation bot)",
        description="User-Agent sent with every request; name the bot and a contact URL.",
    )
    timeout: float = Field(
        15.0, allow_inf_nan=False, description="Seconds before a connection or read gives up."
    )
    deadline: float = Field(
        30.0,
        allow_inf_nan=False,
        description="Seconds a whole fetch may take: connection, headers and body of every "
        "redirect hop and of robots.txt (waits between requests to one host not counted).",
    )
    max_bytes: int = Field(
        10_000_000, description="Largest response body accepted, in bytes (default 10 MB)."
    )
    max_redirects: int = Field(5, description="Redirects followed before giving up.")
    per_host_interval: float = Field(
        1.0,
        ge=0,
        allow_inf_nan=False,
        description="Minimum seconds between two requests to the same host.",
    )
    respect_robots: bool = Field(True, description="Honour robots.txt (strongly recommended).")
    max_items_per_source: int = Field(
        200, ge=0, description="Most entries taken from one feed or sitemap in one run."
    )


class ExtractSettings(_Section):
    min_words: int = Field(
        40, description="Articles with fewer words after cleaning are rejected as 'too_short'."
    )


class ComposeSettings(_Section):
    length_target: int = Field(700, description="Target length of a story page, in words.")
    hold_short_pages: bool = Field(
        True, description="Hold for review (true) or publish (false) pages under the target."
    )
    excerpt_max_words: int = Field(
        60, description="Most words quoted from one 'excerpt'-licensed source on a page."
    )
    excerpt_max_share: float = Field(
        0.2, description="Largest share of one 'excerpt'-licensed source a page may copy (0-1)."
    )
    composer: Literal["extractive", "llm"] = Field(
        "extractive",
        description="extractive (offline, from the sources' sentences) or llm (a structured "
        "draft from an OpenAI-compatible endpoint, then the same verification).",
    )
    llm_base_url: str = Field("", description="Base URL of the endpoint of the llm composer.")
    llm_model: str = Field("", description="Model name for the llm composer.")
    llm_api_key_env: str = Field(
        "NEWSDESK_COMPOSE_API_KEY",
        description="Environment variable holding the llm composer's API key.",
    )
    llm_timeout: float = Field(
        120.0, description="Seconds before one llm composer request gives up."
    )


class TranslateSettings(_Section):
    engine: str = Field(
        "none", description="Translation engine: none, openai, ctranslate2 or deepl."
    )
    base_url: str = Field("", description="Base URL of an OpenAI-compatible endpoint.")
    model: str = Field("", description="Model name (openai) or model directory (ctranslate2).")
    api_key_env: str = Field(
        "NEWSDESK_TRANSLATE_API_KEY", description="Environment variable holding the API key."
    )
    timeout: float = Field(60.0, description="Seconds before one translation request gives up.")


class SiteSettings(_Section):
    name: str = Field("newsdesk", description="Site name shown in pages and feeds.")
    base_url: str = Field(
        "http://127.0.0.1:8000", description="Public URL of the site (canonical URLs, feeds)."
    )
    language: str = Field("fr", description="Language of the published site.")


class DeskSettings(_Section):
    """The review desk served by `newsdesk serve` (login, sessions, API token)."""

    user: str = Field(
        "editor", description="Name of the desk's editor account (recorded with each decision)."
    )
    password_hash: str = Field(
        "",
        description="scrypt hash of the editor's password (`python -m newsdesk.web.passwords`); "
        "empty: nobody can log in.",
    )
    secret_key: str = Field(
        "",
        description="Key that signs session cookies; empty: a random key per process "
        "(sessions end at restart).",
    )
    api_token_hash: str = Field(
        "",
        description="sha256 (hex) of the read-only JSON API's bearer token "
        "(`python -m newsdesk.web.passwords --token`); empty: the API is closed.",
    )
    secure_cookies: Literal["auto", "always", "never"] = Field(
        "auto", description="Mark cookies Secure: auto = when site.base_url is https."
    )
    session_hours: float = Field(8.0, description="Hours before an editor must log in again.")
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="Addresses or networks of reverse proxies whose X-Forwarded-For names the "
        "client (login throttling); empty: the connection's peer is the client.",
    )


class WatchSettings(_Section):
    """How `newsdesk watch` schedules each source (see newsdesk.desk.schedule). Hints from the
    source (Cache-Control max-age, Expires, Retry-After, the feed's <ttl> and sy:updatePeriod)
    are floors: a source is never checked sooner than they allow, even above max_interval."""

    min_interval: float = Field(
        300.0,
        gt=0,
        allow_inf_nan=False,
        description="Shortest seconds between two checks of a source (a busy source).",
    )
    max_interval: float = Field(
        21600.0,
        gt=0,
        allow_inf_nan=False,
        description="Longest seconds between two checks of a quiet source (hints may ask for "
        "longer, and are honoured).",
    )
    jitter: float = Field(
        0.1,
        ge=0,
        le=1,
        allow_inf_nan=False,
        description="Each interval is lengthened by a random fraction up to this, so that "
        "sources checked together drift apart (never shortened: hints stay floors).",
    )
    pause_after_failures: int = Field(
        10,
        ge=0,
        description="Consecutive failed checks after which a source is paused until an editor "
        "resumes it; 0: never pause.",
    )
    history: int = Field(
        20, ge=1, description="Recent checks remembered per source to estimate its publishing rate."
    )

    @model_validator(mode="after")
    def _interval_order(self) -> WatchSettings:
        if self.min_interval > self.max_interval:
            raise ValueError("watch.min_interval must not exceed watch.max_interval")
        return self


class WordPressSettings(_Section):
    """Publishing to WordPress through its REST API, beside the static site."""

    api_root: str = Field(
        "", description="WordPress REST root (https://host/wp-json/); empty: the target is off."
    )
    user: str = Field("", description="WordPress user owning the application password.")
    app_password_env: str = Field(
        "NEWSDESK_WORDPRESS_APP_PASSWORD",
        description="Environment variable holding the WordPress application password.",
    )
    status: str = Field("publish", description="Status given to new posts (publish or draft).")
    categories: list[str] = Field(
        default_factory=lambda: ["Actualité internationale"],
        description="Categories given to every post.",
    )


class HealthSettings(_Section):
    """What `newsdesk serve` reports at /healthz and /metrics (see docs/deploy.md)."""

    max_cycle_age: float = Field(
        3600.0,
        ge=0,
        allow_inf_nan=False,
        description="Seconds a desk cycle may be overdue before /healthz answers 503: due since "
        "the last cycle began or ended, or later, at the earliest check `newsdesk watch` planned "
        "for an active source; 0: never stale.",
    )
    metrics_token: bool = Field(
        False,
        description="Require the JSON API's bearer token (desk.api_token_hash) on /metrics; "
        "false: /metrics is open, like /healthz.",
    )


#: Source kinds whose location is a local path.
LOCAL_KINDS = frozenset({SourceKind.FOLDER, SourceKind.JSONL, SourceKind.WARC})


class SourceConfig(_Section):
    """One `[[sources]]` entry of newsdesk.toml."""

    kind: SourceKind
    location: str
    name: str | None = None
    publisher: str | None = None
    language: str | None = None
    licence: Licence = Licence.EXCERPT
    allow_private: bool = False
    drop_selectors: list[str] = Field(default_factory=list)
    title_suffix: str | None = None

    @field_validator("drop_selectors")
    @classmethod
    def _selectors_compile(cls, selectors: list[str]) -> list[str]:
        """A selector that does not compile would make every extraction of the source raise:
        refuse it here, where the operator can see which one."""
        from cssselect import GenericTranslator, SelectorError

        for selector in selectors:
            try:
                GenericTranslator().css_to_xpath(selector)
            except SelectorError as exc:
                raise ValueError(f"{selector!r} is not a CSS selector: {exc}") from exc
            except RecursionError as exc:  # cssselect recurses once per simple selector
                raise ValueError(f"{selector[:60]!r}…: CSS selector too long") from exc
        return selectors

    @model_validator(mode="after")
    def _local_path_usable(self) -> SourceConfig:
        """A local location the OS cannot take ("~nosuchuser/corpus.jsonl", a NUL byte) is a
        configuration error, not an exception when the run starts."""
        if self.kind in LOCAL_KINDS:
            if "\x00" in self.location:
                raise ValueError("location contains a NUL byte")
            try:
                Path(self.location).expanduser()
            except RuntimeError as exc:  # no home folder for that user
                raise ValueError(f"location {self.location!r}: {exc}") from exc
        return self

    def to_source(self, base: Path | None = None) -> Source:
        location = self.location
        if self.kind in LOCAL_KINDS and base:
            p = Path(location).expanduser()
            location = str(p if p.is_absolute() else (base / p).resolve())
        return Source(
            kind=self.kind,
            location=location,
            name=self.name,
            publisher=self.publisher,
            language=self.language,
            licence=self.licence,
            allow_private=self.allow_private,
            rules=SourceRules(tuple(self.drop_selectors), self.title_suffix),
        )


class Settings(_Section):
    db: str = Field(
        "",
        description="Database URL (sqlite:///… or postgresql://…); default: data_dir/newsdesk.sqlite.",
    )
    data_dir: Path = Field(
        Path("newsdesk-data"), description="Folder for the database and raw fetched bytes."
    )
    out: Path = Field(Path("site"), description="Folder where the static site is written.")
    fetch: FetchSettings = Field(default_factory=FetchSettings)
    extract: ExtractSettings = Field(default_factory=ExtractSettings)
    compose: ComposeSettings = Field(default_factory=ComposeSettings)
    translate: TranslateSettings = Field(default_factory=TranslateSettings)
    site: SiteSettings = Field(default_factory=SiteSettings)
    desk: DeskSettings = Field(default_factory=DeskSettings)
    health: HealthSettings = Field(default_factory=HealthSettings)
    wordpress: WordPressSettings = Field(default_factory=WordPressSettings)
    watch: WatchSettings = Field(default_factory=WatchSettings)
    sources: list[SourceConfig] = Field(
        default_factory=list,
        description="Sources declared in the file, made true in the database at each run (one "
        "removed here stops being read); with no source anywhere, the bundled samples.",
    )
    _base_dir: Path | None = PrivateAttr(None)

    @property
    def db_url(self) -> str:
        return self.db or f"sqlite:///{(self.data_dir / 'newsdesk.sqlite').as_posix()}"


def iter_settings(model: type[BaseModel] = Settings, prefix: str = "") -> Iterator[tuple[str, str]]:
    """Yield (dotted name, help line) for every leaf setting, for docs and `newsdesk config`."""
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, _Section):
            yield from iter_settings(annotation, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", info.description or ""


def reference_markdown() -> str:
    """The settings table of docs/configuration.md (`newsdesk config --markdown` prints it)."""
    lines = ["| setting | environment variable | meaning |", "|---|---|---|"]
    for name, help_line in iter_settings():
        env = ENV_PREFIX + name.upper().replace(".", "__")
        lines.append(f"| `{name}` | `{env}` | {help_line} |")
    return "\n".join(lines)


def _set_dotted(data: dict[str, Any], dotted: str, value: Any) -> None:
    parts = dotted.split(".")
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {})
        if not isinstance(node, dict):
            raise ConfigError(f"setting {dotted!r}: {part!r} is not a section")
    node[parts[-1]] = value


def _env_overrides(environ: Mapping[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    known = {name for name, _ in iter_settings()}
    for key, value in environ.items():
        if not key.startswith(ENV_PREFIX):
            continue
        dotted = key[len(ENV_PREFIX) :].lower().replace("__", ".")
        if dotted in known:
            _set_dotted(data, dotted, value)
    return data


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def load_settings(
    config_path: Path | None = None,
    overrides: Mapping[str, str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Build the settings from the file, the environment and `--set` overrides, in that order."""
    data: dict[str, Any] = {}
    base_dir: Path | None = None
    if config_path is not None:
        try:
            data = tomllib.loads(config_path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"configuration file not found: {config_path}") from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{config_path}: not valid TOML: {exc}") from exc
        except ValueError as exc:  # tomllib: an integer of more than 4,300 digits
            raise ConfigError(f"{config_path}: unusable value: {exc}") from exc
        except RecursionError as exc:  # about 1,000 nested arrays exhaust tomllib
            raise ConfigError(f"{config_path}: not valid TOML: nested too deeply") from exc
        except OSError as exc:  # a folder, no permission...
            raise ConfigError(f"{config_path}: cannot read: {exc}") from exc
        base_dir = config_path.resolve().parent
    data = _merge(data, _env_overrides(os.environ if environ is None else environ))
    known = {name for name, _ in iter_settings()}
    for dotted, value in (overrides or {}).items():
        if dotted not in known:
            raise ConfigError(f"unknown setting {dotted!r} (see `newsdesk config`)")
        _set_dotted(data, dotted, value)
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        where = str(config_path) if config_path else "settings"
        first = exc.errors()[0]
        loc = ".".join(str(x) for x in first["loc"])
        raise ConfigError(f"{where}: {loc}: {first['msg']}") from exc
    if base_dir is not None:
        # Relative folders in a config file are relative to that file, not to the cwd.
        if not settings.data_dir.is_absolute():
            settings.data_dir = base_dir / settings.data_dir
        if not settings.out.is_absolute():
            settings.out = base_dir / settings.out
    settings._base_dir = base_dir
    return settings


def configured_sources(settings: Settings) -> list[Source]:
    """The sources declared in the configuration file, resolved to `Source` objects."""
    return [s.to_source(settings._base_dir) for s in settings.sources]


def read_config_file(settings: Settings) -> bool:
    """Whether the settings come from a configuration file (whose `[[sources]]`, even none,
    are then the truth for the sources it declares; see newsdesk.desk.roster)."""
    return settings._base_dir is not None
