"""The demo's list of sign-ins says who sets up an authenticator app on first sign-in."""

from wasl.demo import DEMO_PASSWORD, DEMO_STAFF, sign_in_list


def test_the_sign_in_list_marks_admins_and_the_operator_for_an_authenticator():
    lines = sign_in_list()
    text = "\n".join(lines)
    assert DEMO_PASSWORD in text and "authenticator app" in text and "first sign-in" in text
    assert "/operator/" in text
    marks = {line[2:].split()[0]: line[0] for line in lines if "@wasl.example" in line}
    assert set(marks) == {email for email, *_rest in DEMO_STAFF}
    assert marks["operator@wasl.example"] == "*" and marks["admin.wefaq@wasl.example"] == "*"
    assert marks["officer.wefaq@wasl.example"] == " " and marks["researcher.shared@wasl.example"] == " "
