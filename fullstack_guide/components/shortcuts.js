// Keyboard shortcuts that must work without a round trip to the server:
// Ctrl/Cmd-K or "/" opens the search palette, "?" opens the shortcuts help. Closing the palette
// gives focus back to where it was (window.fsgRestoreFocus, called by the dialog).
(function () {
  var opener = null;
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }
  function plain(event) {
    return !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target);
  }
  function paletteInput() {
    return document.querySelector("[data-search-root] input");
  }
  window.fsgRestoreFocus = function () {
    var target = opener && opener.isConnected ? opener : document.getElementById("search-trigger");
    opener = null;
    if (target) target.focus();
  };
  document.addEventListener(
    "click",
    function (event) {
      var trigger = event.isTrusted && event.target.closest && event.target.closest("#search-trigger");
      if (trigger) opener = trigger;
    },
    true
  );
  document.addEventListener("keydown", function (event) {
    var openKey = (event.key === "k" || event.key === "K") && (event.ctrlKey || event.metaKey);
    if (openKey || (event.key === "/" && plain(event))) {
      event.preventDefault();
      var input = paletteInput();
      if (input) return input.focus(); // already open: Ctrl-K again just returns to the input
      var trigger = document.getElementById("search-trigger");
      if (trigger) {
        opener = document.activeElement !== document.body ? document.activeElement : null;
        trigger.click();
      }
      return;
    }
    if (event.key === "?" && plain(event)) {
      var help = document.getElementById("shortcuts-trigger");
      if (help) {
        event.preventDefault();
        help.click();
      }
      return;
    }
    // In the palette, ↑/↓ move the selection (the server's job); keep the caret where it is.
    if ((event.key === "ArrowDown" || event.key === "ArrowUp") && event.target.closest &&
        event.target.closest("[data-search-input]")) {
      event.preventDefault();
    }
  });
})();
