from __future__ import annotations


def test_it_says_what_the_product_does(client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert b"Backdoor Roth IRA" in response.content
    assert b"Mega backdoor Roth" in response.content


def test_it_sends_a_strict_content_security_policy(client) -> None:
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert "'nonce-" in directives["script-src"]


def test_it_puts_the_csp_nonce_on_every_script(client) -> None:
    response = client.get("/")
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    html = response.content.decode()
    assert html.count("<script") == html.count(f'nonce="{nonce}"') > 0


def test_it_serves_its_files_from_our_own_static_files(client) -> None:
    html = client.get("/").content.decode()
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in html
    assert "https://" not in html.split("<body")[0]


def test_it_rejects_unknown_methods(client) -> None:
    assert client.post("/").status_code == 405
