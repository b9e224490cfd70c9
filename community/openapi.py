"""OpenAPI 3.1 description of the community endpoints."""

from __future__ import annotations

from typing import Any

ERROR = {"type": "object", "properties": {"message": {"type": "string"},
                                          "errors": {"type": "object"}}}
AUTH = [{"session": []}, {"token": []}]
FILES = {"type": "array", "items": {"type": "string", "contentMediaType":
                                     "application/octet-stream"},
         "description": "Optional files (multipart/form-data only): at most 5 of 10 MB "
                        "each; PDF, images, office documents or text, judged by content."}
ATTACHMENT = {"type": "object", "properties": {
    "name": {"type": "string"}, "content_type": {"type": "string"},
    "size": {"type": "integer"},
    "url": {"type": "string", "format": "uri",
            "description": "Download; answers only to readers of the post."}}}


def body_schema(required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    """The same fields as JSON, or as a form with files."""
    plain = {"type": "object", "required": required, "properties": properties}
    with_files = {**plain, "properties": {**properties, "attachments": FILES}}
    return {"content": {"application/json": {"schema": plain},
                        "multipart/form-data": {"schema": with_files}}}


def openapi_document(base_url: str) -> dict[str, Any]:
    def error(description: str) -> dict[str, Any]:
        return {"description": description,
                "content": {"application/json": {"schema": ERROR}}}

    return {
        "openapi": "3.1.0",
        "info": {"title": "Smart Cities knowledge platform: community", "version": "2"},
        "servers": [{"url": base_url}],
        "components": {"securitySchemes": {
            "session": {"type": "apiKey", "in": "cookie", "name": "sessionid",
                        "description": "Signed-in session; unsafe methods need the "
                                       "X-CSRFToken header."},
            "token": {"type": "apiKey", "in": "header", "name": "Authorization",
                      "description": "Personal API token: `Token sct_…` (created and "
                                     "revoked in the member's account)."},
        }},
        "paths": {
            "/peer-groups/": {"get": {
                "summary": "Groups the requester may know of (secret ones only to members)",
                "responses": {"200": {"description": "Groups"}}}},
            "/threads/": {
                "get": {"summary": "Threads the requester may read",
                        "parameters": [
                            {"name": "group", "in": "query", "schema": {"type": "integer"}},
                            {"name": "page", "in": "query", "schema": {"type": "integer"}}],
                        "responses": {"200": {"description": "Threads, 20 a page"},
                                      "400": error("Bad parameter")}},
                "post": {"summary": "Start a thread (members of the group)",
                         "security": AUTH,
                         "requestBody": body_schema(["group", "title", "body"], {
                             "group": {"type": "integer"},
                             "title": {"type": "string", "maxLength": 200},
                             "body": {"type": "string", "maxLength": 20000,
                                      "description": "Markdown"}}),
                         "responses": {"201": {"description": "Created"},
                                       "400": error("Empty or too long, or a refused file"),
                                       "401": error("Not signed in"),
                                       "403": error("Not a member"),
                                       "404": error("No such group"),
                                       "429": error("Posting too fast")}}},
            "/threads/{id}/": {"get": {
                "summary": "A thread with its posts, 50 a page",
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "schema": {"type": "integer"}},
                               {"name": "page", "in": "query", "schema": {"type": "integer"}}],
                "responses": {"200": {"description": "Thread; each post lists its "
                                                     "attachments", "content": {
                    "application/json": {"schema": {"type": "object", "properties": {
                        "posts": {"type": "array", "items": {"type": "object", "properties": {
                            "attachments": {"type": "array", "items": ATTACHMENT}}}}}}}}},
                    "404": error("Not found")}}},
            "/threads/{id}/posts/": {"post": {
                "summary": "Reply (members; not in locked threads)", "security": AUTH,
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "schema": {"type": "integer"}}],
                "requestBody": body_schema(["body"], {
                    "body": {"type": "string", "maxLength": 20000}}),
                "responses": {"201": {"description": "Created"},
                              "400": error("Empty or too long, or a refused file"),
                              "401": error("Not signed in"), "403": error("Not allowed"),
                              "404": error("Not found"), "429": error("Posting too fast")}}},
        },
    }
