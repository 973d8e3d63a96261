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
