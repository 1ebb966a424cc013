"""Every layer, technology, section, item and example has its own deep-link route."""

from fullstack_guide import (
    pages,  # noqa: F401  (registers the routes)
    routes,
)
from fullstack_guide.templates.template import PAGES

TOP_LEVEL = {
    routes.DASHBOARD,
    routes.JOURNEY,
    routes.BUILDER,
    routes.PATHS,
    routes.YOUR_DATA,
    routes.ACCOUNT,
    routes.HOME,
    routes.STACK,
    routes.CHECKLIST,
    routes.WHY_PYTHON,
    routes.WHO_USES,
    routes.SOURCES,
}


def test_one_route_per_entity(content):
    registered = {spec.route for spec in PAGES}
    expected = TOP_LEVEL | {routes.layer_url(layer.slug) for layer in content.layers}
    expected |= {routes.technology_url(t.layer, t.slug) for t in content.technologies}
    expected |= {routes.section_url(s.slug) for s in content.sections}
    expected |= {routes.item_url(s.slug, i.slug) for s in content.sections for i in s.items}
    expected |= {routes.example_url(e.slug) for e in content.examples}
    assert registered == expected
    assert len(PAGES) == len(registered)


def test_titles_and_descriptions_are_set(content):
    for spec in PAGES:
        assert spec.title.endswith("Full Stack Python Guide")
        assert 20 <= len(spec.description) <= 160, spec.route
