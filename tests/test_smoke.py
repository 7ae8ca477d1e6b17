from tests.support.web import sign_in


def test_signed_in_member_enters_their_space(client, factory):
    tenant = factory.seed_tenant("wefaq")
    user = factory.member(tenant, "relations_officer")
    factory.commit()
    assert sign_in(client, user).status_code == 302
    page = client.get("/wefaq/")
    assert page.status_code == 200
    assert "جمعية وفاق بمحافظة القنفذة" in page.get_data(as_text=True)
