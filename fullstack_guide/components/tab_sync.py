"""Keep a tab in step with the learner's other tabs and devices, cheaply.

One "sync pulse" source per page (mounted by the layout) turns these into a window event,
``fsgsync``, that state handlers listen to through :func:`tab_sync`:

- another tab of this browser wrote the ``fsg_sync`` localStorage key (it does after every
  change it saved) or switched learner (sign-in/out): at once, since that is a change here;
- the tab becomes visible or gets focus: it may have missed changes while hidden;
- every ``POLL_S`` seconds since the last pulse while visible: another device's changes.

Hidden tabs do nothing until they are shown again. Pulses that come close together are merged
(at most one per ``GAP_MS``), but one always follows the last request, so a tab never stays
behind the final change of a burst. The listener renders nothing (no focusable control).
"""

from __future__ import annotations

import json
from typing import Annotated

import reflex as rx
from reflex.components.component import field
from reflex_base.event import no_args_event_spec
from reflex_components_core.core.window_events import WindowEventListener

from fullstack_guide.identity import LEARNER_TOKEN_KEY, SESSION_TOKEN_KEY
from fullstack_guide.state import SYNC_KEY

PULSE_EVENT = "fsgsync"
POLL_S = 15
GAP_MS = 500
SETTLE_MS = 100  # a focus and a visibilitychange arrive together: one pulse for both

_WATCHED_KEYS = (SYNC_KEY, SESSION_TOKEN_KEY, LEARNER_TOKEN_KEY)

_PULSE_SOURCE = f"""
useEffect(() => {{
  if (typeof window === "undefined") return;
  const keys = {json.dumps(_WATCHED_KEYS)};
  let last = Date.now(), timer = null;
  const fire = () => {{
    timer = null;
    last = Date.now();
    window.dispatchEvent(new Event("{PULSE_EVENT}"));
  }};
  const request = () => {{
    if (document.hidden || timer !== null) return;
    timer = window.setTimeout(fire, Math.max({SETTLE_MS}, last + {GAP_MS} - Date.now()));
  }};
  const onStorage = (e) => {{
    if (e.storageArea === window.localStorage && keys.includes(e.key)) request();
  }};
  const poll = window.setInterval(() => {{
    if (Date.now() - last >= {POLL_S * 1000}) request();
  }}, 1000);
  document.addEventListener("visibilitychange", request);
  window.addEventListener("focus", request);
  window.addEventListener("storage", onStorage);
  return () => {{
    window.clearInterval(poll);
    if (timer !== null) window.clearTimeout(timer);
    document.removeEventListener("visibilitychange", request);
    window.removeEventListener("focus", request);
    window.removeEventListener("storage", onStorage);
  }};
}}, []);
"""


class _SyncListener(WindowEventListener):
    """Calls its handler on every sync pulse (window event ``fsgsync``)."""

    # What rx.EventHandler[spec] builds at run time, spelled so that a type checker reads it.
    on_fsgsync: Annotated[rx.EventHandler, no_args_event_spec] = field(
        doc="Triggered when the tab should check for changes made elsewhere."
    )


def tab_sync(on_sync, *, source: bool = False, on_mount=None) -> rx.Component:
    """Run ``on_sync`` (a handler without arguments) whenever the tab should catch up.

    Args:
        on_sync: The check to run, e.g. ``IdentityState.identify(...)`` with the tokens.
        source: Also start the page's pulse source; exactly one listener per page does
            (the layout's), any others only listen.
    """
    mount = {"on_mount": on_mount} if on_mount is not None else {}
    return _SyncListener.create(
        on_fsgsync=on_sync, hooks=[_PULSE_SOURCE] if source else [], **mount
    )
