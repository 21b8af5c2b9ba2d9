"""Which addresses a fetch may reach: internal ones only for a feed that is itself internal.

A feed on the internet must not make newsreader fetch article pages from, or
follow redirects to, the machine's own services (loopback), the local
network (private ranges), link-local addresses (the cloud metadata service
at 169.254.169.254) or other ranges that are not global. The rule compares
kinds of address: a page or a redirect target is fetched when its address is
public, when it is of the same kind as the feed's own address (a feed served
from 127.0.0.1 may link pages on 127.0.0.1, a feed on the office network
pages on it), or when ``[feeds] allow_internal_addresses`` is set.

Host names are judged by the addresses they resolve to, and the address a
connection reached is judged again (:meth:`AddressPolicy.refusal_for_peer`),
so a name that resolves differently the second time gains nothing. Through
a proxy, which resolves names itself, only literal addresses and
``localhost`` names can be judged.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import urllib.request
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

Kind = Literal["public", "loopback", "private", "link-local"]
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
_KIND_NAMES = {
    "loopback": "a loopback address",
    "private": "a private-network address",
    "link-local": "a link-local address",
}


def address_kind(address: Address) -> Kind:
    """The kind of one IP address (IPv4-mapped IPv6 addresses as their IPv4 address)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback or address.is_unspecified:  # 0.0.0.0 reaches this machine
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_global:
        return "public"
    return "private"


def literal_kind(host: str) -> tuple[Kind, str] | None:
    """(kind, address) of a host known without asking DNS: an IP literal or localhost."""
    host = host.strip("[]").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return "loopback", host
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return None
    return address_kind(address), str(address)


def is_proxied(url: str) -> bool:
    """True when the environment sends ``url`` through a proxy (which resolves it itself)."""
    parts = urlsplit(url)
    proxies = urllib.request.getproxies_environment()
    if parts.scheme not in proxies and "all" not in proxies:
        return False
    return not urllib.request.proxy_bypass(parts.hostname or "")


async def host_kind(url: str) -> tuple[Kind, str] | None:
    """(kind, address) of the host of ``url``: its most internal address; None if unknown.

    Unknown: a name DNS cannot resolve (the connection fails anyway), or any
    name sent through a proxy.
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    known = literal_kind(host)
    if known is not None or is_proxied(url):
        return known
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        found = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return None
    kinds: list[tuple[Kind, str]] = []
    for _family, _type, _proto, _name, sockaddr in found:
        try:
            address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        except ValueError:
            continue
        kinds.append((address_kind(address), str(address)))
    internal = [kind for kind in kinds if kind[0] != "public"]
    chosen = internal or kinds
    return chosen[0] if chosen else None


@dataclass
class AddressPolicy:
    """What fetches for one feed may reach, given the kind of the feed's own address.

    Make one per feed (:meth:`for_origin`) and give it to every fetch for that
    feed: each host is resolved once.
    """

    origin: str
    origin_kind: Kind = "public"
    allow_internal: bool = False
    _hosts: dict[str, tuple[Kind, str] | None] = field(default_factory=dict, repr=False)

    @classmethod
    async def for_origin(cls, url: str, allow_internal: bool = False) -> AddressPolicy:
        """The policy of a fetch on behalf of the feed (or page) at ``url``."""
        known = None if allow_internal else await host_kind(url)
        return cls(url, known[0] if known else "public", allow_internal)

    def allows(self, kind: Kind) -> bool:
        """True when an address of ``kind`` may be fetched under this policy."""
        return self.allow_internal or kind == "public" or kind == self.origin_kind

    async def refusal(self, url: str) -> str | None:
        """Why ``url`` must not be fetched, or None when it may be."""
        if self.allow_internal or url == self.origin:
            return None
        host = urlsplit(url).hostname or ""
        if host not in self._hosts:
            self._hosts[host] = await host_kind(url)
        return self._refused(url, self._hosts[host])

    def refusal_for_peer(self, url: str, peer: object) -> str | None:
        """Why the address a connection for ``url`` reached must not be read, or None."""
        if self.allow_internal or url == self.origin or is_proxied(url):
            return None
        if not isinstance(peer, tuple) or not peer:
            return None
        return self._refused(url, literal_kind(str(peer[0])))

    def _refused(self, url: str, known: tuple[Kind, str] | None) -> str | None:
        if known is None or self.allows(known[0]):
            return None
        kind, address = known
        host = urlsplit(url).hostname or url
        where = host if host == address else f"{host} ({address})"
        return (
            f"refused to fetch {url}: {where} is {_KIND_NAMES[kind]} and the feed is not on one"
            " (setting feeds.allow_internal_addresses)"
        )
