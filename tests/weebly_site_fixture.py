"""Weebly-shaped blog pages written into a folder, served from 127.0.0.1 or read as a saved
copy: the markup a Weebly blog serves, with our own invented words and pictures drawn by
Pillow. `story_site` is the blog the tests read; `generated_site` a large one for the bench.
"""

import functools
import io
import os
import random
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from html import escape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from PIL import Image, ImageDraw

HOST = "www.wren-alder-pt.example"
THERAPIST = "Wren"  # how she signs her answers


@dataclass
class Comment:
    number: int | None  # Weebly's comment id; None at the deepest level (no reply button)
    level: int
    author: str
    when: datetime  # the blog's local time
    text: str  # paragraphs split by a blank line, lines by a newline
    website: str = ""


@dataclass
class Post:
    number: int
    slug: str
    title: str
    day: date
    content: str  # the HTML of div.blog-content
    comments: list[Comment] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)  # linked from the post itself
    on_index: bool = True  # False: only its month's archive lists it


def picture(root, name, number, size=(96, 64)):
    """Draws a picture under root/uploads/ and returns its address on the site."""
    rng = random.Random(number)
    image = Image.new("RGB", size, tuple(rng.randrange(256) for _ in range(3)))
    ImageDraw.Draw(image).rectangle((number % 40, 4, number % 40 + 20, 30), fill=(250, 250, 240))
    path = root / "uploads" / "7" / "3" / "1" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    image.save(buffer, "PNG" if name.endswith(".png") else "JPEG", quality=80)
    path.write_bytes(buffer.getvalue())
    return f"/uploads/7/3/1/{name}"


def image_block(address, caption="", larger=""):
    """div.wsite-image: a picture, often a link to a larger copy, and words below it."""
    img = f'<img src="{address}" alt="Picture" style="width:auto;max-width:100%">'
    if larger:
        img = f'<a href="{larger}">{img}</a>'
    words = f'<div style="display:block;font-size:90%">{escape(caption)}</div>' if caption else ""
    return (
        '<div><div class="wsite-image wsite-image-border-none " style="padding-top:10px;'
        f'padding-bottom:10px;margin-left:0;margin-right:0;text-align:center">{img}{words}'
        "</div></div>"
    )


def paragraph(html):
    return f'<div class="paragraph">{html}</div>'


def columns(*cells):
    tds = "".join(
        f'<td class="wsite-multicol-col" style="width:{100 // len(cells)}%">{cell}</td>'
        for cell in cells
    )
    return (
        '<div><div class="wsite-multicol"><div class="wsite-multicol-table-wrap">'
        '<table class="wsite-multicol-table"><tbody class="wsite-multicol-tbody">'
        f'<tr class="wsite-multicol-tr">{tds}</tr></tbody></table></div></div></div>'
    )


def slideshow(element_id, images):
    """The script call Weebly writes for a slideshow: [(url, caption)], url relative to
    /uploads/ as Weebly writes most."""
    items = ",".join(
        f'{{"url":"{url.removeprefix("/uploads/")}","width":"96","height":"64",'
        f'"fieldId":"{element_id}{n}","caption":"{escape(caption)}"}}'
        for n, (url, caption) in enumerate(images)
    )
    return (
        f'<div><div id="{element_id}-slideshow"></div><script type="text/javascript">'
        f'wSlideshow.render({{elementID:"{element_id}",nav:"thumbnails",navLocation:"bottom",'
        f'captionLocation:"bottom",transition:"fade",autoplay:"1",speed:"5",'
        f'aspectRatio:"auto",showControls:"true",images:[{items}]}})</script></div>'
    )


def youtube(video):
    return (
        '<div class="wsite-youtube" style="margin-bottom:10px;"><div '
        'class="wsite-youtube-wrapper wsite-youtube-size-auto"><div class="wsite-youtube-'
        f'container"><iframe src="//www.youtube.com/embed/{video}?wmode=opaque" '
        'frameborder="0" allowfullscreen></iframe></div></div></div>'
    )


def comment_html(comment):
    name = escape(comment.author)
    if comment.website:
        name = f'<a class="name" href="{escape(comment.website)}" rel="nofollow">{name}</a>'
    paragraphs = "".join(
        "<p>" + "<br>".join(escape(line) for line in block.split("\n")) + "</p>"
        for block in comment.text.split("\n\n")
    )
    when = comment.when
    stamp = f"{when.month}/{when.day}/{when.year} {when:%I:%M:%S} {when:%p}".lower()
    reply = (
        '<div class="blogCommentReplyWrapper"><a class="blogCommentReply" href="#" '
        f"onclick=\"_W.Blog.replyComment('comment_id={comment.number}'); return false;\">"
        "Reply</a></div>"
        if comment.number
        else ""
    )
    return (
        f'<div class="blogCommentWrap blogCommentLevel{comment.level}">'
        f'<div class="blogCommentHeading"><div class="blogCommentAuthor"><span class="name">'
        f'{name}</span></div><div class="blogCommentDate">{stamp}</div></div>'
        f'<div class="blogCommentText"><div>{paragraphs}</div></div>{reply}</div>'
    )


def post_html(post, *, own_page):
    topics = "".join(
        f'<a href="/blog/category/{topic.lower().replace(" ", "-")}">{escape(topic)}</a> '
        for topic in post.topics
    )
    count = len(post.comments)
    return (
        f'<div id="blog-post-{post.number}" class="blog-post">'
        '<div class="blog-header"><h2 class="blog-title"><a class="blog-title-link blog-link"'
        f' href="/blog/{post.slug}">{escape(post.title)}</a></h2>'
        f'<p class="blog-date"><span class="date-text">'
        f"{post.day.month}/{post.day.day}/{post.day.year}</span></p>"
        f'<p class="blog-comments"><a class="blog-link" href="/blog/{post.slug}#comments">'
        f"{count} Comment{'' if count == 1 else 's'}</a></p></div>"
        f'<div class="blog-content">{post.content}</div>'
        + (f'<div class="blog-footer"><p class="blog-category">Categories: {topics}</p></div>')
        + "</div>"
        + (
            '<div id="commentArea"><h2 id="comments">Comments</h2>'
            + "".join(map(comment_html, post.comments))
            + "</div><h2>Leave a Reply.</h2>"
            if own_page
            else ""
        )
    )


def page(title, main, sidebar, path):
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f'<meta property="og:url" content="https://{HOST}{path}"></head><body>'
        '<div id="wsite-content" class="wsite-elements wsite-not-footer"><div '
        f'class="blog-body"><div id="blogTable"><div class="blog-main">{main}</div>'
        f'<div class="blog-sidebar">{sidebar}</div></div></div></div></body></html>'
    )


def sidebar(posts, topics):
    months = sorted({(p.day.year, p.day.month) for p in posts}, reverse=True)
    archive = "".join(
        f'<a href="/blog/archives/{month:02d}-{year}">{date(year, month, 1):%B %Y}</a><br>'
        for year, month in months
    )
    categories = "".join(
        f'<li><a href="/blog/category/{slug}">{escape(name)}</a> ({count})</li>'
        for slug, (name, count) in topics.items()
    )
    return (
        '<div class="blog-archives"><h2 class="blog-archives-title">Archives</h2>'
        f'<div class="blog-archive-list">{archive}</div></div>'
        '<div class="blog-categories"><h2>Categories</h2>'
        f'<ul class="blog-category-list">{categories}</ul></div>'
        '<h2>RSS Feed</h2><a href="/blog/feed">RSS Feed</a>'
    )


def write_site(root, posts, *, per_page=3, robots="", missing=(), topics=None):
    """The blog's pages under root (a Weebly site's layout, each page as path.html, the
    index as blog/index.html). `topics`: slug -> (name, [post numbers]) for the category
    pages; `missing`: post numbers whose own page is not written (answers 404)."""
    root = Path(root)
    topics = topics or {}
    newest = sorted(posts, key=lambda p: p.day, reverse=True)
    side = sidebar(posts, {slug: (n, len(ns)) for slug, (n, ns) in topics.items()})

    def listing(path, shown, title):
        pages = [shown[i : i + per_page] for i in range(0, len(shown), per_page)] or [[]]
        for number, chunk in enumerate(pages, 1):
            nav = ""
            if number < len(pages):
                nav += (
                    f'<div class="blog-page-nav-previous"><a href="{path}/previous/'
                    f'{number + 1}" class="blog-link">&lt;&lt;Previous</a></div>'
                )
            if number > 1:
                newer = path if number == 2 else f"{path}/previous/{number - 1}"
                nav += f'<div class="blog-page-nav-next"><a href="{newer}">Next&gt;&gt;</a></div>'
            main = "".join(post_html(p, own_page=False) for p in chunk) + nav
            name = f"{path}/index.html" if number == 1 else f"{path}/previous/{number}.html"
            if number == 1 and path != "/blog":
                name = f"{path}.html"
            write(root, name, page(title, main, side, path))

    listing("/blog", [p for p in newest if p.on_index], "Blog")
    for year, month in {(p.day.year, p.day.month) for p in posts}:
        shown = [p for p in newest if (p.day.year, p.day.month) == (year, month)]
        listing(f"/blog/archives/{month:02d}-{year}", shown, f"{month}/{year}")
    for slug, (name, numbers) in topics.items():
        listing(f"/blog/category/{slug}", [p for p in newest if p.number in numbers], name)
    for post in posts:
        if post.number not in missing:
            main = post_html(post, own_page=True)
            write(
                root, f"/blog/{post.slug}.html", page(post.title, main, side, f"/blog/{post.slug}")
            )
    if robots:
        write(root, "/robots.txt", robots)


def write(root, name, text):
    path = root / name.lstrip("/")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def story_site(root):
    """The blog the tests read: what each test looks for is in the returned dict."""
    root = Path(root)
    lead = picture(root, "broom-hinge_orig.jpg", 1, size=(320, 240))
    lead_small = picture(root, "broom-hinge.jpg", 2)
    wall = picture(root, "wall-slide.jpg", 3)
    shared = picture(root, "breathing-corner.png", 4)
    same_bytes = root / "uploads" / "7" / "3" / "1" / "breathing-corner-copy.png"
    same_bytes.write_bytes((root / shared.lstrip("/")).read_bytes())
    shown = [
        (picture(root, f"heel-walk-{n}.jpg", 10 + n), f"Heel walk, step {n}") for n in (1, 2, 3)
    ]
    grid = [(picture(root, f"calf-raise-{n}.jpg", 20 + n), f"Calf raise, step {n}") for n in (1, 2)]

    start = datetime(2012, 10, 25, 7, 40)
    big = Post(
        5,
        "hip-hinge-with-a-broom-handle",
        "Hip hinge with a broom handle",
        date(2012, 10, 25),
        image_block(lead_small, "The broom touches head, upper back and tailbone.", lead)
        + paragraph("Hold the broom along your spine.<br>Keep three points touching.")
        + '<h2 class="wsite-content-title">Why the broom helps</h2>'
        + columns(paragraph("Your hips move back, not down."), image_block(wall, "Against a wall"))
        + youtube("qTmbl3Vw1Zs")
        + paragraph("Breathe out as you <strong>fold</strong>.")
        + image_block(shared, "Corner breathing"),
        topics=["Hips"],
    )
    readers = ["Tamsin Greaves", "Odell Marsh", "Priya Venn", "Harlan Roo", "Ilse Brandt"]
    number, when = 9000, start
    for thread in range(36):
        when += timedelta(hours=5)
        number += 1
        reader = readers[thread % len(readers)]
        big.comments.append(
            Comment(number, 0, reader, when, f"Question {thread}: does the broom slip for you?")
        )
        when += timedelta(hours=2)
        number += 1
        big.comments.append(
            Comment(
                number,
                1,
                THERAPIST,
                when,
                f"{reader.split()[0]},\nSlide it lower on your back.\n\n"
                f"Then hinge again, slowly (answer {thread}).",
            )
        )
        when += timedelta(minutes=30)
        big.comments.append(Comment(None, 2, reader, when, f"Thanks, that fixed it ({thread})."))
    when += timedelta(days=1)
    big.comments += [
        Comment(None, 2, "Odell Marsh", when, "Same here, thank you!"),
        Comment(None, 2, "Odell Marsh", when + timedelta(minutes=1), "Same here, thank you!"),
        Comment(9901, 0, "", when + timedelta(hours=1), "No name, just a thank you."),
        Comment(
            9902,
            0,
            "Bram Ketter",
            when + timedelta(hours=2),
            "I teach this at my studio too.",
            website="https://bram-ketter-studio.example/",
        ),
    ]
    gallery = Post(
        4,
        "heel-walks-and-calf-raises",
        "Heel walks and calf raises",
        date(2012, 10, 3),
        paragraph("Three heel walk steps, then two calf raise steps.")
        + slideshow("802114", shown)
        + columns(*(image_block(url, words) for url, words in grid))
        + image_block(shared.replace(".png", "-copy.png"), "Corner breathing again"),
        comments=[Comment(7001, 0, "Priya Venn", datetime(2012, 10, 4, 9, 0), "Lovely photos.")],
    )
    posts = [
        Post(
            1,
            "shoulder-rolls-at-the-counter",
            "Shoulder rolls at the counter",
            date(2012, 9, 14),
            paragraph("Roll back five times, then forward five times."),
            comments=[
                Comment(6001, 0, "Harlan Roo", datetime(2012, 9, 15, 8, 5), "Which way first?"),
                Comment(6002, 1, "Wren", datetime(2012, 9, 15, 9, 15), "Backwards first."),
            ],
            on_index=False,  # only its month's archive lists it
        ),
        Post(
            2,
            "members-only-check-in",
            "Members only check-in",
            date(2012, 9, 20),
            paragraph("This page is kept from robots."),
        ),
        Post(
            3,
            "ankle-circles",
            "Ankle circles",
            date(2012, 9, 28),
            # A shop's topic page, linked from the text: not one of the blog's topics.
            paragraph(
                'Draw circles on a <a href="https://mat-shop.example/category/mats">mat</a>.'
            ),
        ),
        gallery,
        big,
        Post(
            6,
            "a-page-that-went-away",
            "A page that went away",
            date(2012, 11, 2),
            paragraph("Gone."),
        ),
        Post(7, "side-lying-clams", "Side-lying clams", date(2012, 11, 9), paragraph("Knees.")),
        Post(
            8,
            "desk-stretch-for-wrists",
            "Desk stretch for wrists",
            date(2012, 11, 16),
            image_block(shared, "Corner breathing") + paragraph("Palms together, then apart."),
        ),
    ]
    write_site(
        root,
        posts,
        robots="User-agent: *\nDisallow: /blog/members-only\n",
        missing={6},
        topics={"hips": ("Hips", [5, 7]), "feet": ("Feet", [3, 4])},
    )
    return {"posts": posts, "big": big, "slides": shown, "grid": grid, "lead": lead}


def generated_site(root, *, posts=100, comments=3000, pictures=500):
    """A large blog for the bench: `posts` posts sharing `comments` comments (threads of
    three levels) and `pictures` pictures, some in slideshows."""
    root = Path(root)
    rng = random.Random(12)
    words = [
        "hinge",
        "breath",
        "spine",
        "knee",
        "wall",
        "strap",
        "floor",
        "gentle",
        "hold",
        "reach",
        "twist",
        "slow",
    ]
    per_post_pictures = pictures // posts
    per_post_comments = comments // posts
    made, number = [], 100_000
    for n in range(1, posts + 1):
        day = date(2013, 1, 1) + timedelta(days=9 * n)
        addresses = [picture(root, f"p{n}-{k}.jpg", n * 100 + k) for k in range(per_post_pictures)]
        content = paragraph(" ".join(rng.choice(words) for _ in range(60)))
        content += "".join(image_block(a, f"Step {k}") for k, a in enumerate(addresses[:-2]))
        content += slideshow(f"9{n}", [(a, "Slide") for a in addresses[-2:]])
        post = Post(n, f"bench-post-{n}", f"Bench post {n}", day, content, topics=["Bench"])
        when = datetime.combine(day, datetime.min.time()) + timedelta(hours=13)
        level = 0
        for _ in range(per_post_comments):
            when += timedelta(minutes=rng.randint(5, 600))
            level = rng.choice((0, 1, 2)[: level + 2])
            number += 1
            text = "\n".join(" ".join(rng.choice(words) for _ in range(12)) for _ in range(2))
            post.comments.append(
                Comment(number if level < 2 else None, level, f"Reader {number % 97}", when, text)
            )
        made.append(post)
    write_site(root, made, per_page=10)
    return made


class _Handler(SimpleHTTPRequestHandler):
    """Serves the folder as Weebly serves its pages: /blog/post from blog/post.html."""

    def translate_path(self, path):
        local = super().translate_path(path)
        if not os.path.exists(local) and os.path.exists(local + ".html"):
            return local + ".html"
        return local

    def do_GET(self):
        self.server.requests.append(self.path)
        if self.path in self.server.fail_once:
            self.server.fail_once.discard(self.path)
            self.send_error(503, "Busy")
            return
        if self.path in self.server.redirects:
            self.send_response(302)
            self.send_header("Location", self.server.redirects[self.path])
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, format, *args):
        pass


@contextmanager
def serve(root):
    """The folder served on 127.0.0.1 at a free port: yields the server, whose `url` is
    its address, `requests` the paths asked for, `fail_once` paths that answer 503 once,
    `redirects` paths that send the asker to another address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(root)))
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    server.requests, server.fail_once, server.redirects = [], set(), {}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
