"""The search index rebuilt as a background job: an admin asks over the API (202 + the job), the
job runs in the consumer and reports every category indexed; search answers from the new index."""

from sqlalchemy import func, select

from catalog.models import Category
from core.extensions import db
from tests.factories import bearer, finished_job, make_user, token_for


def test_an_admin_rebuilds_the_index_as_a_job(app, client):
    with app.app_context():
        admin, operator = make_user("admin"), make_user("operator")
        db.session.commit()
        admin_headers, operator_headers = bearer(token_for(admin)), bearer(token_for(operator))
        db.session.commit()
    assert client.post("/api/v1/catalog/reindex", headers=operator_headers).status_code == 403
    assert client.post("/api/v1/catalog/reindex").status_code == 401
    accepted = client.post("/api/v1/catalog/reindex", headers=admin_headers)
    assert accepted.get_json()["job"]["kind"] == "search_reindex"
    job = finished_job(client, accepted, admin_headers)
    assert job["status"] == "done" and job["progress"] == 1.0, job
    with app.app_context():
        categories = db.session.scalar(select(func.count()).select_from(Category))
    assert job["result"] == {"indexed": categories} and categories >= 457
    assert client.get(accepted.headers["Location"], headers=operator_headers).status_code == 404
    found = client.get("/api/v1/categories", query_string={"q": "yyzz"}).get_json()
    assert found["total"] >= 1
