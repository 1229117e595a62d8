"""Listings with a bounded number of pages.

A page deep in a long listing costs the database an OFFSET walk past every
row before it, and counting the pages means counting every row: both grow
with the archive. So a listing shows at most `max_pages` pages, counted by
counting no further than their last row; past that, readers go to the
archive by month, whose pages stay short. Keyset pagination ("older than
this story") would also be flat, but would change every listing's
addresses; a bound keeps them and their page numbers.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

MAX_PAGES = 100


class BoundedPaginator(Paginator):
    max_pages = MAX_PAGES

    @cached_property
    def _counted(self):
        # One past the last page's last row tells whether there are more.
        # Unordered: which rows are counted does not matter, only how many.
        return self.object_list.order_by()[: self._cap + 1].count()

    @property
    def _cap(self):
        return self.per_page * self.max_pages

    @property
    def count(self):
        """The number of items the pages show, at most `max_pages` pages."""
        return min(self._counted, self._cap)

    @property
    def is_bounded(self):
        """Whether there are more items than the pages show."""
        return self._counted > self._cap
