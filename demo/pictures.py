"""Generated demo pictures: calm exercise illustrations and abstract mountain landscapes."""

import io
import itertools
import random

from PIL import Image, ImageDraw, ImageFont

from demo import loader

BACKGROUND = (246, 241, 232)
FLOOR_COLOUR = (232, 222, 206)
WALL = (236, 229, 216)
WALL_EDGE = (214, 202, 184)
MAT = (211, 170, 146)
MAT_ABOVE = (225, 205, 188)
PAD = (247, 238, 226)
WOOD = (170, 138, 108)
FIGURE = (46, 107, 112)
FAR_LIMB = (130, 170, 170)
ACCENT = (193, 112, 84)

SCALE = 2  # draw at twice the size, then reduce for smooth edges
FLOOR = 0.80  # where the floor meets the wall, as a fraction of the picture height
LIMB = 0.036  # limb thickness
HEAD = 0.047  # head radius
MAT_H = 0.015  # mat thickness
MAT_TOP = -LIMB / 2  # y of the mat surface in pose units
FLOOR_Y = MAT_TOP - MAT_H  # y of the bare floor in pose units

# Recipe keys that are props or flags, not joints of the figure.
_PROPS = ("wall", "block", "chair", "strap", "pad", "front", "above")


def _joint(pose: dict, name: str, far: bool) -> tuple:
    """Look up a joint, falling back from the far limb to the near one, then to the trunk."""
    for key in (name + "2" if far else name, name, {"sh": "neck", "hp": "hip"}.get(name)):
        if key in pose:
            return pose[key]
    raise KeyError(name)


def _jpeg(img: Image.Image) -> bytes:
    """Encode a picture as JPEG bytes."""
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=85, optimize=True)
    return buf.getvalue()


def exercise_photo(pose: str, number: int | None = None, size=(1200, 800)) -> bytes:
    """Draw a stylised figure holding a pose from data/poses.yaml, with an optional number."""
    spec = loader.poses()[pose]
    w, h = size[0] * SCALE, size[1] * SCALE
    img = Image.new("RGB", (w, h), FLOOR_COLOUR if "above" in spec else BACKGROUND)
    draw = ImageDraw.Draw(img)
    joints = [v for k, v in spec.items() if k not in _PROPS]
    xs = [p[0] for p in joints] + list(spec.get("wall", ())) + list(spec.get("chair", ())[:2])
    ys = [p[1] for p in joints]
    tall = max(ys) - min(ys) + 2 * HEAD if "above" in spec else max(ys) - FLOOR_Y + HEAD
    u = h * min(
        1.0 if "above" in spec else 1.35, 0.72 / tall, 0.8 * w / h / (max(xs) - min(xs) + 0.16)
    )  # one pose unit
    ox = (w - (min(xs) + max(xs)) * u) / 2
    if "above" in spec:
        oy = h / 2 + (min(ys) + max(ys)) / 2 * u
    else:
        oy = FLOOR * h - (MAT_H + LIMB / 2) * u

    def px(x: float, y: float) -> tuple[float, float]:
        return ox + x * u, oy - y * u

    def segment(a: tuple, b: tuple, colour: tuple, width: float = LIMB) -> None:
        ends, r = [px(*a), px(*b)], width * u / 2
        draw.line(ends, fill=colour, width=round(width * u))
        for x, y in ends:
            draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)

    left, right = min(xs) - 0.08, max(xs) + 0.08
    if "above" in spec:
        box = [*px(left, max(ys) + 0.06), *px(right, min(ys) - 0.06)]
        draw.rounded_rectangle(box, radius=0.02 * u, fill=MAT_ABOVE)
    else:
        draw.rectangle([0, FLOOR * h, w, h], fill=FLOOR_COLOUR)
        if "front" in spec:
            draw.rectangle([*px(left - 0.08, 0.82), px(right + 0.08, 0)[0], FLOOR * h], fill=WALL)
        if "wall" in spec:
            x = px(spec["wall"][0], 0)[0]
            draw.rectangle([x, 0, w, FLOOR * h] if x > w / 2 else [0, 0, x, FLOOR * h], fill=WALL)
            draw.line([(x, 0), (x, FLOOR * h)], fill=WALL_EDGE, width=round(0.006 * h))
        if "chair" not in spec:
            draw.rounded_rectangle(
                [*px(left, MAT_TOP), *px(right, FLOOR_Y)], radius=0.006 * u, fill=MAT
            )
    if "pad" in spec:
        x0, y0, x1, y1 = spec["pad"]
        draw.rounded_rectangle([*px(x0, y1), *px(x1, y0)], radius=0.02 * u, fill=PAD)
    if "block" in spec:
        x0, x1, top = spec["block"]
        draw.rounded_rectangle([*px(x0, top), *px(x1, MAT_TOP)], radius=0.01 * u, fill=ACCENT)
    if "chair" in spec:
        x0, x1, seat, back = spec["chair"]
        for a, b in (((x0, seat), (x1, seat)), ((x0, seat), (x0, back))):
            segment(a, b, WOOD, 0.022)
        for x in (x0 + 0.015, x1 - 0.015):
            segment((x, seat), (x, FLOOR_Y + 0.011), WOOD, 0.022)

    far_colour = FIGURE if "front" in spec else FAR_LIMB
    for far, colour in ((True, far_colour), (False, FIGURE)):
        for chain in (("sh", "elbow", "hand"), ("hp", "knee", "foot")):
            points = [_joint(spec, name, far) for name in chain]
            segment(points[0], points[1], colour)
            segment(points[1], points[2], colour)
        if far:
            segment(spec["neck"], spec["hip"], FIGURE)
            segment(spec["neck"], spec["head"], FIGURE)
            if "front" in spec:
                segment(spec["sh"], spec["sh2"], FIGURE)
                segment(spec["hp"], spec["hp2"], FIGURE)
            x, y = px(*spec["head"])
            draw.ellipse([x - HEAD * u, y - HEAD * u, x + HEAD * u, y + HEAD * u], fill=FIGURE)
    if "strap" in spec:
        x0, y0, x1, y1 = spec["strap"]
        segment((x0, y0), (x1, y1), ACCENT, 0.008)

    if number is not None:
        cx, cy, r = 0.085 * h, 0.085 * h, 0.05 * h
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=ACCENT)
        font = ImageFont.load_default(size=round(0.055 * h))
        draw.text((cx, cy), str(number), fill=(255, 250, 244), font=font, anchor="mm")
    return _jpeg(img.resize(size, Image.Resampling.LANCZOS))


SKIES = [
    ((176, 198, 210), (242, 224, 204)),
    ((196, 206, 222), (246, 232, 214)),
    ((206, 190, 196), (248, 226, 200)),
    ((170, 196, 194), (236, 230, 212)),
]
RANGES = [
    ((150, 166, 178), (52, 84, 92)),
    ((168, 158, 170), (88, 72, 78)),
    ((156, 172, 160), (58, 82, 70)),
    ((178, 160, 150), (104, 76, 62)),
]


def _mix(a: tuple, b: tuple, t: float) -> tuple:
    """Blend two colours, t=0 giving a and t=1 giving b."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _ridge(rng: random.Random, width: int, base: float, height: float) -> list:
    """Make a jagged ridge line across the width by midpoint displacement."""
    values, spread = [rng.uniform(-1, 1) for _ in range(5)], 0.8
    while len(values) < 129:
        spread *= 0.55
        mids = [(a + b) / 2 + rng.uniform(-spread, spread) for a, b in itertools.pairwise(values)]
        values = [v for pair in zip(values, mids, strict=False) for v in pair] + [values[-1]]
    step = width / (len(values) - 1)
    return [(i * step, base - v * height) for i, v in enumerate(values)]


def lead_picture(seed: str, size=(1600, 900)) -> bytes:
    """Paint an abstract, calm landscape of layered mountains that depends only on the seed."""
    rng = random.Random(seed)
    w, h = size[0] * SCALE, size[1] * SCALE
    top, horizon = rng.choice(SKIES)
    far, near = rng.choice(RANGES)
    gradient = Image.linear_gradient("L").resize((w, h))
    img = Image.composite(
        Image.new("RGB", (w, h), horizon), Image.new("RGB", (w, h), top), gradient
    )
    draw = ImageDraw.Draw(img)
    sx, sy, r = (
        rng.uniform(0.15, 0.85) * w,
        rng.uniform(0.18, 0.34) * h,
        rng.uniform(0.05, 0.08) * h,
    )
    draw.ellipse([sx - r, sy - r, sx + r, sy + r], fill=_mix(horizon, (255, 250, 238), 0.6))
    layers = rng.randint(4, 6)
    for i in range(layers):
        t = i / (layers - 1)
        ridge = _ridge(rng, w, h * (0.42 + 0.4 * t), h * (0.16 - 0.08 * t))
        colour = _mix(_mix(far, near, t), horizon, 0.55 * (1 - t))
        draw.polygon([(0, h), *ridge, (w, h)], fill=colour)
    return _jpeg(img.resize(size, Image.Resampling.LANCZOS))
