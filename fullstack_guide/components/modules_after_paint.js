// Fetches the page's modules once its prerendered HTML has painted (issue 11).
//
// The production build (fullstack_guide/first_paint.py) parks React Router's module script as
// an inert <script type="text/x-after-first-paint"> and moves its modulepreload links into that
// script's data-modulepreloads attribute, so nothing but the page and its stylesheet competes
// for the network, or for the main thread, before the first paint. This script, inlined in the
// head, puts them back once the page has painted: the preloads first (so the modules still
// download in parallel), then the module script itself, at the same place in the body, where
// React expects it when it hydrates. In `make dev` nothing is parked and this does nothing.
(function () {
  "use strict";
  const SELECTOR = 'script[type="text/x-after-first-paint"]';

  function start() {
    const parked = document.querySelector(SELECTOR);
    if (!parked) return; // nothing parked (dev server), or already started
    let preloads = [];
    try {
      preloads = JSON.parse(parked.dataset.modulepreloads || "[]");
    } catch (error) {
      preloads = []; // the modules still load, one import at a time
    }
    for (const href of preloads) {
      const link = document.createElement("link");
      link.rel = "modulepreload";
      link.href = href;
      document.head.appendChild(link);
    }
    const script = document.createElement("script");
    script.type = "module";
    script.textContent = parked.textContent; // allowed by the hash of the parked copy
    parked.replaceWith(script);
  }

  function afterFirstPaint() {
    // A hidden tab paints nothing (and runs no animation frames): start at once there.
    if (document.visibilityState === "hidden") {
      start();
      return;
    }
    document.addEventListener("visibilitychange", start, { once: true });
    // The frame after the parsed page's styles are computed paints it; the task queued from
    // its animation callback runs once that frame is out.
    requestAnimationFrame(function () {
      setTimeout(start, 0);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", afterFirstPaint, { once: true });
  } else {
    afterFirstPaint();
  }
})();
