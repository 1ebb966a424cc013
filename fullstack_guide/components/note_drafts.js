// Unsaved note drafts (issue 14): every keystroke in a note editor is kept in this browser's
// localStorage under the key the editor names (data-note-draft-key), so text the server has
// not saved (too long, save failed, offline, closed too soon) survives a reload. The server
// removes the draft once that exact text is saved or the learner discards it
// (pages/checklist_item/state.py). While a draft exists, leaving the page asks first.
(function () {
  "use strict";
  const SELECTOR = "textarea[data-note-draft-key]";

  function draftKey(box) {
    return box && box.dataset ? box.dataset.noteDraftKey : "";
  }

  document.addEventListener("input", function (event) {
    const box = event.target;
    if (!(box instanceof HTMLTextAreaElement) || !box.matches(SELECTOR)) return;
    const key = draftKey(box);
    if (!key) return;
    try {
      localStorage.setItem(key, box.value);
    } catch (error) {
      // Storage full or disabled: the editor still works, only the safety net is missing.
    }
  });

  // Discard forgets the draft at once (the server also does, a round trip later).
  document.addEventListener(
    "click",
    function (event) {
      const target = event.target instanceof Element ? event.target : null;
      if (!target || !target.closest("[data-note-draft-discard]")) return;
      const key = draftKey(document.querySelector(SELECTOR));
      if (!key) return;
      try {
        localStorage.removeItem(key);
      } catch (error) {
        // Storage disabled: nothing was kept, so nothing to forget.
      }
    },
    true,
  );

  window.addEventListener("beforeunload", function (event) {
    const key = draftKey(document.querySelector(SELECTOR));
    let unsaved = false;
    try {
      unsaved = !!key && localStorage.getItem(key) !== null;
    } catch (error) {
      unsaved = false;
    }
    if (unsaved) {
      event.preventDefault();
      event.returnValue = ""; // older browsers need it set to show the prompt
    }
  });
})();
