"""The demo stories, written for this project from the facts of the seed story."""

import datetime as dt

UTC = dt.UTC

SECTIONS = [
    ("News", "news", "What happened in tech today.", 0),
    ("Phones", "phones", "Launches, leaks and specs of the phones people buy.", 1),
    (
        "Cameras",
        "cameras",
        "Sensors, lenses and the brands behind phone photography.",
        2,
    ),
]

TAGS = [
    ("Xiaomi", "xiaomi"),
    ("Leica", "leica"),
    ("Huawei", "huawei"),
    ("Vivo", "vivo"),
    ("Zeiss", "zeiss"),
    ("OnePlus", "oneplus"),
    ("Hasselblad", "hasselblad"),
    ("Launches", "launches"),
    ("Camera phones", "camera-phones"),
]

AUTHORS = [
    {
        "name": "Michael Allison",
        "slug": "michael-allison",
        "bio": "Covers phones and the companies that make them.",
    },
    {
        "name": "Dana Okafor",
        "slug": "dana-okafor",
        "bio": "Writes about cameras, lenses and the people who use them.",
    },
]

# The demo contributor account signs in as this author.
CONTRIBUTOR_AUTHOR = "dana-okafor"

LAUNCH_STORY_SLUG = "xiaomi-12s-series-launching-july-4-leica-cameras"
# Act two: written on the day, after the launch.
LAUNCH_DAY_STORY_SLUG = "xiaomi-12s-ultra-launch-what-the-leaks-got-right"

# Added to the first story once the launch has happened: its words stay, its
# tables show what was announced.
PREDATES_LAUNCH_NOTE = (
    "This story was written before the launch on 4 July 2022. Its words are "
    "as they were; its spec tables show what Xiaomi has since announced."
)
PREDATES_LAUNCH_NOTED_AT = dt.datetime(2022, 7, 4, 13, 0, tzinfo=UTC)

STORIES = [
    {
        "slug": LAUNCH_STORY_SLUG,
        "title": "Xiaomi 12S series launching July 4 with Leica cameras",
        "dek": "The first phones of the Xiaomi–Leica partnership get a date, "
        "with the 12S Ultra expected to lead the range.",
        "section": "phones",
        "tags": ["xiaomi", "leica", "launches", "camera-phones"],
        "authors": ["michael-allison"],
        "featured": True,
        "published_at": dt.datetime(2022, 6, 28, 9, 30, tzinfo=UTC),
        "body": """\
Xiaomi has picked a date for its first phones made with Leica: the Xiaomi 12S
series will be unveiled on Monday, July 4. The company confirmed the event in
a post on its Weibo account.

[[event xiaomi-12s-launch]]

The partnership between the two was announced earlier in 2022. It is the
clearest sign yet of Xiaomi's push to put cameras at the centre of its
flagships and take on the camera phones of Apple, Samsung and Google. Rivals
got there first: Vivo works with Zeiss, and OnePlus with Hasselblad.

At the announcement, both companies described a close collaboration that
reached from the optical design to the way pictures are tuned. Leica is no
newcomer to phones: before Xiaomi, it worked with Huawei on that company's
flagship models.

## The 12S Ultra

The Xiaomi 12S Ultra, which leaked under the name "12 Ultra", is expected to
be the range's camera flagship. Reports point to a Snapdragon 8+ Gen 1
processor and a 6.6-inch AMOLED screen at 1440p with a high refresh rate.

Four cameras are expected on the back: a 50-megapixel main sensor, a
48-megapixel ultrawide and a 48-megapixel periscope telephoto for portraits
and zoom. Nothing is known yet about the fourth.

[[specs xiaomi-12s-ultra]]

[[cameras xiaomi-12s-ultra]]

Xiaomi's hope is a camera system that at least matches the 11 Ultra, its
previous camera flagship. Here is where the two stand, line by line:

[[compare xiaomi-12s-ultra xiaomi-11-ultra]]

Xiaomi says little so far about the 12S and the 12S Pro; their details should
come with the launch on Monday.
""",
    },
    {
        "slug": LAUNCH_DAY_STORY_SLUG,
        "title": "Xiaomi 12S Ultra arrives with a 1-inch sensor and a bigger screen",
        "dek": "Xiaomi's first Leica phones are official: most of what was "
        "expected held, the screen grew, and the mystery sensor is for depth.",
        "section": "phones",
        "tags": ["xiaomi", "leica", "launches", "camera-phones"],
        "authors": ["michael-allison", "dana-okafor"],
        "published_at": dt.datetime(2022, 7, 4, 13, 0, tzinfo=UTC),
        "body": """\
On Monday evening in Beijing, Xiaomi took the wraps off three phones built
with Leica: the 12S, the 12S Pro and the 12S Ultra. The event started at
19:00 local time, an hour the company only gave out after it had named the
day.

[[event xiaomi-12s-launch]]

## What held, and what did not

For the 12S Ultra, the week of reports before the launch was mostly right.
The processor is the Snapdragon 8+ Gen 1, the AMOLED panel runs at 1440p
(3200 by 1440 pixels) with a refresh rate of up to 120 Hz, and the three
cameras come at the resolutions that were expected. The screen is the
exception: it measures 6.73 inches, not the 6.6 reported beforehand.

The sensor nobody could name turns out not to be a camera at all. It is a
time-of-flight sensor that measures depth, which is why the reports of "four
cameras" overcounted. The main camera pairs a 1-inch-type Sony IMX989 sensor
with Leica optics, and the periscope zooms 5x optically. The battery, unknown
until today, holds 4,860 mAh and charges at 67 W by cable and 50 W without.

[[specs xiaomi-12s-ultra]]

[[cameras xiaomi-12s-ultra]]

## Against the 11 Ultra

The phone it replaces had a larger screen and battery; the new one has the
newer chip and the bigger main sensor. Line by line:

[[compare xiaomi-12s-ultra xiaomi-11-ultra]]

## The 12S Pro and the 12S

Both share the Ultra's processor and a 50-megapixel Sony IMX707 main camera.
The Pro keeps a 6.73-inch screen and charges at 120 W; the 12S is the small
one, at 6.28 inches.

[[specs xiaomi-12s-pro]]

[[specs xiaomi-12s]]
""",
    },
    {
        "slug": "xiaomi-and-leica-announce-camera-partnership",
        "title": "Xiaomi and Leica join forces on smartphone cameras",
        "dek": "A long-term deal puts the German camera maker's name on "
        "Xiaomi's flagship phones.",
        "section": "news",
        "tags": ["xiaomi", "leica", "camera-phones"],
        "authors": ["dana-okafor", "michael-allison"],
        "published_at": dt.datetime(2022, 5, 24, 8, 0, tzinfo=UTC),
        "body": """\
Xiaomi and Leica have agreed to develop smartphone cameras together. The
first phones to come out of the deal are due later this year.

For Xiaomi, whose phones have long been judged good value rather than
best-in-class at photography, the partnership is a bid for the top of the
market. For Leica it means a new partner in phones after years of work with
another Chinese maker.

Neither company has said which models will carry the Leica name first.
""",
    },
    {
        "slug": "leica-and-huawei-part-ways",
        "title": "Leica's years with Huawei come to an end",
        "dek": "The partnership that put Leica lenses on Huawei's P and Mate "
        "phones is over.",
        "section": "cameras",
        "tags": ["leica", "huawei", "camera-phones"],
        "authors": ["dana-okafor"],
        "published_at": dt.datetime(2022, 6, 2, 12, 0, tzinfo=UTC),
        "body": """\
For several years, Huawei's flagship phones carried Leica branding on their
cameras, and the pairing helped make the P and Mate series a reference for
mobile photography.

That chapter has closed. With Leica now working with Xiaomi, Huawei continues
with its own camera branding.
""",
    },
    {
        "slug": "phone-makers-and-camera-brands",
        "title": "Zeiss, Hasselblad, Leica: why phone makers want a camera brand",
        "dek": "Vivo, OnePlus and now Xiaomi have each tied their flagships to "
        "a name from traditional photography.",
        "section": "cameras",
        "tags": ["vivo", "zeiss", "oneplus", "hasselblad", "xiaomi", "leica"],
        "authors": ["dana-okafor"],
        "published_at": dt.datetime(2022, 6, 15, 10, 0, tzinfo=UTC),
        "body": """\
Vivo works with Zeiss on the optics and colour of its X series. OnePlus
partnered with Hasselblad on the tuning of its flagships. Xiaomi is the latest
to sign up a camera brand, with Leica.

The deals differ in depth, from lens coatings to colour science, but the aim
is the same: to stand out in a market where the cameras are often the main
reason to buy a new phone.
""",
    },
    {
        "slug": "xiaomi-11-ultra-the-camera-phone-to-beat",
        "title": "The Xiaomi 11 Ultra is the phone the 12S Ultra has to beat",
        "dek": "Xiaomi's previous camera flagship set a high bar, even without "
        "a famous lens maker's name on it.",
        "section": "phones",
        "tags": ["xiaomi", "camera-phones"],
        "authors": ["michael-allison"],
        "published_at": dt.datetime(2022, 6, 20, 14, 0, tzinfo=UTC),
        "devices": ["xiaomi-11-ultra", "xiaomi-12s-ultra"],
        "body": """\
The Xiaomi 11 Ultra paired a large 50-megapixel main sensor with two
48-megapixel cameras, an ultrawide and a periscope telephoto, and added a
small screen beside the camera bump for selfies with the main camera.

Its successor, expected in the 12S series, will carry Leica's name. The
question is whether it can do more than match the 11 Ultra.
""",
    },
    {
        "slug": "xiaomi-12s-ultra-first-impressions",
        "title": "Xiaomi 12S Ultra: first impressions",
        "dek": "Our first hours with Xiaomi's Leica camera phone.",
        "section": "phones",
        "tags": ["xiaomi", "leica"],
        "authors": ["michael-allison"],
        "status": "draft",
        "devices": ["xiaomi-12s-ultra"],
        "published_at": None,
        "body": "Notes from the launch go here once the embargo lifts.\n",
    },
]
