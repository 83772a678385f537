"""Catalog search: Whoosh with jieba (Chinese), Porter stemming (English) and pinyin.

analysis.py  how text becomes terms (one tokenizer for indexing, querying and highlighting)
index.py     the schema, building and updating the index, opening it safely
query.py     turning a request into a query, facets, sorting, paging, suggestions
fallback.py  the same answer from SQL when the index is missing or broken
highlight.py marking matched words in names and descriptions
"""

from catalog.search.query import SearchRequest, SearchResult, search  # noqa: F401
