"""Scan degradations for rendered page images, and a tiny image-only PDF writer.

All randomness comes from a ``numpy.random.Generator`` passed in, so a seed gives the
same scan every time.
"""
from __future__ import annotations

import zlib

import cv2
import numpy as np


# ---------------------------------------------------------------------------
# ruling-line effects (done on the clean render, before the geometry)
# ---------------------------------------------------------------------------
def line_masks(gray, dpi):
    ink = (gray < 160).astype(np.uint8)
    k = max(25, int(dpi * 0.45))  # a run longer than ~1.1 cm is a ruling line, not a stroke
    h = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
    v = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, k)))
    return h.astype(bool), v.astype(bool)


def _gap_runs(rng, n, frac, min_len, max_len):
    """Boolean array of length n with random runs covering about frac of it."""
    out = np.zeros(n, bool)
    if frac <= 0:
        return out
    pos = 0
    mean_len = (min_len + max_len) / 2
    mean_space = mean_len * (1 - frac) / max(frac, 1e-3)
    while pos < n:
        pos += int(rng.exponential(mean_space)) + 1
        ln = int(rng.integers(min_len, max_len + 1))
        out[pos:pos + ln] = True
        pos += ln
    return out


def ruling_effects(gray, dpi, p, rng):
    """p: dict with thicken (px), faint (0..1 target gray or None), broken (fraction or 0)."""
    if not (p["thicken"] or p["faint"] or p["broken"]):
        return gray
    h, v = line_masks(gray, dpi)
    out = gray.copy()
    if p["thicken"]:
        k = int(p["thicken"])
        hm = cv2.dilate(h.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_RECT, (1, 1 + k))).astype(bool)
        vm = cv2.dilate(v.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_RECT, (1 + k, 1))).astype(bool)
        out[hm | vm] = np.minimum(out[hm | vm], 30)
        h, v = hm, vm
    lines = h | v
    if p["faint"]:
        # lighten the ruling lines only (text keeps its ink); the level wanders along the
        # lines, so a bilevel scan keeps some stretches and loses others
        field = low_freq_field(rng, gray.shape[0], gray.shape[1], 1.0, cells=(9, 7))
        val = np.clip(p["faint"] + 40 * field, 0, 245)
        out[lines] = np.maximum(out[lines], val[lines].astype(np.uint8))
    if p["broken"]:
        # each ruling line gets its own gaps (a worn toner drum or a faint print)
        s = dpi / 200.0
        erase = np.zeros(gray.shape, bool)
        for mask, horizontal in ((h, True), (v, False)):
            m = cv2.dilate(mask.astype(np.uint8), np.ones((3, 1) if horizontal else (1, 3), np.uint8))
            n, lab, stats, _ = cv2.connectedComponentsWithStats(m, connectivity=8)
            for i in range(1, n):
                x, y, w, hh, _ = stats[i]
                frac = p["broken"] * rng.uniform(0.3, 1.7)
                if horizontal:
                    g = _gap_runs(rng, w, frac, int(3 * s) + 1, int(rng.uniform(10, 40) * s) + 2)
                    sub = lab[y:y + hh, x:x + w] == i
                    erase[y:y + hh, x:x + w] |= sub & g[None, :]
                else:
                    g = _gap_runs(rng, hh, frac, int(3 * s) + 1, int(rng.uniform(10, 40) * s) + 2)
                    sub = lab[y:y + hh, x:x + w] == i
                    erase[y:y + hh, x:x + w] |= sub & g[:, None]
        out[erase] = 255
    return out


# ---------------------------------------------------------------------------
# geometry
# ---------------------------------------------------------------------------
def homography(src_w, src_h, angle_deg, scale, tx, ty, persp):
    """3x3 matrix: scale+rotate about the page centre, translate, then a small keystone.

    persp: 4x2 corner jitter in pixels (applied as a perspective on top)."""
    cx, cy = src_w / 2, src_h / 2
    a = np.deg2rad(angle_deg)
    ca, sa = np.cos(a) * scale, np.sin(a) * scale
    A = np.array([[ca, -sa, cx - ca * cx + sa * cy + tx],
                  [sa, ca, cy - sa * cx - ca * cy + ty],
                  [0, 0, 1]], dtype=np.float64)
    src = np.float32([[0, 0], [src_w, 0], [src_w, src_h], [0, src_h]])
    dst = (src + np.float32(persp)).astype(np.float32)
    P = cv2.getPerspectiveTransform(src, dst).astype(np.float64)
    return P @ A


def apply_h(M, pts):
    pts = np.asarray(pts, dtype=np.float64)
    ph = np.hstack([pts, np.ones((len(pts), 1))]) @ M.T
    return ph[:, :2] / ph[:, 2:3]


def box_state(M, box, out_w, out_h, margin=2):
    """'in' if the box lies inside the output, 'out' if wholly outside, else 'partial'."""
    x0, y0, x1, y1 = box
    pts = apply_h(M, [[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    inside = (pts[:, 0] >= margin) & (pts[:, 0] <= out_w - margin) & (pts[:, 1] >= margin) & (pts[:, 1] <= out_h - margin)
    if inside.all():
        return "in"
    if (pts[:, 1].min() > out_h) or (pts[:, 1].max() < 0) or (pts[:, 0].min() > out_w) or (pts[:, 0].max() < 0):
        return "out"
    return "partial"


# ---------------------------------------------------------------------------
# photometric effects (after the geometry)
# ---------------------------------------------------------------------------
def low_freq_field(rng, h, w, amp, cells=(4, 3)):
    small = rng.normal(0, 1, cells).astype(np.float32)
    f = cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)
    f = f / (np.abs(f).max() + 1e-6)
    return f * amp


def speckles(rng, shape, density, max_r):
    h, w = shape
    n = int(h * w * density)
    m = np.zeros(shape, np.uint8)
    if n == 0:
        return m.astype(bool)
    ys = rng.integers(0, h, n)
    xs = rng.integers(0, w, n)
    rs = rng.integers(0, max_r + 1, n)
    for y, x, r in zip(ys, xs, rs):
        if r == 0:
            m[y, x] = 1
        else:
            cv2.circle(m, (int(x), int(y)), int(r), 1, -1)
    return m.astype(bool)


def hairs(rng, shape, n, dpi):
    h, w = shape
    m = np.zeros(shape, np.uint8)
    for _ in range(n):
        x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
        pts = [(x, y)]
        ang = rng.uniform(0, 2 * np.pi)
        for _ in range(int(rng.integers(4, 12))):
            ang += rng.normal(0, 0.5)
            step = dpi * 0.02
            x += int(np.cos(ang) * step)
            y += int(np.sin(ang) * step)
            pts.append((x, y))
        cv2.polylines(m, [np.array(pts, np.int32)], False, 1, 1)
    return m.astype(bool)


def degrade(clean, M, out_w, out_h, prof, rng, dpi, back=None):
    """clean: uint8 gray page (white paper, black ink) after ruling effects.

    Returns uint8 gray or RGB image, or a bool array for bilevel mode."""
    lid = prof["lid"]
    f = cv2.warpPerspective(clean.astype(np.float32) / 255.0, M, (out_w, out_h), flags=cv2.INTER_LINEAR,
                            borderMode=cv2.BORDER_CONSTANT, borderValue=1.0)
    cover = cv2.warpPerspective(np.ones(clean.shape, np.float32), M, (out_w, out_h), flags=cv2.INTER_LINEAR,
                                borderMode=cv2.BORDER_CONSTANT, borderValue=0.0)
    f = np.clip(f, 0, 1)
    if back is not None and prof["bleed"] > 0:
        b = cv2.warpPerspective(cv2.flip(back, 1).astype(np.float32) / 255.0, M, (out_w, out_h),
                                flags=cv2.INTER_LINEAR, borderValue=1.0)
        b = cv2.GaussianBlur(b, (0, 0), 2.0 * dpi / 200)
        f = f * (1 - prof["bleed"] * (1 - b))
    f = np.power(f, prof["gamma"])
    paper = prof["paper"] + low_freq_field(rng, out_h, out_w, prof["illum"])
    if prof["edge_shadow"]:
        side, width = prof["edge_shadow"]
        ramp = np.clip(1 - np.arange(out_w if side in "lr" else out_h) / max(1, width), 0, 1) ** 2 * 90
        if side == "r" or side == "b":
            ramp = ramp[::-1]
        paper = paper - (ramp[None, :] if side in "lr" else ramp[:, None])
    ink = prof["ink"]
    img = ink + (paper - ink) * f
    if (cover < 0.999).any():
        # beyond the paper: the scanner lid; a soft shadow along the paper edge
        edge = cv2.GaussianBlur(cover, (0, 0), 1.5 * dpi / 200)
        shadow = np.clip((1 - edge) * cover * 2, 0, 1) * prof["edge_dark"]
        img = img * cover + lid * (1 - cover) - shadow
    # dirt: specks on paper and drop-outs in ink
    if prof["specks"] > 0:
        sp = speckles(rng, img.shape, prof["specks"], max(1, int(round(dpi / 150))))
        img[sp] = rng.uniform(10, 80)
    if prof["dropout"] > 0:
        dm = speckles(rng, img.shape, prof["dropout"], 0) & (f < 0.5)
        img[dm] = paper[dm] if np.ndim(paper) else paper
    if prof["hairs"]:
        img[hairs(rng, img.shape, prof["hairs"], dpi)] = 60
    for (hx, hy) in prof["holes"]:
        cv2.circle(img, (int(hx * out_w), int(hy * out_h)), int(dpi * 0.11), 25.0, -1)
    if prof["blur"] > 0:
        img = cv2.GaussianBlur(img, (0, 0), prof["blur"])
    img = img + rng.normal(0, prof["noise"], img.shape)
    img = np.clip(img, 0, 255).astype(np.uint8)
    if prof["mode"] == "bw":
        if prof["adaptive"]:
            bw = cv2.adaptiveThreshold(img, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY,
                                       int(dpi * 0.15) | 1, 18) > 0
        else:
            bw = img > prof["threshold"]
        sp = speckles(rng, img.shape, prof["specks"] * 0.5, 0)
        bw[sp] = False
        return bw
    if prof["mode"] == "color":
        tint = np.array(prof["tint"], np.float32)
        rgb = np.clip(img[..., None].astype(np.float32) + tint[None, None, :] * (img[..., None] / 255.0), 0, 255)
        return rgb.astype(np.uint8)
    return img


def encode_page(img, quality):
    """-> (data, width, height, colorspace, bpc, filter)"""
    if img.dtype == bool:
        h, w = img.shape
        packed = np.packbits(img.astype(np.uint8), axis=1)  # 1 = white in DeviceGray
        return zlib.compress(packed.tobytes(), 9), w, h, "/DeviceGray", 1, "/FlateDecode"
    if img.ndim == 3:
        ok, buf = cv2.imencode(".jpg", img[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
        return buf.tobytes(), img.shape[1], img.shape[0], "/DeviceRGB", 8, "/DCTDecode"
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    return buf.tobytes(), img.shape[1], img.shape[0], "/DeviceGray", 8, "/DCTDecode"


def write_image_pdf(path, pages, producer="", creator="", creation="D:20240115093000+08'00'"):
    """pages: list of (encoded tuple from encode_page, dpi).  One full-page image per page."""
    objs = []

    def add(b):
        objs.append(b)
        return len(objs)

    catalog = add(None)
    pages_id = add(None)
    kids = []
    for (data, w, h, cs, bpc, filt), dpi in pages:
        img_id = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent %d "
                     b"/Filter %s /Length %d >>\nstream\n" % (w, h, cs.encode(), bpc, filt.encode(), len(data))
                     + data + b"\nendstream")
        pw, ph = w * 72.0 / dpi, h * 72.0 / dpi
        content = b"q %.3f 0 0 %.3f 0 0 cm /Im0 Do Q" % (pw, ph)
        c_id = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        p_id = add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.3f %.3f] /Resources << /XObject << /Im0 %d 0 R >> "
                   b">> /Contents %d 0 R >>" % (pages_id, pw, ph, img_id, c_id))
        kids.append(p_id)
    objs[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objs[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    info = add(b"<< /Producer (%s) /Creator (%s) /CreationDate (%s) >>" % (
        producer.encode("ascii"), creator.encode("ascii"), creation.encode("ascii")))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, catalog, info, xref)
    with open(path, "wb") as fh:
        fh.write(out)
