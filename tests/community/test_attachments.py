"""Files on posts: judged by content, stored outside the public media, and served only
to those who may read the post. Refused files leave nothing behind."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from community import attachments
from community.models import Attachment, Post, Thread
from tests.community.factories import as_user

pytestmark = pytest.mark.django_db

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
LINUX_ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64


def office(main_part: str, *extra: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<document/>")
        for name in extra:
            archive.writestr(name, b"\x00macro")
    return buffer.getvalue()


def opendocument(mimetype: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/pdf"):
    # The browser's claimed type is deliberately wrong in places: it is never trusted.
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.mark.parametrize(("name", "content", "kind"), [
    ("Protokoll.pdf", PDF, attachments.PDF),
    ("foto.PNG", PNG, attachments.PNG),
    ("Plan.docx", office("word/document.xml"), attachments.DOCX),
    ("Budget.xlsx", office("xl/workbook.xml"), attachments.XLSX),
    ("Folien.pptx", office("ppt/presentation.xml"), attachments.PPTX),
    ("Text.odt", opendocument("application/vnd.oasis.opendocument.text"), attachments.ODT),
    ("Liste.csv", b"Kommune;Einwohner\nUlm;126000\n", attachments.CSV),
    ("notiz.txt", "Grüße aus Jena\n".encode(), attachments.TEXT),
])
def test_accepted_files_are_recognised_by_content(name, content, kind):
    assert attachments.validate_upload(io.BytesIO(content), name, len(content)) is kind


@pytest.mark.parametrize(("name", "content", "says"), [
    ("bericht.pdf", WINDOWS_EXE, "the name says PDF, but"),
    ("foto.png", LINUX_ELF, "the name says PNG, but"),
    ("tabelle.xlsx", office("xl/workbook.xml", "xl/vbaProject.bin"),
     "contains macros"),
    ("bild.png", PDF, "the content is PDF, but the name says"),
    ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     "the content is Text, but the name says otherwise"),
    ("setup.exe", WINDOWS_EXE, "not a kind of file accepted here"),
    ("install.sh", b"#!/bin/sh\nrm -rf /\n", "not a kind of file accepted here"),
    ("archiv.zip", office("irgendwas.xml"), "not a kind of file accepted here"),
    ("leer.pdf", b"", "is empty"),
])
def test_refused_files_say_why(name, content, says):
    with translation.override("en"), pytest.raises(attachments.ValidationError) as refused:
        attachments.validate_upload(io.BytesIO(content), name, len(content))
    assert says in " ".join(refused.value.messages)


def test_download_names_cannot_escape_or_smuggle():
    assert attachments.display_name("../../etc/passwd") == "passwd"
    assert attachments.display_name("C:\\Users\\x\\Bericht 2026.pdf") == "Bericht_2026.pdf"
    assert attachments.display_name("..") == "file"
    long = attachments.display_name("a" * 300 + ".pdf")
    assert len(long) == 150 and long.endswith(".pdf")


def reply_with(client, group, thread, *files, body="Anbei das Protokoll."):
    return client.post(f"/de/gruppen/{group.pk}/themen/{thread.pk}/antworten/",
                       {"body": body, "attachments": list(files)})


@pytest.fixture
def closed_thread(people, groups):
    closed = groups["closed"]
    thread = Thread.objects.create(group=closed, title="Protokolle", author=people["member"])
    Post.objects.create(thread=thread, author=people["member"], body="Hier sammeln wir.")
    return closed, thread


def test_members_attach_files_that_only_readers_download(client, people, groups,
                                                          closed_thread, private_root):
    closed, thread = closed_thread
    as_user(client, people["member"])
    response = reply_with(client, closed, thread, upload("Protokoll März.pdf", PDF, "text/html"),
                          upload("Foto.png", PNG))
    assert response.status_code == 302
    pdf, png = Attachment.objects.order_by("pk")
    assert (pdf.name, pdf.content_type, pdf.size) == ("Protokoll_März.pdf", "application/pdf",
                                                      len(PDF))
    # Stored under a random name in the private store, not in the public media.
    files = stored_files(private_root)
    assert len(files) == 2 and all("Protokoll" not in path.name for path in files)
    assert not Path(settings.MEDIA_ROOT, "attachments").exists()

    html = client.get(f"/de/gruppen/{closed.pk}/themen/{thread.pk}/").content.decode()
    assert pdf.get_absolute_url() in html and "PDF" in html

    download = client.get(pdf.get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download["Content-Security-Policy"]
    assert "private" in download["Cache-Control"]
    assert b"".join(download.streaming_content) == PDF
    image = client.get(png.get_absolute_url())
    assert image["Content-Type"] == "image/png"
    assert image["Content-Disposition"].startswith("inline;")

    for who in (None, "outsider", "pending"):
        client.logout()
        as_user(client, people.get(who))
        assert client.get(pdf.get_absolute_url()).status_code == 404, who


def test_english_address_and_api_list_the_files(client, people, groups, closed_thread,
                                                 private_root):
    closed, thread = closed_thread
    as_user(client, people["member"])
    reply_with(client, closed, thread, upload("Plan.docx", office("word/document.xml")))
    attachment = Attachment.objects.get()
    assert client.get(f"/en/files/{attachment.pk}/Plan.docx").status_code == 200
    detail = client.get(f"/api/v2/threads/{thread.pk}/").json()
    listed = detail["posts"][-1]["attachments"]
    assert listed == [{"name": "Plan.docx", "content_type": attachments.DOCX.content_type,
                       "size": attachment.size,
                       "url": f"http://testserver{attachment.get_absolute_url()}"}]


def test_files_of_a_secret_group_are_404_to_outsiders(client, people, groups, private_root):
    secret = groups["secret"]
    thread = Thread.objects.create(group=secret, title="Intern", author=people["member"])
    Post.objects.create(thread=thread, author=people["member"], body="Start")
    as_user(client, people["member"])
    assert reply_with(client, secret, thread, upload("Intern.pdf", PDF)).status_code == 302
    url = Attachment.objects.get().get_absolute_url()
    client.logout()
    as_user(client, people["outsider"])
    response = client.get(url)
    assert response.status_code == 404 and b"Intern" not in response.content
    as_user(client, people["editor"])
    assert client.get(url).status_code == 200


def test_a_hidden_posts_files_are_for_moderators_only(client, people, groups, closed_thread,
                                                      private_root):
    closed, thread = closed_thread
    as_user(client, people["member"])
    reply_with(client, closed, thread, upload("Anhang.pdf", PDF))
    attachment = Attachment.objects.get()
    as_user(client, people["moderator"])
    client.post(f"/de/beitraege/{attachment.post_id}/moderieren/",
                {"action": "hide", "note": "Urheberrecht"})
    assert client.get(attachment.get_absolute_url()).status_code == 200
    as_user(client, people["member"])
    assert client.get(attachment.get_absolute_url()).status_code == 404
    html = client.get(f"/de/gruppen/{closed.pk}/themen/{thread.pk}/").content.decode()
    assert attachment.get_absolute_url() not in html


@pytest.mark.parametrize(("files", "message"), [
    ([upload("rechnung.pdf", WINDOWS_EXE)], "Der Name sagt PDF, der Inhalt"),
    ([upload("gross.pdf", PDF + b"0" * 2000)], "Dateien dürfen höchstens 1,0\xa0KB"),
    ([upload(f"datei{n}.pdf", PDF) for n in range(6)], "höchstens 5 Dateien"),
    ([upload("gut.pdf", PDF), upload("boese.png", LINUX_ELF)], "Der Name sagt PNG"),
])
def test_refused_files_store_nothing(client, people, groups, closed_thread, private_root,
                                     settings, files, message):
    settings.COMMUNITY_ATTACHMENT_MAX_BYTES = 1024
    closed, thread = closed_thread
    as_user(client, people["member"])
    response = reply_with(client, closed, thread, *files)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Post.objects.count() == 1 and not Attachment.objects.exists()
    assert stored_files(private_root) == []


def test_new_threads_carry_files_and_the_api_accepts_multipart(client, people, groups,
                                                               private_root):
    closed = groups["closed"]
    as_user(client, people["member"])
    response = client.post(f"/de/gruppen/{closed.pk}/themen/neu/", {
        "title": "Ausschreibung", "body": "Unser Entwurf", "attachments": [
            upload("Entwurf.odt", opendocument("application/vnd.oasis.opendocument.text"))]})
    assert response.status_code == 302
    thread = Thread.objects.get()
    assert thread.posts.get().attachments.get().name == "Entwurf.odt"

    answer = client.post(f"/api/v2/threads/{thread.pk}/posts/", {
        "body": "Und die Tabelle", "attachments": [upload("Daten.csv", b"a;b\n1;2\n")]})
    assert answer.status_code == 201
    assert answer.json()["attachments"][0]["content_type"] == "text/csv"
    refused = client.post(f"/api/v2/threads/{thread.pk}/posts/", {
        "body": "Und das Programm", "attachments": [upload("tool.pdf", WINDOWS_EXE)]})
    assert refused.status_code == 400
    assert "Der Name sagt PDF" in refused.json()["errors"]["attachments"][0]
    assert Attachment.objects.count() == 2


def test_deleting_a_thread_removes_its_files(client, people, groups, closed_thread,
                                             private_root, django_capture_on_commit_callbacks):
    closed, thread = closed_thread
    as_user(client, people["member"])
    reply_with(client, closed, thread, upload("Anhang.pdf", PDF))
    assert len(stored_files(private_root)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        thread.delete()
    assert stored_files(private_root) == []


def test_a_file_missing_from_the_store_is_a_404(client, people, groups, closed_thread,
                                                private_root):
    closed, thread = closed_thread
    as_user(client, people["member"])
    reply_with(client, closed, thread, upload("Anhang.pdf", PDF))
    attachment = Attachment.objects.get()
    attachment.file.storage.delete(attachment.file.name)
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_the_data_export_lists_posts_files_reports_and_tokens(client, people, groups,
                                                              closed_thread, private_root):
    closed, thread = closed_thread
    as_user(client, people["moderator"])
    reply_with(client, closed, thread, upload("Anhang.pdf", PDF), body="Meine **Antwort**")
    mine = Post.objects.get(author=people["moderator"])
    client.post(f"/de/beitraege/{mine.pk}/bearbeiten/", {"body": "Meine Antwort, korrigiert"})
    client.post(f"/de/beitraege/{thread.posts.first().pk}/melden/", {"reason": "Werbung"})
    client.post("/de/konto/token/", {"name": "Skript"})
    data = json.loads(client.get("/de/konto/export/").content)
    assert [post["text"] for post in data["posts"]] == ["Meine Antwort, korrigiert"]
    assert data["posts"][0]["earlier_versions"][0]["text"] == "Meine **Antwort**"
    assert data["posts"][0]["attachments"] == [
        {"name": "Anhang.pdf", "type": "application/pdf", "size": len(PDF)}]
    assert data["reports"][0]["reason"] == "Werbung"
    assert data["api_tokens"][0]["name"] == "Skript"
    assert {"posts", "threads", "follows", "reports", "api_tokens"} <= set(data["README"])
