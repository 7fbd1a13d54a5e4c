"""Password protection for a PDF: AES-256 (PDF 2.0 security handler, /V 5 /R 6) via pikepdf."""
from __future__ import annotations

import io
import secrets

__all__ = ["encrypt_pdf"]


def encrypt_pdf(data: bytes, password: str) -> bytes:
    """`data` encrypted so that it opens only with `password`.

    The owner password (which may change the permissions) is random and
    forgotten: the reader's password is the only one anybody knows.
    """
    import pikepdf

    if not password:
        raise ValueError("an empty password would protect nothing")
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(owner=secrets.token_hex(32), user=password,
                                                        R=6, aes=True))
    return out.getvalue()
