"""Pictures pasted into notes as `data:` URLs: measured from their header, never decoded.

A 560 kB PNG can hold 12000 × 12000 pixels, which take over a gigabyte to
draw into the PDF. Pillow (which WeasyPrint draws pictures with) reads only
the header to give the size; the pixels are never unpacked here. A picture
larger than `MAX_IMAGE_SIDE` on a side, or with more than `MAX_IMAGE_BYTES`
of data, is left out of the page, with a visible note where it was.
"""
from __future__ import annotations

import base64
import binascii
import io
import re
import warnings

MAX_IMAGE_SIDE = 4000            # pixels, width or height: a photo from a phone fits
MAX_IMAGE_BYTES = 1_000_000      # decoded bytes of one picture
_SPACE = re.compile(r"\s+")


def data_image_problem(url: str) -> str | None:
    """None if the `data:image/…;base64,` picture may be shown, else why it is left out.

    Data that isn't a picture at all is kept: a browser and the PDF show nothing
    for it, and that costs nothing."""
    payload = _SPACE.sub("", url.partition(",")[2])
    if len(payload) // 4 * 3 > MAX_IMAGE_BYTES:
        return (f"its data is {len(payload) // 4 * 3 / 1_000_000:.1f} MB, more than the "
                f"{MAX_IMAGE_BYTES / 1_000_000:.1f} MB goalbook shows")
    try:
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        return None          # nothing any renderer could draw
    try:
        size = image_size(data)
    except FarTooLarge:
        return f"it is far larger than the {MAX_IMAGE_SIDE:,} × {MAX_IMAGE_SIDE:,} pixels goalbook shows"
    if size is None:
        return None          # not a picture Pillow can open: no renderer can draw it either
    width, height = size
    if max(width, height) > MAX_IMAGE_SIDE:
        return (f"it is {width:,} × {height:,} pixels, more than the "
                f"{MAX_IMAGE_SIDE:,} × {MAX_IMAGE_SIDE:,} goalbook shows")
    return None


class FarTooLarge(Exception):
    """So many pixels that Pillow itself refuses to measure the picture."""


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from the picture's header; None if it isn't a PNG, JPEG, GIF or
    WebP picture that can be read."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")                 # DecompressionBombWarning: we decide here
        try:
            with Image.open(io.BytesIO(data), formats=("PNG", "JPEG", "GIF", "WEBP")) as picture:
                return picture.size                     # from the header: open() decodes no pixels
        except Image.DecompressionBombError as exc:
            raise FarTooLarge from exc
        except Exception:  # noqa: BLE001 - a damaged picture of any kind is "can't read"
            return None
