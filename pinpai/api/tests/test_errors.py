def test_unknown_api_path_is_a_problem(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "urn:pinpai:problem:not_found",
        "title": "Not Found",
        "status": 404,
        "detail": "No API resource at /api/v1/nothing-here.",
        "code": "not_found",
        "instance": "/api/v1/nothing-here",
    }


def test_wrong_method_is_a_problem_with_allow(reference, client):
    response = client.delete("/api/v1/districts")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert response["Allow"] == "GET"
    assert response.json()["detail"] == "DELETE is not allowed here; allowed: GET."


def test_pages_outside_the_api_keep_html_errors(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_an_oversized_body_is_a_413_problem(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    response = client.post(
        "/api/v1/valuation/compute",
        data='{"method": "royalty_relief", "inputs": {"note": "' + "x" * 2_000 + '"}}',
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (body["code"], body["max_bytes"]) == ("request_too_large", 1_000)
    assert body["detail"] == "The request body is larger than the 1,000 bytes this API accepts."
