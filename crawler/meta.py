"""``Request.meta`` keys the spiders set and the crawl-state middlewares read."""

SOURCE = "source"  # the configured source a request serves
LISTING = "listing"  # a listing request (feed, listing page, sitemap)
ENTRY = "entry"  # an entry's page: the URL its listing gave (before redirects)
LISTED_DATE = "listed_date"  # the date the listing gave the entry (sitemaps)
REVISED = "revised"  # the latest date the listing gives the entry (a feed item's published or
# updated, a sitemap's lastmod): later than when its page was last read means the page changed
SEEN_UNTIL = "seen_until"  # the source's dated entries are covered up to here (sitemaps)
LISTING_ERROR = "listing_error"  # set by the spider when a listing could not be read
