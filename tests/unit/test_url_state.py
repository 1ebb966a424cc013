"""The builder and the journey keep what the learner chose in the URL (issue 14)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from reflex.istate.data import RouterData

from fullstack_guide import routes
from fullstack_guide.content import get_content
from fullstack_guide.pages.journey import JourneyState

CONTENT = get_content()


def on_url(state, url: str) -> None:
    data = {"asPath": url, "headers": {"origin": "http://localhost:3000"}}
    state.router_data = data
    state.router = RouterData.from_router_data(data)


def redirect_target(event) -> str:
    return str(event.args[0][1]).strip('"')


def test_builder_url_keeps_every_slot_including_hyphenated_ones():
    choices = {slot.slug: slot.options[-1] for slot in CONTENT.slots}
    url = routes.builder_url(choices)
    assert dict(parse_qsl(urlsplit(url).query)) == choices
    assert routes.builder_url({}) == routes.BUILDER


def test_journey_reads_step_choices_and_detours_from_the_url():
    hops = [hop for hop in CONTENT.hops if hop.options]
    hop = hops[1]
    other = hop.options[-1].topic
    journey = JourneyState(_reflex_internal_init=True)
    on_url(journey, f"/journey?step={hop.slug}&{hop.slug}={other}&bogus=1")
    journey.start()
    assert CONTENT.hops[journey.step].slug == hop.slug
    assert journey.choices[hop.slug] == other
    assert journey.detours is True
    on_url(journey, "/journey?step=no-such-hop&detours=off")
    journey.start()
    assert journey.step in journey._visible() and journey.detours is False


def test_journey_changes_push_a_url_that_reads_back_the_same():
    hop = next(hop for hop in CONTENT.hops if len(hop.options) > 1)
    journey = JourneyState(_reflex_internal_init=True)
    on_url(journey, "/journey")
    journey.start()
    journey.go(CONTENT.hops.index(hop))
    event = journey.choose(hop.slug, hop.options[-1].topic)
    assert event is not None
    assert journey.choose(hop.slug, hop.options[-1].topic) is None  # nothing changed: no push
    reread = JourneyState(_reflex_internal_init=True)
    on_url(reread, redirect_target(event))
    reread.start()
    assert (reread.step, reread.choices, reread.detours) == (
        journey.step,
        journey.choices,
        journey.detours,
    )
