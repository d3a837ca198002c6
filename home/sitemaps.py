"""The sitemap: Wagtail's, with every location on BASE_URL."""

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from .absolute import on_base_url


class Sitemap(WagtailSitemap):
    """Pages' `get_sitemap_urls` build locations from the Site record (`full_url`); this moves
    each onto BASE_URL, which the Site record cannot always express (https on another port)."""

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["location"] = on_base_url(url["location"])
        return urls
