"""The stand-ins for the official images (deploy/standins/, built by bin/build-standins): a
machine that reaches no image registry can build every image the stack names."""

import re

from tests.conftest import ROOT

STANDINS = ROOT / "deploy" / "standins"


def built_tags():
    script = (ROOT / "bin" / "build-standins").read_text()
    pairs = re.search(r"for pair in ([^;]+); do", script).group(1).split()
    tags = {pair.split(":", 1)[1] for pair in pairs}
    return tags | set(re.findall(r"^build (python:\S+) ", script, re.M))


def base_images():
    """Every image a Dockerfile of the project starts from or the compose file runs, other
    than the project's own (built from this repository)."""
    names = set(re.findall(r"^\s+image: (\S+)", (ROOT / "docker-compose.yml").read_text(), re.M))
    for dockerfile in ROOT.glob("**/Dockerfile"):
        if STANDINS not in dockerfile.parents and ".venv" not in dockerfile.parts:
            names |= set(re.findall(r"^FROM (\S+)", dockerfile.read_text(), re.M))
    return {name for name in names if not name.startswith(("${", "align-"))}


def test_every_image_the_stack_starts_from_has_a_stand_in():
    assert base_images() <= built_tags(), base_images() - built_tags()


def test_each_stand_in_says_which_official_image_it_replaces_and_how_it_differs():
    for tag in built_tags():
        name, version = tag.split(":")
        folder = STANDINS / f"{name}-{version}"
        dockerfile = (folder / "Dockerfile").read_text()
        header = dockerfile.split("\nFROM ")[0]
        assert f"Stands in for the official {tag}" in " ".join(header.split()), folder
        assert "FROM align-standin/bookworm\n" in dockerfile, folder
