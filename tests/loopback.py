"Web servers on 127.0.0.1 for the download tests: one that serves a folder, and ones that misbehave on purpose."
import functools, http.server, threading

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args): pass

class serve_folder:
    "Serve `folder` over HTTP on 127.0.0.1 (a free port) from a thread; `.url` is its address; `.close()` stops it"
    def __init__(self, folder, handler=_Quiet):
        self.stop = threading.Event()
        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(handler, directory=str(folder)))
        self.server.daemon_threads = True
        self.server.stop = self.stop
        self.url = f'http://127.0.0.1:{self.server.server_port}'
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
    def close(self): self.stop.set(); self.server.shutdown(); self.server.server_close()
    def __enter__(self): return self
    def __exit__(self, *args): self.close()

BODY = bytes(range(256)) * 4   # the 1,024 bytes every misbehaving server claims to send

class Truncating(_Quiet):
    "Announces Content-Length 1024, sends 300 bytes, hangs up"
    def do_GET(self):
        self.send_response(200); self.send_header('Content-Length', str(len(BODY))); self.end_headers()
        self.wfile.write(BODY[:300]); self.wfile.flush(); self.close_connection = True

class ChunkedThenClose(_Quiet):
    "Sends a chunked body, two chunks of 200 bytes, then hangs up without the final zero-length chunk"
    protocol_version = 'HTTP/1.1'
    def do_GET(self):
        self.send_response(200); self.send_header('Transfer-Encoding', 'chunked'); self.end_headers()
        for i in range(2): self.wfile.write(b'%x\r\n' % 200 + BODY[i*200:(i+1)*200] + b'\r\n')
        self.wfile.flush(); self.close_connection = True

class NoLengthThenClose(_Quiet):
    "HTTP/1.0 style: no Content-Length, sends 300 bytes and closes (the client cannot tell it was cut short)"
    def do_GET(self):
        self.send_response(200); self.end_headers(); self.wfile.write(BODY[:300]); self.close_connection = True

class StallBody(_Quiet):
    "Announces 1024 bytes, sends 100, then goes silent (until the server is closed, at most 20 s)"
    def do_GET(self):
        self.send_response(200); self.send_header('Content-Length', str(len(BODY))); self.end_headers()
        self.wfile.write(BODY[:100]); self.wfile.flush(); self.server.stop.wait(20)

class StallHeaders(_Quiet):
    "Accepts the request and says nothing (until the server is closed, at most 20 s)"
    def do_GET(self): self.server.stop.wait(20)

class Whole(_Quiet):
    "Sends all of BODY with its Content-Length, for any path"
    def do_GET(self):
        self.send_response(200); self.send_header('Content-Length', str(len(BODY))); self.end_headers(); self.wfile.write(BODY)

# --- real clients: Debian's chromium, and local servers started as processes -------------------------------------
import contextlib, shutil, socket, subprocess, time, urllib.request
from pathlib import Path

CHROMIUM = shutil.which('chromium') or '/usr/bin/chromium'
CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
                 '--disable-sync', '--no-first-run', '--disable-quic']
HAVE_CHROMIUM = Path(CHROMIUM).exists()

def free_port() -> int:
    "A port on 127.0.0.1 that nothing listens on now"
    s = socket.socket(); s.bind(('127.0.0.1', 0)); p = s.getsockname()[1]; s.close(); return p

@contextlib.contextmanager
def local_server(cmd, ready_url:str, env=None, what:str='the server', wait_s:float=60):
    "Start `cmd` as a process, wait until `ready_url` answers, yield the process; stop it afterwards"
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(int(wait_s * 2)):
            try: urllib.request.urlopen(ready_url, timeout=1); break
            except Exception: time.sleep(0.5)
        else: raise RuntimeError(f'{what} did not start in {wait_s:.0f} s')
        yield proc
    finally:
        proc.terminate()
        try: proc.wait(10)
        except subprocess.TimeoutExpired: proc.kill()
