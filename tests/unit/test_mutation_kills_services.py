"""Service behaviour that `make mutate` found unpinned: each test kills mutants that the other
unit tests let survive (see README.md, "Mutation testing")."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from fullstack_guide.models import ShareLink
from fullstack_guide.services import accounts, learners, sharing
from fullstack_guide.services.clock import as_utc
from fullstack_guide.services.search import Document, search

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def test_a_renewed_link_is_dated_at_the_moment_of_renewal(session):
    learner = learners.create_learner(session)[0]
    old = sharing.enable_share(session, learner.id, include_notes=False, now=T0)
    renewed_at = T0.replace(hour=15)
    new = sharing.renew_share(session, learner.id, include_notes=False, now=renewed_at)
    links = {link.id: link for link in session.exec(select(ShareLink)).all()}
    assert as_utc(links[old.link.id].revoked_at) == renewed_at
    assert as_utc(links[new.link.id].created_at) == renewed_at
    assert links[new.link.id].revoked_at is None


def test_the_sign_in_page_refusal_is_the_one_wrong_password_message():
    refusal = accounts.bad_credentials()
    assert isinstance(refusal, accounts.SignInError)
    assert str(refusal) == "Username or password is incorrect."


def test_among_names_holding_every_word_the_shorter_name_comes_first():
    def doc(title: str) -> Document:
        name = title.lower()
        return Document("Topic", title, "", f"/t/{name}", name, tuple(name.split()), "")

    index = (doc("Green Unicorn Worker Pool"), doc("Green Unicorn"))
    assert [h.title for h in search("unicorn gr", index=index)] == [
        "Green Unicorn",
        "Green Unicorn Worker Pool",
    ]
