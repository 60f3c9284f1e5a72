import pytest


@pytest.fixture(autouse=True)
def close_every_page(browser):
    """Closes the pages a test opened itself (browser.new_page / new_context): an open page
    keeps its connection to the live server, and with it that request thread's database
    connection, so a long run would exhaust PostgreSQL's connection limit."""
    yield
    for context in browser.contexts:
        context.close()
