"""Each provider against a real server started here: requests exactly as documented, answers mapped.

Unifonic, Taqnyat and the WhatsApp Cloud API are stood in for by a local HTTP
server that records method, path, headers and body; e-mail goes to aiosmtpd.
"""

import json
import threading
import urllib.parse

import pytest
from aiosmtpd.smtp import AuthResult

from tests.notifications.servers import TAQNYAT_OK, UNIFONIC_OK, WHATSAPP_OK, Answer, SmtpServer
from tests.notifications.tls import make_tls
from wasl.notifications.models import Outcome
from wasl.notifications.providers import OutgoingMessage, build

ARABIC = "جمعية وفاق: استلمنا طلبكم رقم 1447-00012."
KEY = "5f0c2a9e8b7d4c3a2b1c0d9e8f7a6b5c"


def sms(**kw) -> OutgoingMessage:
    values = {"channel": "sms", "to": "+966501234567", "body": ARABIC, "idempotency_key": KEY}
    values.update(kw)
    return OutgoingMessage(**values)


@pytest.fixture
def unifonic(base_urls):
    return build("unifonic", {"sender_id": "WEFAQ"}, {"app_sid": "AppSid-123"})


def test_unifonic_request_is_exactly_the_documented_one(unifonic, gateway):
    result = unifonic.send(sms())
    [request] = gateway.received
    assert (request.method, request.path) == ("POST", "/rest/SMS/messages")
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert request.headers["Accept"] == "application/json"
    assert urllib.parse.parse_qs(request.body.decode("ascii"), strict_parsing=True) == {
        "AppSid": ["AppSid-123"], "SenderID": ["WEFAQ"], "Recipient": ["966501234567"], "Body": [ARABIC],
        "responseType": ["JSON"], "CorrelationID": [KEY]}
    assert (result.outcome, result.message_id, result.status_code) == (Outcome.SENT, "42000348806924", 200)


@pytest.mark.parametrize(("answer", "outcome"), [
    (Answer(200, {"success": False, "message": "Dest num is too short", "errorCode": "ER-04", "data": {}}),
     Outcome.PERMANENT),
    (Answer(401, {"success": False, "message": "Wrong AppSid", "errorCode": "ER-01"}), Outcome.PERMANENT),
    (Answer(500, "upstream error"), Outcome.RETRYABLE),
    (Answer(503, "maintenance"), Outcome.RETRYABLE),
    (Answer(429, {"message": "slow down"}), Outcome.RETRYABLE),
])
def test_unifonic_answers_are_mapped(unifonic, gateway, answer, outcome):
    gateway.answer(answer)
    result = unifonic.send(sms())
    assert result.outcome == outcome and result.status_code == answer.status


def test_a_timeout_is_retryable(unifonic, gateway, app):
    hold = threading.Event()
    gateway.answer(Answer(200, UNIFONIC_OK, hold=hold))
    app.config["NOTIFICATIONS_HTTP_TIMEOUT"] = 0.5
    try:
        result = unifonic.send(sms())
    finally:
        app.config["NOTIFICATIONS_HTTP_TIMEOUT"] = 15
        hold.set()
    assert result.outcome == Outcome.RETRYABLE and "timed out" in result.detail


def test_an_unreachable_gateway_is_retryable(app):
    app.config["NOTIFICATIONS_PROVIDER_BASE_URLS"] = {**app.config["NOTIFICATIONS_PROVIDER_BASE_URLS"],
                                                      "taqnyat": "http://127.0.0.1:9"}
    try:
        result = build("taqnyat", {"sender": "WEFAQ"}, {"bearer_token": "t"}).send(sms())
    finally:
        app.config["NOTIFICATIONS_PROVIDER_BASE_URLS"].pop("taqnyat")
        from wasl.notifications.config import DEFAULT_BASE_URLS

        app.config["NOTIFICATIONS_PROVIDER_BASE_URLS"]["taqnyat"] = DEFAULT_BASE_URLS["taqnyat"]
    assert result.outcome == Outcome.RETRYABLE


def test_an_invalid_mobile_is_refused_without_calling(unifonic, gateway):
    result = unifonic.send(sms(to="+96612"))
    assert result.outcome == Outcome.PERMANENT and gateway.received == []


def test_taqnyat_request_is_exactly_the_documented_one(base_urls, gateway):
    gateway.answer(Answer(201, TAQNYAT_OK))
    result = build("taqnyat", {"sender": "WEFAQ"}, {"bearer_token": "tq-secret"}).send(sms(to="0501234567"))
    [request] = gateway.received
    assert (request.method, request.path) == ("POST", "/v1/messages")
    assert request.headers["Authorization"] == "Bearer tq-secret"
    assert request.headers["Content-Type"] == "application/json"
    assert request.json() == {"recipients": ["966501234567"], "body": ARABIC, "sender": "WEFAQ"}
    assert ARABIC.encode("utf-8") in request.body  # UTF-8 text, not \\u escapes
    assert (result.outcome, result.message_id, result.status_code) == (Outcome.SENT, "5452899970", 201)


def test_messages_to_one_gateway_share_one_kept_connection(base_urls, gateway):
    from wasl.notifications.providers import http

    http.close_all()
    gateway.state.default = Answer(201, TAQNYAT_OK)
    provider = build("taqnyat", {"sender": "WEFAQ"}, {"bearer_token": "tq-secret"})
    results = [provider.send(sms(idempotency_key=f"key-{n}")) for n in range(5)]
    assert [r.outcome for r in results] == [Outcome.SENT] * 5
    assert len({request.peer for request in gateway.received}) == 1
    http.close_all()


def test_a_connection_idle_too_long_is_replaced_not_risked(base_urls, gateway, monkeypatch):
    from wasl.notifications.providers import http

    http.close_all()
    monkeypatch.setattr(http, "IDLE_REUSE_SECONDS", 0.0)
    gateway.state.default = Answer(201, TAQNYAT_OK)
    provider = build("taqnyat", {"sender": "WEFAQ"}, {"bearer_token": "tq-secret"})
    for n in range(3):
        assert provider.send(sms(idempotency_key=f"key-{n}")).outcome == Outcome.SENT
    assert len({request.peer for request in gateway.received}) == 3
    http.close_all()


@pytest.mark.parametrize(("status", "outcome"), [(400, Outcome.PERMANENT), (401, Outcome.PERMANENT),
                                                 (500, Outcome.RETRYABLE), (502, Outcome.RETRYABLE)])
def test_taqnyat_answers_are_mapped(base_urls, gateway, status, outcome):
    gateway.answer(Answer(status, {"statusCode": status, "message": "x"}))
    result = build("taqnyat", {"sender": "WEFAQ"}, {"bearer_token": "t"}).send(sms())
    assert result.outcome == outcome


def whatsapp_message(**kw) -> OutgoingMessage:
    values = {"channel": "whatsapp", "to": "+966501234567", "body": "preview", "idempotency_key": KEY,
              "locale": "ar", "template_name": "wasl_case_received", "template_params": ["جمعية وفاق", "1447-00012"]}
    values.update(kw)
    return OutgoingMessage(**values)


def test_whatsapp_template_message_is_exactly_the_documented_one(base_urls, gateway):
    provider = build("whatsapp_cloud", {"phone_number_id": "106540352242922", "api_version": "v21.0"},
                     {"access_token": "EAAG-token"})
    gateway.answer(Answer(200, WHATSAPP_OK))
    result = provider.send(whatsapp_message())
    [request] = gateway.received
    assert (request.method, request.path) == ("POST", "/v21.0/106540352242922/messages")
    assert request.headers["Authorization"] == "Bearer EAAG-token"
    assert request.headers["Content-Type"] == "application/json"
    assert request.json() == {
        "messaging_product": "whatsapp", "recipient_type": "individual", "to": "966501234567", "type": "template",
        "template": {"name": "wasl_case_received", "language": {"code": "ar"},
                     "components": [{"type": "body", "parameters": [
                         {"type": "text", "text": "جمعية وفاق"}, {"type": "text", "text": "1447-00012"}]}]},
        "biz_opaque_callback_data": KEY}
    assert result.outcome == Outcome.SENT and result.message_id.startswith("wamid.")


@pytest.mark.parametrize(("code", "outcome"), [(131026, Outcome.PERMANENT), (132001, Outcome.PERMANENT),
                                               (130429, Outcome.RETRYABLE), (131056, Outcome.RETRYABLE)])
def test_whatsapp_error_codes_are_mapped(base_urls, gateway, code, outcome):
    gateway.answer(Answer(400, {"error": {"message": "x", "type": "OAuthException", "code": code,
                                          "fbtrace_id": "A1"}}))
    provider = build("whatsapp_cloud", {"phone_number_id": "1"}, {"access_token": "t"})
    assert provider.send(whatsapp_message()).outcome == outcome


def test_whatsapp_needs_a_template(base_urls, gateway):
    provider = build("whatsapp_cloud", {"phone_number_id": "1"}, {"access_token": "t"})
    assert provider.send(whatsapp_message(template_name=None)).outcome == Outcome.PERMANENT
    assert gateway.received == []


def email(**kw) -> OutgoingMessage:
    values = {"channel": "email", "to": "noura@example.org", "body": "السلام عليكم نورة،\n\nاستلمنا طلبكم.",
              "subject": "جمعية وفاق: استلمنا طلبكم", "idempotency_key": KEY, "locale": "ar"}
    values.update(kw)
    return OutgoingMessage(**values)


def smtp_settings(server, **kw) -> dict:
    values = {"host": "127.0.0.1", "port": server.port, "security": "none", "from_address": "no-reply@wefaq.org",
              "from_name": "جمعية وفاق"}
    values.update(kw)
    return values


def test_email_is_delivered_to_a_real_smtp_server_and_read_back(smtp_server):
    result = build("smtp", smtp_settings(smtp_server), {}).send(email())
    [received] = smtp_server.messages
    message = received["message"]
    assert received["to"] == ["noura@example.org"] and received["from"] == "no-reply@wefaq.org"
    assert str(message["Subject"]) == "جمعية وفاق: استلمنا طلبكم"
    assert message["Message-ID"] == f"<{KEY}@wefaq.org>"
    assert message["Content-Language"] == "ar"
    assert message.get_content().replace("\r\n", "\n").strip() == "السلام عليكم نورة،\n\nاستلمنا طلبكم."
    assert (result.outcome, result.message_id) == (Outcome.SENT, f"<{KEY}@wefaq.org>")


def _authenticator(server, session, envelope, mechanism, auth_data):
    good = (auth_data.login, auth_data.password) == (b"mailer", b"s3cret")
    return AuthResult(success=good, handled=False)  # unhandled: the server answers 535 itself


@pytest.fixture
def tls(tmp_path, monkeypatch):
    ca_file, context = make_tls(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))  # the provider trusts the system store, now this CA
    return context


def test_starttls_with_authentication(tls):
    with SmtpServer(tls_context=tls, require_starttls=True, authenticator=_authenticator,
                    auth_require_tls=True, auth_exclude_mechanism=["LOGIN"]) as server:
        provider = build("smtp", smtp_settings(server, security="starttls", username="mailer"),
                         {"password": "s3cret"})
        assert provider.send(email()).outcome == Outcome.SENT
        wrong = build("smtp", smtp_settings(server, security="starttls", username="mailer"), {"password": "no"})
        refused = wrong.send(email())
        assert refused.outcome == Outcome.PERMANENT, refused.detail
        assert len(server.messages) == 1


def test_implicit_tls(tls):
    with SmtpServer(ssl_context=tls) as server:
        result = build("smtp", smtp_settings(server, security="ssl"), {}).send(email())
        assert result.outcome == Outcome.SENT and len(server.messages) == 1


def test_an_untrusted_certificate_is_not_accepted(tmp_path):
    _ca_file, context = make_tls(tmp_path)  # not trusted by the client
    with SmtpServer(ssl_context=context) as server:
        result = build("smtp", smtp_settings(server, security="ssl"), {}).send(email())
    assert result.outcome == Outcome.PERMANENT and "certificate" in result.detail


@pytest.mark.parametrize(("reply", "outcome"), [("550 5.1.1 no such mailbox", Outcome.PERMANENT),
                                                ("451 4.7.1 try again later", Outcome.RETRYABLE)])
def test_smtp_refusals_are_mapped(smtp_server, reply, outcome):
    smtp_server.mailbox.reply = reply
    result = build("smtp", smtp_settings(smtp_server), {}).send(email())
    assert result.outcome == outcome and smtp_server.messages == []


def test_smtp_server_down_is_retryable(app):
    result = build("smtp", {"host": "127.0.0.1", "port": 9, "security": "none", "from_address": "a@b.org"},
                   {}).send(email())
    assert result.outcome == Outcome.RETRYABLE


def test_private_smtp_hosts_are_refused_where_not_allowed(app, smtp_server):
    app.config["NOTIFICATIONS_SMTP_ALLOW_PRIVATE_HOSTS"] = False
    try:
        result = build("smtp", smtp_settings(smtp_server), {}).send(email())
    finally:
        app.config["NOTIFICATIONS_SMTP_ALLOW_PRIVATE_HOSTS"] = True
    assert result.outcome == Outcome.PERMANENT and smtp_server.messages == []


def test_console_provider_logs_a_masked_line_and_never_the_body(caplog):
    with caplog.at_level("INFO", logger="wasl.notifications.console"):
        result = build("console", {}, {}).send(sms())
    assert result.outcome == Outcome.SENT and KEY in caplog.text and "+9665" in caplog.text
    assert ARABIC not in caplog.text and "+966501234567" not in caplog.text


def test_console_provider_writes_the_whole_message_into_the_associations_folder(app, factory, tmp_path, caplog):
    from wasl.db import db
    from wasl.tenancy.scope import tenant_scope

    tenant = factory.tenant()
    app.config["NOTIFICATIONS_CONSOLE_OUTBOX"] = str(tmp_path)
    try:
        with caplog.at_level("INFO", logger="wasl.notifications.console"), tenant_scope(db.session, tenant.id):
            build("console", {}, {}).send(sms())
    finally:
        app.config["NOTIFICATIONS_CONSOLE_OUTBOX"] = None
    written = (tmp_path / str(tenant.id) / f"{KEY}.txt").read_text(encoding="utf-8")
    assert ARABIC in written and "+966501234567" in written
    assert [p.name for p in tmp_path.iterdir()] == [str(tenant.id)] and ARABIC not in caplog.text


def test_secrets_are_stored_encrypted(scoped):
    from tests.notifications.conftest import configure

    row = configure("sms", "taqnyat", {"sender": "WEFAQ"}, {"bearer_token": "very-secret-token"})
    assert "very-secret-token" not in (row.secrets_encrypted or "")
    assert row.secrets == {"bearer_token": "very-secret-token"}
    assert json.dumps(row.settings) == '{"sender": "WEFAQ"}'
