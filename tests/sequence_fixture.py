"""Her imported 10-exercise post, made here: a saved Weebly blog folder whose one post has an
introduction with the post-wide default sentence, two illustration pictures without captions,
then a gallery of ten small JPEG pictures, each captioned with the exercise's name and how to
do it (five with their own dosage; in a second post, none), imported with `import_blog FOLDER
--format weebly-site`. The words are our own. The caller sets MEDIA_ROOT (the `media_root`
fixture)."""

import io
from datetime import date
from html import escape

from django.contrib.auth import get_user_model
from django.core.management import call_command

from blog.models import Post
from tests.weebly_site_fixture import HOST, image_block, paragraph, picture, write_site
from tests.weebly_site_fixture import Post as SavedPost

SLUG = "ten-favourite-floor-exercises"
TITLE = "Ten of my favourite floor exercises"
DEFAULT_SENTENCE = "Unless stated otherwise, hold the stretch for one minute each side."
DEFAULT_DOSAGE = "Hold 1 minute each side"
USERNAME = "hazel"

# (name, how to do it, its own dosage words or "" for none, the step's dosage line once built)
STEPS = [
    (
        "Psoas release",
        "Lie on your back with your calves resting on a chair seat, and let your ribs soften "
        "toward the floor.",
        "",
        DEFAULT_DOSAGE,
    ),
    (
        "Calf stretch",
        "Step the ball of one foot onto a rolled towel, heel down, then bring the other foot "
        "forward until you feel the stretch.",
        "",
        DEFAULT_DOSAGE,
    ),
    (
        "Double calf stretch",
        "Fold forward from the hips with your hands on a chair and your legs straight.",
        "Hold 30 seconds.",
        "Hold 30 seconds",
    ),
    (
        "Pelvic lists",
        "Stand with one foot on a thick book and lift the hanging foot by hiking that hip.",
        "Repeat 8-10 times on both sides.",
        "8-10 times each side",
    ),
    (
        "Head ramping",
        "Sit tall and slide your head straight back, chin level, until the back of your neck "
        "feels long.",
        "3 x 10.",
        "3 x 10",
    ),
    (
        "Floor angels",
        "Lie on your back with your arms out like a cactus and slide them slowly along the floor.",
        "Repeat 10 times.",
        "10 times",
    ),
    (
        "Hamstring stretch",
        "Lie on your back with one leg up a door frame and the other straight along the floor.",
        "",
        DEFAULT_DOSAGE,
    ),
    (
        "Butterfly release",
        "Sit against a wall with the soles of your feet together and let your knees fall "
        "open, resting them on cushions.",
        "",
        DEFAULT_DOSAGE,
    ),
    (
        "Spinal twist",
        "Lie on your back with your knees bent and let both knees drop slowly to one side.",
        "",
        DEFAULT_DOSAGE,
    ),
    (
        "Thoracic stretch",
        "Kneel with your hands on a chair seat and let your chest sink toward the floor.",
        "Hold for 2 minutes.",
        "Hold 2 minutes",
    ),
]
# The second post, whose captions say no dosage at all.
PLAIN_SLUG = "ten-floor-stretches-held-a-minute"
PLAIN_TITLE = "Ten floor stretches, each held a minute"


def exercises(own_dosages=True):
    """(name, what the caption says after it, the step's dosage line once built) for each
    picture: five with their own dosage words, or (False) none with any, so every step
    takes the post's default."""
    if not own_dosages:
        return [(name, how, DEFAULT_DOSAGE) for name, how, _, _ in STEPS]
    return [(name, f"{how} {own}".strip(), dosage) for name, how, own, dosage in STEPS]


def captions(own_dosages=True):
    return [f"{name}: {how}" for name, how, _ in exercises(own_dosages)]


def dosages(own_dosages=True):
    return [dosage for _, _, dosage in exercises(own_dosages)]


EXERCISES = exercises()
NAMES = [name for name, _, _, _ in STEPS]
CAPTIONS = captions()
DOSAGES = dosages()
INTRO = (
    "Below are ten of my favourite floor exercises for stiff hips and a stiff back. "
    + DEFAULT_SENTENCE
)
COMPARE = "Compare the two pictures: on the left my pelvis is tucked under, on the right it rests."
CLOSING = "Tell me in the comments which one surprised you."


def gallery(element_id, items):
    """Weebly's image gallery: each picture a small copy linked to its larger one, with its
    caption in the holder below it."""
    cells = "".join(
        f'<div id="{element_id}-imageContainer{n}" style="float:left;width:33.28%;margin:0">'
        f'<div id="{element_id}-insideImageContainer{n}" style="position:relative;margin:5px">'
        '<div class="galleryImageHolder" style="position:relative;width:100%">'
        f'<div class="galleryInnerImageHolder"><a href="{address}" '
        f'rel="lightbox[gallery{element_id}]"><img src="{address}" class="galleryImage" '
        'style="position:absolute;border:0;width:100%"></a></div>'
        '<div class="galleryCaptionHolder"><div class="galleryCaptionHolderInner">'
        f'<div class="galleryCaptionInnerText">{escape(caption)}</div></div></div>'
        "</div></div></div>"
        for n, (address, caption) in enumerate(items)
    )
    return (
        '<div><div style="height:20px;overflow:hidden;width:100%"></div>'
        '<div class="imageGallery" style="line-height:0px;padding:0;margin:0">'
        f'{cells}<span style="display:block;clear:both;height:0px;overflow:hidden"></span>'
        '</div><div style="height:20px;overflow:hidden;width:100%"></div></div>'
    )


def write_ten_step_site(root, own_dosages=True):
    """The saved Weebly blog holding the post, under `root` (a host's folder)."""
    tucked = picture(root, "pelvis-tucked.jpg", 301, size=(120, 90))
    neutral = picture(root, "pelvis-neutral.jpg", 302, size=(120, 90))
    shown = [
        (picture(root, f"floor-{n:02d}.jpg", 310 + n, size=(120, 90)), caption)
        for n, caption in enumerate(captions(own_dosages), 1)
    ]
    content = (
        paragraph(escape(INTRO))
        + paragraph(escape(COMPARE))
        + image_block(tucked)
        + image_block(neutral)
        + gallery("5550912", shown)
        + paragraph(escape(CLOSING))
    )
    if own_dosages:
        post = SavedPost(31, SLUG, TITLE, date(2014, 3, 12), content)
    else:
        post = SavedPost(32, PLAIN_SLUG, PLAIN_TITLE, date(2014, 3, 19), content)
    write_site(root, [post])
    return post


def post_slug(own_dosages=True):
    return SLUG if own_dosages else PLAIN_SLUG


def import_ten_step_post(tmp_path, own_dosages=True):
    """Her imported 10-exercise post, in the test database: written as a saved Weebly blog
    under `tmp_path` and imported as `import_blog` does it, written by the staff user
    "hazel" (made when missing). `own_dosages`: five captions say their own dosage (True),
    or none does (False: another post, with its own slug, title and number). Calling it
    again returns the same post."""
    user, _ = get_user_model().objects.get_or_create(
        username=USERNAME,
        defaults={"first_name": "Hazel", "last_name": "Moor", "is_staff": True},
    )
    folder = tmp_path / ("ten-step-site" if own_dosages else "ten-step-site-plain")
    if not folder.exists():
        write_ten_step_site(folder / HOST, own_dosages)
    out = io.StringIO()
    call_command(
        "import_blog",
        str(folder),
        *("--format", "weebly-site", "--author", user.username, "--timezone", "UTC"),
        stdout=out,
    )
    return Post.objects.get(slug=post_slug(own_dosages))
