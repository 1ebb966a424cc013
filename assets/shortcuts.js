// Keyboard shortcuts that must work without a round trip to the server:
// Ctrl/Cmd-K or "/" opens the search palette; arrow keys move through its results.
(function () {
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }
  document.addEventListener("keydown", function (event) {
    var openKey = (event.key === "k" || event.key === "K") && (event.ctrlKey || event.metaKey);
    var slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target);
    if (openKey || slash) {
      var trigger = document.getElementById("search-trigger");
      if (trigger) {
        event.preventDefault();
        trigger.click();
      }
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var root = event.target.closest && event.target.closest("[data-search-root]");
    if (!root) return;
    var stops = [root.querySelector("[data-search-input]")].concat(
      Array.prototype.slice.call(root.querySelectorAll("[data-search-result]"))
    ).filter(Boolean);
    if (stops.length < 2) return;
    var at = stops.indexOf(document.activeElement);
    var next = event.key === "ArrowDown" ? (at + 1) % stops.length : (at - 1 + stops.length) % stops.length;
    event.preventDefault();
    stops[next].focus();
  });
})();
