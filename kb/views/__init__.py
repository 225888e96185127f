"""The site's views, one module per page family: pages, search, decode, feedback, api, seo."""
