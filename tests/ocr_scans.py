"""Scanned-report fixtures for the OCR tests and benchmark.

A born-digital report is made by filling the blank national template
(``/work/shared/real-samples/template_2021format_blank_zwgk_nianbao.docx``, also kept
as ``tests/examples/scans/template_2021.docx``) with seeded figures that obey the
template's arithmetic, converting it to PDF with LibreOffice, rasterising the PDF with
``pdftoppm`` and degrading the page images (rotation, noise, JPEG) as a scanner and a
copier would.
"""
from __future__ import annotations

import io
import os
import random
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

from extract import schema

HERE = Path(__file__).parent
TEMPLATE = HERE / "examples" / "scans" / "template_2021.docx"


@dataclass
class FilledReport:
    """A filled template: its DOCX bytes and the figures it prints."""

    docx: bytes
    #: canonical key → value (blank cells are 0)
    figures: dict[str, float]
    #: printed figure cells in reading order (table 2, 3, 4), "" for a blank cell
    printed: list[str] = field(default_factory=list)


def _draw(rng: random.Random) -> int:
    r = rng.random()
    if r < 0.45:
        return 0
    if r < 0.75:
        return rng.randint(1, 9)
    if r < 0.92:
        return rng.randint(10, 99)
    return rng.randint(100, 999)


def make_figures(seed: int) -> dict[str, float]:
    """Seeded figures for a 2021-generation report that obey every hard rule."""
    rng = random.Random(seed)
    fig: dict[str, float] = {}
    rows = schema.T3_ROW_ORDER["2021"]
    result_rows = [r for r in rows if r in schema.T3_RESULT_ROWS]
    cols = [c for c in schema.T3_COLUMN_KEYS if c != "total"]
    for col in cols:
        for row in result_rows:
            fig[schema.t3_key(row, col)] = _draw(rng) if rng.random() < 0.7 else 0
        results = sum(fig[schema.t3_key(r, col)] for r in result_rows)
        forward = rng.randint(0, 12) if rng.random() < 0.5 else 0
        carried = rng.randint(0, min(results + forward, 15))
        fig[schema.t3_key("results_total", col)] = results
        fig[schema.t3_key("carried_forward", col)] = forward
        fig[schema.t3_key("carried_over", col)] = carried
        fig[schema.t3_key("new", col)] = results + forward - carried
    for row in rows:
        fig[schema.t3_key(row, "total")] = sum(fig[schema.t3_key(row, c)] for c in cols)
    for key in schema.T4_KEYS:
        if key.endswith(".total"):
            continue
        fig[key] = _draw(rng) if rng.random() < 0.5 else 0
    for group in schema.T4_GROUPS:
        fig[f"t4.{group.key}.total"] = sum(
            fig[k] for k in schema.T4_KEYS if k.startswith(f"t4.{group.key}.") and not k.endswith(".total"))
    for row in schema.T2_ROWS["2021"]:
        for col in row.columns:
            key = f"t2.{row.key}.{col}"
            fig[key] = round(rng.uniform(0, 50), 2) if key in schema.DECIMAL_KEYS else rng.choice(
                [0, rng.randint(1, 40), rng.randint(100, 9999)])
    return fig


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def _set(cell, text: str) -> None:
    para = cell.paragraphs[0]
    for run in para.runs[1:]:
        run.text = ""
    if para.runs:
        para.runs[0].text = text
    else:
        para.add_run(text)


def fill_template(seed: int, *, blank_zeros: bool = False, agency: str = "示例县人民政府办公室",
                  year: int = 2023) -> FilledReport:
    """Fill the blank template with seeded figures.

    :param blank_zeros: leave zero cells of tables 3 and 4 blank, as some bodies do.
    """
    import docx

    figures = make_figures(seed)
    doc = docx.Document(str(TEMPLATE))
    paras = doc.paragraphs
    for p in paras:
        if p.text == "政府信息公开工作年度报告格式模板":
            _set_para(p, f"{agency}{year}年政府信息公开工作年度报告")
        elif p.text.startswith("（文字描述"):
            _set_para(p, f"{year}年，本机关共收到政府信息公开申请{_fmt(figures['t3.new.total'])}件，"
                         "全部按时答复。")
        elif p.text.startswith("三、收到和处理") or p.text.startswith("四、政府信息公开行政复议"):
            p.paragraph_format.page_break_before = True
    printed: list[str] = []
    t2, t3, t4 = doc.tables[:3]
    # table 2: (grid row, first cell, canonical row)
    t2_rows = {2: "rules", 3: "normative", 6: "licensing", 9: "penalty", 10: "coercion", 13: "fees"}
    for grid_row, row_key in t2_rows.items():
        row = next(r for r in schema.T2_ROWS["2021"] if r.key == row_key)
        for i, col in enumerate(row.columns):
            text = _fmt(figures[f"t2.{row_key}.{col}"])
            _set(t2.rows[grid_row].cells[1 + i], text)
            printed.append(text)
    for i, row_key in enumerate(schema.T3_ROW_ORDER["2021"]):
        for j, col in enumerate(schema.T3_COLUMN_KEYS):
            value = figures[schema.t3_key(row_key, col)]
            text = "" if blank_zeros and value == 0 else _fmt(value)
            _set(t3.rows[3 + i].cells[3 + j], text)
            printed.append(text)
    for j, key in enumerate(schema.T4_KEYS):
        value = figures[key]
        text = "" if blank_zeros and value == 0 else _fmt(value)
        _set(t4.rows[3].cells[j], text)
        printed.append(text)
    buf = io.BytesIO()
    doc.save(buf)
    return FilledReport(buf.getvalue(), figures, printed)


def _set_para(p, text: str) -> None:
    for run in p.runs[1:]:
        run.text = ""
    if p.runs:
        p.runs[0].text = text
    else:
        p.add_run(text)


def soffice_convert(data: bytes, suffix: str, target: str = "pdf") -> bytes:
    """Convert a document with LibreOffice (headless, private profile)."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"in{suffix}"
        src.write_bytes(data)
        subprocess.run(
            ["soffice", "--headless", "-env:UserInstallation=file:///tmp/lo-ocr-profile",
             "--convert-to", target, "--outdir", tmp, str(src)],
            check=True, capture_output=True, timeout=180)
        return (Path(tmp) / f"in.{target}").read_bytes()


def rasterise(pdf: bytes, dpi: int, pages: list[int] | None = None) -> list[Image.Image]:
    """Render PDF pages to greyscale images with pdftoppm."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        args = ["pdftoppm", "-r", str(dpi), "-gray", "-png"]
        if pages:
            args += ["-f", str(min(pages)), "-l", str(max(pages))]
        subprocess.run(args + [str(src), str(Path(tmp) / "p")], check=True, capture_output=True)
        files = sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[1]))
        first = min(pages) if pages else 1
        images = []
        for offset, path in enumerate(files):
            if pages and first + offset not in pages:
                continue
            images.append(Image.open(path).convert("L").copy())
        return images


def degrade(image: Image.Image, *, angle: float = 0.0, noise: float = 0.0, jpeg_quality: int | None = None,
            blur: float = 0.0, seed: int = 0) -> Image.Image:
    """Make a clean render look scanned: rotate, blur, add speckle noise, JPEG-compress.

    :param angle: rotation in degrees (counter-clockwise)
    :param noise: standard deviation of Gaussian noise in grey levels, plus salt and pepper
    """
    img = image.convert("L")
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    if angle:
        img = img.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)
    if noise:
        rng = np.random.default_rng(seed)
        arr = np.asarray(img, dtype=np.float32)
        arr = arr * 0.92 + 12 + rng.normal(0, noise, arr.shape)
        specks = rng.random(arr.shape)
        arr[specks < 0.0008] = 30
        arr[specks > 0.9995] = 255
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if jpeg_quality:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=jpeg_quality)
        img = Image.open(io.BytesIO(buf.getvalue())).convert("L")
    return img


def images_to_pdf(images: list[Image.Image], dpi: int) -> bytes:
    """A scan PDF: one JPEG page image per page, no text layer."""
    buf = io.BytesIO()
    rgb = [im.convert("RGB") for im in images]
    rgb[0].save(buf, "PDF", save_all=True, append_images=rgb[1:], resolution=float(dpi), quality=85)
    return buf.getvalue()


def image_bytes(image: Image.Image, fmt: str = "PNG") -> bytes:
    buf = io.BytesIO()
    image.save(buf, fmt)
    return buf.getvalue()


def cached_pdf(seed: int, cache_dir: Path | None = None, **kwargs) -> tuple[bytes, FilledReport]:
    """Born-digital PDF of a filled template, cached on disk by seed and options."""
    report = fill_template(seed, **kwargs)
    cache_dir = cache_dir or Path(os.environ.get("OGI_OCR_CACHE", "/tmp/ogi-ocr-fixtures"))
    cache_dir.mkdir(parents=True, exist_ok=True)
    tag = "-".join(f"{k}={v}" for k, v in sorted(kwargs.items()))
    path = cache_dir / f"report-{seed}-{tag}.pdf"
    if not path.exists():
        path.write_bytes(soffice_convert(report.docx, ".docx"))
    return path.read_bytes(), report


#: where the figures sit in the template's grids: table shape → (row, col) slots in
#: reading order
_T2_SLOTS = [(2, 1), (2, 2), (2, 3), (3, 1), (3, 2), (3, 3), (6, 1), (9, 1), (10, 1), (13, 1)]
_T3_SLOTS = [(r, c) for r in range(3, 28) for c in range(3, 10)]
_T4_SLOTS = [(3, c) for c in range(15)]
TEMPLATE_SLOTS = {(14, 4): _T2_SLOTS, (28, 10): _T3_SLOTS, (4, 15): _T4_SLOTS}


def figure_cells(page_readings) -> list:
    """The template's figure cells as OCR read them (CellReading or None), in reading order.

    Tables are recognised by grid shape; a table whose grid came out with another
    shape contributes nothing, so its figures count as missed.
    """
    out = {}
    for page in page_readings:
        for table in page.tables:
            shape = (table.grid.n_rows, table.grid.n_cols)
            slots = TEMPLATE_SLOTS.get(shape)
            if slots is None:
                continue
            by_slot = {(c.cell.row, c.cell.col): c for c in table.cells}
            out[shape] = [by_slot.get(slot) for slot in slots]
    cells = []
    for shape, slots in TEMPLATE_SLOTS.items():
        cells.extend(out.get(shape, [None] * len(slots)))
    return cells
