"""Fetching a web page politely: one GET with a timeout, kb's user agent, a bounded number
of redirects (to http or https only), and no more bytes than an article may be. A failure is
a reason to print, never an exception: the rest of a load goes on."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO, Any

from kb import __version__

TIMEOUT_SECONDS = 20
MAX_REDIRECTS = 5
USER_AGENT = f"kb/{__version__} (a knowledge base of aid commitments; reads one page per link)"
SCHEMES = ("http://", "https://")
_ACCEPT = "text/html, text/plain;q=0.9, */*;q=0.1"
_NOT_HTTP = "redirect to a URL that is not http"


def is_url(text: str) -> bool:
    return text.lower().startswith(SCHEMES)


@dataclass(frozen=True)
class Page:
    """The bytes of a fetched page, the URL it ended at, and what the server called it."""

    data: bytes
    url: str
    content_type: str
    charset: str | None


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:  # fmt: skip
        if not is_url(newurl):  # never on to file:, ftp: or data:
            raise urllib.error.HTTPError(newurl, code, _NOT_HTTP, headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, limit: int, timeout: float = TIMEOUT_SECONDS) -> Page | str:
    """The page at `url`, or why it could not be fetched."""
    opener = urllib.request.build_opener(_Redirects)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT})
    try:
        with opener.open(request, timeout=timeout) as response:
            data = response.read(limit + 1)
            return _page(response, data, limit)
    except urllib.error.HTTPError as error:
        if error.code in (301, 302, 303, 307, 308):
            return f"too many redirects (over {MAX_REDIRECTS}), or one to a URL that is not http"
        return f"HTTP {error.code} {error.reason}"
    except urllib.error.URLError as error:
        return f"cannot fetch it ({_reason(error.reason)})"
    except TimeoutError:
        return f"no answer within {timeout:g} seconds"
    except (OSError, ValueError) as error:  # a malformed URL, a reset connection
        return f"cannot fetch it ({error})"


def _page(response: Any, data: bytes, limit: int) -> Page | str:
    if len(data) > limit:
        return f"too large (over the {limit // 2**20} MiB an article may be)"
    headers = response.headers
    content_type = headers.get_content_type() if headers else "text/html"
    if not (content_type.startswith("text/") or content_type in ("application/xhtml+xml",)):
        return f"not a web page or text ({content_type})"
    return Page(data, response.geturl(), content_type, headers.get_content_charset())


def _reason(reason: object) -> str:
    if isinstance(reason, TimeoutError):
        return "no answer in time"
    return str(getattr(reason, "strerror", None) or reason)


def urls_in(path: str) -> list[str]:
    """The URLs a file lists, one a line (blank lines and `#` comments skipped); ValueError
    names a line that is no http(s) URL, OSError a file that cannot be read."""
    try:
        with open(path, encoding="utf-8-sig") as lines:
            found = [line.strip() for line in lines]
    except UnicodeDecodeError:
        raise ValueError(f"{path}: not UTF-8 text") from None
    urls = [line for line in found if line and not line.startswith("#")]
    for number, line in enumerate(found, start=1):
        if line and not line.startswith("#") and not is_url(line):
            raise ValueError(f"{path}:{number}: {line!r} is not an http(s) URL")
    return urls
