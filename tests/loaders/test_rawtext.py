"""Sizes for --max-bytes / KG_MAX_BYTES and the cap's default."""

from __future__ import annotations

import pytest

from kg.errors import KgError
from kg.loaders.rawtext import DEFAULT_MAX_BYTES, configured_max_bytes, format_size, parse_size


@pytest.mark.parametrize(("text", "size"), [
    ("20000000", 20_000_000), ("20MB", 20_000_000), ("20 mb", 20_000_000), ("500k", 500_000),
    ("1.5GB", 1_500_000_000), ("64MiB", 64 * 2**20), ("1kib", 1024), ("100b", 100),
])
def test_parse_size(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "MB", "20 parsecs", "-5", "0", "1e9"])
def test_parse_size_refuses_what_is_not_a_size(text: str) -> None:
    with pytest.raises(ValueError, match="size"):
        parse_size(text)


def test_format_size() -> None:
    assert [format_size(n) for n in (312, 1500, 20_000_000, 30_400_000, 2 * 10**9)] == [
        "312 bytes", "1.5 kB", "20 MB", "30.4 MB", "2 GB"]


def test_configured_max_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    assert configured_max_bytes() == DEFAULT_MAX_BYTES == 20_000_000
    monkeypatch.setenv("KG_MAX_BYTES", "50MB")
    assert configured_max_bytes() == 50_000_000
    monkeypatch.setenv("KG_MAX_BYTES", "lots")
    with pytest.raises(KgError, match="^KG_MAX_BYTES: 'lots' is not a size"):
        configured_max_bytes()
