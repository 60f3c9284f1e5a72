from blog.markdown import render


def test_markdown_keeps_what_the_therapist_writes():
    html = render("## Breathe\n\nSlowly, **really** slowly.\n\n- one\n- two\n\n[More](/exercises/)")

    assert "<h2>Breathe</h2>" in html
    assert "<strong>really</strong>" in html
    assert "<li>one</li>" in html
    assert '<a href="/exercises/"' in html


def test_markdown_drops_scripts_and_event_handlers():
    html = render(
        'Hi <script>alert(1)</script><img src="x.jpg" alt="x" onerror="alert(2)">'
        '<a href="javascript:alert(3)">link</a>'
    )

    assert "<script" not in html and "alert(1)" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
