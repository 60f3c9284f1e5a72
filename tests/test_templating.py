import json

from blog.templating import jsonld


def test_jsonld_cannot_close_its_script_element():
    text = jsonld({"headline": "</script><script>alert(1)</script> & more"})

    assert "</script>" not in text and "<" not in text
    assert json.loads(text)["headline"] == "</script><script>alert(1)</script> & more"
