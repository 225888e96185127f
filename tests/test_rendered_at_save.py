"""Markdown is rendered at save, also when a save names only some fields: a page never shows
HTML older than its text (kb/models/fields.py, RenderedAtSave)."""

from kb.models import Comment, CommentStatus, Provider


def test_a_provider_saved_with_update_fields_shows_its_new_description(client, db):
    provider = Provider.objects.create(
        slug="ornek", name="Örnek Posta", kind="mailbox", description="Eski açıklama."
    )
    provider.description = "Yeni **açıklama**."
    provider.save(update_fields=["description"])

    html = client.get("/saglayici/ornek").content.decode()
    assert "Yeni <strong>açıklama</strong>." in html
    assert "Eski açıklama." not in html


def test_a_response_saved_with_update_fields_is_found_by_its_new_sentence(
    make_code, make_response, client
):
    response = make_response(make_code("550"), "ornek-eski", reply_code="550")
    response.text = "550 mailbox frobnicated beyond repair"
    response.meaning = "Yeni **anlam**."
    response.save(update_fields=["text", "meaning"])

    html = client.get("/kod/550").content.decode()
    assert "Yeni <strong>anlam</strong>." in html
    decoded = client.post("/api/coz", {"metin": "550 mailbox frobnicated beyond repair"})
    assert decoded.json()["response"]["id"] == "ornek-eski"


def test_an_answer_saved_with_update_fields_appears_under_the_comment(make_code, client):
    page = make_code("450")
    comment = Comment.objects.create(
        reply_code=page, name="Ayşe", body="Hâlâ geri dönüyor.", status=CommentStatus.APPROVED
    )
    comment.answer = "Önce **SPF** kaydınızı kontrol edin."
    comment.save(update_fields=["answer"])

    html = client.get("/kod/450").content.decode()
    assert "Önce <strong>SPF</strong> kaydınızı kontrol edin." in html
