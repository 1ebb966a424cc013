"""A tick re-renders the ticked item, not the whole checklist.

Reflex subscribes a component to a whole substate, so every checkbox and badge reading the
learner's statuses re-rendered on each tick of any item: most of the browser's time from click
to ticked box. ``components/state_slice.read_alone`` subscribes them to their own value.

React reports each commit to a DevTools hook, in production builds too. This one, installed
before the page's scripts, counts the components that rendered in a commit: fibers that are new
work (not the previous commit's objects) and carry React's PerformedWork flag.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import checkbox, wait_until_ready

RENDER_COUNTER = """
(() => {
  const PERFORMED_WORK = 1;
  let previous = new WeakSet();
  window.__fsgRendered = null;  // {name: count} while counting, else null
  const named = (fiber) => {
    const type = fiber.elementType ?? fiber.type;
    return type?.displayName ?? type?.name ?? (typeof type === "string" ? type : "");
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    renderers: new Map(),
    supportsFiber: true,
    isDisabled: false,
    inject(renderer) {
      const id = this.renderers.size + 1;
      this.renderers.set(id, renderer);
      return id;
    },
    checkDCE() {},
    onScheduleFiberRoot() {},
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    onCommitFiberRoot(_id, root) {
      const seen = new WeakSet();
      const stack = [root.current];
      while (stack.length) {
        const fiber = stack.pop();
        seen.add(fiber);
        const rendered = !previous.has(fiber) && (fiber.flags & PERFORMED_WORK) === PERFORMED_WORK;
        if (rendered && window.__fsgRendered && typeof fiber.type !== "string") {
          const name = named(fiber);
          window.__fsgRendered[name] = (window.__fsgRendered[name] ?? 0) + 1;
        }
        if (fiber.sibling) stack.push(fiber.sibling);
        if (fiber.child) stack.push(fiber.child);
      }
      previous = seen;
    },
  };
})();
"""


def _renders_of_one_tick(page: Page, title: str) -> dict[str, int]:
    page.evaluate("window.__fsgRendered = {}")
    checkbox(page, title).click()
    expect(checkbox(page, title)).to_be_checked()
    page.wait_for_timeout(500)  # the commits that follow the one that ticked the box
    rendered = page.evaluate("window.__fsgRendered")
    page.evaluate("window.__fsgRendered = null")
    return rendered


def test_a_tick_re_renders_that_item_not_the_checklist(page: Page) -> None:
    page.add_init_script(RENDER_COUNTER)
    page.goto("/checklist")
    wait_until_ready(page)
    boxes = page.get_by_role("checkbox")
    total = boxes.count()
    assert total >= 30, total  # the whole checklist is on the page
    # The first tick also mounts what only shows once there is progress (Undo and the like).
    _renders_of_one_tick(page, "Python fundamentals")

    rendered = _renders_of_one_tick(page, "Object-relational mappers (ORM)")

    # Reflex's memo wrapper and Radix's own component are both named Checkbox: one item's is 2.
    assert rendered.get("Checkbox", 0) <= 2, rendered
    assert rendered.get("Badge", 0) <= 4, rendered
