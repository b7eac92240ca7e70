"""The README's pictures are the real screen of this tree: `make
screenshot`, run into a scratch folder, takes pictures of the size of
docs/screenshot.png (BIOS, VGA text) and docs/screenshot-uefi.png (UEFI,
the framebuffer) whose first two text rows, `Hello World!` and the line
saying what the kernel set up, are the same pixels. A change to those
lines fails until `make screenshot` is run and its pictures committed.

The rows below them are not compared: they show the loader's version
(GRUB 2.06-13+deb12u2) and the firmware's memory map and ACPI addresses,
which change with Debian's updates to GRUB, SeaBIOS and OVMF, not with
this tree. The pictures' sizes must match too, although OVMF picks the
UEFI one: where a firmware update changes it, the README's picture is
no longer what a user sees. Pixels, not bytes, are compared, so another
zlib in QEMU's PNG writer does not matter either."""

import os
import struct
import zlib

import pytest

from conftest import ROOT, make

PICTURES = ["screenshot.png", "screenshot-uefi.png"]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHUNK_HEADER = struct.Struct(">I4s")
IHDR = struct.Struct(">IIBBBBB")
RGB, BIT_DEPTH, NOT_INTERLACED, BYTES_PER_PIXEL = 2, 8, 0, 3
# Both screens draw 16-pixel-high characters (VGA text's 8x16 cells on
# BIOS, the kernel's 8x16 font on UEFI); the kernel's own rows are the first two.
CHARACTER_HEIGHT = 16
KERNEL_ROWS = 2


def paeth(left, up, up_left):
    guess = left + up - up_left
    distances = abs(guess - left), abs(guess - up), abs(guess - up_left)
    return (left, up, up_left)[distances.index(min(distances))]


def unfilter(kind, row, previous):
    """One scanline without its PNG filter (the PNG spec, section 9)."""
    out = bytearray(row)
    for i, value in enumerate(row):
        left = out[i - BYTES_PER_PIXEL] if i >= BYTES_PER_PIXEL else 0
        up = previous[i]
        up_left = previous[i - BYTES_PER_PIXEL] if i >= BYTES_PER_PIXEL else 0
        predicted = (0, left, up, (left + up) // 2, paeth(left, up, up_left))[kind]
        out[i] = (value + predicted) & 0xFF
    return bytes(out)


def pixels(path):
    """Width, height and RGB bytes of an 8-bit RGB, non-interlaced PNG."""
    with open(path, "rb") as picture:
        data = picture.read()
    assert data.startswith(PNG_SIGNATURE), f"{path} is not a PNG"
    offset, header, compressed = len(PNG_SIGNATURE), None, b""
    while offset < len(data):
        length, kind = CHUNK_HEADER.unpack_from(data, offset)
        body = data[offset + CHUNK_HEADER.size:offset + CHUNK_HEADER.size + length]
        if kind == b"IHDR":
            header = IHDR.unpack(body)
        elif kind == b"IDAT":
            compressed += body
        offset += CHUNK_HEADER.size + length + 4  # the chunk's CRC
    width, height, depth, colour, _, _, interlace = header
    assert (depth, colour, interlace) == (BIT_DEPTH, RGB, NOT_INTERLACED), f"{path}: {header}"
    raw, stride = zlib.decompress(compressed), width * BYTES_PER_PIXEL
    rows, previous = [], bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        previous = unfilter(raw[start], raw[start + 1:start + 1 + stride], previous)
        rows.append(previous)
    return width, height, b"".join(rows)


@pytest.fixture(scope="module")
def taken(tmp_path_factory):
    folder = tmp_path_factory.mktemp("screenshots")
    make("screenshot", f"SCREENSHOTS={folder}")
    return folder


@pytest.mark.parametrize("picture", PICTURES)
def test_make_screenshot_takes_the_readmes_picture(taken, picture):
    shown = pixels(os.path.join(ROOT, "docs", picture))
    now = pixels(taken / picture)
    assert shown[:2] == now[:2], f"{picture}: the README shows {shown[:2]}, the screen is {now[:2]}"
    width = shown[0]
    kernel_rows = KERNEL_ROWS * CHARACTER_HEIGHT * width * BYTES_PER_PIXEL
    assert shown[2][:kernel_rows] == now[2][:kernel_rows], \
        f"docs/{picture} is not today's screen: run `make screenshot` and commit the pictures"
