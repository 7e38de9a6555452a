import pytest
from django.test import RequestFactory

from gongkai.lib.clientip import client_address, parse_networks


def _request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_trusted_proxies_a_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_a_forwarded_header_from_an_untrusted_sender_is_ignored(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_behind_a_trusted_proxy_the_client_is_the_address_it_saw(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(_request("10.1.2.3", "198.51.100.1")) == "198.51.100.1"


def test_what_the_client_wrote_left_of_the_proxies_is_not_believed(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "192.168.5.5"]
    # the client sent "X-Forwarded-For: 1.1.1.1"; the outer proxy 192.168.5.5 appended the client,
    # the inner proxy 10.1.2.3 appended 192.168.5.5
    request = _request("10.1.2.3", "1.1.1.1, 198.51.100.1, 192.168.5.5")
    assert client_address(request) == "198.51.100.1"


def test_garbage_in_the_header_gives_the_last_proxy_not_the_garbage(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(_request("10.1.2.3", "<script>")) == "10.1.2.3"
    assert client_address(_request("10.1.2.3", "")) == "10.1.2.3"


def test_ipv6_and_ports_are_understood(settings):
    settings.TRUSTED_PROXIES = ["::1", "127.0.0.1"]
    assert client_address(_request("::1", "[2001:db8::5]:4711")) == "2001:db8::5"
    assert client_address(_request("127.0.0.1", "198.51.100.1:5555")) == "198.51.100.1"


def test_a_bad_network_is_named():
    with pytest.raises(ValueError, match=r"10\.0\.0\.300"):
        parse_networks(["10.0.0.0/8", "10.0.0.300"])
