"""Path converters for dated addresses.

They only accept plausible dates, so a mistyped or hostile address is a 404
before any date arithmetic can overflow.
"""


class YearConverter:
    regex = "[12][0-9]{3}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"


class TwoDigitConverter:
    """A month or day, always written with two digits, kept as text for the
    date-based generic views (which parse it with `%m` / `%d`)."""

    regex = "[0-9]{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return f"{int(value):02d}"
