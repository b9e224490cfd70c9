from news.models.pages import NEWS_FACETS, NewsArticlePage, NewsIndexPage, NewsKind
from news.models.tagging import NewsTag, TaggedNewsArticle

__all__ = ["NEWS_FACETS", "NewsArticlePage", "NewsIndexPage", "NewsKind", "NewsTag",
           "TaggedNewsArticle"]
