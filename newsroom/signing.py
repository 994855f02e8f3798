"""SSH signatures of the manifest: ``ssh-keygen -Y sign`` / ``-Y verify``, namespace ``newsroom``.

An SSH key is what a newsroom's maintainers already have (and GitHub knows how to keep as a
secret); OpenSSH's signature format needs no other tool. The signer is named by an allowed-signers
line (``PRINCIPAL namespaces="newsroom" KEYTYPE KEY``) that the site publishes beside the manifest
and that a company can publish elsewhere too, so a reader can pin the key.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

NAMESPACE = "newsroom"
SIGNERS = "allowed_signers"
# A signing that takes longer is stuck (a key asking for its passphrase has no terminal here).
TIMEOUT = 60


class SigningError(Exception):
    """Signing or checking a signature failed; the message says why, in a line."""


def _ssh_keygen(args: list[str], data: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    try:
        if data:
            return subprocess.run(["ssh-keygen", *args], input=data, capture_output=True, timeout=TIMEOUT)
        return subprocess.run(["ssh-keygen", *args], stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)
    except FileNotFoundError:
        raise SigningError("ssh-keygen is not installed: install OpenSSH (Debian and Ubuntu: apt-get install openssh-client)") from None
    except subprocess.TimeoutExpired:
        raise SigningError(f"ssh-keygen did not finish in {TIMEOUT} s (a key with a passphrase cannot be used: the build has no terminal to ask it)") from None


def _said(result: subprocess.CompletedProcess[bytes]) -> str:
    return " ".join(result.stderr.decode("utf-8", "replace").split()) or f"exit status {result.returncode}"


def principal_for(site_url: str) -> str:
    """The signer's name: the site's host (one allowed-signers file can hold several newsrooms)."""
    host = re.sub(r"^[a-z]+://", "", site_url).split("/", 1)[0].split(":", 1)[0]
    return host or NAMESPACE


def sign(data: bytes, key: Path) -> bytes:
    """The armoured SSH signature of ``data`` with the private ``key`` (a file)."""
    if not key.is_file():
        raise SigningError(f"signing key {key} is not a file")
    result = _ssh_keygen(["-Y", "sign", "-q", "-n", NAMESPACE, "-f", str(key)], data)
    if result.returncode != 0 or b"BEGIN SSH SIGNATURE" not in result.stdout:
        raise SigningError(f"cannot sign with {key}: {_said(result)}")
    return result.stdout


def allowed_signers(key: Path, principal: str) -> str:
    """The allowed-signers line for ``key``'s public half, limited to the newsroom namespace."""
    result = _ssh_keygen(["-y", "-f", str(key)])
    if result.returncode != 0:
        raise SigningError(f"cannot read the public key of {key}: {_said(result)}")
    public = " ".join(result.stdout.decode("ascii", "replace").split()[:2])
    return f'{principal} namespaces="{NAMESPACE}" {public}\n'


def verify(data: bytes, signature: bytes, signers: str) -> str:
    """Check ``signature`` of ``data`` against the ``signers`` lines; returns who signed and the
    key's fingerprint (``principal (SHA256:…)``), raises SigningError when it does not hold."""
    with tempfile.TemporaryDirectory(prefix="newsroom-verify-") as folder:
        sig_file, signers_file = Path(folder) / "releases.json.sig", Path(folder) / SIGNERS
        sig_file.write_bytes(signature)
        signers_file.write_text(signers, encoding="utf-8")
        found = _ssh_keygen(["-Y", "find-principals", "-s", str(sig_file), "-f", str(signers_file)])
        principals = found.stdout.decode("utf-8", "replace").split()
        if found.returncode != 0 or not principals:
            raise SigningError("the manifest is not signed by a key in the allowed signers")
        checked = _ssh_keygen(["-Y", "verify", "-n", NAMESPACE, "-I", principals[0], "-s", str(sig_file), "-f", str(signers_file)], data)
        if checked.returncode != 0:
            raise SigningError(f"the manifest's signature does not match it: {_said(checked)}")
    said = checked.stdout.decode("utf-8", "replace") + checked.stderr.decode("utf-8", "replace")
    fingerprint = re.search(r"SHA256:[A-Za-z0-9+/=]+", said)
    return f"{principals[0]} ({fingerprint.group(0)})" if fingerprint else principals[0]
