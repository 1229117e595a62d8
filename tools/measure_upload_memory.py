"""Peak memory of one large image upload, and of the first reader after it.

    .venv/bin/python tools/measure_upload_memory.py   # 40 MP: RGB and RGBA
                                                      # PNG, a rotated JPEG
    MEASURE_MEGAPIXELS=20 .venv/bin/python tools/measure_upload_memory.py

For each image, a throwaway SQLite database and media folder, then two
fresh Python processes that run the real code through Django's test client
with production settings:

1. "upload": an editor posts the story add form with the image as its hero
   image (the admin, the checked upload field, storage, and whatever the
   save does next);
2. "first view": an anonymous reader opens the story's page.

Each process reports its resident memory once Django is warm (the request
body already built, so the test client's own copy of it is not counted as
the upload's), its peak, and the CPU seconds the request took
(`resource.getrusage`). The peak is the kernel's high-water mark of the
process's own memory (VmHWM): getrusage's ru_maxrss would do, but Linux
carries the starting process's peak into it across fork and exec, so run
from pytest it would report pytest's size. Not part of `make test`'s
timings: the figures depend on the machine.
"""

import json
import os
import resource
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEGAPIXELS = float(os.environ.get("MEASURE_MEGAPIXELS", "40"))
ASPECT = 8 / 5  # 7,990 x 4,994 at 40 MP: the upload the issue describes


def environment(folder: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        ENV_FILE=os.devnull,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=f"sqlite:///{folder / 'measure.sqlite3'}",
        CACHE_URL="locmemcache://",
        MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "static"),
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        PYTHONPATH=str(ROOT),
    )
    return env


def make_image(path: Path, kind: str):
    """A smooth picture (it stays under the 20 MB limit as a PNG) of the
    wanted size; decoded, it weighs what any photo of that size weighs."""
    from PIL import Image

    width = round((MEGAPIXELS * 1e6 * ASPECT) ** 0.5)
    height = round(MEGAPIXELS * 1e6 / width)
    ramp = Image.linear_gradient("L")
    bands = [
        ramp.resize((width, height)),
        ramp.rotate(90).resize((width, height)),
        ramp.rotate(45).resize((width, height)),
    ]
    if kind == "png-rgba":
        image = Image.merge("RGBA", [*bands, bands[0]])
        image.save(path, "PNG")
    elif kind == "png-rgb":
        Image.merge("RGB", bands).save(path, "PNG")
    else:
        exif = Image.Exif()
        exif[0x0112] = 6  # a phone held upright: rotate on the way in
        Image.merge("RGB", bands).save(path, "JPEG", quality=90, exif=exif)
    return width, height


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise SystemExit(f"/proc/self/status has no {field}")


def rss_kib() -> int:
    return _status_kib("VmRSS")


def peak_kib() -> int:
    return _status_kib("VmHWM")


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def stage_upload(image_path: str) -> dict:
    """Inside Django: an editor posts the add form with the image."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client
    from django.test.client import BOUNDARY, encode_multipart
    from django.test.utils import setup_test_environment

    from newsroom.models import Article, Section
    from tests.newsroom.admin.helpers import ADD, form_data

    setup_test_environment()
    section = Section.objects.create(name="Phones", slug="phones")
    editor = get_user_model().objects.create_user(
        "measure", password=secrets.token_urlsafe(), is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)
    data = form_data(
        client.get(ADD),
        title="A very large picture",
        slug="a-very-large-picture",
        body="Text.",
        section=section.pk,
        status="published",
        hero_alt="A gradient",
    )
    data["published_at_0"], data["published_at_1"] = "2022-07-04", "09:00"
    with open(image_path, "rb") as image:
        data["hero_image"] = image
        body = encode_multipart(BOUNDARY, data)
    content_type = f"multipart/form-data; boundary={BOUNDARY}"
    before = rss_kib()
    started = cpu_seconds()
    response = client.post(ADD, body, content_type=content_type)
    seconds = cpu_seconds() - started
    story = Article.objects.filter(slug="a-very-large-picture").first()
    if response.status_code != 302 or story is None or not story.hero_image:
        raise SystemExit(f"upload refused: {response.status_code}")
    return {"warm_kib": before, "peak_kib": peak_kib(), "seconds": seconds}


def stage_view(_image_path: str) -> dict:
    """Inside Django: an anonymous reader opens the story."""
    from django.test import Client

    from newsroom.models import Article

    client = Client()
    client.get("/devices/")  # warm: templates, URLconf, a page with no image
    story = Article.objects.get(slug="a-very-large-picture")
    before = rss_kib()
    started = cpu_seconds()
    response = client.get(story.get_absolute_url())
    seconds = cpu_seconds() - started
    if response.status_code != 200:
        raise SystemExit(f"story page answered {response.status_code}")
    page = response.content.decode()
    src = page.split("<img", 1)[1].split('src="', 1)[1].split('"', 1)[0]
    return {
        "warm_kib": before,
        "peak_kib": peak_kib(),
        "seconds": seconds,
        "img_src": src,
    }


STAGES = {"upload": stage_upload, "view": stage_view}


def child(stage: str, image_path: str):
    import django

    django.setup()
    print("RESULT " + json.dumps(STAGES[stage](image_path)))


def run_stage(env, stage, image_path) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--stage", stage, image_path],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    if done.returncode or line is None:
        raise SystemExit(f"{stage} failed:\n{done.stdout}\n{done.stderr[-3000:]}")
    return json.loads(line[len("RESULT ") :])


def measure(kind: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="newsroom-upload-") as folder:
        folder = Path(folder)
        env = environment(folder)
        for command in (["migrate"], ["collectstatic", "--verbosity=0"]):
            subprocess.run(
                [sys.executable, "manage.py", *command, "--noinput"],
                cwd=ROOT,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        image_path = folder / ("upload.jpg" if kind == "jpeg" else "upload.png")
        drawn = subprocess.run(
            [sys.executable, __file__, "--draw", kind, str(image_path)],
            check=True,
            capture_output=True,
            text=True,
        )
        size = image_path.stat().st_size / 1e6
        results = {"image": f"{kind} {drawn.stdout.strip()}, {size:.1f} MB"}
        for stage in STAGES:
            results[stage] = run_stage(env, stage, str(image_path))
        return results


def main():
    if "--stage" in sys.argv:
        index = sys.argv.index("--stage")
        child(sys.argv[index + 1], sys.argv[index + 2])
        return 0
    if "--draw" in sys.argv:
        index = sys.argv.index("--draw")
        width, height = make_image(Path(sys.argv[index + 2]), sys.argv[index + 1])
        print(f"{width}x{height}")
        return 0
    for kind in ["png-rgb", "png-rgba", "jpeg"]:
        result = measure(kind)
        print(result["image"])
        for stage in STAGES:
            figures = result[stage]
            print(
                f"  {stage:7} warm {figures['warm_kib'] / 1024:6.0f} MB   "
                f"peak {figures['peak_kib'] / 1024:6.0f} MB   "
                f"{figures['seconds']:6.1f} s CPU"
                + (f"   <img src> {figures['img_src']}" if "img_src" in figures else "")
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
