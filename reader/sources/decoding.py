"""Decompress an HTTP body as it streams in, in bounded steps, so caps apply to real bytes.

A compressed bomb (50 MB of zeros in 50 KB of gzip) is caught by the caller's size cap after
at most one step past it, never after inflating the whole thing in memory.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from reader.errors import FetchError
from reader.sanitize import clean_line


class StreamDecoder:
    """Incremental gzip/deflate decoding with bounded output per step."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._raw_deflate = False
        self._obj: zlib._Decompress | None = None
        if encoding in {"gzip", "x-gzip"}:
            self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._obj = zlib.decompressobj()
        elif encoding not in {"", "identity"}:
            raise FetchError(f"unsupported content encoding {clean_line(encoding)[:40]!r}")

    def feed(self, chunk: bytes, step: int = 256 * 1024) -> Iterator[bytes]:
        """Yield the decoded bytes of ``chunk``, at most ``step`` bytes at a time."""
        if self._obj is None:
            yield chunk
            return
        data = chunk
        while data:
            try:
                out = self._obj.decompress(data, step)
            except zlib.error:
                if self.encoding == "deflate" and not self._raw_deflate:
                    # Some servers send raw deflate without the zlib header.
                    self._raw_deflate = True
                    self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise FetchError("the compressed body is corrupt") from None
            if out:
                yield out
            if self._obj.eof:
                rest = self._obj.unused_data
                if rest and self.encoding != "deflate":
                    # A gzip stream may hold several members, one after another.
                    self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)
                    data = rest
                    continue
                return
            data = self._obj.unconsumed_tail


__all__ = ["StreamDecoder"]
