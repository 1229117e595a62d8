"""What an editor does in the admin, as steps a browser test can call:
sign in, fill the story form by typing and picking, press the buttons.

Every step goes through the page as a person would (labels, roles, the
autocomplete boxes); nothing here touches the database.
"""

import io
import re

from django.conf import settings
from PIL import Image

STORIES = "/admin/newsroom/article/"


def sign_in(page, base, username, password=None, *, next_path=None):
    """Sign in on the admin's form; return the address it lands on."""
    if password is None:
        password = {
            "editor": settings.DEMO_EDITOR_PASSWORD,
            "contributor": settings.DEMO_CONTRIBUTOR_PASSWORD,
        }[username]
    url = f"{base}/admin/login/"
    if next_path is not None:
        url += f"?next={next_path}"
    page.goto(url)
    page.get_by_label("Username:").fill(username)
    page.get_by_label("Password:").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    return page.url


def press(page, name):
    """Press a submit button and wait for the page it leads to."""
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def type_into(locator, text):
    """Type `text` key by key: Enter gives the line breaks a browser sends."""
    locator.click()
    locator.press_sequentially(text)


def pick(page, select_id, search, choice):
    """Choose `choice` in the admin's autocomplete box for `select_id`."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    box = page.locator(".select2-container--open .select2-search__field")
    box.press_sequentially(search)
    page.get_by_role("option", name=choice, exact=True).click()


def png_file(name="hero.png", size=(64, 40), colour="teal"):
    """A small PNG made here, as set_input_files takes it."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return {"name": name, "mimeType": "image/png", "buffer": buffer.getvalue()}


def body_field(page):
    return page.get_by_label("Body:")


def messages(page):
    return page.locator("ul.messagelist li").all_inner_texts()


def errors(page):
    return page.locator(".errorlist li").all_inner_texts()


def open_story(page, base, title):
    """From the story list, open a story's change form by its title."""
    page.goto(f"{base}{STORIES}")
    with page.expect_navigation():
        page.get_by_role("link", name=title, exact=True).click()


def public_address(page):
    """The public page of the story open in the change form ("View on site")."""
    link = page.get_by_role("link", name="View on site")
    return link.get_attribute("href")


def story_id_in(url):
    return re.search(r"/article/(\d+)/", url).group(1)
