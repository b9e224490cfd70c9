"""Test-only adapter for the in-memory search engine (osmem-server).

The Elasticsearch 8 client sends `application/vnd.elasticsearch+json;
compatible-with=8` (and `+x-ndjson` for bulk requests); osmem-server accepts only
plain `application/json`. This node class rewrites the media types on the way out.
It lives in the tests on purpose: a real cluster needs no such thing, so the product
never carries it.
"""

import re

from elastic_transport import Urllib3HttpNode

# application/vnd.elasticsearch+json; compatible-with=8 -> application/json, and the
# same for +x-ndjson (bulk requests).
VERSIONED_MEDIA_TYPE = re.compile(r"application/vnd\.elasticsearch\+([\w-]+); ?compatible-with=\d+")


class PlainJsonNode(Urllib3HttpNode):
    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers:
            headers = headers.copy()
            for name in ("accept", "content-type"):
                if name in headers:
                    headers[name] = VERSIONED_MEDIA_TYPE.sub(r"application/\1", headers[name])
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)
