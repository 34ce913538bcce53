"""OCR engine wrappers: Tesseract (CLI) and RapidOCR (optional).

Both read *crops*: small greyscale images of single table cells. Many crops are
stacked into one tall strip with white gaps between them, so one engine call reads a
whole table and each recognised word is traced back to its crop by position. Whole
regions of running text (headings, narrative) are read with :meth:`TesseractEngine.read_block`.

Tesseract runs with ``OMP_THREAD_LIMIT=1``: its OpenMP threading makes small jobs
several times slower on small machines.
"""
from __future__ import annotations

import csv
import functools
import importlib.util
import io
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

import cv2
import numpy as np

DIGITS = "0123456789.-"
#: the engine that reads table cells unless another is asked for
DEFAULT_ENGINE = "tesseract"
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


class OcrEngineError(RuntimeError):
    """The OCR engine is missing or failed."""


@dataclass
class Reading:
    """What an engine read in one crop."""

    text: str
    #: engine confidence in [0, 1] (0 when nothing was read)
    confidence: float


@dataclass
class TextLine:
    """One line of running text read from a page region."""

    text: str
    confidence: float
    #: pixel box (x0, y0, x1, y1) in the image that was read
    box: tuple[int, int, int, int]


def join_words(words: list[str]) -> str:
    """Join recognised words, without spaces between CJK characters."""
    out = ""
    for word in words:
        if out and not (_CJK.search(out[-1]) or _CJK.search(word[0])):
            out += " "
        out += word
    return out


#: tallest strip of stacked cells (pixels) given to the engine as one image; more cells
#: go as further pages of the same engine start
MAX_STRIP_PIXELS = 24000


def stack_crops(crops: list[np.ndarray], gap: int = 28, pad: int = 16) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Stack crops vertically on white paper.

    :returns: the strip and, per crop, its (top, bottom) rows in the strip
    """
    width = max(c.shape[1] for c in crops) + 2 * pad
    height = sum(c.shape[0] for c in crops) + gap * (len(crops) + 1)
    strip = np.full((height, width), 255, dtype=np.uint8)
    spans = []
    y = gap
    for crop in crops:
        h, w = crop.shape
        strip[y:y + h, pad:pad + w] = crop
        spans.append((y, y + h))
        y += h + gap
    return strip, spans


def _reading(words: list[dict], digits: bool) -> Reading:
    """One crop's reading from its words (Tesseract TSV rows): their text in reading
    order (digits run together) and the lowest confidence; nothing read, confidence 0."""
    if not words:
        return Reading("", 0.0)
    words = sorted(words, key=lambda w: w["order"])
    text = "".join(w["text"] for w in words) if digits else join_words([w["text"] for w in words])
    return Reading(text, min(w["conf"] for w in words))


class TesseractEngine:
    """Tesseract 5 through its command-line program.

    :param text_lang: language model for text (``chi_sim``)
    :param digit_lang: language model for digit-only passes (``eng``)
    """

    name = "tesseract"

    def __init__(self, text_lang: str = "chi_sim", digit_lang: str = "eng", timeout: float = 300):
        self.binary = shutil.which("tesseract")
        if not self.binary:
            raise OcrEngineError("tesseract not found: install tesseract-ocr and tesseract-ocr-chi-sim")
        self.text_lang = text_lang
        self.digit_lang = digit_lang
        self.timeout = timeout
        self.env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def _tsv(self, image: np.ndarray, lang: str, psm: int, whitelist: str | None) -> list[dict]:
        ok, png = cv2.imencode(".png", image)
        if not ok:
            raise OcrEngineError("could not encode image for tesseract")
        return self._run(["stdin"], png.tobytes(), lang, psm, whitelist)

    def _tsv_pages(self, images: list[np.ndarray], lang: str, psm: int, whitelist: str | None) -> list[list[dict]]:
        """Each image read as a page of its own, all in one engine start (a list of image
        files is one multi-page input): the words of each image, in order."""
        with tempfile.TemporaryDirectory(prefix="ogi-ocr-") as folder:
            paths = []
            for n, image in enumerate(images):
                path = os.path.join(folder, f"{n}.png")
                if not cv2.imwrite(path, image):
                    raise OcrEngineError("could not encode image for tesseract")
                paths.append(path)
            listing = os.path.join(folder, "pages.txt")
            with open(listing, "w", encoding="utf-8") as out:
                out.write("\n".join(paths) + "\n")
            words = self._run([listing], None, lang, psm, whitelist)
        pages: list[list[dict]] = [[] for _ in images]
        for word in words:
            if 1 <= word["page"] <= len(images):
                pages[word["page"] - 1].append(word)
        return pages

    def _run(self, source: list[str], data: bytes | None, lang: str, psm: int, whitelist: str | None) -> list[dict]:
        args = [self.binary, *source, "stdout", "-l", lang, "--psm", str(psm)]
        if whitelist:
            args += ["-c", f"tessedit_char_whitelist={whitelist}"]
        args += ["-c", "preserve_interword_spaces=1", "tsv"]
        try:
            proc = subprocess.run(args, input=data, capture_output=True, env=self.env, timeout=self.timeout)
        except subprocess.TimeoutExpired as exc:
            raise OcrEngineError(f"tesseract timed out after {self.timeout} s") from exc
        if proc.returncode != 0:
            raise OcrEngineError(f"tesseract failed: {proc.stderr.decode(errors='replace')[-300:]}")
        rows = list(csv.DictReader(io.StringIO(proc.stdout.decode("utf-8", errors="replace")),
                                   delimiter="\t", quoting=csv.QUOTE_NONE))
        words = []
        for order, row in enumerate(rows):
            if row.get("level") != "5" or not (row.get("text") or "").strip():
                continue
            words.append({
                "text": row["text"].strip(), "conf": max(0.0, float(row["conf"])) / 100,
                "left": int(row["left"]), "top": int(row["top"]),
                "width": int(row["width"]), "height": int(row["height"]),
                "line": (int(row["block_num"]), int(row["par_num"]), int(row["line_num"])),
                "page": int(row.get("page_num") or 1), "order": order,
            })
        return words

    def read_crops(self, crops: list[np.ndarray], digits: bool = False, psm: int = 6,
                   lang: str | None = None) -> list[Reading]:
        """Read each crop (one table cell each) in one engine call.

        :param digits: restrict the alphabet to digits, point and minus sign
        :param lang: model to use instead of the default for text or digits
        """
        if not crops:
            return []
        lang = lang or (self.digit_lang if digits else self.text_lang)
        # strips no taller than MAX_STRIP_PIXELS (the cells of a whole document), each a
        # page of one engine start
        chunks: list[list[int]] = [[]]
        height = 0
        for k, crop in enumerate(crops):
            if chunks[-1] and height + crop.shape[0] > MAX_STRIP_PIXELS:
                chunks.append([])
                height = 0
            chunks[-1].append(k)
            height += crop.shape[0] + 28
        stacked = [stack_crops([crops[k] for k in chunk]) for chunk in chunks]
        if len(stacked) == 1:
            pages = [self._tsv(stacked[0][0], lang, psm, DIGITS if digits else None)]
        else:
            pages = self._tsv_pages([strip for strip, _ in stacked], lang, psm, DIGITS if digits else None)
        per_crop: list[list[dict]] = [[] for _ in crops]
        for chunk, (_, spans), words in zip(chunks, stacked, pages):
            tops = [s[0] for s in spans]
            for word in words:
                centre = word["top"] + word["height"] / 2
                k = int(np.searchsorted(tops, centre, side="right")) - 1
                if 0 <= k < len(spans) and spans[k][0] - 4 <= centre <= spans[k][1] + 4:
                    per_crop[chunk[k]].append(word)
        return [_reading(found, digits) for found in per_crop]

    def read_each(self, crops: list[np.ndarray], digits: bool = False, psm: int = 8,
                  lang: str | None = None) -> list[Reading]:
        """Read each crop on its own (a page of its own, as :meth:`read_crops` reads one
        crop alone), all in one engine start: for crops a stack reads badly, such as a
        lone narrow glyph in a single-word pass (``psm`` 8)."""
        if not crops:
            return []
        lang = lang or (self.digit_lang if digits else self.text_lang)
        pages = self._tsv_pages([stack_crops([crop])[0] for crop in crops], lang, psm, DIGITS if digits else None)
        return [_reading(found, digits) for found in pages]

    def read_block(self, image: np.ndarray, psm: int = 4) -> list[TextLine]:
        """Read running text (headings, narrative) as lines, top to bottom."""
        return _text_lines(self._tsv(image, self.text_lang, psm, None))

    def read_blocks(self, images: list[np.ndarray], psm: int = 4) -> list[list[TextLine]]:
        """:meth:`read_block` of several page images, in one engine start."""
        if not images:
            return []
        if len(images) == 1:
            return [self.read_block(images[0], psm)]
        return [_text_lines(words) for words in self._tsv_pages(images, self.text_lang, psm, None)]


def _text_lines(words: list[dict]) -> list[TextLine]:
    """Tesseract's words of one image as lines of text, top to bottom."""
    lines: dict[tuple, list[dict]] = {}
    for word in words:
        lines.setdefault(word["line"], []).append(word)
    out = []
    for members in lines.values():
        members.sort(key=lambda w: w["left"])
        box = (min(w["left"] for w in members), min(w["top"] for w in members),
               max(w["left"] + w["width"] for w in members), max(w["top"] + w["height"] for w in members))
        conf = float(np.mean([w["conf"] for w in members]))
        out.append(TextLine(join_words([w["text"] for w in members]), conf, box))
    out.sort(key=lambda line: (line.box[1], line.box[0]))
    return out


class RapidOcrEngine:
    """RapidOCR (PP-OCR models on ONNX Runtime), recognition only, one thread."""

    name = "rapidocr"

    def __init__(self):
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as exc:  # optional engine
            raise OcrEngineError("rapidocr_onnxruntime is not installed") from exc
        self.engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)

    def read_crops(self, crops: list[np.ndarray], digits: bool = False) -> list[Reading]:
        """Read each crop; with ``digits`` anything but digits, point and minus lowers the score."""
        if not crops:
            return []
        images = [cv2.cvtColor(cv2.copyMakeBorder(c, 6, 6, 6, 6, cv2.BORDER_CONSTANT, value=255),
                               cv2.COLOR_GRAY2BGR) for c in crops]
        results, _ = self.engine.text_rec(images)
        readings = []
        for text, score in results:
            text = text.replace(" ", "")
            if digits:
                kept = "".join(ch for ch in text if ch in DIGITS)
                if kept != text:
                    score *= 0.5
                text = kept
            readings.append(Reading(text, float(score) if text else 0.0))
        return readings


def available_engines() -> list[str]:
    """Names of the engines that can run here."""
    names = []
    if shutil.which("tesseract"):
        names.append("tesseract")
    try:
        import rapidocr_onnxruntime  # noqa: F401
        names.append("rapidocr")
    except ImportError:
        pass
    return names


#: the engine whose digit reading joins Tesseract's two passes in the vote on the figure
#: cells they are unsure of, when installed: on independent scans (seed 13, 5,919 cells)
#: voting on every figure cut wrong cells from 9 to 3 for 18 % more CPU time
#: (docs/benchmarks.md, "Scans")
DEFAULT_SECOND_ENGINE = "rapidocr"


@functools.lru_cache(maxsize=1)
def default_second_engine() -> str | None:
    """:data:`DEFAULT_SECOND_ENGINE` where it is installed, else None (Tesseract alone).

    Looked up without importing it (ONNX Runtime takes 0.15 s to import; records name
    the engines at every start, see :func:`engines_key`)."""
    return DEFAULT_SECOND_ENGINE if importlib.util.find_spec("rapidocr_onnxruntime") is not None else None


def engines_key() -> str:
    """The engines a page is read with by default, as records name them
    (``tesseract+rapidocr``, or ``tesseract``)."""
    second = default_second_engine()
    return DEFAULT_ENGINE + (f"+{second}" if second else "")


def make_engine(name: str = "tesseract"):
    """Engine by name (``tesseract`` or ``rapidocr``)."""
    if name == "tesseract":
        return TesseractEngine()
    if name == "rapidocr":
        return RapidOcrEngine()
    raise ValueError(f"unknown OCR engine {name!r}")
