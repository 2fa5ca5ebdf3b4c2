#!/usr/bin/env python3
"""Render a terminal capture with SGR escapes (tmux capture-pane -e -p) to a PNG.

Usage: ansi2png.py CAPTURE.ansi OUT.png [--cols N] [--rows N] [--title TEXT]

Cells are laid out on a fixed grid in DejaVu Sans Mono (fonts-dejavu-core); box-drawing and block characters
are drawn as shapes so borders and progress bars join without gaps. Colours: the xterm 256-colour palette and
24-bit colours, on a dark background.
"""
import argparse
import re
import unicodedata

from PIL import Image, ImageDraw, ImageFont

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
FONT_SIZE = 15
BACKGROUND = (30, 32, 40)
FOREGROUND = (216, 222, 233)
PADDING = 18
TITLE_BAR = 30

BASE16 = [
    (40, 42, 54), (224, 108, 117), (152, 195, 121), (229, 192, 123),
    (97, 175, 239), (198, 120, 221), (86, 182, 194), (200, 204, 212),
    (92, 99, 112), (240, 128, 128), (170, 220, 140), (240, 210, 140),
    (130, 190, 250), (220, 150, 240), (120, 210, 220), (240, 242, 246),
]


def palette(index):
    if index < 16:
        return BASE16[index]
    if index < 232:
        index -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return (steps[index // 36], steps[(index // 6) % 6], steps[index % 6])
    level = 8 + (index - 232) * 10
    return (level, level, level)


class Cell:
    __slots__ = ("char", "fg", "bg", "bold", "dim", "underline", "reverse", "italic", "wide")

    def __init__(self, char=" ", style=None, wide=False):
        self.char = char
        s = style or {}
        self.fg = s.get("fg")
        self.bg = s.get("bg")
        self.bold = s.get("bold", False)
        self.dim = s.get("dim", False)
        self.underline = s.get("underline", False)
        self.reverse = s.get("reverse", False)
        self.italic = s.get("italic", False)
        self.wide = wide


def apply_sgr(style, params):
    codes = [int(p) if p else 0 for p in params.split(";")] if params else [0]
    i = 0
    while i < len(codes):
        c = codes[i]
        if c == 0:
            style.clear()
        elif c == 1:
            style["bold"] = True
        elif c == 2:
            style["dim"] = True
        elif c == 3:
            style["italic"] = True
        elif c == 4:
            style["underline"] = True
        elif c == 7:
            style["reverse"] = True
        elif c == 22:
            style["bold"] = style["dim"] = False
        elif c == 23:
            style["italic"] = False
        elif c == 24:
            style["underline"] = False
        elif c == 27:
            style["reverse"] = False
        elif 30 <= c <= 37:
            style["fg"] = palette(c - 30)
        elif 90 <= c <= 97:
            style["fg"] = palette(c - 90 + 8)
        elif 40 <= c <= 47:
            style["bg"] = palette(c - 40)
        elif 100 <= c <= 107:
            style["bg"] = palette(c - 100 + 8)
        elif c == 39:
            style.pop("fg", None)
        elif c == 49:
            style.pop("bg", None)
        elif c in (38, 48) and i + 1 < len(codes):
            key = "fg" if c == 38 else "bg"
            if codes[i + 1] == 5 and i + 2 < len(codes):
                style[key] = palette(codes[i + 2])
                i += 2
            elif codes[i + 1] == 2 and i + 4 < len(codes):
                style[key] = (codes[i + 2], codes[i + 3], codes[i + 4])
                i += 4
        i += 1


ESCAPE = re.compile(r"\x1b\[([0-9;]*)([A-Za-z])|\x1b[()][0-9A-Za-z]|\x1b.")


def parse(text, cols, rows):
    grid = [[Cell() for _ in range(cols)] for _ in range(rows)]
    style = {}
    for y, line in enumerate(text.split("\n")[:rows]):
        x = 0
        pos = 0
        while pos < len(line):
            m = ESCAPE.match(line, pos)
            if m:
                if m.group(2) == "m":
                    apply_sgr(style, m.group(1))
                pos = m.end()
                continue
            ch = line[pos]
            pos += 1
            if ch == "\r" or ord(ch) < 32:
                continue
            width = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
            if unicodedata.combining(ch) and x > 0:
                grid[y][x - 1].char += ch
                continue
            if x + width > cols:
                break
            grid[y][x] = Cell(ch, dict(style), wide=width == 2)
            if width == 2 and x + 1 < cols:
                grid[y][x + 1] = Cell("", dict(style))
            x += width
        # tmux writes a style only when it changes, so the style carries on into the next line.
    return grid


ROUNDED = {"╭": (1, 1, 180), "╮": (-1, 1, 270), "╰": (1, -1, 90), "╯": (-1, -1, 0)}
LIGHT = {"─": "lr", "│": "ud", "┌": "rd", "┐": "ld", "└": "ru", "┘": "lu",
         "├": "udr", "┤": "udl", "┬": "lrd", "┴": "lru", "┼": "lrud"}
BLOCKS = {"█": 8, "▉": 7, "▊": 6, "▋": 5, "▌": 4, "▍": 3, "▎": 2, "▏": 1}
SHADES = {"░": 0.25, "▒": 0.5, "▓": 0.75}


def blend(a, b, t):
    return tuple(int(a[i] * (1 - t) + b[i] * t) for i in range(3))


def render(grid, out, title):
    regular = ImageFont.truetype(FONT_DIR + "DejaVuSansMono.ttf", FONT_SIZE)
    bold = ImageFont.truetype(FONT_DIR + "DejaVuSansMono-Bold.ttf", FONT_SIZE)
    fallback = ImageFont.truetype(FONT_DIR + "DejaVuSans.ttf", FONT_SIZE)
    ascent, descent = regular.getmetrics()
    cw = round(regular.getlength("M"))
    ch = ascent + descent + 2
    rows, cols = len(grid), len(grid[0])
    width = cols * cw + 2 * PADDING
    height = rows * ch + 2 * PADDING + TITLE_BAR
    image = Image.new("RGB", (width, height), (18, 19, 24))
    draw = ImageDraw.Draw(image)
    # A window: rounded frame, title bar with three dots and the title.
    draw.rounded_rectangle([0, 0, width - 1, height - 1], radius=10, fill=BACKGROUND, outline=(60, 63, 75))
    draw.rounded_rectangle([0, 0, width - 1, TITLE_BAR + 6], radius=10, fill=(44, 46, 56))
    draw.rectangle([0, TITLE_BAR - 4, width - 1, TITLE_BAR], fill=(44, 46, 56))
    for i, colour in enumerate([(237, 106, 94), (245, 191, 79), (98, 197, 84)]):
        cx = 18 + i * 20
        draw.ellipse([cx - 6, TITLE_BAR // 2 - 6, cx + 6, TITLE_BAR // 2 + 6], fill=colour)
    if title:
        tw = draw.textlength(title, font=fallback)
        draw.text(((width - tw) / 2, TITLE_BAR / 2 - FONT_SIZE / 2 - 1), title, font=fallback, fill=(170, 175, 190))
    def glyph(font, text):
        mask = font.getmask(text)
        return mask.size, bytes(mask)

    notdef = glyph(regular, "\U0010FFFD")
    top = TITLE_BAR + PADDING
    for y, row in enumerate(grid):
        for x, cell in enumerate(row):
            fg = cell.fg or FOREGROUND
            bg = cell.bg or BACKGROUND
            if cell.reverse:
                fg, bg = (cell.bg or BACKGROUND), (cell.fg or FOREGROUND)
            if cell.dim:
                fg = blend(fg, bg, 0.45)
            px, py = PADDING + x * cw, top + y * ch
            span = 2 if cell.wide else 1
            if bg != BACKGROUND:
                draw.rectangle([px, py, px + cw * span - 1, py + ch - 1], fill=bg)
            c = cell.char
            if not c or c == " ":
                if cell.underline and c == " ":
                    draw.line([px, py + ch - 3, px + cw - 1, py + ch - 3], fill=fg)
                continue
            if c in ROUNDED:
                sx, sy, start = ROUNDED[c]
                mx, my = px + cw // 2, py + ch // 2
                r = cw // 2
                cx, cy = mx + sx * r, my + sy * r
                draw.arc([cx - r, cy - r, cx + r, cy + r], start, start + 90, fill=fg)
                draw.line([cx, my, px + cw if sx > 0 else px, my], fill=fg)
                draw.line([mx, cy, mx, py + ch if sy > 0 else py], fill=fg)
                continue
            if c in LIGHT:
                mx, my = px + cw // 2, py + ch // 2
                arms = LIGHT[c]
                w = 1
                if "l" in arms:
                    draw.line([px, my, mx, my], fill=fg, width=w)
                if "r" in arms:
                    draw.line([mx, my, px + cw, my], fill=fg, width=w)
                if "u" in arms:
                    draw.line([mx, py, mx, my], fill=fg, width=w)
                if "d" in arms:
                    draw.line([mx, my, mx, py + ch], fill=fg, width=w)
                continue
            if c in BLOCKS:
                draw.rectangle([px, py + 2, px + round(cw * BLOCKS[c] / 8) - 1, py + ch - 3], fill=fg)
                continue
            if c in SHADES:
                draw.rectangle([px, py + 2, px + cw - 1, py + ch - 3], fill=blend(bg, fg, SHADES[c] * 0.6))
                continue
            font = bold if cell.bold else regular
            if glyph(regular, c[:1]) == notdef:
                font = fallback
            draw.text((px, py + 1), c, font=font, fill=fg)
            if cell.underline:
                draw.line([px, py + ch - 3, px + cw * span - 1, py + ch - 3], fill=fg)
    image.save(out, optimize=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("capture")
    parser.add_argument("out")
    parser.add_argument("--cols", type=int, default=120)
    parser.add_argument("--rows", type=int, default=34)
    parser.add_argument("--title", default="")
    args = parser.parse_args()
    with open(args.capture, encoding="utf-8", errors="replace") as f:
        text = f.read()
    render(parse(text, args.cols, args.rows), args.out, args.title)


if __name__ == "__main__":
    main()
