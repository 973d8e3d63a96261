"Test settings shared by every test: no display, no downloads into the user's cache, no internet."
import os, socket, ipaddress, pytest

os.environ.setdefault('MPLBACKEND', 'Agg')

@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    "Downloads made by a test land in a temporary folder, never in the user's cache"
    monkeypatch.setenv('WWDL_DATA', str(tmp_path_factory.mktemp('wwdl-data')))

_real_connect = socket.socket.connect

def _loopback_only(self, address):
    host = address[0] if isinstance(address, tuple) else None
    if host is not None and host != 'localhost':
        try: ip = ipaddress.ip_address(host)
        except ValueError: raise OSError(f"tests may not resolve or reach {host!r}: only 127.0.0.1 is allowed")
        if not ip.is_loopback: raise OSError(f"tests may not reach {host}: only loopback addresses are allowed")
    return _real_connect(self, address)

@pytest.fixture(autouse=True)
def _no_internet(monkeypatch):
    "Any connection a test opens to a non-loopback address fails at once"
    monkeypatch.setattr(socket.socket, 'connect', _loopback_only)
