from http import HTTPStatus


def test_code_answers_every_documented_field(client, make_code):
    basic = make_code("550", title="Alıcı yok")
    make_code(
        "5.1.1",
        title="Alıcı adresi yok",
        examples="Gmail | 550-5.1.1 The email account does not exist\nPostfix | 550 5.1.1 User unknown",
        related=[basic],
    )

    response = client.get("/api/kod/5.1.1")

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = response.json()
    assert data["code"] == "5.1.1"
    assert data["kind"] == "enhanced"
    assert data["class"] == 5
    assert data["severity"] == "permanent"
    assert data["title"] == "Alıcı adresi yok"
    assert data["summary"] == "5.1.1 için müşteriye tek cümlelik özet."
    assert data["self_heals"] is False
    assert data["who_acts"] == ["sender"]
    assert data["first_steps"].startswith("1. 5.1.1 için ilk adım")
    assert data["examples"][0] == {
        "provider": "Gmail",
        "text": "550-5.1.1 The email account does not exist",
    }
    assert data["origin"] == "standard"
    assert data["related"] == [
        {"code": "550", "title": "Alıcı yok", "url": "http://127.0.0.1:8000/kod/550"}
    ]
    assert data["url"] == "http://127.0.0.1:8000/kod/5.1.1"
    assert data["updated_at"].startswith("20")


def test_basic_transient_code_is_described_as_such(client, make_code):
    make_code("450")

    data = client.get("/api/kod/450").json()

    assert data["kind"] == "basic"
    assert data["severity"] == "transient"


def test_unknown_code_is_a_json_404(client, db):
    response = client.get("/api/kod/999")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json()["error"] == "not_found"
    assert "bulunamadı" in response.json()["message"]


def test_unpublished_code_is_absent_from_the_api(client, make_code):
    make_code("450", is_published=False)
    make_code("550")

    assert client.get("/api/kod/450").status_code == HTTPStatus.NOT_FOUND
    assert [row["code"] for row in client.get("/api/kod/").json()["codes"]] == ["550"]


def test_list_gives_code_title_class_and_url(client, make_code):
    make_code("450", title="Kutu meşgul")

    assert client.get("/api/kod/").json() == {
        "codes": [
            {
                "code": "450",
                "title": "Kutu meşgul",
                "class": 4,
                "url": "http://127.0.0.1:8000/kod/450",
            }
        ]
    }


def test_markup_in_text_cannot_be_sniffed_as_html(client, make_code):
    make_code("450", title="<script>alert(1)</script>")

    response = client.get("/api/kod/450")

    assert b"<script>" not in response.content
    assert response.json()["title"] == "<script>alert(1)</script>"
