"""/sitemap.xml lists what anyone may read, in both languages, and nothing else: no
secret group, no closed group's or hidden thread."""

from __future__ import annotations

import pytest

from community.models import Post, Thread

pytestmark = pytest.mark.django_db


def test_sitemap_lists_public_pages_and_threads_only(client, site, people, groups):
    threads = {visibility: Thread.objects.create(group=group, title=f"Thema {visibility}",
                                                 author=people["member"])
               for visibility, group in groups.items()}
    for thread in threads.values():
        Post.objects.create(thread=thread, author=people["member"], body="Hallo")
    hidden = Thread.objects.create(group=groups["public"], title="Versteckt", is_hidden=True)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert "<loc>http://testserver/de/</loc>" in xml
    assert "<loc>http://testserver/en/</loc>" in xml
    assert groups["public"].url in xml and groups["closed"].url in xml
    assert groups["secret"].url not in xml
    public = threads["public"]
    assert f"/de/gruppen/{groups['public'].pk}/themen/{public.pk}/</loc>" in xml
    for other in (threads["closed"], threads["secret"], hidden):
        assert f"/themen/{other.pk}/" not in xml
